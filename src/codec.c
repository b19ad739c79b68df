/* Byte encodings for frames: hex, base64, Z85, and a UTF-8 check. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

#include "codec.h"

static const char hex_digits[] = "0123456789abcdef";
static const char b64_chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char z85_chars[] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    ".-:+=^!/*?&<>()[]{}@%$#";

#define CODEC_CHUNK	256	/* bytes encoded on the stack at a time */
#define CODEC_Z85_CHUNK	1024	/* bytes per zmq_z85_decode call */
#define CODEC_Z85_TEXT	(CODEC_Z85_CHUNK / 4 * 5)	/* their characters */

/* Append lower-case hex, in chunks so nothing is allocated. */
int
codec_hex_encode(struct outbuf *ob, const void *data, size_t len)
{
	const unsigned char *p = data;
	char buf[CODEC_CHUNK];
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		buf[n++] = hex_digits[p[i] >> 4];
		buf[n++] = hex_digits[p[i] & 15];
		if (n == sizeof(buf)) {
			if (outbuf_put(ob, buf, n) == -1)
				return -1;
			n = 0;
		}
	}
	return outbuf_put(ob, buf, n);
}

/* Append standard base64 with padding (RFC 4648). */
int
codec_base64_encode(struct outbuf *ob, const void *data, size_t len)
{
	const unsigned char *p = data;
	char buf[CODEC_CHUNK];
	size_t i, n = 0;
	uint32_t v;

	for (i = 0; i < len; i += 3) {
		v = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		buf[n++] = b64_chars[v >> 18 & 63];
		buf[n++] = b64_chars[v >> 12 & 63];
		buf[n++] = i + 1 < len ? b64_chars[v >> 6 & 63] : '=';
		buf[n++] = i + 2 < len ? b64_chars[v & 63] : '=';
		if (n + 4 > sizeof(buf)) {
			if (outbuf_put(ob, buf, n) == -1)
				return -1;
			n = 0;
		}
	}
	return outbuf_put(ob, buf, n);
}

/*
 * Append Z85 (ZeroMQ RFC 32); the length must be a multiple of 4. Not
 * libzmq's zmq_z85_encode: it divides twice per character by a divisor
 * it computes, and took 55% more CPU printing 1 KiB messages with %z;
 * here the divisor is the constant 85, which compilers multiply by.
 */
int
codec_z85_encode(struct outbuf *ob, const void *data, size_t len)
{
	const unsigned char *p = data;
	char buf[CODEC_CHUNK];
	size_t i, n = 0;
	uint32_t v;
	int k;

	if (len % 4 != 0)
		return -1;
	for (i = 0; i < len; i += 4) {
		v = (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 |
		    (uint32_t)p[i + 2] << 8 | p[i + 3];
		for (k = 4; k >= 0; k--) {
			buf[n + (size_t)k] = z85_chars[v % 85];
			v /= 85;
		}
		n += 5;
		if (n + 5 > sizeof(buf)) {
			if (outbuf_put(ob, buf, n) == -1)
				return -1;
			n = 0;
		}
	}
	return outbuf_put(ob, buf, n);
}

/* Value of a hex digit, or -1. */
int
codec_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode hex (either case) into out; -1 with what was wrong. */
int
codec_hex_decode(const char *in, size_t len, struct outbuf *out, char *err,
    size_t errlen)
{
	size_t i;
	int hi, lo;
	char c;

	if (len % 2 != 0) {
		snprintf(err, errlen, "invalid hex: odd length %zu", len);
		return -1;
	}
	for (i = 0; i < len; i += 2) {
		if ((hi = codec_hexval(in[i])) < 0 ||
		    (lo = codec_hexval(in[i + 1])) < 0) {
			snprintf(err, errlen, "invalid hex: bad digit at offset "
			    "%zu", hi < 0 ? i : i + 1);
			return -1;
		}
		c = (char)(hi << 4 | lo);
		outbuf_put(out, &c, 1);
	}
	return 0;
}

/* Value of a base64 character, or -1. */
static int
codec_b64val(char c)
{
	const char *p = c ? strchr(b64_chars, c) : NULL;

	return p ? (int)(p - b64_chars) : -1;
}

/* Decode base64 with or without padding; -1 with what was wrong. */
int
codec_base64_decode(const char *in, size_t len, struct outbuf *out,
    char *err, size_t errlen)
{
	uint32_t v = 0;
	size_t i, bits = 0, pad = 0;
	int d;
	char c;

	for (i = 0; i < len; i++) {
		if (in[i] == '=') {
			pad++;
			continue;
		}
		if (pad > 0 || (d = codec_b64val(in[i])) < 0) {
			snprintf(err, errlen, "invalid base64: bad character at "
			    "offset %zu", i);
			return -1;
		}
		v = v << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (char)(v >> bits & 0xff);
			outbuf_put(out, &c, 1);
		}
	}
	if (bits >= 6 || pad > 2 || (pad > 0 && (len % 4) != 0)) {
		snprintf(err, errlen, "invalid base64: bad length %zu", len);
		return -1;
	}
	return 0;
}

/*
 * Decode n characters of Z85 (n a multiple of 5, at most a chunk's) by
 * libzmq's decoder into bytes; -1 when they are not Z85. libzmq checks
 * every character and each group's range, but reads a C string: a NUL
 * would end the text early, so one is refused here first.
 */
static int
codec_z85_chunk(const char *in, size_t n, uint8_t *bytes)
{
	char text[CODEC_Z85_TEXT + 1];

	if (n == 0)
		return 0;	/* libzmq refuses the empty text */
	if (memchr(in, '\0', n) != NULL)
		return -1;
	memcpy(text, in, n);
	text[n] = '\0';
	return zmq_z85_decode(bytes, text) == NULL ? -1 : 0;
}

/* Nonzero when c is a Z85 character. */
static int
codec_z85_char(char c)
{
	return c != '\0' && strchr(z85_chars, c) != NULL;
}

/*
 * Say what is wrong with Z85 that libzmq refused, from offset i on: the
 * first character that is not Z85, or the first group whose value is
 * beyond 32 bits, as "invalid z85: ... at offset N".
 */
static int
codec_z85_error(const char *in, size_t len, size_t i, char *err,
    size_t errlen)
{
	uint8_t b[4];
	size_t k;

	for (; i + 5 <= len; i += 5) {
		for (k = 0; k < 5; k++)
			if (!codec_z85_char(in[i + k])) {
				snprintf(err, errlen, "invalid z85: bad "
				    "character at offset %zu", i + k);
				return -1;
			}
		if (codec_z85_chunk(in + i, 5, b) == -1) {
			snprintf(err, errlen, "invalid z85: value out of "
			    "range at offset %zu", i);
			return -1;
		}
	}
	snprintf(err, errlen, "invalid z85");
	return -1;
}

/*
 * Decode Z85 a chunk at a time, appending the bytes to out unless it is
 * NULL; -1 with *at the offset of the chunk libzmq refused.
 */
static int
codec_z85_run(const char *in, size_t len, struct outbuf *out, size_t *at)
{
	uint8_t bytes[CODEC_Z85_CHUNK];
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = len - i < CODEC_Z85_TEXT ? len - i : CODEC_Z85_TEXT;
		if (codec_z85_chunk(in + i, n, bytes) == -1) {
			*at = i;
			return -1;
		}
		if (out != NULL)
			outbuf_put(out, bytes, n / 5 * 4);
	}
	return 0;
}

/* Nonzero when in is valid Z85 (a CURVE key is 40 such characters). */
int
codec_z85_valid(const char *in, size_t len)
{
	size_t at;

	return len % 5 == 0 && codec_z85_run(in, len, NULL, &at) == 0;
}

/* Decode Z85; the length must be a multiple of 5. */
int
codec_z85_decode(const char *in, size_t len, struct outbuf *out, char *err,
    size_t errlen)
{
	size_t at;

	if (len % 5 != 0) {
		snprintf(err, errlen, "invalid z85: length %zu is not a "
		    "multiple of 5", len);
		return -1;
	}
	if (codec_z85_run(in, len, out, &at) == -1)
		return codec_z85_error(in, len, at, err, errlen);
	return 0;
}

/* Nonzero when data is well-formed UTF-8 (no overlongs, no surrogates). */
int
codec_utf8_valid(const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;
	uint32_t cp;
	int n, k;

	while (p < end) {
		/* ASCII, the common case, eight bytes at a time */
		while (end - p >= 8) {
			uint64_t w;

			memcpy(&w, p, 8);
			if (w & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		if (p == end)
			break;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0)
			n = 1, cp = *p & 0x1f;
		else if ((*p & 0xf0) == 0xe0)
			n = 2, cp = *p & 0x0f;
		else if ((*p & 0xf8) == 0xf0)
			n = 3, cp = *p & 0x07;
		else
			return 0;
		if (end - p <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[k] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += n + 1;
	}
	return 1;
}
