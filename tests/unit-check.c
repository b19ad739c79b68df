/*
 * Table-driven tests of --stamp and --check: the stamp frame's layout,
 * what each sequence of numbers counts as (lost, duplicated, reordered),
 * the latency histogram's percentiles against known distributions, and
 * a stamp taken off a message.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/check.h"
#include "../src/stamp.h"
#include "tap.h"

#define MAXSEQ	16
#define NOSEQ	UINT64_MAX

/* Numbers as they come, and what the stream counts. */
static const struct {
	const char	*what;
	uint64_t	 seqs[MAXSEQ];	/* NOSEQ ends them */
	uint64_t	 lost, dup, reord;
} rows[] = {
	{ "in order", { 0, 1, 2, 3, NOSEQ }, 0, 0, 0 },
	{ "from the first seen, not from 0", { 7, 8, 9, NOSEQ }, 0, 0, 0 },
	{ "a gap of one", { 0, 1, 3, NOSEQ }, 1, 0, 0 },
	{ "a gap of three", { 0, 4, 5, NOSEQ }, 3, 0, 0 },
	{ "one twice", { 0, 1, 1, 2, NOSEQ }, 0, 1, 0 },
	{ "the first twice", { 5, 5, NOSEQ }, 0, 1, 0 },
	{ "two swapped", { 0, 2, 1, 3, NOSEQ }, 0, 0, 1 },
	{ "the issue's faults", { 0, 1, 2, 4, 4, 3, 5, 8, NOSEQ }, 2, 1, 1 },
	{ "one late and twice", { 0, 2, 1, 1, NOSEQ }, 0, 1, 1 },
	{ "one older than the first", { 5, 3, NOSEQ }, 0, 0, 1 },
	{ "a gap wider than the window, then its start late",
	  { 0, 10000, 1, NOSEQ }, 9998, 0, 1 },
	{ "back from far ahead: too old to tell, late",
	  { 0, 1, 5000, 2, NOSEQ }, 4997, 0, 1 },
	{ "a repeat just inside the window",
	  { 0, 4096, 1, 1, NOSEQ }, 4094, 1, 1 },
	{ "the highest number", { UINT64_MAX - 2, UINT64_MAX - 1, NOSEQ },
	  0, 0, 0 },
};

/* Every row of numbers, counted in a stream of its own. */
static void
test_seq(void)
{
	struct check_stream s;
	size_t i, k;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&s, 0, sizeof(s));
		for (k = 0; k < MAXSEQ && rows[i].seqs[k] != NOSEQ; k++)
			check_seq(&s, rows[i].seqs[k]);
		tap_ok(s.msgs == k && s.lost == rows[i].lost &&
		    s.dup == rows[i].dup && s.reord == rows[i].reord,
		    "%s: %llu lost, %llu duplicated, %llu reordered", rows[i].what,
		    (unsigned long long)rows[i].lost,
		    (unsigned long long)rows[i].dup,
		    (unsigned long long)rows[i].reord);
		if (s.lost != rows[i].lost || s.dup != rows[i].dup ||
		    s.reord != rows[i].reord)
			tap_diag("got %llu lost, %llu duplicated, %llu reordered",
			    (unsigned long long)s.lost,
			    (unsigned long long)s.dup,
			    (unsigned long long)s.reord);
	}
}

/* The stamp frame: the documented bytes, and back. */
static void
test_stamp(void)
{
	static const unsigned char want[STAMP_LEN] = {
		'Z', 'C', 'S', '1',
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0, 0, 0, 0, 0, 0, 0x01, 0x02,
		0x17, 0xe3, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f,
	};
	struct stamp st = { 0x0123456789abcdefULL, 0x102,
	    0x17e31a2b3c4d5e6fLL }, back;
	unsigned char out[STAMP_LEN];

	stamp_encode(&st, out);
	tap_ok(memcmp(out, want, STAMP_LEN) == 0,
	    "a stamp: ZCS1, stream, number, ns, each big-endian");
	tap_ok(stamp_decode(out, STAMP_LEN, &back) == 0 &&
	    back.stream == st.stream && back.seq == st.seq &&
	    back.sent_ns == st.sent_ns, "and reads back the same");
	tap_ok(stamp_decode(out, STAMP_LEN - 1, &back) == -1 &&
	    stamp_decode(out, 0, &back) == -1, "a frame of another length is "
	    "no stamp");
	out[3] = '2';
	tap_ok(stamp_decode(out, STAMP_LEN, &back) == -1,
	    "nor one that does not start ZCS1");
}

/* Percentiles within 1/16 of the true value; min and max exact. */
static void
test_hist(void)
{
	struct hist *h = malloc(sizeof(*h));
	uint64_t v;
	int ok;

	if (h == NULL)
		abort();
	hist_init(h);
	tap_ok(hist_percentile(h, 50) == 0, "an empty histogram says 0");
	for (v = 1; v <= 100000; v++)	/* 1 us .. 100 ms, uniform */
		hist_add(h, v * 1000);
	ok = h->min == 1000 && h->max == 100000000 && h->n == 100000;
	tap_ok(ok, "uniform 1 us .. 100 ms: min and max exact");
	v = hist_percentile(h, 50);
	tap_ok(v <= 50000000 && v >= 50000000 - 50000000 / 16,
	    "p50 within 1/16 below 50 ms (%llu)", (unsigned long long)v);
	v = hist_percentile(h, 99);
	tap_ok(v <= 99000000 && v >= 99000000 - 99000000 / 16,
	    "p99 within 1/16 below 99 ms (%llu)", (unsigned long long)v);
	v = hist_percentile(h, 99.9);
	tap_ok(v <= 99900000 && v >= 99900000 - 99900000 / 16,
	    "p99.9 within 1/16 below 99.9 ms (%llu)", (unsigned long long)v);
	tap_ok(hist_percentile(h, 100) == 100000000 &&
	    hist_percentile(h, 0) == 1000, "p100 is max, p0 is min");
	hist_init(h);
	for (v = 0; v < 990; v++)	/* 99 % at 10 us, 1 % at 5 ms */
		hist_add(h, 10000);
	for (v = 0; v < 10; v++)
		hist_add(h, 5000000);
	tap_ok(hist_percentile(h, 50) == 10000 &&
	    hist_percentile(h, 99) == 10000 &&
	    hist_percentile(h, 99.9) >= 5000000 - 5000000 / 16,
	    "a tail of 1 %%: p50 and p99 10 us, p99.9 5 ms");
	hist_init(h);
	hist_add(h, 0);
	hist_add(h, UINT64_MAX);
	tap_ok(h->min == 0 && h->max == UINT64_MAX &&
	    hist_percentile(h, 100) == UINT64_MAX, "0 and 2^64-1 fit");
	free(h);
}

/* A message whose last frame is a stamp loses it; another is counted
 * unstamped and kept whole. */
static void
test_take(void)
{
	struct stamp st = { 42, 0, 1000 };
	unsigned char frame[STAMP_LEN];
	struct iovec iov[2];
	struct check c;
	struct msg m;

	stamp_encode(&st, frame);
	iov[0].iov_base = (void *)"body";
	iov[0].iov_len = 4;
	iov[1].iov_base = frame;
	iov[1].iov_len = STAMP_LEN;
	memset(&m, 0, sizeof(m));
	m.frames = iov;
	m.nframes = 2;
	check_init(&c);
	tap_ok(check_take(&c, "pull", &m, 3500) == 1 && m.nframes == 1 &&
	    c.n == 1 && c.streams[0]->msgs == 1 && c.streams[0]->bytes == 4 &&
	    c.streams[0]->lat.max == 2500, "a stamped message: the stamp "
	    "taken off, 4 bytes counted, 2500 ns late");
	tap_ok(check_take(&c, "pull", &m, 3500) == 0 && m.nframes == 1 &&
	    c.unstamped == 1, "one without a stamp: counted apart, kept whole");
	m.nframes = 2;
	tap_ok(check_take(&c, "sub", &m, 500) == 1 && c.n == 2 &&
	    c.streams[1]->lat.max == 0, "the same stream id on another socket "
	    "is another stream; a send time ahead counts 0");
	m.nframes = 2;
	check_take(&c, "pull", &m, 3500);
	tap_ok(!check_clean(&c) && c.streams[0]->dup == 1,
	    "number 0 again on pull: a duplicate, not clean");
	check_free(&c);
	check_free(&c);	/* twice is harmless */
}

int
main(void)
{
	test_seq();
	test_stamp();
	test_hist();
	test_take();
	return tap_done();
}
