/* What the loop waits for in one turn: poll items, each with its owner,
 * and the earliest due time; and the one zmq_poll. */
#ifndef ZMQCAT_WAITSET_H
#define ZMQCAT_WAITSET_H

#include <stddef.h>
#include <stdint.h>
#include <zmq.h>

struct node;

struct waitset_owner {
	struct node	*node;		/* NULL: the loop's own (signals) */
	int		 tag;		/* which of the node's items */
};

struct waitset {
	zmq_pollitem_t		*items;
	struct waitset_owner	*owners;
	size_t			 n;
	size_t			 cap;
	int64_t			 due;	/* monotonic ms; -1: none */
};

void waitset_init(struct waitset *ws);
void waitset_reset(struct waitset *ws);
void waitset_socket(struct waitset *ws, struct node *node, int tag,
    void *socket, short events);
void waitset_fd(struct waitset *ws, struct node *node, int tag, int fd,
    short events);
void waitset_due(struct waitset *ws, int64_t when);
int waitset_poll(struct waitset *ws, long timeout_ms);
long waitset_timeout(const struct waitset *ws, int64_t now);
void waitset_free(struct waitset *ws);

#endif
