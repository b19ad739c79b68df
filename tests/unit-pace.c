/* Table-driven tests of pacing: when message k is due, at once, MS
 * apart from the last one's going, or R a second from the start. */
#include "config.h"

#include <stdint.h>

#include "../src/pace.h"
#include "tap.h"

/* A run of sends: each goes at the time given (or when due, if -1). */
static const struct {
	const char	*what;
	int		 interval, rate;
	int64_t		 sent_at[5];	/* -1: as soon as due */
	int64_t		 due[5];	/* when message k was due */
} rows[] = {
	{ "no pace: every message is due at the start", 0, 0,
	  { 100, 100, 150, 150, 300 }, { 100, 100, 100, 100, 100 } },
	{ "--interval 50: from when the last one went", 50, 0,
	  { -1, -1, 220, -1, -1 }, { 100, 150, 200, 270, 320 } },
	{ "--rate 200: 5 ms apart from the start, late or not", 0, 200,
	  { -1, 140, -1, -1, -1 }, { 100, 105, 110, 115, 120 } },
	{ "--rate 3: a third of a second, rounded down", 0, 3,
	  { -1, -1, -1, -1, -1 }, { 100, 433, 766, 1100, 1433 } },
	{ "--rate 1000000: many due in one ms", 0, 1000000,
	  { -1, -1, -1, -1, -1 }, { 100, 100, 100, 100, 100 } },
};

int
main(void)
{
	struct pace p;
	int64_t due;
	size_t i, k;
	int ok;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		pace_init(&p, 100, rows[i].interval, rows[i].rate);
		ok = 1;
		for (k = 0; k < 5; k++) {
			due = pace_due(&p);
			if (due != rows[i].due[k]) {
				tap_diag("message %zu due at %lld, not %lld", k,
				    (long long)due, (long long)rows[i].due[k]);
				ok = 0;
			}
			pace_sent(&p, rows[i].sent_at[k] >= 0 ?
			    rows[i].sent_at[k] : due);
		}
		tap_ok(ok && p.sent == 5, "%s", rows[i].what);
	}
	return tap_done();
}
