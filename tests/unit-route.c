/* Table-driven tests of the route parser, resolver and filters. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/route.h"
#include "../src/spec.h"
#include "../src/status.h"
#include "../src/xmalloc.h"
#include "tap.h"

/* The sockets the rules below name. */
static const char *const spec_args[] = {
	"PULL:bind:tcp://*:1", "PUB:bind:tcp://*:2", "PUSH:bind:tcp://*:3",
	"ROUTER:bind:tcp://*:4", "DEALER:bind:tcp://*:5", "SUB:connect:tcp://h:6",
};

static const struct {
	const char	*rule;
	int		 src, dst;
	const char	*prefix, *match, *json, *format;
	int		 drop;
} good[] = {
	{ "pull:pub", 0, 1, NULL, NULL, NULL, NULL, 0 },
	{ "pull:stdout", 0, ROUTE_STDOUT, NULL, NULL, NULL, NULL, 0 },
	{ "stdin:push", ROUTE_STDIN, 2, NULL, NULL, NULL, NULL, 0 },
	{ "router:dealer", 3, 4, NULL, NULL, NULL, NULL, 0 },
	{ "dealer:router", 4, 3, NULL, NULL, NULL, NULL, 0 },
	{ "sub:push,prefix=alert", 5, 2, "alert", NULL, NULL, NULL, 0 },
	{ "sub:stdout,match=^a[0-9]+$", 5, ROUTE_STDOUT, NULL, "^a[0-9]+$",
	    NULL, NULL, 0 },
	{ "pull:pub,format=result1 Processed: %s", 0, 1, NULL, NULL, NULL,
	    "result1 Processed: %s", 0 },
	{ "pull:pub,drop,format=a,b,c %s", 0, 1, NULL, NULL, NULL,
	    "a,b,c %s", 1 },
	{ "pull:stdout,json=.a.b.0=3,prefix={", 0, ROUTE_STDOUT, "{", NULL,
	    ".a.b.0=3", NULL, 0 },
	{ "pull:push,drop", 0, 2, NULL, NULL, NULL, NULL, 1 },
};

static const struct {
	const char	*rule;
	const char	*err;
} bad[] = {
	{ "pull", "bad route 'pull' (want FROM:TO[,KEY=VALUE]...)" },
	{ "pull:", "bad route 'pull:' (want FROM:TO[,KEY=VALUE]...)" },
	{ ":pub", "bad route ':pub' (want FROM:TO[,KEY=VALUE]...)" },
	{ "pull,x:pub", "bad route 'pull,x:pub' (want FROM:TO[,KEY=VALUE]...)" },
	{ "pull:pub2", "route 'pull:pub2': no socket named 'pub2'" },
	{ "pul:pub", "route 'pul:pub': no socket named 'pul'" },
	{ "push:stdout", "route 'push:stdout': 'push' is a PUSH socket, which "
	    "cannot receive" },
	{ "stdin:pull", "route 'stdin:pull': 'pull' is a PULL socket, which "
	    "cannot send" },
	{ "pull:sub", "route 'pull:sub': 'sub' is a SUB socket, which cannot "
	    "send" },
	{ "stdout:pub", "route 'stdout:pub': messages go from stdin and to "
	    "stdout, not the other way" },
	{ "pull:stdin", "route 'pull:stdin': messages go from stdin and to "
	    "stdout, not the other way" },
	{ "pull:pub,match=(", "route 'pull:pub,match=(': bad regex '(': "
	    "Unmatched ( or \\(" },
	/* regexes that glibc's regcomp would spend gigabytes or forever on
	 * (a{1,32767}: 4 GB; (x|y)*++++...: the fuzzer's, never ends) */
	{ "pull:pub,match=(x|y)*+++++++++++++++++", "route 'pull:pub,match="
	    "(x|y)*+++++++++++++++++': bad regex '(x|y)*+++++++++++++++++': "
	    "repetitions in a row, undefined in POSIX (a*+, .*?): group the "
	    "first, (a*)+" },
	{ "pull:pub,match=.*?", "route 'pull:pub,match=.*?': bad regex '.*?': "
	    "repetitions in a row, undefined in POSIX (a*+, .*?): group the "
	    "first, (a*)+" },
	{ "pull:pub,match=((((((x|y)*)+)+)+)+)+", "route 'pull:pub,match=(((((("
	    "x|y)*)+)+)+)+)+': bad regex '((((((x|y)*)+)+)+)+)+': its "
	    "repetitions make too many copies to compile (at most 4096 atoms "
	    "more than it has)" },
	{ "pull:pub,colour=red", "route 'pull:pub,colour=red': unknown key "
	    "'colour' (want prefix, match, json, format or drop)" },
	{ "pull:pub,drop=1", "route 'pull:pub,drop=1': drop takes no value" },
	{ "pull:pub,prefix", "route 'pull:pub,prefix': prefix needs a value "
	    "(prefix=...)" },
	{ "pull:pub,json=a=1", "route 'pull:pub,json=a=1': bad json filter "
	    "'a=1' (want .PATH=VALUE, e.g. .a.b.0=1)" },
	{ "pull:pub,prefix=a,prefix=b", "route 'pull:pub,prefix=a,prefix=b': "
	    "prefix given twice" },
	{ "pull:pub,json=.a=1,json=.b=2", "route 'pull:pub,json=.a=1,"
	    "json=.b=2': json given twice" },
	{ "pull:pub,format=%q", "route 'pull:pub,format=%q': bad format token "
	    "'%q' in '%q'" },
};

/* Rules rendered whole from their fields, keys in one order, format last. */
static const struct {
	const char	*rule;
	const char	*text;
} rendered[] = {
	{ "pull:pub", "pull:pub" },
	{ "pull:stdout,json=.a.b.0=3,prefix={", "pull:stdout,prefix={,json=.a.b.0=3" },
	{ "pull:pub,drop,format=a,b,c %s", "pull:pub,drop,format=a,b,c %s" },
	{ "sub:push,match=^a$,drop,prefix=\\x01",
	    "sub:push,prefix=\\x01,match=^a$,drop" },
};

/* A message of up to three frames for the filter table. */
static const struct {
	const char	*rule;
	const char	*frames[3];
	int		 want;
} filters[] = {
	{ "pull:pub,prefix=alert", { "alert.fire", NULL, NULL }, 1 },
	{ "pull:pub,prefix=alert", { "aler", NULL, NULL }, 0 },
	{ "pull:pub,prefix=alert", { "", NULL, NULL }, 0 },
	{ "pull:pub,prefix=\\x00", { "", NULL, NULL }, 0 },
	{ "pull:pub,match=^t[0-9]+$", { "t42", NULL, NULL }, 1 },
	{ "pull:pub,match=^t[0-9]+$", { "t42x", NULL, NULL }, 0 },
	{ "pull:pub,match=^$", { "", NULL, NULL }, 1 },
	{ "pull:pub,match=b", { "a", "b", NULL }, 0 },	/* first frame only */
	/* what the regex cost check lets through, as POSIX says */
	{ "pull:pub,match=^a{255}$", { "aaa", NULL, NULL }, 0 },
	{ "pull:pub,match=^(ab){2}$", { "abab", NULL, NULL }, 1 },
	{ "pull:pub,match=^((((x|y)*)+)+)+$", { "xyx", NULL, NULL }, 1 },
	{ "pull:pub,match=^[a{9999}]\\{$", { "a{", NULL, NULL }, 1 },
	{ "pull:pub,match=^x{0}[[:digit:]]{4}-[0-9]{2}$", { "2026-12", NULL,
	    NULL }, 1 },
	{ "pull:pub,match=^x{0}[[:digit:]]{4}-[0-9]{2}$", { "2026-1", NULL,
	    NULL }, 0 },
	{ "pull:pub,json=.a=1", { "{\"a\":1}", NULL, NULL }, 1 },
	{ "pull:pub,json=.a=1", { "{\"a\":2}", NULL, NULL }, 0 },
	{ "pull:pub,json=.a.b.1=x", { "{\"a\":{\"b\":[\"w\",\"x\"]}}", NULL,
	    NULL }, 1 },
	{ "pull:pub,json=.type=alert", { "topic", "{\"type\":\"alert\"}",
	    NULL }, 1 },
	{ "pull:pub,json=.ok=true", { "{\"ok\":true}", NULL, NULL }, 1 },
	{ "pull:pub,json=.a=1", { "not json", NULL, NULL }, 0 },
	{ "pull:pub,json=.a.0=1", { "{\"a\":{\"0\":1}}", NULL, NULL }, 1 },
	{ "pull:pub,json=.missing=1", { "{\"a\":1}", NULL, NULL }, 0 },
	{ "pull:pub,prefix=a,match=z$", { "abz", NULL, NULL }, 1 },
	{ "pull:pub,prefix=a,match=z$", { "abc", NULL, NULL }, 0 },
	{ "pull:pub", { "anything", NULL, NULL }, 1 },
	/* an anchored literal decides before regexec: the same answers */
	{ "pull:pub,match=^GET /", { "GET /x", NULL, NULL }, 1 },
	{ "pull:pub,match=^GET /", { "GE", NULL, NULL }, 0 },
	{ "pull:pub,match=^GET /", { "POST /", NULL, NULL }, 0 },
	{ "pull:pub,match=^abc", { "abc", NULL, NULL }, 1 },
	{ "pull:pub,match=^abc", { "xabc", NULL, NULL }, 0 },
	{ "pull:pub,match=^ab$", { "ab", NULL, NULL }, 1 },
	{ "pull:pub,match=^ab$", { "abc", NULL, NULL }, 0 },
	{ "pull:pub,match=^ab*c", { "ac", NULL, NULL }, 1 },
	{ "pull:pub,match=^ab*c", { "abbc", NULL, NULL }, 1 },
	{ "pull:pub,match=^ab*c", { "bc", NULL, NULL }, 0 },
	{ "pull:pub,match=^ab?", { "a", NULL, NULL }, 1 },
	{ "pull:pub,match=^ab+", { "a", NULL, NULL }, 0 },
	{ "pull:pub,match=^a{2}b", { "aab", NULL, NULL }, 1 },
	{ "pull:pub,match=^a{2}b", { "ab", NULL, NULL }, 0 },
	{ "pull:pub,match=^a|b", { "xb", NULL, NULL }, 1 },
	{ "pull:pub,match=^a.c", { "axc", NULL, NULL }, 1 },
	{ "pull:pub,match=^a.c", { "xbc", NULL, NULL }, 0 },
	{ "pull:pub,match=^\\.x", { ".x", NULL, NULL }, 1 },
	{ "pull:pub,match=^\\.x", { "ax", NULL, NULL }, 0 },
	{ "pull:pub,match=^a(b)", { "ab", NULL, NULL }, 1 },
	{ "pull:pub,match=^a(b)", { "ac", NULL, NULL }, 0 },
	{ "pull:pub,match=^", { "x", NULL, NULL }, 1 },
	{ "pull:pub,match=^", { "", NULL, NULL }, 1 },
	{ "pull:pub,match=^ab", { "", NULL, NULL }, 0 },
};

static struct spec *specs[sizeof(spec_args) / sizeof(spec_args[0])];
static const size_t nspecs = sizeof(spec_args) / sizeof(spec_args[0]);

/* Parse a rule and resolve it against the sockets; NULL on error. */
static struct route *
parse_resolve(const char *rule, char *err, size_t errlen)
{
	struct route *r = route_parse(rule, err, errlen);

	if (r != NULL && route_resolve(r, specs, nspecs, err, errlen) == -1)
		route_destroy(&r);
	return r;
}

/* Nonzero when a field is as the table says (NULL: unset). */
static int
same(const char *got, const char *want)
{
	return want == NULL ? got == NULL : got != NULL &&
	    strcmp(got, want) == 0;
}

/* Good rules resolve to the right ends and options. */
static void
test_good(void)
{
	char err[ZC_ERRLEN];
	struct route *r;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		r = parse_resolve(good[i].rule, err, sizeof(err));
		tap_ok(r != NULL && r->src == good[i].src &&
		    r->dst == good[i].dst && same(r->prefix, good[i].prefix) &&
		    same(r->match, good[i].match) && same(r->json, good[i].json) &&
		    same(r->format, good[i].format) && r->drop == good[i].drop &&
		    (r->format == NULL) == (r->fmt == NULL),
		    "parses '%s'", good[i].rule);
		if (r == NULL)
			tap_diag("error: %s", err);
		route_destroy(&r);
	}
}

/* Bad rules are refused with a message quoting the rule. */
static void
test_bad(void)
{
	char err[ZC_ERRLEN];
	struct route *r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = parse_resolve(bad[i].rule, err, sizeof(err));
		tap_ok(r == NULL && strcmp(err, bad[i].err) == 0,
		    "refuses '%s'", bad[i].rule);
		if (r != NULL || strcmp(err, bad[i].err) != 0)
			tap_diag("got '%s'", r ? "(accepted)" : err);
		route_destroy(&r);
	}
	route_destroy(NULL);
}

/* Filters look at the right frame and all must hold. */
static void
test_filters(void)
{
	struct iovec iov[3];
	char err[ZC_ERRLEN];
	struct route *r;
	size_t i, n;

	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		for (n = 0; n < 3 && filters[i].frames[n] != NULL; n++) {
			iov[n].iov_base = (void *)filters[i].frames[n];
			iov[n].iov_len = strlen(filters[i].frames[n]);
		}
		r = parse_resolve(filters[i].rule, err, sizeof(err));
		tap_ok(r != NULL && route_match(r, iov, n) == filters[i].want,
		    "'%s' %s '%s'%s", filters[i].rule, filters[i].want ?
		    "matches" : "skips", filters[i].frames[0], n > 1 ?
		    " (multipart)" : "");
		route_destroy(&r);
	}
}

/*
 * match= on frames as libzmq hands them over: on the heap, exactly their
 * size, no NUL after them. 9000 bytes once aborted the ASan build (its
 * regexec read to a NUL past the frame); a NUL inside a frame is a byte
 * like any other, with ASan or without.
 */
static void
test_match_heap(void)
{
	static const struct {
		const char	*rule;
		size_t		 len;	/* that many a's, the last one last */
		char		 last;
		const char	*text;	/* or these 3 bytes, NUL included */
		int		 want;
	} t[] = {
		{ "pull:pub,match=^a+$", 9000, 'a', NULL, 1 },
		{ "pull:pub,match=^a+$", 9000, 'b', NULL, 0 },
		{ "pull:pub,match=b", 3, 0, "a\0b", 1 },
		{ "pull:pub,match=^a$", 3, 0, "a\0b", 0 },
	};
	char err[ZC_ERRLEN];
	struct route *r;
	struct iovec iov;
	size_t i;
	char *p;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = xmalloc(t[i].len);
		if (t[i].text != NULL)
			memcpy(p, t[i].text, t[i].len);
		else {
			memset(p, 'a', t[i].len);
			p[t[i].len - 1] = t[i].last;
		}
		iov.iov_base = p;
		iov.iov_len = t[i].len;
		r = parse_resolve(t[i].rule, err, sizeof(err));
		tap_ok(r != NULL && route_match(r, &iov, 1) == t[i].want,
		    "'%s' %s a heap frame of %zu bytes%s", t[i].rule,
		    t[i].want ? "matches" : "skips", t[i].len,
		    t[i].text ? " with a NUL inside" : "");
		route_destroy(&r);
		free(p);
	}
}

/*
 * match= regexes set as --config sets them (a file's may hold commas,
 * so {m,n}): those glibc's regcomp would spend gigabytes or seconds on
 * are refused before it, with why; the others compile and match.
 */
static void
test_regex_cost(void)
{
	static const struct {
		const char	*re;
		const char	*why;	/* NULL: taken, and matches text */
		const char	*text;
	} t[] = {
		{ "a{1,32767}", "a repetition count above 255", NULL },
		{ "^a{2,256}$", "a repetition count above 255", NULL },
		{ "(a{1,100}){1,100}", "its repetitions make too many copies to "
		    "compile (at most 4096 atoms more than it has)", NULL },
		{ "a{1,2}{3}", "repetitions in a row, undefined in POSIX (a*+, "
		    ".*?): group the first, (a*)+", NULL },
		{ "^a{1,255}$", NULL, "aaa" },
		{ "^a{2,}b{0,255}$", NULL, "aab" },
		{ "^(a{1,60}){1,60}$", NULL, "aaaa" },
		{ "^[{,}]{1,3}\\{9,9999\\}$", NULL, "{,{9,9999}" },
	};
	char err[ZC_ERRLEN], want[ZC_ERRLEN];
	struct route *r;
	struct iovec iov;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = parse_resolve("pull:pub", err, sizeof(err));
		err[0] = '\0';
		rc = route_set_key(r, "match", t[i].re, err, sizeof(err));
		if (t[i].why != NULL) {
			snprintf(want, sizeof(want), "route 'pull:pub': bad regex "
			    "'%s': %s", t[i].re, t[i].why);
			tap_ok(rc == -1 && strcmp(err, want) == 0, "match=%s "
			    "refused: %s", t[i].re, t[i].why);
			if (rc != -1 || strcmp(err, want) != 0)
				tap_diag("got '%s'", rc == -1 ? err : "(taken)");
		} else {
			iov.iov_base = (void *)t[i].text;
			iov.iov_len = strlen(t[i].text);
			tap_ok(rc == 0 && route_match(r, &iov, 1), "match=%s "
			    "taken, matches '%s'", t[i].re, t[i].text);
		}
		route_destroy(&r);
	}
}

/* route_render gives the rule whole, also for one whose keys were set
 * one by one, as --config does. */
static void
test_render(void)
{
	char err[ZC_ERRLEN], *text;
	struct route *r;
	size_t i;

	for (i = 0; i < sizeof(rendered) / sizeof(rendered[0]); i++) {
		r = route_parse(rendered[i].rule, err, sizeof(err));
		text = r ? route_render(r) : NULL;
		tap_ok(text != NULL && strcmp(text, rendered[i].text) == 0,
		    "'%s' renders as '%s'", rendered[i].rule, rendered[i].text);
		if (text != NULL && strcmp(text, rendered[i].text) != 0)
			tap_diag("got '%s'", text);
		free(text);
		route_destroy(&r);
	}
	r = route_parse("pull:pub", err, sizeof(err));
	route_set_key(r, "format", "x,%s", err, sizeof(err));
	route_set_key(r, "match", "a,b", err, sizeof(err));
	route_set_key(r, "drop", "true", err, sizeof(err));
	text = route_render(r);
	tap_ok(strcmp(text, "pull:pub,match=a,b,drop,format=x,%s") == 0,
	    "keys set one by one render whole: %s", text);
	free(text);
	route_destroy(&r);
}

/* route_set_key, as --config calls it: drop takes only "true" or "false",
 * and a NULL value (not a string in the file) is refused. */
static void
test_set_key(void)
{
	static const struct {
		const char	*key, *value, *err;
		int		 drop;
	} t[] = {
		{ "drop", "true", NULL, 1 },
		{ "drop", "false", NULL, 0 },
		{ "drop", "yes", "want true or false", 0 },
		{ "drop", "1", "want true or false", 0 },
		{ "drop", NULL, "want true or false", 0 },
		{ "match", NULL, "want a string", 0 },
		{ "colour", NULL, "unknown key 'colour' (want from, to, prefix, "
		    "match, json, format or drop)", 0 },
	};
	char err[ZC_ERRLEN];
	struct route *r;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = route_new("pull", "pub");
		err[0] = '\0';
		rc = route_set_key(r, t[i].key, t[i].value, err, sizeof(err));
		tap_ok(t[i].err ? rc == -1 && strcmp(err, t[i].err) == 0 :
		    rc == 0 && r->drop == t[i].drop, "%s=%s: %s", t[i].key,
		    t[i].value ? t[i].value : "(not a string)",
		    t[i].err ? t[i].err : "taken");
		route_destroy(&r);
	}
}

/* route_new keeps names of any length whole: default routes were cut at
 * 128 bytes of "FROM:TO" text. */
static void
test_new(void)
{
	char from[201], to[202], *text;
	struct route *r;

	memset(from, 'f', 200);
	from[200] = '\0';
	memset(to, 't', 201);
	to[201] = '\0';
	r = route_new(from, to);
	text = route_render(r);
	tap_ok(strcmp(r->from, from) == 0 && strcmp(r->to, to) == 0 &&
	    strlen(r->text) == 402 && strcmp(r->text, text) == 0 &&
	    r->prefix == NULL && r->fmt == NULL && !r->drop,
	    "route_new keeps 200-character names whole");
	free(text);
	route_destroy(&r);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	char err[ZC_ERRLEN];
	size_t i;

	for (i = 0; i < nspecs; i++)
		specs[i] = spec_parse(spec_args[i], err, sizeof(err));
	spec_assign_names(specs, nspecs, err, sizeof(err));
	test_good();
	test_bad();
	test_filters();
	test_match_heap();
	test_regex_cost();
	test_render();
	test_new();
	test_set_key();
	for (i = 0; i < nspecs; i++)
		spec_destroy(&specs[i]);
	return tap_done();
}
