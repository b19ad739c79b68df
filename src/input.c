/* stdin split into messages at a delimiter, binary-safe and unbounded. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "xmalloc.h"

#define INPUT_CHUNK	65536

/* Start reading fd, splitting at the dlen bytes of delim. */
void
input_init(struct input *in, int fd, const char *delim, size_t dlen)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->delim = delim;
	in->dlen = dlen;
	in->cap = INPUT_CHUNK;
	in->buf = xmalloc(in->cap);
}

/* Make room for one more read: slide consumed bytes out, or grow. */
static void
input_make_room(struct input *in)
{
	if (in->cap - in->tail >= INPUT_CHUNK / 2)
		return;
	if (in->head > 0) {
		memmove(in->buf, in->buf + in->head, in->tail - in->head);
		in->tail -= in->head;
		in->scan -= in->head;
		in->head = 0;
	}
	if (in->cap - in->tail < INPUT_CHUNK / 2) {
		in->cap *= 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
}

/*
 * One read(2) into the buffer. Returns bytes read, 0 at end of input, -1
 * on error with errno set (EINTR included, for the caller to retry).
 */
ssize_t
input_fill(struct input *in)
{
	ssize_t n;

	input_make_room(in);
	n = read(in->fd, in->buf + in->tail, in->cap - in->tail);
	if (n == 0)
		in->eof = 1;
	else if (n > 0)
		in->tail += (size_t)n;
	return n;
}

/*
 * Is a whole message at the head? 1 with msg and len set, 0 when more
 * input is needed, -1 when input has ended and nothing is left. A last
 * message without a delimiter counts once input has ended. The whole
 * search, where input_peek (input.h) has only the common case.
 */
int
input_peek_slow(struct input *in, const char **msg, size_t *len)
{
	const char *hit;
	size_t from;

	if (!in->ready) {
		from = in->scan > in->head ? in->scan : in->head;
		hit = in->dlen == 1 ?
		    memchr(in->buf + from, in->delim[0], in->tail - from) :
		    memmem(in->buf + from, in->tail - from, in->delim, in->dlen);
		if (hit != NULL) {
			in->msglen = (size_t)(hit - (in->buf + in->head));
			in->skip = in->msglen + in->dlen;
			in->ready = 1;
		} else if (in->eof && in->tail > in->head) {
			in->msglen = in->skip = in->tail - in->head;
			in->ready = 1;
		} else {
			/* a delimiter may straddle the end of what we have */
			in->scan = in->tail - in->head >= in->dlen ?
			    in->tail - in->dlen + 1 : in->head;
			return in->eof ? -1 : 0;
		}
	}
	*msg = in->buf + in->head;
	*len = in->msglen;
	return 1;
}

/* Drop the message input_peek returned. */
void
input_consume(struct input *in)
{
	if (!in->ready)
		return;
	in->head += in->skip;
	in->scan = in->head;
	in->ready = 0;
	in->lineno++;
	if (in->head == in->tail)
		in->head = in->tail = in->scan = 0;
}

/*
 * Messages read but not consumed: whole ones, and a last one without its
 * delimiter, so what a run ends with unsent can be counted.
 */
size_t
input_pending(const struct input *in)
{
	const char *p = in->buf + in->head, *end = in->buf + in->tail, *hit;
	size_t n = 0;

	while (p < end) {
		hit = in->dlen == 1 ? memchr(p, in->delim[0], (size_t)(end - p)) :
		    memmem(p, (size_t)(end - p), in->delim, in->dlen);
		n++;
		if (hit == NULL)
			break;
		p = hit + in->dlen;
	}
	return n;
}

/* Nonzero once input has ended and every message was consumed. */
int
input_done(const struct input *in)
{
	return in->eof && !in->ready && in->head == in->tail;
}

/*
 * Split a message into frames at delim, into a reusable iovec array;
 * returns the frame count. An empty message is one empty frame.
 */
size_t
input_split(const char *msg, size_t len, const char *delim, size_t dlen,
    struct iovec **frames, size_t *cap)
{
	const char *p = msg, *end = msg + len, *hit;
	size_t n = 0;

	for (;;) {
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*frames = xrealloc(*frames, *cap * sizeof(**frames));
		}
		hit = dlen ? memmem(p, (size_t)(end - p), delim, dlen) : NULL;
		(*frames)[n].iov_base = (void *)p;
		(*frames)[n].iov_len = hit ? (size_t)(hit - p) :
		    (size_t)(end - p);
		n++;
		if (hit == NULL)
			return n;
		p = hit + dlen;
	}
}

/* Release the buffer. */
void
input_free(struct input *in)
{
	free(in->buf);
	in->buf = NULL;
}
