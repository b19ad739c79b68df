/* The command line: parsed once into struct options, or exit 2. */
#include "config.h"

#include <err.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "execspec.h"
#include "inmsg.h"
#include "keys.h"
#include "log.h"
#include "options.h"
#include "route.h"
#include "settings.h"
#include "spec.h"
#include "status.h"
#include "topo.h"
#include "xmalloc.h"

/* The lines of --help around the table's options. */
static const char usage_head[] =
"usage: zmqcat [options] -s [NAME=]TYPE:bind|connect:ENDPOINT[,ENDPOINT...] ...\n"
"       zmqcat --demo-server [--interval MS] [-c N] [-s SPEC ...]\n";
static const char usage_foot[] =
"See zmqcat(1) for formats, exit statuses and examples.\n";

/* getopt's view of the table: the short option string and long_opts. */
struct options_getopt {
	char		*shorts;
	struct option	*longs;
};

/* Print the usage summary on stdout and succeed, as --help should. */
static void
options_help(void)
{
	char *table = settings_usage();

	fputs(usage_head, stdout);
	fputs(table, stdout);
	fputs(usage_foot, stdout);
	free(table);
	xfflush_stdout();
	exit(ZC_OK);
}

/* Print our version and the versions of the libraries we run with. */
static void
options_version(void)
{
	int major, minor, patch;

	zmq_version(&major, &minor, &patch);
	printf("zmqcat %s (libzmq %d.%d.%d, jansson %s)\n", PACKAGE_VERSION,
	    major, minor, patch, jansson_version_str());
	xfflush_stdout();
	exit(ZC_OK);
}

/* Print the socket option table: one "name type" per line. */
static void
options_list_sockopts(void)
{
	const struct sockopt_def *t;
	size_t i, n;

	t = sockopt_table(&n);
	for (i = 0; i < n && !ferror(stdout); i++)
		printf("%s %s\n", t[i].name, sockopt_kind_name(t[i].kind));
	xfflush_stdout();
	exit(ZC_OK);
}

/* End the run with a usage error: one line naming the bad argument. */
static void __attribute__((noreturn, format(printf, 1, 2)))
options_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(ZC_USAGE, fmt, ap);
}

/* The spec the per-socket option opt applies to, or a usage error. */
static struct spec *
options_last_spec(struct options *o, const char *opt, const char *arg)
{
	if (o->nspecs == 0)
		options_usage_error("%s '%s' must follow the -s it "
		    "applies to", opt, arg);
	return o->specs[o->nspecs - 1];
}

/* Handle -s: parse the spec and keep it. */
static void
options_add_socket(struct options *o, const char *arg)
{
	char err[ZC_ERRLEN];
	struct spec *spec;

	if ((spec = spec_parse(arg, err, sizeof(err))) == NULL)
		options_usage_error("%s", err);
	o->specs = xrealloc(o->specs, (o->nspecs + 1) * sizeof(*o->specs));
	o->specs[o->nspecs++] = spec;
}

/* Handle -o: parse OPT=VAL for the socket before it. Parsed first, so
 * that a misplaced -o of a secret option is shown without its value. */
static void
options_add_sockopt(struct options *o, const char *arg)
{
	struct spec *spec;
	struct sockopt_val val;
	char msg[ZC_ERRLEN];

	if (sockopt_parse(arg, &val, msg, sizeof(msg)) == -1)
		options_usage_error("%s", msg);
	if (o->nspecs == 0 && sockopt_is_secret(val.def)) {
		sockopt_val_clear(&val);
		options_usage_error("-o '%s=...' must follow the -s it "
		    "applies to", val.def->name);
	}
	spec = options_last_spec(o, "-o", arg);
	if (spec_add_opt(spec, &val) == -1)
		err(ZC_RUNTIME, "malloc");
}

/* Handle --subscribe: only a SUB can take it; escapes allowed. */
static void
options_add_subscribe(struct options *o, const char *arg)
{
	struct spec *spec = options_last_spec(o, "--subscribe", arg);
	char err[ZC_ERRLEN];

	if (spec->type->zmq_type != ZMQ_SUB)
		options_usage_error("--subscribe '%s' needs a SUB "
		    "socket, not '%s'", arg, spec->text);
	if (spec_add_subscribe(spec, arg, err, sizeof(err)) == -1)
		options_usage_error("--subscribe: %s", err);
}

/* Nonzero for the options of a client, which a --probe takes too. */
static int
options_probe_key(enum keys_opt opt)
{
	return opt == KEYS_CURVE_CLIENT || opt == KEYS_CURVE_KEY ||
	    opt == KEYS_PLAIN_CLIENT;
}

/* Handle a CURVE or PLAIN option for the socket (or, for a client's,
 * when there is no -s, the --probe) before it. A secret
 * option's argument is never repeated in a message, not even as a file
 * name (it may be a mistyped secret); a file holding a secret that
 * others can read draws a warning. */
static void
options_add_key(struct options *o, enum keys_opt opt, const char *arg)
{
	const char *path = keys_arg_path(opt, arg);
	char err[ZC_ERRLEN];
	const char *shown = keys_opt_secret(opt) ? "..." : arg;
	struct keys *k;
	int loose;

	if (o->nspecs == 0 && options_probe_key(opt)) {
		if (o->nprobes == 0)
			options_usage_error("%s '%s' must follow the -s or "
			    "--probe it applies to", keys_opt_name(opt), shown);
		k = &o->probe_keys[o->nprobes - 1];
	} else
		k = &options_last_spec(o, keys_opt_name(opt), shown)->keys;
	if (keys_set(k, opt, arg, &loose, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
	if (loose)
		log_loose_secret(keys_opt_name(opt), path);
}

/* Handle --probe: the endpoint, and room for the credentials after it. */
static void
options_add_probe(struct options *o, const char *arg)
{
	o->probes = xrealloc(o->probes, (o->nprobes + 1) *
	    sizeof(*o->probes));
	o->probe_keys = xrealloc(o->probe_keys, (o->nprobes + 1) *
	    sizeof(*o->probe_keys));
	memset(&o->probe_keys[o->nprobes], 0, sizeof(*o->probe_keys));
	o->probes[o->nprobes++] = xstrdup(arg);
}

/* Handle -r: parse the rule now; names are resolved once all are known. */
static void
options_add_route(struct options *o, const char *arg)
{
	char err[ZC_ERRLEN];
	struct route *r;

	if ((r = route_parse(arg, err, sizeof(err))) == NULL)
		options_usage_error("%s", err);
	o->routes = xrealloc(o->routes, (o->nroutes + 1) * sizeof(*o->routes));
	o->routes[o->nroutes++] = r;
}

/* Add a default route, marked so -v does not list it as given. */
static void
options_add_default_route(struct options *o, const char *from,
    const char *to)
{
	struct route *r = route_new(from, to);

	r->implicit = 1;
	o->routes = xrealloc(o->routes, (o->nroutes + 1) * sizeof(*o->routes));
	o->routes[o->nroutes++] = r;
}

/*
 * The default routes with --exec peers: what the sockets receive goes
 * to every peer (stdin, when no socket receives), and what a peer
 * brings to every socket that sends (stdout, when none sends): a REP or
 * ROUTER is answered by the command, a PULL feeds a PUSH through it.
 */
static void
options_default_peer_routes(struct options *o)
{
	size_t i, k, nrecv = 0, nsend = 0;

	for (i = 0; i < o->nspecs; i++) {
		nrecv += o->specs[i]->type->can_recv;
		nsend += o->specs[i]->type->can_send;
	}
	for (k = 0; k < o->npeers; k++) {
		for (i = 0; i < o->nspecs; i++)
			if (o->specs[i]->type->can_recv)
				options_add_default_route(o, o->specs[i]->name,
				    o->peers[k]->name);
		if (nrecv == 0)
			options_add_default_route(o, "stdin",
			    o->peers[k]->name);
		for (i = 0; i < o->nspecs; i++)
			if (o->specs[i]->type->can_send)
				options_add_default_route(o, o->peers[k]->name,
				    o->specs[i]->name);
		if (nsend == 0)
			options_add_default_route(o, o->peers[k]->name,
			    "stdout");
	}
}

/* The default routes: sockets to stdout, stdin to the sockets that send;
 * a REP with --echo answers itself; with --exec peers, see above. */
static void
options_default_routes(struct options *o)
{
	size_t i;

	if (o->npeers > 0) {
		options_default_peer_routes(o);
		return;
	}

	for (i = 0; i < o->nspecs; i++) {
		const struct spec *s = o->specs[i];

		if (s->type->can_recv)
			options_add_default_route(o, s->name, "stdout");
		if (o->echo && s->type->zmq_type == ZMQ_REP)
			options_add_default_route(o, s->name, s->name);
		else if (s->type->can_send)
			options_add_default_route(o, "stdin", s->name);
	}
}

/*
 * End the run with a usage error about a setting that does nothing in
 * this run, named as it was given: "-c counts ..." on the command line
 * (cli), "topo.json: count: counts ..." when the --config file that set
 * it last was topo.json (key; NULL for an option no file can set).
 */
static void __attribute__((noreturn, format(printf, 4, 5)))
options_useless(const struct options *o, const char *key, const char *cli,
    const char *fmt, ...)
{
	const char *from = NULL;
	char msg[ZC_ERRLEN];
	va_list ap;

	if (key != NULL)
		from = settings_origin(settings_by_key(key), o);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (from != NULL)
		options_usage_error("%s: %s: %s", from, key, msg);
	options_usage_error("%s %s", cli, msg);
}

/* Resolve every route against the named sockets, or a usage error. */
static void
options_resolve_routes(struct options *o)
{
	const char **names = xmalloc((o->npeers + 1) * sizeof(*names));
	char err[ZC_ERRLEN];
	size_t i, bad;
	int rc;

	if (o->demo && o->nroutes > 0)
		options_usage_error("--demo-server takes no routes: it sends "
		    "its counter to every -s socket");
	if (o->echo && o->nroutes > 0 && !o->routes[0]->implicit)
		options_useless(o, "echo", "--echo", "shapes the default "
		    "routes; with -r, route the REP to itself (-r rep:rep)");
	if (o->echo && o->npeers > 0)
		options_useless(o, "echo", "--echo", "shapes the default "
		    "routes, which --exec peers take; drop one");
	if (o->nroutes == 0 && !o->demo)
		options_default_routes(o);
	for (i = 0; i < o->npeers; i++)
		names[i] = o->peers[i]->name;
	rc = route_resolve_peers(o->routes, o->nroutes, o->specs, o->nspecs,
	    names, o->npeers, &bad, err, sizeof(err));
	free(names);
	if (rc == -1) {
		if (o->routes[bad]->origin != NULL)
			options_usage_error("%s: %s", o->routes[bad]->origin,
			    err);
		options_usage_error("%s", err);
	}
}

/* Handle --config: the file's sockets, routes and settings join ours. */
static void
options_load_config(struct options *o, const char *path)
{
	char err[ZC_ERRLEN];

	if (topo_load(path, o, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
}

/*
 * An optional argument only comes with '=': "--stats 10" leaves 10 as an
 * argument of its own, which is always a mistake; say what was meant.
 * (getopt has not yet moved what follows the option, so argv[optind] is
 * the word after it.)
 */
static void
options_check_optarg(const struct setting *s, char **argv)
{
	const char *next = argv[optind];

	if (optarg == NULL && next != NULL && next[0] != '-')
		options_usage_error("unexpected argument '%s'; did you mean "
		    "--%s=%s?", next, s->name, next);
}

/* --keygen: print a keypair and end the run; a failed write is
 * stdout's, anything else libzmq's. */
static void
options_keygen(const struct options *o)
{
	if (!zmq_has("curve"))
		options_usage_error("--keygen: this libzmq was built without "
		    "CURVE");
	if (keys_keygen(stdout, o->json) == -1 && !ferror(stdout))
		err(ZC_RUNTIME, "--keygen");
	xfflush_stdout();
	exit(ZC_OK);
}

/* Check each socket's CURVE and PLAIN options once all are known. */
static void
options_check_keys(struct options *o)
{
	char err[ZC_ERRLEN];
	size_t i;

	for (i = 0; i < o->nspecs; i++) {
		struct spec *s = o->specs[i];

		if (keys_check(&s->keys, err, sizeof(err)) == -1)
			options_usage_error("%s: %s", s->name, err);
		if (keys_has_list(&s->keys) && spec_has_opt(s,
		    ZMQ_ZAP_DOMAIN))
			options_usage_error("%s: -o zap_domain: zmqcat sets "
			    "the ZAP domain of a socket with --curve-allow or "
			    "--plain-users", s->name);
		if (keys_curve(&s->keys) && !zmq_has("curve"))
			options_usage_error("%s: CURVE options given, but "
			    "this libzmq was built without CURVE", s->name);
	}
}

/* --wait-peers counts peers from monitor events, which inproc has not. */
static void
options_check_countable(const struct options *o, const struct spec *spec)
{
	size_t i;

	for (i = 0; i < spec->nendpoints; i++)
		if (strncmp(spec->endpoints[i].addr, "inproc://", 9) == 0)
			options_useless(o, "wait_peers", "--wait-peers:", "%s "
			    "has an inproc endpoint, whose peers libzmq does "
			    "not report", spec->name);
}

/*
 * --wait-peers holds stdin, so stdin must feed some socket. A PUB it
 * feeds is opened as an XPUB, which sends the same way but also shows
 * the subscriptions: a peer counts once its subscription has come.
 */
static void
options_check_wait_peers(struct options *o)
{
	size_t i;
	int fed = 0;

	if (!o->wait_peers)
		return;
	if (o->demo)
		options_useless(o, "wait_peers", "--wait-peers", "holds stdin, "
		    "which --demo-server does not read");
	for (i = 0; i < o->nroutes; i++) {
		const struct route *r = o->routes[i];

		if (r->src != ROUTE_STDIN || r->dst < 0)
			continue;
		fed = 1;
		options_check_countable(o, o->specs[r->dst]);
		if (o->specs[r->dst]->type->zmq_type == ZMQ_PUB)
			o->specs[r->dst]->see_subs = 1;
	}
	if (!fed)
		options_useless(o, "wait_peers", "--wait-peers", "holds stdin, "
		    "but no route takes stdin to a socket");
}

/* The demo server sends its counter on a timer: options about printing,
 * reading stdin or routes would do nothing there, so they are refused. */
static void
options_check_demo(const struct options *o)
{
	const char *key = NULL, *cli = NULL;
	size_t i;

	if (o->format != NULL)
		key = "format", cli = "-f";
	else if (o->delim_text != NULL)
		key = "delimiter", cli = "-D/-0";
	else if (o->fdelim_given)
		key = "frame_delimiter", cli = "-F";
	else if (o->input_given || o->replay != NULL)
		cli = o->replay != NULL ? "--replay" : "--input";
	else if (o->exit_on_eof)
		key = "exit_on_eof", cli = "-e";
	else if (o->idle_ms)
		key = "idle_timeout", cli = "-T";
	else if (o->echo)
		key = "echo", cli = "--echo";
	else if (o->timeout_reply)
		key = "timeout_reply", cli = "--timeout-reply";
	else if (o->check)
		key = "check", cli = "--check";
	else if (o->json && !o->monitor && !o->stats)
		cli = "-J (it shapes --monitor and --stats only)";
	if (cli != NULL)
		options_useless(o, key, cli, "does nothing with --demo-server, "
		    "which only sends its counter");
	for (i = 0; i < o->nspecs; i++)
		if (!o->specs[i]->type->can_send)
			options_usage_error("--demo-server cannot send on '%s'",
			    o->specs[i]->text);
}

/* Nonzero when some socket is of this type. */
static int
options_has_type(const struct options *o, int zmq_type)
{
	size_t i;

	for (i = 0; i < o->nspecs; i++)
		if (o->specs[i]->type->zmq_type == zmq_type)
			return 1;
	return 0;
}

/* Nonzero when a route starts at stdin, or ends at a socket (recv). */
static int
options_routes_from(const struct options *o, int stdin_end)
{
	size_t i;

	for (i = 0; i < o->nroutes; i++)
		if (stdin_end ? o->routes[i]->src == ROUTE_STDIN :
		    o->routes[i]->src >= 0)
			return 1;
	return 0;
}

/* The option that makes a generator (-m, --file or --size), or NULL. */
static const char *
options_generator(const struct options *o)
{
	if (o->nmessages > 0)
		return "-m";
	if (o->msgfile != NULL)
		return "--file";
	return o->size_given ? "--size" : NULL;
}

/* The pace's option as it was given: --interval, or --repeat-delay (the
 * same in seconds). */
static const char *
options_interval_name(const struct options *o)
{
	return o->repeat_delay_given ? "--repeat-delay" : "--interval";
}

/* An option that would do nothing in this run is a mistake: say so. */
static void
options_check_context(const struct options *o)
{
	int reads = options_routes_from(o, 1);

	if (o->demo) {
		options_check_demo(o);
		return;
	}
	if (o->timeout_reply && !options_has_type(o, ZMQ_REQ))
		options_useless(o, "timeout_reply", "--timeout-reply", "needs "
		    "a REQ socket");
	if (o->echo && !options_has_type(o, ZMQ_REP))
		options_useless(o, "echo", "--echo", "needs a REP socket");
	if ((o->input_given || o->replay != NULL ||
	    options_generator(o) != NULL) && !reads)
		options_usage_error("%s: no route takes stdin to a socket",
		    o->replay != NULL ? "--replay" : o->input_given ? "--input" :
		    options_generator(o));
	if ((o->interval_given || o->rate) && !reads)
		options_useless(o, o->rate ? "rate" : "interval", o->rate ?
		    "--rate" : options_interval_name(o), "paces what is sent, "
		    "but no route reads stdin");
	if (o->exit_on_eof && !reads)
		options_useless(o, "exit_on_eof", "-e", "waits for the end of "
		    "stdin, but no route reads it");
	if (o->check && !options_routes_from(o, 0))
		options_useless(o, "check", "--check", "counts what sockets "
		    "receive, but no route takes any from a socket");
	if (o->count && !options_routes_from(o, 0))
		options_useless(o, "count", "-c", "counts messages received, "
		    "but no route takes any from a socket");
}

/* Report an unknown option or a missing argument getopt found. */
static void
options_getopt_error(int c, char **argv)
{
	const char *text = argv[optind - 1];

	if (c == ':')
		options_usage_error("option '%s' needs an argument", text);
	if (optopt != 0)
		options_usage_error("unknown option '-%c' (see zmqcat "
		    "--help)", optopt);
	options_usage_error("unknown option '%s' (see zmqcat --help)", text);
}

/* The row of what getopt returned: a letter, or 256 + the row's index
 * for a long option without one; NULL for getopt's '?' and ':'. */
static const struct setting *
options_row(int c)
{
	const struct setting *t;
	size_t n;

	t = settings_table(&n);
	if (c >= 256 && (size_t)(c - 256) < n)
		return &t[c - 256];
	return settings_by_letter(c);
}

/* Do what an ACTION row stands for, with its argument. */
static void
options_action(struct options *o, const struct setting *s, const char *arg)
{
	switch (s->action) {
	case SA_SOCKET: options_add_socket(o, arg); break;
	case SA_SUBSCRIBE: options_add_subscribe(o, arg); break;
	case SA_SOCKOPT: options_add_sockopt(o, arg); break;
	case SA_LIST_SOCKOPTS: options_list_sockopts(); break;
	case SA_ROUTE: options_add_route(o, arg); break;
	case SA_CONFIG: options_load_config(o, arg); break;
	case SA_KEY: options_add_key(o, (enum keys_opt)s->param, arg); break;
	case SA_VERBOSITY: break;	/* options_scan_verbosity did them */
	case SA_VERSION: options_version(); break;
	case SA_HELP: options_help(); break;
	case SA_PROBE: options_add_probe(o, arg); break;
	}
}

/* Apply one option getopt returned: its row's action, or its value. */
static void
options_apply(struct options *o, int c, char **argv)
{
	const struct setting *s = options_row(c);
	char err[ZC_ERRLEN];

	if (s == NULL)
		options_getopt_error(c, argv);
	if (s->type == SETTING_ACTION)
		options_action(o, s, optarg);
	else if (settings_set(s, o, optarg, NULL, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
	if (s->flags & SF_OPTARG)
		options_check_optarg(s, argv);
}

/* Build getopt's short option string and long options from the table. */
static void
options_getopt_init(struct options_getopt *g)
{
	const struct setting *t;
	size_t i, n, ns = 0, nl = 0;
	int has;

	t = settings_table(&n);
	g->shorts = xmalloc(2 * n + 2);
	g->longs = xmalloc((n + 1) * sizeof(*g->longs));
	g->shorts[ns++] = ':';	/* a missing argument is ':', not '?' */
	for (i = 0; i < n; i++) {
		has = t[i].arg == NULL ? no_argument : t[i].flags & SF_OPTARG ?
		    optional_argument : required_argument;
		if (t[i].letter != 0) {
			g->shorts[ns++] = (char)t[i].letter;
			if (has == required_argument)
				g->shorts[ns++] = ':';
		}
		if (t[i].name == NULL)
			continue;
		g->longs[nl].name = t[i].name;
		g->longs[nl].has_arg = has;
		g->longs[nl].flag = NULL;
		g->longs[nl++].val = t[i].letter != 0 ? t[i].letter :
		    256 + (int)i;
	}
	g->shorts[ns] = '\0';
	memset(&g->longs[nl], 0, sizeof(g->longs[nl]));
}

/*
 * Apply -v and -q, wherever they stand, before any other option: a
 * warning that --config or a key option draws while the rest is parsed
 * must heed a -q that comes after it. Mistakes are left to the real pass.
 */
static void
options_scan_verbosity(int argc, char **argv, const struct options_getopt *g)
{
	/* a copy: GNU getopt moves arguments about, and the real pass
	 * must see them in order (--stats 10 is told by what follows it) */
	char **copy = xmalloc(((size_t)argc + 1) * sizeof(*copy));
	int c;

	memcpy(copy, argv, ((size_t)argc + 1) * sizeof(*copy));
	opterr = 0;
	while ((c = getopt_long(argc, copy, g->shorts, g->longs, NULL)) != -1)
		if (c == 'v')
			log_level = log_level < 0 ? LOG_INFO : log_level + 1;
		else if (c == 'q')
			log_level = LOG_QUIET;
	free(copy);
	optind = 0;	/* start over; glibc, musl and the BSDs reset on 0 */
}

/* -m, --file and --size send instead of stdin, paced by --interval or
 * --rate: what would do nothing, or clash, is a usage error. */
static void
options_check_generator(const struct options *o)
{
	const char *gen = options_generator(o);

	if (o->nmessages > 0 && o->msgfile != NULL)
		options_usage_error("-m and --file: give the messages one way");
	if (gen != NULL && (o->replay != NULL || o->input_given))
		options_usage_error("%s sends instead of reading stdin; drop %s",
		    gen, o->replay != NULL ? "--replay" : "--input");
	if (gen != NULL && o->demo)
		options_usage_error("%s does nothing with --demo-server, which "
		    "only sends its counter", gen);
	if (o->rate && o->interval_given)
		options_usage_error("--rate and %s: pace one way",
		    options_interval_name(o));
	if (gen == NULL && !o->demo && o->repeat_given)
		options_usage_error("--repeat repeats what -m, --file or --size "
		    "send: give one of them");
	if (o->replay_timing && (o->interval_given || o->rate))
		options_usage_error("--replay-timing and %s: pace one way",
		    o->rate ? "--rate" : options_interval_name(o));
	if (o->stamp && gen == NULL)
		options_usage_error("--stamp marks what -m, --file or --size "
		    "send: give one of them");
	if (o->demo && (o->rate || o->repeat_given))
		options_usage_error("%s does nothing with --demo-server, which "
		    "sends one value every --interval MS", o->rate ? "--rate" :
		    "--repeat");
}

/* --probe runs alone, with -W, -J and a client's credentials at most:
 * anything else would do nothing. */
static void
options_check_probe(const struct options *o)
{
	size_t i;

	if (o->nspecs > 0 || o->demo || o->nroutes > 0)
		options_usage_error("--probe runs alone: drop %s", o->nspecs ?
		    "-s" : o->demo ? "--demo-server" : "-r");
	for (i = 0; i < o->nprobes; i++)
		if (o->probe_keys[i].curve_key.value != NULL &&
		    o->probe_keys[i].curve_client.value == NULL)
			options_usage_error("--probe %s: --curve-key needs "
			    "--curve-client", o->probes[i]);
}

/* The --exec and --exec-each peers from their texts (checked as they
 * were read), named once the sockets are. */
static void
options_peers(struct options *o)
{
	char err[ZC_ERRLEN];
	size_t i, n = o->nexecs + o->nexec_each;

	o->peers = xmalloc((n + 1) * sizeof(*o->peers));
	for (i = 0; i < n; i++) {
		int each = i >= o->nexecs;
		const char *text = each ? o->exec_each[i - o->nexecs] :
		    o->execs[i];

		if ((o->peers[i] = execspec_parse(text, each, err,
		    sizeof(err))) == NULL)
			options_usage_error("%s: %s", each ? "--exec-each" :
			    "--exec", err);
		o->npeers++;
	}
	if (execspec_assign_names(o->peers, o->npeers, o->specs, o->nspecs,
	    err, sizeof(err)) == -1)
		options_usage_error("%s", err);
}

/* Nonzero when some route starts or ends at peer k. */
static int
options_peer_routed(const struct options *o, size_t k)
{
	size_t i;

	for (i = 0; i < o->nroutes; i++)
		if (o->routes[i]->src == ROUTE_PEER(k) ||
		    o->routes[i]->dst == ROUTE_PEER(k))
			return 1;
	return 0;
}

/* The --exec settings need a peer they shape; a peer no route names
 * would do nothing but run. */
static void
options_check_peers(const struct options *o)
{
	size_t i;

	for (i = 0; i < o->npeers; i++)
		if (!options_peer_routed(o, i))
			options_usage_error("%s '%s': no route takes messages to "
			    "or from '%s'", o->peers[i]->each ? "--exec-each" :
			    "--exec", o->peers[i]->text, o->peers[i]->name);
	if (o->exec_max && o->nexec_each == 0)
		options_useless(o, "exec_max", "--exec-max", "limits the "
		    "commands --exec-each runs at once: give one");
	if (o->exec_timeout && o->nexec_each == 0)
		options_useless(o, "exec_timeout", "--exec-timeout", "limits "
		    "how long each --exec-each command runs: give one");
	if (o->exec_restart && o->nexecs == 0)
		options_useless(o, "exec_restart", "--exec-restart", "restarts "
		    "an --exec co-process: give one");
	if (o->exec_json && o->npeers == 0)
		options_useless(o, "exec_json", "--exec-json", "is what "
		    "--exec and --exec-each commands read: give one");
}

/* Parse argv into o; every mistake ends the run with status 2. */
void
options_parse(struct options *o, int argc, char **argv)
{
	/* static: an option that ends the run in the loop (--help,
	 * --list-sockopts) leaves its tables reachable, not lost */
	static struct options_getopt g;
	char err[ZC_ERRLEN];
	int c;

	settings_init(o);
	options_getopt_init(&g);
	options_scan_verbosity(argc, argv, &g);
	while ((c = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1)
		options_apply(o, c, argv);
	if (o->repeat_delay_given)	/* --interval, in seconds */
		o->interval_given = 1;
	free(g.shorts);
	free(g.longs);
	g.shorts = NULL;
	g.longs = NULL;
	if (optind < argc)
		options_usage_error("unexpected argument '%s' (sockets "
		    "are given with -s)", argv[optind]);
	if (o->keygen)
		options_keygen(o);
	if (o->replay_timing && o->replay == NULL)
		options_usage_error("--replay-timing needs --replay FILE");
	if (o->check_seq != NULL)	/* numbers to check: --check */
		o->check = 1;
	if ((o->json || o->replay) && !o->input_given)
		o->input = INMSG_ENVELOPE;
	if (o->replay && o->input != INMSG_ENVELOPE)
		options_usage_error("--replay reads a -J capture; drop --input");
	options_check_generator(o);
	if (o->nprobes > 0) {
		options_check_probe(o);
		return;
	}
	if (o->nspecs == 0 && !o->demo && o->nexecs + o->nexec_each == 0)
		options_usage_error("no socket given (use -s TYPE:MODE:ENDPOINT, "
		    "see zmqcat --help)");
	if (spec_assign_names(o->specs, o->nspecs, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
	options_peers(o);
	options_check_keys(o);
	options_resolve_routes(o);
	options_check_wait_peers(o);
	options_check_context(o);
	options_check_peers(o);
}

/* Free everything options_parse allocated. */
void
options_free(struct options *o)
{
	size_t i;

	for (i = 0; i < o->nspecs; i++)
		spec_destroy(&o->specs[i]);
	for (i = 0; i < o->nroutes; i++)
		route_destroy(&o->routes[i]);
	free(o->specs);
	free(o->routes);
	for (i = 0; i < o->nprobes; i++) {
		free(o->probes[i]);
		keys_clear(&o->probe_keys[i]);
	}
	for (i = 0; i < o->npeers; i++)
		execspec_destroy(&o->peers[i]);
	free(o->peers);
	free(o->probes);
	free(o->probe_keys);
	settings_free(o);
	memset(o, 0, sizeof(*o));
}
