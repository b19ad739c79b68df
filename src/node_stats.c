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
};

/* Print one report now. */
static void
node_stats_print(const struct node_stats *s)
{
	stats_print(s->c.nodes, s->c.nnodes, s->c.routes, s->c.nroutes,
	    clock_mono_ms() - s->c.start, s->c.json);
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
	node_stats_print(s);
	s->due = now + s->c.period;
}

/* The report at the end, after everything else was said. */
static void
node_stats_report(struct node *n, int signalled)
{
	(void)signalled;
	node_stats_print((struct node_stats *)n);
}

static const struct node_ops node_stats_ops = {
	.want = node_stats_want,
	.tick = node_stats_tick,
	.report = node_stats_report,
};

/* A node for --stats; what conf points at outlives it. */
struct node *
node_stats_new(const struct node_stats_conf *conf)
{
	struct node_stats *s = xmalloc(sizeof(*s));

	memset(s, 0, sizeof(*s));
	s->c = *conf;
	s->due = conf->start + conf->period;
	node_init(&s->node, &node_stats_ops, "stats", "STATS");
	return &s->node;
}
