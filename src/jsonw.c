/*
 * Compact JSON written straight into an outbuf, without jansson: the -J
 * envelope (per message), --monitor json events and the --stats report.
 * Strings are escaped as RFC 8259 requires and no more: bytes from 0x80
 * on are the caller's UTF-8 and pass through.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "codec.h"
#include "jsonw.h"
#include "str.h"

/* Input bytes escaped per reserve: 6 output bytes each at worst. */
#define JSONW_CHUNK	256

#define JSONW_ONES	0x0101010101010101ULL
#define JSONW_HIGH	0x8080808080808080ULL
/* Four spaces above a 2- or 3-byte string's bytes: they need no escape. */
#define JSONW_SPACES_HI	0x2020202000000000ULL

/*
 * What follows the backslash for a byte that JSON will not take as it is:
 * 'u' for \u00XX, else the letter of a short escape; 0 for a byte written
 * as it is.
 */
static const char jsonw_esc[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'u', 't', 'n', 'u', 'u', 'r', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	['"'] = '"', ['\\'] = '\\',
};

/* Ready a writer that appends to ob. */
void
jsonw_init(struct jsonw *w, struct outbuf *ob)
{
	memset(w, 0, sizeof(*w));
	w->ob = ob;
}

/* 0 when everything was written and every container closed, else -1. */
int
jsonw_done(const struct jsonw *w)
{
	return w->rc == 0 && w->depth == 0 && !w->key ? 0 : -1;
}

/* n bytes of room in ob: the common case without a call. */
static char *
jsonw_room(struct outbuf *ob, size_t n)
{
	if (ob->cap - ob->len >= n && !ob->closed && !ob->error)
		return ob->buf + ob->len;
	return outbuf_reserve(ob, n);
}

/* Nonzero when one of the eight bytes in v is zero. */
static uint64_t
jsonw_zero(uint64_t v)
{
	return (v - JSONW_ONES) & ~v & JSONW_HIGH;
}

/* Nonzero when one of the eight bytes in v needs an escape: below 0x20,
 * a quote or a backslash. Exact, so plain text goes eight at a time. */
static uint64_t
jsonw_special(uint64_t v)
{
	return ((v - JSONW_ONES * 0x20) & ~v & JSONW_HIGH) |
	    jsonw_zero(v ^ (JSONW_ONES * '"')) |
	    jsonw_zero(v ^ (JSONW_ONES * '\\'));
}

/* One byte, escaped if need be, at o; returns the end. */
static char *
jsonw_byte(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e = jsonw_esc[c];

	if (e == 0) {
		*o++ = (char)c;
		return o;
	}
	*o++ = '\\';
	*o++ = e;
	if (e == 'u') {
		*o++ = '0';
		*o++ = '0';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	}
	return o;
}

/*
 * Copy len bytes to o as they are, in a few loads and stores that may
 * overlap (short strings, keys and names, are the common case); nonzero
 * when one of them needs an escape after all, and then the copy is void.
 */
static uint64_t
jsonw_copy(char *o, const unsigned char *p, size_t len)
{
	uint64_t v, bad = 0;
	uint32_t a, b;
	uint16_t c, d;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			memcpy(&v, p + i, 8);
			bad |= jsonw_special(v);
			memcpy(o + i, &v, 8);
		}
		memcpy(&v, p + len - 8, 8);
		memcpy(o + len - 8, &v, 8);
		return bad | jsonw_special(v);
	}
	if (len >= 4) {
		memcpy(&a, p, 4);
		memcpy(&b, p + len - 4, 4);
		memcpy(o, &a, 4);
		memcpy(o + len - 4, &b, 4);
		return jsonw_special((uint64_t)b << 32 | a);
	}
	if (len >= 2) {
		memcpy(&c, p, 2);
		memcpy(&d, p + len - 2, 2);
		memcpy(o, &c, 2);
		memcpy(o + len - 2, &d, 2);
		return jsonw_special(JSONW_SPACES_HI | (uint64_t)d << 16 | c);
	}
	if (len == 1)
		o[0] = (char)p[0];
	return len == 1 ? (uint64_t)(unsigned char)jsonw_esc[p[0]] : 0;
}

/* Write len bytes at o, escaping each: the slow way, for the rare text
 * that needs it; kept apart so the common path stays small. */
static char * __attribute__((noinline))
jsonw_escape_each(char *o, const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		o = jsonw_byte(o, p[i]);
	return o;
}

/* Write len bytes at o, which has room for 6 each, escaping those that
 * need it; returns the end. Most text needs none: one fast copy. */
static char *
jsonw_escape(char *o, const unsigned char *p, size_t len)
{
	if (jsonw_copy(o, p, len) == 0)
		return o + len;
	return jsonw_escape_each(o, p, len);
}

/*
 * Append the escaped body of a long string in chunks, so it needs no room
 * for six times its size; 2 bytes more stay free after it, for the
 * closing quote and what follows it.
 */
static int __attribute__((noinline))
jsonw_body_long(struct outbuf *ob, const unsigned char *p, size_t len)
{
	char *o;
	size_t n;

	while (len > 0) {
		n = len < JSONW_CHUNK ? len : JSONW_CHUNK;
		if ((o = jsonw_room(ob, 6 * n + 2)) == NULL)
			return -1;
		ob->len = (size_t)(jsonw_escape(o, p, n) - ob->buf);
		p += n;
		len -= n;
	}
	return 0;
}

/* Write lead (unless 0), the string quoted and escaped, then tail (unless
 * 0). A short string, the common case, takes one reserve and no loop. */
static int
jsonw_quoted(struct outbuf *ob, char lead, const void *data, size_t len,
    char tail)
{
	size_t n = len <= JSONW_CHUNK ? len : 0;
	char *o, *start;

	if ((o = start = jsonw_room(ob, 6 * n + 4)) == NULL)
		return -1;
	*o = lead;
	o += lead != 0;
	*o++ = '"';
	if (n == len)
		o = jsonw_escape(o, data, len);
	else {
		ob->len += (size_t)(o - start);
		if (jsonw_body_long(ob, data, len) == -1)
			return -1;
		o = start = ob->buf + ob->len;
	}
	*o++ = '"';
	*o = tail;
	o += tail != 0;
	ob->len += (size_t)(o - start);
	return 0;
}

/* Append one or two bytes of punctuation (lead 0: none); a failure sticks. */
static void
jsonw_punct(struct jsonw *w, char lead, char c)
{
	char *o;

	if ((o = jsonw_room(w->ob, 2)) == NULL) {
		w->rc = -1;
		return;
	}
	if (lead != 0)
		*o++ = lead;
	*o++ = c;
	w->ob->len = (size_t)(o - w->ob->buf);
}

/* Before a value: the comma after the one before it, or 0 for none. */
static char
jsonw_lead(struct jsonw *w)
{
	uint32_t bit = (uint32_t)1 << w->depth;

	if (w->key) {
		w->key = 0;
		return 0;
	}
	if (w->more & bit)
		return ',';
	w->more |= bit;
	return 0;
}

/* Open an object or an array: c is '{' or '['. */
static void
jsonw_open(struct jsonw *w, char c)
{
	char lead;
	uint32_t bit;

	if (w->rc != 0)
		return;
	if (w->depth + 1 >= JSONW_DEPTH_MAX) {
		w->rc = -1;
		return;
	}
	lead = jsonw_lead(w);
	bit = (uint32_t)1 << ++w->depth;
	w->more &= ~bit;
	if (c == '[')
		w->array |= bit;
	else
		w->array &= ~bit;
	jsonw_punct(w, lead, c);
}

/* Start an object: members follow, as jsonw_key and a value each. */
void
jsonw_object(struct jsonw *w)
{
	jsonw_open(w, '{');
}

/* Start an array: values follow. */
void
jsonw_array(struct jsonw *w)
{
	jsonw_open(w, '[');
}

/* Close the innermost object or array. */
void
jsonw_end(struct jsonw *w)
{
	uint32_t bit = (uint32_t)1 << w->depth;

	if (w->rc != 0)
		return;
	if (w->depth == 0 || w->key) {
		w->rc = -1;
		return;
	}
	w->depth--;
	jsonw_punct(w, 0, w->array & bit ? ']' : '}');
}

/* A member's key, escaped like any string; its value comes next. */
void
jsonw_key_n(struct jsonw *w, const char *key, size_t len)
{
	uint32_t bit = (uint32_t)1 << w->depth;
	char lead = w->more & bit ? ',' : 0;

	if (w->rc != 0)
		return;
	if (w->key || !(w->depth > 0 && !(w->array & bit))) {
		w->rc = -1;	/* a key needs an object, and a value before */
		return;
	}
	w->more |= bit;
	w->key = 1;
	if (jsonw_quoted(w->ob, lead, key, len, ':') == -1)
		w->rc = -1;
}

/* A string value: len bytes, escaped; bytes from 0x80 on pass through. */
void
jsonw_string(struct jsonw *w, const void *data, size_t len)
{
	char lead;

	if (w->rc != 0)
		return;
	lead = jsonw_lead(w);
	if (jsonw_quoted(w->ob, lead, data, len, 0) == -1)
		w->rc = -1;
}

/* A string value from a C string. */
void
jsonw_str(struct jsonw *w, const char *s)
{
	jsonw_string(w, s, strlen(s));
}

/* A string value holding data in base64, for bytes that are not UTF-8. */
void
jsonw_base64(struct jsonw *w, const void *data, size_t len)
{
	if (w->rc != 0)
		return;
	jsonw_punct(w, jsonw_lead(w), '"');
	if (w->rc == 0 && codec_base64_encode(w->ob, data, len) == -1)
		w->rc = -1;
	if (w->rc == 0)
		jsonw_punct(w, 0, '"');
}

/* A number: neg puts a minus before the magnitude v. */
static void
jsonw_number(struct jsonw *w, int neg, uint64_t v)
{
	char *o, *start;

	if (w->rc != 0)
		return;
	if ((o = start = jsonw_room(w->ob, 22)) == NULL) {
		w->rc = -1;
		return;
	}
	if ((*o = jsonw_lead(w)) != 0)
		o++;
	if (neg)
		*o++ = '-';
	o += str_u64(o, v);
	w->ob->len += (size_t)(o - start);
}

/* An unsigned integer value, 0 to 2^64-1. */
void
jsonw_uint(struct jsonw *w, uint64_t v)
{
	jsonw_number(w, 0, v);
}

/* A signed integer value; INT64_MIN too, whose magnitude has no int64_t. */
void
jsonw_int(struct jsonw *w, int64_t v)
{
	jsonw_number(w, v < 0, v < 0 ? (uint64_t)-(v + 1) + 1 : (uint64_t)v);
}

/* true or false. */
void
jsonw_bool(struct jsonw *w, int v)
{
	char lead;

	if (w->rc != 0)
		return;
	if ((lead = jsonw_lead(w)) != 0)
		jsonw_punct(w, 0, lead);
	if (w->rc == 0 && outbuf_put(w->ob, v ? "true" : "false",
	    v ? 4 : 5) == -1)
		w->rc = -1;
}
