/* The -f output format: compiled once into tokens, rendered per message. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "clock.h"
#include "codec.h"
#include "envelope.h"
#include "escape.h"
#include "format.h"
#include "str.h"
#include "xmalloc.h"

/* The least bound on one %{...}t's output; see format_put_strftime. */
#define FORMAT_STRFTIME_MIN	(64 * 1024)

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
	{ 'b', FMT_BASE64 },
	{ 'z', FMT_Z85 },
	{ 'j', FMT_JSON },
	{ 'r', FMT_RANDOM },
	{ 'm', FMT_META },
};

/* Append a token to the compiled format. */
static void
format_push(struct format *fmt, enum fmt_kind kind, size_t off, size_t len,
    int frame)
{
	struct fmt_tok *toks;

	toks = xrealloc(fmt->toks, (fmt->ntoks + 1) * sizeof(*toks));
	fmt->toks = toks;
	memset(&toks[fmt->ntoks], 0, sizeof(*toks));
	toks[fmt->ntoks].kind = kind;
	toks[fmt->ntoks].off = off;
	toks[fmt->ntoks].len = len;
	toks[fmt->ntoks].frame = frame;
	toks[fmt->ntoks].prec = -1;
	fmt->ntoks++;
}

/* Add one literal byte, merging it into the previous literal token. */
static void
format_push_byte(struct format *fmt, char c)
{
	struct fmt_tok *last;

	fmt->lit[fmt->litlen] = c;
	last = fmt->ntoks ? &fmt->toks[fmt->ntoks - 1] : NULL;
	if (last != NULL && last->kind == FMT_LITERAL &&
	    last->off + last->len == fmt->litlen) {
		last->len++;
		fmt->litlen++;
		return;
	}
	format_push(fmt, FMT_LITERAL, fmt->litlen++, 1, 0);
}

/* The index of a token letter in the table, or -1. */
static int
format_letter(char c)
{
	size_t i;

	for (i = 0; c != '\0' && i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (tokens[i].letter == c)
			return (int)i;
	return -1;
}

/* Read digits for a width or precision; -1 past a sane bound. */
static int
format_number(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		n = n * 10 + (*(*p)++ - '0');
		if (n > 65535)
			return -1;
	}
	return n;
}

/* Copy what is between %{ and } (a strftime format, a property name)
 * into the literal pool, NUL-terminated; -1 if unclosed or empty. */
static int
format_braced(struct format *fmt, const char **p, size_t *off, size_t *len)
{
	const char *end = strchr(*p, '}');

	if (end == NULL || end == *p)	/* unclosed, or %{}t: nothing to show */
		return -1;
	*off = fmt->litlen + 1;		/* after the NUL ending the literals */
	*len = (size_t)(end - *p);
	fmt->lit[fmt->litlen] = '\0';
	memcpy(fmt->lit + *off, *p, *len);
	fmt->lit[*off + *len] = '\0';
	fmt->litlen = *off + *len + 1;
	*p = end + 1;
	return 0;
}

/*
 * Decode the % directive at p: {STRFTIME} or {NAME}, then [-][WIDTH]
 * [.PREC], then the token letter: t after {STRFTIME}, m only after
 * {NAME}. Returns the characters used, or -1.
 */
static int
format_directive(struct format *fmt, const char *p)
{
	const char *q = p + 1;
	const char *digits;
	struct fmt_tok *t;
	size_t i, off = 0, len = 0;
	int left = 0, width = 0, prec = -1, braced = 0;

	if (*q == '%') {
		format_push_byte(fmt, '%');
		return 2;
	}
	if (*q == '{') {
		q++;
		if (format_braced(fmt, &q, &off, &len) == -1)
			return -1;
		braced = 1;
	}
	if (*q == '-') {
		left = 1;
		q++;
	}
	digits = q;
	if ((width = format_number(&q)) < 0)
		return -1;
	if (*q == '.') {
		q++;
		if ((prec = format_number(&q)) < 0)
			return -1;
	}
	/* %1..%9 is a frame; digits before a token letter are a width */
	if (!braced && !left && prec < 0 && q == digits + 1 && *digits != '0' &&
	    format_letter(*q) < 0) {
		format_push(fmt, FMT_FRAME, 0, 0, *digits - '1');
		return (int)(q - p);
	}
	if ((i = (size_t)format_letter(*q)) == (size_t)-1 ||
	    (braced ? *q != 't' && *q != 'm' : *q == 'm'))
		return -1;
	format_push(fmt, tokens[i].kind, off, len, 0);
	t = &fmt->toks[fmt->ntoks - 1];
	t->width = width;
	t->left = left;
	t->prec = prec;
	return (int)(q - p) + 1;
}

/* How much of a bad directive to quote: through its letter, if any. */
static int
format_bad_len(const char *p)
{
	size_t n = 1;		/* the '%' */

	if (p[n] == '{') {
		n += strcspn(p + n, "}");
		if (p[n] == '}')
			n++;
	}
	n += strspn(p + n, "-0123456789.");
	if (p[n] != '\0')
		n++;
	return (int)n;
}

/* Compile a -f string; NULL with a message naming the bad token. */
struct format *
format_compile(const char *src, char *err, size_t errlen)
{
	struct format *fmt;
	const char *p;
	char c;
	int used;

	fmt = xmalloc(sizeof(*fmt));
	memset(fmt, 0, sizeof(*fmt));
	fmt->lit = xmalloc(2 * strlen(src) + 2);
	for (p = src; *p != '\0'; p += used) {
		if (*p == '%') {
			used = format_directive(fmt, p);
			if (used == -1) {
				snprintf(err, errlen, "bad format token '%.*s' "
				    "in '%s'", format_bad_len(p), p, src);
				goto fail;
			}
		} else if (*p == '\\') {
			if ((used = escape_one(p, &c)) == -1) {
				snprintf(err, errlen, "bad escape '%.4s' in "
				    "'%s'", p, src);
				goto fail;
			}
			format_push_byte(fmt, c);
		} else {
			used = 1;
			format_push_byte(fmt, *p);
		}
	}
	outbuf_init(&fmt->pad, -1, 256);
	outbuf_init(&fmt->body, -1, 256);
	envelope_memo_init(&fmt->memo);
	fmt->plain = fmt->ntoks == 1 && fmt->toks[0].kind == FMT_BODY &&
	    fmt->toks[0].width == 0 && fmt->toks[0].prec < 0;
	return fmt;
fail:
	format_destroy(&fmt);
	return NULL;
}

/* Write a number in decimal. */
static int
format_put_u64(struct outbuf *ob, uint64_t v)
{
	char buf[24];

	return outbuf_put(ob, buf, str_u64(buf, v));
}

/* The next 64 random bits of fmt's generator (xorshift64*: test traffic
 * needs bytes that differ, not secrets), seeded once from the kernel. */
static uint64_t
format_random(struct format *fmt)
{
	uint64_t x = fmt->rng;

	if (x == 0 && (getrandom(&x, sizeof(x), GRND_NONBLOCK) !=
	    (ssize_t)sizeof(x) || x == 0))
		x = (uint64_t)clock_wall_ms() * 0x9e3779b97f4a7c15ULL | 1;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	fmt->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* %r: n random hex digits (16 unless a precision says). */
static int
format_put_random(const struct format *fmt, struct outbuf *ob, int prec)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = prec >= 0 ? (size_t)prec : 16, i;
	uint64_t bits = 0;
	char *o;

	if ((o = outbuf_reserve(ob, n)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (i % 16 == 0)
			bits = format_random((struct format *)fmt);
		o[i] = hex[bits & 15];
		bits >>= 4;
	}
	ob->len += n;
	return 0;
}

/* Encode bytes the way a token asks: raw, hex, base64 or Z85. */
static int
format_put_enc(struct outbuf *ob, enum fmt_kind enc, const void *p,
    size_t len)
{
	switch (enc) {
	case FMT_HEX:
		return codec_hex_encode(ob, p, len);
	case FMT_BASE64:
		return codec_base64_encode(ob, p, len);
	default:
		return outbuf_put(ob, p, len);
	}
}

/* Z85 needs a multiple of 4 bytes; other lengths print nothing. */
static int
format_put_z85(struct outbuf *ob, const void *p, size_t len)
{
	return len % 4 == 0 ? codec_z85_encode(ob, p, len) : 0;
}

/*
 * Write the body, frames joined by the delimiter, raw or encoded. Base64
 * and Z85 encode the joined body as one, so a buffer collects it first.
 */
static int
format_put_body(const struct format *fmt, const struct msg *msg,
    struct outbuf *ob, enum fmt_kind enc)
{
	struct outbuf *body = (struct outbuf *)&fmt->body;
	size_t i;
	int rc = 0;

	if (enc == FMT_BASE64 || enc == FMT_Z85) {
		if (msg->nframes == 1)
			return enc == FMT_Z85 ? format_put_z85(ob,
			    msg->frames[0].iov_base, msg->frames[0].iov_len) :
			    codec_base64_encode(ob, msg->frames[0].iov_base,
			    msg->frames[0].iov_len);
		body->len = 0;
		format_put_body(fmt, msg, body, FMT_BODY);
		return enc == FMT_Z85 ? format_put_z85(ob, body->buf,
		    body->len) : codec_base64_encode(ob, body->buf, body->len);
	}
	for (i = 0; i < msg->nframes && rc == 0; i++) {
		if (i > 0)
			rc = format_put_enc(ob, enc, msg->fdelim,
			    msg->fdelim_len);
		if (rc == 0)
			rc = format_put_enc(ob, enc, msg->frames[i].iov_base,
			    msg->frames[i].iov_len);
	}
	return rc;
}

/*
 * The strftime format for one message: spec with %f replaced by the
 * milliseconds, and a space appended, so that strftime never has an empty
 * result to give: 0 then always means "did not fit".
 */
static char *
format_strftime_spec(const char *spec, int64_t ms)
{
	char *out, msbuf[8];
	const char *p;
	size_t n = 0;

	snprintf(msbuf, sizeof(msbuf), "%03d", (int)(ms % 1000));
	/* "%f" (2 bytes) becomes 3: half as much again is room enough */
	out = xmalloc(strlen(spec) / 2 * 3 + 3);
	for (p = spec; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'f') {
			memcpy(out + n, msbuf, 3);
			n += 3;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			out[n++] = *p++;
			out[n++] = *p;
		} else
			out[n++] = *p;
	}
	out[n++] = ' ';
	out[n] = '\0';
	return out;
}

/*
 * The receive time through strftime; %f in it is the milliseconds. The
 * result has no fixed limit: the buffer doubles until it fits, up to a
 * bound far beyond what any conversion prints for its two characters.
 */
static int
format_put_strftime(struct outbuf *ob, const char *spec, int64_t ms)
{
	time_t secs = (time_t)(ms / 1000);
	char *fmtbuf, *out = NULL;
	struct tm tm;
	size_t cap = 256, max, k = 0;
	int rc = -1;

	fmtbuf = format_strftime_spec(spec, ms);
	max = strlen(fmtbuf) * 256 > FORMAT_STRFTIME_MIN ?
	    strlen(fmtbuf) * 256 : FORMAT_STRFTIME_MIN;
	localtime_r(&secs, &tm);
	for (; k == 0 && cap <= max; cap *= 2) {
		out = xrealloc(out, cap);
		/* the user's format, checked only by strftime itself */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		k = strftime(out, cap, fmtbuf, &tm);
#pragma GCC diagnostic pop
	}
	if (k > 0)	/* without the space appended */
		rc = outbuf_put(ob, out, k - 1);
	free(out);
	free(fmtbuf);
	return rc;
}

/* A property of the message's peer, as libzmq gave it; nothing when
 * it has none, or its source knows none (stdin). */
static int
format_put_meta(const struct msg *msg, const char *name, struct outbuf *ob)
{
	const char *v = msg->meta != NULL ? msg->meta(msg, name) : NULL;

	return v != NULL ? outbuf_put(ob, v, strlen(v)) : 0;
}

/* Render one token of the compiled format, without width or precision. */
static int
format_render_tok(const struct format *fmt, const struct fmt_tok *t,
    const struct msg *msg, struct outbuf *ob)
{
	switch (t->kind) {
	case FMT_LITERAL:
		return outbuf_put(ob, fmt->lit + t->off, t->len);
	case FMT_BODY:
	case FMT_HEX:
	case FMT_BASE64:
	case FMT_Z85:
		return format_put_body(fmt, msg, ob, t->kind);
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
		return format_put_u64(ob, msg_size(msg));
	case FMT_SEQ:
		return format_put_u64(ob, msg->seq);
	case FMT_TIME:
		if (t->len > 0)
			return format_put_strftime(ob, fmt->lit + t->off,
			    msg->time_ms);
		return format_put_u64(ob, (uint64_t)msg->time_ms);
	case FMT_JSON:
		return envelope_render((struct envelope_memo *)&fmt->memo,
		    msg, ob);
	case FMT_RANDOM:
		return format_put_random(fmt, ob, t->prec);
	case FMT_META:
		return format_put_meta(msg, fmt->lit + t->off, ob);
	}
	return 0;
}

/*
 * Render a token with a width or precision: into the pad buffer first,
 * then cut to the precision and padded with spaces to the width.
 */
static int
format_render_padded(const struct format *fmt, const struct fmt_tok *t,
    const struct msg *msg, struct outbuf *ob)
{
	struct outbuf *pad = (struct outbuf *)&fmt->pad;
	size_t len, fill, start;
	static const char spaces[16] = "                ";

	start = pad->len;
	if (format_render_tok(fmt, t, msg, pad) == -1)
		return -1;
	len = pad->len - start;
	if (t->prec >= 0 && len > (size_t)t->prec)
		len = (size_t)t->prec;
	fill = (size_t)t->width > len ? (size_t)t->width - len : 0;
	for (; !t->left && fill > 0; fill -= fill < 16 ? fill : 16)
		if (outbuf_put(ob, spaces, fill < 16 ? fill : 16) == -1)
			return -1;
	if (outbuf_put(ob, pad->buf + start, len) == -1)
		return -1;
	pad->len = start;
	for (; fill > 0; fill -= fill < 16 ? fill : 16)
		if (outbuf_put(ob, spaces, fill < 16 ? fill : 16) == -1)
			return -1;
	return 0;
}

/* Render a message through the compiled format into ob. */
int
format_render(const struct format *fmt, const struct msg *msg,
    struct outbuf *ob)
{
	const struct fmt_tok *t;
	size_t i;

	if (fmt->plain && msg->nframes == 1)	/* the default, made short */
		return outbuf_put(ob, msg->frames[0].iov_base,
		    msg->frames[0].iov_len);
	for (i = 0; i < fmt->ntoks; i++) {
		t = &fmt->toks[i];
		if ((t->width > 0 || t->prec >= 0 ?
		    format_render_padded(fmt, t, msg, ob) :
		    format_render_tok(fmt, t, msg, ob)) == -1)
			return -1;
	}
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

/*
 * A message template (-m) is a format of what a sender knows: literal
 * bytes, %N, %t and %{...}t, %r. The rest speak of a received message:
 * -1 naming the first such token of src.
 */
int
format_template_check(const struct format *fmt, const char *src, char *err,
    size_t errlen)
{
	const struct fmt_tok *t;
	char name[4] = "%?", q[STR_CUT_BUF];
	size_t i, k;

	for (i = 0; i < fmt->ntoks; i++) {
		t = &fmt->toks[i];
		if (t->kind == FMT_LITERAL || t->kind == FMT_SEQ ||
		    t->kind == FMT_TIME || t->kind == FMT_RANDOM)
			continue;
		name[1] = t->kind == FMT_FRAME ? (char)('1' + t->frame) : '?';
		for (k = 0; k < sizeof(tokens) / sizeof(tokens[0]); k++)
			if (tokens[k].kind == t->kind)
				name[1] = tokens[k].letter;
		snprintf(err, errlen, "'%s' in '%s' is for printing: a message "
		    "takes %%N, %%t, %%{STRFTIME}t, %%r and %%%%", name,
		    str_cut(src, strlen(src), q));
		return -1;
	}
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
	outbuf_free(&(*fmtp)->pad);
	outbuf_free(&(*fmtp)->body);
	envelope_memo_free(&(*fmtp)->memo);
	free(*fmtp);
	*fmtp = NULL;
}
