/* Socket specs: [NAME=]TYPE:MODE:ENDPOINT[,ENDPOINT...] parsed without zmq. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zmq.h>

#include "escape.h"
#include "spec.h"
#include "str.h"
#include "xmalloc.h"

static const struct socktype socktypes[] = {
	{ "PUB",	ZMQ_PUB,	1, 0 },
	{ "SUB",	ZMQ_SUB,	0, 1 },
	{ "XPUB",	ZMQ_XPUB,	1, 1 },
	{ "XSUB",	ZMQ_XSUB,	1, 1 },
	{ "PUSH",	ZMQ_PUSH,	1, 0 },
	{ "PULL",	ZMQ_PULL,	0, 1 },
	{ "REQ",	ZMQ_REQ,	1, 1 },
	{ "REP",	ZMQ_REP,	1, 1 },
	{ "DEALER",	ZMQ_DEALER,	1, 1 },
	{ "ROUTER",	ZMQ_ROUTER,	1, 1 },
	{ "PAIR",	ZMQ_PAIR,	1, 1 },
	{ "STREAM",	ZMQ_STREAM,	1, 1 },
};

/* Words that name a mode, long and czmq-style short. */
static const struct {
	const char	*word;
	enum spec_mode	 mode;
} modes[] = {
	{ "bind",	SPEC_BIND },
	{ "connect",	SPEC_CONNECT },
};

/* The transports libzmq knows; those with a port say so. */
static const struct {
	const char	*name;
	int		 has_port;
	int		 has_path;	/* ws://host:port/path */
} transports[] = {
	{ "tcp", 1, 0 }, { "ipc", 0, 0 }, { "inproc", 0, 0 },
	{ "ws", 1, 1 }, { "wss", 1, 1 }, { "pgm", 0, 0 }, { "epgm", 0, 0 },
	{ "tipc", 0, 0 }, { "vmci", 0, 0 }, { "udp", 1, 0 }, { "norm", 0, 0 },
};

/* Names routes use for the terminal, so no socket may take them. */
static const char *const reserved_names[] = { "stdin", "stdout" };

/* The socket type table, for --help and completion. */
const struct socktype *
spec_type_table(size_t *n)
{
	*n = sizeof(socktypes) / sizeof(socktypes[0]);
	return socktypes;
}

/* Find a socket type by name in any case; NULL if there is none. */
const struct socktype *
spec_type_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(socktypes) / sizeof(socktypes[0]); i++)
		if (strcasecmp(socktypes[i].name, name) == 0)
			return &socktypes[i];
	return NULL;
}

/* The word users write for a mode. */
const char *
spec_mode_name(enum spec_mode mode)
{
	return mode == SPEC_BIND ? "bind" : "connect";
}

/*
 * Check a socket name of len bytes: at most SPEC_NAME_MAX characters of
 * [a-z][a-z0-9_-]*, not reserved. -1 with why it is not.
 */
int
spec_name_check(const char *name, size_t len, char *why, size_t whylen)
{
	size_t i;

	if (len > SPEC_NAME_MAX) {
		snprintf(why, whylen, "at most %d characters", SPEC_NAME_MAX);
		return -1;
	}
	snprintf(why, whylen, "want [a-z][a-z0-9_-]*, not stdin or stdout");
	if (len == 0 || !islower((unsigned char)name[0]))
		return -1;
	for (i = 1; i < len; i++)
		if (!islower((unsigned char)name[i]) &&
		    !isdigit((unsigned char)name[i]) &&
		    name[i] != '_' && name[i] != '-')
			return -1;
	for (i = 0; i < sizeof(reserved_names) / sizeof(reserved_names[0]); i++)
		if (strlen(reserved_names[i]) == len &&
		    strncmp(name, reserved_names[i], len) == 0)
			return -1;
	return 0;
}

/* Nonzero when the len bytes of a port are * or a number to 65535. */
static int
spec_port_valid(const char *p, size_t len)
{
	unsigned long port = 0;
	size_t i;

	if (len == 1 && *p == '*')
		return 1;
	if (len == 0 || len > 5)
		return 0;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)p[i]))
			return 0;
		port = port * 10 + (unsigned long)(p[i] - '0');
	}
	return port <= 65535;
}

/*
 * Check the ports of an address of len bytes (after "://"): each part of
 * SOURCE;DEST that has a ':' (after any [IPv6] brackets) ends in a port.
 */
static int
spec_ports_check(const char *addr, size_t len, char *why, size_t whylen)
{
	const char *part = addr, *end = addr + len, *semi, *colon, *p;
	char q[STR_CUT_BUF];

	while (part < end) {
		semi = memchr(part, ';', (size_t)(end - part));
		if (semi == NULL)
			semi = end;
		p = part;
		if (*p == '[' && (p = memchr(part, ']', (size_t)(semi - part))) ==
		    NULL)
			p = part;
		for (colon = NULL; p < semi; p++)
			if (*p == ':')
				colon = p;
		if (colon != NULL && !spec_port_valid(colon + 1,
		    (size_t)(semi - colon - 1))) {
			snprintf(why, whylen, "port '%s': want * or 0 to 65535",
			    str_cut(colon + 1, (size_t)(semi - colon - 1), q));
			return -1;
		}
		part = semi + 1;
	}
	return 0;
}

/*
 * Check one endpoint of len bytes without zmq: not too long, a transport
 * libzmq knows, and a port of * or 0 to 65535 where there is one. -1 with
 * why it is bad.
 */
int
spec_endpoint_check(const char *addr, size_t len, char *why, size_t whylen)
{
	const char *sep = memmem(addr, len, "://", 3), *rest, *slash;
	char q[STR_CUT_BUF];
	size_t i, tlen;

	if (len > SPEC_ENDPOINT_MAX) {
		snprintf(why, whylen, "at most %d characters",
		    SPEC_ENDPOINT_MAX);
		return -1;
	}
	if (sep == NULL || sep == addr) {
		snprintf(why, whylen, "expected TRANSPORT://ADDRESS");
		return -1;
	}
	tlen = (size_t)(sep - addr);
	for (i = 0; i < sizeof(transports) / sizeof(transports[0]); i++)
		if (strlen(transports[i].name) == tlen &&
		    strncmp(transports[i].name, addr, tlen) == 0)
			break;
	if (i == sizeof(transports) / sizeof(transports[0])) {
		snprintf(why, whylen, "unknown transport '%s'; want tcp, ipc, "
		    "inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm",
		    str_cut(addr, tlen, q));
		return -1;
	}
	if (!transports[i].has_port)
		return 0;
	rest = sep + 3;
	len -= tlen + 3;
	if (transports[i].has_path && (slash = memchr(rest, '/', len)) != NULL)
		len = (size_t)(slash - rest);
	return spec_ports_check(rest, len, why, whylen);
}

/*
 * Append one endpoint, refusing an empty or bad one; ctx, when not NULL,
 * is the argument the message says it came from.
 */
static int
spec_push_endpoint(struct spec *spec, enum spec_mode mode, const char *addr,
    size_t len, const char *ctx, char *err, size_t errlen)
{
	char why[128], qa[STR_CUT_BUF], qc[STR_CUT_BUF];

	if (len == 0 || spec_endpoint_check(addr, len, why,
	    sizeof(why)) == -1) {
		if (len == 0)
			snprintf(err, errlen, "empty endpoint%s%s%s",
			    ctx ? " in '" : "", ctx ? str_cut(ctx, strlen(ctx),
			    qc) : "", ctx ? "'" : "");
		else
			snprintf(err, errlen, "bad endpoint '%s'%s%s%s (%s)",
			    str_cut(addr, len, qa), ctx ? " in '" : "",
			    ctx ? str_cut(ctx, strlen(ctx), qc) : "",
			    ctx ? "'" : "", why);
		return -1;
	}
	spec->endpoints = xrealloc(spec->endpoints, (spec->nendpoints + 1) *
	    sizeof(*spec->endpoints));
	spec->endpoints[spec->nendpoints].mode = mode;
	spec->endpoints[spec->nendpoints].addr = xstrndup(addr, len);
	spec->nendpoints++;
	return 0;
}

/*
 * Split the endpoint list at commas. In the short form each endpoint may
 * carry its own '@' or '>' and one without inherits the previous mode, as
 * czmq's zsock_attach does.
 */
static int
spec_parse_endpoints(struct spec *spec, const char *list, int short_form,
    enum spec_mode mode, char *err, size_t errlen)
{
	const char *p = list, *comma;

	for (;;) {
		if (short_form && (*p == '@' || *p == '>')) {
			mode = *p == '@' ? SPEC_BIND : SPEC_CONNECT;
			p++;
		}
		comma = strchr(p, ',');
		if (spec_push_endpoint(spec, mode, p,
		    comma ? (size_t)(comma - p) : strlen(p), spec->text, err,
		    errlen) == -1)
			return -1;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* Look a mode word up; -1 when it is neither bind nor connect. */
static int
spec_mode_lookup(const char *word, size_t len, enum spec_mode *mode)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strlen(modes[i].word) == len &&
		    strncasecmp(modes[i].word, word, len) == 0) {
			*mode = modes[i].mode;
			return 0;
		}
	return -1;
}

/* Take the optional NAME= part off the front; returns where TYPE starts. */
static const char *
spec_parse_name(struct spec *spec, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '='), *colon = strchr(arg, ':');
	char why[128], qn[STR_CUT_BUF], qa[STR_CUT_BUF];
	size_t len;

	if (eq == NULL || (colon != NULL && colon < eq))
		return arg;
	len = (size_t)(eq - arg);
	if (spec_name_check(arg, len, why, sizeof(why)) == -1) {
		/* an over-long name is most of the argument: quote it once */
		if (len > SPEC_NAME_MAX)
			snprintf(err, errlen, "bad socket name '%s' (%s)",
			    str_cut(arg, len, qn), why);
		else
			snprintf(err, errlen, "bad socket name '%.*s' in '%s' "
			    "(%s)", (int)len, arg, str_cut(arg, strlen(arg),
			    qa), why);
		return NULL;
	}
	spec->name = xstrndup(arg, len);
	return eq + 1;
}

/* Parse one -s argument; NULL with a message naming the bad part. */
struct spec *
spec_parse(const char *arg, char *err, size_t errlen)
{
	struct spec *spec;
	const char *p, *colon, *rest, *colon2;
	char type[32], q1[STR_CUT_BUF], q2[STR_CUT_BUF];
	enum spec_mode mode = SPEC_BIND;
	int short_form;

	spec = xmalloc(sizeof(*spec));
	memset(spec, 0, sizeof(*spec));
	spec->text = xstrdup(arg);
	if ((p = spec_parse_name(spec, arg, err, errlen)) == NULL)
		goto fail;
	colon = strchr(p, ':');
	if (colon == NULL) {
		snprintf(err, errlen, "bad socket spec '%s' "
		    "(want [NAME=]TYPE:bind|connect:ENDPOINT)",
		    str_cut(arg, strlen(arg), q1));
		goto fail;
	}
	snprintf(type, sizeof(type), "%.*s", (int)(colon - p), p);
	if ((size_t)(colon - p) >= sizeof(type) ||
	    (spec->type = spec_type_lookup(type)) == NULL) {
		snprintf(err, errlen, "bad socket type '%s' in '%s'",
		    str_cut(p, (size_t)(colon - p), q1),
		    str_cut(arg, strlen(arg), q2));
		goto fail;
	}
	rest = colon + 1;
	short_form = *rest == '@' || *rest == '>';
	if (!short_form) {
		colon2 = strchr(rest, ':');
		if (colon2 == NULL ||
		    spec_mode_lookup(rest, (size_t)(colon2 - rest), &mode) == -1) {
			snprintf(err, errlen, "bad mode '%s' in '%s' "
			    "(want bind, connect, @ or >)", str_cut(rest,
			    colon2 ? (size_t)(colon2 - rest) : strlen(rest), q1),
			    str_cut(arg, strlen(arg), q2));
			goto fail;
		}
		rest = colon2 + 1;
	}
	if (spec_parse_endpoints(spec, rest, short_form, mode, err,
	    errlen) == -1)
		goto fail;
	return spec;
fail:
	spec_destroy(&spec);
	return NULL;
}

/*
 * A spec built piece by piece, as a --config file gives it: the type, an
 * optional name (already checked), then spec_add_endpoint.
 */
struct spec *
spec_new(const struct socktype *type, const char *name)
{
	struct spec *spec;
	size_t n;

	spec = xmalloc(sizeof(*spec));
	memset(spec, 0, sizeof(*spec));
	spec->type = type;
	if (name != NULL)
		spec->name = xstrdup(name);
	/* the text a message quotes: [NAME=]TYPE:, then the endpoints */
	n = (name ? strlen(name) + 1 : 0) + strlen(type->name) + 2;
	spec->text = xmalloc(n);
	snprintf(spec->text, n, "%s%s%s:", name ? name : "", name ? "=" : "",
	    type->name);
	return spec;
}

/*
 * Add an endpoint to a spec from spec_new, and to its text in the short
 * form ("PULL:@tcp://h:1,>ipc://x"); -1 with "bad endpoint '...' (...)".
 */
int
spec_add_endpoint(struct spec *spec, enum spec_mode mode, const char *addr,
    char *err, size_t errlen)
{
	size_t len = strlen(addr), tlen = strlen(spec->text);

	if (spec_push_endpoint(spec, mode, addr, len, NULL, err, errlen) == -1)
		return -1;
	spec->text = xrealloc(spec->text, tlen + len + 3);
	snprintf(spec->text + tlen, len + 3, "%s%c%s", spec->nendpoints > 1 ?
	    "," : "", mode == SPEC_BIND ? '@' : '>', addr);
	return 0;
}

/* A given name and the position of its spec, for the sorted index. */
struct spec_nameref {
	const char	*name;
	size_t		 idx;
};

/* Order names, and one name by position, so repeats sit together. */
static int
spec_nameref_cmp(const void *a, const void *b)
{
	const struct spec_nameref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Nonzero when name is among the n sorted given names. */
static int
spec_name_given(const struct spec_nameref *given, size_t n, const char *name)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, given[mid].name)) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/*
 * Refuse a name given twice: of all repeats, the one whose second use
 * comes first, as a reader going down the command line meets it.
 */
static int
spec_check_repeats(struct spec **specs, const struct spec_nameref *given,
    size_t n, char *err, size_t errlen)
{
	char q1[STR_CUT_BUF], q2[STR_CUT_BUF];
	size_t i, first = 0, later = (size_t)-1, earlier = 0;

	for (i = 1; i < n; i++) {
		if (strcmp(given[i].name, given[i - 1].name) != 0) {
			first = i;
			continue;
		}
		if (i == first + 1 && given[i].idx < later) {
			later = given[i].idx;
			earlier = given[first].idx;
		}
	}
	if (later == (size_t)-1)
		return 0;
	snprintf(err, errlen, "socket name '%s' used twice ('%s' and '%s')",
	    specs[later]->name, str_cut(specs[earlier]->text,
	    strlen(specs[earlier]->text), q1), str_cut(specs[later]->text,
	    strlen(specs[later]->text), q2));
	return -1;
}

/*
 * Give every unnamed spec its default name (the type in lower case, then
 * pull2, pull3...) and refuse a name given twice. The given names are
 * sorted once and each type counts on from its last default, so this
 * takes O(n log n), not a scan of every name for every candidate.
 */
int
spec_assign_names(struct spec **specs, size_t n, char *err, size_t errlen)
{
	struct spec_nameref *given = xmalloc(n * sizeof(*given));
	size_t i, k, t, ntypes, ngiven = 0, *next;
	const struct socktype *types = spec_type_table(&ntypes);
	char base[32], cand[64];

	for (i = 0; i < n; i++)
		if (specs[i]->name != NULL) {
			given[ngiven].name = specs[i]->name;
			given[ngiven++].idx = i;
		}
	qsort(given, ngiven, sizeof(*given), spec_nameref_cmp);
	if (spec_check_repeats(specs, given, ngiven, err, errlen) == -1) {
		free(given);
		return -1;
	}
	next = xmalloc(ntypes * sizeof(*next));
	for (t = 0; t < ntypes; t++)
		next[t] = 1;
	for (i = 0; i < n; i++) {
		if (specs[i]->name != NULL)
			continue;
		t = (size_t)(specs[i]->type - types);
		for (k = 0; types[t].name[k] != '\0'; k++)
			base[k] = (char)tolower((unsigned char)types[t].name[k]);
		base[k] = '\0';
		/* defaults of one type never meet another type's */
		for (k = next[t];; k++) {
			if (k == 1)
				snprintf(cand, sizeof(cand), "%s", base);
			else
				snprintf(cand, sizeof(cand), "%s%zu", base, k);
			if (!spec_name_given(given, ngiven, cand))
				break;
		}
		next[t] = k + 1;
		specs[i]->name = xstrdup(cand);
	}
	free(next);
	free(given);
	return 0;
}

/*
 * Attach a parsed -o value to the spec it follows. Always 0: the int is
 * for callers that still test it (options.c, topo.c).
 */
int
spec_add_opt(struct spec *spec, const struct sockopt_val *val)
{
	spec->opts = xrealloc(spec->opts, (spec->nopts + 1) *
	    sizeof(*spec->opts));
	spec->opts[spec->nopts++] = *val;
	return 0;
}

/* Nonzero when the spec sets the option with this libzmq id by -o. */
int
spec_has_opt(const struct spec *spec, int id)
{
	size_t i;

	for (i = 0; i < spec->nopts; i++)
		if (spec->opts[i].def->id == id)
			return 1;
	return 0;
}

/*
 * Attach a --subscribe topic to the spec it follows, its escapes (\xNN \0
 * \t \n \r \\) decoded so a binary topic can be given; -1 with a message
 * when one is bad.
 */
int
spec_add_subscribe(struct spec *spec, const char *topic, char *err,
    size_t errlen)
{
	struct spec_topic t;

	if (escape_parse(topic, &t.bytes, &t.len, err, errlen) == -1)
		return -1;
	t.text = xstrdup(topic);
	spec->subscribe = xrealloc(spec->subscribe, (spec->nsubscribe + 1) *
	    sizeof(*spec->subscribe));
	spec->subscribe[spec->nsubscribe++] = t;
	return 0;
}

/* Free a spec and everything it owns; accepts NULL and *NULL. */
void
spec_destroy(struct spec **specp)
{
	struct spec *spec;
	size_t i;

	if (specp == NULL || (spec = *specp) == NULL)
		return;
	for (i = 0; i < spec->nendpoints; i++)
		free(spec->endpoints[i].addr);
	for (i = 0; i < spec->nopts; i++)
		sockopt_val_clear(&spec->opts[i]);
	for (i = 0; i < spec->nsubscribe; i++) {
		free(spec->subscribe[i].text);
		free(spec->subscribe[i].bytes);
	}
	free(spec->endpoints);
	free(spec->opts);
	free(spec->subscribe);
	keys_clear(&spec->keys);
	free(spec->name);
	free(spec->text);
	free(spec);
	*specp = NULL;
}
