/* The parties a message moves between: sources and sinks, as the loop
 * sees them. */
#ifndef ZMQCAT_NODE_H
#define ZMQCAT_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "msg.h"

struct node;
struct waitset;
struct zsock;

/*
 * What the loop may ask of a node. A socket is a source and a sink,
 * stdin and the demo counter are sources, stdout is a sink; a service
 * (the ZAP handler, periodic stats) only waits and acts. A node leaves
 * NULL what it does not do. The loop calls these through one table per
 * kind of node, so it never knows which kind it talks to: a struct of
 * function pointers rather than a switch, so a new kind of node is a
 * new file with its table, and nothing else changes.
 */
struct node_ops {
	/* Add what to wait for this turn: poll items, a due time. */
	void	(*want)(struct node *, struct waitset *);
	/* A poll item of the node's (tag: which one) fired. */
	void	(*ready)(struct node *, int tag, short revents);
	/* The clock moved on: act on what is due. */
	void	(*tick)(struct node *, int64_t now);
	/* Before the loop blocks: flush what waits in memory. */
	void	(*idle)(struct node *);
	/* The run stopped taking from its sources (-c, -W, -T, a signal):
	 * a node that owes output for what it took (a co-process) ends its
	 * input, so that output can still come within the linger. */
	void	(*stop)(struct node *);
	/* Source: put the next message in n->msg: 1, 0 none now. */
	int	(*next)(struct node *);
	/* Source: every route has n->msg: it may go. */
	void	(*taken)(struct node *);
	/* Source: nonzero while it will bring no message by itself (a
	 * REQ with no request out; stdin read to its end). */
	int	(*finished)(const struct node *);
	/* Source: nonzero once no more can come in than it already holds
	 * (stdin at its end, a file, a pipe whose writer has gone). */
	int	(*exhausted)(const struct node *);
	/* Source: messages read but not handed on, for the end report. */
	size_t	(*pending)(const struct node *);
	/* Sink: take a message (fmt: the route's format=, or NULL): 1
	 * taken, 0 not now (the source holds it), -1 refused (said). With
	 * last, no other route wants it: taking its frames themselves
	 * (rather than copies) is allowed once it returns 1. */
	int	(*offer)(struct node *, struct msg *, const struct format *,
		    int last);
	/* Sink: why it cannot take the held message, for the end report. */
	void	(*why_full)(const struct node *, char *, size_t);
	/* At the end: say what only this node knows (said once). */
	void	(*report)(struct node *, int signalled);
	void	(*destroy)(struct node *);
};

/* How a source hands its messages on. */
#define NODE_COUNTED	0x01	/* -c counts them (sockets, the demo) */
#define NODE_ORDERED	0x02	/* to its routes in order: one that cannot
				 * take it holds back the rest (the demo,
				 * as the example's blocking sends) */
#define NODE_INPUT	0x04	/* the user's input (stdin, --replay): a
				 * message refused or not sent fails the run */
#define NODE_BY_ID	0x08	/* sink: POLLOUT says nothing of the peer a
				 * held message is for (ROUTER, STREAM) */
#define NODE_SINK	0x10	/* it takes messages (a socket that sends) */
#define NODE_WORKS	0x20	/* its finished() holds the run up even with
				 * no route from it: commands under way */
#define NODE_ANSWERS	0x40	/* what it took, its commands answer: once
				 * the run is over, it is still read, and
				 * the drain waits for it (the linger) */

/* What a command peer (--exec, --exec-each) counts, for --stats. */
struct node_runs {
	uint64_t	 runs;		/* commands started */
	uint64_t	 failures;	/* ended other than with status 0 */
	uint64_t	 timeouts;	/* killed by --exec-timeout */
	int64_t		 total_ms;	/* run time of those ended */
	int64_t		 max_ms;
	uint64_t	 ended;
};

struct node {
	const struct node_ops	*ops;
	const char		*name;		/* routes name it; %n */
	const char		*type;		/* %T */
	struct zsock		*zs;		/* a socket's; else NULL */
	const struct node_runs	*runs;		/* a command peer's; else
						 * NULL */
	const char		*label;		/* messages name it so: the
						 * --replay file for stdin */
	int			 index;		/* in the run's table */
	int			 flags;		/* NODE_* */
	unsigned		 batch;		/* messages taken per turn */
	struct msg		 msg;		/* a source's current message */
	/* set by the loop and forwarding, read by the node */
	int			 reading;	/* take its messages this turn */
	int			 readable;	/* it may have some now */
	int			 held;		/* source: msg waits for a sink */
	size_t			 nowed;		/* source: routes still owed msg */
	unsigned		 owed;		/* sink: held messages for it */
	/* counted by forwarding, for --stats */
	uint64_t		 nheld;		/* sink: had to wait for it */
	uint64_t		 ndropped;	/* sink: a route gave up on it */
	/* set by the node: the run fails; stops (*halt = 1, at once, even
	 * in the middle of a turn); stops quietly (stdout closed: no
	 * reports); a source waits to start (--wait-peers) */
	int			 failed;
	int			*halt;
	int			 quiet;
	int			 holding;
};

/* Count a command that ran for ms. */
static inline void
node_runs_ended(struct node_runs *r, int64_t ms)
{
	r->ended++;
	r->total_ms += ms;
	if (ms > r->max_ms)
		r->max_ms = ms;
}

void node_init(struct node *n, const struct node_ops *ops, const char *name,
    const char *type);
struct node *node_find(struct node *const *nodes, size_t n, const char *name);
void node_destroy(struct node **np);

#endif
