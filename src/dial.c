/* A plain connection to a tcp:// or ipc:// endpoint, bounded in time;
 * when it fails, why, in words a user can act on. */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "clock.h"
#include "dial.h"

/* Connect fd (non-blocking) to addr, within deadline; -1 with errno. */
static int
dial_addr(int fd, const struct sockaddr *addr, socklen_t len,
    int64_t deadline)
{
	struct pollfd pfd = { fd, POLLOUT, 0 };
	socklen_t elen = sizeof(int);
	int e = 0, ms;

	if (connect(fd, addr, len) == 0)
		return 0;
	if (errno != EINPROGRESS)
		return -1;
	ms = (int)(deadline - clock_mono_ms());
	if (ms <= 0 || poll(&pfd, 1, ms) <= 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) == -1)
		return -1;
	errno = e;
	return e == 0 ? 0 : -1;
}

/* A connected socket to an ipc path; -1 with why. */
static int
dial_ipc(const char *path, int64_t deadline, char *why, size_t len)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(why, len, "ipc path too long");
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1 || dial_addr(fd,
	    (struct sockaddr *)&sun, sizeof(sun), deadline) == -1) {
		snprintf(why, len, "connect: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* Split HOST:PORT ([v6]:PORT too) into host and port. */
static int
dial_hostport(const char *hp, char *host, size_t hlen, const char **port)
{
	const char *colon = strrchr(hp, ':');
	size_t n;

	if (colon == NULL || colon[1] == '\0')
		return -1;
	n = (size_t)(colon - hp);
	if (n >= 2 && hp[0] == '[' && hp[n - 1] == ']') {
		hp++;
		n -= 2;
	}
	if (n == 0 || n >= hlen)
		return -1;
	memcpy(host, hp, n);
	host[n] = '\0';
	*port = colon + 1;
	return 0;
}

/* A connected socket to HOST:PORT, trying each address; -1 with why. */
static int
dial_tcp(const char *hp, int64_t deadline, char *why, size_t len)
{
	struct addrinfo hints, *res, *ai;
	char host[256];
	const char *port;
	int fd = -1, rc, e = ECONNREFUSED;

	if (dial_hostport(hp, host, sizeof(host), &port) == -1) {
		snprintf(why, len, "want tcp://HOST:PORT");
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		snprintf(why, len, "cannot resolve '%s': %s", host,
		    gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol)) == -1)
			continue;
		if (dial_addr(fd, ai->ai_addr, ai->ai_addrlen, deadline) == 0)
			break;
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		snprintf(why, len, "connect: %s", e == ETIMEDOUT ?
		    "timed out" : strerror(e));
	return fd;
}

/*
 * A non-blocking socket connected to endpoint (tcp://HOST:PORT or
 * ipc://PATH) by deadline (monotonic ms); -1 with why: "cannot resolve
 * 'HOST': ...", "connect: Connection refused", ...
 */
int
dial(const char *endpoint, int64_t deadline, char *why, size_t len)
{
	if (strncmp(endpoint, "tcp://", 6) == 0)
		return dial_tcp(endpoint + 6, deadline, why, len);
	if (strncmp(endpoint, "ipc://", 6) == 0)
		return dial_ipc(endpoint + 6, deadline, why, len);
	snprintf(why, len, "only tcp:// and ipc:// can be dialled");
	return -1;
}
