/* Moving one message along its routes: match, deliver, hold, drop. */
#ifndef ZMQCAT_FORWARD_H
#define ZMQCAT_FORWARD_H

#include <stddef.h>
#include <stdint.h>

#include "node.h"
#include "route.h"

/* Where the route ends that are not sockets are in the node table. */
struct forward_ends {
	int	 in;		/* stdin or --replay; -1: none */
	int	 out;		/* stdout; -1: none */
	int	 demo;		/* the demo counter; -1: none */
	int	 peer0;		/* the first --exec peer; the rest follow */
	size_t	 npeers;
};

/* The routes from one node, by their index in the table. */
struct forward_from {
	int	*routes;
	size_t	 n;
	int	 only;		/* the one route taking every message (the
				 * rest, if any, direct: for "to"), or -1 */
};

struct forward {
	struct node		**nodes;
	size_t			  nnodes;
	struct route		**routes;	/* given, then one direct route
						 * from the input per sending
						 * socket, for -J "to" */
	size_t			  nroutes;
	size_t			  ngiven;
	int			 *src;		/* per route: its nodes */
	int			 *dst;
	unsigned char		 *owed;		/* per route: FORWARD_* */
	unsigned char		 *kind;		/* per route: FORWARD_ALL and
						 * the like, set once */
	struct forward_from	 *from;		/* per node */
	int			  want_time;	/* some format shows %t */
};

void forward_init(struct forward *f, struct node **nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes,
    const struct forward_ends *ends, int to_field);
void forward_want_time(struct forward *f, const struct format *fmt);
size_t forward_nfrom(const struct forward *f, const struct node *n);
size_t forward_begin(struct forward *f, struct node *src);
int forward_offer(struct forward *f, struct node *src);
size_t forward_move(struct forward *f, struct node *src);
size_t forward_waiting_for(const struct forward *f, const struct node *src,
    int *dsts);
void forward_abandon(struct forward *f, struct node *src);
void forward_free(struct forward *f);

#endif
