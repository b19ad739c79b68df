/*
 * Fuzz --check's reading of what comes from the network: each part as a
 * frame, stamp_decode; one that decodes encodes back to the same bytes.
 * Then the parts' first eight bytes as sequence numbers of one stream
 * (check_seq): every message is counted once, as in order, after a gap,
 * a duplicate or late, and the first is none of the last two.
 */
#include "config.h"

#include "../../src/check.h"
#include "../../src/stamp.h"
#include "fuzz.h"

/* The first eight bytes of p (fewer: zero-filled), as a number. */
static uint64_t
seq_of(const char *p, size_t len)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		v = v << 8 | (i < len ? (unsigned char)p[i] : 0);
	return v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct check_stream s;	/* 512 bytes of window: not on the
					 * stack of every run */
	unsigned char back[STAMP_LEN];
	struct fuzz_in in;
	struct stamp st;
	uint64_t n = 0;
	size_t len;
	char *part;

	memset(&s, 0, sizeof(s));
	fuzz_init(&in, data, size);
	while ((part = fuzz_part(&in, &len)) != NULL) {
		if (stamp_decode(part, len, &st) == 0) {
			stamp_encode(&st, back);
			FUZZ_CHECK(len == STAMP_LEN && memcmp(back, part,
			    STAMP_LEN) == 0, "a stamp does not read back");
		} else
			FUZZ_CHECK(len != STAMP_LEN || memcmp(part,
			    STAMP_MAGIC, 4) != 0, "a stamp refused");
		check_seq(&s, seq_of(part, len));
		n++;
		FUZZ_CHECK(s.msgs == n && s.dup + s.reord <= n - 1,
		    "%llu messages: %llu counted, %llu duplicated, %llu late",
		    (unsigned long long)n, (unsigned long long)s.msgs,
		    (unsigned long long)s.dup, (unsigned long long)s.reord);
		free(part);
	}
	return 0;
}
