/* A socket's ipc connections held open past the socket's close (a dup
 * of the fd its monitor names each by) until the peer has read
 * everything sent on them. */
#ifndef ZMQCAT_CONNS_H
#define ZMQCAT_CONNS_H

#include <stddef.h>
#include <stdint.h>

struct conns {
	int	*fds;
	size_t	 n;
	size_t	 cap;
};

void conns_hold(struct conns *held, int fd);
size_t conns_drain(struct conns *held, int64_t until, uint64_t *unread);
void conns_free(struct conns *c);

#endif
