/*
 * ZWS 2.0, ZMTP over WebSocket (RFC 45, libzmq's ws:// transport), as
 * --probe speaks it, pure and fuzzed since the answers come from
 * strangers: the endpoint, our HTTP/1.1 upgrade request, the server's
 * answer with its chosen subprotocol ("ZWS2.0/NULL", ...), and RFC
 * 6455 frames, whose binary payloads start with ZMTP's flags byte.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "outbuf.h"
#include "zws.h"

#define ZWS_LINE_MAX	8192	/* an answer's head longer is not ZWS */

/* Split a ws:// endpoint's rest, HOST:PORT[/PATH], into HOST:PORT (into
 * hostport) and PATH ("/" when none); -1 when there is no port or
 * HOST:PORT does not fit. */
int
zws_endpoint(const char *url, char *hostport, size_t hplen, const char **path)
{
	const char *slash = strchr(url, '/');
	const char *colon;
	size_t n = slash != NULL ? (size_t)(slash - url) : strlen(url);

	if (n == 0 || n >= hplen)
		return -1;
	memcpy(hostport, url, n);
	hostport[n] = '\0';
	colon = strrchr(hostport, ':');
	if (colon == NULL || colon == hostport || colon[1] == '\0')
		return -1;
	*path = slash != NULL ? slash : "/";
	return 0;
}

/* Append our upgrade request: GET PATH, the Host, a key (base64 of 16
 * random bytes) and the subprotocols we offer, as libzmq's client. */
void
zws_request(struct outbuf *ob, const char *hostport, const char *path,
    const char *key, const char *protocols)
{
	static const char *const part[] = {
		"GET ", NULL, " HTTP/1.1\r\nHost: ", NULL, "\r\n"
		"Upgrade: websocket\r\nConnection: Upgrade\r\n"
		"Sec-WebSocket-Key: ", NULL, "\r\nSec-WebSocket-Protocol: ",
		NULL, "\r\nSec-WebSocket-Version: 13\r\n\r\n"
	};
	const char *arg[] = { path, hostport, key, protocols };
	size_t i, a = 0;

	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		const char *s = part[i] != NULL ? part[i] : arg[a++];

		outbuf_put(ob, s, strlen(s));
	}
}

/* Nonzero when the n bytes at p are s, in any case. */
static int
zws_eq(const uint8_t *p, size_t n, const char *s)
{
	return n == strlen(s) && strncasecmp((const char *)p, s, n) == 0;
}

/* Nonzero when the comma-separated list at p holds the token s. */
static int
zws_has_token(const uint8_t *p, size_t n, const char *s)
{
	size_t i = 0, start, end;

	while (i < n) {
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == ','))
			i++;
		start = i;
		while (i < n && p[i] != ',')
			i++;
		end = i;
		while (end > start && (p[end - 1] == ' ' || p[end - 1] == '\t'))
			end--;
		if (end > start && zws_eq(p + start, end - start, s))
			return 1;
	}
	return 0;
}

/* One header line (without its CRLF) into r; -1 when it has no colon. */
static int
zws_header(const uint8_t *p, size_t n, struct zws_response *r)
{
	const uint8_t *colon = memchr(p, ':', n), *v;
	size_t nl, vl;

	if (colon == NULL || colon == p)
		return -1;
	nl = (size_t)(colon - p);
	v = colon + 1;
	vl = n - nl - 1;
	while (vl > 0 && (*v == ' ' || *v == '\t'))
		v++, vl--;
	while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
		vl--;
	if (zws_eq(p, nl, "Upgrade"))
		r->upgrade = zws_has_token(v, vl, "websocket");
	else if (zws_eq(p, nl, "Connection"))
		r->connection = zws_has_token(v, vl, "Upgrade");
	else if (zws_eq(p, nl, "Sec-WebSocket-Accept"))
		r->accept = vl > 0;
	else if (zws_eq(p, nl, "Sec-WebSocket-Protocol") && r->protocol ==
	    NULL) {
		r->protocol = v;
		r->protocollen = vl;
	}
	return 0;
}

/* The status line "HTTP/1.x NNN ..." into r; -1 when it is not one. */
static int
zws_status_line(const uint8_t *p, size_t n, struct zws_response *r)
{
	if (n < 12 || memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' ||
	    p[7] > '9' || p[8] != ' ' || p[9] < '1' || p[9] > '5' ||
	    p[10] < '0' || p[10] > '9' || p[11] < '0' || p[11] > '9' ||
	    (n > 12 && p[12] != ' '))
		return -1;
	r->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	return 0;
}

/*
 * What the first n bytes of an answer to our upgrade say: more needed,
 * a whole HTTP response head (ZMTP_OK: r says what it holds, r->len how
 * long it is), or not HTTP (ZMTP_NOT). Lines end in CRLF.
 */
enum zmtp_status
zws_response(const uint8_t *p, size_t n, struct zws_response *r)
{
	static const char http[] = "HTTP/1.";
	const uint8_t *eol;
	size_t off = 0, len;

	memset(r, 0, sizeof(*r));
	if (memcmp(p, http, n < 7 ? n : 7) != 0)
		return ZMTP_NOT;
	for (;;) {
		eol = off < n ? memchr(p + off, '\n', n - off) : NULL;
		if (eol == NULL)
			return n - off > ZWS_LINE_MAX ? ZMTP_NOT : ZMTP_MORE;
		len = (size_t)(eol - (p + off));
		if (len == 0 || p[off + len - 1] != '\r')
			return ZMTP_NOT;	/* a bare LF */
		len--;
		if (off == 0 && zws_status_line(p, len, r) == -1)
			return ZMTP_NOT;
		if (off > 0 && len == 0) {
			r->len = off + 2;
			return ZMTP_OK;
		}
		if (off > 0 && zws_header(p + off, len, r) == -1)
			return ZMTP_NOT;
		off += len + 2;
	}
}

/*
 * A subprotocol the server chose, "ZWSM.N" or "ZWSM.N/MECHANISM": its
 * version, and its mechanism into mech ("" for none); -1 when it is not
 * one or the mechanism does not fit.
 */
int
zws_subprotocol(const uint8_t *p, size_t n, int *major, int *minor,
    char *mech, size_t mechlen)
{
	size_t i;

	if (n < 6 || memcmp(p, "ZWS", 3) != 0 || p[3] < '0' || p[3] > '9' ||
	    p[4] != '.' || p[5] < '0' || p[5] > '9')
		return -1;
	*major = p[3] - '0';
	*minor = p[5] - '0';
	mech[0] = '\0';
	if (n == 6)
		return 0;
	if (p[6] != '/' || n - 7 == 0 || n - 7 >= mechlen)
		return -1;
	for (i = 7; i < n; i++)
		if (p[i] < 0x21 || p[i] > 0x7e)
			return -1;
	memcpy(mech, p + 7, n - 7);
	mech[n - 7] = '\0';
	return 0;
}

/*
 * One WebSocket frame at p into f; returns the bytes it takes, 0 when
 * more are needed, -1 when it cannot be one (reserved bits, a size with
 * its top bit, a control frame that is long or cut in pieces).
 */
long
zws_frame(const uint8_t *p, size_t n, struct zws_frame *f)
{
	uint64_t size;
	size_t head = 2, i;

	memset(f, 0, sizeof(*f));
	if (n < 2)
		return 0;
	f->fin = p[0] >> 7;
	f->opcode = p[0] & 0x0f;
	f->masked = p[1] >> 7;
	size = p[1] & 0x7f;
	if ((p[0] & 0x70) || ((f->opcode & 0x8) && (!f->fin || size > 125)))
		return -1;
	if (size == 126)
		head = 4;
	else if (size == 127)
		head = 10;
	if (n < head + (f->masked ? 4 : 0))
		return 0;
	if (head > 2)
		for (size = 0, i = 2; i < head; i++)
			size = size << 8 | p[i];
	if (size >> 62)
		return -1;
	if (f->masked) {
		memcpy(f->mask, p + head, 4);
		head += 4;
	}
	if (n - head < size)
		return 0;
	f->payload = p + head;
	f->len = (size_t)size;
	return (long)(head + size);
}

/* XOR n bytes with the 4-byte mask, from its first byte (both ways). */
void
zws_mask(uint8_t *p, size_t n, const uint8_t *mask)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] ^= mask[i & 3];
}

/* Append a final frame of opcode with payload; masked with mask (4
 * bytes, as a client must) unless mask is NULL. */
void
zws_put_frame(struct outbuf *ob, int opcode, const uint8_t *payload,
    size_t len, const uint8_t *mask)
{
	uint8_t head[14];
	size_t n = 2, at, i;

	head[0] = (uint8_t)(0x80 | (opcode & 0x0f));
	head[1] = mask != NULL ? 0x80 : 0;
	if (len <= 125)
		head[1] |= (uint8_t)len;
	else if (len <= 0xffff) {
		head[1] |= 126;
		head[2] = (uint8_t)(len >> 8);
		head[3] = (uint8_t)len;
		n = 4;
	} else {
		head[1] |= 127;
		for (i = 0; i < 8; i++)
			head[2 + i] = (uint8_t)((uint64_t)len >> (56 - 8 * i));
		n = 10;
	}
	if (mask != NULL) {
		memcpy(head + n, mask, 4);
		n += 4;
	}
	outbuf_put(ob, head, n);
	at = ob->len;
	outbuf_put(ob, payload, len);
	if (mask != NULL && ob->len == at + len)
		zws_mask((uint8_t *)ob->buf + at, len, mask);
}
