/* A plain connection to a tcp:// or ipc:// endpoint, bounded in time:
 * for --probe, and to say why a connect failed (--fail-fast). */
#ifndef ZMQCAT_DIAL_H
#define ZMQCAT_DIAL_H

#include <stddef.h>
#include <stdint.h>

int dial(const char *endpoint, int64_t deadline, char *why, size_t len);

#endif
