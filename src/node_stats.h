/* --stats as a node: a report every period, and one at the end. */
#ifndef ZMQCAT_NODE_STATS_H
#define ZMQCAT_NODE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "node.h"
#include "route.h"

/* What the reports show, and how often. */
struct node_stats_conf {
	struct node	*const *nodes;
	size_t		 nnodes;
	struct route	*const *routes;
	size_t		 nroutes;
	int64_t		 period;	/* ms; 0: only at the end */
	int64_t		 start;		/* the run's, monotonic ms */
	int		 json;
};

struct node *node_stats_new(const struct node_stats_conf *conf);

#endif
