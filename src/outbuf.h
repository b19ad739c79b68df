/* Buffered, binary-safe writes to stdout that survive EINTR and EPIPE. */
#ifndef ZMQCAT_OUTBUF_H
#define ZMQCAT_OUTBUF_H

#include <stddef.h>
#include <string.h>
#include <sys/uio.h>

struct outbuf {
	int	 fd;		/* -1 keeps everything in memory (tests) */
	char	*buf;
	size_t	 len;
	size_t	 cap;
	int	 closed;	/* the reader went away (EPIPE) */
	int	 error;		/* errno of a failed write, else 0 */
};

void outbuf_init(struct outbuf *ob, int fd, size_t cap);
int outbuf_put_slow(struct outbuf *ob, const void *data, size_t len);
char *outbuf_reserve(struct outbuf *ob, size_t n);
int outbuf_flush(struct outbuf *ob);
void outbuf_free(struct outbuf *ob);

/* Append data; inline, since every message printed passes here: a copy
 * when it fits, else outbuf_put_slow writes the buffer out first. */
static inline int
outbuf_put(struct outbuf *ob, const void *data, size_t len)
{
	if (len > ob->cap - ob->len || ob->closed || ob->error)
		return outbuf_put_slow(ob, data, len);
	if (len == 1)	/* a delimiter: no call for one byte */
		ob->buf[ob->len] = *(const char *)data;
	else if (len > 0)	/* data may be NULL when len is 0 */
		memcpy(ob->buf + ob->len, data, len);
	ob->len += len;
	return 0;
}

#endif
