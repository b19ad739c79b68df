/*
 * --check-seq [FRAME:]KIND: the application's own sequence number, in
 * frame FRAME (1 for the first; "last", the default, for the last), as
 * KIND: text (decimal digits, the whole frame), u32le, u32be, u64le or
 * u64be (the frame's first 4 or 8 bytes: Bitcoin Core's ZMQ notifications
 * carry a u32le in their third frame), or json=.PATH (an integer at PATH
 * in a JSON frame). Parsed and read without zmq, for the tests and the
 * fuzzer.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "seqspec.h"
#include "str.h"

#define SEQSPEC_FRAMES	64	/* the highest frame number taken */

/* The kinds by name; json= is apart. */
static const struct {
	const char		*name;
	enum seqspec_kind	 kind;
} seqspec_kinds[] = {
	{ "text", SEQSPEC_TEXT },
	{ "u32le", SEQSPEC_U32LE },
	{ "u32be", SEQSPEC_U32BE },
	{ "u64le", SEQSPEC_U64LE },
	{ "u64be", SEQSPEC_U64BE },
};

/* Say what is wrong with text, and what is wanted; -1. */
static int
seqspec_error(const char *text, const char *why, char *err, size_t errlen)
{
	char q[STR_CUT_BUF];

	snprintf(err, errlen, "bad sequence spec '%s': %s (want [FRAME:]"
	    "text, u32le, u32be, u64le, u64be or json=.PATH)",
	    str_cut(text, strlen(text), q), why);
	return -1;
}

/* The KIND part of a spec. */
static int
seqspec_kind(struct seqspec *s, const char *kind, const char *text,
    char *err, size_t errlen)
{
	size_t i;

	if (strncmp(kind, "json=", 5) == 0) {
		if (kind[5] != '.')
			return seqspec_error(text, "a JSON path starts with a "
			    "dot", err, errlen);
		s->kind = SEQSPEC_JSON;
		jpath_parse(&s->path, kind + 5, strlen(kind + 5));
		return 0;
	}
	for (i = 0; i < sizeof(seqspec_kinds) / sizeof(seqspec_kinds[0]); i++)
		if (strcmp(kind, seqspec_kinds[i].name) == 0) {
			s->kind = seqspec_kinds[i].kind;
			return 0;
		}
	return seqspec_error(text, "unknown kind", err, errlen);
}

/* The n bytes of a FRAME part: 1 to 64, or last (0); -1 if neither. */
static int
seqspec_frame(const char *p, size_t n, int *frame)
{
	char num[8];
	long long v;

	if (n == 4 && strncmp(p, "last", 4) == 0) {
		*frame = 0;
		return 0;
	}
	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, p, n);
	num[n] = '\0';
	if (parse_llong(num, 1, SEQSPEC_FRAMES, &v) == -1)
		return -1;
	*frame = (int)v;
	return 0;
}

/* Parse [FRAME:]KIND into s; -1 with a message naming text. */
int
seqspec_parse(struct seqspec *s, const char *text, char *err, size_t errlen)
{
	const char *colon = strchr(text, ':'), *kind = text;

	memset(s, 0, sizeof(*s));
	if (colon != NULL && strncmp(text, "json=", 5) != 0) {
		if (seqspec_frame(text, (size_t)(colon - text), &s->frame) == -1)
			return seqspec_error(text, "a frame is 1 to 64, or last",
			    err, errlen);
		kind = colon + 1;
	}
	return seqspec_kind(s, kind, text, err, errlen);
}

/* A little- (le) or big-endian number in the first w bytes of p. */
static uint64_t
seqspec_int(const unsigned char *p, size_t w, int le)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < w; i++)
		v = v << 8 | p[le ? w - 1 - i : i];
	return v;
}

/* Decimal digits, the whole of p; -1 if not, or past 2^64 - 1. */
static int
seqspec_text(const char *p, size_t len, uint64_t *seq)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9' ||
		    v > (UINT64_MAX - (uint64_t)(p[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	*seq = v;
	return 0;
}

/* An integer at the path in JSON p; -1 if none, or negative. */
static int
seqspec_json(const struct seqspec *s, const char *p, size_t len,
    uint64_t *seq)
{
	json_t *root, *node;
	int rc = -1;

	if ((root = json_loadb(p, len, JSON_DECODE_ANY, NULL)) == NULL)
		return -1;
	node = jpath_get(&s->path, root);
	if (node != NULL && json_is_integer(node) &&
	    json_integer_value(node) >= 0) {
		*seq = (uint64_t)json_integer_value(node);
		rc = 0;
	}
	json_decref(root);
	return rc;
}

/* The sequence number of a message of n frames; -1 when it has none
 * where the spec says. */
int
seqspec_read(const struct seqspec *s, const struct iovec *frames, size_t n,
    uint64_t *seq)
{
	const struct iovec *f;
	size_t w;

	if (n == 0 || (s->frame > 0 && (size_t)s->frame > n))
		return -1;
	f = &frames[s->frame > 0 ? (size_t)s->frame - 1 : n - 1];
	switch (s->kind) {
	case SEQSPEC_TEXT:
		return seqspec_text(f->iov_base, f->iov_len, seq);
	case SEQSPEC_JSON:
		return seqspec_json(s, f->iov_base, f->iov_len, seq);
	default:
		w = s->kind == SEQSPEC_U32LE || s->kind == SEQSPEC_U32BE ? 4 : 8;
		if (f->iov_len < w)
			return -1;
		*seq = seqspec_int(f->iov_base, w, s->kind == SEQSPEC_U32LE ||
		    s->kind == SEQSPEC_U64LE);
		return 0;
	}
}

/* Free the JSON path, if any. */
void
seqspec_free(struct seqspec *s)
{
	jpath_free(&s->path);
}
