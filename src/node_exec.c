/*
 * --exec [NAME=]CMD: one long-running command as a node. Messages routed
 * to it are written to its stdin as zmqcat's stdout would print them
 * (-f or %s and -D, or -J envelopes); its stdout is split into messages
 * as zmqcat's stdin is, and they follow the routes from NAME. Writes
 * never block: what the pipe cannot take waits in a buffer, and while
 * that is full the sources routed here are held (backpressure, as for a
 * full socket). A co-process that dies ends the run with status 1, or
 * is started again (--exec-restart).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "child.h"
#include "clock.h"
#include "input.h"
#include "log.h"
#include "node_exec.h"
#include "outbuf.h"
#include "signals.h"
#include "status.h"
#include "waitset.h"
#include "xmalloc.h"

#define NODE_EXEC_BATCH		1024	/* messages handed on per turn */
#define NODE_EXEC_BUF		65536	/* bytes held for its stdin before
					 * the sources routed here wait */
#define NODE_EXEC_RESTART_MS	1000	/* starts at most this often */

/* The poll items of a co-process. */
enum { TAG_IN, TAG_OUT, TAG_ERR };

struct node_exec {
	struct node		 node;
	struct node_exec_conf	 c;
	struct child		 ch;
	struct node_runs	 runs;
	struct outbuf		 in;		/* for its stdin, not yet taken */
	size_t			 in_off;	/* the part written already */
	struct input		 out;		/* its stdout */
	struct inmsg		 dec;
	int			 in_done;	/* we closed its stdin: the
						 * sources routed here are done */
	int			 stopped;	/* the run stopped: its input
						 * ends once what waits is in */
	int			 in_gone;	/* it closed its stdin */
	int			 over;		/* it ended and was dealt with */
	int			 told;		/* that it no longer reads */
	int64_t			 restart_at;	/* start it again then; 0: no */
	sig_atomic_t		 seen;		/* signals_children, reaped */
	char			 err[ZC_ERRLEN];
};

/* Bytes waiting for its stdin. */
static size_t
node_exec_queued(const struct node_exec *s)
{
	return s->in.len - s->in_off;
}

/* It no longer reads (it closed its stdin, or ended): what waits for
 * it is dropped. */
static void
node_exec_in_gone(struct node_exec *s)
{
	s->in_gone = 1;
	s->in.len = s->in_off = 0;
	child_close_in(&s->ch);
}

/* What offer says while its stdin is closed: 0 (hold) while it is to
 * be started again; else -1, said once unless its end is (a command
 * that ended is said by node_exec_ended). */
static int
node_exec_refuse(struct node_exec *s)
{
	if (!s->ch.reaped)
		(void)child_reap(&s->ch, clock_mono_ms());
	if (s->c.restart && (s->restart_at || s->ch.reaped))
		return 0;
	if (!s->ch.reaped && !s->told)
		warnx("%s: the command closed its stdin; messages to it are "
		    "dropped", s->node.name);
	s->told = 1;
	return -1;
}

/* Write what waits to its stdin, as much as the pipe takes now. */
static void
node_exec_flush(struct node_exec *s)
{
	ssize_t k;

	while (s->ch.in >= 0 && node_exec_queued(s) > 0) {
		k = write(s->ch.in, s->in.buf + s->in_off, node_exec_queued(s));
		if (k > 0) {
			s->in_off += (size_t)k;
			continue;
		}
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1 && errno == EAGAIN)
			return;
		node_exec_in_gone(s);	/* EPIPE: it has gone, or closed it */
		return;
	}
	if (node_exec_queued(s) == 0)
		s->in.len = s->in_off = 0;
}

/* Nonzero once every node routed here is done: it has nothing more. */
static int
node_exec_fed(const struct node_exec *s)
{
	const struct node *f;
	size_t i;

	for (i = 0; i < s->c.nfeeders; i++) {
		f = s->c.feeders[i];
		if (f->held || f->ops->finished == NULL || !f->ops->finished(f))
			return 0;
	}
	return 1;
}

/* Nonzero once its stdout has ended and all of it was handed on. */
static int
node_exec_drained(const struct node_exec *s)
{
	return input_done(&s->out) || (!s->c.has_out && s->ch.out < 0);
}

/* Wait for room in its stdin for what waits, for its stdout (while the
 * run takes its messages; always when no route does: it must not fill
 * the pipe and stall), its stderr, a restart, a kill. */
static void
node_exec_want(struct node *n, struct waitset *ws)
{
	struct node_exec *s = (struct node_exec *)n;
	const char *msg;
	size_t len;

	if (s->ch.in >= 0 && node_exec_queued(s) > 0)
		waitset_fd(ws, n, TAG_IN, s->ch.in, ZMQ_POLLOUT);
	if (n->reading && input_peek(&s->out, &msg, &len) == 1) {
		n->readable = 1;
		waitset_due(ws, 0);
	} else if (s->ch.out >= 0 && !s->out.eof && (n->reading ||
	    !s->c.has_out))
		waitset_fd(ws, n, TAG_OUT, s->ch.out, ZMQ_POLLIN);
	if (s->ch.err >= 0)
		waitset_fd(ws, n, TAG_ERR, s->ch.err, ZMQ_POLLIN);
	if (s->restart_at)
		waitset_due(ws, s->restart_at);
	waitset_due(ws, child_kill_due(&s->ch));
}

/* Read its stdout once; with no route from it, drop what came. */
static void
node_exec_read(struct node_exec *s)
{
	if (input_fill(&s->out) == -1 && errno != EINTR && errno != EAGAIN) {
		warn("%s: reading the command's stdout", s->node.name);
		s->out.eof = 1;
	}
	if (!s->c.has_out) {
		s->out.head = s->out.tail = s->out.scan = 0;
		s->out.ready = 0;
	}
	if (s->out.eof && !s->c.has_out)
		child_close_out(&s->ch);
	s->node.readable = 1;
}

/* Room in its stdin, output on its stdout or stderr. */
static void
node_exec_ready(struct node *n, int tag, short revents)
{
	struct node_exec *s = (struct node_exec *)n;

	(void)revents;
	if (tag == TAG_IN)
		node_exec_flush(s);
	else if (tag == TAG_OUT)
		node_exec_read(s);
	else
		(void)child_read_err(&s->ch);
}

/* Start the command (again): a fresh stdout reader; what waits for its
 * stdin goes to the new one. */
static int
node_exec_start(struct node_exec *s)
{
	struct node *n = &s->node;

	if (child_start(&s->ch, s->c.spec->cmd, NULL, 0, s->err,
	    sizeof(s->err)) == -1) {
		warnx("%s: %s", n->name, s->err);
		n->failed = 1;
		*n->halt = 1;
		s->over = 1;
		return -1;
	}
	s->runs.runs++;
	input_free(&s->out);
	input_init(&s->out, s->ch.out, s->c.idelim, s->c.idlen);
	s->in_gone = s->told = 0;
	s->over = 0;
	log_msg(LOG_INFO, "%s: started '%s' (pid %ld)", n->name,
	    s->c.spec->cmd, (long)s->ch.pid);
	return 0;
}

/*
 * It has ended and all it wrote was handed on: after its stdin was
 * closed, with status 0, that is its end; else say how it ended, and
 * start it again (--exec-restart, at most once a NODE_EXEC_RESTART_MS)
 * or end the run with status 1.
 */
static void
node_exec_ended(struct node_exec *s, int64_t now)
{
	struct node *n = &s->node;
	char how[64];

	s->over = 1;
	node_runs_ended(&s->runs, s->ch.end - s->ch.start);
	child_close_in(&s->ch);
	child_close_out(&s->ch);
	if (s->in_done && !child_failed(&s->ch))
		return;
	child_status_text(s->ch.status, how, sizeof(how));
	if (child_failed(&s->ch))
		s->runs.failures++;
	if (s->c.restart && !s->in_done) {
		warnx("%s: '%s' %s; starting it again", n->name,
		    s->c.spec->cmd, how);
		s->restart_at = s->ch.start + NODE_EXEC_RESTART_MS > now ?
		    s->ch.start + NODE_EXEC_RESTART_MS : now;
		return;
	}
	warnx("%s: '%s' %s%s", n->name, s->c.spec->cmd, how, s->in_done ?
	    "" : " while the run went on");
	n->failed = 1;
	*n->halt = 1;
}

/* Reap it when a child ended; close its stdin once the sources routed
 * here are done and all they sent is written; deal with its end; start
 * it again when due. */
static void
node_exec_tick(struct node *n, int64_t now)
{
	struct node_exec *s = (struct node_exec *)n;

	if (s->seen != signals_children) {
		s->seen = signals_children;
		(void)child_reap(&s->ch, now);
	}
	child_kill_tick(&s->ch, now);
	if (!s->in_done && s->ch.in >= 0 && node_exec_queued(s) == 0 &&
	    (s->stopped || node_exec_fed(s))) {
		s->in_done = 1;
		child_close_in(&s->ch);
	}
	if (!s->over && s->ch.reaped && s->out.eof && node_exec_drained(s))
		node_exec_ended(s, now);
	if (s->restart_at && now >= s->restart_at) {
		s->restart_at = 0;
		(void)node_exec_start(s);
	}
}

/* The run stopped taking messages: what it took so far is written, its
 * stdin closed (node_exec_tick), and its output still read and handed
 * on until it ends, within the linger (NODE_ANSWERS); no restart. */
static void
node_exec_stop(struct node *n)
{
	struct node_exec *s = (struct node_exec *)n;

	s->stopped = 1;
	s->c.restart = 0;
	node_exec_flush(s);
}

/* At the end: a co-process still running had the linger after its
 * input ended to finish; what it has not written is lost: said, and
 * the run fails unless a signal stopped it. It is stopped next. */
static void
node_exec_report(struct node *n, int signalled)
{
	struct node_exec *s = (struct node_exec *)n;

	if (s->over || s->ch.pid <= 0 || s->ch.reaped)
		return;
	if (signalled) {
		log_msg(LOG_DEBUG, "%s: '%s' stopped at the signal", n->name,
		    s->c.spec->cmd);
		return;
	}
	warnx("%s: '%s' was still running when the run ended (its input "
	    "had ended); stopped, what it had not written is lost", n->name,
	    s->c.spec->cmd);
	n->failed = 1;
}

/* Flush before the loop waits. */
static void
node_exec_idle(struct node *n)
{
	node_exec_flush((struct node_exec *)n);
}

/* The next message of its stdout into n->msg; one that cannot be
 * decoded is said, with its number, and skipped (the run then fails). */
static int
node_exec_next(struct node *n)
{
	struct node_exec *s = (struct node_exec *)n;
	const char *msg;
	size_t len;

	while (input_peek(&s->out, &msg, &len) == 1) {
		if (inmsg_decode(&s->dec, msg, len, s->err,
		    sizeof(s->err)) == 0) {
			n->msg.frames = inmsg_frames(&s->dec, &n->msg.nframes);
			n->msg.seq = *s->c.seq;
			return 1;
		}
		warnx("%s:%lu: %s", n->name, s->out.lineno + 1, s->err);
		n->failed = 1;
		input_consume(&s->out);
	}
	return 0;
}

/* Every route has the message: let it go. */
static void
node_exec_taken(struct node *n)
{
	input_consume(&((struct node_exec *)n)->out);
}

/*
 * Write a message to its stdin, as stdout would print it: 1 taken, 0
 * while what waits for the pipe is more than NODE_EXEC_BUF (or it is
 * being started again), -1 when it no longer reads (said).
 */
static int
node_exec_offer(struct node *n, struct msg *m, const struct format *fmt,
    int last)
{
	struct node_exec *s = (struct node_exec *)n;

	(void)last;
	if (s->in_gone || s->ch.in < 0)
		return node_exec_refuse(s);
	if (node_exec_queued(s) >= NODE_EXEC_BUF) {
		node_exec_flush(s);
		if (node_exec_queued(s) >= NODE_EXEC_BUF)
			return 0;
	}
	if (s->in_off > 0) {
		memmove(s->in.buf, s->in.buf + s->in_off, node_exec_queued(s));
		s->in.len -= s->in_off;
		s->in_off = 0;
	}
	format_render(fmt != NULL ? fmt : s->c.fmt, m, &s->in);
	if (fmt == NULL && s->c.add_delim)
		outbuf_put(&s->in, s->c.delim, s->c.dlen);
	return 1;
}

/* Nonzero while it will bring nothing more: it ended, all it wrote was
 * handed on, and it will not start again. */
static int
node_exec_finished(const struct node *n)
{
	const struct node_exec *s = (const struct node_exec *)n;

	return s->over && !s->restart_at && node_exec_drained(s);
}

/* Messages of its stdout read but not handed on. */
static size_t
node_exec_pending(const struct node *n)
{
	return input_pending(&((const struct node_exec *)n)->out);
}

/* Why it cannot take the held message. */
static void
node_exec_why_full(const struct node *n, char *buf, size_t len)
{
	const struct node_exec *s = (const struct node_exec *)n;

	if (s->in_gone || s->ch.in < 0)
		snprintf(buf, len, "%s was being started again", n->name);
	else
		snprintf(buf, len, "%s did not read its stdin (%zu bytes "
		    "waited)", n->name, node_exec_queued(s));
}

/* The end: what waits is written if the pipe takes it; the command gets
 * its stdin closed and the linger to end by itself (none after a
 * signal), then SIGTERM, then SIGKILL; it is reaped. */
static void
node_exec_destroy(struct node *n)
{
	struct node_exec *s = (struct node_exec *)n;

	node_exec_flush(s);
	child_stop(&s->ch, signals_caught ? 0 : s->c.linger);
	input_free(&s->out);
	inmsg_free(&s->dec);
	outbuf_free(&s->in);
	free(s->c.feeders);
	free(s);
}

static const struct node_ops node_exec_ops = {
	.want = node_exec_want,
	.ready = node_exec_ready,
	.tick = node_exec_tick,
	.idle = node_exec_idle,
	.stop = node_exec_stop,
	.report = node_exec_report,
	.next = node_exec_next,
	.taken = node_exec_taken,
	.finished = node_exec_finished,
	.exhausted = node_exec_finished,
	.pending = node_exec_pending,
	.offer = node_exec_offer,
	.why_full = node_exec_why_full,
	.destroy = node_exec_destroy,
};

/* A node for --exec, its command started; it owns conf->feeders. A
 * command that cannot start ends the run (said). */
struct node *
node_exec_new(const struct node_exec_conf *conf)
{
	struct node_exec *s = xmalloc(sizeof(*s));
	struct node *n = &s->node;

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	node_init(n, &node_exec_ops, conf->spec->name, "EXEC");
	n->batch = NODE_EXEC_BATCH;
	n->flags = NODE_SINK | NODE_WORKS | NODE_ANSWERS;
	n->runs = &s->runs;
	n->msg.fdelim = conf->fdelim;
	n->msg.fdelim_len = conf->fdlen;
	child_init(&s->ch, n->name);
	outbuf_init(&s->in, -1, NODE_EXEC_BUF);
	input_init(&s->out, -1, conf->idelim, conf->idlen);
	inmsg_init(&s->dec, conf->mode, conf->split, conf->splitlen);
	s->seen = signals_children;
	return n;
}

/* The nodes routes take to it: once all are done, its stdin is closed.
 * It owns the array. */
void
node_exec_feed(struct node *n, struct node **feeders, size_t nfeeders)
{
	struct node_exec *s = (struct node_exec *)n;

	free(s->c.feeders);
	s->c.feeders = feeders;
	s->c.nfeeders = nfeeders;
}

/* Start the command of a node made by node_exec_new; -1 (said) when it
 * cannot. Apart, so the run's halt flag is set first. */
int
node_exec_run(struct node *n)
{
	return node_exec_start((struct node_exec *)n);
}
