/* --demo-server's counter as a source: 0, 1, 2... one every interval. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "node_demo.h"
#include "str.h"
#include "waitset.h"
#include "xmalloc.h"

struct node_demo {
	struct node	 node;
	uint64_t	 value;		/* the counter being sent */
	char		 text[24];	/* its JSON encoding: its digits */
	struct iovec	 frame;
	int		 interval;
	int64_t		 due;		/* when the next value goes */
};

/* Wake when the next value is due, unless the last still waits. */
static void
node_demo_want(struct node *n, struct waitset *ws)
{
	if (n->reading)
		waitset_due(ws, ((struct node_demo *)n)->due);
}

/* The next value may go once it is due. */
static void
node_demo_tick(struct node *n, int64_t now)
{
	if (now >= ((struct node_demo *)n)->due)
		n->readable = 1;
}

/* The counter as a message, once its time has come. */
static int
node_demo_next(struct node *n)
{
	struct node_demo *d = (struct node_demo *)n;

	if (clock_mono_ms() < d->due)
		return 0;
	d->frame.iov_len = str_u64(d->text, d->value);
	d->due = INT64_MAX;	/* none until this one has gone */
	return 1;
}

/* Every socket has it: count on, from the interval after this send, as
 * the example's blocking sends do. */
static void
node_demo_taken(struct node *n)
{
	struct node_demo *d = (struct node_demo *)n;

	d->value++;
	d->due = clock_mono_ms() + d->interval;
}

/* It never ends by itself: -c, -W or a signal end it. */
static int
node_demo_finished(const struct node *n)
{
	(void)n;
	return 0;
}

static const struct node_ops node_demo_ops = {
	.want = node_demo_want,
	.tick = node_demo_tick,
	.next = node_demo_next,
	.taken = node_demo_taken,
	.finished = node_demo_finished,
	.exhausted = node_demo_finished,
};

/* The counter, sent to its routes in order (the example sends to the
 * PUSH, then the PUB, each waiting for the one before). */
struct node *
node_demo_new(int interval_ms)
{
	struct node_demo *d = xmalloc(sizeof(*d));
	struct node *n = &d->node;

	memset(d, 0, sizeof(*d));
	d->interval = interval_ms;
	d->due = clock_mono_ms() + interval_ms;
	d->frame.iov_base = d->text;
	node_init(n, &node_demo_ops, "demo", "DEMO");
	n->batch = 1;
	n->flags = NODE_COUNTED | NODE_ORDERED;
	n->msg.frames = &d->frame;
	n->msg.nframes = 1;
	return n;
}
