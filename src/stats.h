/* --stats: counts per socket and per route, as a table on stderr. */
#ifndef ZMQCAT_STATS_H
#define ZMQCAT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "route.h"
#include "node.h"
#include "sock.h"

/*
 * What each socket had moved at the report before (by node index), and
 * how long ago that was: the rates are over that time. At the first
 * report, all zero and since the start; at the end, over the whole run.
 */
struct stats_since {
	uint64_t	*msgs;		/* in + out */
	uint64_t	*bytes;		/* bytes in + out */
	int64_t		 ms;		/* the time they cover */
};

void stats_print(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    const struct stats_since *since, int json);

#endif
