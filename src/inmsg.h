/* stdin messages decoded into frames: raw, json, hex, base64, z85, -J. */
#ifndef ZMQCAT_INMSG_H
#define ZMQCAT_INMSG_H

#include <stddef.h>
#include <sys/uio.h>

#include "envelope.h"
#include "framebuf.h"

enum inmsg_mode {
	INMSG_RAW,
	INMSG_JSON,	/* one JSON value, sent compact */
	INMSG_HEX,
	INMSG_BASE64,
	INMSG_Z85,
	INMSG_ENVELOPE	/* -J: {"frames":[...], "to": ...} */
};

struct inmsg {
	enum inmsg_mode	 mode;
	const char	*fdelim;	/* split into frames at this, or NULL */
	size_t		 fdlen;
	struct iovec	*split;		/* the frames before decoding */
	size_t		 splitcap;
	struct framebuf	 fb;		/* decoded frames */
	size_t		 nsplit;	/* raw: frames in split */
	struct iovec	 one;		/* raw, not split: the message */
	struct envelope	 env;
	const char	*to;		/* -J "to", or NULL */
	int64_t		 time;		/* -J "time", when has_time */
	int		 has_time;
};

int inmsg_mode_lookup(const char *name, enum inmsg_mode *mode);
void inmsg_init(struct inmsg *d, enum inmsg_mode mode, const char *fdelim,
    size_t fdlen);
int inmsg_decode_slow(struct inmsg *d, const char *msg, size_t len,
    char *err, size_t errlen);
const struct iovec *inmsg_frames_slow(const struct inmsg *d, size_t *n);
void inmsg_free(struct inmsg *d);

/* Decode one message from stdin into frames; -1 and err when it is bad.
 * Inline for a raw line that is one frame, the common case; every line
 * of stdin passes here. */
static inline int
inmsg_decode(struct inmsg *d, const char *msg, size_t len, char *err,
    size_t errlen)
{
	if (d->mode != INMSG_RAW || d->fdelim != NULL)
		return inmsg_decode_slow(d, msg, len, err, errlen);
	d->to = NULL;
	d->has_time = 0;
	d->one.iov_base = (void *)msg;
	d->one.iov_len = len;
	d->nsplit = 1;
	return 0;
}

/* The frames of the message decoded last, and their number in n. */
static inline const struct iovec *
inmsg_frames(const struct inmsg *d, size_t *n)
{
	if (d->mode != INMSG_RAW || d->fdelim != NULL)
		return inmsg_frames_slow(d, n);
	*n = 1;
	return &d->one;
}

#endif
