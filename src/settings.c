/*
 * The run's settings: one table row per option of the command line, like
 * tmux's options-table.c. A row says the option's names (long, short and
 * --config key), its type and bounds, its default and the field of struct
 * options it sets, and its line in --help; getopt, the --config reader,
 * the --dump-config writer and the usage text all read it. Parsing is
 * pure: a bad value is -1 and a message, and the caller decides.
 */
#include "config.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "execspec.h"
#include "format.h"
#include "keys.h"
#include "parse.h"
#include "meta.h"
#include "seqspec.h"
#include "settings.h"
#include "status.h"
#include "str.h"
#include "xmalloc.h"

#define USAGE_COL	27	/* where the help of a row starts */
#define SETTINGS_SIZE_MAX (256LL << 20)	/* --size: a message in memory */
#define USAGE_WIDTH	79	/* no --help line is longer */

/* --input's words, by enum inmsg_mode (unit-settings checks they agree). */
static const char *const input_modes[] = {
	"raw", "json", "hex", "base64", "z85", NULL
};

/* --check-seq's check: [FRAME:]KIND parses. */
static int
settings_check_seqspec(const char *arg, char *err, size_t errlen)
{
	struct seqspec seq;

	if (seqspec_parse(&seq, arg, err, errlen) == -1)
		return -1;
	seqspec_free(&seq);
	return 0;
}

/* --meta's check: NAME[,NAME...] parses. */
static int
settings_check_meta(const char *arg, char *err, size_t errlen)
{
	struct meta_names mn;

	if (meta_names_parse(&mn, arg, err, errlen) == -1)
		return -1;
	meta_names_free(&mn);
	return 0;
}

/* The titles of the --help groups, by enum setting_group. */
static const char *const group_titles[] = {
	"Sockets:",
	"Routes (default: sockets to stdout, stdin to every socket that "
	    "sends):",
	"Output and input:",
	"Ending a run:",
	"Debugging and security (KEY: 40 Z85 characters or @FILE; per "
	    "socket):",
	"Other:"
};

#define F(field)	offsetof(struct options, field)

/* Every option, in the order --help shows them. */
static const struct setting table[] = {
	/* Sockets */
	{ .name = "socket", .letter = 's', .type = SETTING_ACTION,
	  .action = SA_SOCKET, .arg = "SPEC", .group = SG_SOCKETS,
	  .help = "TYPE: PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER ROUTER "
	      "PAIR STREAM; MODE: bind, connect, @ or >" },
	{ .name = "subscribe", .type = SETTING_ACTION, .action = SA_SUBSCRIBE,
	  .arg = "TOPIC", .group = SG_SOCKETS,
	  .help = "subscribe the SUB before it (default: all); \\xNN ok" },
	{ .name = "sockopt", .letter = 'o', .type = SETTING_ACTION,
	  .action = SA_SOCKOPT, .arg = "OPT=VAL", .group = SG_SOCKETS,
	  .help = "libzmq option for the -s before it" },
	{ .name = "list-sockopts", .type = SETTING_ACTION,
	  .action = SA_LIST_SOCKOPTS, .group = SG_SOCKETS, .show = SHOW_JOIN },
	{ .name = "linger", .key = "linger", .type = SETTING_INT, .arg = "MS",
	  .what = "linger", .min = 0, .max = INT_MAX, .def = "1000",
	  .off = F(linger), .group = SG_SOCKETS,
	  /* a dump says how long its sockets linger, default or not */
	  .flags = SF_DUMP_ALWAYS, .help = "linger for every socket" },
	{ .name = "io-threads", .key = "io_threads", .type = SETTING_INT,
	  .arg = "N", .what = "I/O thread count", .min = 1, .max = 64,
	  .def = "1", .off = F(io_threads), .group = SG_SOCKETS,
	  .help = "libzmq I/O threads" },
	/* Routes */
	{ .name = "route", .letter = 'r', .type = SETTING_ACTION,
	  .action = SA_ROUTE, .group = SG_ROUTES,
	  .arg = "FROM:TO[,prefix=P][,match=RE][,json=.PATH=V][,drop]"
	      "[,format=F]" },
	{ .name = "echo", .key = "echo", .type = SETTING_FLAG, .off = F(echo),
	  .group = SG_ROUTES,
	  /* it makes a rep:rep route, and a dump writes that instead */
	  .flags = SF_NO_DUMP,
	  .help = "a REP answers each request with itself" },
	{ .name = "timeout-reply", .key = "timeout_reply", .type = SETTING_INT,
	  .arg = "MS", .what = "reply timeout", .min = 1, .max = INT_MAX,
	  .off = F(timeout_reply), .group = SG_ROUTES,
	  .help = "reopen a REQ that had no reply in MS" },
	{ .name = "exec", .key = "exec", .type = SETTING_TEXTS,
	  .arg = "[NAME=]CMD", .what = "--exec", .check = execspec_check,
	  .off = F(execs), .len = F(nexecs), .group = SG_ROUTES,
	  .help = "a co-process" },
	{ .name = "exec-each", .key = "exec_each", .type = SETTING_TEXTS,
	  .arg = "[NAME=]CMD", .what = "--exec-each", .check = execspec_check,
	  .off = F(exec_each), .len = F(nexec_each), .group = SG_ROUTES,
	  .show = SHOW_JOIN, .help = "one a message" },
	{ .name = "exec-max", .key = "exec_max", .type = SETTING_INT,
	  .arg = "N", .what = "exec count", .min = 1, .max = 1024,
	  .off = F(exec_max), .group = SG_ROUTES, .show = SHOW_TERSE,
	  .help = "at once" },
	{ .name = "exec-timeout", .key = "exec_timeout", .type = SETTING_INT,
	  .arg = "MS", .what = "exec timeout", .min = 1, .max = INT_MAX,
	  .off = F(exec_timeout), .group = SG_ROUTES, .show = SHOW_TERSE },
	{ .name = "exec-json", .key = "exec_json", .type = SETTING_FLAG,
	  .off = F(exec_json), .group = SG_ROUTES, .show = SHOW_TERSE },
	{ .name = "exec-restart", .key = "exec_restart", .type = SETTING_FLAG,
	  .off = F(exec_restart), .group = SG_ROUTES, .show = SHOW_TERSE },
	{ .name = "config", .type = SETTING_ACTION, .action = SA_CONFIG,
	  .arg = "FILE.json", .group = SG_ROUTES,
	  .help = "add a topology file" },
	{ .name = "dump-config", .type = SETTING_FLAG, .off = F(dump_config),
	  .group = SG_ROUTES, .show = SHOW_JOIN, .help = "print one" },
	/* Output and input */
	{ .name = "format", .letter = 'f', .key = "format",
	  .type = SETTING_FORMAT, .arg = "FMT", .what = "-f",
	  .off = F(format), .group = SG_IO,
	  .help = "%s body %1..%9 frame %n name %T type %F frames\n"
	      "%S size %N number %t ms %{STRFTIME}t %x hex\n"
	      "%b base64 %z Z85 %j JSON %%; %-8n %.20s; \\n \\xNN" },
	{ .name = "json", .letter = 'J', .type = SETTING_FLAG, .off = F(json),
	  .group = SG_IO, .help = "one JSON object per message, out and in" },
	{ .name = "input", .type = SETTING_ENUM, .arg = "MODE",
	  .what = "input mode", .choices = input_modes, .off = F(input),
	  .given = F(input_given), .group = SG_IO,
	  .help = "stdin as raw, json, hex, base64 or z85" },
	{ .name = "replay", .type = SETTING_PATH, .arg = "FILE",
	  .off = F(replay), .group = SG_IO, .help = "send a -J capture" },
	{ .name = "replay-timing", .type = SETTING_FLAG,
	  .off = F(replay_timing), .group = SG_IO, .show = SHOW_JOIN,
	  .help = "keep its gaps" },
	{ .name = "delimiter", .letter = 'D', .key = "delimiter",
	  .type = SETTING_DELIM, .arg = "DELIM", .what = "-D", .def = "\\n",
	  .off = F(delim_text), .bytes = F(delim), .len = F(dlen),
	  .group = SG_IO, .help = "message delimiter (default \\n)" },
	{ .letter = '0', .type = SETTING_DELIM, .what = "-0", .fixed = "\\0",
	  .off = F(delim_text), .bytes = F(delim), .len = F(dlen),
	  .group = SG_IO, .show = SHOW_JOIN, .help = "NUL" },
	{ .name = "frame-delimiter", .letter = 'F', .key = "frame_delimiter",
	  .type = SETTING_DELIM, .arg = "D", .what = "-F", .def = "\\t",
	  .off = F(fdelim_text), .bytes = F(fdelim), .len = F(fdlen),
	  .given = F(fdelim_given), .group = SG_IO,
	  .help = "TAB; splits stdin if given, or for ROUTER/STREAM" },
	/* Generating, in stdin's place */
	{ .name = "message", .letter = 'm', .key = "messages",
	  .type = SETTING_TEXTS, .arg = "TEXT", .what = "-m",
	  .off = F(messages), .len = F(nmessages), .group = SG_IO,
	  .help = "send TEXT, not stdin (repeatable; %N %t %r, -F)" },
	{ .name = "file", .type = SETTING_PATH, .arg = "FILE",
	  .off = F(msgfile), .group = SG_IO,
	  .help = "send all of FILE as one" },
	{ .name = "size", .key = "size", .type = SETTING_LLONG,
	  .arg = "BYTES", .what = "size", .min = 0, .max = SETTINGS_SIZE_MAX,
	  .off = F(size), .given = F(size_given), .group = SG_IO,
	  .show = SHOW_JOIN, .help = "pad to BYTES" },
	{ .name = "repeat", .key = "repeat", .type = SETTING_LLONG,
	  .arg = "N", .what = "repeat count", .min = 0, .max = LLONG_MAX,
	  .def = "1", .off = F(repeat), .given = F(repeat_given),
	  .group = SG_IO, .help = "N times (0: forever)" },
	{ .name = "interval", .key = "interval", .type = SETTING_INT,
	  .arg = "MS", .what = "interval", .min = 0, .max = INT_MAX,
	  .off = F(interval), .given = F(interval_given), .group = SG_IO,
	  .show = SHOW_JOIN, .help = "apart" },
	/* mosquitto_pub's name for it, in seconds as mosquitto takes them */
	{ .name = "repeat-delay", .type = SETTING_DELAY, .arg = "SECS",
	  .what = "repeat delay", .min = 0, .max = INT_MAX,
	  .off = F(interval), .given = F(repeat_delay_given), .group = SG_IO,
	  .show = SHOW_JOIN, .help = "in s" },
	{ .name = "rate", .key = "rate", .type = SETTING_INT, .arg = "R",
	  .what = "rate", .min = 1, .max = 1000000000, .off = F(rate),
	  .group = SG_IO, .show = SHOW_JOIN, .help = "a second" },
	{ .name = "stamp", .key = "stamp", .type = SETTING_FLAG,
	  .off = F(stamp), .group = SG_IO,
	  .help = "stamp a frame on each" },
	{ .name = "check", .key = "check", .type = SETTING_FLAG,
	  .off = F(check), .group = SG_IO, .show = SHOW_JOIN,
	  .help = "loss, latency" },
	{ .name = "check-seq", .key = "check_seq", .type = SETTING_TEXT,
	  .arg = "[FRAME:]KIND", .what = "--check-seq",
	  .off = F(check_seq), .group = SG_IO, .show = SHOW_JOIN,
	  .check = settings_check_seqspec,
	  .help = "the app's own numbers" },
	/* Ending a run */
	{ .name = "count", .letter = 'c', .key = "count", .type = SETTING_LLONG,
	  .arg = "N", .what = "count", .min = 1, .max = LLONG_MAX,
	  .off = F(count), .group = SG_ENDING,
	  .help = "stop after N messages received that a route took" },
	{ .name = "exit-on-eof", .letter = 'e', .key = "exit_on_eof",
	  .type = SETTING_FLAG, .off = F(exit_on_eof), .group = SG_ENDING,
	  .help = "stop once stdin has ended and all of it is sent" },
	{ .name = "timeout", .letter = 'W', .key = "timeout",
	  .type = SETTING_SECONDS, .arg = "SECS", .what = "timeout",
	  .off = F(timeout_ms), .group = SG_ENDING,
	  .help = "run at most SECS" },
	{ .name = "idle-timeout", .letter = 'T', .key = "idle_timeout",
	  .type = SETTING_SECONDS, .arg = "SECS", .what = "idle timeout",
	  .off = F(idle_ms), .group = SG_ENDING, .show = SHOW_JOIN,
	  .help = "stop after SECS idle" },
	{ .name = "fail-fast", .key = "fail_fast", .type = SETTING_FLAG,
	  .off = F(fail_fast), .group = SG_ENDING, .show = SHOW_JOIN,
	  .help = "on a failed connect" },
	/* Debugging and security */
	{ .name = "probe", .type = SETTING_ACTION, .action = SA_PROBE,
	  .arg = "ENDPOINT", .group = SG_DEBUG,
	  .help = "what listens (tcp/ipc/ws); client keys after: log in" },
	{ .name = "meta", .type = SETTING_TEXT, .arg = "NAMES",
	  .what = "--meta", .off = F(meta_names), .given = F(meta),
	  .group = SG_DEBUG, .flags = SF_OPTARG, .check = settings_check_meta,
	  .help = "peer properties on -J (and -f %{NAME}m)" },
	{ .name = "monitor", .key = "monitor", .type = SETTING_FLAG,
	  .off = F(monitor), .group = SG_DEBUG,
	  .help = "socket events on stderr" },
	{ .name = "keygen", .type = SETTING_FLAG, .off = F(keygen),
	  .group = SG_DEBUG, .show = SHOW_JOIN, .help = "CURVE keypair" },
	{ .name = "stats", .type = SETTING_SECONDS, .arg = "SECS",
	  .what = "stats period", .off = F(stats_ms), .given = F(stats),
	  .group = SG_DEBUG, .flags = SF_OPTARG,
	  .help = "counts per socket and route on stderr" },
	{ .name = "wait-peers", .key = "wait_peers", .type = SETTING_INT,
	  .arg = "N", .what = "peer count", .min = 1, .max = INT_MAX,
	  .off = F(wait_peers), .group = SG_DEBUG,
	  .help = "hold stdin until the sockets it feeds have N peers" },
	{ .name = "curve-server", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_CURVE_SERVER, .arg = "KEY", .group = SG_DEBUG,
	  .help = "our secret key" },
	{ .name = "curve-allow", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_CURVE_ALLOW, .arg = "FILE", .group = SG_DEBUG,
	  .show = SHOW_JOIN, .help = "keys to admit" },
	{ .name = "curve-client", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_CURVE_CLIENT, .arg = "KEY", .group = SG_DEBUG,
	  .help = "the server's public key" },
	{ .name = "curve-key", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_CURVE_KEY, .arg = "KEY", .group = SG_DEBUG,
	  .show = SHOW_JOIN, .help = "ours" },
	{ .name = "plain-users", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_PLAIN_USERS, .arg = "FILE", .group = SG_DEBUG,
	  .help = "USER:PASS lines" },
	{ .name = "plain-client", .type = SETTING_ACTION, .action = SA_KEY,
	  .param = KEYS_PLAIN_CLIENT, .arg = "USER:PASS|@FILE",
	  .group = SG_DEBUG, .show = SHOW_JOIN },
	/* Other */
	{ .name = "verbose", .letter = 'v', .type = SETTING_ACTION,
	  .action = SA_VERBOSITY, .group = SG_OTHER, .show = SHOW_TERSE,
	  .help = "-vv" },
	{ .name = "quiet", .letter = 'q', .type = SETTING_ACTION,
	  .action = SA_VERBOSITY, .group = SG_OTHER, .show = SHOW_TERSE },
	{ .name = "version", .letter = 'V', .type = SETTING_ACTION,
	  .action = SA_VERSION, .group = SG_OTHER, .show = SHOW_TERSE },
	{ .name = "help", .letter = 'h', .type = SETTING_ACTION,
	  .action = SA_HELP, .group = SG_OTHER, .show = SHOW_TERSE },
	/* the usage's second line says what it is */
	{ .name = "demo-server", .type = SETTING_FLAG, .off = F(demo),
	  .group = SG_OTHER, .show = SHOW_TERSE },
};

#undef F

#define NSETTINGS	(sizeof(table) / sizeof(table[0]))

/* A parsed value, before it is stored. */
struct setting_value {
	long long	 num;		/* a number, a flag, an index; ms */
	char		*bytes;		/* DELIM: decoded, to be freed */
	size_t		 len;
};

/* The table and its length. */
const struct setting *
settings_table(size_t *n)
{
	*n = NSETTINGS;
	return table;
}

/* The row of a --config key, or NULL. */
const struct setting *
settings_by_key(const char *key)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (table[i].key != NULL && strcmp(table[i].key, key) == 0)
			return &table[i];
	return NULL;
}

/* The row of a short option, or NULL. */
const struct setting *
settings_by_letter(int letter)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (letter != 0 && table[i].letter == letter)
			return &table[i];
	return NULL;
}

/* The row of a long option, or NULL. */
const struct setting *
settings_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if (table[i].name != NULL && strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

/* A field of o, by its offset. */
static void *
settings_field(const struct options *o, size_t off)
{
	return (char *)(uintptr_t)o + off;
}

/* What a good value of the row is, as "want ..." for messages. */
const char *
settings_want(const struct setting *s, char *buf, size_t len)
{
	size_t i;
	int n;

	switch (s->type) {
	case SETTING_FLAG:
		snprintf(buf, len, "want true or false");
		break;
	case SETTING_INT:
	case SETTING_LLONG:
		snprintf(buf, len, "want an integer from %lld to %lld", s->min,
		    s->max);
		break;
	case SETTING_SECONDS:
		snprintf(buf, len, "want seconds > 0, fractions allowed");
		break;
	case SETTING_DELAY:
		snprintf(buf, len, "want seconds from 0 to %lld.%03lld, "
		    "fractions allowed", s->max / 1000, s->max % 1000);
		break;
	case SETTING_DELIM:
		snprintf(buf, len, "want a non-empty string");
		break;
	case SETTING_ENUM:
		n = snprintf(buf, len, "want");
		for (i = 0; s->choices[i] != NULL && n >= 0 && (size_t)n < len;
		    i++)
			n += snprintf(buf + n, len - (size_t)n, "%s %s",
			    i == 0 ? "" : s->choices[i + 1] == NULL ? " or" :
			    ",", s->choices[i]);
		break;
	default:
		snprintf(buf, len, "want a string");
		break;
	}
	return buf;
}

/* Parse a number or a word of the row into v->num; -1 when it is bad. */
static int
settings_parse_number(const struct setting *s, const char *arg,
    struct setting_value *v)
{
	int64_t ms;
	size_t i;

	switch (s->type) {
	case SETTING_FLAG:
		if (arg != NULL && strcmp(arg, "true") != 0) {
			v->num = 0;
			return strcmp(arg, "false") == 0 ? 0 : -1;
		}
		v->num = 1;
		return 0;
	case SETTING_SECONDS:
		if (parse_seconds_ms(arg, &ms) == -1)
			return -1;
		v->num = ms;
		return 0;
	case SETTING_DELAY:
		if (parse_delay_ms(arg, &ms) == -1 || ms > s->max)
			return -1;
		v->num = ms;
		return 0;
	case SETTING_ENUM:
		for (i = 0; s->choices[i] != NULL; i++)
			if (strcmp(s->choices[i], arg) == 0) {
				v->num = (long long)i;
				return 0;
			}
		return -1;
	default:
		return parse_llong(arg, s->min, s->max, &v->num);
	}
}

/*
 * Parse arg as the row's type into v: the reason it is bad goes into err
 * ("want ...", or the escape's or the format's own message), and whether
 * that reason is a "want" (which a message quotes the argument before)
 * into *is_want.
 */
static int
settings_parse(const struct setting *s, const char *arg,
    struct setting_value *v, int *is_want, char *err, size_t errlen)
{
	struct format *fmt;
	int rc;

	memset(v, 0, sizeof(*v));
	*is_want = 0;
	switch (s->type) {
	case SETTING_DELIM:
		if (escape_parse(arg, &v->bytes, &v->len, err, errlen) == -1)
			return -1;
		if (v->len > 0)
			return 0;
		free(v->bytes);
		v->bytes = NULL;
		snprintf(err, errlen, "empty delimiter '%s'", arg);
		return -1;
	case SETTING_FORMAT:
		if ((fmt = format_compile(arg, err, errlen)) == NULL)
			return -1;
		format_destroy(&fmt);
		return 0;
	case SETTING_TEXTS:
		if (s->check != NULL)
			return s->check(arg, err, errlen);
		if ((fmt = format_compile(arg, err, errlen)) == NULL)
			return -1;
		rc = format_template_check(fmt, arg, err, errlen);
		format_destroy(&fmt);
		return rc;
	case SETTING_TEXT:
		return s->check != NULL ? s->check(arg, err, errlen) : 0;
	case SETTING_PATH:
	case SETTING_ACTION:
		return 0;
	default:
		if (settings_parse_number(s, arg, v) == 0)
			return 0;
		*is_want = 1;
		settings_want(s, err, errlen);
		return -1;
	}
}

/* Add text to the row's list (NULL, a default: the list emptied). */
static void
settings_append(struct options *o, const struct setting *s, const char *text)
{
	char ***list = settings_field(o, s->off);
	size_t *n = settings_field(o, s->len);

	if (text == NULL) {
		while (*n > 0)
			free((*list)[--*n]);
		free(*list);
		*list = NULL;
		return;
	}
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = xstrdup(text);
}

/* Store a parsed value into o; text is the argument as given, kept for
 * the types a dump writes back as text (NULL: a default). */
static void
settings_store(const struct setting *s, struct options *o,
    struct setting_value *v, const char *text)
{
	char **str = settings_field(o, s->off);

	switch (s->type) {
	case SETTING_FLAG:
	case SETTING_INT:
	case SETTING_DELAY:
	case SETTING_ENUM:
		*(int *)settings_field(o, s->off) = (int)v->num;
		break;
	case SETTING_LLONG:
		*(long long *)settings_field(o, s->off) = v->num;
		break;
	case SETTING_SECONDS:
		*(int64_t *)settings_field(o, s->off) = v->num;
		break;
	case SETTING_DELIM:
		free(*(char **)settings_field(o, s->bytes));
		*(char **)settings_field(o, s->bytes) = v->bytes;
		*(size_t *)settings_field(o, s->len) = v->len;
		/* FALLTHROUGH */
	case SETTING_FORMAT:
	case SETTING_PATH:
	case SETTING_TEXT:
		free(*str);
		*str = text != NULL ? xstrdup(text) : NULL;
		break;
	case SETTING_TEXTS:
		settings_append(o, s, text);
		break;
	case SETTING_ACTION:
		break;
	}
}

/* The index origin[] keeps a row's file under: the first row that sets
 * the same field, so that -0 and -D share one, and --interval and
 * --repeat-delay. */
static size_t
settings_origin_slot(const struct setting *s)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		if ((table[i].type == SETTING_ACTION) ==
		    (s->type == SETTING_ACTION) && table[i].off == s->off)
			return i;
	return (size_t)(s - table);
}

/*
 * Set the row's value in o from arg (NULL for an option without one: a
 * flag, or --stats alone), as given on the command line (from is NULL)
 * or by the --config file from. -1 with a message for that place:
 * "bad count '0' (want ...)" or "-D: ..." for the command line,
 * "FILE: count: want ..." for a file.
 */
int
settings_set(const struct setting *s, struct options *o, const char *arg,
    const char *from, char *err, size_t errlen)
{
	struct setting_value v;
	char why[ZC_ERRLEN], q[STR_CUT_BUF];
	size_t slot = settings_origin_slot(s);
	int is_want;

	if (arg == NULL)
		arg = s->fixed;
	if (arg != NULL || s->type == SETTING_FLAG) {
		if (settings_parse(s, arg, &v, &is_want, why, sizeof(why)) ==
		    -1) {
			if (from != NULL)
				snprintf(err, errlen, "%s: %s: %s", from,
				    s->key, why);
			else if (is_want)
				snprintf(err, errlen, "bad %s '%s' (%s)",
				    s->what, str_cut(arg, strlen(arg), q), why);
			else
				snprintf(err, errlen, "%s: %s", s->what, why);
			return -1;
		}
		settings_store(s, o, &v, arg);
	}
	if (s->given != 0)
		*(int *)settings_field(o, s->given) = 1;
	free(o->origin[slot]);
	o->origin[slot] = from != NULL ? xstrdup(from) : NULL;
	return 0;
}

/* The row's default as a value (all zero without one). */
static void
settings_default(const struct setting *s, struct setting_value *v)
{
	char err[ZC_ERRLEN];
	int is_want;

	if (s->def == NULL || settings_parse(s, s->def, v, &is_want, err,
	    sizeof(err)) == -1)
		memset(v, 0, sizeof(*v));
}

/* Fill o with the defaults of every row (unit-settings checks each
 * parses); nothing counts as given. */
void
settings_init(struct options *o)
{
	struct setting_value v;
	size_t i;

	memset(o, 0, sizeof(*o));
	o->origin = xmalloc(NSETTINGS * sizeof(*o->origin));
	memset(o->origin, 0, NSETTINGS * sizeof(*o->origin));
	for (i = 0; i < NSETTINGS; i++) {
		if (table[i].def == NULL)
			continue;
		settings_default(&table[i], &v);
		settings_store(&table[i], o, &v, NULL);
	}
}

/* Free what the rows of o hold: texts, decoded bytes, origins. */
void
settings_free(struct options *o)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++) {
		if (o->origin != NULL)
			free(o->origin[i]);
		if (table[i].type == SETTING_DELIM) {
			free(*(char **)settings_field(o, table[i].bytes));
			*(char **)settings_field(o, table[i].bytes) = NULL;
		}
		if (table[i].type == SETTING_DELIM ||
		    table[i].type == SETTING_FORMAT ||
		    table[i].type == SETTING_PATH ||
		    table[i].type == SETTING_TEXT) {
			free(*(char **)settings_field(o, table[i].off));
			*(char **)settings_field(o, table[i].off) = NULL;
		}
		if (table[i].type == SETTING_TEXTS)
			settings_append(o, &table[i], NULL);
	}
	free(o->origin);
	o->origin = NULL;
}

/* A row's value as a number: a flag, an integer, an index; ms. */
long long
settings_number(const struct setting *s, const struct options *o)
{
	switch (s->type) {
	case SETTING_LLONG:
		return *(long long *)settings_field(o, s->off);
	case SETTING_SECONDS:
		return *(int64_t *)settings_field(o, s->off);
	case SETTING_FLAG:
	case SETTING_INT:
	case SETTING_DELAY:
	case SETTING_ENUM:
		return *(int *)settings_field(o, s->off);
	default:
		return 0;
	}
}

/* A row's value as text, as it was given (DELIM, FORMAT, PATH, SEQSPEC),
 * or NULL. */
const char *
settings_text(const struct setting *s, const struct options *o)
{
	switch (s->type) {
	case SETTING_DELIM:
	case SETTING_FORMAT:
	case SETTING_PATH:
	case SETTING_TEXT:
		return *(char **)settings_field(o, s->off);
	default:
		return NULL;
	}
}

/* A repeatable row's texts, in order, and their number in n. */
char *const *
settings_texts(const struct setting *s, const struct options *o, size_t *n)
{
	*n = s->type == SETTING_TEXTS ?
	    *(size_t *)settings_field(o, s->len) : 0;
	return *n > 0 ? *(char ***)settings_field(o, s->off) : NULL;
}

/* Nonzero when the row still has its default, so a dump leaves it out. */
int
settings_is_default(const struct setting *s, const struct options *o)
{
	struct setting_value v;
	size_t n;

	switch (s->type) {
	case SETTING_DELIM:
	case SETTING_FORMAT:
	case SETTING_PATH:
	case SETTING_TEXT:
		return settings_text(s, o) == NULL;
	case SETTING_TEXTS:
		settings_texts(s, o, &n);
		return n == 0;
	case SETTING_ACTION:
		return 1;
	default:
		settings_default(s, &v);
		return settings_number(s, o) == v.num;
	}
}

/* The --config file that set the row last, or NULL: the command line or
 * the default. */
const char *
settings_origin(const struct setting *s, const struct options *o)
{
	return o->origin[settings_origin_slot(s)];
}

/* A string that grows, for the texts built here. */
struct settings_buf {
	char	*s;
	size_t	 len, cap;
};

/* Append n bytes of p to b. */
static void
settings_buf_putn(struct settings_buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append a string to b. */
static void
settings_buf_put(struct settings_buf *b, const char *p)
{
	settings_buf_putn(b, p, strlen(p));
}

/* Append n spaces to b. */
static void
settings_buf_pad(struct settings_buf *b, size_t n)
{
	while (n-- > 0)
		settings_buf_putn(b, " ", 1);
}

/* The --config keys, in table order: "a, b or c"; the caller frees it. */
char *
settings_keys_list(void)
{
	struct settings_buf b = { NULL, 0, 0 };
	size_t i, n = 0, nkeys = 0;

	for (i = 0; i < NSETTINGS; i++)
		nkeys += table[i].key != NULL;
	settings_buf_put(&b, "");
	for (i = 0; i < NSETTINGS; i++) {
		if (table[i].key == NULL)
			continue;
		if (n++ > 0)
			settings_buf_put(&b, n == nkeys ? " or " : ", ");
		settings_buf_put(&b, table[i].key);
	}
	return b.s;
}

/* A row's names and argument as --help writes them: "-T, --idle-timeout
 * SECS", "--stats[=SECS]", "-0". */
static void
settings_usage_names(struct settings_buf *b, const struct setting *s)
{
	char letter[4] = { '-', (char)s->letter, '\0', '\0' };

	if (s->letter != 0)
		settings_buf_put(b, letter);
	if (s->letter != 0 && s->name != NULL)
		settings_buf_put(b, ", ");
	if (s->name != NULL) {
		settings_buf_put(b, "--");
		settings_buf_put(b, s->name);
	}
	if (s->arg == NULL)
		return;
	settings_buf_put(b, s->flags & SF_OPTARG ? "[=" : " ");
	settings_buf_put(b, s->arg);
	if (s->flags & SF_OPTARG)
		settings_buf_put(b, "]");
}

/* A row's help, and its default when it is a number. */
static void
settings_usage_help(struct settings_buf *b, const struct setting *s)
{
	if (s->help != NULL)
		settings_buf_put(b, s->help);
	if (s->def != NULL && (s->type == SETTING_INT ||
	    s->type == SETTING_LLONG)) {
		settings_buf_put(b, " (default ");
		settings_buf_put(b, s->def);
		settings_buf_put(b, ")");
	}
}

/*
 * Write one entry of --help: left ("  -s, --socket SPEC") and the help
 * text, which starts at USAGE_COL and is wrapped at spaces to fit
 * USAGE_WIDTH; a newline in it forces a break.
 */
static void
settings_usage_wrap(struct settings_buf *out, const char *left, const char *text)
{
	const char *p = text, *end;
	size_t col = strlen(left), n;
	int first = 1;

	settings_buf_put(out, left);
	if (*text != '\0' && col + 2 > USAGE_COL) {
		settings_buf_put(out, "\n");
		col = 0;
	}
	if (*text != '\0') {
		settings_buf_pad(out, USAGE_COL - col);
		col = USAGE_COL;
	}
	while (*p != '\0') {
		n = strcspn(p, " \n");
		end = p + n;
		if (!first && (p[-1] == '\n' || col + 1 + n > USAGE_WIDTH)) {
			settings_buf_put(out, "\n");
			settings_buf_pad(out, USAGE_COL);
			col = USAGE_COL;
		} else if (!first) {
			settings_buf_put(out, " ");
			col++;
		}
		settings_buf_putn(out, p, n);
		col += n;
		first = 0;
		p = *end != '\0' ? end + 1 : end;
	}
	settings_buf_put(out, "\n");
}

/* Add a row to the entry being built: its names and help (a line or a
 * join), or only its names (terse). */
static void
settings_usage_add(struct settings_buf *left, struct settings_buf *text,
    const struct setting *s)
{
	switch (s->show) {
	case SHOW_LINE:
		settings_buf_put(left, s->letter != 0 ? "  " : "      ");
		settings_usage_names(left, s);
		settings_usage_help(text, s);
		break;
	case SHOW_JOIN:
		settings_buf_put(text, "; ");
		settings_usage_names(text, s);
		if (s->help != NULL)
			settings_buf_put(text, ": ");
		settings_usage_help(text, s);
		break;
	case SHOW_TERSE:
		settings_buf_put(left, "  ");
		settings_usage_names(left, s);
		if (s->help != NULL) {
			settings_buf_put(left, " (");
			settings_buf_put(left, s->help);
			settings_buf_put(left, ")");
		}
		break;
	}
}

/* Nonzero when next goes on the same --help entry as s: a join, or
 * terse names after terse names. */
static int
settings_usage_joins(const struct setting *s, const struct setting *next)
{
	if (next->group != s->group)
		return 0;
	if (next->show == SHOW_TERSE)
		return s->show == SHOW_TERSE;
	return next->show == SHOW_JOIN;
}

/* The options part of --help, by group, from the table; the caller
 * frees it. */
char *
settings_usage(void)
{
	struct settings_buf out = { NULL, 0, 0 }, left = { NULL, 0, 0 },
	    text = { NULL, 0, 0 };
	size_t i;

	settings_buf_put(&out, "");
	settings_buf_put(&left, "");
	settings_buf_put(&text, "");
	for (i = 0; i < NSETTINGS; i++) {
		if (i == 0 || table[i].group != table[i - 1].group) {
			settings_buf_put(&out, group_titles[table[i].group]);
			settings_buf_put(&out, "\n");
		}
		settings_usage_add(&left, &text, &table[i]);
		if (i + 1 < NSETTINGS && settings_usage_joins(&table[i],
		    &table[i + 1]))
			continue;
		settings_usage_wrap(&out, left.s, text.s);
		left.len = text.len = 0;
		left.s[0] = text.s[0] = '\0';
	}
	free(left.s);
	free(text.s);
	return out.s;
}
