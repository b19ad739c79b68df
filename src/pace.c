/*
 * Pacing a generator, on the monotonic clock in ms and without a wait of
 * its own: the loop asks when the next message is due and wakes then.
 * --interval counts from when the last message went, as a blocking
 * sender's sleep does; --rate counts from the start, so the long-run
 * rate is R however late a turn comes, and a late turn sends what it
 * owes at once (a burst of at most what one turn lets through).
 */
#include "config.h"

#include "pace.h"

/* Pace from start: MS apart (interval), or R a second (rate), or not. */
void
pace_init(struct pace *p, int64_t start, int interval, int rate)
{
	p->start = start;
	p->interval = interval;
	p->rate = rate;
	p->sent = 0;
	p->last = start;
}

/* When the next message may go (monotonic ms). */
int64_t
pace_due(const struct pace *p)
{
	if (p->rate > 0)	/* message k at start + k / R seconds */
		return p->start + (int64_t)(p->sent * 1000 / (uint64_t)p->rate);
	if (p->interval > 0 && p->sent > 0)
		return p->last + p->interval;
	return p->start;
}

/* One message went at now. */
void
pace_sent(struct pace *p, int64_t now)
{
	p->sent++;
	p->last = now;
}
