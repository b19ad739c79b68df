/*
 * The ZMTP wire as --probe reads it, from strangers' bytes, so pure and
 * fuzzed: a peer's greeting (3.x: RFC 37; 2.0 and 1.0, told apart by
 * their first bytes as libzmq does), and 3.x frames, commands and the
 * properties of READY.
 */
#include "config.h"

#include <string.h>

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

/* A command's name and data from its frame body; -1 if it has none. */
int
zmtp_command(const uint8_t *body, size_t len, const uint8_t **name,
    size_t *namelen, const uint8_t **data, size_t *datalen)
{
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
