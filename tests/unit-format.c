/* Table-driven tests of the format compiler and renderer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/format.h"
#include "../src/meta.h"
#include "../src/status.h"
#include "tap.h"

/* A two-frame message with a NUL byte, received from "pull". */
static const struct iovec frames[] = {
	{ (void *)"topic", 5 },
	{ (void *)"a\0b", 3 },
};

/* The peer's properties, as a socket would give them (msg->meta). */
static const char *
fake_meta(const struct msg *m, const char *name)
{
	(void)m;
	if (strcmp(name, "Socket-Type") == 0)
		return "PUSH";
	if (strcmp(name, "X-Bin") == 0)
		return "\xff";
	return NULL;
}

static const struct msg msg = {
	.sockname = "pull", .socktype = "PULL", .frames = frames,
	.nframes = 2, .fdelim = "\t", .fdelim_len = 1, .seq = 42,
	.time_ms = 1700000000123LL, .meta = fake_meta,
};

static const struct {
	const char	*fmt;
	const char	*out;
	size_t		 len;
} good[] = {
	{ "%s", "topic\ta\0b", 9 },
	{ "Via %T: %s\\n", "Via PULL: topic\ta\0b\n", 20 },
	{ "%n %T %F %S %N", "pull PULL 2 8 42", 16 },
	{ "%1|%2|%3", "topic|a\0b|", 10 },
	{ "%t", "1700000000123", 13 },
	{ "%x", "746f706963096100" "62", 18 },
	{ "100%%", "100%", 4 },
	{ "\\t\\x41\\0\\\\", "\tA\0\\", 4 },
	{ "", "", 0 },
	{ "plain", "plain", 5 },
	{ "%b", "dG9waWMJYQBi", 12 },
	{ "[%14b|%.4b]", "[  dG9waWMJYQBi|dG9w]", 21 },	/* multipart, padded */
	{ "[%8n]", "[    pull]", 10 },
	{ "[%-8n]", "[pull    ]", 10 },
	{ "[%.3s]", "[top]", 5 },
	{ "[%6.2T]", "[    PU]", 8 },
	{ "[%2n]", "[pull]", 6 },
	{ "%1s", "topic\ta\0b", 9 },	/* width 1 of %s, as in printf */
	{ "%1|%1x", "topic|746f706963096100" "62", 24 },
	{ "%12N|", "          42|", 13 },
	{ "%{%Y-%m-%d %H:%M:%S.%f}t", "2023-11-14 22:13:20.123", 23 },
	{ "%{%%}t", "%", 1 },
	{ "%{%f}t", "123", 3 },
	{ "%{50%%}t", "50%", 3 },
	{ "%{abc%}t", "abc%", 4 },	/* a lone '%' at the end, as strftime */
	{ "[%{ %Y }t]", "[ 2023 ]", 8 },	/* blanks at either end kept */
	{ "%{Socket-Type}m", "PUSH", 4 },
	{ "[%{X-None}m]", "[]", 2 },		/* a property not sent */
	{ "[%{Socket-Type}6m|%{Socket-Type}-5.2m]", "[  PUSH|PU   ]", 14 },
	{ "%j", "{\"socket\":\"pull\",\"type\":\"PULL\",\"frames\":"
	    "[\"topic\",\"a\\u0000b\"],\"time\":1700000000123}", 82 },
};

static const struct {
	const char	*fmt;
	const char	*err;
} bad[] = {
	{ "%q", "bad format token '%q' in '%q'" },
	{ "abc%", "bad format token '%' in 'abc%'" },
	{ "%0", "bad format token '%0' in '%0'" },
	{ "x\\q", "bad escape '\\q' in 'x\\q'" },
	{ "%-5", "bad format token '%-5' in '%-5'" },
	{ "%{%Y}s", "bad format token '%{%Y}s' in '%{%Y}s'" },
	{ "%{%Y", "bad format token '%{%Y' in '%{%Y'" },
	{ "%{}t", "bad format token '%{}t' in '%{}t'" },
	{ "%.3q", "bad format token '%.3q' in '%.3q'" },
	{ "%m", "bad format token '%m' in '%m'" },	/* which property? */
	{ "%{}m", "bad format token '%{}m' in '%{}m'" },
	{ "%{X-A}", "bad format token '%{X-A}' in '%{X-A}'" },
};

/* --meta: the names it shows (the defaults first, each once), and the
 * "meta" object it adds to %j, a binary value in base64. */
static void
test_meta(void)
{
	static const char want[] = "{\"socket\":\"pull\",\"type\":\"PULL\","
	    "\"frames\":[\"topic\",\"a\\u0000b\"],\"time\":1700000000123,"
	    "\"meta\":{\"Socket-Type\":\"PUSH\",\"X-Bin\":{\"base64\":"
	    "\"/w==\"}}}";
	struct meta_names mn;
	struct format *f;
	struct outbuf ob;
	char err[ZC_ERRLEN];

	tap_ok(meta_names_parse(&mn, NULL, err, sizeof(err)) == 0 &&
	    mn.n == 4 && strcmp(mn.names[0], "Socket-Type") == 0 &&
	    strcmp(mn.names[3], "User-Id") == 0, "--meta alone: 4 names");
	meta_names_free(&mn);
	tap_ok(meta_names_parse(&mn, "X-Bin,Identity,X-Bin,X-None", err,
	    sizeof(err)) == 0 && mn.n == 6 && strcmp(mn.names[4], "X-Bin") ==
	    0 && strcmp(mn.names[5], "X-None") == 0,
	    "--meta=X-Bin,Identity,X-Bin,X-None: 6 names, each once");
	f = format_compile("%j", err, sizeof(err));
	outbuf_init(&ob, -1, 4);
	f->memo.meta = &mn;
	tap_ok(format_render(f, &msg, &ob) == 0 && ob.len == strlen(want) &&
	    memcmp(ob.buf, want, ob.len) == 0, "%%j with --meta: %.*s",
	    (int)ob.len, ob.buf);
	outbuf_free(&ob);
	format_destroy(&f);
	meta_names_free(&mn);
	tap_ok(meta_names_parse(&mn, "X-A,,X-B", err, sizeof(err)) == -1 &&
	    mn.n == 0 && strcmp(err, "bad property name '' in 'X-A,,X-B' "
	    "(want NAME[,NAME...]: 1 to 255 printable characters each, e.g. "
	    "X-Service)") == 0, "--meta=X-A,,X-B: %s", err);
	tap_ok(meta_names_parse(&mn, "X-A,X B", err, sizeof(err)) == -1 &&
	    strstr(err, "'X B'") != NULL, "--meta='X-A,X B': %s", err);
	tap_ok(meta_names_parse(&mn, "", err, sizeof(err)) == -1,
	    "--meta= (empty): refused");
}

/*
 * %{...}t has no silent limit: a 2000-character format is used whole
 * (it was cut at 255), and output of more than 4096 bytes is printed (it
 * printed nothing past 511).
 */
static void
test_long_strftime(void)
{
	static const char one[] = "%Y-%m-%d %H:%M:%S.%f|";
	static const char one_out[] = "2023-11-14 22:13:20.123|";
	struct format *f;
	struct outbuf ob;
	char err[ZC_ERRLEN], *src, *want;
	size_t i, n, reps = 250;
	int ok;

	/* "%{%Y" + 1996 'x' + "%m}t": 2000 characters of strftime format */
	src = malloc(2010);
	want = malloc(2010);
	if (src == NULL || want == NULL)
		abort();
	memcpy(src, "%{%Y", 4);
	memset(src + 4, 'x', 1996);
	memcpy(src + 2000, "%m}t", 5);
	memcpy(want, "2023", 4);
	memset(want + 4, 'x', 1996);
	memcpy(want + 2000, "11", 2);
	outbuf_init(&ob, -1, 4);
	f = format_compile(src, err, sizeof(err));
	ok = f != NULL && format_render(f, &msg, &ob) == 0 && ob.len == 2002 &&
	    memcmp(ob.buf, want, 2002) == 0;
	tap_ok(ok, "%%{...}t with a 2000-character format is used whole");
	if (!ok)
		tap_diag("got %zu bytes", ob.len);
	format_destroy(&f);
	outbuf_free(&ob);
	free(src);
	free(want);

	/* 250 times the date and time: 5250 characters, 6000 bytes out */
	n = strlen(one);
	src = malloc(reps * n + 8);
	want = malloc(reps * strlen(one_out) + 1);
	if (src == NULL || want == NULL)
		abort();
	memcpy(src, "%{", 2);
	for (i = 0; i < reps; i++) {
		memcpy(src + 2 + i * n, one, n);
		memcpy(want + i * strlen(one_out), one_out, strlen(one_out));
	}
	memcpy(src + 2 + reps * n, "}t", 3);
	outbuf_init(&ob, -1, 4);
	f = format_compile(src, err, sizeof(err));
	ok = f != NULL && format_render(f, &msg, &ob) == 0 &&
	    ob.len == reps * strlen(one_out) &&
	    memcmp(ob.buf, want, ob.len) == 0;
	tap_ok(ok, "%%{...}t printing %zu bytes prints them all",
	    reps * strlen(one_out));
	if (!ok)
		tap_diag("got %zu bytes", ob.len);
	format_destroy(&f);
	outbuf_free(&ob);
	free(src);
	free(want);
}

/* Nonzero when the n bytes at p are lowercase hex digits. */
static int
all_hex(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr("0123456789abcdef", p[i]) == NULL || p[i] == '\0')
			return 0;
	return 1;
}

/* %r: 16 random hex digits, %.Nr N of them, different each time. */
static void
test_random(void)
{
	static const struct {
		const char	*fmt;
		size_t		 len;
	} rows[] = {
		{ "%r", 16 }, { "%.4r", 4 }, { "%.40r", 40 }, { "%.0r", 0 },
		{ "%.1r", 1 },
	};
	struct format *f;
	struct outbuf ob, again;
	char err[ZC_ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		outbuf_init(&ob, -1, 4);
		f = format_compile(rows[i].fmt, err, sizeof(err));
		tap_ok(f != NULL && format_render(f, &msg, &ob) == 0 &&
		    ob.len == rows[i].len && all_hex(ob.buf, ob.len),
		    "'%s' gives %zu hex digits", rows[i].fmt, rows[i].len);
		format_destroy(&f);
		outbuf_free(&ob);
	}
	outbuf_init(&ob, -1, 4);
	outbuf_init(&again, -1, 4);
	f = format_compile("%.64r", err, sizeof(err));
	format_render(f, &msg, &ob);
	format_render(f, &msg, &again);
	tap_ok(ob.len == 64 && again.len == 64 &&
	    memcmp(ob.buf, again.buf, 64) != 0, "%%r differs from one render "
	    "to the next");
	format_destroy(&f);
	outbuf_free(&ob);
	outbuf_free(&again);
}

/* A message template takes what a sender knows; the rest is named. */
static void
test_template(void)
{
	static const struct {
		const char	*src;
		const char	*err;	/* NULL: a template */
	} rows[] = {
		{ "plain \\t text", NULL },
		{ "%N %t %{%Y}t %r %.4r %8N %%", NULL },
		{ "x %s", "'%s' in 'x %s' is for printing: a message takes "
		    "%N, %t, %{STRFTIME}t, %r and %%" },
		{ "%2", "'%2' in '%2' is for printing: a message takes %N, "
		    "%t, %{STRFTIME}t, %r and %%" },
		{ "%N%j", "'%j' in '%N%j' is for printing: a message takes "
		    "%N, %t, %{STRFTIME}t, %r and %%" },
		{ "%-4n", "'%n' in '%-4n' is for printing: a message takes "
		    "%N, %t, %{STRFTIME}t, %r and %%" },
	};
	struct format *f;
	char err[ZC_ERRLEN];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		err[0] = '\0';
		f = format_compile(rows[i].src, err, sizeof(err));
		rc = f != NULL ? format_template_check(f, rows[i].src, err,
		    sizeof(err)) : -2;
		tap_ok(rows[i].err == NULL ? rc == 0 : rc == -1 &&
		    strcmp(err, rows[i].err) == 0, "template '%s': %s",
		    rows[i].src, rows[i].err ? "refused" : "taken");
		if (rows[i].err != NULL && strcmp(err, rows[i].err) != 0)
			tap_diag("got '%s'", err);
		format_destroy(&f);
	}
	/* a long template is cut in the message, which still says why */
	{
		char src[600];

		memset(src, 'x', 500);
		memcpy(src + 500, "%s", 3);
		f = format_compile(src, err, sizeof(err));
		tap_ok(f != NULL && format_template_check(f, src, err,
		    sizeof(err)) == -1 && strncmp(err, "'%s' in 'xxx", 12) == 0 &&
		    strstr(err, "...' is for printing: a message takes %N, %t, "
		    "%{STRFTIME}t, %r and %%") != NULL, "a 502-byte template: "
		    "cut in the message, which still says why");
		if (f != NULL && strstr(err, "is for printing") == NULL)
			tap_diag("got '%s'", err);
		format_destroy(&f);
	}
}

/* A message whose frames are whole Z85 groups, and a ROUTER's. */
static const struct iovec z85_frames[] = {
	{ (void *)"\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b", 8 },
};

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_meta();

	struct format *f;
	struct outbuf ob;
	char err[ZC_ERRLEN];
	size_t i;
	int ok;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		outbuf_init(&ob, -1, 4);
		f = format_compile(good[i].fmt, err, sizeof(err));
		ok = f != NULL && format_render(f, &msg, &ob) == 0 &&
		    ob.len == good[i].len &&
		    memcmp(ob.buf, good[i].out, ob.len) == 0;
		tap_ok(ok, "renders '%s'", good[i].fmt);
		if (!ok && f == NULL)
			tap_diag("error: %s", err);
		else if (!ok)
			tap_diag("got %zu bytes '%.*s'", ob.len, (int)ob.len,
			    ob.buf);
		format_destroy(&f);
		outbuf_free(&ob);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		f = format_compile(bad[i].fmt, err, sizeof(err));
		ok = f == NULL && strcmp(err, bad[i].err) == 0;
		tap_ok(ok, "refuses '%s'", bad[i].fmt);
		if (!ok)
			tap_diag("got '%s'", err);
		format_destroy(&f);
	}
	{
		struct msg z = msg;

		z.frames = z85_frames;
		z.nframes = 1;
		outbuf_init(&ob, -1, 4);
		f = format_compile("%z|%S", err, sizeof(err));
		tap_ok(f != NULL && format_render(f, &z, &ob) == 0 &&
		    ob.len == 12 && memcmp(ob.buf, "HelloWorld|8", 12) == 0,
		    "%%z is Z85 (the RFC 32 example: HelloWorld)");
		ob.len = 0;
		z.nframes = 0;
		tap_ok(format_render(f, &z, &ob) == 0 && ob.len == 2,
		    "%%z of an empty body is empty");
		format_destroy(&f);
		ob.len = 0;
		z = msg;
		z.is_router = 1;
		z.peer = "127.0.0.1";
		f = format_compile("%j", err, sizeof(err));
		format_render(f, &z, &ob);
		tap_ok(ob.len > 0 && strncmp(ob.buf, "{\"socket\":\"pull\","
		    "\"type\":\"PULL\",\"routing_id\":\"topic\",\"frames\":"
		    "[\"a\\u0000b\"],\"time\":1700000000123,\"peer\":"
		    "\"127.0.0.1\"}", ob.len) == 0,
		    "%%j of a ROUTER message has routing_id and peer");
		format_destroy(&f);
		outbuf_free(&ob);
	}
	f = format_compile("ab\\tc%s", err, sizeof(err));
	tap_ok(f != NULL && f->ntoks == 2, "adjacent literals form one token");
	format_destroy(&f);
	format_destroy(NULL);
	test_long_strftime();
	test_random();
	test_template();
	return tap_done();
}
