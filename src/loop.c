/*
 * The one loop. It builds the run's nodes (sockets, stdin, stdout, the
 * demo counter, the ZAP handler, --stats) and the routes between them,
 * then turns: ask every node what it waits for, wait once, let each
 * node act on what it got, hand messages along their routes, and let
 * the end-of-run policy say whether the run goes on.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "clock.h"
#include "ending.h"
#include "forward.h"
#include "log.h"
#include "loop.h"
#include "run.h"
#include "signals.h"
#include "status.h"
#include "waitset.h"

/* Ask every node what it waits for this turn; only a source that is
 * not held, and while the run reads it, waits for messages. */
static void
loop_want(struct run *l)
{
	struct node *n;
	size_t i;

	waitset_reset(&l->ws);
	waitset_fd(&l->ws, NULL, 0, signals_fd(), ZMQ_POLLIN);
	for (i = 0; i < l->nnodes; i++) {
		n = l->nodes[i];
		n->reading = ending_reads(&l->end, n) && !n->held &&
		    forward_nfrom(&l->fwd, n) > 0;
		n->readable = 0;
		if (n->ops->want != NULL)
			n->ops->want(n, &l->ws);
	}
	ending_want(&l->end, &l->ws);
}

/* Nonzero when a node asked the run to stop. */
static int
loop_halted(const struct run *l)
{
	return l->end.halt || signals_caught;
}

/* Wait once: first without blocking; then, when nothing is ready, after
 * every node has flushed what it holds (stdout), until something is. */
static int
loop_wait(struct run *l)
{
	size_t i;
	int rc;

	rc = waitset_poll(&l->ws, 0);
	if (rc != 0 || waitset_timeout(&l->ws, clock_mono_ms()) == 0)
		return rc;
	for (i = 0; i < l->nnodes; i++)
		if (l->nodes[i]->ops->idle != NULL)
			l->nodes[i]->ops->idle(l->nodes[i]);
	if (loop_halted(l))
		return 0;
	return waitset_poll(&l->ws, waitset_timeout(&l->ws, clock_mono_ms()));
}

/* Let each node act on its items that fired, then on the clock. */
static void
loop_dispatch(struct run *l, int64_t now)
{
	struct waitset_owner *o;
	size_t i;

	for (i = 0; i < l->ws.n; i++) {
		if (l->ws.items[i].revents == 0)
			continue;
		o = &l->ws.owners[i];
		if (o->node == NULL)
			signals_drain();
		else if (o->node->ops->ready != NULL)
			o->node->ops->ready(o->node, o->tag,
			    l->ws.items[i].revents);
	}
	for (i = 0; i < l->nnodes; i++)
		if (l->nodes[i]->ops->tick != NULL)
			l->nodes[i]->ops->tick(l->nodes[i], now);
}

/* Offer held messages again: their sinks may have room now. */
static void
loop_retry_held(struct run *l)
{
	struct node *n;
	size_t i;

	for (i = 0; i < l->nnodes && !signals_caught; i++) {
		n = l->nodes[i];
		if (n->held && ending_may_offer(&l->end, n) &&
		    forward_offer(&l->fwd, n))
			ending_moved(&l->end);
	}
}

/* Take what a source has, bounded so one busy source cannot starve the
 * rest, until its message is held by a full sink or the run stops. */
static void
loop_drain(struct run *l, struct node *n)
{
	size_t routed;
	unsigned k;

	for (k = 0; k < n->batch && !n->held && ending_reads(&l->end, n);
	    k++) {
		if (!n->ops->next(n))
			return;
		routed = forward_move(&l->fwd, n);
		ending_count(&l->end, n, routed);
	}
}

/* One turn: wait, act, move messages, and check the end. */
static void
loop_turn(struct run *l)
{
	int64_t now;
	size_t i;

	loop_want(l);
	if (loop_wait(l) == -1 && errno != EINTR) {
		warnx("zmq_poll: %s", zmq_strerror(errno));
		ending_abort(&l->end);
	}
	now = clock_mono_ms();
	loop_dispatch(l, now);
	loop_retry_held(l);
	for (i = 0; i < l->nnodes && !loop_halted(l); i++)
		if (l->nodes[i]->reading && l->nodes[i]->readable)
			loop_drain(l, l->nodes[i]);
	ending_turn(&l->end, now);
}

/* Run zmqcat until the end-of-run policy says it is over; returns the
 * exit status. */
int
loop_run(const struct options *opt)
{
	struct run r;
	int status;

	if (run_open(&r, opt) == -1)
		return ZC_RUNTIME;	/* said; run_open released it all */
	while (!ending_done(&r.end))
		loop_turn(&r);
	status = ending_status(&r.end);
	if (run_close(&r) == -1)
		status = ZC_RUNTIME;
	return status;
}
