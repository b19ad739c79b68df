/*
 * --check: each message whose last frame is a --stamp frame loses that
 * frame (the rest go on as the application sent them) and is counted in
 * its stream, one per stream id and socket: in order, lost (a gap in the
 * sequence, from the first message seen), duplicated, or reordered (it
 * fills a gap, late), and its latency, now less its send time, into a
 * bounded histogram. Pure: no zmq, no output but into a buffer.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "stamp.h"
#include "xmalloc.h"

/* Start with no stream. */
void
check_init(struct check *c)
{
	memset(c, 0, sizeof(*c));
}

/* Set (set) or clear seq's bit in the window; returns what it was. */
static int
check_bit(struct check_stream *s, uint64_t seq, int set)
{
	uint64_t *w = &s->seen[(seq % CHECK_WINDOW) / 64];
	uint64_t bit = (uint64_t)1 << (seq % 64);
	int was = (*w & bit) != 0;

	if (set)
		*w |= bit;
	else
		*w &= ~bit;
	return was;
}

/* Count seq in the stream: in order, after a gap, a duplicate, or late
 * (filling a gap). Counting starts at the first seen. */
void
check_seq(struct check_stream *s, uint64_t seq)
{
	uint64_t k;

	if (s->msgs++ == 0 || seq >= s->next) {
		if (s->msgs > 1)
			s->lost += seq - s->next;
		/* the window slides: the seqs it takes in are not seen */
		if (s->msgs == 1 || seq - s->next >= CHECK_WINDOW)
			memset(s->seen, 0, sizeof(s->seen));
		else
			for (k = s->next; k < seq; k++)
				check_bit(s, k, 0);
		check_bit(s, seq, 1);
		s->next = seq + 1;
		return;
	}
	if (s->next - seq <= CHECK_WINDOW && check_bit(s, seq, 1)) {
		s->dup++;
		return;
	}
	/* it fills a gap counted lost (too old to tell: taken as so) */
	s->reord++;
	s->lost -= s->lost > 0;
}

/* The stream of id on sock, made when new. Messages come in runs of
 * one stream (one sender, mostly), so the last one found is tried
 * first; the search over all is for a change of stream. */
static struct check_stream *
check_stream(struct check *c, const char *sock, uint64_t id)
{
	struct check_stream *s = c->last;
	size_t i;

	if (s != NULL && s->id == id && s->sock == sock)
		return s;
	for (i = 0; i < c->n; i++)
		if (c->streams[i]->id == id && c->streams[i]->sock == sock)
			return c->last = c->streams[i];
	s = xmalloc(sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->sock = sock;
	s->id = id;
	hist_init(&s->lat);
	c->streams = xrealloc(c->streams, (c->n + 1) * sizeof(*c->streams));
	c->streams[c->n++] = s;
	return c->last = s;
}

/* Count a message of n bytes numbered seq, come at now_ns, in s. */
static void
check_count(struct check_stream *s, uint64_t seq, uint64_t n, int64_t now_ns)
{
	check_seq(s, seq);
	s->bytes += n;
	if (s->msgs == 1)
		s->first_ns = now_ns;
	s->last_ns = now_ns;
}

/*
 * A message that came on sock: when its last frame is a stamp, take the
 * frame off m and count the message in its stream (1); with --check-seq,
 * count it by the number the application put in it, in one stream per
 * socket (1); else count it apart, as unnumbered (0). now_ns: when it
 * came, on the clock the stamp uses.
 */
int
check_take(struct check *c, const char *sock, struct msg *m, int64_t now_ns)
{
	const struct iovec *last;
	struct check_stream *s;
	struct stamp st;

	if (c->app != NULL) {
		if (seqspec_read(c->app, m->frames, m->nframes, &st.seq) == -1) {
			c->unstamped++;
			return 0;
		}
		s = check_stream(c, sock, 0);
		s->app = 1;
		check_count(s, st.seq, msg_size(m), now_ns);
		return 1;
	}
	last = m->nframes > 0 ? &m->frames[m->nframes - 1] : NULL;
	if (last == NULL || stamp_decode(last->iov_base, last->iov_len,
	    &st) == -1) {
		c->unstamped++;
		return 0;
	}
	m->nframes--;
	s = check_stream(c, sock, st.stream);
	check_count(s, st.seq, msg_size(m), now_ns);
	hist_add(&s->lat, now_ns > st.sent_ns ? (uint64_t)(now_ns -
	    st.sent_ns) : 0);
	return 1;
}

/* Nonzero when no stream lost, duplicated or reordered a message. */
int
check_clean(const struct check *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->streams[i]->lost || c->streams[i]->dup ||
		    c->streams[i]->reord)
			return 0;
	return 1;
}

/* One stream's line for the report: counts, the rates over the last secs
 * (the last period) or, with secs 0, from its first message to its last,
 * and a stamped stream's latency in us. */
void
check_line(const struct check_stream *s, double secs, char *buf, size_t len)
{
	const struct hist *h = &s->lat;
	uint64_t msgs = s->msgs - s->mark_msgs, bytes = s->bytes - s->mark_bytes;
	char name[32];
	int n;

	if (s->app)
		snprintf(name, sizeof(name), "numbers");
	else
		snprintf(name, sizeof(name), "stream %016" PRIx64, s->id);
	if (secs <= 0) {	/* the whole run: first to last */
		secs = (double)(s->last_ns - s->first_ns) / 1e9;
		msgs = s->msgs - 1;
		bytes = s->bytes;
	}
	n = snprintf(buf, len, "%s %s: %" PRIu64 " msgs (%.0f msg/s, %.2f "
	    "MB/s), %" PRIu64 " lost, %" PRIu64 " duplicated, %" PRIu64
	    " reordered", s->sock, name, s->msgs, secs > 0 ?
	    (double)msgs / secs : 0.0, secs > 0 ? (double)bytes / secs / 1e6 :
	    0.0, s->lost, s->dup, s->reord);
	if (h->n == 0 || n < 0 || (size_t)n >= len)
		return;
	snprintf(buf + n, len - (size_t)n, "; latency us min %.1f p50 %.1f "
	    "p90 %.1f p99 %.1f p99.9 %.1f max %.1f", (double)h->min / 1e3,
	    (double)hist_percentile(h, 50) / 1e3,
	    (double)hist_percentile(h, 90) / 1e3,
	    (double)hist_percentile(h, 99) / 1e3,
	    (double)hist_percentile(h, 99.9) / 1e3, (double)h->max / 1e3);
}

/* Free every stream. */
void
check_free(struct check *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->streams[i]);
	free(c->streams);
	c->streams = NULL;
	c->n = 0;
	c->last = NULL;
}
