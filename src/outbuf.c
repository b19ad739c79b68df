/* Buffered, binary-safe writes to stdout that survive EINTR and EPIPE. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outbuf.h"
#include "xmalloc.h"

/* Set up a buffer of cap bytes in front of fd. */
void
outbuf_init(struct outbuf *ob, int fd, size_t cap)
{
	memset(ob, 0, sizeof(*ob));
	ob->fd = fd;
	ob->cap = cap;
	ob->buf = xmalloc(cap);
}

/* Write all of data to fd, retrying partial writes and EINTR. */
static int
outbuf_write_all(struct outbuf *ob, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(ob->fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				ob->closed = 1;
			else
				ob->error = errno;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Hand what is buffered to the kernel; -1 once stdout is gone or broken. */
int
outbuf_flush(struct outbuf *ob)
{
	int rc;

	if (ob->closed || ob->error)
		return -1;
	if (ob->fd < 0 || ob->len == 0)
		return 0;
	rc = outbuf_write_all(ob, ob->buf, ob->len);
	ob->len = 0;
	return rc;
}

/*
 * Append data, writing the buffer out when it fills (outbuf_put's way
 * when it does not fit). A write larger than the buffer goes straight
 * through, so a 16 MiB message is not copied.
 */
int
outbuf_put_slow(struct outbuf *ob, const void *data, size_t len)
{
	if (ob->closed || ob->error)
		return -1;
	if (len == 0)
		return 0;
	if (ob->fd < 0) {
		if (ob->len + len > ob->cap) {
			ob->cap = (ob->len + len) * 2;
			ob->buf = xrealloc(ob->buf, ob->cap);
		}
	} else if (ob->len + len > ob->cap) {
		if (outbuf_flush(ob) == -1)
			return -1;
		if (len >= ob->cap)
			return outbuf_write_all(ob, data, len);
	}
	memcpy(ob->buf + ob->len, data, len);
	ob->len += len;
	return 0;
}

/*
 * Room for n more bytes at the end of the buffer, for a writer that fills
 * them in place and then adds what it used to ob->len: what is buffered
 * is written out first when it is in the way, and the buffer grows when
 * n is more than it holds. NULL once the output is gone or broken.
 */
char *
outbuf_reserve(struct outbuf *ob, size_t n)
{
	if (ob->closed || ob->error)
		return NULL;
	if (ob->cap - ob->len >= n)
		return ob->buf + ob->len;
	if (ob->fd >= 0 && outbuf_flush(ob) == -1)
		return NULL;
	if (ob->cap - ob->len < n) {
		ob->cap = (ob->len + n) * 2;
		ob->buf = xrealloc(ob->buf, ob->cap);
	}
	return ob->buf + ob->len;
}

/* Release the buffer; what is still in it is dropped. */
void
outbuf_free(struct outbuf *ob)
{
	free(ob->buf);
	ob->buf = NULL;
	ob->len = ob->cap = 0;
}
