/*
 * The ZMTP wire as --probe reads it, from strangers' bytes, so pure and
 * fuzzed: a peer's greeting (3.x: RFC 37; 2.0 and 1.0, told apart by
 * their first bytes as libzmq does), and 3.x frames, commands and the
 * properties of READY. And what --probe sends: frames and the command
 * bodies of PLAIN (RFC 24) and CURVE (RFC 26), laid out here; the
 * boxes of CURVE are curvecli's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "outbuf.h"
#include "zmtp.h"

/* ZMTP 2.0's socket type numbers (RFC 15). */
static const char *const zmtp_types2[] = {
	"PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH"
};

/* A 2.0 socket type's name, or NULL. */
const char *
zmtp_type_name(int type2)
{
	if (type2 < 0 || (size_t)type2 >= sizeof(zmtp_types2) /
	    sizeof(zmtp_types2[0]))
		return NULL;
	return zmtp_types2[type2];
}

/* A 3.x greeting's mechanism: printable ASCII, NUL-padded; -1 if not. */
static int
zmtp_mechanism(const uint8_t *p, char *out)
{
	size_t i, end = ZMTP_MECH_MAX;

	for (i = 0; i < ZMTP_MECH_MAX; i++) {
		if (p[i] == 0 && end == ZMTP_MECH_MAX)
			end = i;
		else if (p[i] != 0 && (end != ZMTP_MECH_MAX || p[i] < 0x21 ||
		    p[i] > 0x7e))
			return -1;	/* not padding, or not a name */
	}
	memcpy(out, p, end);
	out[end] = '\0';
	return end > 0 ? 0 : -1;
}

/*
 * What the first n bytes from a peer say: a greeting (its version and,
 * for 3.x, mechanism and as-server; 2.0, its socket type), more needed,
 * or not ZMTP. 1.0 has no signature: a length byte and a zero flags byte.
 */
enum zmtp_status
zmtp_greeting(const uint8_t *p, size_t n, struct zmtp_greeting *g)
{
	memset(g, 0, sizeof(*g));
	g->socket_type = -1;
	if (n < 2)
		return n == 0 || p[0] != 0 ? ZMTP_MORE : ZMTP_NOT;
	if (p[0] != 0xff) {
		if (p[0] == 0 || p[1] != 0)	/* 1.0: length, flags 0 */
			return ZMTP_NOT;
		g->major = 1;
		g->len = 2;
		return ZMTP_OK;
	}
	if (n < 10)
		return ZMTP_MORE;
	if (!(p[9] & 1))	/* the signature ends in a byte with bit 0 */
		return ZMTP_NOT;
	if (n < 11)
		return ZMTP_MORE;
	if (p[10] == 1 || p[10] == 2) {	/* 2.0: revision, socket type */
		if (n < 12)
			return ZMTP_MORE;
		g->major = 2;
		g->socket_type = p[11];
		g->len = 12;
		return ZMTP_OK;
	}
	if (p[10] < 3)
		return ZMTP_NOT;
	if (n < ZMTP_GREETING)
		return ZMTP_MORE;
	if (zmtp_mechanism(p + 12, g->mechanism) == -1 || p[32] > 1)
		return ZMTP_NOT;
	g->major = p[10];
	g->minor = p[11];
	g->as_server = p[32];
	g->len = ZMTP_GREETING;
	return ZMTP_OK;
}

/* Our 3.1 greeting, as a client of mechanism, into out (64 bytes). */
void
zmtp_our_greeting(uint8_t *out, const char *mechanism)
{
	memset(out, 0, ZMTP_GREETING);
	out[0] = 0xff;
	out[9] = 0x7f;
	out[10] = 3;
	out[11] = 1;
	memcpy(out + 12, mechanism, strnlen(mechanism, ZMTP_MECH_MAX));
}

/*
 * One 3.x frame at p: its flags and body; returns the bytes it takes, 0
 * when more are needed, -1 when it cannot be a frame (a long size past
 * 2^62).
 */
long
zmtp_frame(const uint8_t *p, size_t n, int *flags, const uint8_t **body,
    size_t *len)
{
	uint64_t size = 0;
	size_t head, i;

	if (n < 1)
		return 0;
	*flags = p[0];
	if (p[0] & 0xf8)	/* reserved bits */
		return -1;
	head = (p[0] & ZMTP_LONG) ? 9 : 2;
	if (n < head)
		return 0;
	if (head == 2)
		size = p[1];
	else
		for (i = 1; i < 9; i++)
			size = size << 8 | p[i];
	if (size > ((uint64_t)1 << 62))
		return -1;
	if (n - head < size)
		return 0;
	*body = p + head;
	*len = (size_t)size;
	return (long)(head + size);
}

/*
 * A command's name and data from its frame body; -1 if it has none.
 * libzmq's PLAIN server (4.3.4 and since) writes ERROR as "\x5eRROR":
 * its "\x05ERROR" is a C hex escape that ate the E, and its own client
 * expects the same. Taken as ERROR, with the reason after it.
 */
int
zmtp_command(const uint8_t *body, size_t len, const uint8_t **name,
    size_t *namelen, const uint8_t **data, size_t *datalen)
{
	static const uint8_t error[] = "ERROR";

	if (len >= 6 && memcmp(body, "\x5eRROR", 5) == 0 &&
	    (size_t)body[0] > len - 1) {
		*name = error;
		*namelen = 5;
		*data = body + 5;
		*datalen = len - 5;
		return 0;
	}
	if (len < 1 || body[0] == 0 || (size_t)body[0] > len - 1)
		return -1;
	*name = body + 1;
	*namelen = body[0];
	*data = body + 1 + body[0];
	*datalen = len - 1 - body[0];
	return 0;
}

/* READY's (or INITIATE's) properties: up to max into props, their number
 * in count; -1 when the bytes do not split into properties. */
int
zmtp_props(const uint8_t *p, size_t n, struct zmtp_prop *props, size_t max,
    size_t *count)
{
	size_t off = 0, nl, vl;

	*count = 0;
	while (off < n) {
		nl = p[off];
		if (nl == 0 || n - off - 1 < nl + 4)
			return -1;
		vl = (size_t)p[off + 1 + nl] << 24 |
		    (size_t)p[off + 2 + nl] << 16 |
		    (size_t)p[off + 3 + nl] << 8 | p[off + 4 + nl];
		if (n - off - 5 - nl < vl)
			return -1;
		if (*count < max) {
			props[*count].name = p + off + 1;
			props[*count].namelen = nl;
			props[*count].value = p + off + 5 + nl;
			props[*count].valuelen = vl;
			(*count)++;
		}
		off += 5 + nl + vl;
	}
	return 0;
}

/* Nonzero when a command's name is want. */
int
zmtp_is(const uint8_t *name, size_t namelen, const char *want)
{
	return namelen == strlen(want) && memcmp(name, want, namelen) == 0;
}

/* An ERROR command's reason (a length byte, then it); -1 if cut. */
int
zmtp_error_reason(const uint8_t *data, size_t datalen,
    const uint8_t **reason, size_t *len)
{
	if (datalen < 1 || (size_t)data[0] > datalen - 1)
		return -1;
	*reason = data + 1;
	*len = data[0];
	return 0;
}

/* Append a 3.x frame: flags (ZMTP_LONG added past 255 bytes), the size,
 * the body. */
void
zmtp_put_frame(struct outbuf *ob, int flags, const void *body, size_t len)
{
	uint8_t head[9];
	uint64_t size = len;
	int i;

	if (len > 255) {
		head[0] = (uint8_t)(flags | ZMTP_LONG);
		for (i = 8; i >= 1; i--, size >>= 8)
			head[i] = (uint8_t)(size & 0xff);
		outbuf_put(ob, head, 9);
	} else {
		head[0] = (uint8_t)(flags & ~ZMTP_LONG);
		head[1] = (uint8_t)len;
		outbuf_put(ob, head, 2);
	}
	outbuf_put(ob, body, len);
}

/* Append a command's body: its name (up to 255 bytes), then data. */
void
zmtp_put_command(struct outbuf *ob, const char *name, const void *data,
    size_t len)
{
	uint8_t n = (uint8_t)strnlen(name, 255);

	outbuf_put(ob, &n, 1);
	outbuf_put(ob, name, n);
	outbuf_put(ob, data, len);
}

/*
 * Append PLAIN's HELLO body for USER:PASS (split at the first colon):
 * each a length byte and its bytes. -1 with err when either is past 255
 * bytes; the message never holds the password.
 */
int
zmtp_plain_hello(struct outbuf *ob, const char *userpass, char *err,
    size_t errlen)
{
	const char *colon = strchr(userpass, ':');
	size_t ulen, plen;
	uint8_t n;

	if (colon == NULL) {
		snprintf(err, errlen, "want USER:PASSWORD");
		return -1;
	}
	ulen = (size_t)(colon - userpass);
	plen = strlen(colon + 1);
	if (ulen > 255 || plen > 255) {
		snprintf(err, errlen, "the %s is longer than PLAIN's 255 bytes",
		    ulen > 255 ? "user name" : "password");
		return -1;
	}
	zmtp_put_command(ob, "HELLO", NULL, 0);
	n = (uint8_t)ulen;
	outbuf_put(ob, &n, 1);
	outbuf_put(ob, userpass, ulen);
	n = (uint8_t)plen;
	outbuf_put(ob, &n, 1);
	outbuf_put(ob, colon + 1, plen);
	return 0;
}

/* CURVE's HELLO body (RFC 26) into out (ZMTP_CURVE_HELLO bytes): version
 * 1.0, 72 bytes of padding, our short-term public key, the short nonce
 * and the signature box of 64 zeros. */
void
zmtp_curve_hello(uint8_t *out, const uint8_t *cn_public, const uint8_t *nonce8,
    const uint8_t *box80)
{
	memcpy(out, "\x05HELLO\x01\x00", 8);
	memset(out + 8, 0, 72);
	memcpy(out + 80, cn_public, 32);
	memcpy(out + 112, nonce8, 8);
	memcpy(out + 120, box80, 80);
}

/* WELCOME's data (after its name): a 16-byte nonce and a 144-byte box;
 * -1 when it is not 160 bytes. */
int
zmtp_curve_welcome(const uint8_t *data, size_t datalen,
    const uint8_t **nonce16, const uint8_t **box144)
{
	if (datalen != 160)
		return -1;
	*nonce16 = data;
	*box144 = data + 16;
	return 0;
}

/* Append CURVE's INITIATE body: the server's cookie, the short nonce,
 * the box (our key, vouch and metadata). */
void
zmtp_curve_initiate(struct outbuf *ob, const uint8_t *cookie,
    const uint8_t *nonce8, const uint8_t *box, size_t boxlen)
{
	zmtp_put_command(ob, "INITIATE", NULL, 0);
	outbuf_put(ob, cookie, ZMTP_CURVE_COOKIE);
	outbuf_put(ob, nonce8, 8);
	outbuf_put(ob, box, boxlen);
}

/* CURVE READY's data: an 8-byte short nonce and a box of at least its
 * 16-byte authenticator; -1 when shorter. */
int
zmtp_curve_ready(const uint8_t *data, size_t datalen, const uint8_t **nonce8,
    const uint8_t **box, size_t *boxlen)
{
	if (datalen < 8 + 16)
		return -1;
	*nonce8 = data;
	*box = data + 8;
	*boxlen = datalen - 8;
	return 0;
}
