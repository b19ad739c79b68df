/*
 * A generator as a source: the -m templates in order (or --file's bytes),
 * --repeat times, each rendered when it goes (%N its number from 0, %t
 * the time, %r random hex), padded to --size, split into frames at -F,
 * paced by --interval or --rate on the loop's clock, never by a wait of
 * its own. --demo-server is one: "%N" every second, forever.
 */
#include "config.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "clock.h"
#include "input.h"
#include "node_gen.h"
#include "outbuf.h"
#include "pace.h"
#include "peerwait.h"
#include "stamp.h"
#include "waitset.h"
#include "xmalloc.h"

#define NODE_GEN_BATCH	1024	/* messages handed on per turn, at most */

struct node_gen {
	struct node		 node;
	struct node_gen_conf	 c;
	struct pace		 pace;
	uint64_t		 k;		/* the message being sent: %N */
	uint64_t		 total;		/* all it sends; 0: no end */
	int			 ready;		/* message k is rendered */
	int			 stopped;	/* a message went wrong */
	int			 paced;		/* --interval or --rate */
	int			 timed;		/* a template shows the time */
	int			 fixed;		/* every message is the same */
	size_t			 nbody;		/* frames of the last rendered */
	struct outbuf		 body;		/* message k */
	struct iovec		*frames;	/* its frames (-F), and stamp */
	size_t			 cap;
	uint64_t		 stream;	/* --stamp: this run's id */
	unsigned char		 stamp[STAMP_LEN];
	struct peerwait		 wait;		/* --wait-peers */
};

/* How --wait-peers' log names a generator. */
static const struct peerwait_words node_gen_words = {
	"the generator", "sending", "sending", "nothing was sent"
};

/* Nonzero once it has nothing more to send. */
static int
node_gen_finished(const struct node *n)
{
	const struct node_gen *g = (const struct node_gen *)n;

	return g->stopped || (g->total > 0 && g->k >= g->total);
}

/* Wake when the next message is due, unless it waits for a sink. */
static void
node_gen_want(struct node *n, struct waitset *ws)
{
	struct node_gen *g = (struct node_gen *)n;

	if (!n->reading || n->holding || node_gen_finished(n))
		return;
	waitset_due(ws, pace_due(&g->pace));
}

/* --wait-peers: go once the sockets fed have their peers; and the next
 * message may go once it is due. */
static void
node_gen_tick(struct node *n, int64_t now)
{
	struct node_gen *g = (struct node_gen *)n;

	if (n->holding && peerwait_check(&g->wait)) {
		n->holding = 0;
		pace_init(&g->pace, now, g->c.feed.interval, g->c.feed.rate);
	}
	if (!n->holding && now >= pace_due(&g->pace))
		n->readable = 1;
}

/* Pad message k to --size, or stop the run when it is longer. */
static int
node_gen_pad(struct node_gen *g)
{
	size_t want = (size_t)g->c.size, have = g->body.len;
	char *o;

	if (have > want) {
		warnx("%s: message %llu is %zu bytes, more than --size %lld",
		    g->c.label, (unsigned long long)g->k, have, g->c.size);
		return -1;
	}
	if ((o = outbuf_reserve(&g->body, want - have)) == NULL)
		return -1;
	memset(o, '.', want - have);
	g->body.len = want;
	return 0;
}

/* Render message k into body: its template, or --file's bytes. */
static int
node_gen_render(struct node_gen *g)
{
	struct msg m;

	g->body.len = 0;
	if (g->c.ntmpls == 0)
		outbuf_put(&g->body, g->c.data, g->c.datalen);
	else {
		memset(&m, 0, sizeof(m));
		m.seq = g->k;
		m.time_ms = g->timed ? clock_wall_ms() : 0;
		format_render(g->c.tmpls[g->k % g->c.ntmpls], &m, &g->body);
	}
	if (g->c.size >= 0 && node_gen_pad(g) == -1)
		return -1;
	return 0;
}

/* Message k's frames: the body, split at -F if given, and room for the
 * stamp after them; returns how many, the stamp not counted. */
static size_t
node_gen_frames(struct node_gen *g)
{
	size_t n;

	if (g->cap < 2) {
		g->cap = 2;
		g->frames = xrealloc(g->frames, g->cap * sizeof(*g->frames));
	}
	if (g->c.feed.split != NULL)
		n = input_split(g->body.buf, g->body.len, g->c.feed.split,
		    g->c.feed.splitlen, &g->frames, &g->cap);
	else {
		g->frames[0].iov_base = g->body.buf;
		g->frames[0].iov_len = g->body.len;
		n = 1;
	}
	if (n + 1 > g->cap) {
		g->cap = n + 1;
		g->frames = xrealloc(g->frames, g->cap * sizeof(*g->frames));
	}
	return n;
}

/* --stamp: message k's stamp, now, as the frame after its n frames. */
static void
node_gen_stamp(struct node_gen *g, size_t n)
{
	struct stamp st;

	st.stream = g->stream;
	st.seq = g->k;
	st.sent_ns = clock_wall_ns();
	stamp_encode(&st, g->stamp);
	g->frames[n].iov_base = g->stamp;
	g->frames[n].iov_len = STAMP_LEN;
}

/* Put message k in n->msg once it is due. */
static int
node_gen_next(struct node *n)
{
	struct node_gen *g = (struct node_gen *)n;

	if (n->holding || node_gen_finished(n) ||
	    (g->paced && clock_mono_ms() < pace_due(&g->pace)))
		return 0;
	/* the same bytes each time: rendered once */
	if (!g->fixed || g->nbody == 0) {
		if (node_gen_render(g) == -1) {
			g->stopped = 1;
			n->failed = 1;
			return 0;
		}
		g->nbody = node_gen_frames(g);
	}
	n->msg.nframes = g->nbody;
	if (g->c.stamp)
		node_gen_stamp(g, n->msg.nframes++);
	n->msg.frames = g->frames;
	n->msg.seq = g->k;
	n->msg.to = -1;
	g->ready = 1;
	return 1;
}

/* Every route has message k: the next one is due after it. */
static void
node_gen_taken(struct node *n)
{
	struct node_gen *g = (struct node_gen *)n;

	g->ready = 0;
	g->k++;
	pace_sent(&g->pace, g->paced ? clock_mono_ms() : 0);
}

/* A message rendered but not yet handed on, for the end report. */
static size_t
node_gen_pending(const struct node *n)
{
	return ((const struct node_gen *)n)->ready;
}

/* At the end of a run still waiting for peers: say for what. */
static void
node_gen_report(struct node *n, int signalled)
{
	if (n->holding)
		peerwait_report(&((struct node_gen *)n)->wait, signalled);
}

/* Free the templates, the bytes and the node. */
static void
node_gen_destroy(struct node *n)
{
	struct node_gen *g = (struct node_gen *)n;
	size_t i;

	for (i = 0; i < g->c.ntmpls; i++)
		format_destroy(&g->c.tmpls[i]);
	free(g->c.tmpls);
	free(g->c.data);
	free(g->frames);
	outbuf_free(&g->body);
	peerwait_free(&g->wait);
	free(g);
}

static const struct node_ops node_gen_ops = {
	.want = node_gen_want,
	.tick = node_gen_tick,
	.next = node_gen_next,
	.taken = node_gen_taken,
	.finished = node_gen_finished,
	.exhausted = node_gen_finished,
	.pending = node_gen_pending,
	.report = node_gen_report,
	.destroy = node_gen_destroy,
};

/* A generator; it owns what conf points at (templates, data, fed). */
struct node *
node_gen_new(struct node_gen_conf *conf)
{
	struct node_gen *g = xmalloc(sizeof(*g));
	struct node *n = &g->node;
	int64_t now = clock_mono_ms();
	uint64_t per;

	memset(g, 0, sizeof(*g));
	g->c = *conf;
	node_init(n, &node_gen_ops, conf->name, conf->type);
	n->label = conf->label;
	n->flags = conf->flags;
	n->batch = (conf->flags & NODE_ORDERED) ? 1 : NODE_GEN_BATCH;
	n->msg.fdelim = conf->feed.fdelim;
	n->msg.fdelim_len = conf->feed.fdlen;
	per = conf->ntmpls > 0 ? conf->ntmpls : 1;
	/* more than 2^64 messages: as good as forever */
	if (conf->repeat > 0 && (uint64_t)conf->repeat <= UINT64_MAX / per)
		g->total = (uint64_t)conf->repeat * per;
	outbuf_init(&g->body, -1, 256);
	g->paced = conf->feed.interval > 0 || conf->feed.rate > 0;
	for (per = 0; per < conf->ntmpls; per++)
		g->timed |= format_uses(conf->tmpls[per], FMT_TIME);
	g->fixed = conf->ntmpls == 0 || (conf->ntmpls == 1 &&
	    !format_uses(conf->tmpls[0], FMT_SEQ) && !g->timed &&
	    !format_uses(conf->tmpls[0], FMT_RANDOM));
	/* a stream id apart from every other run's */
	if (conf->stamp && getrandom(&g->stream, sizeof(g->stream),
	    GRND_NONBLOCK) != (ssize_t)sizeof(g->stream))
		g->stream = (uint64_t)clock_wall_ns() ^ (uint64_t)getpid() << 32;
	pace_init(&g->pace, conf->first_later ? now + conf->feed.interval : now,
	    conf->feed.interval, conf->feed.rate);
	n->holding = peerwait_init(&g->wait, conf->feed.fed, conf->feed.nfed,
	    conf->feed.wait_peers, &node_gen_words);
	return n;
}
