/*
 * Fake nodes for the unit tests of forwarding and of the end of a run: a
 * source that hands out scripted messages and counts taken(), a sink whose
 * offer() answers from a script (1 taken, 0 not now, -1 refused) and
 * records what it took; either may stand for a socket (a hand-made zsock
 * over a real spec). A "world" is a node table with routes between them,
 * built the way run.c builds a run's, without zmq.
 */
#ifndef ZMQCAT_FAKENODE_H
#define ZMQCAT_FAKENODE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/forward.h"
#include "../src/node.h"
#include "../src/route.h"
#include "../src/sock.h"
#include "../src/spec.h"
#include "../src/status.h"
#include "../src/xmalloc.h"

#define FAKE_MAX	8	/* nodes and routes in one world */

struct fake {
	struct node	 node;		/* first: ops get &f->node */
	/* as a source: messages, frames split at '|' */
	const char *const *script;
	size_t		 nscript;
	const int	*to;		/* per message: msg.to, or NULL */
	size_t		 at;		/* the next one to hand out */
	char		*cur;		/* the current one, split */
	struct iovec	*frames;
	int		 ntaken;
	int		 eof;		/* the script is all there is */
	/* as a sink: offer() says answers in turn, then answer */
	const int	*answers;
	size_t		 nanswers;
	size_t		 asked;
	int		 answer;
	int		 noffers;
	char		*got;		/* "f1|f2;" a message each */
	size_t		 gotlen;
	const struct format *fmt;	/* the last offer's */
	int		 last;		/* and whether it was the last route */
	/* as any node */
	int		 nreports;
	int		 signalled;
	int		 nidle;
	struct zsock	*zs;		/* ours to free, or NULL */
};

/* Hand out the next scripted message, its frames split at '|'. */
static int
fake_next(struct node *n)
{
	struct fake *f = (struct fake *)n;
	size_t k = 1;
	char *p;

	if (f->at >= f->nscript)
		return 0;
	free(f->cur);
	f->cur = xstrdup(f->script[f->at]);
	for (p = f->cur; *p != '\0'; p++)
		k += *p == '|';
	f->frames = xrealloc(f->frames, k * sizeof(*f->frames));
	f->frames[0].iov_base = f->cur;
	for (k = 1, p = f->cur; *p != '\0'; p++)
		if (*p == '|') {
			*p = '\0';
			f->frames[k - 1].iov_len = (size_t)(p -
			    (char *)f->frames[k - 1].iov_base);
			f->frames[k++].iov_base = p + 1;
		}
	f->frames[k - 1].iov_len = (size_t)(p -
	    (char *)f->frames[k - 1].iov_base);
	n->msg.frames = f->frames;
	n->msg.nframes = k;
	n->msg.to = f->to != NULL ? f->to[f->at] : -1;
	n->msg.seq = ++f->at;
	return 1;
}

/* Every route has the message: count it. */
static void
fake_taken(struct node *n)
{
	((struct fake *)n)->ntaken++;
}

/* Done once the script ended and all of it was taken, like stdin. */
static int
fake_finished(const struct node *n)
{
	const struct fake *f = (const struct fake *)n;

	return f->eof && (size_t)f->ntaken == f->nscript;
}

/* Nothing more than the script can come once it ended. */
static int
fake_exhausted(const struct node *n)
{
	return ((const struct fake *)n)->eof;
}

/* The messages of the script not yet taken, as stdin's unsent ones. */
static size_t
fake_pending(const struct node *n)
{
	const struct fake *f = (const struct fake *)n;

	return f->nscript - (size_t)f->ntaken;
}

/* Answer from the script; record what was taken and with which format. */
static int
fake_offer(struct node *n, struct msg *m, const struct format *fmt,
    int last)
{
	struct fake *f = (struct fake *)n;
	int rc = f->asked < f->nanswers ? f->answers[f->asked++] : f->answer;
	size_t i, len;

	f->noffers++;
	f->fmt = fmt;
	f->last = last;
	if (rc != 1)
		return rc;
	for (i = 0; i < m->nframes; i++) {
		len = m->frames[i].iov_len;
		f->got = xrealloc(f->got, f->gotlen + len + 2);
		memcpy(f->got + f->gotlen, m->frames[i].iov_base, len);
		f->gotlen += len;
		f->got[f->gotlen++] = i + 1 < m->nframes ? '|' : ';';
		f->got[f->gotlen] = '\0';
	}
	return 1;
}

/* Why the fake sink does not take it, for the end-of-run reports. */
static void
fake_why_full(const struct node *n, char *buf, size_t len)
{
	snprintf(buf, len, "%s is full", n->name);
}

/* Count the end-of-run reports. */
static void
fake_report(struct node *n, int signalled)
{
	struct fake *f = (struct fake *)n;

	f->nreports++;
	f->signalled = signalled;
}

/* Count the flushes. */
static void
fake_idle(struct node *n)
{
	((struct fake *)n)->nidle++;
}

/* Free the fake, its socket and what it recorded. */
static void
fake_destroy(struct node *n)
{
	struct fake *f = (struct fake *)n;

	if (f->zs != NULL)
		spec_destroy(&f->zs->spec);
	free(f->zs);
	free(f->cur);
	free(f->frames);
	free(f->got);
	free(f);
}

static const struct node_ops fake_ops = {
	.idle = fake_idle,
	.next = fake_next,
	.taken = fake_taken,
	.finished = fake_finished,
	.exhausted = fake_exhausted,
	.pending = fake_pending,
	.offer = fake_offer,
	.why_full = fake_why_full,
	.report = fake_report,
	.destroy = fake_destroy,
};

/* What the fake sink took so far ("" for nothing). */
static const char * __attribute__((unused))
fake_got(const struct fake *f)
{
	return f->got != NULL ? f->got : "";
}

/* Forget what the fake sink took and was offered. */
static void __attribute__((unused))
fake_clear(struct fake *f)
{
	free(f->got);
	f->got = NULL;
	f->gotlen = 0;
	f->noffers = 0;
}

/* Script the sink's answers: these first, then 1. */
static void __attribute__((unused))
fake_answers(struct fake *f, const int *answers, size_t n)
{
	f->answers = answers;
	f->nanswers = n;
	f->asked = 0;
	f->answer = 1;
}

/* Script the source's messages. */
static void __attribute__((unused))
fake_script(struct fake *f, const char *const *script, size_t n)
{
	f->script = script;
	f->nscript = n;
	f->at = 0;
	f->ntaken = 0;
}

/* A node table, its routes and their forwarding, as a run has them. */
struct world {
	struct fake		*f[FAKE_MAX];
	struct node		*nodes[FAKE_MAX];
	size_t			 n;
	struct route		*routes[FAKE_MAX];
	size_t			 nroutes;
	struct forward_ends	 ends;
	struct forward		 fwd;
};

/* Start an empty world. */
static void __attribute__((unused))
world_init(struct world *w)
{
	memset(w, 0, sizeof(*w));
	w->ends.in = w->ends.out = w->ends.demo = -1;
}

/* Add a fake named name: "stdin", "stdout" and "demo" are those ends. */
static struct fake * __attribute__((unused))
world_add(struct world *w, const char *name, int flags)
{
	struct fake *f = xmalloc(sizeof(*f));

	if (w->n == FAKE_MAX)
		abort();
	memset(f, 0, sizeof(*f));
	f->node.ops = &fake_ops;
	f->node.name = f->node.label = name;
	f->node.type = "FAKE";
	f->node.index = (int)w->n;
	f->node.flags = flags;
	f->node.batch = 1;
	f->node.msg.to = -1;
	f->answer = 1;
	if (strcmp(name, "stdin") == 0)
		w->ends.in = (int)w->n;
	else if (strcmp(name, "stdout") == 0)
		w->ends.out = (int)w->n;
	else if (strcmp(name, "demo") == 0)
		w->ends.demo = (int)w->n;
	w->f[w->n] = f;
	w->nodes[w->n++] = &f->node;
	return f;
}

/* Add a fake socket from a spec (NAME=TYPE:MODE:ENDPOINT), over a
 * hand-made zsock that knows its peers (none yet). */
static struct fake * __attribute__((unused))
world_sock(struct world *w, const char *spec, int flags)
{
	char err[ZC_ERRLEN];
	struct spec *s = spec_parse(spec, err, sizeof(err));
	struct fake *f;

	if (s == NULL) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	f = world_add(w, s->name, flags);
	f->zs = xmalloc(sizeof(*f->zs));
	memset(f->zs, 0, sizeof(*f->zs));
	f->zs->spec = s;
	f->zs->peers_known = 1;
	f->node.zs = f->zs;
	f->node.type = s->type->name;
	return f;
}

/* The table index, or route end, a name stands for. */
static int
world_end(const struct world *w, const char *name)
{
	size_t i;

	if (strcmp(name, "stdin") == 0)
		return ROUTE_STDIN;
	if (strcmp(name, "stdout") == 0)
		return ROUTE_STDOUT;
	if (strcmp(name, "demo") == 0)
		return ROUTE_DEMO;
	for (i = 0; i < w->n; i++)
		if (strcmp(w->nodes[i]->name, name) == 0)
			return (int)i;
	abort();
}

/* Add a route from a -r rule, its names resolved in the world. */
static struct route * __attribute__((unused))
world_route(struct world *w, const char *rule)
{
	char err[ZC_ERRLEN];
	struct route *r = route_parse(rule, err, sizeof(err));

	if (r == NULL || w->nroutes == FAKE_MAX) {
		fprintf(stderr, "%s\n", r == NULL ? err : "too many routes");
		abort();
	}
	r->src = world_end(w, r->from);
	r->dst = world_end(w, r->to);
	w->routes[w->nroutes++] = r;
	return r;
}

/* Build the forwarding over the world's nodes and routes. */
static void __attribute__((unused))
world_forward(struct world *w, int to_field)
{
	forward_init(&w->fwd, w->nodes, w->n, w->routes, w->nroutes,
	    &w->ends, to_field);
}

/* Take the source's next message and offer it along its routes, as the
 * loop does; returns how many routes it took (-1: none to take). */
static long __attribute__((unused))
world_send(struct world *w, struct fake *src)
{
	if (!src->node.ops->next(&src->node))
		return -1;
	return (long)forward_move(&w->fwd, &src->node);
}

/* Release the world. */
static void __attribute__((unused))
world_free(struct world *w)
{
	size_t i;

	forward_free(&w->fwd);
	for (i = 0; i < w->nroutes; i++)
		route_destroy(&w->routes[i]);
	for (i = 0; i < w->n; i++)
		node_destroy(&w->nodes[i]);
}

#endif
