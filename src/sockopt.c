/* The table of libzmq socket options zmqcat can set, and their parser. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zmq.h>

#include "keys.h"
#include "parse.h"
#include "sockopt.h"
#include "str.h"
#include "xmalloc.h"

#define I(name, id, min, max)	{ name, id, SOCKOPT_INT, min, max }
#define B(name, id)		{ name, id, SOCKOPT_BOOL, 0, 1 }
#define S(name, id)		{ name, id, SOCKOPT_BYTES, 0, 255 }
#define K(name, id)		{ name, id, SOCKOPT_KEY, 0, 0 }

/* libzmq 4.3 takes ZMQ_METADATA, though its header names it only in the
 * draft API: the value is stable (95) and the option is in every build. */
#ifndef ZMQ_METADATA
#define ZMQ_METADATA	95
#endif

/* Every settable option in libzmq 4.3's stable API, by name. */
static const struct sockopt_def table[] = {
	{ "affinity", ZMQ_AFFINITY, SOCKOPT_UINT64, 0, LLONG_MAX },
	I("backlog",		ZMQ_BACKLOG,		0, INT_MAX),
	{ "bindtodevice", ZMQ_BINDTODEVICE, SOCKOPT_BYTES, 0, 15 },
	B("conflate",		ZMQ_CONFLATE),
	S("connect_routing_id",	ZMQ_CONNECT_ROUTING_ID),
	I("connect_timeout",	ZMQ_CONNECT_TIMEOUT,	0, INT_MAX),
	K("curve_publickey",	ZMQ_CURVE_PUBLICKEY),
	K("curve_secretkey",	ZMQ_CURVE_SECRETKEY),
	B("curve_server",	ZMQ_CURVE_SERVER),
	K("curve_serverkey",	ZMQ_CURVE_SERVERKEY),
	I("handshake_ivl",	ZMQ_HANDSHAKE_IVL,	0, INT_MAX),
	I("heartbeat_ivl",	ZMQ_HEARTBEAT_IVL,	0, INT_MAX),
	I("heartbeat_timeout",	ZMQ_HEARTBEAT_TIMEOUT,	0, INT_MAX),
	I("heartbeat_ttl",	ZMQ_HEARTBEAT_TTL,	0, 6553599),
	B("immediate",		ZMQ_IMMEDIATE),
	B("invert_matching",	ZMQ_INVERT_MATCHING),
	B("ipv6",		ZMQ_IPV6),
	I("linger",		ZMQ_LINGER,		0, INT_MAX),
	{ "maxmsgsize", ZMQ_MAXMSGSIZE, SOCKOPT_INT64, -1, LLONG_MAX },
	{ "metadata", ZMQ_METADATA, SOCKOPT_BYTES, 0, 4096 },
	I("multicast_hops",	ZMQ_MULTICAST_HOPS,	1, 255),
	I("multicast_maxtpdu",	ZMQ_MULTICAST_MAXTPDU,	1, INT_MAX),
	S("plain_password",	ZMQ_PLAIN_PASSWORD),
	B("plain_server",	ZMQ_PLAIN_SERVER),
	S("plain_username",	ZMQ_PLAIN_USERNAME),
	B("probe_router",	ZMQ_PROBE_ROUTER),
	I("rate",		ZMQ_RATE,		1, INT_MAX),
	I("rcvbuf",		ZMQ_RCVBUF,		-1, INT_MAX),
	I("rcvhwm",		ZMQ_RCVHWM,		0, INT_MAX),
	I("rcvtimeo",		ZMQ_RCVTIMEO,		-1, INT_MAX),
	I("reconnect_ivl",	ZMQ_RECONNECT_IVL,	-1, INT_MAX),
	I("reconnect_ivl_max",	ZMQ_RECONNECT_IVL_MAX,	0, INT_MAX),
	I("recovery_ivl",	ZMQ_RECOVERY_IVL,	0, INT_MAX),
	B("req_correlate",	ZMQ_REQ_CORRELATE),
	B("req_relaxed",	ZMQ_REQ_RELAXED),
	B("router_handover",	ZMQ_ROUTER_HANDOVER),
	B("router_mandatory",	ZMQ_ROUTER_MANDATORY),
	S("routing_id",		ZMQ_ROUTING_ID),
	I("sndbuf",		ZMQ_SNDBUF,		-1, INT_MAX),
	I("sndhwm",		ZMQ_SNDHWM,		0, INT_MAX),
	I("sndtimeo",		ZMQ_SNDTIMEO,		-1, INT_MAX),
	S("socks_proxy",	ZMQ_SOCKS_PROXY),
	B("stream_notify",	ZMQ_STREAM_NOTIFY),
	S("subscribe",		ZMQ_SUBSCRIBE),
	B("tcp_keepalive",	ZMQ_TCP_KEEPALIVE),
	I("tcp_keepalive_cnt",	ZMQ_TCP_KEEPALIVE_CNT,	-1, INT_MAX),
	I("tcp_keepalive_idle",	ZMQ_TCP_KEEPALIVE_IDLE,	-1, INT_MAX),
	I("tcp_keepalive_intvl", ZMQ_TCP_KEEPALIVE_INTVL, -1, INT_MAX),
	I("tcp_maxrt",		ZMQ_TCP_MAXRT,		0, INT_MAX),
	I("tos",		ZMQ_TOS,		0, 255),
	S("unsubscribe",	ZMQ_UNSUBSCRIBE),
	B("xpub_manual",	ZMQ_XPUB_MANUAL),
	B("xpub_nodrop",	ZMQ_XPUB_NODROP),
	B("xpub_verbose",	ZMQ_XPUB_VERBOSE),
	B("xpub_verboser",	ZMQ_XPUB_VERBOSER),
	S("xpub_welcome_msg",	ZMQ_XPUB_WELCOME_MSG),
	S("zap_domain",		ZMQ_ZAP_DOMAIN),
};

/* Words accepted for a bool option, with the value each means. */
static const struct {
	const char	*word;
	int		 value;
} bool_words[] = {
	{ "0", 0 }, { "1", 1 }, { "false", 0 }, { "true", 1 },
	{ "no", 0 }, { "yes", 1 }, { "off", 0 }, { "on", 1 },
};

static const char *const kind_names[] = {
	[SOCKOPT_INT] = "int",
	[SOCKOPT_INT64] = "int64",
	[SOCKOPT_UINT64] = "uint64",
	[SOCKOPT_BOOL] = "bool",
	[SOCKOPT_BYTES] = "bytes",
	[SOCKOPT_KEY] = "z85key",
};

/* The whole table, sorted by name, for --list-sockopts and completion. */
const struct sockopt_def *
sockopt_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

/* The word --list-sockopts prints for a value type. */
const char *
sockopt_kind_name(enum sockopt_kind kind)
{
	return kind_names[kind];
}

/* Find an option by name in any case, with or without ZMQ_. */
const struct sockopt_def *
sockopt_lookup(const char *name)
{
	size_t i;

	if (str_casecmp_prefix(name, "zmq_"))
		name += 4;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcasecmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

/* Nonzero for options whose values must never be logged. */
int
sockopt_is_secret(const struct sockopt_def *def)
{
	return def->id == ZMQ_CURVE_SECRETKEY ||
	    def->id == ZMQ_PLAIN_PASSWORD;
}

/* Read a bool word; -1 when it is none of them. */
static int
sockopt_parse_bool(const char *s, int64_t *out)
{
	size_t i;

	for (i = 0; i < sizeof(bool_words) / sizeof(bool_words[0]); i++)
		if (strcasecmp(bool_words[i].word, s) == 0) {
			*out = bool_words[i].value;
			return 0;
		}
	return -1;
}

/* Nonzero for metadata libzmq takes: X-NAME:VALUE, the name (case
 * matters) of 3 to 255 characters, the value not empty. */
static int
sockopt_metadata_ok(const char *val)
{
	const char *colon = strchr(val, ':');

	return colon != NULL && strncmp(val, "X-", 2) == 0 &&
	    colon - val > 2 && colon - val <= 255 && colon[1] != '\0';
}

/* Check and store the value part for the option's kind. */
static int
sockopt_parse_value(const struct sockopt_def *def, const char *val,
    struct sockopt_val *out)
{
	long long n;

	switch (def->kind) {
	case SOCKOPT_INT:
	case SOCKOPT_INT64:
	case SOCKOPT_UINT64:
		if (parse_llong(val, def->min, def->max, &n) == -1)
			return -1;
		out->num = n;
		return 0;
	case SOCKOPT_BOOL:
		return sockopt_parse_bool(val, &out->num);
	case SOCKOPT_KEY:
		if (!keys_valid(val))
			return -1;
		break;
	case SOCKOPT_BYTES:
		if (strlen(val) > (size_t)def->max ||
		    (def->id == ZMQ_ROUTING_ID && *val == '\0') ||
		    (def->id == ZMQ_METADATA && !sockopt_metadata_ok(val)))
			return -1;
		break;
	}
	out->len = strlen(val);
	return 0;
}

/* The rule a value broke, for the usage message. */
static const char *
sockopt_value_rule(const struct sockopt_def *def, char *buf, size_t len)
{
	switch (def->kind) {
	case SOCKOPT_BOOL:
		return "want 0, 1, true, false, yes, no, on or off";
	case SOCKOPT_KEY:
		return "want a 40-character Z85 key";
	case SOCKOPT_BYTES:
		if (def->id == ZMQ_METADATA)
			return "want X-NAME:VALUE, the name up to 255 bytes";
		snprintf(buf, len, def->id == ZMQ_ROUTING_ID ?
		    "want 1 to %lld bytes" : "want %lld bytes at most",
		    def->max);
		return buf;
	default:
		snprintf(buf, len, "want an integer from %lld to %lld",
		    def->min, def->max);
		return buf;
	}
}

/*
 * Parse OPT=VAL for -o; -1 with a message quoting the argument, but a
 * value only when the option is known and not a secret: a misspelt
 * curve_secretkey is still a secret, and so may be an argument without
 * '=' (curve_secretkey:KEY), unless it is just an option's name.
 */
int
sockopt_parse(const char *arg, struct sockopt_val *out, char *err,
    size_t errlen)
{
	const char *eq = strchr(arg, '=');
	char name[64], rule[64];

	memset(out, 0, sizeof(*out));
	if (eq == NULL) {
		if (sockopt_lookup(arg) != NULL)
			snprintf(err, errlen, "bad socket option '%s' (want "
			    "OPT=VALUE)", arg);
		else
			snprintf(err, errlen, "bad socket option: no '=' (want "
			    "OPT=VALUE; not shown, in case it holds a secret)");
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	if ((size_t)(eq - arg) >= sizeof(name) ||
	    (out->def = sockopt_lookup(name)) == NULL) {
		snprintf(err, errlen, "unknown socket option '%.*s' (see "
		    "--list-sockopts)", (int)(eq - arg), arg);
		return -1;
	}
	if (sockopt_parse_value(out->def, eq + 1, out) == -1) {
		snprintf(err, errlen, "bad value '%s' for %s in '%s' (%s)",
		    sockopt_is_secret(out->def) ? "..." : eq + 1,
		    out->def->name, sockopt_is_secret(out->def) ? name : arg,
		    sockopt_value_rule(out->def, rule, sizeof(rule)));
		return -1;
	}
	if (out->def->kind == SOCKOPT_BYTES || out->def->kind == SOCKOPT_KEY)
		out->bytes = xstrdup(eq + 1);
	return 0;
}

/* Free what a parsed value owns; safe to call twice. */
void
sockopt_val_clear(struct sockopt_val *val)
{
	if (val == NULL)
		return;
	free(val->bytes);
	val->bytes = NULL;
}
