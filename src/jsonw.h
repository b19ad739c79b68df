/* Compact JSON written straight into an outbuf, without jansson. */
#ifndef ZMQCAT_JSONW_H
#define ZMQCAT_JSONW_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "outbuf.h"

/* How deep objects and arrays may nest: one bit each in more and array. */
#define JSONW_DEPTH_MAX	32

/*
 * One JSON text being written. The writer puts the commas and colons;
 * the caller says object, key, value, end. A failed write (the output
 * gone) makes rc -1 and every later call a no-op, so a caller checks
 * once, at jsonw_done.
 */
struct jsonw {
	struct outbuf	*ob;
	uint32_t	 more;	/* bit d: the container at depth d has values */
	uint32_t	 array;	/* bit d: the container at depth d is a list */
	unsigned	 depth;
	int		 key;	/* a key is written; its value comes next */
	int		 rc;	/* -1 once a write failed */
};

void jsonw_init(struct jsonw *w, struct outbuf *ob);
int jsonw_done(const struct jsonw *w);
void jsonw_object(struct jsonw *w);
void jsonw_array(struct jsonw *w);
void jsonw_end(struct jsonw *w);
void jsonw_key_n(struct jsonw *w, const char *key, size_t len);
void jsonw_string(struct jsonw *w, const void *data, size_t len);
void jsonw_str(struct jsonw *w, const char *s);
void jsonw_base64(struct jsonw *w, const void *data, size_t len);
void jsonw_uint(struct jsonw *w, uint64_t v);
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_bool(struct jsonw *w, int v);

/* A member's key; inline, so a literal's length is counted when built. */
static inline void
jsonw_key(struct jsonw *w, const char *key)
{
	jsonw_key_n(w, key, strlen(key));
}

#endif
