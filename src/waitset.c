/* What the loop waits for in one turn, and the one zmq_poll. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "waitset.h"
#include "xmalloc.h"

/* Start an empty wait set. */
void
waitset_init(struct waitset *ws)
{
	memset(ws, 0, sizeof(*ws));
	ws->due = -1;
}

/* Empty it for the next turn, keeping what it allocated. */
void
waitset_reset(struct waitset *ws)
{
	ws->n = 0;
	ws->due = -1;
}

/* Add one poll item owned by node; returns it. */
static zmq_pollitem_t *
waitset_add(struct waitset *ws, struct node *node, int tag)
{
	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? ws->cap * 2 : 16;
		ws->items = xrealloc(ws->items, ws->cap * sizeof(*ws->items));
		ws->owners = xrealloc(ws->owners, ws->cap *
		    sizeof(*ws->owners));
	}
	ws->owners[ws->n].node = node;
	ws->owners[ws->n].tag = tag;
	memset(&ws->items[ws->n], 0, sizeof(ws->items[ws->n]));
	return &ws->items[ws->n++];
}

/* Wait on a zmq socket for events (0: only errors). */
void
waitset_socket(struct waitset *ws, struct node *node, int tag, void *socket,
    short events)
{
	zmq_pollitem_t *it = waitset_add(ws, node, tag);

	it->socket = socket;
	it->events = events;
}

/* Wait on a file descriptor for events (0: only errors and hang-ups). */
void
waitset_fd(struct waitset *ws, struct node *node, int tag, int fd,
    short events)
{
	zmq_pollitem_t *it = waitset_add(ws, node, tag);

	it->fd = fd;
	it->events = events;
}

/* Something is due at when (monotonic ms): wait no longer. */
void
waitset_due(struct waitset *ws, int64_t when)
{
	if (when >= 0 && (ws->due < 0 || when < ws->due))
		ws->due = when;
}

/* How long to wait from now: -1 forever, 0 not at all. */
long
waitset_timeout(const struct waitset *ws, int64_t now)
{
	if (ws->due < 0)
		return -1;
	return ws->due > now ? (long)(ws->due - now) : 0;
}

/* Wait on every item, up to timeout_ms (-1: until one fires): the one
 * zmq_poll of the program. Returns zmq_poll's result. */
int
waitset_poll(struct waitset *ws, long timeout_ms)
{
	return zmq_poll(ws->items, (int)ws->n, timeout_ms);
}

/* Release what the wait set allocated. */
void
waitset_free(struct waitset *ws)
{
	free(ws->items);
	free(ws->owners);
	ws->items = NULL;
	ws->owners = NULL;
	ws->n = ws->cap = 0;
}
