/* A ZAP handler in the poll loop: CURVE allow-lists and PLAIN users. */
#ifndef ZMQCAT_ZAP_H
#define ZMQCAT_ZAP_H

#include <stddef.h>
#include <stdint.h>

#include "refusals.h"
#include "sock.h"

struct zap {
	void		*handle;	/* REP bound to inproc://zeromq.zap.01 */
	struct refusals	 refusals;	/* the refused-peer log */
};

int zap_needed(struct spec **specs, size_t n);
int zap_open(void *ctx, struct zap *z);
void zap_serve(struct zap *z, struct zsock *socks, size_t n);
int64_t zap_due(const struct zap *z);
void zap_tick(struct zap *z, int64_t now, int all);
void zap_close(struct zap *z);

#endif
