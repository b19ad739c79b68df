/* --demo-server: the classic poller example's PUSH/PUB counter emitter. */
#ifndef ZMQCAT_DEMO_H
#define ZMQCAT_DEMO_H

#include "options.h"

int demo_run(struct options *opt);

#endif
