/* --stats: counts per socket and per route, as a table on stderr. */
#ifndef ZMQCAT_STATS_H
#define ZMQCAT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "route.h"
#include "node.h"
#include "sock.h"

void stats_print(struct node *const *nodes, size_t nnodes,
    struct route *const *routes, size_t nroutes, int64_t elapsed_ms,
    int json);

#endif
