/* A socket's ipc connections, by the fd its monitor names them by, and
 * holding them open past the socket's close until the peer has read
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

void conns_add(struct conns *c, int fd, const char *endpoint, size_t eplen);
void conns_del(struct conns *c, int fd);
void conns_hold(const struct conns *c, struct conns *held);
size_t conns_drain(struct conns *held, int64_t until, uint64_t *unread);
void conns_free(struct conns *c);

#endif
