/* The ZAP handler as a node: it only waits for requests and answers,
 * from every wait, or a peer's handshake stalls. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "node_zap.h"
#include "waitset.h"
#include "xmalloc.h"

struct node_zap {
	struct node	 node;
	struct zap	*z;
	struct zsock	*socks;		/* whose domains it checks */
	size_t		 nsocks;
};

/* Wait for a request. */
static void
node_zap_want(struct node *n, struct waitset *ws)
{
	waitset_socket(ws, n, 0, ((struct node_zap *)n)->z->handle,
	    ZMQ_POLLIN);
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

static const struct node_ops node_zap_ops = {
	.want = node_zap_want,
	.ready = node_zap_ready,
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
