/*
 * Forwarding with fake nodes: which routes a message takes (filters, a
 * tee, -J "to"), what a full sink does to its source (held, owed, counted
 * once, delivered later, taken() once), refusals and drop routes, ordered
 * sources, and the counters --stats shows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/forward.h"
#include "../src/route.h"
#include "tap.h"
#include "fakenode.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* A message from a socket and where the filters send it. */
static const struct {
	const char	*msg;
	long		 routed;
	const char	*a, *b, *c, *d;
} filter_cases[] = {
	{ "xyz", 2, "xyz;", "", "", "xyz;" },
	{ "123", 2, "", "123;", "", "123;" },
	{ "x1", 2, "x1;", "", "", "x1;" },
	{ "{\"k\":[1]}", 2, "", "", "{\"k\":[1]};", "{\"k\":[1]};" },
	{ "{\"k\":[2]}", 1, "", "", "", "{\"k\":[2]};" },
	{ "topic|{\"k\":[1]}", 2, "", "", "topic|{\"k\":[1]};",
	    "topic|{\"k\":[1]};" },
	{ "xa|7", 2, "xa|7;", "", "", "xa|7;" },
	{ "7|xa", 2, "", "7|xa;", "", "7|xa;" },
	{ "", 1, "", "", "", ";" },
};

/* prefix= and match= look at the first frame, json= at the last; a
 * route without filters takes everything (a tee with the others). */
static void
test_filters(void)
{
	struct world w;
	struct fake *pull, *s[4];
	size_t i, k;
	long routed;
	const char *want[4];
	int ok;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	s[0] = world_add(&w, "a", NODE_SINK);
	s[1] = world_add(&w, "b", NODE_SINK);
	s[2] = world_add(&w, "c", NODE_SINK);
	s[3] = world_add(&w, "d", NODE_SINK);
	world_route(&w, "pull:a,prefix=x");
	world_route(&w, "pull:b,match=^[0-9]+$");
	world_route(&w, "pull:c,json=.k.0=1");
	world_route(&w, "pull:d");
	world_forward(&w, 0);
	for (i = 0; i < N(filter_cases); i++) {
		for (k = 0; k < 4; k++)
			fake_clear(s[k]);
		fake_script(pull, &filter_cases[i].msg, 1);
		routed = world_send(&w, pull);
		want[0] = filter_cases[i].a;
		want[1] = filter_cases[i].b;
		want[2] = filter_cases[i].c;
		want[3] = filter_cases[i].d;
		ok = routed == filter_cases[i].routed && pull->ntaken == 1 &&
		    !pull->node.held;
		for (k = 0; k < 4; k++)
			ok = ok && strcmp(fake_got(s[k]), want[k]) == 0;
		tap_ok(ok, "filters: '%s' goes to %ld route%s, and is taken",
		    filter_cases[i].msg, filter_cases[i].routed,
		    filter_cases[i].routed == 1 ? "" : "s");
		if (!ok)
			tap_diag("routed %ld taken %d; a '%s' b '%s' c '%s' "
			    "d '%s'", routed, pull->ntaken, fake_got(s[0]),
			    fake_got(s[1]), fake_got(s[2]), fake_got(s[3]));
	}
	world_free(&w);
}

/* A message no route wants goes nowhere, and is let go: the source is
 * not held for it. */
static void
test_unrouted(void)
{
	static const char *const script[] = { "nope", "yes" };
	struct world w;
	struct fake *pull, *a;
	long r1, r2;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	world_route(&w, "pull:a,prefix=y");
	world_forward(&w, 0);
	fake_script(pull, script, N(script));
	r1 = world_send(&w, pull);
	tap_ok(r1 == 0 && pull->ntaken == 1 && !pull->node.held &&
	    a->noffers == 0, "unrouted: no route, no offer, taken anyway");
	r2 = world_send(&w, pull);
	tap_ok(r2 == 1 && pull->ntaken == 2 && strcmp(fake_got(a), "yes;") == 0,
	    "unrouted: the next message goes on its route");
	world_free(&w);
}

/* One sink on two routes from a source gets the message twice, each as
 * its route makes it. */
static void
test_same_sink_twice(void)
{
	static const char *const script[] = { "m" };
	static const int no[] = { 0, 0 };
	struct world w;
	struct fake *pull, *a;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	world_route(&w, "pull:a");
	world_route(&w, "pull:a,prefix=m");
	world_forward(&w, 0);
	fake_script(pull, script, 1);
	fake_answers(a, no, N(no));
	tap_ok(world_send(&w, pull) == 2 && pull->node.held &&
	    a->node.owed == 2 && a->node.nheld == 2,
	    "same sink twice: held on both routes, owed 2");
	tap_ok(forward_offer(&w.fwd, &pull->node) == 1 &&
	    strcmp(fake_got(a), "m;m;") == 0 && a->node.owed == 0 &&
	    pull->ntaken == 1, "same sink twice: then delivered twice, "
	    "owed 0, taken once");
	world_free(&w);
}

/* -J "to": a message naming a socket takes only the direct route to it;
 * one without takes the given routes and never a direct one. */
static void
test_to_field(void)
{
	static const char *const script[] = { "r", "d", "p", "b" };
	int to[4];
	struct world w;
	struct fake *in, *push, *dealer, *pull, *out;
	long r[4];
	int ok;

	world_init(&w);
	push = world_sock(&w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	dealer = world_sock(&w, "dealer=DEALER:bind:tcp://*:2",
	    NODE_SINK | NODE_COUNTED);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:3", NODE_COUNTED);
	in = world_add(&w, "stdin", NODE_INPUT);
	out = world_add(&w, "stdout", NODE_SINK);
	world_route(&w, "stdin:push");
	world_route(&w, "stdin:stdout");
	world_route(&w, "dealer:stdout");
	world_forward(&w, 1);
	tap_ok(w.fwd.ngiven == 3 && w.fwd.nroutes == 5 &&
	    forward_nfrom(&w.fwd, &in->node) == 4,
	    "to: one direct route from stdin per sending socket, "
	    "none to a PULL or stdout");
	to[0] = -1;
	to[1] = dealer->node.index;
	to[2] = push->node.index;
	to[3] = dealer->node.index;
	in->to = to;
	fake_script(in, script, N(script));
	r[0] = world_send(&w, in);
	r[1] = world_send(&w, in);
	r[2] = world_send(&w, in);
	r[3] = world_send(&w, in);
	ok = r[0] == 2 && r[1] == 1 && r[2] == 1 && r[3] == 1;
	tap_ok(ok && strcmp(fake_got(push), "r;p;") == 0 &&
	    strcmp(fake_got(dealer), "d;b;") == 0 &&
	    strcmp(fake_got(out), "r;") == 0 && pull->noffers == 0 &&
	    in->ntaken == 4, "to: each message to the socket it names, "
	    "once; without one, along the given routes");
	if (!ok || strcmp(fake_got(out), "r;") != 0)
		tap_diag("routed %ld %ld %ld %ld; push '%s' dealer '%s' "
		    "stdout '%s'", r[0], r[1], r[2], r[3], fake_got(push),
		    fake_got(dealer), fake_got(out));
	tap_ok(w.routes[0]->nmsgs == 1 && w.routes[1]->nmsgs == 1 &&
	    w.fwd.routes[3]->nmsgs == 1 && w.fwd.routes[3]->direct &&
	    w.fwd.dst[3] == push->node.index,
	    "to: the direct route counts what it delivered, apart from the "
	    "given one");
	forward_free(&w.fwd);
	world_forward(&w, 0);
	tap_ok(w.fwd.nroutes == 3 && forward_nfrom(&w.fwd, &in->node) == 2,
	    "to: no direct routes without -J");
	world_free(&w);
}

/* No route from the input: a "to" field has nothing to pick from. */
static void
test_to_field_no_input(void)
{
	struct world w;
	struct fake *in;

	world_init(&w);
	world_sock(&w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	world_sock(&w, "pull=PULL:bind:tcp://*:2", NODE_COUNTED);
	in = world_add(&w, "stdin", NODE_INPUT);
	world_route(&w, "pull:push");
	world_forward(&w, 1);
	tap_ok(w.fwd.nroutes == 1 && forward_nfrom(&w.fwd, &in->node) == 0,
	    "to: no direct routes when nothing is read from stdin");
	world_free(&w);
}

/* A full sink holds the source; retries neither count the wait again nor
 * offer the message again to the sink that took it; the last delivery
 * lets the message go, once. */
static void
test_hold_retry(void)
{
	static const char *const script[] = { "ab|cde", "f" };
	static const int a_says[] = { 0, 0, 1, 1 };
	struct world w;
	struct fake *pull, *a, *b;
	struct route *ra, *rb;
	int rc;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	ra = world_route(&w, "pull:a");
	rb = world_route(&w, "pull:b");
	world_forward(&w, 0);
	fake_script(pull, script, N(script));
	fake_answers(a, a_says, N(a_says));
	pull->node.ops->next(&pull->node);
	forward_begin(&w.fwd, &pull->node);
	rc = forward_offer(&w.fwd, &pull->node);
	tap_ok(rc == 0 && pull->node.held && pull->ntaken == 0 &&
	    a->node.owed == 1 && a->node.nheld == 1 && ra->nheld == 1 &&
	    b->node.owed == 0 && b->node.nheld == 0 &&
	    strcmp(fake_got(b), "ab|cde;") == 0,
	    "hold: a full sink holds the source and owes the message; the "
	    "other got it");
	tap_ok(!a->last && !b->last, "hold: with a route held, no sink may "
	    "take the frames themselves");
	rc = forward_offer(&w.fwd, &pull->node);
	tap_ok(rc == 0 && pull->node.held && a->node.owed == 1 &&
	    a->node.nheld == 1 && ra->nheld == 1 && b->noffers == 1 &&
	    a->noffers == 2, "hold: a retry that fails again counts no new "
	    "wait and skips the sink that has it");
	rc = forward_offer(&w.fwd, &pull->node);
	tap_ok(a->last, "hold: the retry to the one route left may take the "
	    "frames themselves");
	tap_ok(rc == 1 && !pull->node.held && pull->ntaken == 1 &&
	    a->node.owed == 0 && strcmp(fake_got(a), "ab|cde;") == 0 &&
	    strcmp(fake_got(b), "ab|cde;") == 0 && b->noffers == 1,
	    "hold: the retry that delivers lets it go, taken once, each "
	    "sink had it once");
	tap_ok(ra->nmsgs == 1 && rb->nmsgs == 1 && ra->nbytes == 5 &&
	    rb->nbytes == 5 && ra->ndropped == 0,
	    "hold: each route counted one message of 5 bytes");
	tap_ok(world_send(&w, pull) == 2 && !a->last && b->last,
	    "hold: of two routes, only the last to take it gets the frames");
	tap_ok(pull->ntaken == 2 &&
	    !pull->node.held && a->node.nheld == 1 && ra->nheld == 1 &&
	    ra->nbytes == 6 && rb->nbytes == 6 && ra->nmsgs == 2,
	    "hold: the next message goes straight on; held stays 1");
	world_free(&w);
}

/* One route that takes everything, with the direct ones of -J "to"
 * beside it: forward_move's short way, held and retried like any. */
static void
test_move_one_route(void)
{
	static const char *const script[] = { "a", "b", "c" };
	static const int push_says[] = { 0, 1, 1 };
	int to[3];
	struct world w;
	struct fake *in, *push, *dealer;
	struct route *r;
	long routed;

	world_init(&w);
	push = world_sock(&w, "push=PUSH:bind:tcp://*:1", NODE_SINK);
	dealer = world_sock(&w, "dealer=DEALER:bind:tcp://*:2", NODE_SINK);
	in = world_add(&w, "stdin", NODE_INPUT);
	r = world_route(&w, "stdin:push");
	world_forward(&w, 1);
	tap_ok(w.fwd.from[in->node.index].only == 0 &&
	    w.fwd.from[push->node.index].only == -1,
	    "move: the one route from stdin takes all; none from a sink");
	to[0] = -1;
	to[1] = dealer->node.index;
	to[2] = -1;
	in->to = to;
	fake_script(in, script, N(script));
	fake_answers(push, push_says, N(push_says));
	routed = world_send(&w, in);
	tap_ok(routed == 1 && in->node.held && in->ntaken == 0 &&
	    push->node.owed == 1 && r->nheld == 1,
	    "move: a full sink holds the source and owes the message");
	tap_ok(forward_offer(&w.fwd, &in->node) == 1 && !in->node.held &&
	    in->ntaken == 1 && push->node.owed == 0 && push->last,
	    "move: the retry delivers it, the frames themselves");
	routed = world_send(&w, in);
	tap_ok(routed == 1 && strcmp(fake_got(dealer), "b;") == 0 &&
	    in->ntaken == 2, "move: a \"to\" takes its direct route");
	routed = world_send(&w, in);
	tap_ok(routed == 1 && strcmp(fake_got(push), "a;c;") == 0 &&
	    in->ntaken == 3 && r->nmsgs == 2 && r->nbytes == 2 &&
	    r->nheld == 1, "move: then the one route again; counted");
	world_free(&w);
}

/* What one sink's answer does to a source of a kind on a route. */
static const struct {
	const char	*what;
	int		 flags;
	const char	*rule;
	int		 answer;
	int		 rc, held, failed, ntaken;
	uint64_t	 nheld, ndropped, nmsgs;
	unsigned	 owed;
} answer_cases[] = {
	{ "taken", NODE_COUNTED, "src:a", 1, 1, 0, 0, 1, 0, 0, 1, 0 },
	{ "not now", NODE_COUNTED, "src:a", 0, 0, 1, 0, 0, 1, 0, 0, 1 },
	{ "refused", NODE_COUNTED, "src:a", -1, 1, 0, 0, 1, 0, 1, 0, 0 },
	{ "input refused", NODE_INPUT, "src:a", -1, 1, 0, 1, 1, 0, 1, 0, 0 },
	{ "not now, drop", NODE_COUNTED, "src:a,drop", 0, 1, 0, 0, 1, 0, 1,
	    0, 0 },
	{ "input not now, drop", NODE_INPUT, "src:a,drop", 0, 1, 0, 0, 1, 0, 1,
	    0, 0 },
	{ "input refused, drop", NODE_INPUT, "src:a,drop", -1, 1, 0, 1, 1, 0,
	    1, 0, 0 },
	{ "taken, drop", NODE_COUNTED, "src:a,drop", 1, 1, 0, 0, 1, 0, 0, 1,
	    0 },
	{ "input not now", NODE_INPUT, "src:a", 0, 0, 1, 0, 0, 1, 0, 0, 1 },
};

/* One source, one sink, one answer: what is held, dropped, failed. */
static void
test_answers(void)
{
	static const char *const script[] = { "m" };
	struct world w;
	struct fake *src, *a;
	struct route *r;
	size_t i;
	int rc, ok;

	for (i = 0; i < N(answer_cases); i++) {
		world_init(&w);
		src = world_add(&w, "src", answer_cases[i].flags);
		a = world_add(&w, "a", NODE_SINK);
		r = world_route(&w, answer_cases[i].rule);
		world_forward(&w, 0);
		fake_script(src, script, 1);
		fake_answers(a, NULL, 0);
		a->answer = answer_cases[i].answer;
		src->node.ops->next(&src->node);
		forward_begin(&w.fwd, &src->node);
		rc = forward_offer(&w.fwd, &src->node);
		ok = rc == answer_cases[i].rc &&
		    src->node.held == answer_cases[i].held &&
		    src->node.failed == answer_cases[i].failed &&
		    src->ntaken == answer_cases[i].ntaken &&
		    a->node.nheld == answer_cases[i].nheld &&
		    r->nheld == answer_cases[i].nheld &&
		    a->node.ndropped == answer_cases[i].ndropped &&
		    r->ndropped == answer_cases[i].ndropped &&
		    r->nmsgs == answer_cases[i].nmsgs &&
		    r->nbytes == answer_cases[i].nmsgs &&
		    a->node.owed == answer_cases[i].owed;
		tap_ok(ok, "answer %s (%s): rc %d held %d failed %d taken %d "
		    "nheld %d dropped %d", answer_cases[i].what,
		    answer_cases[i].rule, answer_cases[i].rc,
		    answer_cases[i].held, answer_cases[i].failed,
		    answer_cases[i].ntaken, (int)answer_cases[i].nheld,
		    (int)answer_cases[i].ndropped);
		if (!ok)
			tap_diag("got rc %d held %d failed %d taken %d nheld "
			    "%d dropped %d msgs %d owed %u", rc, src->node.held,
			    src->node.failed, src->ntaken, (int)r->nheld,
			    (int)r->ndropped, (int)r->nmsgs, a->node.owed);
		world_free(&w);
	}
}

/* An ordered source stops at the first sink that cannot take its
 * message; the next ones get it only after. Unordered, they do not
 * wait. */
static void
test_ordered(void)
{
	static const char *const script[] = { "0" };
	static const int not_now[] = { 0 };
	struct world w;
	struct fake *demo, *a, *b;
	int dsts[FAKE_MAX];
	size_t k;

	world_init(&w);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	demo = world_add(&w, "demo", NODE_COUNTED | NODE_ORDERED);
	world_route(&w, "demo:a");
	world_route(&w, "demo:b");
	world_forward(&w, 0);
	fake_script(demo, script, 1);
	fake_answers(a, not_now, N(not_now));
	world_send(&w, demo);
	k = forward_waiting_for(&w.fwd, &demo->node, dsts);
	tap_ok(demo->node.held && a->noffers == 1 && b->noffers == 0 &&
	    a->node.owed == 1 && b->node.owed == 0 && b->node.nheld == 0,
	    "ordered: held at the first sink, the second not offered yet");
	tap_ok(k == 2 && dsts[0] == a->node.index &&
	    dsts[1] == b->node.index, "ordered: waiting for both, in order");
	tap_ok(forward_offer(&w.fwd, &demo->node) == 1 &&
	    strcmp(fake_got(a), "0;") == 0 && strcmp(fake_got(b), "0;") == 0 &&
	    demo->ntaken == 1 && !demo->node.held,
	    "ordered: the retry delivers to the first, then the second");
	world_free(&w);

	world_init(&w);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	demo = world_add(&w, "demo", NODE_COUNTED | NODE_ORDERED);
	world_route(&w, "demo:a");
	world_route(&w, "demo:b");
	world_forward(&w, 0);
	fake_script(demo, script, 1);
	fake_answers(b, not_now, N(not_now));
	world_send(&w, demo);
	tap_ok(demo->node.held && strcmp(fake_got(a), "0;") == 0 &&
	    b->node.owed == 1, "ordered: held at the second, the first has it");
	tap_ok(forward_offer(&w.fwd, &demo->node) == 1 && a->noffers == 1 &&
	    strcmp(fake_got(b), "0;") == 0 && demo->ntaken == 1,
	    "ordered: the retry goes to the second only");
	world_free(&w);

	world_init(&w);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	demo = world_add(&w, "demo", NODE_COUNTED);
	world_route(&w, "demo:a");
	world_route(&w, "demo:b");
	world_forward(&w, 0);
	fake_script(demo, script, 1);
	fake_answers(a, not_now, N(not_now));
	world_send(&w, demo);
	k = forward_waiting_for(&w.fwd, &demo->node, dsts);
	tap_ok(demo->node.held && strcmp(fake_got(b), "0;") == 0 && k == 1 &&
	    dsts[0] == a->node.index, "unordered: the second takes it while "
	    "the first is full; waiting for the first only");
	world_free(&w);
}

/* The sinks a held message still waits for, and giving it up. */
static void
test_waiting_abandon(void)
{
	static const char *const script[] = { "m" };
	static const int not_now[] = { 0 };
	struct world w;
	struct fake *pull, *pull2, *a, *b, *c;
	int dsts[FAKE_MAX];
	size_t k;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	pull2 = world_sock(&w, "pull2=PULL:bind:tcp://*:2", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	c = world_add(&w, "c", NODE_SINK);
	world_route(&w, "pull:a");
	world_route(&w, "pull:b");
	world_route(&w, "pull:c");
	world_route(&w, "pull2:a");
	world_forward(&w, 0);
	tap_ok(forward_waiting_for(&w.fwd, &pull->node, dsts) == 0,
	    "waiting: nothing while nothing is held");
	fake_script(pull, script, 1);
	fake_script(pull2, script, 1);
	a->answer = 0;
	fake_answers(c, not_now, N(not_now));
	world_send(&w, pull);
	k = forward_waiting_for(&w.fwd, &pull->node, dsts);
	tap_ok(k == 2 && dsts[0] == a->node.index &&
	    dsts[1] == c->node.index, "waiting: for the two full sinks, not "
	    "the one that took it");
	forward_offer(&w.fwd, &pull->node);
	k = forward_waiting_for(&w.fwd, &pull->node, dsts);
	tap_ok(k == 1 && dsts[0] == a->node.index && c->node.owed == 0 &&
	    strcmp(fake_got(c), "m;") == 0,
	    "waiting: once the third took it, for the first only");
	world_send(&w, pull2);
	tap_ok(a->node.owed == 2 && pull2->node.held,
	    "abandon: two sources held on one sink, owed 2");
	forward_abandon(&w.fwd, &pull->node);
	tap_ok(!pull->node.held && a->node.owed == 1 && pull->ntaken == 0 &&
	    forward_waiting_for(&w.fwd, &pull->node, dsts) == 0,
	    "abandon: the source is let off, its sink owed one less, "
	    "nothing taken");
	forward_abandon(&w.fwd, &pull2->node);
	tap_ok(!pull2->node.held && a->node.owed == 0 && b->node.owed == 0 &&
	    c->node.owed == 0, "abandon: the other source, and nothing is "
	    "owed");
	forward_abandon(&w.fwd, &pull->node);
	tap_ok(a->node.owed == 0 && a->node.nheld == 2,
	    "abandon: again changes nothing; the waits stay counted");
	world_free(&w);
}

/* The routes from each node: a node with none is no source; a route
 * from an end the run does not have goes nowhere. */
static void
test_nfrom(void)
{
	struct world w;
	struct fake *pull, *sub, *a, *demo, *out;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	sub = world_sock(&w, "sub=SUB:connect:tcp://h:2", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	out = world_add(&w, "stdout", NODE_SINK);
	demo = world_add(&w, "demo", NODE_COUNTED | NODE_ORDERED);
	world_route(&w, "pull:a");
	world_route(&w, "pull:stdout");
	world_route(&w, "sub:a");
	world_route(&w, "stdin:a");
	world_route(&w, "demo:a");
	world_forward(&w, 1);
	tap_ok(forward_nfrom(&w.fwd, &pull->node) == 2 &&
	    forward_nfrom(&w.fwd, &sub->node) == 1 &&
	    forward_nfrom(&w.fwd, &demo->node) == 1 &&
	    forward_nfrom(&w.fwd, &a->node) == 0 &&
	    forward_nfrom(&w.fwd, &out->node) == 0,
	    "nfrom: sources count their routes, sinks have none");
	tap_ok(w.fwd.src[3] == -1 && w.fwd.dst[1] == out->node.index &&
	    w.fwd.src[4] == demo->node.index && w.fwd.nroutes == 5,
	    "nfrom: stdin with no input node is no end; stdout and demo map "
	    "to their nodes");
	world_free(&w);
}

/* A route's format= goes with the offer; %t has the message stamped. */
static void
test_format(void)
{
	static const char *const script[] = { "m" };
	struct world w;
	struct fake *pull, *a, *b;
	struct route *ra;

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	a = world_add(&w, "a", NODE_SINK);
	b = world_add(&w, "b", NODE_SINK);
	ra = world_route(&w, "pull:a,format=<%s>");
	world_route(&w, "pull:b");
	world_forward(&w, 0);
	fake_script(pull, script, 1);
	world_send(&w, pull);
	tap_ok(a->fmt == ra->fmt && a->fmt != NULL && b->fmt == NULL &&
	    !w.fwd.want_time && pull->node.msg.time_ms == 0,
	    "format: the route's format with the offer; no clock read "
	    "without %%t");
	world_free(&w);

	world_init(&w);
	pull = world_sock(&w, "pull=PULL:bind:tcp://*:1", NODE_COUNTED);
	world_add(&w, "a", NODE_SINK);
	world_route(&w, "pull:a,format=%t %s");
	world_forward(&w, 0);
	fake_script(pull, script, 1);
	world_send(&w, pull);
	tap_ok(w.fwd.want_time && pull->node.msg.time_ms > 0,
	    "format: %%t stamps the message with the time");
	world_free(&w);
}

/* Run the cases; the exit status tells the harness about failures. */
int
main(void)
{
	test_filters();
	test_unrouted();
	test_same_sink_twice();
	test_to_field();
	test_to_field_no_input();
	test_hold_retry();
	test_move_one_route();
	test_answers();
	test_ordered();
	test_waiting_abandon();
	test_nfrom();
	test_format();
	return tap_done();
}
