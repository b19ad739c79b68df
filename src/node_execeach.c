/*
 * --exec-each [NAME=]CMD: a command run once per message. A message
 * routed here starts one, up to --exec-max at once (more wait: the
 * source is held), with the message on its stdin (its body, frames
 * joined by -F; or one -J envelope with --exec-json) and where it came
 * from in its environment. Its whole stdout, once it has ended, is one
 * reply, which comes from NAME: one trailing newline is taken off (jq
 * and echo end what they print with one), and -F, when given, splits it
 * into frames. A request from a ROUTER keeps its envelope (routing id,
 * and the empty delimiter a REQ puts after it) with the command, and the
 * reply carries it in front, so concurrent requests are answered to the
 * right peers. A command that fails or times out is said and counted;
 * its request is still answered, with what it printed (a REP must
 * answer before it can take the next request).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "clock.h"
#include "input.h"
#include "log.h"
#include "node_execeach.h"
#include "outbuf.h"
#include "signals.h"
#include "status.h"
#include "waitset.h"
#include "xmalloc.h"

#define EE_BATCH	256	/* replies handed on per turn */
#define EE_READ		65536	/* bytes of a stdout read at once */
#define EE_NVARS	6	/* ZMQCAT_* variables a command gets */

/* A job's poll items: tag = slot * EE_TAGS + one of these. */
enum { EE_IN, EE_OUT, EE_ERR, EE_TAGS };

/* One command under way. */
struct ee_job {
	int		 used;
	struct child	 ch;
	struct outbuf	 in;		/* its stdin, all of it */
	size_t		 in_off;	/* written so far */
	struct outbuf	 out;		/* its stdout so far */
	struct outbuf	 env;		/* the request's envelope frames */
	size_t		*envlen;	/* their lengths */
	size_t		 nenv;
	size_t		 envcap;
	uint64_t	 seq;		/* the request's number */
	int64_t		 deadline;	/* --exec-timeout; 0: none */
	int		 timed_out;
};

/* A reply waiting to be handed on. */
struct ee_reply {
	struct ee_reply	*next;
	struct iovec	*iov;
	size_t		 n;
	char		*data;
	uint64_t	 seq;
};

struct node_execeach {
	struct node			 node;
	struct node_execeach_conf	 c;
	struct node_runs		 runs;
	struct ee_job			*jobs;		/* c.max slots */
	size_t				 running;
	struct ee_reply			*head, *tail;
	size_t				 nreplies;
	sig_atomic_t			 seen;		/* signals_children */
	struct iovec			*split;		/* reused by splits */
	size_t				 splitcap;
	char				 err[ZC_ERRLEN];
};

/* How many of the frames are the envelope of a request from a ROUTER:
 * the routing id, and up to the first empty frame (a REQ's delimiter)
 * when there is one; 0 for any other message. */
static size_t
ee_envelope(const struct msg *m)
{
	size_t i;

	if (!m->is_router || m->nframes == 0)
		return 0;
	for (i = 1; i < m->nframes; i++)
		if (m->frames[i].iov_len == 0)
			return i + 1;
	return 1;
}

/* Keep the envelope frames of m with the job. */
static void
ee_keep_envelope(struct ee_job *j, const struct msg *m, size_t n)
{
	size_t i;

	j->env.len = 0;
	if (n > j->envcap) {
		j->envcap = n;
		j->envlen = xrealloc(j->envlen, n * sizeof(*j->envlen));
	}
	for (i = 0; i < n; i++) {
		outbuf_put(&j->env, m->frames[i].iov_base,
		    m->frames[i].iov_len);
		j->envlen[i] = m->frames[i].iov_len;
	}
	j->nenv = n;
}

/* What its stdin gets: the route's format, or the -J envelope, or the
 * body (the frames after the envelope) joined by -F. */
static void
ee_render(const struct node_execeach *s, struct ee_job *j,
    const struct msg *m, const struct format *fmt, size_t nenv)
{
	size_t i;

	j->in.len = j->in_off = 0;
	if (fmt != NULL || s->c.json != NULL) {
		format_render(fmt != NULL ? fmt : s->c.json, m, &j->in);
		return;
	}
	for (i = nenv; i < m->nframes; i++) {
		if (i > nenv)
			outbuf_put(&j->in, s->c.fdelim, s->c.fdlen);
		outbuf_put(&j->in, m->frames[i].iov_base, m->frames[i].iov_len);
	}
}

/* Peer-Address of the message, as its socket read it (a run with
 * --exec-each asks them for it: run.c); "" when not from a socket. */
static const char *
ee_peer(const struct msg *m)
{
	return m->peer != NULL ? m->peer : "";
}

/* "NAME=" and value into a new string. */
static char *
ee_var(const char *name, const char *value, size_t len)
{
	size_t n = strlen(name);
	char *v = xmalloc(n + 1 + len + 1);

	memcpy(v, name, n);
	v[n] = '=';
	memcpy(v + n + 1, value, len);
	v[n + 1 + len] = '\0';
	return v;
}

/* The ZMQCAT_* variables that say where the message came from. */
static void
ee_vars(const struct msg *m, size_t nenv, char *vars[EE_NVARS])
{
	static const char hexd[] = "0123456789abcdef";
	char num[32], *hex;
	const unsigned char *id;
	size_t i, idlen = nenv > 0 ? m->frames[0].iov_len : 0;

	vars[0] = ee_var("ZMQCAT_SOCKET", m->sockname, strlen(m->sockname));
	vars[1] = ee_var("ZMQCAT_TYPE", m->socktype, strlen(m->socktype));
	vars[2] = ee_var("ZMQCAT_PEER", ee_peer(m), strlen(ee_peer(m)));
	hex = xmalloc(2 * idlen + 1);
	id = nenv > 0 ? m->frames[0].iov_base : NULL;
	for (i = 0; i < idlen; i++) {
		hex[2 * i] = hexd[id[i] >> 4];
		hex[2 * i + 1] = hexd[id[i] & 0xf];
	}
	vars[3] = ee_var("ZMQCAT_ROUTING_ID", hex, 2 * idlen);
	free(hex);
	snprintf(num, sizeof(num), "%zu", m->nframes - nenv);
	vars[4] = ee_var("ZMQCAT_FRAMES", num, strlen(num));
	snprintf(num, sizeof(num), "%" PRIu64, m->seq);
	vars[5] = ee_var("ZMQCAT_SEQ", num, strlen(num));
}

/* Write what its stdin still lacks, as much as the pipe takes; close it
 * once all is written (or the command no longer reads: EPIPE). */
static void
ee_flush(struct ee_job *j)
{
	ssize_t k;

	while (j->ch.in >= 0 && j->in_off < j->in.len) {
		k = write(j->ch.in, j->in.buf + j->in_off, j->in.len -
		    j->in_off);
		if (k > 0)
			j->in_off += (size_t)k;
		else if (k == -1 && errno == EAGAIN)
			return;
		else if (k == -1 && errno != EINTR)
			break;	/* EPIPE: it ended, or closed its stdin */
	}
	child_close_in(&j->ch);
}

/* A free slot, or NULL at --exec-max. */
static struct ee_job *
ee_free_slot(struct node_execeach *s)
{
	int i;

	for (i = 0; i < s->c.max; i++)
		if (!s->jobs[i].used)
			return &s->jobs[i];
	return NULL;
}

/* Queue a reply: the envelope, then the output (one trailing newline
 * off), split at -F when given. */
static void
ee_reply(struct node_execeach *s, struct ee_job *j)
{
	struct ee_reply *r = xmalloc(sizeof(*r));
	size_t i, nout = j->out.len, nf = 1;
	char *p;

	if (nout > 0 && j->out.buf[nout - 1] == '\n')
		nout--;
	if (s->c.split)
		nf = input_split(j->out.buf, nout, s->c.fdelim, s->c.fdlen,
		    &s->split, &s->splitcap);
	r->next = NULL;
	r->seq = j->seq;
	r->n = j->nenv + nf;
	r->iov = xmalloc(r->n * sizeof(*r->iov));
	r->data = p = xmalloc(j->env.len + nout + 1);
	memcpy(p, j->env.buf, j->env.len);
	memcpy(p + j->env.len, j->out.buf, nout);
	for (i = 0; i < j->nenv; i++) {
		r->iov[i].iov_base = p;
		r->iov[i].iov_len = j->envlen[i];
		p += j->envlen[i];
	}
	for (i = 0; i < nf; i++) {
		r->iov[j->nenv + i].iov_base = !s->c.split ? p : p +
		    ((char *)s->split[i].iov_base - j->out.buf);
		r->iov[j->nenv + i].iov_len = !s->c.split ? nout :
		    s->split[i].iov_len;
	}
	if (s->tail != NULL)
		s->tail->next = r;
	else
		s->head = r;
	s->tail = r;
	s->nreplies++;
}

/* A command that could not start: said, counted, and answered with
 * nothing, as one that printed nothing. */
static void
ee_not_started(struct node_execeach *s, struct ee_job *j)
{
	warnx("%s: message %" PRIu64 ": %s", s->node.name, j->seq, s->err);
	s->runs.failures++;
	s->node.failed = 1;
	j->out.len = 0;
	if (s->c.has_out)
		ee_reply(s, j);
}

/*
 * Start a command for a message: 1 once started (or, when it cannot
 * start, answered with nothing), 0 while --exec-max of them run (the
 * source holds the message).
 */
static int
ee_offer(struct node *n, struct msg *m, const struct format *fmt, int last)
{
	struct node_execeach *s = (struct node_execeach *)n;
	struct ee_job *j = ee_free_slot(s);
	size_t i, nenv = ee_envelope(m);
	char *vars[EE_NVARS];
	int rc;

	(void)last;
	if (j == NULL)
		return 0;
	ee_keep_envelope(j, m, nenv);
	ee_render(s, j, m, fmt, nenv);
	ee_vars(m, nenv, vars);
	j->seq = m->seq;
	j->out.len = 0;
	j->timed_out = 0;
	s->runs.runs++;
	child_init(&j->ch, n->name);
	rc = child_start(&j->ch, s->c.spec->cmd, vars, EE_NVARS, s->err,
	    sizeof(s->err));
	for (i = 0; i < EE_NVARS; i++)
		free(vars[i]);
	if (rc == -1) {
		child_stop(&j->ch, 0);
		ee_not_started(s, j);
		return 1;
	}
	j->used = 1;
	s->running++;
	j->deadline = s->c.timeout ? j->ch.start + s->c.timeout : 0;
	ee_flush(j);
	return 1;
}

/* Wait for each command's stdin to take more, for its stdout and
 * stderr, its timeout, its kill; replies waiting are handed on now. */
static void
ee_want(struct node *n, struct waitset *ws)
{
	struct node_execeach *s = (struct node_execeach *)n;
	struct ee_job *j;
	int i;

	if (s->head != NULL && n->reading) {
		n->readable = 1;
		waitset_due(ws, 0);
	}
	for (i = 0; i < s->c.max; i++) {
		if (!(j = &s->jobs[i])->used)
			continue;
		if (j->ch.in >= 0)
			waitset_fd(ws, n, i * EE_TAGS + EE_IN, j->ch.in,
			    ZMQ_POLLOUT);
		if (j->ch.out >= 0)
			waitset_fd(ws, n, i * EE_TAGS + EE_OUT, j->ch.out,
			    ZMQ_POLLIN);
		if (j->ch.err >= 0)
			waitset_fd(ws, n, i * EE_TAGS + EE_ERR, j->ch.err,
			    ZMQ_POLLIN);
		if (j->deadline && !j->timed_out)
			waitset_due(ws, j->deadline);
		waitset_due(ws, child_kill_due(&j->ch));
		/* a command reaped whose pipes a process it left holds */
		if (j->ch.reaped)
			waitset_due(ws, j->ch.end + CHILD_GRACE_MS);
	}
}

/* Read a command's stdout once: all of it makes the reply. */
static void
ee_read(struct ee_job *j)
{
	char *room = outbuf_reserve(&j->out, EE_READ);
	ssize_t k = read(j->ch.out, room, j->out.cap - j->out.len);

	if (k > 0)
		j->out.len += (size_t)k;
	else if (k == 0 || (errno != EAGAIN && errno != EINTR))
		child_close_out(&j->ch);
}

/* A command's stdin has room, or its stdout or stderr has something. */
static void
ee_ready(struct node *n, int tag, short revents)
{
	struct node_execeach *s = (struct node_execeach *)n;
	struct ee_job *j = &s->jobs[tag / EE_TAGS];

	(void)revents;
	switch (tag % EE_TAGS) {
	case EE_IN:
		ee_flush(j);
		break;
	case EE_OUT:
		ee_read(j);
		break;
	default:
		(void)child_read_err(&j->ch);
		break;
	}
}

/* A command is over: say how, if it failed; count it; queue its reply;
 * free its slot. */
static void
ee_done(struct node_execeach *s, struct ee_job *j)
{
	struct node *n = &s->node;
	char how[64];

	node_runs_ended(&s->runs, j->ch.end - j->ch.start);
	if (j->timed_out) {
		s->runs.timeouts++;
		warnx("%s: message %" PRIu64 ": '%s' took more than %d ms; "
		    "killed", n->name, j->seq, s->c.spec->cmd, s->c.timeout);
	} else if (child_failed(&j->ch)) {
		s->runs.failures++;
		child_status_text(j->ch.status, how, sizeof(how));
		warnx("%s: message %" PRIu64 ": '%s' %s", n->name, j->seq,
		    s->c.spec->cmd, how);
	}
	if (j->timed_out || child_failed(&j->ch))
		n->failed = 1;
	child_stop(&j->ch, 0);
	if (s->c.has_out)
		ee_reply(s, j);
	j->used = 0;
	s->running--;
}

/* Reap the commands that ended, time out the slow ones, and finish
 * those whose output is all in (or whose pipes a process they left
 * still holds, a grace after they ended). */
static void
ee_tick(struct node *n, int64_t now)
{
	struct node_execeach *s = (struct node_execeach *)n;
	int i, reap = s->seen != signals_children;
	struct ee_job *j;

	s->seen = signals_children;
	for (i = 0; i < s->c.max; i++) {
		if (!(j = &s->jobs[i])->used)
			continue;
		if (reap)
			(void)child_reap(&j->ch, now);
		if (j->deadline && !j->timed_out && !j->ch.reaped &&
		    now >= j->deadline) {
			j->timed_out = 1;
			child_terminate(&j->ch, now);
		}
		child_kill_tick(&j->ch, now);
		if (j->ch.reaped && ((j->ch.out < 0 && j->ch.err < 0) ||
		    now >= j->ch.end + CHILD_GRACE_MS))
			ee_done(s, j);
	}
}

/* The next reply into n->msg. */
static int
ee_next(struct node *n)
{
	struct node_execeach *s = (struct node_execeach *)n;

	if (s->head == NULL)
		return 0;
	n->msg.frames = s->head->iov;
	n->msg.nframes = s->head->n;
	n->msg.seq = s->head->seq;
	return 1;
}

/* Every route has the reply: let it go. */
static void
ee_taken(struct node *n)
{
	struct node_execeach *s = (struct node_execeach *)n;
	struct ee_reply *r = s->head;

	if (r == NULL)
		return;
	if ((s->head = r->next) == NULL)
		s->tail = NULL;
	s->nreplies--;
	free(r->iov);
	free(r->data);
	free(r);
}

/* Nonzero while no command runs and no reply waits. */
static int
ee_finished(const struct node *n)
{
	const struct node_execeach *s = (const struct node_execeach *)n;

	return s->running == 0 && s->head == NULL;
}

/* Replies not handed on. */
static size_t
ee_pending(const struct node *n)
{
	return ((const struct node_execeach *)n)->nreplies;
}

/* Why it cannot take the held message. */
static void
ee_why_full(const struct node *n, char *buf, size_t len)
{
	const struct node_execeach *s = (const struct node_execeach *)n;

	snprintf(buf, len, "%s was running %d command%s (--exec-max)", n->name,
	    s->c.max, s->c.max == 1 ? "" : "s");
}

/* At the end: commands still running lose their replies (they are
 * killed next), as do replies not handed on; said, and the run fails
 * unless a signal stopped it. */
static void
ee_report(struct node *n, int signalled)
{
	struct node_execeach *s = (struct node_execeach *)n;

	if (s->running == 0 && s->nreplies == 0)
		return;
	if (signalled) {
		log_msg(LOG_INFO, "%s: %zu command%s killed, %zu repl%s "
		    "dropped at the signal", n->name, s->running, s->running ==
		    1 ? "" : "s", s->nreplies, s->nreplies == 1 ? "y" : "ies");
		return;
	}
	warnx("%s: the run ended with %zu command%s running (killed) and "
	    "%zu repl%s not handed on", n->name, s->running, s->running == 1 ?
	    "" : "s", s->nreplies, s->nreplies == 1 ? "y" : "ies");
	n->failed = 1;
}

/* The end: commands still running are killed (SIGTERM to their groups,
 * SIGKILL after the grace) and reaped; replies not handed on go. */
static void
ee_destroy(struct node *n)
{
	struct node_execeach *s = (struct node_execeach *)n;
	int i;

	for (i = 0; i < s->c.max; i++) {
		if (s->jobs[i].used)
			child_stop(&s->jobs[i].ch, 0);
		outbuf_free(&s->jobs[i].in);
		outbuf_free(&s->jobs[i].out);
		outbuf_free(&s->jobs[i].env);
		free(s->jobs[i].envlen);
	}
	while (s->head != NULL)
		ee_taken(n);
	free(s->jobs);
	free(s->split);
	free(s);
}

static const struct node_ops node_execeach_ops = {
	.want = ee_want,
	.ready = ee_ready,
	.tick = ee_tick,
	.next = ee_next,
	.taken = ee_taken,
	.finished = ee_finished,
	.exhausted = ee_finished,
	.pending = ee_pending,
	.offer = ee_offer,
	.why_full = ee_why_full,
	.report = ee_report,
	.destroy = ee_destroy,
};

/* A node for --exec-each; conf's pointers outlive it. */
struct node *
node_execeach_new(const struct node_execeach_conf *conf)
{
	struct node_execeach *s = xmalloc(sizeof(*s));
	struct node *n = &s->node;
	int i;

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	node_init(n, &node_execeach_ops, conf->spec->name, "EXEC-EACH");
	n->batch = EE_BATCH;
	n->flags = NODE_SINK | NODE_WORKS | NODE_ANSWERS;
	n->runs = &s->runs;
	n->msg.fdelim = conf->fdelim;
	n->msg.fdelim_len = conf->fdlen;
	s->jobs = xmalloc((size_t)conf->max * sizeof(*s->jobs));
	memset(s->jobs, 0, (size_t)conf->max * sizeof(*s->jobs));
	for (i = 0; i < conf->max; i++) {
		outbuf_init(&s->jobs[i].in, -1, 256);
		outbuf_init(&s->jobs[i].out, -1, 256);
		outbuf_init(&s->jobs[i].env, -1, 64);
	}
	s->seen = signals_children;
	return n;
}
