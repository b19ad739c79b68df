/* Open zmq sockets from specs, watch their peers, send without blocking. */
#ifndef ZMQCAT_SOCK_H
#define ZMQCAT_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "spec.h"

struct zsock {
	struct spec	*spec;
	void		*handle;
	void		*monitor;	/* inproc PAIR reading its events */
	int		 peers;		/* connected peers now */
	int		 peers_known;	/* no inproc endpoint: events tell */
	int		 ever_peered;
	int64_t		 nopeer_since;	/* monotonic ms; peers == 0 since */
	int64_t		 awaiting_since;/* a REQ waits for its reply */
	uint64_t	 nsent;		/* messages and bytes out and in */
	uint64_t	 bytes_out;
	uint64_t	 nrecv;
	uint64_t	 bytes_in;
	uint64_t	 nheld;		/* messages that had to wait for it */
	uint64_t	 ndropped;	/* messages a drop route gave up */
	int		 index;		/* place in the poll set */
};

int sock_open(void *ctx, struct zsock *zs, struct spec *spec, int linger,
    int index);
int sock_send(struct zsock *zs, const struct iovec *frames, size_t n);
void sock_monitor_read(struct zsock *zs);
void sock_close(struct zsock *zs);
int sock_reopen(void *ctx, struct zsock *zs, int linger);
struct zsock *sock_open_all(void *ctx, struct spec **specs, size_t n,
    int linger);
void sock_close_all(struct zsock **socksp, size_t n);

#endif
