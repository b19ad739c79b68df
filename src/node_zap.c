/* The ZAP handler as a node: it only waits for requests and answers,
 * from every wait, or a peer's handshake stalls. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "node_zap.h"
#include "waitset.h"
#include "xmalloc.h"

struct node_zap {
	struct node	 node;
	struct zap	*z;
	struct zsock	*socks;		/* whose domains it checks */
	size_t		 nsocks;
};

/* Wait for a request, and for the refusals' counts to say. */
static void
node_zap_want(struct node *n, struct waitset *ws)
{
	struct zap *z = ((struct node_zap *)n)->z;

	waitset_socket(ws, n, 0, z->handle, ZMQ_POLLIN);
	waitset_due(ws, zap_due(z));
}

/* Answer what came. */
static void
node_zap_ready(struct node *n, int tag, short revents)
{
	struct node_zap *s = (struct node_zap *)n;

	(void)tag;
	if (revents & ZMQ_POLLIN)
		zap_serve(s->z, s->socks, s->nsocks);
}

/* The counts of refusals whose interval is over. */
static void
node_zap_tick(struct node *n, int64_t now)
{
	zap_tick(((struct node_zap *)n)->z, now, 0);
}

/* At the end: the counts of refusals not said yet. */
static void
node_zap_report(struct node *n, int signalled)
{
	(void)signalled;
	zap_tick(((struct node_zap *)n)->z, clock_mono_ms(), 1);
}

static const struct node_ops node_zap_ops = {
	.want = node_zap_want,
	.ready = node_zap_ready,
	.tick = node_zap_tick,
	.report = node_zap_report,
};

/* A node for an open handler; z and socks outlive it. */
struct node *
node_zap_new(struct zap *z, struct zsock *socks, size_t n)
{
	struct node_zap *s = xmalloc(sizeof(*s));

	memset(s, 0, sizeof(*s));
	s->z = z;
	s->socks = socks;
	s->nsocks = n;
	node_init(&s->node, &node_zap_ops, "zap", "ZAP");
	return &s->node;
}
