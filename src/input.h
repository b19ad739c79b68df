/* stdin split into messages at a delimiter, binary-safe and unbounded. */
#ifndef ZMQCAT_INPUT_H
#define ZMQCAT_INPUT_H

#include <stddef.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>

struct input {
	int		 fd;
	char		*buf;
	size_t		 cap;
	size_t		 head;		/* first byte not yet consumed */
	size_t		 tail;		/* one past the last byte read */
	size_t		 scan;		/* no delimiter starts before this */
	size_t		 msglen;	/* length of the message at head */
	size_t		 skip;		/* msglen plus its delimiter */
	int		 ready;		/* a whole message is at head */
	int		 eof;
	const char	*delim;
	size_t		 dlen;
	unsigned long	 lineno;	/* messages consumed so far */
};

void input_init(struct input *in, int fd, const char *delim, size_t dlen);
ssize_t input_fill(struct input *in);
int input_peek_slow(struct input *in, const char **msg, size_t *len);
void input_consume(struct input *in);
size_t input_pending(const struct input *in);
int input_done(const struct input *in);
size_t input_split(const char *msg, size_t len, const char *delim,
    size_t dlen, struct iovec **frames, size_t *cap);
void input_free(struct input *in);

/*
 * The whole message at the head, if one is in: 1, with msg and len set;
 * 0 when more must be read first, -1 at the end. Inline for a message
 * found already or by a one-byte delimiter in what is read: every line
 * of stdin passes here. input_peek_slow does the rest.
 */
static inline int
input_peek(struct input *in, const char **msg, size_t *len)
{
	const char *p, *hit;

	if (!in->ready) {
		if (in->dlen != 1 || in->scan > in->head)
			return input_peek_slow(in, msg, len);
		p = in->buf + in->head;
		hit = memchr(p, in->delim[0], in->tail - in->head);
		if (hit == NULL)
			return input_peek_slow(in, msg, len);
		in->msglen = (size_t)(hit - p);
		in->skip = in->msglen + 1;
		in->ready = 1;
	}
	*msg = in->buf + in->head;
	*len = in->msglen;
	return 1;
}

#endif
