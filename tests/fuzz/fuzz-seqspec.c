/*
 * Fuzz --check-seq: the first part as a spec (seqspec_parse), the rest
 * as a message's frames (seqspec_read, for a spec that parses). A spec
 * refused says why and what is wanted; a frame number the message does
 * not have reads nothing; a text number reads back as its digits (but
 * leading zeros).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "../../src/seqspec.h"
#include "../../src/status.h"
#include "fuzz.h"

#define MAXFRAMES	8

/* The frame's digits without leading zeros (one kept): its number. */
static int
same_number(const struct iovec *f, const char *digits)
{
	const char *p = f->iov_base;
	size_t len = f->iov_len;

	while (len > 1 && *p == '0') {
		p++;
		len--;
	}
	return len == strlen(digits) && memcmp(p, digits, len) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iovec frames[MAXFRAMES];
	struct seqspec s;
	struct fuzz_in in;
	char err[ZC_ERRLEN], digits[24], *spec, *part;
	size_t n = 0, i, len;
	uint64_t seq;

	fuzz_init(&in, data, size);
	if ((spec = fuzz_part(&in, &len)) == NULL)
		return 0;
	err[0] = '\0';
	if (seqspec_parse(&s, spec, err, sizeof(err)) == -1) {
		FUZZ_CHECK(strstr(err, "(want [FRAME:]") != NULL, "%s", err);
		seqspec_free(&s);
		free(spec);
		return 0;
	}
	while (n < MAXFRAMES && (part = fuzz_part(&in, &len)) != NULL) {
		frames[n].iov_base = fuzz_dup(part, len);
		frames[n++].iov_len = len;
		free(part);
	}
	if (seqspec_read(&s, frames, n, &seq) == 0) {
		i = s.frame > 0 ? (size_t)s.frame - 1 : n - 1;
		FUZZ_CHECK(s.frame == 0 || (size_t)s.frame <= n,
		    "frame %d of %zu read", s.frame, n);
		snprintf(digits, sizeof(digits), "%" PRIu64, seq);
		FUZZ_CHECK(s.kind != SEQSPEC_TEXT ||
		    same_number(&frames[i], digits), "text read as %s",
		    digits);
	}
	for (i = 0; i < n; i++)
		free(frames[i].iov_base);
	seqspec_free(&s);
	free(spec);
	return 0;
}
