/*
 * --probe ENDPOINT...: connect with a plain socket, speak the ZMTP
 * greeting ourselves (as a NULL client, ZMTP 3.1), and say what the
 * listener is: its ZMTP version, mechanism and as-server flag, and, with
 * NULL, the metadata of its READY (Socket-Type, Identity, X-...). A
 * listener that is not ZMTP is shown by its first bytes. One line per
 * endpoint, or a JSON object with -J. Every wait is bounded.
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "clock.h"
#include "jsonw.h"
#include "outbuf.h"
#include "probe.h"
#include "status.h"
#include "xmalloc.h"
#include "zmtp.h"

#define PROBE_BUF	4096	/* enough for a greeting and a READY */
#define PROBE_PROPS	16	/* READY properties shown */
#define PROBE_SHOWN	48	/* a stranger's first bytes shown */

/* What one probe found. */
struct probe {
	const char		*endpoint;
	char			 error[512];	/* or "" */
	int			 zmtp;		/* identified as ZMTP */
	struct zmtp_greeting	 g;
	uint8_t			 buf[PROBE_BUF];
	size_t			 len;		/* bytes read into buf */
	struct zmtp_prop	 props[PROBE_PROPS];
	size_t			 nprops;
	int			 ready;		/* READY came */
	char			 refused[128];	/* an ERROR command's reason */
};

/* Connect fd (non-blocking) to addr, within deadline; -1 with errno. */
static int
probe_connect_addr(int fd, const struct sockaddr *addr, socklen_t len,
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

/* A connected socket to an ipc:// path; -1 with p->error. */
static int
probe_ipc(struct probe *p, const char *path, int64_t deadline)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(p->error, sizeof(p->error), "ipc path too long");
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1 || probe_connect_addr(fd,
	    (struct sockaddr *)&sun, sizeof(sun), deadline) == -1) {
		snprintf(p->error, sizeof(p->error), "connect: %s",
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return fd;
}

/* Split tcp://HOST:PORT ([v6]:PORT too) into host and port. */
static int
probe_hostport(const char *hp, char *host, size_t hlen, const char **port)
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

/* A connected socket to a tcp:// endpoint; -1 with p->error. */
static int
probe_tcp(struct probe *p, const char *hp, int64_t deadline)
{
	struct addrinfo hints, *res, *ai;
	char host[256];
	const char *port;
	int fd = -1, rc, e = ECONNREFUSED;

	if (probe_hostport(hp, host, sizeof(host), &port) == -1) {
		snprintf(p->error, sizeof(p->error), "want tcp://HOST:PORT");
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		snprintf(p->error, sizeof(p->error), "cannot resolve '%s': %s",
		    host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol)) == -1)
			continue;
		if (probe_connect_addr(fd, ai->ai_addr, ai->ai_addrlen,
		    deadline) == 0)
			break;
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		snprintf(p->error, sizeof(p->error), "connect: %s",
		    e == ETIMEDOUT ? "timed out" : strerror(e));
	return fd;
}

/* Read what comes into p->buf until more bytes would not change what
 * want() says, the peer closes, or the deadline; 0, or -1 on an error. */
static int
probe_read(struct probe *p, int fd, int64_t deadline, int (*want)(struct
    probe *))
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	ssize_t k;
	int ms;

	while (want(p) && p->len < sizeof(p->buf)) {
		ms = (int)(deadline - clock_mono_ms());
		if (ms <= 0 || poll(&pfd, 1, ms) <= 0)
			return 0;	/* what we have is the answer */
		k = read(fd, p->buf + p->len, sizeof(p->buf) - p->len);
		if (k == 0 || (k == -1 && errno != EINTR && errno != EAGAIN))
			return 0;
		if (k > 0)
			p->len += (size_t)k;
	}
	return 0;
}

/* Nonzero while the greeting is not whole. */
static int
probe_want_greeting(struct probe *p)
{
	return zmtp_greeting(p->buf, p->len, &p->g) == ZMTP_MORE;
}

/* Nonzero while the first command after the greeting is not whole. */
static int
probe_want_command(struct probe *p)
{
	const uint8_t *body;
	size_t len;
	int flags;

	return zmtp_frame(p->buf + p->g.len, p->len - p->g.len, &flags, &body,
	    &len) == 0;
}

/* The peer's first command (NULL: READY or ERROR): its properties. */
static void
probe_command(struct probe *p)
{
	const uint8_t *body, *name, *data;
	size_t len, namelen, datalen;
	int flags;

	if (zmtp_frame(p->buf + p->g.len, p->len - p->g.len, &flags, &body,
	    &len) <= 0 || !(flags & ZMTP_COMMAND) ||
	    zmtp_command(body, len, &name, &namelen, &data, &datalen) == -1)
		return;
	if (namelen == 5 && memcmp(name, "READY", 5) == 0)
		p->ready = zmtp_props(data, datalen, p->props, PROBE_PROPS,
		    &p->nprops) == 0;
	else if (namelen == 5 && memcmp(name, "ERROR", 5) == 0 &&
	    datalen >= 1 && (size_t)data[0] <= datalen - 1)
		snprintf(p->refused, sizeof(p->refused), "%.*s", (int)data[0],
		    (const char *)data + 1);
}

/* Probe one endpoint into p, within deadline. */
static void
probe_one(struct probe *p, int64_t deadline)
{
	uint8_t ours[ZMTP_GREETING];
	enum zmtp_status st;
	int fd;

	if (strncmp(p->endpoint, "tcp://", 6) == 0)
		fd = probe_tcp(p, p->endpoint + 6, deadline);
	else if (strncmp(p->endpoint, "ipc://", 6) == 0)
		fd = probe_ipc(p, p->endpoint + 6, deadline);
	else {
		snprintf(p->error, sizeof(p->error), "cannot probe it (tcp:// "
		    "and ipc:// only)");
		return;
	}
	if (fd == -1)
		return;
	/*
	 * As libzmq does: the signature and the major version first, the
	 * rest once the peer's greeting is in, and only when its mechanism
	 * is ours. A peer that disagrees closes at once, and unread bytes
	 * of ours would turn its close into a reset that loses its
	 * greeting.
	 */
	zmtp_our_greeting(ours, "NULL");
	if (write(fd, ours, 11) == 11)
		probe_read(p, fd, deadline, probe_want_greeting);
	st = zmtp_greeting(p->buf, p->len, &p->g);
	p->zmtp = st == ZMTP_OK;
	if (p->zmtp && p->g.major >= 3 && strcmp(p->g.mechanism, "NULL") == 0 &&
	    write(fd, ours + 11, sizeof(ours) - 11) == sizeof(ours) - 11) {
		probe_read(p, fd, deadline, probe_want_command);
		probe_command(p);
	} else if (st == ZMTP_MORE && p->len == 0)
		snprintf(p->error, sizeof(p->error), "no greeting within the "
		    "time (-W)");
	close(fd);
}

/* Up to max of the n bytes at p, a stranger's: \xNN where not
 * printable (and for a quote or a backslash), so they cannot play
 * with a terminal. */
static void
probe_escaped(struct outbuf *ob, const uint8_t *p, size_t n, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = "\\x";
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\')
			outbuf_put(ob, p + i, 1);
		else {
			e[2] = hex[p[i] >> 4];
			e[3] = hex[p[i] & 15];
			outbuf_put(ob, e, 4);
		}
	}
}

/* The same, quoted, and "..." after when cut. */
static void
probe_quote(struct outbuf *ob, const uint8_t *p, size_t n, size_t max)
{
	outbuf_put(ob, "\"", 1);
	probe_escaped(ob, p, n, max);
	outbuf_put(ob, n > max ? "\"..." : "\"", n > max ? 4 : 1);
}

/* The READY property name (a Socket-Type first), or NULL. */
static const struct zmtp_prop *
probe_prop(const struct probe *p, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < p->nprops; i++)
		if (p->props[i].namelen == n &&
		    strncasecmp((const char *)p->props[i].name, name, n) == 0)
			return &p->props[i];
	return NULL;
}

/* One line: ENDPOINT: ZMTP 3.1, NULL, PUB; Identity "x", X-A "b". */
static void
probe_text(const struct probe *p, struct outbuf *ob)
{
	const struct zmtp_prop *t = probe_prop(p, "Socket-Type");
	char line[128];
	size_t i;

	outbuf_put(ob, p->endpoint, strlen(p->endpoint));
	if (p->error[0] != '\0' && !p->zmtp) {
		outbuf_put(ob, ": ", 2);
		outbuf_put(ob, p->error, strlen(p->error));
	} else if (!p->zmtp) {
		outbuf_put(ob, ": not ZMTP: ", 12);
		probe_quote(ob, p->buf, p->len, PROBE_SHOWN);
	} else {
		snprintf(line, sizeof(line), ": ZMTP %d.%d", p->g.major,
		    p->g.minor);
		outbuf_put(ob, line, strlen(line));
		if (p->g.major >= 3) {
			snprintf(line, sizeof(line), ", %s%s", p->g.mechanism,
			    p->g.as_server ? ", as-server" : "");
			outbuf_put(ob, line, strlen(line));
		} else if (zmtp_type_name(p->g.socket_type) != NULL) {
			snprintf(line, sizeof(line), ", %s",
			    zmtp_type_name(p->g.socket_type));
			outbuf_put(ob, line, strlen(line));
		}
		if (t != NULL) {
			outbuf_put(ob, ", ", 2);
			probe_escaped(ob, t->value, t->valuelen, 64);
		}
		for (i = 0; i < p->nprops; i++) {
			if (&p->props[i] == t)
				continue;
			outbuf_put(ob, i == 0 || (i == 1 && t == &p->props[0]) ?
			    "; " : ", ", 2);
			probe_escaped(ob, p->props[i].name, p->props[i].namelen,
			    255);
			outbuf_put(ob, " ", 1);
			probe_quote(ob, p->props[i].value, p->props[i].valuelen,
			    256);
		}
		if (p->refused[0] != '\0') {
			outbuf_put(ob, "; ERROR ", 8);
			probe_escaped(ob, (const uint8_t *)p->refused,
			    strlen(p->refused), sizeof(p->refused));
		}
	}
	outbuf_put(ob, "\n", 1);
}

/* One JSON object on a line. */
static void
probe_json(const struct probe *p, struct outbuf *ob)
{
	struct jsonw w;
	char v[16];
	size_t i;

	jsonw_init(&w, ob);
	jsonw_object(&w);
	jsonw_key(&w, "endpoint");
	jsonw_str(&w, p->endpoint);
	if (p->error[0] != '\0' && !p->zmtp) {
		jsonw_key(&w, "error");
		jsonw_str(&w, p->error);
	} else if (!p->zmtp) {
		jsonw_key(&w, "not_zmtp");
		jsonw_base64(&w, p->buf, p->len);
	} else {
		snprintf(v, sizeof(v), "%d.%d", p->g.major, p->g.minor);
		jsonw_key(&w, "zmtp");
		jsonw_str(&w, v);
		if (p->g.major >= 3) {
			jsonw_key(&w, "mechanism");
			jsonw_str(&w, p->g.mechanism);
			jsonw_key(&w, "as_server");
			jsonw_bool(&w, p->g.as_server);
		}
		if (p->g.major == 2 && zmtp_type_name(p->g.socket_type)) {
			jsonw_key(&w, "socket_type");
			jsonw_str(&w, zmtp_type_name(p->g.socket_type));
		}
		if (p->ready) {
			jsonw_key(&w, "metadata");
			jsonw_object(&w);
			for (i = 0; i < p->nprops; i++) {
				jsonw_key_n(&w, (const char *)p->props[i].name,
				    p->props[i].namelen);
				jsonw_string(&w, p->props[i].value,
				    p->props[i].valuelen);
			}
			jsonw_end(&w);
		}
	}
	jsonw_end(&w);
	outbuf_put(ob, "\n", 1);
}

/* Probe each endpoint in turn, all within timeout_ms; print what each
 * is on stdout. ZC_OK when every one is ZMTP, else ZC_RUNTIME. */
int
probe_run(char *const *endpoints, size_t n, int64_t timeout_ms, int json)
{
	int64_t deadline = clock_mono_ms() + timeout_ms;
	struct outbuf ob;
	struct probe *p = xmalloc(sizeof(*p));
	size_t i;
	int all = 1;

	outbuf_init(&ob, STDOUT_FILENO, 4096);
	for (i = 0; i < n; i++) {
		memset(p, 0, sizeof(*p));
		p->endpoint = endpoints[i];
		probe_one(p, deadline);
		all &= p->zmtp;
		(json ? probe_json : probe_text)(p, &ob);
		outbuf_flush(&ob);
	}
	free(p);
	if (ob.error || ob.closed)
		all = 0;
	outbuf_free(&ob);
	return all ? ZC_OK : ZC_RUNTIME;
}
