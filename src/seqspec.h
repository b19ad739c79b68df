/* --check-seq: where an application's own sequence number is in its
 * messages, and how it is written. */
#ifndef ZMQCAT_SEQSPEC_H
#define ZMQCAT_SEQSPEC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "jpath.h"

enum seqspec_kind {
	SEQSPEC_TEXT,		/* decimal digits, the whole frame */
	SEQSPEC_U32LE,		/* the frame's first 4 or 8 bytes */
	SEQSPEC_U32BE,
	SEQSPEC_U64LE,
	SEQSPEC_U64BE,
	SEQSPEC_JSON		/* an integer at a path in the JSON frame */
};

struct seqspec {
	enum seqspec_kind	 kind;
	int			 frame;	/* 1 for the first; 0 for the last */
	struct jpath		 path;	/* SEQSPEC_JSON */
};

int seqspec_parse(struct seqspec *s, const char *text, char *err,
    size_t errlen);
int seqspec_read(const struct seqspec *s, const struct iovec *frames,
    size_t n, uint64_t *seq);
void seqspec_free(struct seqspec *s);

#endif
