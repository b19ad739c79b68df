/* --stats as a node: a report every period, and one at the end. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "node_stats.h"
#include "stats.h"
#include "waitset.h"
#include "xmalloc.h"

struct node_stats {
	struct node		 node;
	struct node_stats_conf	 c;
	int64_t			 due;
	int64_t			 last;	/* the last report */
	struct stats_since	 since;	/* the counts then */
};

/* Print one report now: the rates over the period (final: the run),
 * then note the counts for the next. */
static void
node_stats_print(struct node_stats *s, int final)
{
	const struct zsock *zs;
	int64_t now = clock_mono_ms();
	size_t i;

	if (final) {
		memset(s->since.msgs, 0, s->c.nnodes * sizeof(uint64_t));
		memset(s->since.bytes, 0, s->c.nnodes * sizeof(uint64_t));
	}
	s->since.ms = now - (final ? s->c.start : s->last);
	stats_print(s->c.nodes, s->c.nnodes, s->c.routes, s->c.nroutes,
	    now - s->c.start, &s->since, s->c.json);
	for (i = 0; i < s->c.nnodes; i++) {
		if ((zs = s->c.nodes[i]->zs) == NULL)
			continue;
		s->since.msgs[i] = zs->nrecv + zs->nsent;
		s->since.bytes[i] = zs->bytes_in + zs->bytes_out;
	}
	s->last = now;
}

/* Wake for the next periodic report. */
static void
node_stats_want(struct node *n, struct waitset *ws)
{
	struct node_stats *s = (struct node_stats *)n;

	if (s->c.period)
		waitset_due(ws, s->due);
}

/* Report when the period is up. */
static void
node_stats_tick(struct node *n, int64_t now)
{
	struct node_stats *s = (struct node_stats *)n;

	if (!s->c.period || now < s->due)
		return;
	node_stats_print(s, 0);
	s->due = now + s->c.period;
}

/* The report at the end, after everything else was said. */
static void
node_stats_report(struct node *n, int signalled)
{
	(void)signalled;
	node_stats_print((struct node_stats *)n, 1);
}

/* Free the counts kept and the node. */
static void
node_stats_destroy(struct node *n)
{
	struct node_stats *s = (struct node_stats *)n;

	free(s->since.msgs);
	free(s->since.bytes);
	free(s);
}

static const struct node_ops node_stats_ops = {
	.want = node_stats_want,
	.tick = node_stats_tick,
	.report = node_stats_report,
	.destroy = node_stats_destroy,
};

/* A node for --stats; what conf points at outlives it. */
struct node *
node_stats_new(const struct node_stats_conf *conf)
{
	struct node_stats *s = xmalloc(sizeof(*s));

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	s->due = conf->start + conf->period;
	s->last = conf->start;
	s->since.msgs = xmalloc((conf->nnodes + 1) * sizeof(uint64_t));
	s->since.bytes = xmalloc((conf->nnodes + 1) * sizeof(uint64_t));
	memset(s->since.msgs, 0, (conf->nnodes + 1) * sizeof(uint64_t));
	memset(s->since.bytes, 0, (conf->nnodes + 1) * sizeof(uint64_t));
	node_init(&s->node, &node_stats_ops, "stats", "STATS");
	return &s->node;
}
