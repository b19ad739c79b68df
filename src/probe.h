/* --probe: what listens at an endpoint, from its ZMTP greeting. */
#ifndef ZMQCAT_PROBE_H
#define ZMQCAT_PROBE_H

#include <stddef.h>
#include <stdint.h>

#define PROBE_TIMEOUT_MS	3000	/* for all of them, unless -W */

int probe_run(char *const *endpoints, size_t n, int64_t timeout_ms,
    int json);

#endif
