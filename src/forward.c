/* Moving one message along its routes: match, deliver, hold, drop. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "forward.h"
#include "xmalloc.h"

/* owed[] values: a route still has to deliver, and already counted held. */
enum { FORWARD_NO, FORWARD_YES, FORWARD_HELD };

/* kind[] values: what decides whether a message takes a route. Most
 * routes have no filter: they take every message without a call. */
enum { FORWARD_ALL, FORWARD_FILTER, FORWARD_DIRECT };

/* What decides whether a message takes route r. */
static unsigned char
forward_kind(const struct route *r)
{
	if (r->direct)
		return FORWARD_DIRECT;
	if (r->prefix != NULL || r->match != NULL || r->json != NULL)
		return FORWARD_FILTER;
	return FORWARD_ALL;
}

/* The node a route end names: a socket's index, or one of the others. */
static int
forward_node_of(int end, const struct forward_ends *ends)
{
	switch (end) {
	case ROUTE_STDIN:
		return ends->in;
	case ROUTE_STDOUT:
		return ends->out;
	case ROUTE_DEMO:
		return ends->demo;
	}
	if (ROUTE_IS_PEER(end))
		return ROUTE_PEER_INDEX(end) < ends->npeers ? ends->peer0 +
		    (int)ROUTE_PEER_INDEX(end) : -1;
	return end;
}

/* A route from the input straight to one socket, for a -J "to" field. */
static struct route *
forward_direct(int sock)
{
	struct route *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->src = ROUTE_STDIN;
	r->dst = sock;
	r->implicit = r->direct = 1;
	return r;
}

/* Find the route from ff that takes every message, when it is the only
 * one but the direct routes a "to" field picks. */
static void
forward_only(const struct forward *f, struct forward_from *ff)
{
	size_t i;

	ff->only = -1;
	for (i = 0; i < ff->n; i++) {
		if (f->kind[ff->routes[i]] == FORWARD_DIRECT)
			continue;
		if (ff->only != -1 || f->kind[ff->routes[i]] != FORWARD_ALL) {
			ff->only = -1;
			return;
		}
		ff->only = ff->routes[i];
	}
}

/* Collect, for every node, the indexes of the routes from it. */
static void
forward_index(struct forward *f)
{
	struct forward_from *ff;
	size_t i;

	f->from = xmalloc((f->nnodes ? f->nnodes : 1) * sizeof(*f->from));
	memset(f->from, 0, (f->nnodes ? f->nnodes : 1) * sizeof(*f->from));
	for (i = 0; i < f->nroutes; i++) {
		if (f->src[i] < 0 || f->dst[i] < 0)
			continue;
		ff = &f->from[f->src[i]];
		ff->routes = xrealloc(ff->routes, (ff->n + 1) *
		    sizeof(*ff->routes));
		ff->routes[ff->n++] = (int)i;
	}
	for (i = 0; i < f->nnodes; i++)
		forward_only(f, &f->from[i]);
}

/*
 * Build the routing table once: the given routes, a direct route from
 * the input to every socket that sends when a "to" field may pick one,
 * and for each node the routes from it.
 */
void
forward_init(struct forward *f, struct node **nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes,
    const struct forward_ends *ends, int to_field)
{
	size_t i, n = nroutes;
	int from_input = 0;

	memset(f, 0, sizeof(*f));
	f->nodes = nodes;
	f->nnodes = nnodes;
	f->ngiven = nroutes;
	f->routes = xmalloc((nroutes + nnodes + 1) * sizeof(*f->routes));
	memcpy(f->routes, routes, nroutes * sizeof(*f->routes));
	for (i = 0; i < nroutes; i++)
		from_input |= routes[i]->src == ROUTE_STDIN;
	/* a "to" field picks among sockets only when the input is read */
	for (i = 0; to_field && from_input && i < nnodes; i++)
		if (nodes[i]->zs != NULL && (nodes[i]->flags & NODE_SINK))
			f->routes[n++] = forward_direct((int)i);
	f->nroutes = n;
	f->src = xmalloc((n + 1) * sizeof(*f->src));
	f->dst = xmalloc((n + 1) * sizeof(*f->dst));
	f->kind = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		f->kind[i] = forward_kind(f->routes[i]);
		f->src[i] = forward_node_of(f->routes[i]->src, ends);
		f->dst[i] = forward_node_of(f->routes[i]->dst, ends);
		if (f->routes[i]->fmt != NULL)
			forward_want_time(f, f->routes[i]->fmt);
	}
	f->owed = xmalloc(n + 1);
	memset(f->owed, FORWARD_NO, n + 1);
	forward_index(f);
}

/* Note a format some route or sink renders: %t and %j read the clock. */
void
forward_want_time(struct forward *f, const struct format *fmt)
{
	if (format_uses(fmt, FMT_TIME) || format_uses(fmt, FMT_JSON))
		f->want_time = 1;
}

/* How many routes start at node n: none, and it is no source. */
size_t
forward_nfrom(const struct forward *f, const struct node *n)
{
	return f->from[n->index].n;
}

/* A -J "to" names one socket: only the direct route to it is taken. */
static size_t
forward_begin_to(struct forward *f, const struct forward_from *ff, int to)
{
	size_t i, n = 0;
	int r, yes;

	for (i = 0; i < ff->n; i++) {
		r = ff->routes[i];
		yes = f->kind[r] == FORWARD_DIRECT && f->dst[r] == to;
		f->owed[r] = yes ? FORWARD_YES : FORWARD_NO;
		n += yes;
	}
	return n;
}

/*
 * Decide, once per message, which of the source's routes it takes: a
 * "to" field names one socket; else the routes whose filters match.
 * Returns how many, so -c can count messages that went somewhere.
 */
size_t
forward_begin(struct forward *f, struct node *src)
{
	const struct forward_from *ff = &f->from[src->index];
	struct msg *m = &src->msg;
	size_t i, n = 0;
	int r, yes;

	if (f->want_time)
		m->time_ms = clock_wall_ms();
	if (m->to >= 0)
		return src->nowed = forward_begin_to(f, ff, m->to);
	for (i = 0; i < ff->n; i++) {
		r = ff->routes[i];
		yes = f->kind[r] == FORWARD_ALL || (f->kind[r] ==
		    FORWARD_FILTER && route_match(f->routes[r], m->frames,
		    m->nframes));
		f->owed[r] = yes ? FORWARD_YES : FORWARD_NO;
		n += yes;
	}
	return src->nowed = n;
}

/* A route is done with the message: delivered, refused or dropped. */
static void
forward_done(struct forward *f, int r, struct node *dst)
{
	if (f->owed[r] == FORWARD_HELD)
		dst->owed--;
	f->owed[r] = FORWARD_NO;
}

/* Offer the message to one route's sink; 1 when the route is done with
 * it, 0 when the sink cannot take it now. Inline: every message and
 * every route passes here. */
static inline int __attribute__((always_inline))
forward_one(struct forward *f, struct node *src, int r, int last)
{
	struct route *rt = f->routes[r];
	struct node *dst = f->nodes[f->dst[r]];
	int rc = dst->ops->offer(dst, &src->msg, rt->fmt, last);

	if (rc == 1) {
		rt->nmsgs++;
		/* the lengths stay, even when the sink took the frames */
		rt->nbytes += msg_size(&src->msg);
	} else if (rc == -1 || rt->drop) {
		/* refused (the sink said why), or dropped as the route asks */
		rt->ndropped++;
		dst->ndropped++;
		if (rc == -1 && (src->flags & NODE_INPUT))
			src->failed = 1;
	} else {
		if (f->owed[r] == FORWARD_YES) {
			rt->nheld++;
			dst->nheld++;
			dst->owed++;
			f->owed[r] = FORWARD_HELD;
		}
		return 0;
	}
	forward_done(f, r, dst);
	return 1;
}

/*
 * Offer the source's message to every route still owed it. Returns 1
 * when all have it (the source may let it go), 0 when some sink cannot
 * take it now: the source is then held, and not read again until that
 * sink takes the message. An ordered source stops at the first such
 * sink, so the ones after it get the message after it.
 */
int
forward_offer(struct forward *f, struct node *src)
{
	const struct forward_from *ff = &f->from[src->index];
	size_t i;
	int r, waiting = 0;

	for (i = 0; i < ff->n && src->nowed > 0; i++) {
		r = ff->routes[i];
		if (f->owed[r] == FORWARD_NO)
			continue;
		if (waiting && (src->flags & NODE_ORDERED))
			break;
		/* the last route owed, with none held: its sink may take the
		 * frames themselves, sparing a reference each */
		if (forward_one(f, src, r, src->nowed == 1 && !waiting))
			src->nowed--;
		else
			waiting = 1;
	}
	src->held = waiting;
	if (!waiting && src->ops->taken != NULL)
		src->ops->taken(src);
	return !waiting;
}

/*
 * Route a source's new message and offer it: forward_begin and then
 * forward_offer, in one call and without their loops when one route
 * takes everything from src (every message passes here). Returns the
 * number of routes the message takes.
 */
size_t
forward_move(struct forward *f, struct node *src)
{
	int r = f->from[src->index].only;
	size_t n;

	if (r < 0 || src->msg.to >= 0) {
		n = forward_begin(f, src);
		forward_offer(f, src);
		return n;
	}
	if (f->want_time)
		src->msg.time_ms = clock_wall_ms();
	/* every owed[] of src is FORWARD_NO between messages */
	f->owed[r] = FORWARD_YES;
	src->nowed = 1;
	src->held = !forward_one(f, src, r, 1);
	if (src->held)
		return 1;
	src->nowed = 0;
	if (src->ops->taken != NULL)
		src->ops->taken(src);
	return 1;
}

/* The nodes the source's held message still waits for, into dsts (room
 * for every node); returns how many. */
size_t
forward_waiting_for(const struct forward *f, const struct node *src,
    int *dsts)
{
	const struct forward_from *ff = &f->from[src->index];
	size_t i, n = 0;

	for (i = 0; src->held && i < ff->n; i++)
		if (f->owed[ff->routes[i]] != FORWARD_NO)
			dsts[n++] = f->dst[ff->routes[i]];
	return n;
}

/* The run is over: the source's held message goes nowhere more, and no
 * sink waits to take it. */
void
forward_abandon(struct forward *f, struct node *src)
{
	const struct forward_from *ff = &f->from[src->index];
	size_t i;

	for (i = 0; src->held && i < ff->n; i++)
		if (f->owed[ff->routes[i]] != FORWARD_NO)
			forward_done(f, ff->routes[i],
			    f->nodes[f->dst[ff->routes[i]]]);
	src->held = 0;
	src->nowed = 0;
}

/* Release everything forward_init made. */
void
forward_free(struct forward *f)
{
	size_t i;

	for (i = 0; f->from != NULL && i < f->nnodes; i++)
		free(f->from[i].routes);
	for (i = f->ngiven; i < f->nroutes; i++)
		free(f->routes[i]);
	free(f->from);
	free(f->routes);
	free(f->src);
	free(f->dst);
	free(f->owed);
	free(f->kind);
	memset(f, 0, sizeof(*f));
}
