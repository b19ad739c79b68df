/* The -f output format: compiled once into tokens, rendered per message. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "util.h"

/* The one-letter tokens; %1..%9 are handled apart. */
static const struct {
	char		letter;
	enum fmt_kind	kind;
} tokens[] = {
	{ 's', FMT_BODY },
	{ 'n', FMT_NAME },
	{ 'T', FMT_TYPE },
	{ 'F', FMT_NFRAMES },
	{ 'S', FMT_SIZE },
	{ 'N', FMT_SEQ },
	{ 't', FMT_TIME },
	{ 'x', FMT_HEX },
};

/* Append a token to the compiled format; -1 when memory runs out. */
static int
format_push(struct format *fmt, enum fmt_kind kind, size_t off, size_t len,
    int frame)
{
	struct fmt_tok *toks;

	toks = realloc(fmt->toks, (fmt->ntoks + 1) * sizeof(*toks));
	if (toks == NULL)
		return -1;
	fmt->toks = toks;
	toks[fmt->ntoks].kind = kind;
	toks[fmt->ntoks].off = off;
	toks[fmt->ntoks].len = len;
	toks[fmt->ntoks].frame = frame;
	fmt->ntoks++;
	return 0;
}

/* Add one literal byte, merging it into the previous literal token. */
static int
format_push_byte(struct format *fmt, char c)
{
	struct fmt_tok *last;

	fmt->lit[fmt->litlen] = c;
	last = fmt->ntoks ? &fmt->toks[fmt->ntoks - 1] : NULL;
	if (last != NULL && last->kind == FMT_LITERAL &&
	    last->off + last->len == fmt->litlen) {
		last->len++;
		fmt->litlen++;
		return 0;
	}
	return format_push(fmt, FMT_LITERAL, fmt->litlen++, 1, 0);
}

/* Decode the % directive at p; returns characters used or -1. */
static int
format_directive(struct format *fmt, const char *p)
{
	size_t i;

	if (p[1] == '%')
		return format_push_byte(fmt, '%') == -1 ? -1 : 2;
	if (p[1] >= '1' && p[1] <= '9')
		return format_push(fmt, FMT_FRAME, 0, 0, p[1] - '1') == -1 ?
		    -1 : 2;
	for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (p[1] == tokens[i].letter)
			return format_push(fmt, tokens[i].kind, 0, 0, 0) == -1 ?
			    -1 : 2;
	return -1;
}

/* Compile a -f string; NULL with a message naming the bad token. */
struct format *
format_compile(const char *src, char *err, size_t errlen)
{
	struct format *fmt;
	const char *p;
	char c;
	int used;

	if ((fmt = calloc(1, sizeof(*fmt))) == NULL ||
	    (fmt->lit = malloc(strlen(src) + 1)) == NULL) {
		free(fmt);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (p = src; *p != '\0'; p += used) {
		if (*p == '%') {
			used = format_directive(fmt, p);
			if (used == -1) {
				snprintf(err, errlen, "bad format token '%%%.1s' "
				    "in '%s'", p + 1, src);
				goto fail;
			}
		} else if (*p == '\\') {
			if ((used = escape_one(p, &c)) == -1) {
				snprintf(err, errlen, "bad escape '%.4s' in "
				    "'%s'", p, src);
				goto fail;
			}
			if (format_push_byte(fmt, c) == -1)
				goto nomem;
		} else {
			used = 1;
			if (format_push_byte(fmt, *p) == -1)
				goto nomem;
		}
	}
	return fmt;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	format_destroy(&fmt);
	return NULL;
}

/* Write a number in decimal. */
static int
format_put_u64(struct outbuf *ob, uint64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%" PRIu64, v);

	return outbuf_put(ob, buf, (size_t)n);
}

/* Write bytes as lower-case hex, in chunks to keep the stack small. */
static int
format_put_hex(struct outbuf *ob, const unsigned char *p, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char buf[256];
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		buf[n++] = digits[p[i] >> 4];
		buf[n++] = digits[p[i] & 15];
		if (n == sizeof(buf)) {
			if (outbuf_put(ob, buf, n) == -1)
				return -1;
			n = 0;
		}
	}
	return outbuf_put(ob, buf, n);
}

/* Write the body (frames joined by the delimiter), raw or as hex. */
static int
format_put_body(const struct fmt_msg *msg, struct outbuf *ob, int hex)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < msg->nframes && rc == 0; i++) {
		if (i > 0)
			rc = hex ? format_put_hex(ob, (const unsigned char *)
			    msg->fdelim, msg->fdelim_len) :
			    outbuf_put(ob, msg->fdelim, msg->fdelim_len);
		if (rc == 0)
			rc = hex ? format_put_hex(ob,
			    msg->frames[i].iov_base, msg->frames[i].iov_len) :
			    outbuf_put(ob, msg->frames[i].iov_base,
			    msg->frames[i].iov_len);
	}
	return rc;
}

/* Render one token of the compiled format. */
static int
format_render_tok(const struct format *fmt, const struct fmt_tok *t,
    const struct fmt_msg *msg, struct outbuf *ob)
{
	switch (t->kind) {
	case FMT_LITERAL:
		return outbuf_put(ob, fmt->lit + t->off, t->len);
	case FMT_BODY:
		return format_put_body(msg, ob, 0);
	case FMT_HEX:
		return format_put_body(msg, ob, 1);
	case FMT_FRAME:
		if ((size_t)t->frame >= msg->nframes)
			return 0;
		return outbuf_put(ob, msg->frames[t->frame].iov_base,
		    msg->frames[t->frame].iov_len);
	case FMT_NAME:
		return outbuf_put(ob, msg->sockname, strlen(msg->sockname));
	case FMT_TYPE:
		return outbuf_put(ob, msg->socktype, strlen(msg->socktype));
	case FMT_NFRAMES:
		return format_put_u64(ob, msg->nframes);
	case FMT_SIZE:
		return format_put_u64(ob, iov_size(msg->frames, msg->nframes));
	case FMT_SEQ:
		return format_put_u64(ob, msg->seq);
	case FMT_TIME:
		return format_put_u64(ob, (uint64_t)msg->time_ms);
	}
	return 0;
}

/* Render a message through the compiled format into ob. */
int
format_render(const struct format *fmt, const struct fmt_msg *msg,
    struct outbuf *ob)
{
	size_t i;

	for (i = 0; i < fmt->ntoks; i++)
		if (format_render_tok(fmt, &fmt->toks[i], msg, ob) == -1)
			return -1;
	return 0;
}

/* Nonzero when the format has a token of this kind (%t reads a clock). */
int
format_uses(const struct format *fmt, enum fmt_kind kind)
{
	size_t i;

	for (i = 0; i < fmt->ntoks; i++)
		if (fmt->toks[i].kind == kind)
			return 1;
	return 0;
}

/* Free a compiled format; accepts NULL and *NULL. */
void
format_destroy(struct format **fmtp)
{
	if (fmtp == NULL || *fmtp == NULL)
		return;
	free((*fmtp)->lit);
	free((*fmtp)->toks);
	free(*fmtp);
	*fmtp = NULL;
}
