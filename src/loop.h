/* The one zmq_poll loop: sockets to stdout, stdin to sockets. */
#ifndef ZMQCAT_LOOP_H
#define ZMQCAT_LOOP_H

#include "options.h"

int loop_run(const struct options *opt);

#endif
