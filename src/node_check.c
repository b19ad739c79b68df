/*
 * --check's report: a line per stream on stderr (-J: a JSON object),
 * every --stats period (its rates over the period) and at the end of a
 * run (over the stream's life); then, when some stream lost, duplicated
 * or reordered a message, or none was numbered, one line saying so, and
 * the run fails (status 1): a CI job can assert a link is clean.
 */
#include "config.h"

#include <err.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "jsonw.h"
#include "node_check.h"
#include "outbuf.h"
#include "waitset.h"
#include "xmalloc.h"

struct node_check {
	struct node		 node;
	struct check		*c;
	int			 json;
	int64_t			 period;	/* ms; 0: only at the end */
	int64_t			 due;		/* the next periodic report */
	int64_t			 last;		/* when the last one was */
};

/* One stream as a JSON object on stderr; secs as check_line's. */
static void
node_check_json(const struct check_stream *s, double secs)
{
	static const double pcts[] = { 50, 90, 99, 99.9 };
	static const char *const names[] = { "p50", "p90", "p99", "p99.9" };
	struct outbuf ob;
	struct jsonw w;
	char id[17];
	size_t i;

	snprintf(id, sizeof(id), "%016" PRIx64, s->id);
	outbuf_init(&ob, -1, 256);
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "check");
	jsonw_str(&w, s->sock);
	jsonw_key(&w, "stream");
	jsonw_str(&w, s->app ? "numbers" : id);
	jsonw_key(&w, "msgs");
	jsonw_uint(&w, s->msgs);
	if (secs > 0) {		/* a period's report */
		jsonw_key(&w, "period_msgs");
		jsonw_uint(&w, s->msgs - s->mark_msgs);
		jsonw_key(&w, "period_bytes");
		jsonw_uint(&w, s->bytes - s->mark_bytes);
	}
	jsonw_key(&w, "bytes");
	jsonw_uint(&w, s->bytes);
	jsonw_key(&w, "lost");
	jsonw_uint(&w, s->lost);
	jsonw_key(&w, "duplicated");
	jsonw_uint(&w, s->dup);
	jsonw_key(&w, "reordered");
	jsonw_uint(&w, s->reord);
	if (s->lat.n == 0) {
		jsonw_end(&w);
		fprintf(stderr, "%.*s\n", (int)ob.len, ob.buf);
		outbuf_free(&ob);
		return;
	}
	jsonw_key(&w, "latency_ns");
	jsonw_object(&w);
	jsonw_key(&w, "min");
	jsonw_uint(&w, s->lat.min);
	for (i = 0; i < sizeof(pcts) / sizeof(pcts[0]); i++) {
		jsonw_key(&w, names[i]);
		jsonw_uint(&w, hist_percentile(&s->lat, pcts[i]));
	}
	jsonw_key(&w, "max");
	jsonw_uint(&w, s->lat.max);
	jsonw_end(&w);
	jsonw_end(&w);
	fprintf(stderr, "%.*s\n", (int)ob.len, ob.buf);
	outbuf_free(&ob);
}

/* A line per stream: over secs (a period), or its life (0). */
static void
node_check_print(const struct node_check *k, double secs)
{
	char line[512];
	size_t i;

	for (i = 0; i < k->c->n; i++) {
		if (k->json)
			node_check_json(k->c->streams[i], secs);
		else {
			check_line(k->c->streams[i], secs, line, sizeof(line));
			fprintf(stderr, "zmqcat: check %s\n", line);
		}
		k->c->streams[i]->mark_msgs = k->c->streams[i]->msgs;
		k->c->streams[i]->mark_bytes = k->c->streams[i]->bytes;
	}
}

/* Wake for the next periodic report. */
static void
node_check_want(struct node *n, struct waitset *ws)
{
	struct node_check *k = (struct node_check *)n;

	if (k->period)
		waitset_due(ws, k->due);
}

/* A periodic report, once due. */
static void
node_check_tick(struct node *n, int64_t now)
{
	struct node_check *k = (struct node_check *)n;

	if (!k->period || now < k->due)
		return;
	node_check_print(k, (double)(now - k->last) / 1e3);
	k->last = now;
	k->due = now + k->period;
}

/* The report; a stream that is not clean, or nothing stamped, fails. */
static void
node_check_report(struct node *n, int signalled)
{
	const struct node_check *k = (const struct node_check *)n;
	const struct check *c = k->c;
	uint64_t lost = 0, dup = 0, reord = 0;
	size_t i;

	(void)signalled;
	node_check_print(k, 0);
	for (i = 0; i < c->n; i++) {
		lost += c->streams[i]->lost;
		dup += c->streams[i]->dup;
		reord += c->streams[i]->reord;
	}
	if (c->n == 0) {
		warnx("check: no %s message came (%" PRIu64 " without %s)",
		    c->app ? "numbered" : "stamped", c->unstamped,
		    c->app ? "a number" : "a stamp");
		n->failed = 1;
	} else if (!check_clean(c)) {
		warnx("check: %" PRIu64 " lost, %" PRIu64 " duplicated, %"
		    PRIu64 " reordered", lost, dup, reord);
		n->failed = 1;
	}
}

/* Only a report; node_destroy frees it (the check is the run's). */
static const struct node_ops node_check_ops = {
	.want = node_check_want,
	.tick = node_check_tick,
	.report = node_check_report,
};

/* The report of c, in JSON with json; every period ms too (0: only at
 * the end), from start (monotonic ms). */
struct node *
node_check_new(struct check *c, int json, int64_t period, int64_t start)
{
	struct node_check *k = xmalloc(sizeof(*k));

	memset(k, 0, sizeof(*k));
	k->c = c;
	k->json = json;
	k->period = period;
	k->last = start;
	k->due = start + period;
	node_init(&k->node, &node_check_ops, "check", "CHECK");
	return &k->node;
}
