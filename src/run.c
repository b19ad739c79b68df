/* A run's world, built from the options: the context, the sockets, the
 * nodes that stand for them and for stdin, stdout, the demo counter, the
 * ZAP handler and --stats, the routes between them; and torn down. */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "clock.h"
#include "conns.h"
#include "execspec.h"
#include "log.h"
#include "node_check.h"
#include "node_exec.h"
#include "node_execeach.h"
#include "node_gen.h"
#include "node_stats.h"
#include "node_stdin.h"
#include "node_stdout.h"
#include "node_zap.h"
#include "run.h"
#include "signals.h"
#include "status.h"
#include "xmalloc.h"

/* The example's sockets, in the order it sends to them. */
static const char *const run_demo_specs[] = {
	"PUSH:bind:tcp://*:5557",
	"PUB:bind:tcp://*:5556",
};

/* The most nodes a run has beside its sockets: stdin, stdout, the demo,
 * the ZAP handler, --stats. */
#define RUN_MORE_NODES	6
#define RUN_DEMO_INTERVAL 1000	/* ms: the example's one second */
#define RUN_EXEC_MAX	8	/* --exec-each commands at once, unless
				 * stdin feeds them (then 1: in order) */

/* Add a node to the run's table (made large enough at the start, so the
 * nodes that keep a pointer into it may). */
static struct node *
run_add(struct run *r, struct node *n)
{
	n->index = (int)r->nnodes;
	n->halt = &r->end.halt;
	if (n->label == NULL)
		n->label = n->name;
	r->nodes[r->nnodes++] = n;
	return n;
}

/* The demo's sockets: the example's two when no -s was given (options
 * checked that every -s one can send its counter). */
static void
run_demo_sockets(struct run *r)
{
	char err[ZC_ERRLEN];
	size_t i, n = sizeof(run_demo_specs) / sizeof(run_demo_specs[0]);

	if (r->nspecs == 0) {
		r->own_specs = xmalloc(n * sizeof(*r->own_specs));
		for (i = 0; i < n; i++)
			if ((r->own_specs[i] = spec_parse(run_demo_specs[i], err,
			    sizeof(err))) == NULL)
				errx(ZC_RUNTIME, "%s", err);
		if (spec_assign_names(r->own_specs, n, err, sizeof(err)) == -1)
			errx(ZC_RUNTIME, "%s", err);
		r->specs = r->own_specs;
		r->nspecs = n;
	}
}

/* The demo's routes: its counter to every socket, in order. */
static void
run_demo_routes(struct run *r)
{
	struct route *rt;
	size_t i;

	r->own_routes = xmalloc((r->nspecs + 1) * sizeof(*r->own_routes));
	for (i = 0; i < r->nspecs; i++) {
		rt = route_new("demo", r->specs[i]->name);
		rt->src = ROUTE_DEMO;
		rt->dst = (int)i;
		rt->implicit = 1;
		r->own_routes[i] = rt;
	}
	r->routes = r->own_routes;
	r->nroutes = r->nspecs;
}

/* Nonzero when a route goes from end from, or to end to (ROUTE_*, or a
 * socket of type zmq_type when to is -1). */
static int
run_routes(const struct run *r, int from, int to, int zmq_type)
{
	size_t i;
	int d;

	for (i = 0; i < r->nroutes; i++) {
		if (from != ROUTE_NONE && r->routes[i]->src != from)
			continue;
		d = r->routes[i]->dst;
		if (to == ROUTE_NONE || d == to || (to == -1 && d >= 0 &&
		    r->specs[d]->type->zmq_type == zmq_type))
			return 1;
	}
	return 0;
}

/* Nonzero when stdout's format or a route's uses kind (%j: the peer's
 * address; %{NAME}m: a property). */
static int
run_formats_use(const struct run *r, enum fmt_kind kind)
{
	size_t i;

	if (format_uses(r->fmt, kind))
		return 1;
	for (i = 0; i < r->nroutes; i++)
		if (r->routes[i]->fmt && format_uses(r->routes[i]->fmt, kind))
			return 1;
	return 0;
}

/*
 * --meta: every -J envelope (stdout's, a route's format=) gets the
 * properties; and sockets give them only when some format shows one, so
 * a run without costs nothing per message. Nonzero when they are wanted.
 */
static int
run_want_meta(struct run *r)
{
	char err[ZC_ERRLEN];
	size_t i;

	if (!r->opt->meta)
		return run_formats_use(r, FMT_META);
	/* checked as the option was read: it cannot fail here */
	if (meta_names_parse(&r->meta, r->opt->meta_names, err,
	    sizeof(err)) == -1)
		errx(ZC_USAGE, "--meta: %s", err);
	r->fmt->memo.meta = &r->meta;
	for (i = 0; i < r->nroutes; i++)
		if (r->routes[i]->fmt != NULL)
			r->routes[i]->fmt->memo.meta = &r->meta;
	return 1;
}

/* The sockets the input feeds, for --wait-peers. */
static struct zsock **
run_fed(const struct run *r, size_t *n)
{
	struct zsock **fed = xmalloc((r->nroutes + 1) * sizeof(*fed));
	size_t i;

	*n = 0;
	for (i = 0; i < r->nroutes; i++)
		if (r->routes[i]->src == ROUTE_STDIN && r->routes[i]->dst >= 0)
			fed[(*n)++] = &r->socks[r->routes[i]->dst];
	return fed;
}

/* Nonzero when the input (stdin, --replay, -m) is split into frames at
 * -F: when -F is given, or when it feeds a ROUTER or STREAM, whose
 * messages start with a routing id frame printed before a TAB: what was
 * printed can be typed back. */
static int
run_splits(const struct run *r)
{
	return r->opt->fdelim_given || run_routes(r, ROUTE_STDIN, -1,
	    ZMQ_ROUTER) || run_routes(r, ROUTE_STDIN, -1, ZMQ_STREAM);
}

/* How the user's messages go out, for stdin and the generator alike:
 * -F's frames, --interval or --rate, --wait-peers and what it feeds. */
static void
run_feed(const struct run *r, struct feed_conf *f)
{
	const struct options *o = r->opt;

	if (run_splits(r)) {
		f->split = o->fdelim;
		f->splitlen = o->fdlen;
	}
	f->fdelim = o->fdelim;
	f->fdlen = o->fdlen;
	f->interval = o->interval;
	f->rate = o->rate;
	f->wait_peers = o->wait_peers;
	f->fed = run_fed(r, &f->nfed);
}

/* The input: stdin or --replay, split at -D (a -J line each), into frames
 * as run_splits says. */
static struct node *
run_input(struct run *r)
{
	const struct options *o = r->opt;
	struct node_stdin_conf c;
	int env = o->input == INMSG_ENVELOPE;

	memset(&c, 0, sizeof(c));
	c.fd = r->in_fd;
	c.label = o->replay != NULL ? o->replay : "stdin";
	c.mode = o->input;
	c.delim = env ? "\n" : o->delim;
	c.dlen = env ? 1 : o->dlen;
	run_feed(r, &c.feed);
	c.replay_timing = o->replay_timing;
	c.json_hint = o->json && o->replay == NULL && !o->input_given;
	c.targets = r->nodes;
	c.ntargets = r->nspecs;
	c.seq = &r->seq;
	return node_stdin_new(&c);
}

/* Nonzero when -m, --file or --size make messages instead of stdin. */
static int
run_generates(const struct options *o)
{
	return o->nmessages > 0 || o->msgfile != NULL || o->size_given;
}

/* The -m templates, compiled (settings checked each already). */
static struct format **
run_templates(const struct options *o, size_t *n)
{
	struct format **t;
	char err[ZC_ERRLEN];
	size_t i;

	*n = o->nmessages > 0 ? o->nmessages : o->msgfile == NULL;
	t = xmalloc((*n + 1) * sizeof(*t));
	for (i = 0; i < *n; i++)
		/* --size alone: the number, padded */
		if ((t[i] = format_compile(o->nmessages > 0 ? o->messages[i] :
		    "%N", err, sizeof(err))) == NULL)
			errx(ZC_USAGE, "-m: %s", err);
	return t;
}

/* The generator in stdin's place: -m, --file, --repeat and the pace. */
static struct node *
run_generator(struct run *r)
{
	const struct options *o = r->opt;
	struct node_gen_conf c;

	memset(&c, 0, sizeof(c));
	c.name = "stdin";
	c.type = "STDIN";
	c.label = o->msgfile != NULL ? o->msgfile : "-m";
	c.flags = NODE_INPUT;
	if (o->msgfile == NULL)
		c.tmpls = run_templates(o, &c.ntmpls);
	c.data = r->msgdata;
	c.datalen = r->msglen;
	r->msgdata = NULL;
	run_feed(r, &c.feed);
	c.repeat = o->repeat;
	c.size = o->size_given ? o->size : -1;
	c.stamp = o->stamp;
	return node_gen_new(&c);
}

/* --demo-server's counter: a generator of "%N", every --interval MS
 * (1000 unless given) from one interval after the start, forever, to
 * each socket in turn. */
static struct node *
run_demo(struct run *r)
{
	const struct options *o = r->opt;
	struct node_gen_conf c;
	char err[ZC_ERRLEN];

	memset(&c, 0, sizeof(c));
	c.name = "demo";
	c.type = "DEMO";
	c.label = "--demo-server";
	c.flags = NODE_COUNTED | NODE_ORDERED;
	c.tmpls = xmalloc(sizeof(*c.tmpls));
	if ((c.tmpls[0] = format_compile("%N", err, sizeof(err))) == NULL)
		errx(ZC_RUNTIME, "%s", err);
	c.ntmpls = 1;
	c.feed.interval = o->interval_given ? o->interval : RUN_DEMO_INTERVAL;
	c.size = -1;
	c.first_later = 1;
	return node_gen_new(&c);
}

/* stdout, when some route prints. */
static struct node *
run_output(struct run *r)
{
	const struct options *o = r->opt;
	struct node_stdout_conf c;

	memset(&c, 0, sizeof(c));
	c.fmt = r->fmt;
	c.add_delim = o->format == NULL && !o->json;
	c.delim = o->delim;
	c.dlen = o->dlen;
	c.watch = 1;
	return node_stdout_new(&c);
}

/* The periodic and final --stats reports. */
static struct node *
run_stats(struct run *r)
{
	struct node_stats_conf c;

	c.nodes = r->nodes;
	c.nnodes = r->nnodes;	/* the sockets and --exec peers */
	c.routes = r->routes;
	c.nroutes = r->nroutes;
	c.period = r->opt->stats_ms;
	c.start = r->start;
	c.json = r->opt->json;
	return node_stats_new(&c);
}

/* --exec peer k: its stdin gets what stdout would print (or -J
 * envelopes, --exec-json), its stdout is read as stdin is. */
static struct node *
run_exec(struct run *r, size_t k)
{
	const struct options *o = r->opt;
	struct node_exec_conf c;
	int env = o->input == INMSG_ENVELOPE;

	memset(&c, 0, sizeof(c));
	c.spec = o->peers[k];
	c.fmt = o->exec_json && o->format == NULL ? r->jfmt : r->fmt;
	c.add_delim = o->format == NULL && !o->json && !o->exec_json;
	c.delim = o->delim;
	c.dlen = o->dlen;
	c.mode = o->input;
	c.idelim = env ? "\n" : o->delim;
	c.idlen = env ? 1 : o->dlen;
	if (o->fdelim_given || run_routes(r, ROUTE_PEER(k), -1, ZMQ_ROUTER) ||
	    run_routes(r, ROUTE_PEER(k), -1, ZMQ_STREAM)) {
		c.split = o->fdelim;
		c.splitlen = o->fdlen;
	}
	c.fdelim = o->fdelim;
	c.fdlen = o->fdlen;
	c.restart = o->exec_restart;
	c.has_out = run_routes(r, ROUTE_PEER(k), ROUTE_NONE, 0);
	c.seq = &r->seq;
	c.linger = o->linger;
	return node_exec_new(&c);
}

/* --exec-each peer k: at most --exec-max commands at once (by default
 * RUN_EXEC_MAX, or 1 when stdin feeds it: lines answered in order). */
static struct node *
run_exec_each(struct run *r, size_t k)
{
	const struct options *o = r->opt;
	struct node_execeach_conf c;

	memset(&c, 0, sizeof(c));
	c.spec = o->peers[k];
	c.json = o->exec_json ? r->jfmt : NULL;
	c.fdelim = o->fdelim;
	c.fdlen = o->fdlen;
	c.split = o->fdelim_given;
	c.max = o->exec_max ? o->exec_max : run_routes(r, ROUTE_STDIN,
	    ROUTE_PEER(k), 0) ? 1 : RUN_EXEC_MAX;
	c.timeout = o->exec_timeout;
	c.has_out = run_routes(r, ROUTE_PEER(k), ROUTE_NONE, 0);
	return node_execeach_new(&c);
}

/* The node a route end stands for, once every node is made. */
static struct node *
run_end_node(const struct run *r, const struct forward_ends *ends, int end)
{
	int i = end == ROUTE_STDIN ? ends->in : end == ROUTE_DEMO ?
	    ends->demo : ROUTE_IS_PEER(end) ? ends->peer0 +
	    (int)ROUTE_PEER_INDEX(end) : end;

	return i >= 0 ? r->nodes[i] : NULL;
}

/* Tell each co-process which nodes feed it, and start it. */
static void
run_start_execs(struct run *r, const struct forward_ends *ends)
{
	struct node **feeders, *src;
	size_t i, k, n;

	for (k = 0; k < ends->npeers; k++) {
		if (r->opt->peers[k]->each)
			continue;
		feeders = xmalloc((r->nroutes + 1) * sizeof(*feeders));
		for (i = n = 0; i < r->nroutes; i++)
			if (r->routes[i]->dst == ROUTE_PEER(k) &&
			    (src = run_end_node(r, ends,
			    r->routes[i]->src)) != NULL)
				feeders[n++] = src;
		node_exec_feed(r->nodes[ends->peer0 + (int)k], feeders, n);
		(void)node_exec_run(r->nodes[ends->peer0 + (int)k]);
	}
}

/* Every node of the run; ends says where the non-socket route ends are. */
static void
run_nodes(struct run *r, struct forward_ends *ends)
{
	size_t i;

	r->nodes = xmalloc((r->nspecs + r->opt->npeers + RUN_MORE_NODES) *
	    sizeof(*r->nodes));
	for (i = 0; i < r->nspecs; i++)
		run_add(r, node_sock_new(&r->socks[i], &r->sconf));
	ends->in = ends->out = ends->demo = -1;
	ends->peer0 = (int)r->nnodes;
	ends->npeers = r->opt->npeers;
	for (i = 0; i < r->opt->npeers; i++)
		run_add(r, r->opt->peers[i]->each ? run_exec_each(r, i) :
		    run_exec(r, i));
	if (run_routes(r, ROUTE_STDIN, ROUTE_NONE, 0))
		ends->in = run_add(r, run_generates(r->opt) ?
		    run_generator(r) : run_input(r))->index;
	if (run_routes(r, ROUTE_NONE, ROUTE_STDOUT, 0))
		ends->out = run_add(r, run_output(r))->index;
	if (r->opt->demo)
		ends->demo = run_add(r, run_demo(r))->index;
	if (r->zap.handle != NULL)
		run_add(r, node_zap_new(&r->zap, r->socks, r->nspecs));
	if (r->opt->stats)
		run_add(r, run_stats(r));
	if (r->opt->check)
		run_add(r, node_check_new(&r->check, r->opt->json,
		    r->opt->stats ? r->opt->stats_ms : 0, r->start));
}

/* How --monitor (or -vv) shows socket events. */
static enum monitor_mode
run_monitor_mode(const struct options *o)
{
	if (o->monitor)
		return o->json ? MONITOR_JSON : MONITOR_TEXT;
	return log_level >= LOG_DEBUG ? MONITOR_TEXT : MONITOR_OFF;
}

/* All of a file ("-": stdin), for --file; a file that cannot be read
 * is a usage error, as --replay's. */
static char *
run_read_file(const char *path, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path,
	    O_RDONLY | O_CLOEXEC);
	size_t cap = 4096;
	char *buf;
	ssize_t k;

	if (fd == -1)
		err(ZC_USAGE, "--file %s", path);
	buf = xmalloc(cap);
	*len = 0;
	while ((k = read(fd, buf + *len, cap - *len)) != 0) {
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			err(ZC_USAGE, "--file %s", path);
		if ((*len += (size_t)k) == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return buf;
}

/* --check's counts, by stamps or by --check-seq's numbers; NULL
 * without --check. */
static struct check *
run_check(struct run *r)
{
	char err[ZC_ERRLEN];

	check_init(&r->check);
	if (!r->opt->check)
		return NULL;
	if (r->opt->check_seq != NULL) {
		/* it parsed when it was read: this cannot fail */
		if (seqspec_parse(&r->seqspec, r->opt->check_seq, err,
		    sizeof(err)) == -1)
			errx(ZC_USAGE, "--check-seq: %s", err);
		r->check.app = &r->seqspec;
	}
	return &r->check;
}

/* Open the input file, compile stdout's format, open the context, the
 * ZAP handler (first: a peer may shake hands as soon as we bind) and
 * the sockets; -1 (said) when a socket cannot be opened. */
static int
run_open_sockets(struct run *r)
{
	const struct options *o = r->opt;
	char msg[ZC_ERRLEN];

	r->in_fd = STDIN_FILENO;
	if (o->replay != NULL && (r->in_fd = open(o->replay, O_RDONLY |
	    O_CLOEXEC)) == -1)
		err(ZC_USAGE, "--replay %s", o->replay);
	if (o->msgfile != NULL)
		r->msgdata = run_read_file(o->msgfile, &r->msglen);
	/* -f, when given, says how to print even under -J */
	if ((r->fmt = format_compile(o->format ? o->format : o->json ?
	    "%j\\n" : "%s", msg, sizeof(msg))) == NULL)
		errx(ZC_USAGE, "-f: %s", msg);
	if (o->exec_json && (r->jfmt = format_compile("%j\\n", msg,
	    sizeof(msg))) == NULL)
		errx(ZC_RUNTIME, "%s", msg);
	if ((r->ctx = sock_ctx_new(r->nspecs, o->io_threads)) == NULL)
		err(ZC_RUNTIME, "zmq_ctx_new");
	sock_conf_init(&r->conf, o->linger, run_monitor_mode(o));
	r->conf.fail_fast = o->fail_fast;
	if ((zap_needed(r->specs, r->nspecs) && zap_open(r->ctx,
	    &r->zap) == -1) || (r->socks = sock_open_all(r->ctx, r->specs,
	    r->nspecs, &r->conf)) == NULL)
		return -1;
	return 0;
}

/* The settings that end the run, from the options. */
static void
run_ending(struct run *r, const struct forward_ends *ends)
{
	const struct options *o = r->opt;
	struct ending_conf c;

	c.count = o->count;
	c.timeout_ms = o->timeout_ms;
	c.idle_ms = o->idle_ms;
	c.linger = o->linger;
	c.exit_on_eof = o->exit_on_eof;
	c.timeout_reply = o->timeout_reply;
	ending_init(&r->end, &c, r->nodes, r->nnodes, &r->fwd, ends->in >= 0 ?
	    r->nodes[ends->in] : NULL, r->start);
}

/* Build the run from the options; -1 (said, everything released) when
 * a socket cannot be opened. -W counts from here. */
int
run_open(struct run *r, const struct options *opt)
{
	struct forward_ends ends;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->opt = opt;
	r->start = clock_mono_ms();
	r->specs = opt->specs;
	r->nspecs = opt->nspecs;
	r->routes = opt->routes;
	r->nroutes = opt->nroutes;
	if (opt->demo) {
		run_demo_sockets(r);
		run_demo_routes(r);
	}
	if (run_open_sockets(r) == -1) {
		(void)run_close(r);
		return -1;
	}
	r->sconf.ctx = r->ctx;
	r->sconf.timeout_reply = opt->timeout_reply;
	/* the peer's address: for -J, and ZMQCAT_PEER of --exec-each */
	r->sconf.want_peer = run_formats_use(r, FMT_JSON) || opt->exec_json ||
	    opt->nexec_each > 0;
	r->sconf.want_meta = run_want_meta(r);
	r->sconf.fdelim = opt->fdelim;
	r->sconf.fdlen = opt->fdlen;
	r->sconf.seq = &r->seq;
	r->sconf.check = run_check(r);
	run_nodes(r, &ends);
	forward_init(&r->fwd, r->nodes, r->nnodes, r->routes, r->nroutes,
	    &ends, opt->input == INMSG_ENVELOPE);
	forward_want_time(&r->fwd, r->fmt);
	if (r->jfmt != NULL)
		forward_want_time(&r->fwd, r->jfmt);
	run_start_execs(r, &ends);
	run_ending(r, &ends);
	waitset_init(&r->ws);
	for (i = 0; i < r->nroutes; i++)
		if (!r->routes[i]->implicit)
			log_msg(LOG_INFO, "route %s", r->routes[i]->text);
	return 0;
}

/* Before the sockets close: hold open the ipc connections of those that
 * sent something (see conns.c for why). */
static struct conns *
run_hold_conns(const struct run *r)
{
	struct conns *held;
	size_t i;

	if (r->socks == NULL)
		return NULL;
	held = xmalloc((r->nspecs + 1) * sizeof(*held));
	memset(held, 0, (r->nspecs + 1) * sizeof(*held));
	for (i = 0; i < r->nspecs; i++)
		if (r->socks[i].nsent > 0)
			sock_hold_ipc(&r->socks[i], &held[i]);
	return held;
}

/* After the context is gone: close the held connections once their
 * peers have read everything, within the linger (none after a signal,
 * never past -W). -1 when a peer had not: what it did not read may be
 * lost, and that is said. */
static int
run_release_conns(const struct run *r, struct conns *held)
{
	int64_t now = clock_mono_ms(), until = now;
	uint64_t unread;
	size_t i;
	int rc = 0;

	if (held == NULL)
		return 0;
	if (!signals_caught)
		until = now + r->opt->linger;
	if (r->end.end_by >= 0 && r->end.end_by < until)
		until = r->end.end_by;
	for (i = 0; i < r->nspecs; i++) {
		if (conns_drain(&held[i], until, &unread) > 0) {
			warnx("%s: the peer had not read the last %llu bytes "
			    "sent over ipc when the linger ran out; they may be "
			    "lost", r->specs[i]->name, (unsigned long long)unread);
			rc = -1;
		}
		conns_free(&held[i]);
	}
	free(held);
	return rc;
}

/* Release everything the run holds; sockets linger as the end set.
 * -1 when what a socket sent over ipc may not all have been read. */
int
run_close(struct run *r)
{
	struct conns *held = run_hold_conns(r);
	size_t i;
	int rc;

	for (i = 0; i < r->nnodes; i++)
		node_destroy(&r->nodes[i]);
	free(r->nodes);
	forward_free(&r->fwd);
	ending_free(&r->end);
	waitset_free(&r->ws);
	sock_close_all(&r->socks, r->nspecs);
	zap_close(&r->zap);
	if (r->ctx != NULL)
		zmq_ctx_term(r->ctx);
	rc = run_release_conns(r, held);
	format_destroy(&r->fmt);
	format_destroy(&r->jfmt);
	if (r->nnodes == 0 && r->in_fd > STDIN_FILENO)
		close(r->in_fd);	/* no stdin node took it */
	free(r->msgdata);		/* nor a generator the bytes */
	r->msgdata = NULL;
	check_free(&r->check);
	seqspec_free(&r->seqspec);
	meta_names_free(&r->meta);
	for (i = 0; r->own_routes != NULL && i < r->nspecs; i++)
		route_destroy(&r->own_routes[i]);
	free(r->own_routes);
	for (i = 0; r->own_specs != NULL && i < r->nspecs; i++)
		spec_destroy(&r->own_specs[i]);
	free(r->own_specs);
	return rc;
}
