/* Frames decoded end to end into one buffer, then pointed at by iovecs. */
#ifndef ZMQCAT_FRAMEBUF_H
#define ZMQCAT_FRAMEBUF_H

#include <stddef.h>
#include <sys/uio.h>

#include "outbuf.h"

struct framebuf {
	struct outbuf	 data;
	size_t		*lens;
	struct iovec	*iov;
	size_t		 nframes;
	size_t		 cap;
};

void framebuf_init(struct framebuf *fb);
void framebuf_reset(struct framebuf *fb);
void framebuf_mark(struct framebuf *fb, size_t start);
void framebuf_finish(struct framebuf *fb);
void framebuf_free(struct framebuf *fb);

#endif
