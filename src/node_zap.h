/* The ZAP handler as a node: it only waits for requests and answers. */
#ifndef ZMQCAT_NODE_ZAP_H
#define ZMQCAT_NODE_ZAP_H

#include <stddef.h>

#include "node.h"
#include "zap.h"

struct node *node_zap_new(struct zap *z, struct zsock *socks, size_t n);

#endif
