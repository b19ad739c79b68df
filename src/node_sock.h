/* A zmq socket as a node: a source of what it receives, a sink for what
 * routes send to it. */
#ifndef ZMQCAT_NODE_SOCK_H
#define ZMQCAT_NODE_SOCK_H

#include <stddef.h>
#include <stdint.h>

#include "node.h"

struct check;
struct zsock;

/* What every socket node of a run shares. */
struct node_sock_conf {
	void		*ctx;		/* a REQ is reopened in it */
	int		 timeout_reply;	/* --timeout-reply, ms; 0: none */
	int		 want_peer;	/* some format shows the peer (%j) */
	int		 want_meta;	/* some shows properties (%m, --meta) */
	const char	*fdelim;	/* -F, for %s */
	size_t		 fdlen;
	uint64_t	*seq;		/* messages received by any socket */
	struct check	*check;		/* --check: stamps counted; or NULL */
};

struct node *node_sock_new(struct zsock *zs,
    const struct node_sock_conf *conf);

#endif
