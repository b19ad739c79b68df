/*
 * The end of a run with fake nodes and a fake clock: what ends RUN (-c,
 * -W, -T, nothing left to do, the input given up for want of a peer),
 * how long DRAIN and AWAIT last, what is said of what was not sent or
 * delivered, and the exit status. Sockets are hand-made zsocks over real
 * specs; no signal is ever caught here (signals_caught stays 0).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include "../src/ending.h"
#include "../src/forward.h"
#include "../src/status.h"
#include "../src/waitset.h"
#include "tap.h"
#include "fakenode.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const three[] = { "1", "2", "3" };
static char *said;		/* what the last turn wrote on stderr */

/* Turn the ending at now; returns what it wrote on stderr. */
static const char *
turn(struct ending *e, int64_t now)
{
	char path[] = "/tmp/zmqcat-unit-ending.XXXXXX";
	int fd = mkstemp(path), saved = dup(STDERR_FILENO);
	off_t len;

	if (fd == -1 || saved == -1)
		abort();
	unlink(path);
	dup2(fd, STDERR_FILENO);
	ending_turn(e, now);
	dup2(saved, STDERR_FILENO);
	close(saved);
	len = lseek(fd, 0, SEEK_END);
	said = xrealloc(said, (size_t)len + 1);
	if (pread(fd, said, (size_t)len, 0) != len)
		abort();
	said[len] = '\0';
	close(fd);
	return said;
}

/* Check that a turn said exactly want. */
static void
said_is(const char *got, const char *want, const char *what)
{
	int ok = strcmp(got, want) == 0;

	tap_ok(ok, "%s", what);
	if (!ok)
		tap_diag("said: '%s'\n# want: '%s'", got, want);
}

/* A world and the ending over it. */
struct trial {
	struct world	w;
	struct ending	e;
	struct fake	*in;
};

/* Start the ending at start, over the world's forwarding (built now). */
static void
run_start(struct trial *r, const struct ending_conf *c, int64_t start)
{
	world_forward(&r->w, 0);
	r->in = r->w.ends.in >= 0 ? r->w.f[r->w.ends.in] : NULL;
	ending_init(&r->e, c, r->w.nodes, r->w.n, &r->w.fwd,
	    r->in != NULL ? &r->in->node : NULL, start);
}

/* Release the run. */
static void
run_free(struct trial *r)
{
	ending_free(&r->e);
	world_free(&r->w);
}

/* Offer held messages again where the ending allows, as the loop does
 * before each turn. */
static void
retry_held(struct trial *r)
{
	size_t i;

	for (i = 0; i < r->w.n; i++)
		if (r->w.nodes[i]->held && ending_may_offer(&r->e,
		    r->w.nodes[i]) && forward_offer(&r->w.fwd, r->w.nodes[i]))
			ending_moved(&r->e);
}

/* A socket that receives forever (eof never comes), routed to stdout:
 * a live source, so the run does not end for want of one. */
static struct fake *
add_live(struct world *w)
{
	struct fake *pull = world_sock(w, "pull=PULL:bind:tcp://*:9",
	    NODE_COUNTED);

	if (w->ends.out < 0)
		world_add(w, "stdout", NODE_SINK);
	world_route(w, "pull:stdout");
	return pull;
}

/* Messages noted by ending_count: counted or not, routed or not. */
static const struct {
	long long	 count;
	const char	*steps;		/* C or U(ncounted), routed */
	uint64_t	 ndelivered;
	int		 stops;
} count_cases[] = {
	{ 2, "C1C1", 2, 1 },
	{ 2, "C1U1C0", 1, 0 },
	{ 2, "C3U1C0C2", 2, 1 },
	{ 0, "C1C1C1C1", 4, 0 },
	{ 1, "U1U1U1", 0, 0 },
	{ 1, "C0C0", 0, 0 },
	{ 3, "C1C1C1", 3, 1 },
};

/* -c stops the run after N counted messages that went somewhere. */
static void
test_count(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *cnt, *unc;
	const char *p, *s;
	size_t i;
	int ok;

	for (i = 0; i < N(count_cases); i++) {
		world_init(&r.w);
		cnt = add_live(&r.w);
		unc = world_add(&r.w, "stdin", NODE_INPUT);
		c.count = count_cases[i].count;
		run_start(&r, &c, 0);
		for (p = count_cases[i].steps; *p != '\0'; p += 2)
			ending_count(&r.e, p[0] == 'C' ? &cnt->node :
			    &unc->node, (size_t)(p[1] - '0'));
		ok = r.e.ndelivered == count_cases[i].ndelivered &&
		    ending_reading(&r.e) == !count_cases[i].stops &&
		    (!count_cases[i].stops || strcmp(r.e.ended_by, "-c") == 0);
		tap_ok(ok, "-c %lld after %s: %llu counted, %s",
		    count_cases[i].count, count_cases[i].steps,
		    (unsigned long long)count_cases[i].ndelivered,
		    count_cases[i].stops ? "stops" : "reads on");
		if (count_cases[i].stops) {
			s = turn(&r.e, 5);
			tap_ok(ending_done(&r.e) && *s == '\0' &&
			    ending_status(&r.e) == ZC_OK && !r.e.timed_out,
			    "-c %lld: with nothing held or queued, done in the "
			    "same turn, status 0, nothing said",
			    count_cases[i].count);
		}
		run_free(&r);
	}
}

/* -W ends the run at start + W: status 3 when -c was not reached. */
static void
test_timeout(void)
{
	static const long long counts[] = { 5, 0, 2 };
	struct ending_conf c = { .timeout_ms = 1000, .linger = 1000 };
	struct trial r;
	struct fake *pull;
	size_t i;
	const char *s;

	for (i = 0; i < N(counts); i++) {
		world_init(&r.w);
		pull = add_live(&r.w);
		c.count = counts[i];
		run_start(&r, &c, 500);
		ending_count(&r.e, &pull->node, 1);
		ending_count(&r.e, &pull->node, 1);
		if (counts[i] == 2) {
			s = turn(&r.e, 600);
			tap_ok(ending_done(&r.e) && !r.e.timed_out &&
			    ending_status(&r.e) == ZC_OK && *s == '\0',
			    "-W -c 2: -c reached first, status 0");
			run_free(&r);
			continue;
		}
		turn(&r.e, 1499);
		tap_ok(ending_reading(&r.e) && r.e.phase == ENDING_RUN,
		    "-W 1000 -c %lld: still reading 999 ms after the start",
		    counts[i]);
		s = turn(&r.e, 1500);
		tap_ok(ending_done(&r.e) && r.e.timed_out &&
		    strcmp(r.e.ended_by, "-W") == 0 && *s == '\0',
		    "-W 1000 -c %lld: over at 1000 ms, timed out, nothing said",
		    counts[i]);
		tap_ok(ending_status(&r.e) == (counts[i] ? ZC_TIMEOUT : ZC_OK),
		    "-W 1000 -c %lld: status %d", counts[i],
		    counts[i] ? ZC_TIMEOUT : ZC_OK);
		run_free(&r);
	}
}

/* -T ends the run once no message moved for T; a move restarts it. */
static void
test_idle(void)
{
	static const long long counts[] = { 0, 3 };
	struct ending_conf c = { .idle_ms = 500, .linger = 1000 };
	struct trial r;
	struct fake *pull;
	size_t i;

	for (i = 0; i < N(counts); i++) {
		world_init(&r.w);
		pull = add_live(&r.w);
		c.count = counts[i];
		run_start(&r, &c, 0);
		turn(&r.e, 100);
		ending_count(&r.e, &pull->node, 1);
		turn(&r.e, 300);
		turn(&r.e, 799);
		tap_ok(ending_reading(&r.e), "-T 500 -c %lld: a message at 300 "
		    "keeps it going at 799", counts[i]);
		ending_moved(&r.e);
		turn(&r.e, 800);
		turn(&r.e, 1299);
		tap_ok(ending_reading(&r.e), "-T 500 -c %lld: a held message "
		    "that went at 800 keeps it going at 1299", counts[i]);
		turn(&r.e, 1300);
		tap_ok(ending_done(&r.e) && r.e.timed_out &&
		    strcmp(r.e.ended_by, "-T") == 0 &&
		    ending_status(&r.e) == (counts[i] ? ZC_TIMEOUT : ZC_OK),
		    "-T 500 -c %lld: over at 1300, status %d", counts[i],
		    counts[i] ? ZC_TIMEOUT : ZC_OK);
		run_free(&r);
	}
	world_init(&r.w);
	add_live(&r.w);
	c.count = 0;
	run_start(&r, &c, 0);
	turn(&r.e, 500);
	tap_ok(ending_done(&r.e) && r.e.timed_out,
	    "-T 500: no message at all, over at 500");
	run_free(&r);
}

/* A socket's message held for a full sink: the run stopped by -c at 100
 * drains until stop + linger (never past -W), then says it was lost. */
static void
test_drain(void)
{
	static const char *const one[] = { "m" };
	static const int64_t ws[] = { 0, 600 };
	struct ending_conf c = { .count = 1, .linger = 1000 };
	struct trial r;
	struct fake *pull, *a;
	const char *s;
	int64_t end;
	size_t i;

	for (i = 0; i < N(ws); i++) {
		world_init(&r.w);
		pull = world_sock(&r.w, "pull=PULL:bind:tcp://*:1",
		    NODE_COUNTED);
		a = world_add(&r.w, "a", NODE_SINK);
		world_route(&r.w, "pull:a");
		a->answer = 0;
		c.timeout_ms = ws[i];
		end = ws[i] ? ws[i] : 1100;
		run_start(&r, &c, 0);
		fake_script(pull, one, 1);
		ending_count(&r.e, &pull->node, (size_t)world_send(&r.w,
		    pull));
		s = turn(&r.e, 100);
		tap_ok(r.e.phase == ENDING_DRAIN && !ending_reading(&r.e) &&
		    r.e.until == end && *s == '\0',
		    "drain (-W %lld): held at the end, drains until %lld",
		    (long long)ws[i], (long long)end);
		s = turn(&r.e, end - 1);
		tap_ok(r.e.phase == ENDING_DRAIN && *s == '\0',
		    "drain (-W %lld): still draining at %lld", (long long)ws[i],
		    (long long)end - 1);
		s = turn(&r.e, end);
		said_is(s, "zmqcat: pull: a received message was not "
		    "delivered: a is full\n", "drain: over at its time, the "
		    "held message is said lost");
		tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME &&
		    !pull->node.held && a->node.owed == 0 && a->nidle == 1 &&
		    a->nreports == 1 && pull->nreports == 1 &&
		    !pull->signalled, "drain: status 1; the held message "
		    "abandoned; each node flushed and reported once");
		run_free(&r);
	}

	world_init(&r.w);
	pull = world_sock(&r.w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&r.w, "a", NODE_SINK);
	world_route(&r.w, "pull:a");
	a->answer = 0;
	c.timeout_ms = 0;
	run_start(&r, &c, 0);
	fake_script(pull, one, 1);
	ending_count(&r.e, &pull->node, (size_t)world_send(&r.w, pull));
	turn(&r.e, 100);
	a->answer = 1;
	tap_ok(ending_may_offer(&r.e, &pull->node) &&
	    forward_offer(&r.w.fwd, &pull->node) == 1,
	    "drain: a socket's held message may still go after the end");
	ending_moved(&r.e);
	s = turn(&r.e, 200);
	tap_ok(ending_done(&r.e) && *s == '\0' &&
	    ending_status(&r.e) == ZC_OK &&
	    strcmp(fake_got(a), "m;") == 0, "drain: once it went, on at "
	    "once, status 0, nothing said");
	run_free(&r);
}

/* Sockets that were sent messages and had no peer yet, or not. */
static const struct {
	const char	*spec;
	uint64_t	 nsent;
	int		 known, ever;
	const char	*said;		/* NULL: no wait */
} await_cases[] = {
	{ "push=PUSH:bind:tcp://*:1", 3, 1, 0, "zmqcat: push: no peer "
	    "connected within 1000 ms; 3 messages not delivered\n" },
	{ "dealer=DEALER:connect:tcp://h:1", 1, 1, 0, "zmqcat: dealer: no "
	    "peer connected within 1000 ms; 1 message not delivered\n" },
	{ "push=PUSH:bind:tcp://*:1", 3, 1, 1, NULL },
	{ "push=PUSH:bind:tcp://*:1", 0, 1, 0, NULL },
	{ "push=PUSH:bind:inproc://x", 3, 0, 0, NULL },
	{ "pub=PUB:bind:tcp://*:1", 3, 1, 0, NULL },
	{ "xpub=XPUB:bind:tcp://*:1", 3, 1, 0, NULL },
};

/* AWAIT lasts while a socket sent messages and never had a peer, up to
 * the linger from the end; then what it queued is said lost. */
static void
test_await(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *s;
	const char *got;
	size_t i;

	for (i = 0; i < N(await_cases); i++) {
		world_init(&r.w);
		s = world_sock(&r.w, await_cases[i].spec, NODE_SINK);
		s->zs->nsent = await_cases[i].nsent;
		s->zs->peers_known = await_cases[i].known;
		s->zs->ever_peered = await_cases[i].ever;
		run_start(&r, &c, 0);
		got = turn(&r.e, 100);
		if (await_cases[i].said == NULL) {
			tap_ok(ending_done(&r.e) && *got == '\0' &&
			    ending_status(&r.e) == ZC_OK, "await %s sent %d "
			    "known %d peered %d: no wait, status 0",
			    await_cases[i].spec, (int)await_cases[i].nsent,
			    await_cases[i].known, await_cases[i].ever);
			run_free(&r);
			continue;
		}
		tap_ok(r.e.phase == ENDING_AWAIT && r.e.until == 1100 &&
		    *got == '\0', "await %s: nothing left to do at 100, "
		    "waits until 1100", await_cases[i].spec);
		got = turn(&r.e, 1099);
		tap_ok(r.e.phase == ENDING_AWAIT && *got == '\0',
		    "await %s: still waiting at 1099", await_cases[i].spec);
		got = turn(&r.e, 1100);
		said_is(got, await_cases[i].said, "await: at the linger, what "
		    "was queued is said lost");
		tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME,
		    "await %s: done, status 1", await_cases[i].spec);
		run_free(&r);
	}
}

/* A peer that comes during AWAIT ends it; -W bounds it. */
static void
test_await_end(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *s;
	const char *got;

	world_init(&r.w);
	s = world_sock(&r.w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	s->zs->nsent = 2;
	run_start(&r, &c, 0);
	turn(&r.e, 100);
	s->zs->ever_peered = 1;
	s->zs->peers = 1;
	got = turn(&r.e, 400);
	tap_ok(ending_done(&r.e) && *got == '\0' &&
	    ending_status(&r.e) == ZC_OK, "await: a peer at 400 ends it, "
	    "nothing lost, status 0");
	run_free(&r);

	world_init(&r.w);
	s = world_sock(&r.w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	s->zs->nsent = 2;
	c.timeout_ms = 600;
	run_start(&r, &c, 0);
	turn(&r.e, 100);
	tap_ok(r.e.phase == ENDING_AWAIT && r.e.until == 600,
	    "await -W 600: waits no longer than -W");
	got = turn(&r.e, 600);
	said_is(got, "zmqcat: push: no peer connected before -W ran out; 2 "
	    "messages not delivered\n", "await -W 600: cut by -W, said so");
	tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME,
	    "await -W 600: status 1");
	run_free(&r);

	world_init(&r.w);
	s = world_sock(&r.w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	s->zs->nsent = 2;
	s->zs->nfailed = 1;
	s->zs->last_failure.event = ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
	s->zs->last_failure.value = 400;
	c.timeout_ms = 0;
	run_start(&r, &c, 0);
	turn(&r.e, 100);
	got = turn(&r.e, 1100);
	said_is(got, "zmqcat: push: no peer connected within 1000 ms; 2 "
	    "messages not delivered (1 handshake failed: refused by the "
	    "authenticator, status 400)\n", "await: the failed handshake "
	    "says why no peer came");
	run_free(&r);
}

/* A connecting socket that sent nothing and never got through says why. */
static void
test_unshaken(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *s;
	const char *got;

	world_init(&r.w);
	s = world_sock(&r.w, "push=PUSH:connect:tcp://nohost:1", NODE_SINK);
	s->zs->unreachable = 1;
	run_start(&r, &c, 0);
	got = turn(&r.e, 100);
	said_is(got, "zmqcat: push: never connected: the host could not be "
	    "resolved or reached\n", "unshaken: an unreachable host is said");
	tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME,
	    "unshaken: status 1");
	run_free(&r);

	world_init(&r.w);
	s = world_sock(&r.w, "sub=SUB:connect:tcp://h:1", NODE_COUNTED);
	s->zs->nfailed = 2;
	s->zs->last_failure.event = ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL;
	s->zs->last_failure.value = ECONNRESET;
	world_add(&r.w, "stdout", NODE_SINK);
	world_route(&r.w, "sub:stdout");
	c.timeout_ms = 300;
	run_start(&r, &c, 0);
	got = turn(&r.e, 300);
	said_is(got, "zmqcat: sub: no handshake succeeded (2 handshakes "
	    "failed: Connection reset by peer; does the peer want another "
	    "security mechanism?)\n", "unshaken: failed handshakes are said, "
	    "with a hint");
	tap_ok(ending_status(&r.e) == ZC_RUNTIME, "unshaken: status 1 even "
	    "after -W without -c");
	run_free(&r);

	world_init(&r.w);
	s = world_sock(&r.w, "sub=SUB:bind:tcp://*:1", NODE_COUNTED);
	s->zs->nfailed = 2;
	s->zs->last_failure.event = ZMQ_EVENT_HANDSHAKE_FAILED_AUTH;
	world_add(&r.w, "stdout", NODE_SINK);
	world_route(&r.w, "sub:stdout");
	run_start(&r, &c, 0);
	got = turn(&r.e, 300);
	tap_ok(*got == '\0' && ending_status(&r.e) == ZC_OK,
	    "unshaken: a bound socket's refused clients are not ours to say");
	run_free(&r);
}

/* What may keep the input's held message from being given up. */
static const struct {
	const char	*what;
	const char	*sink;		/* a spec, or NULL: stdout */
	int		 peers, known;
	int64_t		 awaiting;
	int		 eof, exit_on_eof, live, timeout_reply;
	int64_t		 at;		/* given up then; -1 never */
	const char	*said;
} giveup_cases[] = {
	{ "no peer", "push=PUSH:bind:tcp://*:1", 0, 1, 0, 1, 0, 0, 0, 1200,
	    "zmqcat: stdin: 3 messages not sent: push had no peer for 1000 "
	    "ms\n" },
	{ "a peer", "push=PUSH:bind:tcp://*:1", 1, 1, 0, 1, 0, 0, 0, -1,
	    NULL },
	{ "peers unknown", "push=PUSH:bind:inproc://x", 0, 0, 0, 1, 0, 0, 0,
	    -1, NULL },
	{ "stdin not at its end", "push=PUSH:bind:tcp://*:1", 0, 1, 0, 0, 0,
	    0, 0, -1, NULL },
	{ "stdin not at its end, -e", "push=PUSH:bind:tcp://*:1", 0, 1, 0, 0,
	    1, 0, 0, 1200, "zmqcat: stdin: 3 messages not sent: push had no "
	    "peer for 1000 ms\n" },
	{ "a live source", "push=PUSH:bind:tcp://*:1", 0, 1, 0, 1, 0, 1, 0,
	    -1, NULL },
	{ "a live source, -e", "push=PUSH:bind:tcp://*:1", 0, 1, 0, 1, 1, 1,
	    0, 1200, "zmqcat: stdin: 3 messages not sent: push had no peer "
	    "for 1000 ms\n" },
	{ "held for stdout", NULL, 0, 1, 0, 1, 0, 0, 0, -1, NULL },
	{ "REQ, no reply timeout", "req=REQ:bind:tcp://*:1", 0, 1, 0, 1, 0, 0,
	    0, 1200, "zmqcat: stdin: 3 messages not sent: req had no peer for "
	    "1000 ms\n" },
	{ "REQ, --timeout-reply 3000", "req=REQ:bind:tcp://*:1", 0, 1, 0, 1,
	    0, 0, 3000, 3200, "zmqcat: stdin: 3 messages not sent: req had no "
	    "peer for 3000 ms\n" },
	{ "REQ awaiting its reply", "req=REQ:bind:tcp://*:1", 0, 1, 150, 1, 0,
	    0, 3000, -1, NULL },
};

/* The input's held message is given up once every socket it waits for
 * had no peer for the linger (a REQ's --timeout-reply), and only when
 * nothing else can come. */
static void
test_give_up(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *in, *sink;
	struct waitset ws;
	const char *got;
	size_t i;

	waitset_init(&ws);
	for (i = 0; i < N(giveup_cases); i++) {
		world_init(&r.w);
		in = world_add(&r.w, "stdin", NODE_INPUT);
		if (giveup_cases[i].sink != NULL) {
			sink = world_sock(&r.w, giveup_cases[i].sink,
			    NODE_SINK);
			sink->zs->peers = giveup_cases[i].peers;
			sink->zs->peers_known = giveup_cases[i].known;
			sink->zs->nopeer_since = 200;
			sink->zs->awaiting_since = giveup_cases[i].awaiting;
			world_route(&r.w, giveup_cases[i].sink[0] == 'p' ?
			    "stdin:push" : "stdin:req");
		} else {
			sink = world_add(&r.w, "stdout", NODE_SINK);
			world_route(&r.w, "stdin:stdout");
		}
		if (giveup_cases[i].live)
			add_live(&r.w);
		sink->answer = 0;
		in->eof = giveup_cases[i].eof;
		c.exit_on_eof = giveup_cases[i].exit_on_eof;
		c.timeout_reply = giveup_cases[i].timeout_reply;
		fake_script(in, three, N(three));
		run_start(&r, &c, 0);
		world_send(&r.w, in);
		if (giveup_cases[i].at < 0) {
			got = turn(&r.e, 100000);
			tap_ok(ending_reading(&r.e) && r.e.gave_up == 0 &&
			    *got == '\0', "give up? %s: never",
			    giveup_cases[i].what);
			run_free(&r);
			continue;
		}
		waitset_reset(&ws);
		ending_want(&r.e, &ws);
		tap_ok(ws.due == giveup_cases[i].at, "give up? %s: the loop "
		    "wakes for it at %lld", giveup_cases[i].what,
		    (long long)giveup_cases[i].at);
		got = turn(&r.e, giveup_cases[i].at - 1);
		tap_ok(ending_reading(&r.e) && *got == '\0',
		    "give up? %s: not at %lld", giveup_cases[i].what,
		    (long long)giveup_cases[i].at - 1);
		got = turn(&r.e, giveup_cases[i].at);
		said_is(got, giveup_cases[i].said, giveup_cases[i].what);
		tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME &&
		    r.e.ended_by == NULL && !ending_may_offer(&r.e, &in->node),
		    "give up? %s: at %lld, done, status 1, not offered again",
		    giveup_cases[i].what, (long long)giveup_cases[i].at);
		run_free(&r);
	}
	waitset_free(&ws);
}

/* Once the run gave up on a peer it does not wait for one again: other
 * sockets that queued messages and never had a peer are said lost at
 * once, not after another linger. */
static void
test_give_up_await(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *in, *dealer, *push;
	const char *got;

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	dealer = world_sock(&r.w, "dealer=DEALER:connect:tcp://h:1",
	    NODE_SINK);
	dealer->zs->nsent = 2;
	push = world_sock(&r.w, "push=PUSH:bind:tcp://*:2", NODE_SINK);
	push->zs->nopeer_since = 200;
	push->answer = 0;
	world_route(&r.w, "stdin:dealer");
	world_route(&r.w, "stdin:push");
	in->eof = 1;
	fake_script(in, three, N(three));
	run_start(&r, &c, 0);
	world_send(&r.w, in);
	tap_ok(in->node.held && strcmp(fake_got(dealer), "1;") == 0,
	    "give up, await: the connecting DEALER queued it, the PUSH holds");
	got = turn(&r.e, 1200);
	said_is(got, "zmqcat: stdin: 3 messages not sent: push had no peer "
	    "for 1000 ms\nzmqcat: dealer: no peer connected within 1000 ms; 2 "
	    "messages not delivered\n", "give up, await: both losses said");
	tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME,
	    "give up, await: done at once, no second wait; status 1");
	run_free(&r);
}

/* Once the run is over, the input's held message is not offered to a
 * REQ (its reply would never be read), but still to others; while the
 * run reads, to all. What was not sent is said, with what ended it. */
static void
test_may_offer(void)
{
	static const char *const one[] = { "m" };
	struct ending_conf c = { .count = 1, .linger = 1000 };
	struct trial r;
	struct fake *in, *req, *pull, *a;
	const char *got;

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	req = world_sock(&r.w, "req=REQ:connect:tcp://h:1", NODE_SINK);
	req->zs->peers = 1;
	req->zs->ever_peered = 1;
	req->zs->awaiting_since = 50;
	req->answer = 0;
	pull = world_sock(&r.w, "pull=PULL:bind:tcp://*:2", NODE_COUNTED);
	a = world_add(&r.w, "a", NODE_SINK);
	a->answer = 0;
	world_route(&r.w, "stdin:req");
	world_route(&r.w, "pull:a");
	run_start(&r, &c, 0);
	fake_script(in, three, N(three));
	fake_script(pull, one, 1);
	world_send(&r.w, in);
	tap_ok(in->node.held && ending_may_offer(&r.e, &in->node),
	    "may offer: while the run reads, the input's message to a REQ");
	ending_count(&r.e, &pull->node, (size_t)world_send(&r.w, pull));
	turn(&r.e, 100);
	tap_ok(r.e.phase == ENDING_DRAIN &&
	    !ending_may_offer(&r.e, &in->node) &&
	    ending_may_offer(&r.e, &pull->node),
	    "may offer: after -c, not the input's to a REQ; a socket's yes");
	req->zs->awaiting_since = 0;
	tap_ok(!ending_may_offer(&r.e, &in->node), "may offer: not even once "
	    "the REQ has its reply");
	retry_held(&r);
	got = turn(&r.e, 1100);
	said_is(got, "zmqcat: pull: a received message was not delivered: a "
	    "is full\nzmqcat: stdin: 3 messages not sent: -c ended the run "
	    "first\n", "may offer: the held back input is not sent because "
	    "-c ended the run");
	tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_RUNTIME &&
	    req->noffers == 1, "may offer: status 1; the REQ was offered "
	    "the message once");
	run_free(&r);

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	a = world_sock(&r.w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	a->zs->peers = 1;
	a->zs->ever_peered = 1;
	a->answer = 0;
	pull = add_live(&r.w);
	world_route(&r.w, "stdin:push");
	c.count = 0;
	c.timeout_ms = 2000;
	run_start(&r, &c, 0);
	fake_script(in, three, N(three));
	world_send(&r.w, in);
	turn(&r.e, 1500);
	ending_abort(&r.e);
	tap_ok(!ending_reading(&r.e) && ending_may_offer(&r.e, &in->node),
	    "may offer: after the end, the input's message to a PUSH");
	got = turn(&r.e, 1600);
	tap_ok(r.e.phase == ENDING_DRAIN && r.e.until == 2000 && *got == '\0',
	    "may offer: so it drains, until -W");
	got = turn(&r.e, 2000);
	said_is(got, "zmqcat: stdin: 3 messages not sent: push is full\n",
	    "may offer: then why it was not sent is the sink's");
	tap_ok(ending_status(&r.e) == ZC_RUNTIME, "abort: status 1");
	run_free(&r);
}

/* What "nothing left to do" ends, and what it does not. */
static const struct {
	const char	*what;
	int		 input;		/* 0 none, 1 ended, 2 read */
	int		 held, live, exit_on_eof;
	int64_t		 awaiting;	/* a REQ waits for its reply */
	int		 stops;
} idle_cases[] = {
	{ "stdin done, nothing else", 1, 0, 0, 0, 0, 1 },
	{ "stdin still read", 2, 0, 0, 0, 0, 0 },
	{ "stdin done but held", 1, 1, 0, 0, 0, 0 },
	{ "stdin done, a live source", 1, 0, 1, 0, 0, 0 },
	{ "stdin done, a live source, -e", 1, 0, 1, 1, 0, 1 },
	{ "stdin still read, -e", 2, 0, 0, 1, 0, 0 },
	{ "no input, no source", 0, 0, 0, 0, 0, 1 },
	{ "no input, a live source", 0, 0, 1, 0, 0, 0 },
	{ "no input, a live source, -e", 0, 0, 1, 1, 0, 0 },
	{ "stdin done, a REQ awaits its reply", 1, 0, 0, 0, 70, 0 },
};

/* With nothing left to do, the run ends as if -e were given. */
static void
test_nothing_left(void)
{
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *in, *req;
	const char *got;
	size_t i;
	int ok;

	for (i = 0; i < N(idle_cases); i++) {
		world_init(&r.w);
		req = world_sock(&r.w, "req=REQ:bind:tcp://*:1", NODE_SINK);
		req->zs->awaiting_since = idle_cases[i].awaiting;
		req->zs->ever_peered = 1;
		if (idle_cases[i].input) {
			in = world_add(&r.w, "stdin", NODE_INPUT);
			in->eof = idle_cases[i].input == 1;
			fake_script(in, three, idle_cases[i].held ? 1 : 0);
			world_add(&r.w, "a", NODE_SINK)->answer = 0;
			world_route(&r.w, "stdin:a");
		}
		if (idle_cases[i].live)
			add_live(&r.w);
		c.exit_on_eof = idle_cases[i].exit_on_eof;
		run_start(&r, &c, 0);
		if (idle_cases[i].held)
			world_send(&r.w, r.in);
		got = turn(&r.e, 100);
		ok = ending_reading(&r.e) == !idle_cases[i].stops;
		if (idle_cases[i].stops)
			ok = ok && ending_done(&r.e) && r.e.ended_by == NULL &&
			    ending_status(&r.e) == ZC_OK && *got == '\0';
		tap_ok(ok, "nothing left? %s: %s", idle_cases[i].what,
		    idle_cases[i].stops ? "over, status 0, nothing said" :
		    "goes on");
		run_free(&r);
	}
}

/* A closed stdout stops the run at once and quietly: no drain, no word
 * of what was held or not sent. */
static void
test_quiet(void)
{
	static const char *const one[] = { "m" };
	struct ending_conf c = { .linger = 1000 };
	struct trial r;
	struct fake *in, *out, *pull;
	const char *got;

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	out = world_add(&r.w, "stdout", NODE_SINK);
	pull = world_sock(&r.w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	world_route(&r.w, "stdin:stdout");
	world_route(&r.w, "pull:stdout");
	out->answer = 0;
	run_start(&r, &c, 0);
	fake_script(in, three, N(three));
	fake_script(pull, one, 1);
	world_send(&r.w, in);
	world_send(&r.w, pull);
	out->node.quiet = 1;
	r.e.halt = 1;
	tap_ok(!ending_reading(&r.e), "quiet: a halt stops reading at once");
	got = turn(&r.e, 100);
	tap_ok(ending_done(&r.e) && *got == '\0' &&
	    ending_status(&r.e) == ZC_OK, "quiet: done in the same turn, "
	    "nothing said, status 0");
	run_free(&r);
}

/*
 * A closed stdout asks the run to stop now, as a signal does (the man
 * page, ENDING A RUN): not only when it closes while the run reads, but
 * also while held messages drain, and without waiting for a peer.
 * Both cases below fail on the code as it is (see the report of h-unit):
 * ending_check_nodes, which notes a node's quiet, runs in RUN only, and
 * the AWAIT phase does not look at quiet.
 */
static void
test_quiet_later(void)
{
	static const char *const one[] = { "m" };
	struct ending_conf c = { .count = 1, .linger = 1000 };
	struct trial r;
	struct fake *pull, *a, *out, *push;
	const char *got;

	world_init(&r.w);
	pull = world_sock(&r.w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&r.w, "a", NODE_SINK);
	out = world_add(&r.w, "stdout", NODE_SINK);
	world_route(&r.w, "pull:a");
	world_route(&r.w, "pull:stdout");
	a->answer = 0;
	run_start(&r, &c, 0);
	fake_script(pull, one, 1);
	ending_count(&r.e, &pull->node, (size_t)world_send(&r.w, pull));
	turn(&r.e, 100);
	out->node.quiet = 1;
	r.e.halt = 1;
	got = turn(&r.e, 200);
	tap_ok(ending_done(&r.e) && *got == '\0' &&
	    ending_status(&r.e) == ZC_OK, "[bug] quiet: stdout closed while "
	    "draining ends the drain at once, nothing said, status 0");
	if (!ending_done(&r.e) || *got != '\0')
		tap_diag("phase %d, said '%s'", (int)r.e.phase, got);
	run_free(&r);

	world_init(&r.w);
	push = world_sock(&r.w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	push->zs->nsent = 2;
	pull = add_live(&r.w);
	out = r.w.f[r.w.ends.out];
	c.count = 0;
	run_start(&r, &c, 0);
	out->node.quiet = 1;
	r.e.halt = 1;
	turn(&r.e, 100);
	tap_ok(ending_done(&r.e), "[bug] quiet: stdout closed does not wait "
	    "the linger for a peer of a socket that had none");
	if (!ending_done(&r.e))
		tap_diag("phase %d until %lld", (int)r.e.phase,
		    (long long)r.e.until);
	run_free(&r);
}

/* The status: 1 when any node failed, whatever else; 3 when -W ends a
 * run whose input was still held back (--wait-peers). */
static void
test_status(void)
{
	struct ending_conf c = { .count = 5, .timeout_ms = 300,
	    .linger = 1000 };
	struct trial r;
	struct fake *in, *pull;
	const char *got;

	world_init(&r.w);
	pull = add_live(&r.w);
	run_start(&r, &c, 0);
	pull->node.failed = 1;
	turn(&r.e, 300);
	tap_ok(ending_done(&r.e) && r.e.timed_out &&
	    ending_status(&r.e) == ZC_RUNTIME, "status: a failed node makes "
	    "it 1, even when -W cut -c short");
	run_free(&r);

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	world_add(&r.w, "stdout", NODE_SINK);
	world_route(&r.w, "stdin:stdout");
	c.count = 0;
	run_start(&r, &c, 0);
	fake_script(in, three, N(three));
	in->node.holding = 1;
	got = turn(&r.e, 300);
	tap_ok(ending_done(&r.e) && ending_status(&r.e) == ZC_TIMEOUT &&
	    *got == '\0' && in->nreports == 1, "status: -W while stdin is "
	    "held back is 3; its report is the node's own");
	run_free(&r);

	world_init(&r.w);
	in = world_add(&r.w, "stdin", NODE_INPUT);
	world_add(&r.w, "stdout", NODE_SINK);
	world_route(&r.w, "stdin:stdout");
	run_start(&r, &c, 0);
	fake_script(in, three, N(three));
	got = turn(&r.e, 300);
	said_is(got, "zmqcat: stdin: 3 messages not sent: -W ended the run "
	    "first\n", "status: -W before stdin was read says so");
	tap_ok(ending_status(&r.e) == ZC_RUNTIME, "status: and is 1");
	run_free(&r);
}

/* What the loop is told to wait for: the earliest deadline of the
 * phase. */
static void
test_want(void)
{
	static const char *const one[] = { "m" };
	struct ending_conf c = { .count = 1, .timeout_ms = 5000,
	    .idle_ms = 3000, .linger = 1000 };
	struct trial r;
	struct fake *pull, *a;
	struct waitset ws;

	waitset_init(&ws);
	world_init(&r.w);
	pull = add_live(&r.w);
	a = world_add(&r.w, "a", NODE_SINK);
	world_route(&r.w, "pull:a");
	a->answer = 0;
	run_start(&r, &c, 100);
	ending_want(&r.e, &ws);
	tap_ok(ws.due == 3100, "want: -T's deadline before -W's");
	fake_script(pull, one, 1);
	ending_count(&r.e, &pull->node, (size_t)world_send(&r.w, pull));
	turn(&r.e, 2500);
	waitset_reset(&ws);
	ending_want(&r.e, &ws);
	tap_ok(r.e.phase == ENDING_DRAIN && ws.due == 3500,
	    "want: draining, the end of the drain");
	turn(&r.e, 3500);
	tap_ok(ending_done(&r.e), "want: done at that time");
	run_free(&r);
	waitset_free(&ws);
}

/* Run the cases; the exit status tells the harness about failures. */
int
main(void)
{
	program_invocation_short_name = (char *)"zmqcat";
	test_count();
	test_timeout();
	test_idle();
	test_drain();
	test_await();
	test_await_end();
	test_unshaken();
	test_give_up();
	test_give_up_await();
	test_may_offer();
	test_nothing_left();
	test_quiet();
	test_quiet_later();
	test_status();
	test_want();
	free(said);
	return tap_done();
}
