/* The -f output format: compiled once into tokens, rendered per message. */
#ifndef ZMQCAT_FORMAT_H
#define ZMQCAT_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "envelope.h"
#include "msg.h"
#include "outbuf.h"

enum fmt_kind {
	FMT_LITERAL,	/* bytes from the format itself */
	FMT_BODY,	/* %s: frames joined by the frame delimiter */
	FMT_FRAME,	/* %1..%9 */
	FMT_NAME,	/* %n */
	FMT_TYPE,	/* %T */
	FMT_NFRAMES,	/* %F */
	FMT_SIZE,	/* %S */
	FMT_SEQ,	/* %N */
	FMT_TIME,	/* %t, or %{STRFTIME}t */
	FMT_HEX,	/* %x */
	FMT_BASE64,	/* %b */
	FMT_Z85,	/* %z */
	FMT_JSON,	/* %j: the whole -J envelope */
	FMT_RANDOM,	/* %r: random hex digits, 16 or %.Nr N */
	FMT_META	/* %{NAME}m: a property of the peer */
};

struct fmt_tok {
	enum fmt_kind	 kind;
	size_t		 off;	/* literal, or strftime format: in lit */
	size_t		 len;
	int		 frame;	/* FMT_FRAME: 0-based frame index */
	int		 width;	/* %-8n: pad to 8, left-aligned; 0: none */
	int		 left;
	int		 prec;	/* %.20s: at most 20 bytes; -1: no limit */
};

struct format {
	char		*lit;	/* all literal bytes, escapes decoded */
	size_t		 litlen;
	struct fmt_tok	*toks;
	size_t		 ntoks;
	int		 plain;	/* "%s" alone: one frame is written as is */
	struct outbuf	 pad;	/* a token with width or precision */
	struct outbuf	 body;	/* a multipart body for %b and %z */
	struct envelope_memo memo;	/* what %J wrote last */
	uint64_t	 rng;	/* %r's generator; 0: not seeded yet */
};

struct format *format_compile(const char *src, char *err, size_t errlen);
int format_render(const struct format *fmt, const struct msg *msg,
    struct outbuf *ob);
int format_uses(const struct format *fmt, enum fmt_kind kind);
int format_template_check(const struct format *fmt, const char *src,
    char *err, size_t errlen);
void format_destroy(struct format **fmtp);

#endif
