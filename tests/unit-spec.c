/* Table-driven tests of the socket-spec parser and default names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/spec.h"
#include "../src/status.h"
#include "tap.h"

static const struct {
	const char	*arg;
	const char	*name;		/* NULL: none given */
	const char	*type;
	const char	*eps;		/* "mode addr|mode addr" */
} good[] = {
	{ "PULL:bind:tcp://*:5557", NULL, "PULL", "bind tcp://*:5557" },
	{ "sub:connect:tcp://localhost:5556", NULL, "SUB",
	    "connect tcp://localhost:5556" },
	{ "Dealer:BIND:ipc:///tmp/x", NULL, "DEALER", "bind ipc:///tmp/x" },
	{ "PULL:@tcp://*:5557", NULL, "PULL", "bind tcp://*:5557" },
	{ "PUSH:>tcp://h:1", NULL, "PUSH", "connect tcp://h:1" },
	{ "in=PULL:bind:tcp://*:1,ipc:///tmp/a", "in", "PULL",
	    "bind tcp://*:1|bind ipc:///tmp/a" },
	{ "PAIR:@inproc://a,>tcp://h:2,tcp://h:3", NULL, "PAIR",
	    "bind inproc://a|connect tcp://h:2|connect tcp://h:3" },
	{ "x-1_y=STREAM:connect:tcp://h:80", "x-1_y", "STREAM",
	    "connect tcp://h:80" },
	{ "PUB:bind:tcp://127.0.0.1:*", NULL, "PUB", "bind tcp://127.0.0.1:*" },
	{ "XPUB:bind:ws://*:8080/path=x", NULL, "XPUB",
	    "bind ws://*:8080/path=x" },
	{ "PULL:bind:tcp://[::1]:5555", NULL, "PULL", "bind tcp://[::1]:5555" },
	{ "PUSH:>tcp://10.0.0.1:0;h:65535,tcp://eth0;[fe80::1]:*", NULL,
	    "PUSH", "connect tcp://10.0.0.1:0;h:65535|"
	    "connect tcp://eth0;[fe80::1]:*" },
	{ "PUB:@udp://*:1,ipc:///a:99999,inproc://q:x,epgm://e;239.1.1.1:9",
	    NULL, "PUB", "bind udp://*:1|bind ipc:///a:99999|bind inproc://q:x|"
	    "bind epgm://e;239.1.1.1:9" },
};

static const struct {
	const char	*arg;
	const char	*err;
} bad[] = {
	{ "PUL:bind:tcp://*:1", "bad socket type 'PUL' in 'PUL:bind:tcp://*:1'" },
	{ "PULL:bnd:tcp://*:1", "bad mode 'bnd' in 'PULL:bnd:tcp://*:1' "
	    "(want bind, connect, @ or >)" },
	{ "PULL:bind:", "empty endpoint in 'PULL:bind:'" },
	{ "PULL:bind:tcp://*:1,", "empty endpoint in 'PULL:bind:tcp://*:1,'" },
	{ "PULL", "bad socket spec 'PULL' (want [NAME=]TYPE:bind|connect:"
	    "ENDPOINT)" },
	{ "PULL:bind", "bad mode 'bind' in 'PULL:bind' "
	    "(want bind, connect, @ or >)" },
	{ "PULL:bind:localhost", "bad endpoint 'localhost' in "
	    "'PULL:bind:localhost' (expected TRANSPORT://ADDRESS)" },
	{ "Bad=PULL:bind:tcp://*:1", "bad socket name 'Bad' in "
	    "'Bad=PULL:bind:tcp://*:1' (want [a-z][a-z0-9_-]*, not stdin or "
	    "stdout)" },
	{ "stdout=PULL:bind:tcp://*:1", "bad socket name 'stdout' in "
	    "'stdout=PULL:bind:tcp://*:1' (want [a-z][a-z0-9_-]*, not stdin "
	    "or stdout)" },
	{ "=PULL:bind:tcp://*:1", "bad socket name '' in "
	    "'=PULL:bind:tcp://*:1' (want [a-z][a-z0-9_-]*, not stdin or "
	    "stdout)" },
	{ ":bind:tcp://*:1", "bad socket type '' in ':bind:tcp://*:1'" },
	{ "PULL:@", "empty endpoint in 'PULL:@'" },
	{ "RADIO:bind:udp://*:1", "bad socket type 'RADIO' in "
	    "'RADIO:bind:udp://*:1'" },
	{ "PULL:bind:tcp://127.0.0.1:99999", "bad endpoint "
	    "'tcp://127.0.0.1:99999' in 'PULL:bind:tcp://127.0.0.1:99999' "
	    "(port '99999': want * or 0 to 65535)" },
	{ "PULL:bind:tcp://[::1]:65536", "bad endpoint 'tcp://[::1]:65536' in "
	    "'PULL:bind:tcp://[::1]:65536' (port '65536': want * or 0 to "
	    "65535)" },
	{ "PUSH:>tcp://h:1;h:2x", "bad endpoint 'tcp://h:1;h:2x' in "
	    "'PUSH:>tcp://h:1;h:2x' (port '2x': want * or 0 to 65535)" },
	{ "PUSH:>tcp://h:-1;h:2", "bad endpoint 'tcp://h:-1;h:2' in "
	    "'PUSH:>tcp://h:-1;h:2' (port '-1': want * or 0 to 65535)" },
	{ "PULL:bind:tcp://h:", "bad endpoint 'tcp://h:' in "
	    "'PULL:bind:tcp://h:' (port '': want * or 0 to 65535)" },
	{ "PULL:bind:ws://h:123456/p", "bad endpoint 'ws://h:123456/p' in "
	    "'PULL:bind:ws://h:123456/p' (port '123456': want * or 0 to "
	    "65535)" },
	{ "PULL:@>tcp://a:1", "bad endpoint '>tcp://a:1' in 'PULL:@>tcp://a:1' "
	    "(unknown transport '>tcp'; want tcp, ipc, inproc, ws, wss, pgm, "
	    "epgm, tipc, vmci, udp or norm)" },
	{ "PULL:bind:TCP://a:1", "bad endpoint 'TCP://a:1' in "
	    "'PULL:bind:TCP://a:1' (unknown transport 'TCP'; want tcp, ipc, "
	    "inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm)" },
};

/* Render a spec's endpoints the way the table writes them. */
static void
eps_text(const struct spec *s, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < s->nendpoints && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s %s", i ? "|" : "",
		    spec_mode_name(s->endpoints[i].mode), s->endpoints[i].addr);
}

/* Every good spec parses to the expected name, type and endpoints. */
static void
test_good(void)
{
	char err[ZC_ERRLEN], eps[512];
	struct spec *s;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		s = spec_parse(good[i].arg, err, sizeof(err));
		tap_ok(s != NULL, "parses '%s'", good[i].arg);
		if (s == NULL) {
			tap_diag("error: %s", err);
			continue;
		}
		tap_ok(strcmp(s->type->name, good[i].type) == 0,
		    "'%s' is a %s", good[i].arg, good[i].type);
		tap_ok(good[i].name ? s->name && strcmp(s->name,
		    good[i].name) == 0 : s->name == NULL,
		    "'%s' is named %s", good[i].arg,
		    good[i].name ? good[i].name : "(default)");
		eps_text(s, eps, sizeof(eps));
		tap_ok(strcmp(eps, good[i].eps) == 0, "'%s' has endpoints %s",
		    good[i].arg, good[i].eps);
		if (strcmp(eps, good[i].eps) != 0)
			tap_diag("got %s", eps);
		spec_destroy(&s);
		tap_ok(s == NULL, "spec_destroy clears the pointer");
	}
}

/* Every bad spec is refused with a message quoting the argument. */
static void
test_bad(void)
{
	char err[ZC_ERRLEN];
	struct spec *s;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		s = spec_parse(bad[i].arg, err, sizeof(err));
		tap_ok(s == NULL && strcmp(err, bad[i].err) == 0,
		    "refuses '%s'", bad[i].arg);
		if (s != NULL || strcmp(err, bad[i].err) != 0)
			tap_diag("got '%s'", s ? "(parsed)" : err);
		spec_destroy(&s);
	}
	spec_destroy(NULL);
}

/* Parse a list of specs for the naming tests. */
static size_t
parse_all(const char *const *args, struct spec **specs)
{
	char err[ZC_ERRLEN];
	size_t n;

	for (n = 0; args[n] != NULL; n++)
		specs[n] = spec_parse(args[n], err, sizeof(err));
	return n;
}

/* Default names count up per type and step around names taken. */
static void
test_names(void)
{
	static const char *const args[] = {
		"PULL:bind:tcp://*:1", "PULL:bind:tcp://*:2",
		"pull3=SUB:connect:tcp://h:1", "PULL:bind:tcp://*:3",
		"SUB:connect:tcp://h:2", NULL
	};
	static const char *const want[] = { "pull", "pull2", "pull3",
	    "pull4", "sub" };
	static const char *const dup[] = { "a=PULL:bind:tcp://*:1",
	    "a=PUSH:bind:tcp://*:2", NULL };
	static const char *const dup2[] = { "a=PULL:bind:tcp://*:1",
	    "b=PUSH:bind:tcp://*:2", "b=SUB:connect:tcp://h:3",
	    "a=PUB:bind:tcp://*:4", NULL };
	static const char *const mixed[] = { "pub2=PULL:bind:tcp://*:1",
	    "PUB:bind:tcp://*:2", "PUB:bind:tcp://*:3", "PULL:bind:tcp://*:4",
	    "pub=SUB:connect:tcp://h:1", "PUB:bind:tcp://*:5",
	    "XPUB:bind:tcp://*:6", "pull=PUSH:bind:tcp://*:7",
	    "PULL:bind:tcp://*:8", NULL };
	static const char *const mixed_want[] = { "pub2", "pub3", "pub4",
	    "pull2", "pub", "pub5", "xpub", "pull", "pull3" };
	struct spec *specs[16];
	char err[ZC_ERRLEN];
	size_t i, n;

	n = parse_all(args, specs);
	tap_ok(spec_assign_names(specs, n, err, sizeof(err)) == 0,
	    "default names are assigned");
	for (i = 0; i < n; i++) {
		tap_ok(strcmp(specs[i]->name, want[i]) == 0,
		    "socket %zu is named %s", i + 1, want[i]);
		spec_destroy(&specs[i]);
	}
	n = parse_all(dup, specs);
	tap_ok(spec_assign_names(specs, n, err, sizeof(err)) == -1 &&
	    strcmp(err, "socket name 'a' used twice ('a=PULL:bind:tcp://*:1' "
	    "and 'a=PUSH:bind:tcp://*:2')") == 0, "a name used twice is refused");
	for (i = 0; i < n; i++)
		spec_destroy(&specs[i]);
	n = parse_all(dup2, specs);
	tap_ok(spec_assign_names(specs, n, err, sizeof(err)) == -1 &&
	    strcmp(err, "socket name 'b' used twice ('b=PUSH:bind:tcp://*:2' "
	    "and 'b=SUB:connect:tcp://h:3')") == 0,
	    "of two repeats, the one whose second use comes first: %s", err);
	for (i = 0; i < n; i++)
		spec_destroy(&specs[i]);
	n = parse_all(mixed, specs);
	tap_ok(spec_assign_names(specs, n, err, sizeof(err)) == 0,
	    "defaults of several types are assigned");
	for (i = 0; i < n; i++) {
		tap_ok(strcmp(specs[i]->name, mixed_want[i]) == 0,
		    "mixed socket %zu is named %s", i + 1, mixed_want[i]);
		spec_destroy(&specs[i]);
	}
}

/* A string of n copies of c, for the limit tests; the caller frees it. */
static char *
repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Names of up to 64 characters and endpoints of up to 1024 pass; one
 * more is refused with the limit, the quote cut with "...". */
static void
test_limits(void)
{
	char err[ZC_ERRLEN], why[128], arg[2100], *name, *host;
	struct spec *s;

	name = repeat('n', SPEC_NAME_MAX + 1);
	tap_ok(spec_name_check(name, SPEC_NAME_MAX, why, sizeof(why)) == 0,
	    "a 64-character name passes");
	tap_ok(spec_name_check(name, SPEC_NAME_MAX + 1, why, sizeof(why)) ==
	    -1 && strcmp(why, "at most 64 characters") == 0,
	    "a 65-character name is refused: %s", why);
	snprintf(arg, sizeof(arg), "%s=PULL:bind:tcp://*:1", name);
	s = spec_parse(arg, err, sizeof(err));
	tap_ok(s == NULL && strcmp(err, "bad socket name 'nnnnnnnnnnnnnnnnnnnn"
	    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' (at most 64 "
	    "characters)") == 0, "-s with a 65-character name: %s", err);
	spec_destroy(&s);
	free(name);
	host = repeat('h', 1016);
	snprintf(arg, sizeof(arg), "PULL:bind:tcp://%s:1", host);
	s = spec_parse(arg, err, sizeof(err));
	tap_ok(s != NULL && strlen(s->endpoints[0].addr) == 1024,
	    "a 1024-character endpoint passes");
	spec_destroy(&s);
	snprintf(arg, sizeof(arg), "PULL:bind:tcp://h%s:1", host);
	s = spec_parse(arg, err, sizeof(err));
	tap_ok(s == NULL && strstr(err, "...' (at most 1024 characters)") &&
	    strlen(err) < 300, "a 1025-character endpoint is refused, quoted "
	    "cut: %.40s...", err);
	spec_destroy(&s);
	free(host);
}

/* A spec built piece by piece, as --config does, reads like a -s one. */
static void
test_new(void)
{
	char err[ZC_ERRLEN];
	struct spec *s;
	int rc;

	s = spec_new(spec_type_lookup("pull"), "in");
	rc = spec_add_endpoint(s, SPEC_BIND, "tcp://*:1", err, sizeof(err));
	rc |= spec_add_endpoint(s, SPEC_CONNECT, "ipc:///x", err, sizeof(err));
	tap_ok(rc == 0 && s->nendpoints == 2 &&
	    strcmp(s->text, "in=PULL:@tcp://*:1,>ipc:///x") == 0,
	    "spec_new and spec_add_endpoint: %s", s->text);
	tap_ok(spec_add_endpoint(s, SPEC_BIND, "localhost", err,
	    sizeof(err)) == -1 && strcmp(err, "bad endpoint 'localhost' "
	    "(expected TRANSPORT://ADDRESS)") == 0 && s->nendpoints == 2,
	    "spec_add_endpoint refuses a bad one: %s", err);
	spec_destroy(&s);
}

/* Socket types: all twelve, in any case, with what they can do. */
static void
test_types(void)
{
	size_t n;

	spec_type_table(&n);
	tap_ok(n == 12, "twelve socket types");
	tap_ok(spec_type_lookup("pUsH") && spec_type_lookup("push")->can_send &&
	    !spec_type_lookup("push")->can_recv, "PUSH sends only");
	tap_ok(!spec_type_lookup("SUB")->can_send &&
	    spec_type_lookup("SUB")->can_recv, "SUB receives only");
	tap_ok(spec_type_lookup("router")->can_send &&
	    spec_type_lookup("router")->can_recv, "ROUTER does both");
	tap_ok(spec_type_lookup("") == NULL && spec_type_lookup("PUSHX") == NULL,
	    "unknown types are not found");
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	test_good();
	test_bad();
	test_names();
	test_types();
	test_limits();
	test_new();
	return tap_done();
}
