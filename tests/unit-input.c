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
	return tap_done();
}
