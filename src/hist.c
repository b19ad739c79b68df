/*
 * A histogram for latencies (in ns) with bounded memory and no
 * allocation per value, as HdrHistogram does it: values below 16 each
 * have a bucket; above, each power of two is cut into 16 equal steps, so
 * a percentile is known within 1/16 of its value. min and max are exact.
 */
#include "config.h"

#include <string.h>

#include "hist.h"

/* Start empty. */
void
hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

/* The bucket of v. */
static unsigned
hist_bucket(uint64_t v)
{
	unsigned e;

	if (v < HIST_SUB)
		return (unsigned)v;
	e = 63 - (unsigned)__builtin_clzll(v);	/* v's top bit: 4 to 63 */
	return (e - 3) * HIST_SUB + (unsigned)((v >> (e - 4)) & (HIST_SUB - 1));
}

/* The least value of bucket b. */
static uint64_t
hist_low(unsigned b)
{
	unsigned e;

	if (b < HIST_SUB)
		return b;
	e = b / HIST_SUB + 3;
	return (uint64_t)(HIST_SUB + b % HIST_SUB) << (e - 4);
}

/* Count one value. */
void
hist_add(struct hist *h, uint64_t v)
{
	unsigned b = hist_bucket(v);

	if (h->counts[b] < UINT32_MAX)
		h->counts[b]++;
	if (h->n == 0 || v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
	h->n++;
}

/*
 * The value at percentile p (0 to 100): the least value of the bucket
 * that holds it, kept between min and max (p 0 and 100: they); 0 when
 * empty.
 */
uint64_t
hist_percentile(const struct hist *h, double p)
{
	uint64_t want, seen = 0, v;
	unsigned b;

	if (h->n == 0)
		return 0;
	if (p <= 0 || p >= 100)
		return p <= 0 ? h->min : h->max;
	want = (uint64_t)(p / 100.0 * (double)h->n + 0.5);
	if (want < 1)
		want = 1;
	for (b = 0; b < HIST_BUCKETS; b++) {
		seen += h->counts[b];
		if (seen >= want)
			break;
	}
	v = b < HIST_BUCKETS ? hist_low(b) : h->max;
	return v < h->min ? h->min : v > h->max ? h->max : v;
}
