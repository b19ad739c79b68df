/* Frames decoded end to end into one buffer, then pointed at by iovecs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "framebuf.h"
#include "xmalloc.h"

/* Start an empty frame buffer. */
void
framebuf_init(struct framebuf *fb)
{
	memset(fb, 0, sizeof(*fb));
	outbuf_init(&fb->data, -1, 4096);
}

/* Empty it for the next message, keeping what it allocated. */
void
framebuf_reset(struct framebuf *fb)
{
	fb->data.len = fb->nframes = 0;
}

/* The bytes appended to data since start are one more frame. */
void
framebuf_mark(struct framebuf *fb, size_t start)
{
	if (fb->nframes == fb->cap) {
		fb->cap = fb->cap ? fb->cap * 2 : 8;
		fb->lens = xrealloc(fb->lens, fb->cap * sizeof(*fb->lens));
		fb->iov = xrealloc(fb->iov, fb->cap * sizeof(*fb->iov));
	}
	fb->lens[fb->nframes++] = fb->data.len - start;
}

/* Point the iovecs at the frames, now that data will not move. */
void
framebuf_finish(struct framebuf *fb)
{
	size_t i, off = 0;

	for (i = 0; i < fb->nframes; off += fb->lens[i++]) {
		fb->iov[i].iov_base = fb->data.buf + off;
		fb->iov[i].iov_len = fb->lens[i];
	}
}

/* Release what the frame buffer allocated. */
void
framebuf_free(struct framebuf *fb)
{
	outbuf_free(&fb->data);
	free(fb->lens);
	free(fb->iov);
}
