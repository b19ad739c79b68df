/*
 * A socket's ipc connections, and holding them open past the close.
 *
 * Why: libzmq 4.3.4 loses the tail of what a peer sent over ipc when the
 * sender closes while the receiver is behind (libzmq issue 4660). The
 * receiving engine, whose input is stopped at its high-water mark, takes
 * the hang-up of a unix socket (EPOLLHUP) as an error and never reads
 * what is still in the socket. Linger does not help: libzmq has written
 * everything to the socket by then. So before a socket that sent over
 * ipc is closed, zmqcat dup()s each of its connections; libzmq's close
 * then leaves the connection open, and zmqcat closes it only once the
 * peer has read every byte (SIOCOUTQ is 0), within the linger. tcp has
 * no such loss (a peer's close is not a hang-up there).
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/sockios.h>
#endif

#include "clock.h"
#include "conns.h"
#include "xmalloc.h"

#define CONNS_POLL_MS	2	/* how often the peer's reading is checked */

/* Before the socket is closed: a duplicate of its ipc connection fd
 * into held, so that libzmq's close does not end it. */
void
conns_hold(struct conns *held, int fd)
{
	if ((fd = fcntl(fd, F_DUPFD_CLOEXEC, 3)) == -1)
		return;
	if (held->n == held->cap) {
		held->cap = held->cap ? held->cap * 2 : 4;
		held->fds = xrealloc(held->fds, held->cap * sizeof(*held->fds));
	}
	held->fds[held->n++] = fd;
}

/* Bytes sent on fd that the peer has not read yet; 0 when that cannot
 * be known. */
static uint64_t
conns_unread(int fd)
{
#ifdef SIOCOUTQ
	int n = 0;

	if (ioctl(fd, SIOCOUTQ, &n) == 0 && n > 0)
		return (uint64_t)n;
#else
	(void)fd;
#endif
	return 0;
}

/*
 * After the context is gone (libzmq wrote everything): wait until the
 * peer of each held connection has read all of it, or until the time
 * (monotonic ms) is up; then close them. Returns how many still had
 * unread bytes (their sum in *unread): those may be lost.
 */
size_t
conns_drain(struct conns *held, int64_t until, uint64_t *unread)
{
	size_t i, left = 0;
	uint64_t n;

	*unread = 0;
	for (i = 0; i < held->n; i++) {
		while ((n = conns_unread(held->fds[i])) > 0 &&
		    clock_mono_ms() < until)
			poll(NULL, 0, CONNS_POLL_MS);
		if (n > 0) {
			left++;
			*unread += n;
		}
		close(held->fds[i]);
	}
	held->n = 0;
	return left;
}

/* Release the list (not the connections); accepts an empty one. */
void
conns_free(struct conns *c)
{
	free(c->fds);
	memset(c, 0, sizeof(*c));
}
