/* Routes FROM:TO[,KEY=VALUE]...: parsed, resolved and matched without zmq. */
#include "config.h"

#include <ctype.h>
#include <jansson.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "route.h"
#include "status.h"
#include "str.h"
#include "xmalloc.h"

/* Built with AddressSanitizer (clang says so one way, gcc another)? */
#if defined(__SANITIZE_ADDRESS__)
#define ROUTE_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ROUTE_ASAN	1
#endif
#endif
#ifndef ROUTE_ASAN
#define ROUTE_ASAN	0
#endif

struct route_key {
	const char	*name;
	int		 takes_rest;	/* the value runs to the end of the rule */
	int		(*set)(struct route *, const char *, char *, size_t);
};

static int route_set_prefix(struct route *, const char *, char *, size_t);
static int route_set_match(struct route *, const char *, char *, size_t);
static int route_set_json(struct route *, const char *, char *, size_t);
static int route_set_format(struct route *, const char *, char *, size_t);

/* The KEY=VALUE words a rule may carry after FROM:TO; drop has no value. */
static const struct route_key route_keys[] = {
	{ "prefix",	0, route_set_prefix },
	{ "match",	0, route_set_match },
	{ "json",	0, route_set_json },
	{ "format",	1, route_set_format },
	{ "drop",	0, NULL },
};

/* Write "route 'RULE': ..." into err, the rule quoted cut; returns -1. */
static int __attribute__((format(printf, 4, 5)))
route_error(const struct route *r, char *err, size_t errlen,
    const char *fmt, ...)
{
	char q[STR_CUT_BUF], msg[ZC_ERRLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "route '%s': %s", str_cut(r->text,
	    strlen(r->text), q), msg);
	return -1;
}

/* One key once: a second prefix= or match= would silently win. */
static int
route_once(const struct route *r, const void *field, const char *key,
    char *err, size_t errlen)
{
	if (field == NULL)
		return 0;
	return route_error(r, err, errlen, "%s given twice", key);
}

/* prefix=BYTES: the first frame must start with these bytes. */
static int
route_set_prefix(struct route *r, const char *v, char *err, size_t errlen)
{
	char e[256];

	if (route_once(r, r->prefix, "prefix", err, errlen) == -1)
		return -1;
	if (escape_parse(v, &r->prefix, &r->prefix_len, e, sizeof(e)) == -1)
		return route_error(r, err, errlen, "%s", e);
	r->prefix_text = xstrdup(v);
	return 0;
}

/* How far a match= regex may grow by its repetitions (see below). */
#define ROUTE_RE_GROWTH	4096
#define ROUTE_RE_DUP_MAX	255	/* POSIX's least RE_DUP_MAX */

/* One parenthesised level of a regex being sized. */
struct route_re_level {
	size_t	sum;	/* its atoms so far, each copy counted */
	size_t	last;	/* the last atom, which a repetition copies */
	int	dup;	/* the last token was a repetition */
};

/* Past the bracket expression at p ('['), to its ']' or the end. */
static const char *
route_re_bracket(const char *p)
{
	const char *end;

	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p != '\0' && *p != ']'; p++)
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=') &&
		    (end = strchr(p + 2, p[1])) != NULL && end[1] == ']')
			p = end + 1;
	return *p == ']' ? p : p - 1;
}

/* The copies {m}, {m,} or {m,n} at p makes (0: not an interval, taken
 * as a literal), *end past it; -1 for a count above 255. */
static long
route_re_interval(const char *p, const char **end)
{
	unsigned long m, n;
	char *q;
	int unbounded = 0;

	if (!isdigit((unsigned char)p[1]))
		return 0;
	m = n = strtoul(p + 1, &q, 10);
	if (*q == ',' && isdigit((unsigned char)q[1]))
		n = strtoul(q + 1, &q, 10);
	else if (*q == ',') {
		unbounded = 1;	/* {m,}: m copies and a star */
		q++;
	}
	if (*q != '}')
		return 0;
	*end = q;
	if (m > ROUTE_RE_DUP_MAX || n > ROUTE_RE_DUP_MAX)
		return -1;
	return (long)(unbounded ? m + 1 : n > m ? n : m ? m : 1);
}

/* An atom of n (its copies counted) closes the level's last. */
static void
route_re_atom(struct route_re_level *t, size_t n)
{
	t->sum += n;
	t->last = n;
	t->dup = 0;
}

/* A repetition: f copies of the last atom, counted up to cap. */
static void
route_re_repeat(struct route_re_level *t, size_t f, size_t cap)
{
	t->sum += (f - 1) * t->last;
	t->last *= f;
	if (t->sum > cap)
		t->sum = cap;
	if (t->last > cap)
		t->last = cap;
	t->dup = 1;
}

/*
 * Is the regex cheap enough to compile? glibc's regcomp copies the atom
 * a repetition applies to ({m,n} makes n copies, + two, nested ones
 * multiply) and its memory grows with the square of the optional ones:
 * a{1,32767} takes 4 GB and seconds, (x|y)*+++++++++++++ does not end.
 * So, before regcomp: repetitions in a row (undefined in POSIX) and
 * counts above 255 (POSIX's least RE_DUP_MAX) are refused, and the
 * regex, each atom counted once per copy (+ as 4, for how badly it
 * nests), may grow by ROUTE_RE_GROWTH atoms at most. NULL when it may
 * be compiled, else why not.
 */
static const char *
route_re_check(const char *re)
{
	size_t len = strlen(re), depth = 0, cap = ROUTE_RE_GROWTH + len, f;
	struct route_re_level *lv = xmalloc((len + 1) * sizeof(*lv)), *t;
	const char *p, *why = NULL;
	long n;

	memset(lv, 0, sizeof(*lv));
	for (p = re; *p != '\0' && why == NULL; p++) {
		t = &lv[depth];
		f = *p == '*' || *p == '?' ? 1 : *p == '+' ? 4 : 0;
		n = *p == '{' ? route_re_interval(p, &p) : 0;
		if (n > 0)
			f = (size_t)n;
		if (n == -1)
			why = "a repetition count above 255";
		else if (f != 0 && t->dup)
			why = "repetitions in a row, undefined in POSIX "
			    "(a*+, .*?): group the first, (a*)+";
		else if (f != 0)
			route_re_repeat(t, f, cap);
		else if (*p == '(')
			memset(&lv[++depth], 0, sizeof(*lv));
		else if (*p == ')' && depth > 0) {
			depth--;
			route_re_atom(&lv[depth], t->sum + 1);
		} else if (*p == '|') {
			route_re_atom(t, 1);
			t->last = 0;
		} else {
			if (*p == '[')
				p = route_re_bracket(p);
			else if (*p == '\\' && p[1] != '\0')
				p++;
			route_re_atom(t, 1);
		}
		if (why == NULL && lv[depth].sum >= cap)
			why = "its repetitions make too many copies to compile "
			    "(at most 4096 atoms more than it has)";
	}
	free(lv);
	return why;
}

/*
 * The literal an anchored regex starts with ("^GET /" has "GET /"): a
 * frame that does not start with it cannot match, and a memcmp says so
 * without regexec. A character a quantifier follows is not part of it;
 * a regex with an alternation anywhere has none ("^a|b" matches "xb").
 * Exact when the literal is the whole regex.
 */
static void
route_match_literal(struct route *r)
{
	static const char special[] = ".[]()*+?{}|\\^$";
	const char *v = r->match;
	size_t n = 0;

	r->match_lit = 0;
	r->match_exact = 0;
	if (v[0] != '^' || strchr(v, '|') != NULL)
		return;
	while (v[1 + n] >= 0x20 && v[1 + n] < 0x7f &&
	    strchr(special, v[1 + n]) == NULL)
		n++;
	if (v[1 + n] == '\0') {
		r->match_lit = n;
		r->match_exact = 1;
		return;
	}
	if (n > 0 && strchr("*+?{", v[1 + n]) != NULL)
		n--;	/* "^ab*": b may not be there */
	r->match_lit = n;
}

/* match=REGEX: a POSIX extended regex, compiled once, on the first frame. */
static int
route_set_match(struct route *r, const char *v, char *err, size_t errlen)
{
	char e[256], q[STR_CUT_BUF];
	const char *why;
	int rc;

	if (route_once(r, r->match, "match", err, errlen) == -1)
		return -1;
	if ((why = route_re_check(v)) != NULL)
		return route_error(r, err, errlen, "bad regex '%s': %s",
		    str_cut(v, strlen(v), q), why);
	r->match = xstrdup(v);
	if ((rc = regcomp(&r->re, v, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &r->re, e, sizeof(e));
		regfree(&r->re);
		free(r->match);
		r->match = NULL;
		return route_error(r, err, errlen, "bad regex '%s': %s",
		    str_cut(v, strlen(v), q), e);
	}
	route_match_literal(r);
	return 0;
}

/* json=PATH=VALUE: PATH is dotted (.a.b.0), VALUE what it must equal. */
static int
route_set_json(struct route *r, const char *v, char *err, size_t errlen)
{
	const char *eq = strchr(v, '=');
	char q[STR_CUT_BUF];

	if (route_once(r, r->json, "json", err, errlen) == -1)
		return -1;
	if (eq == NULL || v[0] != '.')
		return route_error(r, err, errlen, "bad json filter '%s' "
		    "(want .PATH=VALUE, e.g. .a.b.0=1)", str_cut(v, strlen(v),
		    q));
	r->json = xstrdup(v);
	r->json_value = xstrdup(eq + 1);
	jpath_parse(&r->json_path, v, (size_t)(eq - v));
	return 0;
}

/* format=FMT: what the route delivers, compiled once. */
static int
route_set_format(struct route *r, const char *v, char *err, size_t errlen)
{
	char e[512];

	if (route_once(r, r->format, "format", err, errlen) == -1)
		return -1;
	r->format = xstrdup(v);
	if ((r->fmt = format_compile(v, e, sizeof(e))) == NULL)
		return route_error(r, err, errlen, "%s", e);
	return 0;
}

/* Apply one KEY[=VALUE] word; *rest says the value took the whole tail. */
static int
route_apply_key(struct route *r, const char *word, size_t len, int *rest,
    char *err, size_t errlen)
{
	const char *eq = memchr(word, '=', len);
	size_t i, klen = eq ? (size_t)(eq - word) : len;
	char *val, q[STR_CUT_BUF];
	int rc;

	for (i = 0; i < sizeof(route_keys) / sizeof(route_keys[0]); i++) {
		if (strlen(route_keys[i].name) != klen ||
		    strncmp(route_keys[i].name, word, klen) != 0)
			continue;
		if (route_keys[i].set == NULL) {
			if (eq != NULL)
				return route_error(r, err, errlen, "%s takes "
				    "no value", route_keys[i].name);
			r->drop = 1;
			return 0;
		}
		if (eq == NULL)
			return route_error(r, err, errlen, "%s needs a value "
			    "(%s=...)", route_keys[i].name, route_keys[i].name);
		*rest = route_keys[i].takes_rest;
		val = *rest ? xstrdup(eq + 1) :
		    xstrndup(eq + 1, len - klen - 1);
		rc = route_keys[i].set(r, val, err, errlen);
		free(val);
		return rc;
	}
	return route_error(r, err, errlen, "unknown key '%s' (want prefix, "
	    "match, json, format or drop)", str_cut(word, klen, q));
}

/*
 * Set one key from a config file, where values are separate strings and
 * may hold commas; drop takes "true" or "false". A NULL value is one the
 * file gave as neither a string nor a boolean.
 */
int
route_set_key(struct route *r, const char *key, const char *value,
    char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < sizeof(route_keys) / sizeof(route_keys[0]); i++) {
		if (strcmp(route_keys[i].name, key) != 0)
			continue;
		if (route_keys[i].set != NULL && value == NULL) {
			snprintf(err, errlen, "want a string");
			return -1;
		}
		if (route_keys[i].set != NULL)
			return route_keys[i].set(r, value, err, errlen);
		if (value == NULL || (strcmp(value, "true") != 0 &&
		    strcmp(value, "false") != 0)) {
			snprintf(err, errlen, "want true or false");
			return -1;
		}
		r->drop = strcmp(value, "true") == 0;
		return 0;
	}
	snprintf(err, errlen, "unknown key '%s' (want from, to, prefix, "
	    "match, json, format or drop)", key);
	return -1;
}

/* Parse FROM:TO into the two names. */
static int
route_parse_ends(struct route *r, const char *text, const char **after,
    char *err, size_t errlen)
{
	const char *colon = strchr(text, ':'), *end;
	char q[STR_CUT_BUF];

	end = strchr(text, ',');
	if (end == NULL)
		end = text + strlen(text);
	if (colon == NULL || colon > end || colon == text || colon + 1 == end) {
		snprintf(err, errlen, "bad route '%s' (want FROM:TO[,KEY=VALUE]"
		    "...)", str_cut(text, strlen(text), q));
		return -1;
	}
	r->from = xstrndup(text, (size_t)(colon - text));
	r->to = xstrndup(colon + 1, (size_t)(end - colon - 1));
	*after = *end ? end + 1 : end;
	return 0;
}

/* Parse one -r rule; NULL with a message quoting it. */
struct route *
route_parse(const char *text, char *err, size_t errlen)
{
	struct route *r;
	const char *p, *comma;
	int rest = 0;

	r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->text = xstrdup(text);
	if (route_parse_ends(r, text, &p, err, errlen) == -1)
		goto fail;
	while (*p != '\0' && !rest) {
		comma = strchr(p, ',');
		if (route_apply_key(r, p, comma ? (size_t)(comma - p) :
		    strlen(p), &rest, err, errlen) == -1)
			goto fail;
		p = comma && !rest ? comma + 1 : p + strlen(p);
	}
	return r;
fail:
	route_destroy(&r);
	return NULL;
}

/* Append ",KEY=VALUE" to a growing rule, or ",KEY" for a NULL value. */
static void
route_append(char **s, size_t *len, const char *key, const char *value)
{
	size_t n = 1 + strlen(key) + (value ? 1 + strlen(value) : 0);

	*s = xrealloc(*s, *len + n + 1);
	snprintf(*s + *len, n + 1, ",%s%s%s", key, value ? "=" : "",
	    value ? value : "");
	*len += n;
}

/*
 * The whole rule from the route's fields, as -r would take it:
 * FROM:TO[,prefix=..][,match=..][,json=..][,drop][,format=..], format
 * last since it takes the rest. The caller frees it.
 */
char *
route_render(const struct route *r)
{
	size_t len = strlen(r->from) + 1 + strlen(r->to);
	char *s = xmalloc(len + 1);

	snprintf(s, len + 1, "%s:%s", r->from, r->to);
	if (r->prefix_text != NULL)
		route_append(&s, &len, "prefix", r->prefix_text);
	if (r->match != NULL)
		route_append(&s, &len, "match", r->match);
	if (r->json != NULL)
		route_append(&s, &len, "json", r->json);
	if (r->drop)
		route_append(&s, &len, "drop", NULL);
	if (r->format != NULL)
		route_append(&s, &len, "format", r->format);
	return s;
}

/* A route FROM:TO without keys, made from the names themselves (no rule
 * text to parse, so no name is too long for it). */
struct route *
route_new(const char *from, const char *to)
{
	struct route *r;

	r = xmalloc(sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->from = xstrdup(from);
	r->to = xstrdup(to);
	r->text = route_render(r);
	return r;
}

/* A socket name and its index, for the sorted index route_resolve_all
 * builds once. */
struct route_nameref {
	const char	*name;
	int		 idx;
};

/* Order the index by name (names are unique by now). */
static int
route_nameref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct route_nameref *)a)->name,
	    ((const struct route_nameref *)b)->name);
}

/*
 * Find a socket by name, in the sorted index when there is one, else by
 * looking at each; ROUTE_NONE when none has it.
 */
static int
route_find(struct spec *const *specs, size_t n,
    const struct route_nameref *index, const char *name)
{
	struct route_nameref key = { name, 0 }, *hit;
	size_t i;

	if (index != NULL) {
		hit = bsearch(&key, index, n, sizeof(*index), route_nameref_cmp);
		return hit ? hit->idx : ROUTE_NONE;
	}
	for (i = 0; i < n; i++)
		if (strcmp(specs[i]->name, name) == 0)
			return (int)i;
	return ROUTE_NONE;
}

/* The names of the --exec peers a route may name, beside the sockets. */
struct route_peers {
	const char *const	*names;
	size_t			 n;
};

/* A socket's index, else a peer's ROUTE_PEER(i), else ROUTE_NONE. */
static int
route_find_end(struct spec *const *specs, size_t n,
    const struct route_nameref *index, const struct route_peers *peers,
    const char *name)
{
	int end = route_find(specs, n, index, name);
	size_t i;

	for (i = 0; end == ROUTE_NONE && peers != NULL && i < peers->n; i++)
		if (strcmp(peers->names[i], name) == 0)
			end = ROUTE_PEER(i);
	return end;
}

/* route_resolve with an optional sorted index of the socket names, and
 * the --exec peers. */
static int
route_resolve_in(struct route *r, struct spec *const *specs, size_t n,
    const struct route_nameref *index, const struct route_peers *peers,
    char *err, size_t errlen)
{
	char q[STR_CUT_BUF];

	if (strcmp(r->from, "stdout") == 0 || strcmp(r->to, "stdin") == 0)
		return route_error(r, err, errlen, "messages go from stdin and "
		    "to stdout, not the other way");
	r->src = strcmp(r->from, "stdin") == 0 ? ROUTE_STDIN :
	    route_find_end(specs, n, index, peers, r->from);
	r->dst = strcmp(r->to, "stdout") == 0 ? ROUTE_STDOUT :
	    route_find_end(specs, n, index, peers, r->to);
	if (r->src == ROUTE_NONE || r->dst == ROUTE_NONE)
		return route_error(r, err, errlen, "no socket named '%s'",
		    str_cut(r->src == ROUTE_NONE ? r->from : r->to,
		    strlen(r->src == ROUTE_NONE ? r->from : r->to), q));
	if (r->src >= 0 && !specs[r->src]->type->can_recv)
		return route_error(r, err, errlen, "'%s' is a %s socket, which "
		    "cannot receive", r->from, specs[r->src]->type->name);
	if (r->dst >= 0 && !specs[r->dst]->type->can_send)
		return route_error(r, err, errlen, "'%s' is a %s socket, which "
		    "cannot send", r->to, specs[r->dst]->type->name);
	return 0;
}

/*
 * Turn the route's names into socket indexes and check that FROM can
 * receive and TO can send.
 */
int
route_resolve(struct route *r, struct spec *const *specs, size_t n,
    char *err, size_t errlen)
{
	return route_resolve_in(r, specs, n, NULL, NULL, err, errlen);
}

/*
 * Resolve every route against the (uniquely) named sockets through one
 * sorted index of the names, so thousands of sockets and routes take
 * O(n log n). -1 with *bad the route that failed and a message.
 */
int
route_resolve_all(struct route **routes, size_t nroutes,
    struct spec *const *specs, size_t n, size_t *bad, char *err,
    size_t errlen)
{
	return route_resolve_peers(routes, nroutes, specs, n, NULL, 0, bad,
	    err, errlen);
}

/* route_resolve_all where a route may also name one of the npeers
 * --exec peers, by their names: ROUTE_PEER(i). */
int
route_resolve_peers(struct route **routes, size_t nroutes,
    struct spec *const *specs, size_t n, const char *const *peers,
    size_t npeers, size_t *bad, char *err, size_t errlen)
{
	struct route_nameref *index = xmalloc((n + 1) * sizeof(*index));
	struct route_peers p = { peers, npeers };
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++) {
		index[i].name = specs[i]->name;
		index[i].idx = (int)i;
	}
	qsort(index, n, sizeof(*index), route_nameref_cmp);
	for (i = 0; i < nroutes && rc == 0; i++)
		if ((rc = route_resolve_in(routes[i], specs, n, index, &p,
		    err, errlen)) == -1)
			*bad = i;
	free(index);
	return rc;
}

/* Does the JSON in data hold the route's VALUE at its PATH? */
static int
route_match_json(const struct route *r, const char *data, size_t len)
{
	json_t *root, *node;
	char *text;
	int hit = 0;

	if ((root = json_loadb(data, len, JSON_DECODE_ANY, NULL)) == NULL)
		return 0;
	node = jpath_get(&r->json_path, root);
	if (node != NULL && json_is_string(node))
		hit = strcmp(json_string_value(node), r->json_value) == 0;
	else if (node != NULL &&
	    (text = json_dumps(node, JSON_ENCODE_ANY | JSON_COMPACT)) != NULL) {
		hit = strcmp(text, r->json_value) == 0;
		free(text);
	}
	json_decref(root);
	return hit;
}

/*
 * Does the route's regex match the frame? REG_STARTEND: frames are not
 * NUL-terminated, nor copied. But AddressSanitizer's regexec reads the
 * string up to its NUL whatever the flags say, past the end of a frame
 * libzmq allocated to size (from about 8 KB on): a false alarm that
 * would abort the sanitizer build and the fuzzers. Under ASan alone the
 * frame is matched in a NUL-terminated copy, with the same REG_STARTEND
 * bounds, so a NUL inside the frame means the same as without ASan.
 */
static int
route_regexec(const struct route *r, const struct iovec *frame)
{
	const char *s = frame->iov_len ? frame->iov_base : "";
	regmatch_t m;
	int rc;
#if ROUTE_ASAN
	char *copy = xmalloc(frame->iov_len + 1);

	memcpy(copy, s, frame->iov_len);
	copy[frame->iov_len] = '\0';
	s = copy;
#endif

	m.rm_so = 0;
	m.rm_eo = (regoff_t)frame->iov_len;
	rc = regexec(&r->re, s, 1, &m, REG_STARTEND);
#if ROUTE_ASAN
	free(copy);
#endif
	return rc == 0;
}

/* Does match= hold for the frame? Its anchored literal decides most
 * frames with a memcmp; the regex, the rest. */
static int
route_match_re(const struct route *r, const struct iovec *frame)
{
	if (r->match_lit > 0 && (frame->iov_len < r->match_lit ||
	    memcmp(frame->iov_base, r->match + 1, r->match_lit) != 0))
		return 0;
	return r->match_exact || route_regexec(r, frame);
}

/*
 * Do the route's filters all hold for this message? prefix and match look
 * at the first frame, json at the last (the payload after any topic or
 * routing id).
 */
int
route_match(const struct route *r, const struct iovec *frames, size_t n)
{
	if (n == 0)
		return 0;
	if (r->prefix != NULL && (frames[0].iov_len < r->prefix_len ||
	    memcmp(frames[0].iov_base, r->prefix, r->prefix_len) != 0))
		return 0;
	if (r->match != NULL && !route_match_re(r, &frames[0]))
		return 0;
	if (r->json != NULL && !route_match_json(r, frames[n - 1].iov_base,
	    frames[n - 1].iov_len))
		return 0;
	return 1;
}

/* Free a route and what it owns; accepts NULL and *NULL. */
void
route_destroy(struct route **rp)
{
	struct route *r;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	if (r->match != NULL)
		regfree(&r->re);
	jpath_free(&r->json_path);
	free(r->json_value);
	free(r->json);
	free(r->match);
	free(r->prefix);
	free(r->prefix_text);
	format_destroy(&r->fmt);
	free(r->format);
	free(r->from);
	free(r->to);
	free(r->text);
	free(r->origin);
	free(r);
	*rp = NULL;
}
