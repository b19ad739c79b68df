/* stdin (or a --replay file) as a source: split, decoded, paced, held
 * back until enough peers have come. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include "clock.h"
#include "input.h"
#include "log.h"
#include "node_stdin.h"
#include "pace.h"
#include "peerwait.h"
#include "sock.h"
#include "status.h"
#include "str.h"
#include "waitset.h"
#include "xmalloc.h"

#define NODE_STDIN_BATCH	1024	/* messages handed on per turn */

/* How --wait-peers' log names stdin. */
static const struct peerwait_words node_stdin_words = {
	"stdin", "reading it", "reading stdin", "stdin was not read"
};

struct node_stdin {
	struct node		 node;
	struct node_stdin_conf	 c;
	struct input		 in;
	struct inmsg		 dec;
	int			 finite;	/* a file, or a pipe with no
						 * writer: all of it is here */
	int			 watching;	/* polled for a hang-up only */
	int			 hinted;	/* -J's hint was given */
	int64_t			 replay_due;	/* --replay-timing: send then */
	int64_t			 replay_base;	/* when the first was sent */
	int64_t			 replay_first;	/* and its capture time */
	struct peerwait		 wait;		/* --wait-peers */
	struct pace		 pace;		/* --interval, --rate */
	int			 paced;
	char			 err[ZC_ERRLEN];/* why a message is bad: kept
						 * here, off the stack of a
						 * call made per message */
};

/* Nonzero once no more can come in than what the buffer holds. */
static int
node_stdin_exhausted(const struct node *n)
{
	const struct node_stdin *s = (const struct node_stdin *)n;

	return s->in.eof || s->finite;
}

/*
 * Wait for input when the buffer has no whole message left to hand on;
 * while it is not read, watch a pipe for its writer's end, once (a
 * hung-up pipe reports POLLHUP for no events, again and again). Whole
 * messages still buffered, or a --replay-timing message, are due.
 */
static void
node_stdin_want(struct node *n, struct waitset *ws)
{
	struct node_stdin *s = (struct node_stdin *)n;
	const char *msg;
	size_t len;
	int whole = n->reading && !n->holding && input_peek(&s->in, &msg,
	    &len) == 1;

	s->watching = 0;
	if (whole && !s->replay_due) {
		n->readable = 1;
		waitset_due(ws, 0);
	} else if (n->reading && !n->holding && !s->replay_due && !s->in.eof)
		waitset_fd(ws, n, 0, s->c.fd, ZMQ_POLLIN);
	else if (!node_stdin_exhausted(n)) {
		waitset_fd(ws, n, 0, s->c.fd, 0);
		s->watching = 1;
	}
	if (s->replay_due)
		waitset_due(ws, s->replay_due);
}

/* Input came (read it once; EINTR is left for the next turn), or the
 * pipe's writer has gone. */
static void
node_stdin_ready(struct node *n, int tag, short revents)
{
	struct node_stdin *s = (struct node_stdin *)n;

	(void)tag;
	if (s->watching) {
		if (revents & (ZMQ_POLLERR | POLLHUP))
			s->finite = 1;
		return;
	}
	if (!(revents & (ZMQ_POLLIN | ZMQ_POLLERR)))
		return;
	if (input_fill(&s->in) == -1 && errno != EINTR && errno != EAGAIN) {
		warn("%s", s->c.label);
		s->in.eof = 1;
		n->failed = 1;
	}
	n->readable = 1;
}

/* --wait-peers: read once every socket it feeds has enough peers; and
 * --replay-timing: a message whose time has come may go. */
static void
node_stdin_tick(struct node *n, int64_t now)
{
	struct node_stdin *s = (struct node_stdin *)n;

	if (s->replay_due && now >= s->replay_due) {
		s->replay_due = 0;
		n->readable = 1;
	}
	if (n->holding && peerwait_check(&s->wait)) {
		n->holding = 0;
		n->readable = 1;
		pace_init(&s->pace, now, s->c.feed.interval, s->c.feed.rate);
	}
}

/* The node a -J "to" names, if it can send; -1 with the reason. */
static int
node_stdin_to(const struct node_stdin *s, const char *name, char *err,
    size_t errlen)
{
	struct node *t = node_find(s->c.targets, s->c.ntargets, name);
	char cut[STR_CUT_BUF];

	if (t != NULL && (t->flags & NODE_SINK))
		return t->index;
	if (t != NULL)
		snprintf(err, errlen, "\"to\": '%s' is a %s socket, which "
		    "cannot send", name, t->type);
	else
		snprintf(err, errlen, "\"to\": no socket named '%s'",
		    str_cut(name, strlen(name), cut));
	return -1;
}

/*
 * With --replay-timing, hold a message until as long after the first as
 * it was captured after it. Returns 1 when it may go now.
 */
static int
node_stdin_due(struct node_stdin *s, int64_t now)
{
	if (s->paced) {		/* --interval or --rate */
		s->replay_due = pace_due(&s->pace);
		if (s->replay_due <= now)
			s->replay_due = 0;
		return s->replay_due == 0;
	}
	if (!s->dec.has_time)
		return 1;
	if (s->replay_base == 0) {
		s->replay_base = now;
		s->replay_first = s->dec.time;
	}
	s->replay_due = s->replay_base + (s->dec.time - s->replay_first);
	if (s->replay_due <= now) {
		s->replay_due = 0;
		return 1;
	}
	return 0;
}

/* Report a message that cannot be sent: the run goes on, but fails. The
 * first JSON error under -J says why stdin is JSON. */
static void
node_stdin_bad(struct node_stdin *s, const char *err)
{
	const char *hint = "";

	if (s->c.json_hint && !s->hinted && strncmp(err, "invalid JSON",
	    12) == 0) {
		hint = " (-J reads stdin as JSON envelopes; use -f '%j\\n' to "
		    "only print JSON)";
		s->hinted = 1;
	}
	warnx("%s:%lu: %s%s", s->c.label, s->in.lineno + 1, err, hint);
	s->node.failed = 1;
}

/*
 * Decode the message at the head of the input into n->msg. One that
 * cannot be decoded is reported with its line number and skipped:
 * nothing of it is sent.
 */
static int
node_stdin_next(struct node *n)
{
	struct node_stdin *s = (struct node_stdin *)n;
	char *err = s->err;
	const char *msg;
	size_t len;
	int to = -1;

	while (!n->holding && input_peek(&s->in, &msg, &len) == 1) {
		if (inmsg_decode(&s->dec, msg, len, err, sizeof(s->err)) == 0 &&
		    (s->dec.to == NULL || (to = node_stdin_to(s, s->dec.to,
		    err, sizeof(s->err))) >= 0)) {
			if ((s->c.replay_timing || s->paced) &&
			    !node_stdin_due(s, clock_mono_ms()))
				return 0;
			n->msg.frames = inmsg_frames(&s->dec, &n->msg.nframes);
			n->msg.to = to;
			n->msg.seq = *s->c.seq;
			return 1;
		}
		node_stdin_bad(s, err);
		input_consume(&s->in);
	}
	return 0;
}

/* Every route has the message: let it go. */
static void
node_stdin_taken(struct node *n)
{
	struct node_stdin *s = (struct node_stdin *)n;

	input_consume(&s->in);
	if (s->paced)
		pace_sent(&s->pace, clock_mono_ms());
}

/* Nonzero once the input has ended and all of it was handed on. */
static int
node_stdin_finished(const struct node *n)
{
	return input_done(&((const struct node_stdin *)n)->in);
}

/* Messages read but not handed on. */
static size_t
node_stdin_pending(const struct node *n)
{
	return input_pending(&((const struct node_stdin *)n)->in);
}

/* At the end of a run still holding the input: say for what. */
static void
node_stdin_report(struct node *n, int signalled)
{
	struct node_stdin *s = (struct node_stdin *)n;

	if (n->holding)
		peerwait_report(&s->wait, signalled);
}

/* Free the reader, the decoder and the node; close a --replay file. */
static void
node_stdin_destroy(struct node *n)
{
	struct node_stdin *s = (struct node_stdin *)n;

	input_free(&s->in);
	inmsg_free(&s->dec);
	if (s->c.fd != STDIN_FILENO)
		close(s->c.fd);
	peerwait_free(&s->wait);
	free(s);
}

static const struct node_ops node_stdin_ops = {
	.want = node_stdin_want,
	.ready = node_stdin_ready,
	.tick = node_stdin_tick,
	.next = node_stdin_next,
	.taken = node_stdin_taken,
	.finished = node_stdin_finished,
	.exhausted = node_stdin_exhausted,
	.pending = node_stdin_pending,
	.report = node_stdin_report,
	.destroy = node_stdin_destroy,
};

/* Start reading; a file (or a closed stdin) is all there already. */
static void
node_stdin_open(struct node_stdin *s)
{
	struct stat st;

	input_init(&s->in, s->c.fd, s->c.delim, s->c.dlen);
	inmsg_init(&s->dec, s->c.mode, s->c.feed.split, s->c.feed.splitlen);
	if (fstat(s->c.fd, &st) == -1)
		s->in.eof = 1;		/* stdin closed: nothing to read */
	else if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode) &&
	    !S_ISSOCK(st.st_mode))
		s->finite = 1;
}

/* A node for stdin or a --replay file; it owns conf->feed.fed and the fd. */
struct node *
node_stdin_new(const struct node_stdin_conf *conf)
{
	struct node_stdin *s = xmalloc(sizeof(*s));
	struct node *n = &s->node;

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	node_init(n, &node_stdin_ops, "stdin", "STDIN");
	n->label = conf->label;
	n->batch = NODE_STDIN_BATCH;
	n->flags = NODE_INPUT;
	n->msg.fdelim = conf->feed.fdelim;
	n->msg.fdelim_len = conf->feed.fdlen;
	node_stdin_open(s);
	n->holding = peerwait_init(&s->wait, conf->feed.fed, conf->feed.nfed,
	    conf->feed.wait_peers, &node_stdin_words);
	s->paced = conf->feed.interval > 0 || conf->feed.rate > 0;
	pace_init(&s->pace, clock_mono_ms(), conf->feed.interval, conf->feed.rate);
	return n;
}
