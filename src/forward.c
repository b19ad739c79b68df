/* Moving one message along its routes: match, deliver, hold, drop. */
#include "config.h"

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "forward.h"
#include "util.h"

#define FWD_SCRATCH	4096

/* owed[] values: a route still has to deliver, and already counted held. */
enum { OWED_NO, OWED_YES, OWED_HELD };

/* Collect the indexes of the routes whose source is src. */
static void
forward_index(struct fwd *f, struct source *s, int src)
{
	size_t i;

	for (i = 0; i < f->nroutes; i++)
		if (f->routes[i]->src == src) {
			s->routes = xrealloc(s->routes,
			    (s->nroutes + 1) * sizeof(*s->routes));
			s->routes[s->nroutes++] = (int)i;
		}
}

/* A route from stdin straight to socket sock, for a -J "to" field. */
static void
forward_add_direct(struct fwd *f, int sock)
{
	struct route *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->src = ROUTE_STDIN;
	r->dst = sock;
	r->implicit = r->direct = 1;
	f->routes[f->nroutes++] = r;
}

/* Build the routing table once: for each source, the routes from it. */
void
forward_init(struct fwd *f, struct zsock *socks, size_t nsocks,
    struct route *const *routes, size_t nroutes, int to_field)
{
	size_t i;
	int from_stdin = 0;

	f->socks = socks;
	f->nsocks = nsocks;
	f->ngiven = nroutes;
	f->routes = xmalloc((nroutes + nsocks + 1) * sizeof(*f->routes));
	memcpy(f->routes, routes, nroutes * sizeof(*f->routes));
	f->nroutes = nroutes;
	for (i = 0; i < nroutes; i++)
		if (routes[i]->src == ROUTE_STDIN)
			from_stdin = 1;
	/* a "to" field picks among sockets only when stdin is read at all */
	for (i = 0; to_field && from_stdin && i < nsocks; i++)
		if (socks[i].spec->type->can_send)
			forward_add_direct(f, (int)i);
	f->owed = xmalloc(f->nroutes * sizeof(*f->owed) + 1);
	memset(f->owed, 0, f->nroutes * sizeof(*f->owed) + 1);
	f->srcs = xmalloc((nsocks ? nsocks : 1) * sizeof(*f->srcs));
	memset(f->srcs, 0, (nsocks ? nsocks : 1) * sizeof(*f->srcs));
	for (i = 0; i < nsocks; i++) {
		f->srcs[i].zmq = 1;
		f->srcs[i].name = socks[i].spec->name;
		f->srcs[i].type = socks[i].spec->type->name;
		forward_index(f, &f->srcs[i], (int)i);
	}
	memset(&f->in, 0, sizeof(f->in));
	f->in.name = "stdin";
	f->in.type = "STDIN";
	forward_index(f, &f->in, ROUTE_STDIN);
	outbuf_init(&f->scratch, -1, FWD_SCRATCH);
	for (i = 0; i < nroutes; i++)
		if (routes[i]->fmt && format_uses(routes[i]->fmt, FMT_TIME))
			f->want_time = 1;
	for (i = 0; i < nroutes; i++)
		if (routes[i]->fmt && format_uses(routes[i]->fmt, FMT_JSON))
			f->want_peer = f->want_time = 1;
}

/*
 * Make room for n frames in a source. A zmq_msg_t may not be copied byte
 * for byte, so the old ones are moved with zmq_msg_move.
 */
static void
forward_grow(struct source *s, size_t n)
{
	zmq_msg_t *msgs;
	size_t i, cap;

	if (n <= s->cap)
		return;
	cap = n * 2;
	msgs = xmalloc(cap * sizeof(*msgs));
	for (i = 0; i < cap; i++)
		zmq_msg_init(&msgs[i]);
	for (i = 0; i < s->cap; i++) {
		zmq_msg_move(&msgs[i], &s->msgs[i]);
		zmq_msg_close(&s->msgs[i]);
	}
	free(s->msgs);
	s->msgs = msgs;
	s->iov = xrealloc(s->iov, cap * sizeof(*s->iov));
	s->cap = cap;
}

/*
 * Receive one whole message from socket i into its source without
 * waiting. Returns the frame count, 0 when there is none (EAGAIN, EINTR,
 * or EFSM: a REQ or REP whose turn it is to send), -1 on an error. The
 * iovecs are filled once every frame is in: growing moves the messages,
 * and small frames live inside them.
 */
ssize_t
forward_recv(struct fwd *f, size_t i)
{
	struct source *s = &f->srcs[i];
	struct zsock *zs = &f->socks[i];
	size_t k, n = 0;

	do {
		forward_grow(s, n + 1);
		if (zmq_msg_recv(&s->msgs[n], zs->handle, ZMQ_DONTWAIT) == -1) {
			/* EINTR: a signal; the loop looks at it next */
			if (n == 0 && (errno == EAGAIN || errno == EFSM ||
			    errno == EINTR))
				return 0;
			warnx("%s: receive failed: %s", zs->spec->name,
			    zmq_strerror(errno));
			f->errors++;
			return -1;
		}
	} while (zmq_msg_more(&s->msgs[n++]));
	for (k = 0; k < n; k++) {
		s->iov[k].iov_base = zmq_msg_data(&s->msgs[k]);
		s->iov[k].iov_len = zmq_msg_size(&s->msgs[k]);
		zs->bytes_in += s->iov[k].iov_len;
	}
	s->nframes = n;
	zs->nrecv++;
	zs->awaiting_since = 0;
	f->seq++;
	return (ssize_t)n;
}

/* Decide, once per message, which of the source's routes it takes;
 * returns how many do, so -c can count messages that went somewhere. */
size_t
forward_begin(struct fwd *f, struct source *s)
{
	size_t i, n = 0;
	int r;

	for (i = 0; i < s->nroutes; i++) {
		r = s->routes[i];
		f->owed[r] = !f->routes[r]->direct &&
		    route_match(f->routes[r], s->iov, s->nframes) ?
		    OWED_YES : OWED_NO;
		n += f->owed[r] == OWED_YES;
	}
	return n;
}

/* Send the message to socket sock only, as a -J "to" field asks. */
void
forward_begin_to(struct fwd *f, struct source *s, int sock)
{
	size_t i;
	int r;

	for (i = 0; i < s->nroutes; i++) {
		r = s->routes[i];
		f->owed[r] = f->routes[r]->direct && f->routes[r]->dst == sock ?
		    OWED_YES : OWED_NO;
	}
}

/* Render the message through fmt into ob. */
static void
forward_render(struct fwd *f, const struct source *s,
    const struct format *fmt, struct outbuf *ob)
{
	struct fmt_msg m;

	m.sockname = s->name;
	m.socktype = s->type;
	m.frames = s->iov;
	m.nframes = s->nframes;
	m.fdelim = f->fdelim;
	m.fdelim_len = f->fdlen;
	m.seq = f->seq;
	m.time_ms = f->want_time ? clock_wall_ms() : 0;
	/* the last frame: a ROUTER's routing id frame carries no metadata */
	m.peer = f->want_peer && s->zmq && s->nframes > 0 ?
	    zmq_msg_gets(&s->msgs[s->nframes - 1], "Peer-Address") : NULL;
	m.is_router = s->zmq && strcmp(s->type, "ROUTER") == 0;
	format_render(fmt, &m, ob);
}

/*
 * Send the received frames to zs without copying their data: each copy
 * shares the buffer of the original (zmq_msg_copy).
 */
static int
forward_send_msgs(struct zsock *zs, struct source *s)
{
	zmq_msg_t c;
	size_t i;

	for (i = 0; i < s->nframes; i++) {
		zmq_msg_init(&c);
		zmq_msg_copy(&c, &s->msgs[i]);
		if (zmq_msg_send(&c, zs->handle, ZMQ_DONTWAIT |
		    (i + 1 < s->nframes ? ZMQ_SNDMORE : 0)) == -1) {
			zmq_msg_close(&c);
			if (i == 0 && (errno == EAGAIN || errno == EFSM ||
			    errno == EINTR))
				return 0;
			return -1;
		}
		zs->bytes_out += s->iov[i].iov_len;
	}
	zs->nsent++;
	return 1;
}

/* Count a message a ROUTER or STREAM could not take as dropped, and say
 * why: a run that dropped input from stdin fails. */
static void
forward_dropped(struct fwd *f, struct zsock *zs, const struct source *s,
    struct route *r, const char *why)
{
	r->ndropped++;
	zs->ndropped++;
	if (!s->zmq)
		f->errors++;
	warnx("%s: %s; message dropped", zs->spec->name, why);
}

/* Say why a send failed. A ROUTER or STREAM refuses a routing id it has
 * no peer for: that message is dropped, and named by that id. */
static void
forward_send_error(struct fwd *f, struct zsock *zs, const struct source *s,
    struct route *r)
{
	char id[64], why[96];
	size_t i, n;

	if (errno != EHOSTUNREACH || s->nframes == 0) {
		f->errors++;
		warnx("%s: send failed: %s", zs->spec->name,
		    zmq_strerror(errno));
		return;
	}
	n = s->iov[0].iov_len < sizeof(id) - 1 ? s->iov[0].iov_len :
	    sizeof(id) - 1;
	for (i = 0; i < n; i++) {
		char c = ((const char *)s->iov[0].iov_base)[i];

		id[i] = isprint((unsigned char)c) ? c : '?';
	}
	id[n] = '\0';
	snprintf(why, sizeof(why), "no peer with routing id '%s'", id);
	forward_dropped(f, zs, s, r, why);
}

/* Nonzero when a message of n frames cannot go to zs: a ROUTER or STREAM
 * takes the first frame as a routing id, and one frame alone would be
 * lost without a word (a STREAM would even take the next message's id
 * as this one's body). */
static int
forward_lacks_id(const struct zsock *zs, size_t n)
{
	int t = zs->spec->type->zmq_type;

	return n < 2 && (t == ZMQ_ROUTER || t == ZMQ_STREAM);
}

/* Deliver to one route: 1 done, 0 the destination cannot take it now,
 * -1 it failed or refused it (reported). */
static int
forward_deliver(struct fwd *f, struct source *s, struct route *r)
{
	struct zsock *zs;
	struct iovec one;
	int rc;

	if (r->dst == ROUTE_STDOUT) {
		forward_render(f, s, r->fmt ? r->fmt : f->fmt, f->out);
		if (r->fmt == NULL && f->add_delim)
			outbuf_put(f->out, f->delim, f->dlen);
		return 1;
	}
	zs = &f->socks[r->dst];
	if (forward_lacks_id(zs, r->fmt != NULL ? 1 : s->nframes)) {
		forward_dropped(f, zs, s, r, "a message needs a routing id "
		    "frame before its body (ID<TAB>DATA)");
		return -1;
	}
	if (r->fmt != NULL) {
		f->scratch.len = 0;
		forward_render(f, s, r->fmt, &f->scratch);
		one.iov_base = f->scratch.buf;
		one.iov_len = f->scratch.len;
		rc = sock_send(zs, &one, 1);
	} else if (s->zmq)
		rc = forward_send_msgs(zs, s);
	else
		rc = sock_send(zs, s->iov, s->nframes);
	if (rc == -1) {
		forward_send_error(f, zs, s, r);
		return -1;
	}
	if (rc == 1 && zs->spec->type->zmq_type == ZMQ_REQ)
		zs->awaiting_since = clock_mono_ms();
	return rc;
}

/*
 * Offer the source's message to every route still owed it. Returns 1
 * when all have it, 0 when some destination is full: the source is then
 * held, and not read again until the destination takes the message.
 */
int
forward_offer(struct fwd *f, struct source *s)
{
	struct route *r;
	size_t i;
	int ri, rc, waiting = 0;

	for (i = 0; i < s->nroutes; i++) {
		ri = s->routes[i];
		if (f->owed[ri] == OWED_NO)
			continue;
		r = f->routes[ri];
		rc = forward_deliver(f, s, r);
		if (rc == 1) {
			r->nmsgs++;
			r->nbytes += iov_size(s->iov, s->nframes);
			f->owed[ri] = OWED_NO;
		} else if (rc == -1) {
			f->owed[ri] = OWED_NO;	/* reported; not retried */
		} else if (r->drop) {
			r->ndropped++;
			f->socks[r->dst].ndropped++;
			f->owed[ri] = OWED_NO;
		} else {
			if (f->owed[ri] == OWED_YES) {
				r->nheld++;
				f->socks[r->dst].nheld++;
				f->owed[ri] = OWED_HELD;
			}
			waiting = 1;
		}
	}
	s->held = waiting;
	return !waiting;
}

/* Nonzero when a held message waits for socket i to become writable. */
int
forward_wants_out(const struct fwd *f, size_t sock)
{
	size_t i;

	for (i = 0; i < f->nroutes; i++)
		if (f->owed[i] != OWED_NO && f->routes[i]->dst == (int)sock)
			return 1;
	return 0;
}

/*
 * The sockets the source's held message still waits for, into dsts
 * (room for every socket); returns how many.
 */
size_t
forward_waiting_for(const struct fwd *f, const struct source *s, int *dsts)
{
	size_t i, n = 0;
	int ri;

	for (i = 0; s->held && i < s->nroutes; i++) {
		ri = s->routes[i];
		if (f->owed[ri] != OWED_NO && f->routes[ri]->dst >= 0)
			dsts[n++] = f->routes[ri]->dst;
	}
	return n;
}

/* Release one source's frames. */
static void
forward_free_source(struct source *s)
{
	size_t i;

	for (i = 0; s->msgs != NULL && i < s->cap; i++)
		zmq_msg_close(&s->msgs[i]);
	free(s->msgs);
	if (s->zmq)	/* stdin's frames belong to its decoder */
		free(s->iov);
	free(s->routes);
}

/* Release everything forward_init made. */
void
forward_free(struct fwd *f)
{
	size_t i;

	for (i = 0; i < f->nsocks; i++)
		forward_free_source(&f->srcs[i]);
	forward_free_source(&f->in);
	for (i = f->ngiven; i < f->nroutes; i++)
		free(f->routes[i]);
	free(f->routes);
	free(f->srcs);
	free(f->owed);
	outbuf_free(&f->scratch);
}
