/* The --stamp frame, written and read; pure, so the fuzzer drives it. */
#include "config.h"

#include <string.h>

#include "stamp.h"

/* Write v big-endian at p. */
static void
stamp_put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

/* Read a big-endian 64-bit number at p. */
static uint64_t
stamp_get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Write st as a stamp frame: STAMP_LEN bytes at out. */
void
stamp_encode(const struct stamp *st, unsigned char *out)
{
	memcpy(out, STAMP_MAGIC, 4);
	stamp_put64(out + 4, st->stream);
	stamp_put64(out + 12, st->seq);
	stamp_put64(out + 20, (uint64_t)st->sent_ns);
}

/* Read a frame as a stamp: 0, or -1 when it is none (its length or its
 * first four bytes). */
int
stamp_decode(const void *data, size_t len, struct stamp *st)
{
	const unsigned char *p = data;

	if (len != STAMP_LEN || memcmp(p, STAMP_MAGIC, 4) != 0)
		return -1;
	st->stream = stamp_get64(p + 4);
	st->seq = stamp_get64(p + 12);
	st->sent_ns = (int64_t)stamp_get64(p + 20);
	return 0;
}
