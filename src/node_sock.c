/* A zmq socket as a node: a source of what it receives, a sink for what
 * routes send to it. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "check.h"
#include "clock.h"
#include "node_sock.h"
#include "outbuf.h"
#include "sock.h"
#include "waitset.h"
#include "xmalloc.h"

#define NODE_SOCK_RETRY_MS	5	/* a full ROUTER or STREAM peer */
#define NODE_SOCK_BATCH		4096	/* messages taken per turn */
#define NODE_SOCK_SCRATCH	4096

/* The poll items of a socket node. */
enum { TAG_SOCKET, TAG_MONITOR };

struct node_sock {
	struct node			 node;
	const struct node_sock_conf	*conf;
	struct sock_frames		 fr;		/* the message received */
	struct outbuf			 scratch;	/* a route's formatted
							 * frame */
	int				 fd;		/* a PULL's or SUB's
							 * ZMQ_FD, or -1 */
	int				 more;		/* messages may wait
							 * that fd will not
							 * announce */
};

/* Wait for messages to read (or a PUB's subscriptions), for room for a
 * held message, for monitor events, and for a REQ's reply timeout. */
static void
node_sock_want(struct node *n, struct waitset *ws)
{
	const struct zsock *zs = n->zs;
	const struct node_sock *s = (const struct node_sock *)n;
	short ev = 0;

	if (n->reading || zs->spec->see_subs)
		ev |= ZMQ_POLLIN;
	if (n->owed > 0 && !(n->flags & NODE_BY_ID))
		ev |= ZMQ_POLLOUT;
	if (n->owed > 0 && (n->flags & NODE_BY_ID))
		waitset_due(ws, clock_mono_ms() + NODE_SOCK_RETRY_MS);
	if (ev == ZMQ_POLLIN && s->fd >= 0) {
		waitset_fd(ws, n, TAG_SOCKET, s->fd, ZMQ_POLLIN);
		if (n->reading && s->more) {
			n->readable = 1;
			waitset_due(ws, 0);	/* take them, not wait */
		}
	} else if (ev != 0)
		waitset_socket(ws, n, TAG_SOCKET, zs->handle, ev);
	waitset_fd(ws, n, TAG_MONITOR, zs->monitor_fd, ZMQ_POLLIN);
	if (zs->monitor_more)
		waitset_due(ws, 0);	/* read them now, not after a wait */
	waitset_due(ws, sock_monitor_due(zs));
	if (s->conf->timeout_reply && zs->awaiting_since)
		waitset_due(ws, zs->awaiting_since + s->conf->timeout_reply);
}

/* Read the socket's monitor events; a connect --fail-fast saw fail
 * ends the run, said once. */
static void
node_sock_events(struct node *n)
{
	sock_monitor_read(n->zs);
	if (n->zs->fail_why == NULL || n->failed)
		return;
	warnx("%s: %s (--fail-fast)", n->name, n->zs->fail_why);
	n->failed = 1;
	*n->halt = 1;
}

/* Messages came (or subscriptions, for a PUB that counts them), or
 * monitor events. */
static void
node_sock_ready(struct node *n, int tag, short revents)
{
	if (tag == TAG_MONITOR) {
		node_sock_events(n);
		return;
	}
	if (!(revents & ZMQ_POLLIN))
		return;
	if (n->zs->spec->see_subs)
		sock_read_subs(n->zs);
	else
		n->readable = 1;
}

/* Counts of repeated monitor events that are due; a REQ whose reply is
 * overdue: say so and start that REQ afresh; the request is lost, so
 * the run fails. */
static void
node_sock_tick(struct node *n, int64_t now)
{
	struct node_sock *s = (struct node_sock *)n;
	struct zsock *zs = n->zs;

	if (zs->monitor_more)
		node_sock_events(n);
	sock_monitor_tick(zs, now, 0);
	if (!s->conf->timeout_reply || !zs->awaiting_since ||
	    now < zs->awaiting_since + s->conf->timeout_reply)
		return;
	warnx("%s: no reply within %d ms; reopening the socket",
	    zs->spec->name, s->conf->timeout_reply);
	n->failed = 1;
	if (sock_reopen(s->conf->ctx, zs) == -1)
		*n->halt = 1;
}

/* A property of the peer a message came from (msg->meta). */
static const char *
node_sock_meta(const struct msg *m, const char *name)
{
	return zmq_msg_gets(m->metaframe, name);
}

/* Take the next message, if one has come, into n->msg. */
static int
node_sock_next(struct node *n)
{
	struct node_sock *s = (struct node_sock *)n;
	struct msg *m = &n->msg;
	int k;

	if ((k = sock_recv(n->zs, &s->fr)) <= 0) {
		/* EAGAIN: the fd will say when more come; not so EINTR */
		s->more = k == 0 && errno == EINTR;
		if (k < 0) {
			n->failed = 1;
			*n->halt = 1;
		}
		return 0;
	}
	s->more = 1;
	m->frames = s->fr.iov;
	m->nframes = (size_t)k;
	m->zframes = s->fr.msgs;
	m->seq = ++*s->conf->seq;
	/* the last frame: a ROUTER's routing id frame carries no metadata */
	m->peer = s->conf->want_peer ? zmq_msg_gets(&s->fr.msgs[k - 1],
	    "Peer-Address") : NULL;
	if (s->conf->want_meta) {
		m->meta = node_sock_meta;
		m->metaframe = &s->fr.msgs[k - 1];
	}
	if (s->conf->check != NULL)	/* the stamp frame is taken off */
		check_take(s->conf->check, n->name, m, clock_wall_ns());
	return 1;
}

/* Nonzero while it brings nothing unless sent something: a REQ brings
 * only the reply to a request. */
static int
node_sock_finished(const struct node *n)
{
	return n->zs->spec->type->zmq_type == ZMQ_REQ &&
	    !n->zs->awaiting_since;
}

/* Say why a send failed: a ROUTER or STREAM names the routing id it has
 * no peer for; anything else fails the run. */
static void
node_sock_send_error(struct node *n, const struct msg *m)
{
	char id[64];
	size_t i, len;

	if (errno != EHOSTUNREACH || m->nframes == 0) {
		warnx("%s: send failed: %s", n->name, zmq_strerror(errno));
		n->failed = 1;
		return;
	}
	len = m->frames[0].iov_len < sizeof(id) - 1 ? m->frames[0].iov_len :
	    sizeof(id) - 1;
	for (i = 0; i < len; i++) {
		char c = ((const char *)m->frames[0].iov_base)[i];

		id[i] = c >= 0x20 && c < 0x7f ? c : '?';
	}
	id[len] = '\0';
	warnx("%s: no peer with routing id '%s'; message dropped", n->name,
	    id);
}

/* Send what the route's format makes of a message, as one frame. */
static int
node_sock_offer_fmt(struct node *n, const struct msg *m,
    const struct format *fmt)
{
	struct node_sock *s = (struct node_sock *)n;
	struct iovec one;

	s->scratch.len = 0;
	format_render(fmt, m, &s->scratch);
	one.iov_base = s->scratch.buf;
	one.iov_len = s->scratch.len;
	return sock_send(n->zs, &one, 1);
}

/* Send a message: the route's format makes one frame of it; frames
 * received from libzmq go on without a copy of their data (and to the
 * last route, without even a new reference). A ROUTER or STREAM takes
 * the first frame as a routing id: one frame alone would be lost without
 * a word (a STREAM would even take the next message's id as its body). */
static int
node_sock_offer(struct node *n, struct msg *m, const struct format *fmt,
    int last)
{
	int rc;

	if ((n->flags & NODE_BY_ID) && (fmt != NULL || m->nframes < 2)) {
		warnx("%s: a message needs a routing id frame before its body "
		    "(ID<TAB>DATA); message dropped", n->name);
		return -1;
	}
	if (fmt != NULL)
		rc = node_sock_offer_fmt(n, m, fmt);
	else if (m->zframes != NULL)
		rc = sock_send_msgs(n->zs, m->zframes, m->frames, m->nframes,
		    last);
	else
		rc = sock_send(n->zs, m->frames, m->nframes);
	if (rc == -1)
		node_sock_send_error(n, m);
	return rc;
}

/* Why the socket cannot take the held message, for the end report. */
static void
node_sock_why_full(const struct node *n, char *buf, size_t len)
{
	const struct zsock *zs = n->zs;

	if (zs->awaiting_since)
		snprintf(buf, len, "%s was still waiting for a reply", n->name);
	else if (zs->spec->type->zmq_type == ZMQ_REP)
		snprintf(buf, len, "%s had no request to answer", n->name);
	else if (zs->peers_known && zs->peers == 0)
		snprintf(buf, len, "%s has no peer", n->name);
	else
		snprintf(buf, len, "%s could not take more (high-water mark)",
		    n->name);
}

/* Free the node; the socket itself is the run's to close. */
static void
node_sock_destroy(struct node *n)
{
	struct node_sock *s = (struct node_sock *)n;

	sock_frames_free(&s->fr);
	outbuf_free(&s->scratch);
	free(s);
}

static const struct node_ops node_sock_ops = {
	.want = node_sock_want,
	.ready = node_sock_ready,
	.tick = node_sock_tick,
	.next = node_sock_next,
	.finished = node_sock_finished,
	.exhausted = node_sock_finished,
	.offer = node_sock_offer,
	.why_full = node_sock_why_full,
	.destroy = node_sock_destroy,
};

/*
 * A socket that only receives (PULL, SUB) is polled by its ZMQ_FD as a
 * plain descriptor: a socket item costs zmq_poll a ZMQ_EVENTS query, two
 * system calls in libzmq 4.3, for every wait, so a hundred idle ones
 * made most of the cost of a busy one's messages. The fd only says that
 * something changed; the socket is read until it has nothing (more),
 * and since nothing else touches it (no sends, no ZMQ_EVENTS), the fd
 * then says when more come. Sockets that send keep their poll items.
 */
static void
node_sock_watch_fd(struct node_sock *s, int type)
{
	size_t len = sizeof(s->fd);

	s->fd = -1;
	s->more = 1;
	if ((type == ZMQ_PULL || type == ZMQ_SUB) &&
	    zmq_getsockopt(s->node.zs->handle, ZMQ_FD, &s->fd, &len) == -1)
		s->fd = -1;
}

/* A node for an open socket; conf outlives it. */
struct node *
node_sock_new(struct zsock *zs, const struct node_sock_conf *conf)
{
	struct node_sock *s = xmalloc(sizeof(*s));
	struct node *n = &s->node;
	int t = zs->spec->type->zmq_type;

	memset(s, 0, sizeof(*s));
	s->conf = conf;
	outbuf_init(&s->scratch, -1, NODE_SOCK_SCRATCH);
	node_init(n, &node_sock_ops, zs->spec->name, zs->spec->type->name);
	n->zs = zs;
	n->batch = NODE_SOCK_BATCH;
	n->flags = NODE_COUNTED;
	if (zs->spec->type->can_send)
		n->flags |= NODE_SINK;
	if (t == ZMQ_ROUTER || t == ZMQ_STREAM)
		n->flags |= NODE_BY_ID;
	n->msg.fdelim = conf->fdelim;
	n->msg.fdelim_len = conf->fdlen;
	n->msg.is_router = t == ZMQ_ROUTER;
	node_sock_watch_fd(s, t);
	return n;
}
