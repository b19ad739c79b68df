/* Open zmq sockets from specs, watch their peers, send without blocking. */
#include "config.h"

#include <sys/resource.h>
#include <sys/socket.h>

#include <err.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "clock.h"
#include "conns.h"
#include "dial.h"
#include "log.h"
#include "outbuf.h"
#include "sock.h"
#include "xmalloc.h"

/*
 * The events sock_count_event counts: all a run subscribes to without
 * --monitor or -vv, which show every event. The others only matter to be
 * shown, and one of them, an accept that fails for want of a file
 * descriptor, libzmq retries at once, again and again: hundreds of
 * thousands of events a second to read for nothing.
 */
#define SOCK_EVENTS_COUNTED (ZMQ_EVENT_CONNECTED | ZMQ_EVENT_CONNECT_DELAYED | \
	ZMQ_EVENT_CONNECT_RETRIED | ZMQ_EVENT_ACCEPTED | \
	ZMQ_EVENT_DISCONNECTED | ZMQ_EVENT_BIND_FAILED | \
	ZMQ_EVENT_HANDSHAKE_SUCCEEDED | ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL | \
	ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL | ZMQ_EVENT_HANDSHAKE_FAILED_AUTH)
#define SOCK_MONITOR_BATCH	1024	/* events read per turn */
#define SOCK_DIAL_MS		1000	/* --fail-fast: asking why a connect failed */

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

/* What every socket of the run shares: the linger, and how --monitor
 * (or -vv) shows events. */
void
sock_conf_init(struct sock_conf *conf, int linger, enum monitor_mode monitor)
{
	conf->linger = linger;
	conf->monitor = monitor;
	conf->fail_fast = 0;
}

/* Set an option zmqcat itself chooses; -1 after saying which failed. */
static int
sock_set(struct zsock *zs, int id, const void *val, size_t len,
    const char *what)
{
	if (zmq_setsockopt(zs->handle, id, val, len) == 0)
		return 0;
	warnx("%s: cannot set %s: %s", zs->spec->name, what,
	    zmq_strerror(errno));
	return -1;
}

/* Set an int option zmqcat itself chooses. */
static int
sock_set_int(struct zsock *zs, int id, int val, const char *what)
{
	return sock_set(zs, id, &val, sizeof(val), what);
}

/* The public key that goes with a secret one. */
static int
sock_curve_public(struct zsock *zs, char *pub, const char *secret)
{
	if (zmq_curve_public(pub, secret) == 0)
		return 0;
	warnx("%s: cannot derive the CURVE public key: %s", zs->spec->name,
	    zmq_strerror(errno));
	return -1;
}

/* Make the socket a CURVE server or client, logging (under -v) the
 * public key its peers need; a client without --curve-key gets a fresh
 * keypair. Secrets are never logged. */
static int
sock_curve(struct zsock *zs)
{
	const struct keys *k = &zs->spec->keys;
	char pub[KEYS_Z85_LEN + 1], sec[KEYS_Z85_LEN + 1];
	int rc = -1;

	if (k->curve_server.value != NULL) {
		if (sock_curve_public(zs, pub, k->curve_server.value) == -1 ||
		    sock_set_int(zs, ZMQ_CURVE_SERVER, 1, "curve_server") ||
		    sock_set(zs, ZMQ_CURVE_SECRETKEY, k->curve_server.value,
		    KEYS_Z85_LEN, "curve_secretkey"))
			return -1;
		log_msg(LOG_INFO, "%s: CURVE server, public key %s",
		    zs->spec->name, pub);
		return 0;
	}
	if (k->curve_key.value != NULL) {
		snprintf(sec, sizeof(sec), "%s", k->curve_key.value);
		if (sock_curve_public(zs, pub, sec) == -1)
			return -1;
	} else if (zmq_curve_keypair(pub, sec) == -1) {
		warnx("%s: cannot make a CURVE keypair: %s", zs->spec->name,
		    zmq_strerror(errno));
		return -1;
	}
	if (sock_set(zs, ZMQ_CURVE_SERVERKEY, k->curve_client.value,
	    KEYS_Z85_LEN, "curve_serverkey") == 0 && sock_set(zs,
	    ZMQ_CURVE_PUBLICKEY, pub, KEYS_Z85_LEN, "curve_publickey") == 0 &&
	    sock_set(zs, ZMQ_CURVE_SECRETKEY, sec, KEYS_Z85_LEN,
	    "curve_secretkey") == 0) {
		log_msg(LOG_INFO, "%s: CURVE client, public key %s%s",
		    zs->spec->name, pub, k->curve_key.value ? "" :
		    " (made for this run)");
		rc = 0;
	}
	memset(sec, 0, sizeof(sec));
	return rc;
}

/* Apply the socket's CURVE or PLAIN options; a socket whose peers our
 * ZAP handler checks gets its name as ZAP domain, so we know it again. */
static int
sock_auth(struct zsock *zs)
{
	const struct keys *k = &zs->spec->keys;
	const char *up = k->plain_client.value, *colon;

	if ((k->curve_server.value || k->curve_client.value) &&
	    sock_curve(zs) == -1)
		return -1;
	if (k->users_path && sock_set_int(zs, ZMQ_PLAIN_SERVER, 1,
	    "plain_server") == -1)
		return -1;
	if (up != NULL) {
		colon = strchr(up, ':');
		if (sock_set(zs, ZMQ_PLAIN_USERNAME, up, (size_t)(colon - up),
		    "plain_username") == -1 || sock_set(zs,
		    ZMQ_PLAIN_PASSWORD, colon + 1, strlen(colon + 1),
		    "plain_password") == -1)
			return -1;
	}
	if (keys_has_list(k))
		return sock_set(zs, ZMQ_ZAP_DOMAIN, zs->spec->name,
		    strlen(zs->spec->name), "zap_domain");
	return 0;
}

/* Apply linger, security, the -o options in order, then subscriptions. */
static int
sock_configure(struct zsock *zs)
{
	struct spec *spec = zs->spec;
	size_t i;
	int explicit_sub = spec->nsubscribe > 0;

	if (sock_set_int(zs, ZMQ_LINGER, zs->conf->linger, "linger") == -1 ||
	    (spec->see_subs && sock_set_int(zs, ZMQ_XPUB_VERBOSER, 1,
	    "xpub_verboser") == -1) || sock_auth(zs) == -1)
		return -1;
	/* a ROUTER drops what it cannot route without a word; mandatory,
	 * it says so, and a full peer holds the message instead */
	if (spec->type->zmq_type == ZMQ_ROUTER && !spec_has_opt(spec,
	    ZMQ_ROUTER_MANDATORY) && sock_set_int(zs, ZMQ_ROUTER_MANDATORY, 1,
	    "router_mandatory") == -1)
		return -1;
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
		if (sock_set(zs, ZMQ_SUBSCRIBE, spec->subscribe[i].bytes,
		    spec->subscribe[i].len, "subscribe") == -1)
			return -1;
	/* a SUB that names no topic hears everything */
	if (!explicit_sub)
		return sock_set(zs, ZMQ_SUBSCRIBE, "", 0, "subscribe");
	return 0;
}

/* Why libzmq could not make one more socket, when it is a limit. */
static void
sock_limit_reason(void *ctx, int err, char *buf, size_t len)
{
	struct rlimit rl;

	buf[0] = '\0';
	if (err != EMFILE)
		return;
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur == RLIM_INFINITY)
		return;
	if (ctx != NULL)
		snprintf(buf, len, " (ulimit -n is %llu, libzmq's socket limit "
		    "%d; each zmqcat socket takes 3 fds and 3 libzmq sockets, "
		    "and each connection one fd more)",
		    (unsigned long long)rl.rlim_cur,
		    zmq_ctx_get(ctx, ZMQ_MAX_SOCKETS));
	else
		snprintf(buf, len, " (ulimit -n is %llu; each zmqcat socket "
		    "takes 3 fds, and each connection one more)",
		    (unsigned long long)rl.rlim_cur);
}

/*
 * Why a bind failed. libzmq reports the failure to the monitor before it
 * returns, and that send can clobber errno (seen as EAGAIN under
 * valgrind), so the BIND_FAILED event's value is the reliable errno.
 */
static int
sock_bind_errno(struct zsock *zs, int fallback)
{
	zs->bind_errno = 0;
	sock_monitor_read(zs);
	return zs->bind_errno ? zs->bind_errno : fallback;
}

/* Bind or connect every endpoint; binds log the address really bound. */
static int
sock_attach(struct zsock *zs)
{
	const struct spec_endpoint *ep;
	char last[256], why[200];
	size_t i, len;
	int e;

	for (i = 0; i < zs->spec->nendpoints; i++) {
		ep = &zs->spec->endpoints[i];
		if (strncmp(ep->addr, "inproc://", 9) == 0)
			zs->peers_known = 0;
		if (ep->mode == SPEC_BIND && zmq_bind(zs->handle, ep->addr) == -1) {
			e = sock_bind_errno(zs, errno);
			sock_limit_reason(NULL, e, why, sizeof(why));
			warnx("%s: cannot bind %s: %s%s", zs->spec->name,
			    ep->addr, zmq_strerror(e), why);
			return -1;
		}
		if (ep->mode == SPEC_CONNECT &&
		    zmq_connect(zs->handle, ep->addr) == -1) {
			e = errno;
			sock_limit_reason(NULL, e, why, sizeof(why));
			warnx("%s: cannot connect %s: %s%s", zs->spec->name,
			    ep->addr, zmq_strerror(e), why);
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
	size_t fdlen = sizeof(zs->monitor_fd);
	char addr[64];
	int zero = 0;

	snprintf(addr, sizeof(addr), "inproc://zmqcat-monitor-%d-%u", index,
	    serial++);
	if (zmq_socket_monitor(zs->handle, addr, zs->conf->monitor ==
	    MONITOR_OFF ? SOCK_EVENTS_COUNTED : ZMQ_EVENT_ALL) == -1)
		return -1;
	if ((zs->monitor = zmq_socket(ctx, ZMQ_PAIR)) == NULL)
		return -1;
	zmq_setsockopt(zs->monitor, ZMQ_LINGER, &zero, sizeof(zero));
	/*
	 * No high-water mark on the events: libzmq sends each with a
	 * blocking send while it holds the socket's monitor lock, so a full
	 * pipe (a storm of failing accepts) would stop its I/O thread and
	 * then our own zmq_socket_monitor(NULL) at the close: a deadlock.
	 */
	zmq_setsockopt(zs->monitor, ZMQ_RCVHWM, &zero, sizeof(zero));
	if (zmq_connect(zs->monitor, addr) == -1)
		return -1;
	/*
	 * The loop polls the reader's ZMQ_FD as a plain descriptor: a
	 * socket item costs zmq_poll a ZMQ_EVENTS query (two system calls
	 * in libzmq 4.3) per wait, and a hundred idle sockets made that
	 * most of the cost of each message. The fd only says that
	 * something changed: the events are read until none is left
	 * (sock_monitor_read), and it says nothing of those still there.
	 */
	zs->monitor_more = 1;
	return zmq_getsockopt(zs->monitor, ZMQ_FD, &zs->monitor_fd, &fdlen);
}

/* Say that making a socket failed (errno), with the limit behind it
 * when one is; returns -1. */
static int
sock_open_failed(void *ctx, const struct spec *spec, const char *what)
{
	int e = errno;
	char why[200];

	sock_limit_reason(ctx, e, why, sizeof(why));
	warnx("%s: cannot %s: %s%s", spec->name, what, zmq_strerror(e), why);
	return -1;
}

/*
 * Create, configure and attach the socket for spec. Errors are reported
 * here, naming the socket and endpoint; the caller decides the status.
 */
int
sock_open(void *ctx, struct zsock *zs, struct spec *spec,
    const struct sock_conf *conf, int index)
{
	memset(zs, 0, sizeof(*zs));
	zs->spec = spec;
	zs->conf = conf;
	zs->index = index;
	zs->peers_known = 1;
	zs->nopeer_since = clock_mono_ms();
	zs->ep_flags = xmalloc(spec->nendpoints);
	memset(zs->ep_flags, 0, spec->nendpoints);
	/* an XPUB sends as a PUB does, and also says who subscribed */
	zs->handle = zmq_socket(ctx, spec->see_subs ? ZMQ_XPUB :
	    spec->type->zmq_type);
	if (zs->handle == NULL)
		return sock_open_failed(ctx, spec, "create socket");
	if (sock_configure(zs) == -1)
		return -1;
	if (sock_monitor_start(ctx, zs, index) == -1)
		return sock_open_failed(ctx, spec, "monitor socket");
	return sock_attach(zs);
}

/* The remote address of a connection's fd, as "host:port"; 0 if none. */
static int
sock_peer_name(int fd, char *buf, size_t len)
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if (getpeername(fd, (struct sockaddr *)&sa, &salen) == -1 ||
	    (sa.ss_family != AF_INET && sa.ss_family != AF_INET6) ||
	    getnameinfo((struct sockaddr *)&sa, salen, host, sizeof(host),
	    serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		return 0;
	snprintf(buf, len, sa.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s",
	    host, serv);
	return 1;
}

/* Note a new connection (fd: ev->value) with its peer's address in buf
 * (an ipc one: the endpoint); returns the address to show, or NULL. */
static const char *
sock_link_add(struct zsock *zs, const struct monitor_event *ev, char *buf,
    size_t len)
{
	struct sock_peer *p;
	int named = sock_peer_name((int)ev->value, buf, len);

	if (!named)
		snprintf(buf, len, "%.*s", (int)ev->eplen, ev->endpoint);
	zs->links = xrealloc(zs->links, (zs->nlinks + 1) * sizeof(*zs->links));
	p = &zs->links[zs->nlinks++];
	memset(p, 0, sizeof(*p));
	p->fd = (int)ev->value;
	snprintf(p->addr, sizeof(p->addr), "%s", buf);
	p->named = named;
	p->ipc = ev->eplen >= 6 && memcmp(ev->endpoint, "ipc://", 6) == 0;
	p->accepted = ev->event == ZMQ_EVENT_ACCEPTED;
	p->since_ms = ev->time_ms;
	return p->named && p->accepted ? buf : NULL;
}

/* A connection ended: forget it; returns an accepted peer's address. */
static const char *
sock_link_del(struct zsock *zs, int fd, char *buf, size_t len)
{
	const char *shown = NULL;
	size_t i;

	for (i = 0; i < zs->nlinks; i++) {
		if (zs->links[i].fd != fd)
			continue;
		snprintf(buf, len, "%s", zs->links[i].addr);
		if (zs->links[i].named && zs->links[i].accepted)
			shown = buf;
		zs->nlinks--;
		memmove(&zs->links[i], &zs->links[i + 1], (zs->nlinks - i) *
		    sizeof(*zs->links));
		break;
	}
	return shown;
}

/* A handshake ended: events do not say whose, so it is the oldest
 * connection that had not shaken hands; it is named (an accepted one)
 * only when it is the one such connection. */
static const char *
sock_link_shaken(struct zsock *zs, char *buf, size_t len)
{
	struct sock_peer *first = NULL;
	size_t i, n = 0;

	for (i = 0; i < zs->nlinks; i++)
		if (!zs->links[i].shaken && n++ == 0)
			first = &zs->links[i];
	if (first == NULL)
		return NULL;
	first->shaken = 1;
	if (n > 1 || !first->named || !first->accepted)
		return NULL;
	snprintf(buf, len, "%s", first->addr);
	return buf;
}

/* Nonzero when the connection on fd has not shaken hands. */
static int
sock_link_unshaken(const struct zsock *zs, int fd)
{
	size_t i;

	for (i = 0; i < zs->nlinks; i++)
		if (zs->links[i].fd == fd)
			return !zs->links[i].shaken;
	return 0;
}

/*
 * Keep who each connection is, for --stats' peers and for --monitor,
 * whose events name only the socket's own endpoint: the peer of an
 * accept, of its handshake and of its disconnect. Returns the peer's
 * address to show with the event, or NULL.
 */
static const char *
sock_track_peer(struct zsock *zs, const struct monitor_event *ev,
    char *buf, size_t len)
{
	switch (ev->event) {
	case ZMQ_EVENT_ACCEPTED:
	case ZMQ_EVENT_CONNECTED:
		return sock_link_add(zs, ev, buf, len);
	case ZMQ_EVENT_DISCONNECTED:
		return sock_link_del(zs, (int)ev->value, buf, len);
	case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
		return sock_link_shaken(zs, buf, len);
	}
	return NULL;
}

/* Count a failed handshake; a protocol or authentication reason says
 * more than the errno of the hang-up that often follows it. */
static void
sock_count_failure(struct zsock *zs, const struct monitor_event *ev)
{
	zs->nfailed++;
	if (ev->event != ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL ||
	    zs->last_failure.event == 0 || zs->last_failure.event ==
	    ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL) {
		zs->last_failure = *ev;
		zs->last_failure.endpoint = NULL;
		zs->last_failure.eplen = 0;
	}
}

/* The index of the spec endpoint an event names, or -1. */
static int
sock_endpoint_index(const struct zsock *zs, const struct monitor_event *ev)
{
	const char *addr;
	size_t i;

	for (i = 0; ev->endpoint != NULL && i < zs->spec->nendpoints; i++) {
		addr = zs->spec->endpoints[i].addr;
		if (strlen(addr) == ev->eplen &&
		    memcmp(addr, ev->endpoint, ev->eplen) == 0)
			return (int)i;
	}
	return -1;
}

/*
 * A tcp connect that is retried without having started (no "connect
 * delayed" since the last try) failed before reaching the network: its
 * host does not resolve, or has no route. That looks like a quiet peer
 * unless said, so it is said once, whatever -v or --monitor say.
 */
static void
sock_track_connect(struct zsock *zs, const struct monitor_event *ev)
{
	const struct spec_endpoint *ep;
	int i = sock_endpoint_index(zs, ev);

	if (i < 0)
		return;
	ep = &zs->spec->endpoints[i];
	if (ev->event == ZMQ_EVENT_CONNECT_DELAYED) {
		zs->ep_flags[i] |= SOCK_EP_STARTED;
		return;
	}
	if (!(zs->ep_flags[i] & (SOCK_EP_STARTED | SOCK_EP_TOLD)) &&
	    ep->mode == SPEC_CONNECT && strncmp(ep->addr, "tcp://", 6) == 0 &&
	    !zs->conf->fail_fast) {	/* that says why, and stops */
		zs->ep_flags[i] |= SOCK_EP_TOLD;
		zs->unreachable = 1;
		log_msg(LOG_WARN, "%s: cannot connect to %s: the host cannot be "
		    "resolved or reached; still trying", zs->spec->name,
		    ep->addr);
	}
	zs->ep_flags[i] &= (unsigned char)~SOCK_EP_STARTED;
}

/*
 * --fail-fast: a connect of ours that failed (retried: refused, not
 * resolved, not reached; or its handshake failed) ends the run, with
 * why. A retry's event does not say why, so the endpoint is dialled once
 * more, plainly, to ask the system (tcp and ipc; others just failed).
 */
static void
sock_check_fail_fast(struct zsock *zs, const struct monitor_event *ev)
{
	char why[256], buf[128];
	const char *addr, *reason;
	int i, fd = -1;

	if (!zs->conf->fail_fast || zs->fail_why != NULL ||
	    (i = sock_endpoint_index(zs, ev)) < 0 ||
	    zs->spec->endpoints[i].mode != SPEC_CONNECT)
		return;
	addr = zs->spec->endpoints[i].addr;
	switch (ev->event) {
	case ZMQ_EVENT_CONNECT_RETRIED:
		snprintf(why, sizeof(why), "the connection failed");
		if ((strncmp(addr, "tcp://", 6) == 0 ||
		    strncmp(addr, "ipc://", 6) == 0) && (fd = dial(addr,
		    clock_mono_ms() + SOCK_DIAL_MS, why, sizeof(why))) != -1) {
			close(fd);	/* it listens now: a race; say so */
			snprintf(why, sizeof(why), "the connection failed "
			    "(it is listening now)");
		}
		break;
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
		reason = monitor_reason(ev, buf, sizeof(buf));
		snprintf(why, sizeof(why), "handshake failed (%s)",
		    reason != NULL ? reason : "no detail");
		break;
	case ZMQ_EVENT_DISCONNECTED:
		/* a STREAM's raw TCP has no handshake to end */
		if (zs->spec->type->zmq_type == ZMQ_STREAM ||
		    !sock_link_unshaken(zs, (int)ev->value))
			return;
		snprintf(why, sizeof(why), "the peer hung up during the "
		    "handshake: another socket type or mechanism?");
		break;
	default:
		return;
	}
	zs->fail_why = xmalloc(strlen(addr) + strlen(why) + 32);
	sprintf(zs->fail_why, "cannot connect to %s: %s", addr, why);
}

/* A STREAM peer speaks raw TCP: connecting is all the handshake it has,
 * and a connection's end is no failed handshake. */
static int
sock_count_stream(struct zsock *zs, const struct monitor_event *ev)
{
	if (zs->spec->type->zmq_type != ZMQ_STREAM)
		return 0;
	switch (ev->event) {
	case ZMQ_EVENT_CONNECTED:
	case ZMQ_EVENT_ACCEPTED:
		zs->nhandshakes++;
		zs->ever_peered = 1;
		return 0;
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
		return 1;
	}
	return 0;
}

/* A connection of a socket with -o maxmsgsize ended: libzmq refuses a
 * larger message by dropping the connection, without a word or a reason
 * the monitor could tell from a peer that left, so say what it may
 * have cost. */
static void
sock_note_maxmsgsize(const struct zsock *zs, const struct monitor_event *ev)
{
	int64_t max;
	size_t len = sizeof(max);

	if (zs->handle == NULL || zmq_getsockopt(zs->handle, ZMQ_MAXMSGSIZE,
	    &max, &len) == -1 || max < 0)
		return;
	log_msg(LOG_WARN, "%s: a connection on %.*s ended: if its peer sent a "
	    "message over maxmsgsize (%lld bytes), libzmq dropped that message "
	    "with the connection", zs->spec->name, (int)ev->eplen,
	    ev->endpoint, (long long)max);
}

/*
 * A connection whose fd is the last the limit allows took the last one
 * free (the lowest free fd is the one given): more connections wait,
 * unaccepted, until one is freed, and libzmq retries their accept at
 * once, again and again. Nothing else would say so without --monitor, so
 * it is said once per socket.
 */
static void
sock_check_fds(struct zsock *zs, const struct monitor_event *ev)
{
	struct rlimit rl;

	if (zs->told_fds || getrlimit(RLIMIT_NOFILE, &rl) == -1 ||
	    rl.rlim_cur == RLIM_INFINITY || (rlim_t)ev->value + 1 < rl.rlim_cur)
		return;
	zs->told_fds = 1;
	log_msg(LOG_WARN, "%s: out of file descriptors (ulimit -n is %llu): "
	    "more connections wait until one is free", zs->spec->name,
	    (unsigned long long)rl.rlim_cur);
}

/* Keep the socket's peer counts from one event; a peer counts as one
 * that can take messages once its handshake has succeeded. */
static void
sock_count_event(struct zsock *zs, const struct monitor_event *ev)
{
	if (ev->event == ZMQ_EVENT_CONNECTED || ev->event == ZMQ_EVENT_ACCEPTED)
		sock_check_fds(zs, ev);
	if (sock_count_stream(zs, ev))
		return;
	switch (ev->event) {
	case ZMQ_EVENT_CONNECTED:
		zs->ever_connected = 1;
		/* FALLTHROUGH */
	case ZMQ_EVENT_ACCEPTED:
		zs->peers++;
		break;
	case ZMQ_EVENT_CONNECT_DELAYED:
	case ZMQ_EVENT_CONNECT_RETRIED:
		sock_track_connect(zs, ev);
		break;
	case ZMQ_EVENT_DISCONNECTED:
		zs->ndisconnects++;
		sock_note_maxmsgsize(zs, ev);
		if (zs->peers > 0 && --zs->peers == 0)
			zs->nopeer_since = clock_mono_ms();
		break;
	case ZMQ_EVENT_BIND_FAILED:
		zs->bind_errno = (int)ev->value;
		break;
	case ZMQ_EVENT_HANDSHAKE_SUCCEEDED:
		zs->nhandshakes++;
		zs->ever_peered = 1;
		break;
	case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL:
	case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH:
		sock_count_failure(zs, ev);
		break;
	}
}

/* Before the socket closes: hold its ipc connections open in held (see
 * conns.c for why), from the connections the events keep. */
void
sock_hold_ipc(const struct zsock *zs, struct conns *held)
{
	size_t i;

	for (i = 0; i < zs->nlinks; i++)
		if (zs->links[i].ipc)
			conns_hold(held, zs->links[i].fd);
}

/* The security mechanism the socket's peers shake hands with: NULL,
 * PLAIN, CURVE or GSSAPI, as libzmq says. */
const char *
sock_mechanism(const struct zsock *zs)
{
	static const char *const names[] = { "NULL", "PLAIN", "CURVE",
	    "GSSAPI" };
	size_t len = sizeof(int);
	int mech = 0;

	if (zs->handle == NULL || zmq_getsockopt(zs->handle, ZMQ_MECHANISM,
	    &mech, &len) == -1 || mech < 0 || mech > 3)
		return "?";
	return names[mech];
}

/*
 * Peers connected now whose handshake succeeded. Events do not say which
 * connection a handshake belongs to, but every connection that ends
 * reports its handshake first, failed or not: so of the disconnects,
 * those beyond the failures were peers that had shaken hands.
 */
int
sock_ready_peers(const struct zsock *zs)
{
	int64_t gone = (int64_t)zs->ndisconnects - (int64_t)zs->nfailed;
	int64_t ready = (int64_t)zs->nhandshakes - (gone > 0 ? gone : 0);

	if (ready > zs->peers)
		ready = zs->peers;
	return ready > 0 ? (int)ready : 0;
}

/* Where the socket's --monitor lines go. */
static void
sock_monitor_out(const struct zsock *zs, struct monitor_out *out,
    struct outbuf *ob)
{
	out->ob = ob;
	out->sock = zs->spec->name;
	out->mode = zs->conf->monitor;
}

/* Show one event as --monitor asks, repeats condensed. */
static void
sock_print_event(struct zsock *zs, struct monitor_event *ev,
    struct outbuf *ob)
{
	struct monitor_out out;

	sock_monitor_out(zs, &out, ob);
	monitor_show(&zs->repeats, &out, ev, clock_mono_ms());
}

/* Read up to max pending monitor events: count peers, print under
 * --monitor. Returns how many were read. */
static size_t
sock_monitor_batch(struct zsock *zs, size_t max)
{
	struct monitor_event ev;
	struct outbuf ob;
	zmq_msg_t frame, ep;
	char peer[64];
	size_t k;
	int more, show = zs->conf->monitor != MONITOR_OFF;

	if (show)
		outbuf_init(&ob, STDERR_FILENO, 512);
	for (k = 0; k < max; k++) {
		zmq_msg_init(&frame);
		if (zmq_msg_recv(&frame, zs->monitor, ZMQ_DONTWAIT) == -1) {
			zmq_msg_close(&frame);
			break;
		}
		more = zmq_msg_more(&frame);
		zmq_msg_init(&ep);
		if (more)
			zmq_msg_recv(&ep, zs->monitor, ZMQ_DONTWAIT);
		if (monitor_parse(zmq_msg_data(&frame), zmq_msg_size(&frame),
		    &ev) == 0) {
			ev.endpoint = zmq_msg_data(&ep);
			ev.eplen = zmq_msg_size(&ep);
			ev.time_ms = clock_wall_ms();
			sock_check_fail_fast(zs, &ev);	/* before the link goes */
			ev.peer = sock_track_peer(zs, &ev, peer, sizeof(peer));
			sock_count_event(zs, &ev);
			if (show) {
				sock_print_event(zs, &ev, &ob);
				/* whole lines: a warning may come next */
				outbuf_flush(&ob);
			}
		}
		zmq_msg_close(&ep);
		zmq_msg_close(&frame);
	}
	if (show)
		outbuf_free(&ob);
	return k;
}

/* Read the pending monitor events, a bounded batch a turn: an event
 * storm must not keep the loop from everything else. */
void
sock_monitor_read(struct zsock *zs)
{
	/* a full batch may have left some: its fd would not say so */
	zs->monitor_more = sock_monitor_batch(zs, SOCK_MONITOR_BATCH) ==
	    SOCK_MONITOR_BATCH;
}

/* When --monitor next has a count of repeats to say (monotonic ms), or
 * -1. */
int64_t
sock_monitor_due(const struct zsock *zs)
{
	if (zs->conf->monitor == MONITOR_OFF)
		return -1;
	return monitor_due(&zs->repeats);
}

/* Say the counts of repeats that are due at now, or with all every one
 * (at the end). */
void
sock_monitor_tick(struct zsock *zs, int64_t now, int all)
{
	struct monitor_out out;
	struct outbuf ob;
	int64_t due = sock_monitor_due(zs);

	if (due < 0 || (!all && due > now))
		return;		/* each turn comes here: cheaply */
	outbuf_init(&ob, STDERR_FILENO, 512);
	sock_monitor_out(zs, &out, &ob);
	monitor_show_pending(&zs->repeats, &out, now, all);
	outbuf_flush(&ob);
	outbuf_free(&ob);
}

/*
 * Take what an XPUB standing in for a PUB received: subscriptions, which
 * only --wait-peers wants to count. A PUB never has other input.
 */
void
sock_read_subs(struct zsock *zs)
{
	zmq_msg_t msg;
	int k;

	for (k = 0; k < 1024; k++) {
		zmq_msg_init(&msg);
		if (zmq_msg_recv(&msg, zs->handle, ZMQ_DONTWAIT) == -1) {
			zmq_msg_close(&msg);
			return;
		}
		/* every subscribe and unsubscribe comes (XPUB_VERBOSER),
		 * those of a peer that leaves too */
		if (zmq_msg_size(&msg) > 0 &&
		    *(const unsigned char *)zmq_msg_data(&msg) == 1)
			zs->nsubs++;
		else if (zmq_msg_size(&msg) > 0 && zs->nsubs > 0)
			zs->nsubs--;
		zmq_msg_close(&msg);
	}
}

/*
 * Make room for n frames. A zmq_msg_t may not be copied byte for byte,
 * so the old ones are moved with zmq_msg_move.
 */
static void
sock_frames_grow(struct sock_frames *fr, size_t n)
{
	zmq_msg_t *msgs;
	size_t i, cap;

	if (n <= fr->cap)
		return;
	cap = n * 2;
	msgs = xmalloc(cap * sizeof(*msgs));
	for (i = 0; i < cap; i++)
		zmq_msg_init(&msgs[i]);
	for (i = 0; i < fr->cap; i++) {
		zmq_msg_move(&msgs[i], &fr->msgs[i]);
		zmq_msg_close(&fr->msgs[i]);
	}
	free(fr->msgs);
	fr->msgs = msgs;
	fr->iov = xrealloc(fr->iov, cap * sizeof(*fr->iov));
	fr->cap = cap;
}

/*
 * Receive one whole message into fr without waiting. Returns the frame
 * count, 0 when there is none (EAGAIN, EINTR, or EFSM: a REQ or REP whose
 * turn it is to send), -1 on an error (said). The iovecs are set once
 * every frame is in: growing moves the messages, and small frames live
 * inside them.
 */
int
sock_recv(struct zsock *zs, struct sock_frames *fr)
{
	size_t k, n = 0;
	int len;

	do {
		if (n + 1 > fr->cap)	/* rarely: a call per frame costs */
			sock_frames_grow(fr, n + 1);
		len = zmq_msg_recv(&fr->msgs[n], zs->handle, ZMQ_DONTWAIT);
		if (len == -1) {
			/* EINTR: a signal; the loop looks at it next */
			if (n == 0 && (errno == EAGAIN || errno == EFSM ||
			    errno == EINTR))
				return 0;
			warnx("%s: receive failed: %s", zs->spec->name,
			    zmq_strerror(errno));
			return -1;
		}
		/* the size zmq_msg_recv returns is capped at INT_MAX */
		fr->iov[n].iov_len = (size_t)len < INT_MAX ? (size_t)len :
		    zmq_msg_size(&fr->msgs[n]);
		zs->bytes_in += fr->iov[n].iov_len;
	} while (zmq_msg_more(&fr->msgs[n++]));
	/* the data are where they stay only once every frame is in */
	for (k = 0; k < n; k++)
		fr->iov[k].iov_base = zmq_msg_data(&fr->msgs[k]);
	fr->n = n;
	zs->nrecv++;
	zs->awaiting_since = 0;
	return (int)n;
}

/* Release what received frames hold. */
void
sock_frames_free(struct sock_frames *fr)
{
	size_t i;

	for (i = 0; fr->msgs != NULL && i < fr->cap; i++)
		zmq_msg_close(&fr->msgs[i]);
	free(fr->msgs);
	free(fr->iov);
	memset(fr, 0, sizeof(*fr));
}

/* A message sent: count it; a REQ now waits for its reply. */
static void
sock_sent(struct zsock *zs)
{
	zs->nsent++;
	if (zs->spec->type->zmq_type == ZMQ_REQ)
		zs->awaiting_since = clock_mono_ms();
}

/* What a failed send of a first frame means: 0 when the socket cannot
 * take it now (HWM or no peer; EFSM, a REQ or REP whose turn it is to
 * receive; EINTR, a signal), -1 on an error. */
static int
sock_send_failed(void)
{
	return errno == EAGAIN || errno == EFSM || errno == EINTR ? 0 : -1;
}

/* sock_send_msgs for more than one frame, or frames kept: frame by
 * frame, each a copy that shares the original's buffer unless moved. */
static int __attribute__((noinline))
sock_send_msgs_each(struct zsock *zs, zmq_msg_t *msgs,
    const struct iovec *frames, size_t n, int move)
{
	zmq_msg_t c, *m;
	size_t i;
	int flags;

	for (i = 0; i < n; i++) {
		m = &msgs[i];
		if (!move) {
			zmq_msg_init(&c);
			zmq_msg_copy(&c, m);
			m = &c;
		}
		flags = ZMQ_DONTWAIT | (i + 1 < n ? ZMQ_SNDMORE : 0);
		if (zmq_msg_send(m, zs->handle, flags) == -1) {
			if (!move)
				zmq_msg_close(&c);
			return i == 0 ? sock_send_failed() : -1;
		}
		zs->bytes_out += frames[i].iov_len;
	}
	sock_sent(zs);
	return 1;
}

/*
 * Send received frames on without copying their data: each copy shares
 * the buffer of the original (zmq_msg_copy); with move, the frames
 * themselves go (libzmq empties each one it takes, and leaves the first
 * as it was when the socket cannot take the message now). frames has
 * their sizes. 1, 0 or -1 as sock_send. One frame moved, the common
 * case, is sent here; the rest in sock_send_msgs_each.
 */
int
sock_send_msgs(struct zsock *zs, zmq_msg_t *msgs, const struct iovec *frames,
    size_t n, int move)
{
	if (n != 1 || !move)
		return sock_send_msgs_each(zs, msgs, frames, n, move);
	if (zmq_msg_send(&msgs[0], zs->handle, ZMQ_DONTWAIT) == -1)
		return sock_send_failed();
	zs->bytes_out += frames[0].iov_len;
	sock_sent(zs);
	return 1;
}

/* Count a peer our ZAP handler refused. */
void
sock_note_refused(struct zsock *zs)
{
	zs->nrefused++;
}

/* sock_send for a message of more than one frame, frame by frame. */
static int __attribute__((noinline))
sock_send_each(struct zsock *zs, const struct iovec *frames, size_t n)
{
	size_t i;
	int flags;

	for (i = 0; i < n; i++) {
		flags = ZMQ_DONTWAIT | (i + 1 < n ? ZMQ_SNDMORE : 0);
		if (zmq_send(zs->handle, frames[i].iov_base, frames[i].iov_len,
		    flags) == -1)
			return i == 0 ? sock_send_failed() : -1;
	}
	for (i = 0; i < n; i++)
		zs->bytes_out += frames[i].iov_len;
	sock_sent(zs);
	return 1;
}

/*
 * Send a message frame by frame without ever blocking. 1 when sent, 0
 * when the socket cannot take it now (HWM, no peer, REQ/REP turn, a
 * signal), -1 on an error with errno set. libzmq takes a multipart
 * message atomically once its first frame is in, so only the first
 * frame can say EAGAIN.
 */
int
sock_send(struct zsock *zs, const struct iovec *frames, size_t n)
{
	if (n != 1)
		return sock_send_each(zs, frames, n);
	/* one frame, the common case, here: no loops */
	if (zmq_send(zs->handle, frames[0].iov_base, frames[0].iov_len,
	    ZMQ_DONTWAIT) == -1)
		return sock_send_failed();
	zs->bytes_out += frames[0].iov_len;
	sock_sent(zs);
	return 1;
}

/*
 * Bound how long closing may wait for unsent data: to ms (a -W deadline
 * that is near; -1: none), and to nothing where nothing was sent, so a
 * SUB's subscription to a peer that never came cannot hold the end up.
 */
void
sock_cap_linger(struct zsock *zs, int64_t ms)
{
	size_t len = sizeof(int);
	int v;

	if (zs->handle == NULL || zmq_getsockopt(zs->handle, ZMQ_LINGER, &v,
	    &len) == -1)
		return;
	if (zs->nsent == 0)
		v = 0;
	if (ms >= 0 && ms < v)
		v = (int)ms;
	zmq_setsockopt(zs->handle, ZMQ_LINGER, &v, sizeof(v));
}

/* Stop the monitor (--monitor shows its last events) and close both
 * sockets; linger applies to the data. */
void
sock_close(struct zsock *zs)
{
	if (zs->handle != NULL && zs->monitor != NULL) {
		zmq_socket_monitor(zs->handle, NULL, 0);
		/* nothing comes after the stop: this ends */
		while (zs->conf->monitor != MONITOR_OFF &&
		    sock_monitor_batch(zs, SOCK_MONITOR_BATCH) > 0)
			;
		sock_monitor_tick(zs, clock_mono_ms(), 1);
	}
	monitor_repeats_free(&zs->repeats);
	free(zs->links);
	free(zs->fail_why);
	zs->fail_why = NULL;
	zs->links = NULL;
	zs->nlinks = 0;
	free(zs->ep_flags);
	zs->ep_flags = NULL;
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
sock_reopen(void *ctx, struct zsock *zs)
{
	struct zsock old = *zs;
	int zero = 0;

	zmq_setsockopt(zs->handle, ZMQ_LINGER, &zero, sizeof(zero));
	sock_close(zs);
	if (sock_open(ctx, zs, old.spec, old.conf, old.index) == -1)
		return -1;
	zs->nsent = old.nsent;
	zs->bytes_out = old.bytes_out;
	zs->nrecv = old.nrecv;
	zs->bytes_in = old.bytes_in;
	zs->ever_peered = old.ever_peered;
	zs->ever_connected = old.ever_connected;
	zs->unreachable = old.unreachable;
	zs->nrefused = old.nrefused;
	zs->told_fds = old.told_fds;
	return 0;
}

/*
 * A context with room for the run's sockets and io_threads I/O threads
 * (--io-threads), set before any socket exists, as libzmq requires. Each
 * zmqcat socket takes three of libzmq's (itself, its monitor, the
 * monitor's reader), and libzmq's default limit is 1023: raise it as far
 * as the fd limit, which is what really bounds a run, since every socket
 * holds an fd.
 */
void *
sock_ctx_new(size_t nsocks, int io_threads)
{
	struct rlimit rl;
	void *ctx;
	long want = (long)(3 * nsocks + 16), max;
	int e;

	if ((ctx = zmq_ctx_new()) == NULL)
		return NULL;
	if (zmq_ctx_set(ctx, ZMQ_IO_THREADS, io_threads) == -1) {
		e = errno;
		zmq_ctx_term(ctx);
		errno = e;
		return NULL;
	}
	max = zmq_ctx_get(ctx, ZMQ_SOCKET_LIMIT);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (long)rl.rlim_cur > want)
		want = (long)rl.rlim_cur;
	if (max > 0 && want > max)
		want = max;
	if (want > zmq_ctx_get(ctx, ZMQ_MAX_SOCKETS))
		zmq_ctx_set(ctx, ZMQ_MAX_SOCKETS, (int)want);
	return ctx;
}

/* Open a socket per spec; NULL after closing any already open. */
struct zsock *
sock_open_all(void *ctx, struct spec **specs, size_t n,
    const struct sock_conf *conf)
{
	struct zsock *socks = xmalloc(n * sizeof(*socks));
	size_t i;

	memset(socks, 0, n * sizeof(*socks));
	for (i = 0; i < n; i++)
		if (sock_open(ctx, &socks[i], specs[i], conf, (int)i) == -1) {
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
