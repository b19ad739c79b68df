/*
 * Fuzz stdin splitting: the input's first part is the delimiter (-D), its
 * second the sizes of the writes, the rest the bytes on stdin, written
 * into a pipe in those pieces and read by input_fill as they come, the
 * messages taken with input_peek and input_consume between writes. The
 * messages are exactly the text cut at each delimiter, a last one
 * without it counted at the end of input, whatever the pieces; none is
 * given before it is whole; input_pending counts those not yet taken;
 * and each, split into frames at the delimiter (input_split) comes back.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "../../src/input.h"
#include "fuzz.h"

/* The input, its delimiter, and how far the messages taken have come. */
struct split {
	const char	*data;
	size_t		 len;
	const char	*delim;
	size_t		 dlen;
	size_t		 at;	/* where the next message starts */
	size_t		 taken;	/* messages taken */
};

/* The next message of data[from, upto) cut at the delimiter: 1 with its
 * length, and *whole if a delimiter ends it; 0 when nothing is left. */
static int
next_message(const struct split *sp, size_t from, size_t upto, size_t *len,
    int *whole)
{
	const char *hit;

	if (from >= upto)
		return 0;
	hit = memmem(sp->data + from, upto - from, sp->delim, sp->dlen);
	*whole = hit != NULL;
	*len = hit ? (size_t)(hit - (sp->data + from)) : upto - from;
	return 1;
}

/* Messages in data[from, upto), a last one without a delimiter too. */
static size_t
count_messages(const struct split *sp, size_t from, size_t upto)
{
	size_t n = 0, len;
	int whole;

	while (next_message(sp, from, upto, &len, &whole)) {
		n++;
		if (!whole)
			break;
		from += len + sp->dlen;
	}
	return n;
}

/* Frames of a message at the delimiter, joined again, are the message. */
static void
check_frames(const struct split *sp, const char *msg, size_t len)
{
	struct iovec *frames = NULL;
	size_t cap = 0, n, i, at = 0;

	n = input_split(msg, len, sp->delim, sp->dlen, &frames, &cap);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(frames[i].iov_base == msg + at && at +
		    frames[i].iov_len <= len, "frame %zu", i);
		at += frames[i].iov_len + (i + 1 < n ? sp->dlen : 0);
	}
	FUZZ_CHECK(at == len && n == 1, "a message holds its delimiter");
	free(frames);
}

/* Take every message input_peek has, checking each against the text
 * read so far (read bytes); at the end of input the last one too. */
static void
take(struct input *in, struct split *sp, size_t read)
{
	const char *msg;
	size_t len, want;
	int whole, rc;

	FUZZ_CHECK(input_pending(in) == count_messages(sp, sp->at, read),
	    "pending %zu", input_pending(in));
	while ((rc = input_peek(in, &msg, &len)) == 1) {
		FUZZ_CHECK(next_message(sp, sp->at, read, &want, &whole) &&
		    (whole || in->eof), "a message before it was whole");
		FUZZ_CHECK(len == want && memcmp(msg, sp->data + sp->at,
		    len) == 0, "message %zu", sp->taken);
		check_frames(sp, msg, len);
		input_consume(in);
		sp->at += len + (whole ? sp->dlen : 0);
		sp->taken++;
	}
	FUZZ_CHECK(rc == (in->eof ? -1 : 0), "peek %d", rc);
	FUZZ_CHECK(!in->eof || (sp->at == sp->len && input_done(in)),
	    "input ended with %zu bytes not taken", sp->len - sp->at);
}

/* Read what the pipe has, up to its end once the writer closed it. */
static size_t
drain(struct input *in, size_t read)
{
	ssize_t n;

	while ((n = input_fill(in)) > 0 || (n == -1 && errno == EINTR))
		read += n > 0 ? (size_t)n : 0;
	FUZZ_CHECK(n == 0 || errno == EAGAIN, "read: %s", strerror(errno));
	return read;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct split sp;
	struct input in;
	struct fuzz_in fin;
	char *delim, *sizes;
	void *text;
	size_t nsizes, k = 0, wrote = 0, read = 0, piece;
	int fd[2];

	fuzz_init(&fin, data, size);
	delim = fuzz_part(&fin, &sp.dlen);
	sizes = fuzz_part(&fin, &nsizes);
	if (delim == NULL || sp.dlen == 0 || sizes == NULL) {
		free(delim);
		free(sizes);
		return 0;
	}
	text = fuzz_rest(&fin, &sp.len);
	sp.data = text;
	sp.delim = delim;
	sp.at = sp.taken = 0;
	if (pipe(fd) == -1 || fcntl(fd[0], F_SETFL, O_NONBLOCK) == -1)
		abort();
	input_init(&in, fd[0], delim, sp.dlen);
	while (wrote < sp.len) {
		/* pieces of 1 to 4096 bytes, less than a pipe holds */
		piece = nsizes ? (unsigned char)sizes[k++ % nsizes] * 16 + 1 :
		    sp.len;
		if (piece > sp.len - wrote)
			piece = sp.len - wrote;
		if (piece > 4096)
			piece = 4096;
		FUZZ_CHECK(write(fd[1], sp.data + wrote, piece) ==
		    (ssize_t)piece, "write");
		wrote += piece;
		read = drain(&in, read);
		FUZZ_CHECK(read == wrote, "read %zu of %zu", read, wrote);
		take(&in, &sp, read);
	}
	close(fd[1]);
	read = drain(&in, read);
	FUZZ_CHECK(in.eof, "no end of input");
	take(&in, &sp, read);
	FUZZ_CHECK(sp.taken == count_messages(&sp, 0, sp.len), "took %zu "
	    "messages", sp.taken);
	input_free(&in);
	close(fd[0]);
	free(text);
	free(sizes);
	free(delim);
	return 0;
}
