/* --check's report at the end of a run, as a node: its verdict fails the
 * run. */
#ifndef ZMQCAT_NODE_CHECK_H
#define ZMQCAT_NODE_CHECK_H

#include <stdint.h>

#include "check.h"
#include "node.h"

struct node *node_check_new(struct check *c, int json, int64_t period,
    int64_t start);

#endif
