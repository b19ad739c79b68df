/*
 * --probe ENDPOINT...: connect with a plain socket, speak ZMTP ourselves
 * and say what the listener is: its ZMTP version, mechanism and
 * as-server flag, and the metadata of its READY (Socket-Type, Identity,
 * X-...): with NULL always; with PLAIN and CURVE when the --plain-client
 * or --curve-client after that --probe lets us log in, and then its
 * refusal (an ERROR's reason) or where the handshake broke if it does
 * not. ws:// speaks ZWS 2.0: an HTTP upgrade offering every mechanism,
 * then the same commands in WebSocket frames. A listener that is not
 * ZMTP (or ZWS) is shown by its first bytes. One line per endpoint, or a
 * JSON object with -J. Every wait is bounded; no secret is ever shown.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sodium.h>

#include "clock.h"
#include "codec.h"
#include "curvecli.h"
#include "dial.h"
#include "jsonw.h"
#include "keys.h"
#include "outbuf.h"
#include "probe.h"
#include "status.h"
#include "xmalloc.h"
#include "zmtp.h"
#include "zws.h"

#define PROBE_BUF	8192	/* a greeting, an upgrade answer, a READY */
#define PROBE_PROPS	16	/* READY properties shown */
#define PROBE_SHOWN	48	/* a stranger's first bytes shown */
#define PROBE_REASON	255	/* an ERROR's reason: one length byte */
/* The subprotocols a ws:// probe offers: the server picks its own. */
#define PROBE_ZWS	"ZWS2.0/NULL,ZWS2.0/PLAIN,ZWS2.0/CURVE,ZWS2.0"

/* What one probe found. */
struct probe {
	const char		*endpoint;
	const struct keys	*keys;		/* its credentials */
	int64_t			 deadline;
	int			 fd;
	int			 ws;		/* ws://: ZWS */
	char			 error[512];	/* or "" */
	int			 zmtp;		/* identified as ZMTP (ZWS) */
	struct zmtp_greeting	 g;		/* ws: ZWS version, mechanism */
	uint8_t			 buf[PROBE_BUF];
	size_t			 len;		/* bytes read into buf */
	size_t			 off;		/* of them, taken */
	int			 closed;	/* the peer closed */
	int			 full;		/* buf is, with one frame */
	struct outbuf		 meta;		/* READY's properties */
	struct zmtp_prop	 props[PROBE_PROPS];
	size_t			 nprops;
	int			 ready;		/* READY came */
	int			 refused;	/* an ERROR came */
	uint8_t			 reason[PROBE_REASON];	/* its reason */
	size_t			 reasonlen;
	char			 failed[128];	/* where a handshake broke */
};
/* Read what comes into p->buf (room made by dropping what was taken):
 * the bytes read, or 0 when the peer closed (p->closed), the buffer is
 * full (p->full) or the deadline passed. */
static size_t
probe_fill(struct probe *p)
{
	struct pollfd pfd = { p->fd, POLLIN, 0 };
	ssize_t k;
	int ms;

	if (p->len == sizeof(p->buf) && p->off > 0 && p->zmtp) {
		memmove(p->buf, p->buf + p->off, p->len - p->off);
		p->len -= p->off;
		p->off = 0;
	}
	for (;;) {
		ms = (int)(p->deadline - clock_mono_ms());
		if (p->len == sizeof(p->buf)) {
			p->full = 1;
			return 0;
		}
		if (ms <= 0 || poll(&pfd, 1, ms) <= 0)
			return 0;
		k = read(p->fd, p->buf + p->len, sizeof(p->buf) - p->len);
		if (k > 0) {
			p->len += (size_t)k;
			return (size_t)k;
		}
		if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
			p->closed = 1;
			return 0;
		}
	}
}

/* Write all of the n bytes at data within the deadline; -1 if not. */
static int
probe_send(struct probe *p, const void *data, size_t n)
{
	struct pollfd pfd = { p->fd, POLLOUT, 0 };
	const uint8_t *d = data;
	ssize_t k;
	int ms;

	while (n > 0) {
		k = write(p->fd, d, n);
		if (k > 0) {
			d += k;
			n -= (size_t)k;
			continue;
		}
		if (k == -1 && errno != EAGAIN && errno != EINTR)
			return -1;
		ms = (int)(p->deadline - clock_mono_ms());
		if (ms <= 0 || poll(&pfd, 1, ms) <= 0)
			return -1;
	}
	return 0;
}

/* Send a command's body in a frame: ZMTP's, or on ws:// a masked
 * binary WebSocket frame whose payload starts with the command flag. */
static int
probe_send_command(struct probe *p, const void *body, size_t len)
{
	struct outbuf ob, pay;
	uint8_t mask[4], flag = ZWS_COMMAND;
	int rc;

	outbuf_init(&ob, -1, len + 16);
	if (p->ws) {
		outbuf_init(&pay, -1, len + 1);
		outbuf_put(&pay, &flag, 1);
		outbuf_put(&pay, body, len);
		randombytes_buf(mask, sizeof(mask));
		zws_put_frame(&ob, ZWS_OP_BINARY, (uint8_t *)pay.buf, pay.len,
		    mask);
		outbuf_free(&pay);
	} else
		zmtp_put_frame(&ob, ZMTP_COMMAND, body, len);
	rc = probe_send(p, ob.buf, ob.len);
	sodium_memzero(ob.buf, ob.cap);	/* a HELLO holds a password */
	outbuf_free(&ob);
	return rc;
}

/* The next ws:// frame's ZMTP frame: 1 with its flags (as ZMTP's) and
 * body, 0 when more bytes are needed, 2 for a ping or pong (passed
 * over), -1 when the peer closes or sends what is not ZWS. */
static int
probe_ws_next(struct probe *p, int *flags, const uint8_t **body,
    size_t *len)
{
	struct zws_frame f;
	uint8_t *pay;
	long k;

	if ((k = zws_frame(p->buf + p->off, p->len - p->off, &f)) <= 0)
		return (int)k;
	pay = p->buf + (f.payload - p->buf);
	p->off += (size_t)k;
	if (f.masked)
		zws_mask(pay, f.len, f.mask);
	if (f.opcode == ZWS_OP_PING || f.opcode == ZWS_OP_PONG)
		return 2;
	if (f.opcode == ZWS_OP_CLOSE)
		p->closed = 1;
	if (f.opcode != ZWS_OP_BINARY || !f.fin || f.len < 1)
		return -1;
	*flags = (pay[0] & ZWS_MORE ? ZMTP_MORE_FLAG : 0) |
	    (pay[0] & ZWS_COMMAND ? ZMTP_COMMAND : 0);	/* ZMTP's bits */
	*body = pay + 1;
	*len = f.len - 1;
	return 1;
}

/* The next command from the peer: its name and data; -1 when none came
 * (the peer closed, p->closed, or the deadline), -2 when what came is
 * not a frame or a command. */
static int
probe_next_command(struct probe *p, const uint8_t **name, size_t *namelen,
    const uint8_t **data, size_t *datalen)
{
	const uint8_t *body;
	size_t len;
	int flags, rc;
	long k;

	for (;;) {
		if (p->ws)
			rc = probe_ws_next(p, &flags, &body, &len);
		else if ((k = zmtp_frame(p->buf + p->off, p->len - p->off,
		    &flags, &body, &len)) > 0) {
			p->off += (size_t)k;
			rc = 1;
		} else
			rc = (int)k;
		if (rc == -1)
			return p->closed ? -1 : -2;
		if (rc == 1 && (flags & ZMTP_COMMAND))
			return zmtp_command(body, len, name, namelen, data,
			    datalen) == 0 ? 0 : -2;
		if (rc == 0 && probe_fill(p) == 0)
			return -1;	/* else a message, a ping: the next */
	}
}
/* Keep READY's properties (a copy: the buffer moves on). */
static void
probe_ready(struct probe *p, const uint8_t *data, size_t len)
{
	p->meta.len = 0;
	outbuf_put(&p->meta, data, len);
	p->ready = zmtp_props((uint8_t *)p->meta.buf, p->meta.len, p->props,
	    PROBE_PROPS, &p->nprops) == 0;
}

/*
 * The peer's answer to what we sent last (after, for messages): 0 when
 * it is the command want, with its data; else -1, with the ERROR's
 * reason kept (p->refused), or why it did not come in p->failed (hint
 * after it when the peer closed, if any).
 */
static int
probe_expect(struct probe *p, const char *want, const char *after,
    const char *hint, const uint8_t **data, size_t *len)
{
	const uint8_t *name, *reason;
	size_t namelen, rlen;
	int rc;

	if ((rc = probe_next_command(p, &name, &namelen, data, len)) == -2) {
		snprintf(p->failed, sizeof(p->failed), "not a ZMTP command "
		    "after %s", after);
		return -1;
	}
	if (rc == -1 && p->full) {
		snprintf(p->failed, sizeof(p->failed), "an answer to %s "
		    "longer than %d bytes", after, PROBE_BUF);
		return -1;
	}
	if (rc == -1) {
		snprintf(p->failed, sizeof(p->failed), "%s %s%s", p->closed ?
		    "closed after" : "no answer to", after, !p->closed ?
		    " within the time (-W)" : hint != NULL ? hint : "");
		return -1;
	}
	if (zmtp_is(name, namelen, "ERROR")) {
		p->refused = 1;
		if (zmtp_error_reason(*data, *len, &reason, &rlen) == 0) {
			memcpy(p->reason, reason, rlen);
			p->reasonlen = rlen;
		}
		return -1;
	}
	if (!zmtp_is(name, namelen, want)) {
		snprintf(p->failed, sizeof(p->failed), "no %s after %s", want,
		    after);
		return -1;
	}
	return 0;
}

/* NULL: the peer's READY (libzmq sends it without waiting for ours). */
static void
probe_null(struct probe *p)
{
	const uint8_t *data;
	size_t len;

	if (probe_expect(p, "READY", "the greeting", NULL, &data, &len) == 0)
		probe_ready(p, data, len);
}

/*
 * PLAIN (RFC 24): HELLO with the user name and password, WELCOME,
 * INITIATE, READY. Our INITIATE has no Socket-Type: libzmq refuses one
 * that does not match its socket's, but checks none that is not given,
 * so every type answers. libzmq 4.3 closes a PLAIN connection when no
 * ZAP handler runs.
 */
static void
probe_plain(struct probe *p)
{
	const uint8_t *data;
	struct outbuf ob;
	size_t len;
	int rc;

	outbuf_init(&ob, -1, 64);
	rc = zmtp_plain_hello(&ob, p->keys->plain_client.value, p->failed,
	    sizeof(p->failed));
	if (rc == 0 && probe_send_command(p, ob.buf, ob.len) == -1)
		rc = -1;
	sodium_memzero(ob.buf, ob.cap);
	outbuf_free(&ob);
	if (rc == -1 || probe_expect(p, "WELCOME", "HELLO",
	    " (no ZAP handler?)", &data, &len) == -1 ||
	    probe_send_command(p, "\x08INITIATE", 9) == -1 ||
	    probe_expect(p, "READY", "INITIATE", NULL, &data, &len) == -1)
		return;
	probe_ready(p, data, len);
}

/* CURVE's HELLO, and the WELCOME it draws: 0, or -1 with why not. A
 * server that cannot open our HELLO (its key is not the one we have)
 * closes without a word. */
static int
probe_curve_hello(struct probe *p, struct curvecli *c)
{
	uint8_t hello[ZMTP_CURVE_HELLO];
	const uint8_t *data;
	size_t len;

	if (curvecli_hello(c, hello) == -1 ||
	    probe_send_command(p, hello, sizeof(hello)) == -1) {
		snprintf(p->failed, sizeof(p->failed), "cannot send HELLO");
		return -1;
	}
	if (probe_expect(p, "WELCOME", "HELLO", NULL, &data, &len) == -1) {
		if (!p->refused)
			snprintf(p->failed, sizeof(p->failed), "no WELCOME "
			    "(wrong server key?)");
		return -1;
	}
	if (curvecli_welcome(c, data, len) == -1) {
		snprintf(p->failed, sizeof(p->failed), "a WELCOME that does "
		    "not open with that server key");
		return -1;
	}
	return 0;
}

/*
 * CURVE (RFC 26): HELLO, WELCOME, INITIATE (our key and vouch, no
 * Socket-Type, as with PLAIN), READY, whose box holds the metadata.
 * Our keypair is --curve-key's, or a fresh one.
 */
static void
probe_curve(struct probe *p)
{
	struct curvecli c;
	struct outbuf ob;
	const uint8_t *data;
	size_t len;

	if (curvecli_init(&c, p->keys->curve_client.value,
	    p->keys->curve_key.value, p->failed, sizeof(p->failed)) == -1)
		return;
	outbuf_init(&ob, -1, 512);
	if (probe_curve_hello(p, &c) == 0) {
		if (curvecli_initiate(&c, NULL, 0, &ob) == -1 ||
		    probe_send_command(p, ob.buf, ob.len) == -1)
			snprintf(p->failed, sizeof(p->failed), "cannot send "
			    "INITIATE");
		else if (probe_expect(p, "READY", "INITIATE", NULL, &data,
		    &len) == 0) {
			p->meta.len = 0;
			if (curvecli_ready(&c, data, len, &p->meta) == -1)
				snprintf(p->failed, sizeof(p->failed), "a "
				    "READY that does not open");
			else
				p->ready = zmtp_props((uint8_t *)p->meta.buf,
				    p->meta.len, p->props, PROBE_PROPS,
				    &p->nprops) == 0;
		}
	}
	outbuf_free(&ob);
	curvecli_clear(&c);
}

/* After the greeting (or the upgrade): the handshake of the peer's
 * mechanism when we can speak it; tcp and ipc send the rest of our
 * greeting first, naming it. Else only the mechanism is known. */
static void
probe_handshake(struct probe *p)
{
	uint8_t ours[ZMTP_GREETING];
	const char *m = p->g.mechanism;
	void (*speak)(struct probe *) = NULL;

	if (strcmp(m, "NULL") == 0)
		speak = probe_null;
	else if (strcmp(m, "PLAIN") == 0 && p->keys->plain_client.value)
		speak = probe_plain;
	else if (strcmp(m, "CURVE") == 0 && p->keys->curve_client.value)
		speak = probe_curve;
	if (speak == NULL)
		return;
	zmtp_our_greeting(ours, m);
	if (!p->ws && probe_send(p, ours + 11, sizeof(ours) - 11) == -1) {
		snprintf(p->failed, sizeof(p->failed), "cannot send the "
		    "greeting");
		return;
	}
	speak(p);
}
/* tcp and ipc: our greeting's signature and major version, as libzmq
 * does, and the peer's greeting; the rest of ours waits until its
 * mechanism is known (a peer that disagrees closes at once, and unread
 * bytes of ours would turn its close into a reset that loses its
 * greeting). */
static void
probe_greeting(struct probe *p)
{
	uint8_t ours[ZMTP_GREETING];
	enum zmtp_status st = ZMTP_MORE;

	zmtp_our_greeting(ours, "NULL");
	if (probe_send(p, ours, 11) == 0)
		while ((st = zmtp_greeting(p->buf, p->len, &p->g)) ==
		    ZMTP_MORE && probe_fill(p) > 0)
			;
	p->zmtp = st == ZMTP_OK;
	p->off = p->g.len;
	if (st == ZMTP_MORE && p->len == 0)
		snprintf(p->error, sizeof(p->error), p->closed ? "closed "
		    "without a greeting" : "no greeting within the time (-W)");
}

/* ws://: the upgrade request, offering every ZWS 2.0 subprotocol, and
 * the answer: a switch to one of them (ours is its mechanism), or not
 * ZWS. */
static void
probe_upgrade(struct probe *p, const char *hostport, const char *path)
{
	struct outbuf req, key;
	struct zws_response r;
	enum zmtp_status st = ZMTP_MORE;
	uint8_t nonce[16];

	randombytes_buf(nonce, sizeof(nonce));
	outbuf_init(&key, -1, 32);
	codec_base64_encode(&key, nonce, sizeof(nonce));
	outbuf_put(&key, "", 1);
	outbuf_init(&req, -1, 256);
	zws_request(&req, hostport, path, key.buf, PROBE_ZWS);
	if (probe_send(p, req.buf, req.len) == 0)
		while ((st = zws_response(p->buf, p->len, &r)) == ZMTP_MORE &&
		    probe_fill(p) > 0)
			;
	outbuf_free(&req);
	outbuf_free(&key);
	if (st == ZMTP_MORE && p->len == 0) {
		snprintf(p->error, sizeof(p->error), p->closed ? "closed "
		    "without an answer to the upgrade" : "no answer to the "
		    "upgrade within the time (-W)");
		return;
	}
	p->zmtp = st == ZMTP_OK && r.status == 101 && r.upgrade &&
	    r.connection && r.protocol != NULL && zws_subprotocol(r.protocol,
	    r.protocollen, &p->g.major, &p->g.minor, p->g.mechanism,
	    sizeof(p->g.mechanism)) == 0;
	p->off = r.len;
}

/* Probe one endpoint into p, within p->deadline. */
static void
probe_one(struct probe *p)
{
	const char *ep = p->endpoint, *path = "/";
	char hostport[300], tcp[320];

	if (strncmp(ep, "tcp://", 6) == 0 || strncmp(ep, "ipc://", 6) == 0)
		p->fd = dial(ep, p->deadline, p->error, sizeof(p->error));
	else if (strncmp(ep, "ws://", 5) == 0) {
		if (zws_endpoint(ep + 5, hostport, sizeof(hostport), &path) ==
		    -1) {
			snprintf(p->error, sizeof(p->error), "want "
			    "ws://HOST:PORT[/PATH]");
			return;
		}
		p->ws = 1;
		snprintf(tcp, sizeof(tcp), "tcp://%s", hostport);
		p->fd = dial(tcp, p->deadline, p->error, sizeof(p->error));
	} else {
		snprintf(p->error, sizeof(p->error), "cannot probe it (tcp://, "
		    "ipc:// and ws:// only)");
		return;
	}
	if (p->fd == -1)
		return;
	if (p->ws)
		probe_upgrade(p, hostport, path);
	else
		probe_greeting(p);
	if (p->zmtp && (p->ws || p->g.major >= 3))
		probe_handshake(p);
	close(p->fd);
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

/* ": ZMTP 3.1, NULL[, as-server]" (2.0: its socket type), or ": ZWS
 * 2.0, NULL" ("no mechanism" for a bare ZWS2.0). */
static void
probe_text_version(const struct probe *p, struct outbuf *ob)
{
	const char *t2 = zmtp_type_name(p->g.socket_type);
	char line[128];

	if (p->ws)
		snprintf(line, sizeof(line), ": ZWS %d.%d, %s", p->g.major,
		    p->g.minor, p->g.mechanism[0] != '\0' ? p->g.mechanism :
		    "no mechanism");
	else if (p->g.major >= 3)
		snprintf(line, sizeof(line), ": ZMTP %d.%d, %s%s", p->g.major,
		    p->g.minor, p->g.mechanism, p->g.as_server ?
		    ", as-server" : "");
	else
		snprintf(line, sizeof(line), ": ZMTP %d.%d%s%s", p->g.major,
		    p->g.minor, t2 != NULL ? ", " : "", t2 != NULL ? t2 : "");
	outbuf_put(ob, line, strlen(line));
}

/* ", PUB; Identity "x", X-A "b"": READY's Socket-Type, then the rest;
 * then ", refused: "400"" or where the handshake broke. */
static void
probe_text_ready(const struct probe *p, struct outbuf *ob)
{
	const struct zmtp_prop *t = probe_prop(p, "Socket-Type");
	const char *sep = "; ";
	size_t i;

	if (t != NULL) {
		outbuf_put(ob, ", ", 2);
		probe_escaped(ob, t->value, t->valuelen, 64);
	}
	for (i = 0; i < p->nprops; i++) {
		if (&p->props[i] == t)
			continue;
		outbuf_put(ob, sep, 2);
		sep = ", ";
		probe_escaped(ob, p->props[i].name, p->props[i].namelen, 255);
		outbuf_put(ob, " ", 1);
		probe_quote(ob, p->props[i].value, p->props[i].valuelen, 256);
	}
	if (p->refused) {
		outbuf_put(ob, ", refused: ", 11);
		probe_quote(ob, p->reason, p->reasonlen, PROBE_REASON);
	} else if (p->failed[0] != '\0') {
		outbuf_put(ob, ", ", 2);
		outbuf_put(ob, p->failed, strlen(p->failed));
	}
}

/* One line: ENDPOINT: ZMTP 3.1, NULL, PUB; Identity "x", X-A "b". */
static void
probe_text(const struct probe *p, struct outbuf *ob)
{
	outbuf_put(ob, p->endpoint, strlen(p->endpoint));
	if (p->error[0] != '\0' && !p->zmtp) {
		outbuf_put(ob, ": ", 2);
		outbuf_put(ob, p->error, strlen(p->error));
	} else if (!p->zmtp) {
		outbuf_put(ob, p->ws ? ": not ZWS: " : ": not ZMTP: ", p->ws ?
		    11 : 12);
		probe_quote(ob, p->buf, p->len, PROBE_SHOWN);
	} else {
		probe_text_version(p, ob);
		probe_text_ready(p, ob);
	}
	outbuf_put(ob, "\n", 1);
}

/* The JSON of an identified peer: its version, mechanism, metadata and
 * how its handshake went. */
static void
probe_json_zmtp(const struct probe *p, struct jsonw *w)
{
	char v[16];
	size_t i;

	snprintf(v, sizeof(v), "%d.%d", p->g.major, p->g.minor);
	jsonw_key(w, p->ws ? "zws" : "zmtp");
	jsonw_str(w, v);
	if (p->ws || p->g.major >= 3) {
		jsonw_key(w, "mechanism");
		jsonw_str(w, p->g.mechanism);
	}
	if (!p->ws && p->g.major >= 3) {
		jsonw_key(w, "as_server");
		jsonw_bool(w, p->g.as_server);
	}
	if (!p->ws && p->g.major == 2 && zmtp_type_name(p->g.socket_type)) {
		jsonw_key(w, "socket_type");
		jsonw_str(w, zmtp_type_name(p->g.socket_type));
	}
	if (p->ready) {
		jsonw_key(w, "metadata");
		jsonw_object(w);
		for (i = 0; i < p->nprops; i++) {
			jsonw_key_n(w, (const char *)p->props[i].name,
			    p->props[i].namelen);
			jsonw_string(w, p->props[i].value,
			    p->props[i].valuelen);
		}
		jsonw_end(w);
	}
	if (p->refused || p->failed[0] != '\0') {
		jsonw_key(w, p->refused ? "refused" : "failed");
		if (p->refused)
			jsonw_string(w, p->reason, p->reasonlen);
		else
			jsonw_str(w, p->failed);
	}
}

/* One JSON object on a line. */
static void
probe_json(const struct probe *p, struct outbuf *ob)
{
	struct jsonw w;

	jsonw_init(&w, ob);
	jsonw_object(&w);
	jsonw_key(&w, "endpoint");
	jsonw_str(&w, p->endpoint);
	if (p->error[0] != '\0' && !p->zmtp) {
		jsonw_key(&w, "error");
		jsonw_str(&w, p->error);
	} else if (!p->zmtp) {
		jsonw_key(&w, p->ws ? "not_zws" : "not_zmtp");
		jsonw_base64(&w, p->buf, p->len);
	} else
		probe_json_zmtp(p, &w);
	jsonw_end(&w);
	outbuf_put(ob, "\n", 1);
}

/*
 * Probe each endpoint in turn, with the credentials given after it, all
 * within timeout_ms; print what each is on stdout. ZC_OK when every one
 * is ZMTP and no handshake tried was refused or broke, else ZC_RUNTIME.
 */
int
probe_run(char *const *endpoints, const struct keys *keys, size_t n,
    int64_t timeout_ms, int json)
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
		p->keys = &keys[i];
		p->deadline = deadline;
		outbuf_init(&p->meta, -1, 256);
		probe_one(p);
		all &= p->zmtp && !p->refused && p->failed[0] == '\0';
		(json ? probe_json : probe_text)(p, &ob);
		outbuf_flush(&ob);
		outbuf_free(&p->meta);
	}
	free(p);
	if (ob.error || ob.closed)
		all = 0;
	outbuf_free(&ob);
	return all ? ZC_OK : ZC_RUNTIME;
}
