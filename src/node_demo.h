/* --demo-server's counter as a source: 0, 1, 2... one every interval. */
#ifndef ZMQCAT_NODE_DEMO_H
#define ZMQCAT_NODE_DEMO_H

#include "node.h"

struct node *node_demo_new(int interval_ms);

#endif
