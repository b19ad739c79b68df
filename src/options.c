/* The command line: parsed once into struct options, or exit 2. */
#include "config.h"

#include <err.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "escape.h"
#include "keys.h"
#include "log.h"
#include "options.h"
#include "status.h"
#include "topo.h"
#include "util.h"

enum {
	OPT_SUBSCRIBE = 256,
	OPT_LINGER,
	OPT_DEMO,
	OPT_INTERVAL,
	OPT_LIST_SOCKOPTS,
	OPT_ECHO,
	OPT_TIMEOUT_REPLY,
	OPT_STATS,
	OPT_CONFIG,
	OPT_DUMP_CONFIG,
	OPT_INPUT,
	OPT_REPLAY,
	OPT_REPLAY_TIMING,
	OPT_MONITOR,
	OPT_WAIT_PEERS,
	OPT_KEYGEN,
	OPT_CURVE_SERVER,
	OPT_CURVE_CLIENT,
	OPT_CURVE_KEY,
	OPT_CURVE_ALLOW,
	OPT_PLAIN_USERS,
	OPT_PLAIN_CLIENT
};

static const char short_opts[] = ":s:o:r:f:JD:0F:c:eW:T:vqVh";

static const struct option long_opts[] = {
	{ "socket",		required_argument,	NULL, 's' },
	{ "subscribe",		required_argument,	NULL, OPT_SUBSCRIBE },
	{ "sockopt",		required_argument,	NULL, 'o' },
	{ "route",		required_argument,	NULL, 'r' },
	{ "echo",		no_argument,		NULL, OPT_ECHO },
	{ "timeout-reply",	required_argument,	NULL, OPT_TIMEOUT_REPLY },
	{ "stats",		optional_argument,	NULL, OPT_STATS },
	{ "config",		required_argument,	NULL, OPT_CONFIG },
	{ "dump-config",	no_argument,		NULL, OPT_DUMP_CONFIG },
	{ "format",		required_argument,	NULL, 'f' },
	{ "json",		no_argument,		NULL, 'J' },
	{ "input",		required_argument,	NULL, OPT_INPUT },
	{ "replay",		required_argument,	NULL, OPT_REPLAY },
	{ "replay-timing",	no_argument,		NULL, OPT_REPLAY_TIMING },
	{ "delimiter",		required_argument,	NULL, 'D' },
	{ "frame-delimiter",	required_argument,	NULL, 'F' },
	{ "count",		required_argument,	NULL, 'c' },
	{ "exit-on-eof",	no_argument,		NULL, 'e' },
	{ "timeout",		required_argument,	NULL, 'W' },
	{ "idle-timeout",	required_argument,	NULL, 'T' },
	{ "linger",		required_argument,	NULL, OPT_LINGER },
	{ "demo-server",	no_argument,		NULL, OPT_DEMO },
	{ "interval",		required_argument,	NULL, OPT_INTERVAL },
	{ "list-sockopts",	no_argument,		NULL, OPT_LIST_SOCKOPTS },
	{ "monitor",		no_argument,		NULL, OPT_MONITOR },
	{ "wait-peers",		required_argument,	NULL, OPT_WAIT_PEERS },
	{ "keygen",		no_argument,		NULL, OPT_KEYGEN },
	{ "curve-server",	required_argument,	NULL, OPT_CURVE_SERVER },
	{ "curve-client",	required_argument,	NULL, OPT_CURVE_CLIENT },
	{ "curve-key",		required_argument,	NULL, OPT_CURVE_KEY },
	{ "curve-allow",	required_argument,	NULL, OPT_CURVE_ALLOW },
	{ "plain-users",	required_argument,	NULL, OPT_PLAIN_USERS },
	{ "plain-client",	required_argument,	NULL, OPT_PLAIN_CLIENT },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "version",		no_argument,		NULL, 'V' },
	{ "help",		no_argument,		NULL, 'h' },
	{ NULL,			0,			NULL, 0 }
};

static const char usage_text[] =
"usage: zmqcat [options] -s [NAME=]TYPE:bind|connect:ENDPOINT[,ENDPOINT...] ...\n"
"       zmqcat --demo-server [--interval MS] [-c N] [-s SPEC ...]\n"
"Sockets:\n"
"  -s, --socket SPEC        TYPE: PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER\n"
"                           ROUTER PAIR STREAM; MODE: bind, connect, @ or >\n"
"      --subscribe TOPIC    subscribe the SUB before it (default: all); \\xNN ok\n"
"  -o, --sockopt OPT=VAL    libzmq option for the -s before it; --list-sockopts\n"
"      --linger MS          linger for every socket (default 1000)\n"
"Routes (default: sockets to stdout, stdin to every socket that sends):\n"
"  -r, --route FROM:TO[,prefix=P][,match=RE][,json=.PATH=V][,drop][,format=F]\n"
"      --echo               a REP answers each request with itself\n"
"      --timeout-reply MS   reopen a REQ that had no reply in MS\n"
"      --config FILE.json   add a topology file; --dump-config: print one\n"
"Output and input:\n"
"  -f, --format FMT         %s body %1..%9 frame %n name %T type %F frames\n"
"                           %S size %N number %t ms %{STRFTIME}t %x hex\n"
"                           %b base64 %z Z85 %j JSON %%; %-8n %.20s; \\n \\xNN\n"
"  -J, --json               one JSON object per message, out and in\n"
"      --input MODE         stdin as raw, json, hex, base64 or z85\n"
"      --replay FILE        send a -J capture; --replay-timing keeps its gaps\n"
"  -D, --delimiter DELIM    message delimiter (default \\n); -0: NUL\n"
"  -F, --frame-delimiter D  TAB; splits stdin if given, or for ROUTER/STREAM\n"
"Ending a run:\n"
"  -c, --count N            stop after N messages received that a route took\n"
"  -e, --exit-on-eof        stop once stdin has ended and all of it is sent\n"
"  -W, --timeout SECS       run at most SECS;  -T, --idle-timeout SECS: stop\n"
"                           after SECS without a message (fractions allowed)\n"
"Debugging and security (KEY: 40 Z85 characters or @FILE; per socket):\n"
"      --monitor            socket events on stderr;  --keygen: CURVE keypair\n"
"      --stats[=SECS]       counts per socket and route on stderr\n"
"      --wait-peers N       hold stdin until the sockets it feeds have N peers\n"
"      --curve-server KEY   our secret key; --curve-allow FILE: admit only the\n"
"                           client public keys listed in FILE\n"
"      --curve-client KEY   the server's public key; --curve-key KEY: ours\n"
"      --plain-users FILE   USER:PASS lines; --plain-client USER:PASS|@FILE\n"
"Other:\n"
"      --demo-server        the classic PUSH 5557 / PUB 5556 counter emitter,\n"
"                           one value every --interval MS (default 1000)\n"
"  -v, --verbose (repeatable)  -q, --quiet  -V, --version  -h, --help\n"
"See zmqcat(1) for formats, exit statuses and examples.\n";

/* Print the usage summary on stdout and succeed, as --help should. */
static void
options_help(void)
{
	fputs(usage_text, stdout);
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
		err(1, "malloc");
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

/* Handle a CURVE or PLAIN option for the socket before it. A secret
 * option's argument is never repeated in a message, not even as a file
 * name (it may be a mistyped secret); a file holding a secret that
 * others can read draws a warning. */
static void
options_add_key(struct options *o, enum keys_opt opt, const char *arg)
{
	const char *path = keys_arg_path(opt, arg);
	char err[ZC_ERRLEN];
	struct spec *spec;
	int loose;

	spec = options_last_spec(o, keys_opt_name(opt), keys_opt_secret(opt) ?
	    "..." : arg);
	if (keys_set(&spec->keys, opt, arg, &loose, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
	if (loose)
		options_warn_loose(keys_opt_name(opt), path);
}

/*
 * Warn that a file holding a secret is readable by group or others; where
 * names the option, or the place in a --config file. A warning, so -q
 * silences it, wherever -q stands (see options_scan_verbosity).
 */
void
options_warn_loose(const char *where, const char *path)
{
	log_msg(LOG_WARN, "warning: %s: %s is readable by group or others; "
	    "chmod 600 it", where, path);
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

/* The default routes: sockets to stdout, stdin to the sockets that send;
 * a REP with --echo answers itself. */
static void
options_default_routes(struct options *o)
{
	size_t i;

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

/* Resolve every route against the named sockets, or a usage error. */
static void
options_resolve_routes(struct options *o)
{
	char err[ZC_ERRLEN];
	size_t bad;

	if (o->demo && o->nroutes > 0)
		options_usage_error("--demo-server takes no routes: it sends "
		    "its counter to every -s socket");
	if (o->echo && o->nroutes > 0 && !o->routes[0]->implicit)
		options_usage_error("--echo shapes the default routes; with -r, "
		    "route the REP to itself (-r rep:rep)");
	if (o->nroutes == 0 && !o->demo)
		options_default_routes(o);
	if (route_resolve_all(o->routes, o->nroutes, o->specs, o->nspecs, &bad,
	    err, sizeof(err)) == -1) {
		if (o->routes[bad]->origin != NULL)
			options_usage_error("%s: %s", o->routes[bad]->origin,
			    err);
		options_usage_error("%s", err);
	}
}

/* Handle --input: how each stdin message is decoded. */
static void
options_set_input(struct options *o, const char *arg)
{
	if (inmsg_mode_lookup(arg, &o->input) == -1)
		options_usage_error("bad input mode '%s' (want raw, "
		    "json, hex, base64 or z85)", arg);
	o->input_given = 1;
}

/* Handle --config: the file's sockets, routes and settings join ours. */
static void
options_load_config(struct options *o, const char *path)
{
	char err[ZC_ERRLEN];

	if (topo_load(path, o, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
}

/* Handle -f: compiled now, so a bad one is a usage error before any
 * socket opens (the loop compiles it again for itself). */
static void
options_set_format(struct options *o, const char *arg)
{
	char err[ZC_ERRLEN];
	struct format *fmt;

	if ((fmt = format_compile(arg, err, sizeof(err))) == NULL)
		options_usage_error("-f: %s", err);
	format_destroy(&fmt);
	free(o->format);
	o->format = xstrdup(arg);
}

/* Decode a delimiter option into buf/len, or a usage error. */
static void
options_set_delim(const char *opt, const char *arg, char **buf, size_t *len,
    char **text, int allow_empty)
{
	char err[ZC_ERRLEN];

	free(*text);
	*text = xstrdup(arg);
	free(*buf);
	if (escape_parse(arg, buf, len, err, sizeof(err)) == -1)
		options_usage_error("%s: %s", opt, err);
	if (*len == 0 && !allow_empty) {
		options_usage_error("%s: empty delimiter '%s'", opt, arg);
	}
}

/* A whole number within bounds for opt, or a usage error. */
static long long
options_number(const char *opt, const char *arg, long long min, long long max)
{
	long long v;

	if (parse_llong(arg, min, max, &v) == -1)
		options_usage_error("bad %s '%s' (want an integer from "
		    "%lld to %lld)", opt, arg, min, max);
	return v;
}

/* Positive seconds with an optional fraction, or a usage error. */
static int64_t
options_seconds(const char *opt, const char *arg)
{
	int64_t ms;

	if (parse_seconds_ms(arg, &ms) == -1)
		options_usage_error("bad %s '%s' (want seconds > 0, "
		    "fractions allowed)", opt, arg);
	return ms;
}

/*
 * Handle --stats[=SECS]. Its argument is optional, so it only comes with
 * '=': "--stats 10" leaves 10 as an argument of its own, which is always
 * a mistake; say what was meant. (getopt has not yet moved what follows
 * the option, so argv[optind] is the word after it.)
 */
static void
options_set_stats(struct options *o, char **argv)
{
	const char *next = argv[optind];

	o->stats = 1;
	if (optarg != NULL)
		o->stats_ms = options_seconds("stats period", optarg);
	else if (next != NULL && next[0] != '-')
		options_usage_error("unexpected argument '%s'; did you mean "
		    "--stats=%s?", next, next);
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
options_check_countable(const struct spec *spec)
{
	size_t i;

	for (i = 0; i < spec->nendpoints; i++)
		if (strncmp(spec->endpoints[i].addr, "inproc://", 9) == 0)
			options_usage_error("--wait-peers: %s has an inproc "
			    "endpoint, whose peers libzmq does not report",
			    spec->name);
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
		options_usage_error("--wait-peers holds stdin, which "
		    "--demo-server does not read");
	for (i = 0; i < o->nroutes; i++) {
		const struct route *r = o->routes[i];

		if (r->src != ROUTE_STDIN || r->dst < 0)
			continue;
		fed = 1;
		options_check_countable(o->specs[r->dst]);
		if (o->specs[r->dst]->type->zmq_type == ZMQ_PUB)
			o->specs[r->dst]->see_subs = 1;
	}
	if (!fed)
		options_usage_error("--wait-peers holds stdin, but no route "
		    "takes stdin to a socket");
}

/* The demo server sends its counter on a timer: options about printing,
 * reading stdin or routes would do nothing there, so they are refused. */
static void
options_check_demo(const struct options *o)
{
	const char *opt = NULL;

	if (o->format != NULL)
		opt = "-f";
	else if (o->delim_text != NULL)
		opt = "-D/-0";
	else if (o->fdelim_given)
		opt = "-F";
	else if (o->input_given || o->replay != NULL)
		opt = o->replay != NULL ? "--replay" : "--input";
	else if (o->exit_on_eof)
		opt = "-e";
	else if (o->idle_ms)
		opt = "-T";
	else if (o->echo || o->timeout_reply)
		opt = o->echo ? "--echo" : "--timeout-reply";
	else if (o->json && !o->monitor && !o->stats)
		opt = "-J (it shapes --monitor and --stats only)";
	if (opt != NULL)
		options_usage_error("%s does nothing with --demo-server, which "
		    "only sends its counter", opt);
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
		options_usage_error("--timeout-reply needs a REQ socket");
	if (o->echo && !options_has_type(o, ZMQ_REP))
		options_usage_error("--echo needs a REP socket");
	if ((o->input_given || o->replay != NULL) && !reads)
		options_usage_error("%s: no route takes stdin to a socket",
		    o->replay != NULL ? "--replay" : "--input");
	if (o->exit_on_eof && !reads)
		options_usage_error("-e waits for the end of stdin, but no "
		    "route reads it");
	if (o->count && !options_routes_from(o, 0))
		options_usage_error("-c counts messages received, but no "
		    "route takes any from a socket");
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

/* Apply one parsed option. */
static void
options_apply(struct options *o, int c, char **argv)
{
	switch (c) {
	case 's': options_add_socket(o, optarg); break;
	case 'o': options_add_sockopt(o, optarg); break;
	case 'r': options_add_route(o, optarg); break;
	case OPT_ECHO: o->echo = 1; break;
	case OPT_CONFIG: options_load_config(o, optarg); break;
	case 'J': o->json = 1; break;
	case OPT_INPUT: options_set_input(o, optarg); break;
	case OPT_REPLAY:
		free(o->replay);
		o->replay = xstrdup(optarg);
		break;
	case OPT_REPLAY_TIMING: o->replay_timing = 1; break;
	case OPT_DUMP_CONFIG: o->dump_config = 1; break;
	case OPT_TIMEOUT_REPLY:
		o->timeout_reply = (int)options_number("reply timeout", optarg,
		    1, INT_MAX);
		break;
	case OPT_STATS: options_set_stats(o, argv); break;
	case OPT_SUBSCRIBE: options_add_subscribe(o, optarg); break;
	case 'f': options_set_format(o, optarg); break;
	case 'D':
		options_set_delim("-D", optarg, &o->delim, &o->dlen,
		    &o->delim_text, 0);
		break;
	case '0':
		options_set_delim("-0", "\\0", &o->delim, &o->dlen,
		    &o->delim_text, 0);
		break;
	case 'F':
		options_set_delim("-F", optarg, &o->fdelim, &o->fdlen,
		    &o->fdelim_text, 0);
		o->fdelim_given = 1;
		break;
	case 'c': o->count = options_number("count", optarg, 1, LLONG_MAX); break;
	case 'e': o->exit_on_eof = 1; break;
	case 'W': o->timeout_ms = options_seconds("timeout", optarg); break;
	case 'T': o->idle_ms = options_seconds("idle timeout", optarg); break;
	case OPT_LINGER:
		o->linger = (int)options_number("linger", optarg, 0, INT_MAX);
		break;
	case OPT_DEMO: o->demo = 1; break;
	case OPT_INTERVAL:
		o->interval = (int)options_number("interval", optarg, 0,
		    INT_MAX);
		o->interval_given = 1;
		break;
	case OPT_LIST_SOCKOPTS: options_list_sockopts(); break;
	case OPT_MONITOR: o->monitor = 1; break;
	case OPT_WAIT_PEERS:
		o->wait_peers = (int)options_number("peer count", optarg, 1,
		    INT_MAX);
		break;
	case OPT_KEYGEN: o->keygen = 1; break;
	case OPT_CURVE_SERVER: options_add_key(o, KEYS_CURVE_SERVER, optarg); break;
	case OPT_CURVE_CLIENT: options_add_key(o, KEYS_CURVE_CLIENT, optarg); break;
	case OPT_CURVE_KEY: options_add_key(o, KEYS_CURVE_KEY, optarg); break;
	case OPT_CURVE_ALLOW: options_add_key(o, KEYS_CURVE_ALLOW, optarg); break;
	case OPT_PLAIN_USERS: options_add_key(o, KEYS_PLAIN_USERS, optarg); break;
	case OPT_PLAIN_CLIENT: options_add_key(o, KEYS_PLAIN_CLIENT, optarg); break;
	case 'v': case 'q': break;	/* options_scan_verbosity did them */
	case 'V': options_version(); break;
	case 'h': options_help(); break;
	default: options_getopt_error(c, argv);
	}
}

/*
 * Apply -v and -q, wherever they stand, before any other option: a
 * warning that --config or a key option draws while the rest is parsed
 * must heed a -q that comes after it. Mistakes are left to the real pass.
 */
static void
options_scan_verbosity(int argc, char **argv)
{
	/* a copy: GNU getopt moves arguments about, and the real pass
	 * must see them in order (--stats 10 is told by what follows it) */
	char **copy = xmalloc(((size_t)argc + 1) * sizeof(*copy));
	int c;

	memcpy(copy, argv, ((size_t)argc + 1) * sizeof(*copy));
	opterr = 0;
	while ((c = getopt_long(argc, copy, short_opts, long_opts, NULL)) != -1)
		if (c == 'v')
			log_level = log_level < 0 ? LOG_INFO : log_level + 1;
		else if (c == 'q')
			log_level = LOG_QUIET;
	free(copy);
	optind = 0;	/* start over; glibc, musl and the BSDs reset on 0 */
}

/* Parse argv into o; every mistake ends the run with status 2. */
void
options_parse(struct options *o, int argc, char **argv)
{
	char err[ZC_ERRLEN];
	int c;

	memset(o, 0, sizeof(*o));
	o->linger = OPTIONS_DEFAULT_LINGER;
	o->interval = OPTIONS_DEFAULT_INTERVAL;
	o->delim = xstrdup("\n");
	o->dlen = 1;
	o->fdelim = xstrdup("\t");
	o->fdlen = 1;
	options_scan_verbosity(argc, argv);
	while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1)
		options_apply(o, c, argv);
	if (optind < argc)
		options_usage_error("unexpected argument '%s' (sockets "
		    "are given with -s)", argv[optind]);
	if (o->keygen)
		options_keygen(o);
	if (o->replay_timing && o->replay == NULL)
		options_usage_error("--replay-timing needs --replay FILE");
	if ((o->json || o->replay) && !o->input_given)
		o->input = INMSG_ENVELOPE;
	if (o->replay && o->input != INMSG_ENVELOPE)
		options_usage_error("--replay reads a -J capture; drop --input");
	if (o->interval_given && !o->demo)
		options_usage_error("--interval needs --demo-server");
	if (o->nspecs == 0 && !o->demo)
		options_usage_error("no socket given (use -s TYPE:MODE:ENDPOINT, "
		    "see zmqcat --help)");
	if (spec_assign_names(o->specs, o->nspecs, err, sizeof(err)) == -1)
		options_usage_error("%s", err);
	options_check_keys(o);
	options_resolve_routes(o);
	options_check_wait_peers(o);
	options_check_context(o);
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
	free(o->format);
	free(o->delim);
	free(o->fdelim);
	free(o->delim_text);
	free(o->replay);
	free(o->fdelim_text);
	memset(o, 0, sizeof(*o));
}
