/* Open zmq sockets from specs, watch their peers, send without blocking. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "log.h"
#include "sock.h"
#include "util.h"

/* Events that change how many peers a socket has. */
#define SOCK_PEER_EVENTS \
	(ZMQ_EVENT_CONNECTED | ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED)

/* Set one parsed -o value; -1 with errno from libzmq. */
static int
sock_setopt(void *handle, const struct sockopt_val *v)
{
	int i;

	switch (v->def->kind) {
	case SOCKOPT_INT:
	case SOCKOPT_BOOL:
		i = (int)v->num;
		return zmq_setsockopt(handle, v->def->id, &i, sizeof(i));
	case SOCKOPT_INT64:
	case SOCKOPT_UINT64:
		return zmq_setsockopt(handle, v->def->id, &v->num,
		    sizeof(v->num));
	case SOCKOPT_BYTES:
	case SOCKOPT_KEY:
		return zmq_setsockopt(handle, v->def->id, v->bytes, v->len);
	}
	errno = EINVAL;
	return -1;
}

/* Apply linger, the -o options in order, then the subscriptions. */
static int
sock_configure(struct zsock *zs, int linger)
{
	struct spec *spec = zs->spec;
	size_t i;
	int explicit_sub = spec->nsubscribe > 0;

	if (zmq_setsockopt(zs->handle, ZMQ_LINGER, &linger,
	    sizeof(linger)) == -1) {
		warnx("%s: cannot set linger: %s", spec->name,
		    zmq_strerror(errno));
		return -1;
	}
	for (i = 0; i < spec->nopts; i++) {
		if (spec->opts[i].def->id == ZMQ_SUBSCRIBE)
			explicit_sub = 1;
		if (sock_setopt(zs->handle, &spec->opts[i]) == -1) {
			warnx("%s: cannot set %s: %s", spec->name,
			    spec->opts[i].def->name, zmq_strerror(errno));
			return -1;
		}
	}
	if (spec->type->zmq_type != ZMQ_SUB)
		return 0;
	for (i = 0; i < spec->nsubscribe; i++)
		if (zmq_setsockopt(zs->handle, ZMQ_SUBSCRIBE, spec->subscribe[i],
		    strlen(spec->subscribe[i])) == -1) {
			warnx("%s: cannot subscribe: %s", spec->name,
			    zmq_strerror(errno));
			return -1;
		}
	/* a SUB that names no topic hears everything */
	if (!explicit_sub && zmq_setsockopt(zs->handle, ZMQ_SUBSCRIBE, "",
	    0) == -1) {
		warnx("%s: cannot subscribe: %s", spec->name,
		    zmq_strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Why a bind failed. libzmq reports the failure to the monitor before it
 * returns, and that send can clobber errno (seen as EAGAIN under
 * valgrind), so the BIND_FAILED event's value is the reliable errno.
 */
static int
sock_bind_errno(struct zsock *zs, int fallback)
{
	zmq_msg_t ev;
	uint16_t event;
	uint32_t value;
	int found = fallback, more;

	for (;;) {
		zmq_msg_init(&ev);
		if (zmq_msg_recv(&ev, zs->monitor, ZMQ_DONTWAIT) == -1) {
			zmq_msg_close(&ev);
			return found;
		}
		if (zmq_msg_size(&ev) >= sizeof(event) + sizeof(value)) {
			memcpy(&event, zmq_msg_data(&ev), sizeof(event));
			memcpy(&value, (char *)zmq_msg_data(&ev) + sizeof(event),
			    sizeof(value));
			if (event == ZMQ_EVENT_BIND_FAILED)
				found = (int)value;
		}
		more = zmq_msg_more(&ev);
		zmq_msg_close(&ev);
		if (!more)
			continue;
		zmq_msg_init(&ev);
		zmq_msg_recv(&ev, zs->monitor, ZMQ_DONTWAIT);
		zmq_msg_close(&ev);
	}
}

/* Bind or connect every endpoint; binds log the address really bound. */
static int
sock_attach(struct zsock *zs)
{
	const struct spec_endpoint *ep;
	char last[256];
	size_t i, len;

	for (i = 0; i < zs->spec->nendpoints; i++) {
		ep = &zs->spec->endpoints[i];
		if (strncmp(ep->addr, "inproc://", 9) == 0)
			zs->peers_known = 0;
		if (ep->mode == SPEC_BIND && zmq_bind(zs->handle, ep->addr) == -1) {
			warnx("%s: cannot bind %s: %s", zs->spec->name, ep->addr,
			    zmq_strerror(sock_bind_errno(zs, errno)));
			return -1;
		}
		if (ep->mode == SPEC_CONNECT &&
		    zmq_connect(zs->handle, ep->addr) == -1) {
			warnx("%s: cannot connect %s: %s", zs->spec->name,
			    ep->addr, zmq_strerror(errno));
			return -1;
		}
		if (ep->mode == SPEC_CONNECT) {
			log_msg(LOG_INFO, "%s connecting to %s", zs->spec->name,
			    ep->addr);
			continue;
		}
		len = sizeof(last);
		if (zmq_getsockopt(zs->handle, ZMQ_LAST_ENDPOINT, last,
		    &len) == -1)
			snprintf(last, sizeof(last), "%s", ep->addr);
		log_msg(LOG_INFO, "%s bound %s", zs->spec->name, last);
	}
	return 0;
}

/* Watch peer events through an inproc PAIR polled by the loop. */
static int
sock_monitor_start(void *ctx, struct zsock *zs, int index)
{
	static unsigned serial;	/* a reopened socket needs a fresh name */
	char addr[64];
	int zero = 0;

	snprintf(addr, sizeof(addr), "inproc://zmqcat-monitor-%d-%u", index,
	    serial++);
	if (zmq_socket_monitor(zs->handle, addr, ZMQ_EVENT_ALL) == -1)
		return -1;
	if ((zs->monitor = zmq_socket(ctx, ZMQ_PAIR)) == NULL)
		return -1;
	zmq_setsockopt(zs->monitor, ZMQ_LINGER, &zero, sizeof(zero));
	return zmq_connect(zs->monitor, addr);
}

/*
 * Create, configure and attach the socket for spec. Errors are reported
 * here, naming the socket and endpoint; the caller decides the status.
 */
int
sock_open(void *ctx, struct zsock *zs, struct spec *spec, int linger,
    int index)
{
	memset(zs, 0, sizeof(*zs));
	zs->spec = spec;
	zs->index = index;
	zs->peers_known = 1;
	zs->nopeer_since = clock_mono_ms();
	zs->handle = zmq_socket(ctx, spec->type->zmq_type);
	if (zs->handle == NULL) {
		warnx("%s: cannot create socket: %s", spec->name,
		    zmq_strerror(errno));
		return -1;
	}
	if (sock_configure(zs, linger) == -1)
		return -1;
	if (sock_monitor_start(ctx, zs, index) == -1) {
		warnx("%s: cannot monitor socket: %s", spec->name,
		    zmq_strerror(errno));
		return -1;
	}
	return sock_attach(zs);
}

/* Read every pending monitor event and keep the peer count. */
void
sock_monitor_read(struct zsock *zs)
{
	zmq_msg_t ev, ep;
	uint16_t event;
	int more;

	for (;;) {
		zmq_msg_init(&ev);
		if (zmq_msg_recv(&ev, zs->monitor, ZMQ_DONTWAIT) == -1) {
			zmq_msg_close(&ev);
			return;
		}
		more = zmq_msg_more(&ev);
		zmq_msg_init(&ep);
		if (more)
			zmq_msg_recv(&ep, zs->monitor, ZMQ_DONTWAIT);
		if (zmq_msg_size(&ev) >= sizeof(event)) {
			memcpy(&event, zmq_msg_data(&ev), sizeof(event));
			if (event & (ZMQ_EVENT_CONNECTED | ZMQ_EVENT_ACCEPTED)) {
				zs->peers++;
				zs->ever_peered = 1;
			} else if ((event & ZMQ_EVENT_DISCONNECTED) &&
			    zs->peers > 0 && --zs->peers == 0)
				zs->nopeer_since = clock_mono_ms();
			if (event & SOCK_PEER_EVENTS)
				log_msg(LOG_DEBUG, "%s: %s %.*s (%d peers)",
				    zs->spec->name, event & ZMQ_EVENT_DISCONNECTED ?
				    "lost peer" : "peer", (int)zmq_msg_size(&ep),
				    (const char *)zmq_msg_data(&ep), zs->peers);
		}
		zmq_msg_close(&ep);
		zmq_msg_close(&ev);
	}
}

/*
 * Send a message frame by frame without ever blocking. 1 when sent, 0
 * when the socket cannot take it now (HWM, no peer, REQ/REP turn, a
 * signal), -1 on
 * an error with errno set. libzmq takes a multipart message atomically
 * once its first frame is in, so only the first frame can say EAGAIN.
 */
int
sock_send(struct zsock *zs, const struct iovec *frames, size_t n)
{
	size_t i;
	int flags;

	for (i = 0; i < n; i++) {
		flags = ZMQ_DONTWAIT | (i + 1 < n ? ZMQ_SNDMORE : 0);
		if (zmq_send(zs->handle, frames[i].iov_base, frames[i].iov_len,
		    flags) == -1) {
			if (i == 0 && (errno == EAGAIN || errno == EFSM ||
			    errno == EINTR))
				return 0;
			return -1;
		}
	}
	zs->nsent++;
	for (i = 0; i < n; i++)
		zs->bytes_out += frames[i].iov_len;
	return 1;
}

/* Stop the monitor and close both sockets; linger applies to the data. */
void
sock_close(struct zsock *zs)
{
	if (zs->handle != NULL && zs->monitor != NULL)
		zmq_socket_monitor(zs->handle, NULL, 0);
	if (zs->monitor != NULL)
		zmq_close(zs->monitor);
	if (zs->handle != NULL)
		zmq_close(zs->handle);
	zs->monitor = zs->handle = NULL;
}

/*
 * Close the socket and open it again with the same spec: how a REQ gets
 * out of waiting for a reply that will never come. Counters survive.
 */
int
sock_reopen(void *ctx, struct zsock *zs, int linger)
{
	struct zsock old = *zs;
	int zero = 0;

	zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
	sock_close(zs);
	if (sock_open(ctx, zs, old.spec, linger, old.index) == -1)
		return -1;
	zs->nsent = old.nsent;
	zs->bytes_out = old.bytes_out;
	zs->nrecv = old.nrecv;
	zs->bytes_in = old.bytes_in;
	zs->nheld = old.nheld;
	zs->ndropped = old.ndropped;
	zs->ever_peered = old.ever_peered;
	return 0;
}

/* Open a socket per spec; NULL after closing any already open. */
struct zsock *
sock_open_all(void *ctx, struct spec **specs, size_t n, int linger)
{
	struct zsock *socks = xmalloc(n * sizeof(*socks));
	size_t i;

	memset(socks, 0, n * sizeof(*socks));
	for (i = 0; i < n; i++)
		if (sock_open(ctx, &socks[i], specs[i], linger, (int)i) == -1) {
			sock_close_all(&socks, i + 1);
			return NULL;
		}
	return socks;
}

/* Close every socket and free the array; accepts NULL. */
void
sock_close_all(struct zsock **socksp, size_t n)
{
	size_t i;

	if (socksp == NULL || *socksp == NULL)
		return;
	for (i = 0; i < n; i++)
		sock_close(&(*socksp)[i]);
	free(*socksp);
	*socksp = NULL;
}
