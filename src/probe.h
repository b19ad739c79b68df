/* --probe: what listens at an endpoint, from its ZMTP greeting and,
 * with credentials, its handshake. */
#ifndef ZMQCAT_PROBE_H
#define ZMQCAT_PROBE_H

#include <stddef.h>
#include <stdint.h>

#define PROBE_TIMEOUT_MS	3000	/* for all of them, unless -W */

struct keys;

int probe_run(char *const *endpoints, const struct keys *keys, size_t n,
    int64_t timeout_ms, int json);

#endif
