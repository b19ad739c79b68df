/* A ZAP handler in the poll loop: CURVE allow-lists and PLAIN users. */
#ifndef ZMQCAT_ZAP_H
#define ZMQCAT_ZAP_H

#include <stddef.h>

#include "sock.h"

struct zap {
	void	 *handle;	/* REP bound to inproc://zeromq.zap.01 */
	char	**seen;		/* peers whose refusal was already logged */
	size_t	  nseen;
	int	  full;		/* too many to remember: count, not log */
};

int zap_needed(struct spec **specs, size_t n);
int zap_open(void *ctx, struct zap *z);
void zap_serve(struct zap *z, struct zsock *socks, size_t n);
void zap_close(struct zap *z);

#endif
