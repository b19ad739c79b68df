/* Tests of stdin splitting: delimiters, partial reads, frames. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/input.h"
#include "tap.h"

/*
 * Feed data through a pipe in chunks of step bytes and collect every
 * message, joined with '|', so split points are exercised.
 */
static char *
split_all(const char *data, size_t len, const char *delim, size_t step)
{
	struct input in;
	int fds[2];
	size_t off = 0, n, outlen = 0;
	const char *msg;
	size_t mlen;
	char *out = calloc(1, len * 2 + 16);
	int r;

	if (out == NULL || pipe(fds) == -1)
		abort();
	input_init(&in, fds[0], delim, strlen(delim));
	if (len == 0)
		close(fds[1]);
	for (;;) {
		while ((r = input_peek(&in, &msg, &mlen)) == 1) {
			memcpy(out + outlen, msg, mlen);
			outlen += mlen;
			out[outlen++] = '|';
			input_consume(&in);
		}
		if (r == -1)
			break;
		if (off < len) {
			n = len - off < step ? len - off : step;
			if (write(fds[1], data + off, n) != (ssize_t)n)
				abort();
			off += n;
			if (off == len)
				close(fds[1]);
		}
		input_fill(&in);
	}
	close(fds[0]);
	input_free(&in);
	return out;
}

static const struct {
	const char	*data;
	const char	*delim;
	const char	*want;
} cases[] = {
	{ "a\nb\nc\n", "\n", "a|b|c|" },
	{ "a\nb\nc", "\n", "a|b|c|" },		/* last line, no newline */
	{ "\n\nx\n", "\n", "||x|" },		/* empty lines are messages */
	{ "", "\n", "" },
	{ "one--two----three", "--", "one|two||three|" },
	{ "a\r\nb\r\n", "\r\n", "a|b|" },
	{ "no delimiter at all", "\n", "no delimiter at all|" },
};

/* What input_pending counts after one read and consuming some messages. */
static const struct {
	const char	*data;
	const char	*delim;
	int		 consume;	/* messages taken off first */
	size_t		 want;
} pending[] = {
	{ "", "\n", 0, 0 },
	{ "a\nb\nc\n", "\n", 0, 3 },
	{ "a\nb\nc\n", "\n", 1, 2 },
	{ "a\nb\nc\n", "\n", 3, 0 },
	{ "a\nb\nc", "\n", 0, 3 },		/* the last without its newline */
	{ "a\nb\nc", "\n", 2, 1 },
	{ "\n\n\n", "\n", 0, 3 },		/* empty messages count */
	{ "one--two--", "--", 0, 2 },
	{ "one--two-", "--", 1, 1 },		/* half a delimiter: data */
};

/* Read data in one go, consume some messages, count what is left. */
static void
check_pending(void)
{
	struct input in;
	const char *msg;
	size_t i, len;
	int fds[2], k;

	for (i = 0; i < sizeof(pending) / sizeof(pending[0]); i++) {
		if (pipe(fds) == -1 || write(fds[1], pending[i].data,
		    strlen(pending[i].data)) != (ssize_t)strlen(pending[i].data))
			abort();
		close(fds[1]);
		input_init(&in, fds[0], pending[i].delim,
		    strlen(pending[i].delim));
		input_fill(&in);
		input_fill(&in);	/* and see the end of input */
		for (k = 0; k < pending[i].consume &&
		    input_peek(&in, &msg, &len) == 1; k++)
			input_consume(&in);
		tap_ok(input_pending(&in) == pending[i].want,
		    "pending case %zu: %zu message(s) read but not taken", i + 1,
		    pending[i].want);
		close(fds[0]);
		input_free(&in);
	}
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	static const size_t steps[] = { 1, 2, 3, 100000 };
	struct iovec *frames = NULL;
	size_t i, j, cap = 0, n;
	char *got, *big;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			got = split_all(cases[i].data, strlen(cases[i].data),
			    cases[i].delim, steps[j]);
			tap_ok(strcmp(got, cases[i].want) == 0,
			    "case %zu in chunks of %zu splits as '%s'", i + 1,
			    steps[j], cases[i].want);
			free(got);
		}
	big = malloc(3 * 1024 * 1024 + 2);
	memset(big, 'x', 3 * 1024 * 1024);
	big[3 * 1024 * 1024] = '\n';
	big[3 * 1024 * 1024 + 1] = '\0';
	got = split_all(big, 3 * 1024 * 1024 + 1, "\n", 65536);
	tap_ok(strlen(got) == 3 * 1024 * 1024 + 1 &&
	    got[3 * 1024 * 1024] == '|', "a 3 MiB line is one message");
	free(got);
	free(big);
	n = input_split("a|b||c", 6, "|", 1, &frames, &cap);
	tap_ok(n == 4 && frames[2].iov_len == 0 && frames[3].iov_len == 1 &&
	    ((char *)frames[3].iov_base)[0] == 'c', "frames split at -F");
	n = input_split("", 0, "|", 1, &frames, &cap);
	tap_ok(n == 1 && frames[0].iov_len == 0, "an empty message is one frame");
	n = input_split("a|b|c|d|e|f|g|h|i|j", 19, "|", 1, &frames, &cap);
	tap_ok(n == 10, "the frame array grows past its first size");
	free(frames);
	check_pending();
	return tap_done();
}
