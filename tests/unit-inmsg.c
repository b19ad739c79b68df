/* Table-driven tests of stdin decoding: --input modes and -J envelopes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/inmsg.h"
#include "../src/status.h"
#include "tap.h"

#define TIME_ERR "\"time\": want milliseconds since the epoch (0 to " \
    "253402300799999)"

static const struct {
	enum inmsg_mode	 mode;
	const char	*fdelim;
	const char	*in;
	const char	*frames;	/* frames joined by '|' */
	const char	*to;
	const char	*err;
} cases[] = {
	{ INMSG_RAW, NULL, "a|b", "a|b", NULL, NULL },
	{ INMSG_RAW, "|", "a|b", "a|b", NULL, NULL },
	{ INMSG_JSON, NULL, "{\"a\": 1}", "{\"a\":1}", NULL, NULL },
	{ INMSG_JSON, NULL, " [1, 2] ", "[1,2]", NULL, NULL },
	{ INMSG_JSON, NULL, "\"\xc3\xa9\"", "\"\\u00E9\"", NULL, NULL },
	{ INMSG_JSON, NULL, "3", "3", NULL, NULL },
	{ INMSG_JSON, NULL, "{\"a\":", NULL, NULL,
	    "invalid JSON: unexpected token near end of file" },
	{ INMSG_JSON, NULL, "1 2", NULL, NULL,
	    "invalid JSON: end of file expected near '2'" },
	{ INMSG_HEX, NULL, "6869", "hi", NULL, NULL },
	{ INMSG_HEX, ",", "6869,21", "hi|!", NULL, NULL },
	{ INMSG_HEX, ",", "6869,2", NULL, NULL, "invalid hex: odd length 1" },
	{ INMSG_BASE64, NULL, "aGk=", "hi", NULL, NULL },
	{ INMSG_Z85, NULL, "HelloWorld", "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b",
	    NULL, NULL },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\",{\"base64\":\"Yg==\"}]}",
	    "a|b", NULL, NULL },
	{ INMSG_ENVELOPE, NULL, "{\"socket\":\"x\",\"type\":\"PULL\",\"time\":1,"
	    "\"extra\":[1],\"frames\":[\"a\"],\"to\":\"push\"}", "a", "push",
	    NULL },
	{ INMSG_ENVELOPE, NULL, "{\"routing_id\":\"id1\",\"frames\":[\"\","
	    "\"x\"]}", "id1||x", NULL, NULL },
	{ INMSG_ENVELOPE, NULL, "[1]", NULL, NULL,
	    "want an object with a \"frames\" list" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[]}", NULL, NULL,
	    "a message has at least one frame" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\",3]}", NULL, NULL,
	    "frames[1]: want a string or {\"base64\": \"...\"}" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[{\"base64\":\"!!\"}]}", NULL,
	    NULL, "frames[0]: invalid base64: bad character at offset 0" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"to\":3}", NULL, NULL,
	    "\"to\": want a socket name" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":253402300799999}",
	    "a", NULL, NULL },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":1.5}", "a",
	    NULL, NULL },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":1e300}", NULL,
	    NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":-1e300}", NULL,
	    NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":-1}", NULL,
	    NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":253402300800000}",
	    NULL, NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":\"1\"}", NULL,
	    NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"time\":null}", NULL,
	    NULL, TIME_ERR },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"to\":\"push\\u0000junk\"}",
	    NULL, NULL, "\"to\": want a socket name" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"to\":\"\\u0000\"}", NULL,
	    NULL, "\"to\": want a socket name" },
	{ INMSG_ENVELOPE, NULL, "{\"frames\":[\"a\"],\"to\":\"\"}", NULL, NULL,
	    "\"to\": want a socket name" },
	{ INMSG_ENVELOPE, NULL, "not json", NULL, NULL,
	    "invalid JSON: '[' or '{' expected near 'not'" },
};

/* Join the decoded frames with '|' for comparison with the table. */
static void
join(const struct inmsg *d, char *buf, size_t len)
{
	const struct iovec *iov;
	size_t i, n, off = 0;

	iov = inmsg_frames(d, &n);
	for (i = 0; i < n && off + iov[i].iov_len + 2 < len; i++) {
		if (i > 0)
			buf[off++] = '|';
		memcpy(buf + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	buf[off] = '\0';
}

/* A good "time" is kept as whole ms; no "time" is no time. */
static void
test_time(void)
{
	static const struct {
		const char	*in;
		int		 has;
		long long	 ms;
	} times[] = {
		{ "{\"frames\":[\"a\"],\"time\":0}", 1, 0 },
		{ "{\"frames\":[\"a\"],\"time\":1700000000123}", 1,
		    1700000000123LL },
		{ "{\"frames\":[\"a\"],\"time\":1700000000123.9}", 1,
		    1700000000123LL },
		{ "{\"frames\":[\"a\"],\"time\":253402300799999}", 1,
		    253402300799999LL },
		{ "{\"frames\":[\"a\"],\"time\":2.53402300799999e14}", 1,
		    253402300799999LL },
		{ "{\"frames\":[\"a\"]}", 0, 0 },
	};
	char err[ZC_ERRLEN];
	struct inmsg d;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		inmsg_init(&d, INMSG_ENVELOPE, NULL, 0);
		rc = inmsg_decode(&d, times[i].in, strlen(times[i].in), err,
		    sizeof(err));
		tap_ok(rc == 0 && d.has_time == times[i].has && (!d.has_time ||
		    d.time == times[i].ms), "time of '%s'", times[i].in);
		if (rc != 0 || d.has_time != times[i].has)
			tap_diag("rc %d, has_time %d", rc, d.has_time);
		inmsg_free(&d);
	}
}

/* A "to" is kept whole, however long; the next line's replaces it, and a
 * line without one has none. */
static void
test_long_to(void)
{
	static const size_t lens[] = { 255, 256, 300, 5000, 10 };
	char err[ZC_ERRLEN], *line, *name;
	struct inmsg d;
	size_t i, n;
	int rc;

	inmsg_init(&d, INMSG_ENVELOPE, NULL, 0);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		n = lens[i];
		name = malloc(n + 1);
		line = malloc(n + 64);
		if (name == NULL || line == NULL)
			abort();
		memset(name, 'a', n);
		name[n - 1] = 'z';
		name[n] = '\0';
		snprintf(line, n + 64, "{\"frames\":[\"x\"],\"to\":\"%s\"}",
		    name);
		rc = inmsg_decode(&d, line, strlen(line), err, sizeof(err));
		tap_ok(rc == 0 && d.to != NULL && strcmp(d.to, name) == 0,
		    "a \"to\" of %zu characters is kept whole", n);
		if (rc != 0)
			tap_diag("got '%s'", err);
		free(name);
		free(line);
	}
	line = "{\"frames\":[\"x\"]}";
	rc = inmsg_decode(&d, line, strlen(line), err, sizeof(err));
	tap_ok(rc == 0 && d.to == NULL, "the next line without \"to\" has none");
	inmsg_free(&d);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	char err[ZC_ERRLEN], got[256];
	struct inmsg d;
	enum inmsg_mode m;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		inmsg_init(&d, cases[i].mode, cases[i].fdelim,
		    cases[i].fdelim ? strlen(cases[i].fdelim) : 0);
		err[0] = '\0';
		rc = inmsg_decode(&d, cases[i].in, strlen(cases[i].in), err,
		    sizeof(err));
		if (cases[i].err != NULL) {
			tap_ok(rc == -1 && strcmp(err, cases[i].err) == 0,
			    "refuses '%s'", cases[i].in);
			if (rc != -1 || strcmp(err, cases[i].err) != 0)
				tap_diag("got '%s'", err);
		} else {
			join(&d, got, sizeof(got));
			tap_ok(rc == 0 && strcmp(got, cases[i].frames) == 0 &&
			    (cases[i].to ? d.to && strcmp(d.to, cases[i].to) ==
			    0 : d.to == NULL), "decodes '%s'", cases[i].in);
			if (rc != 0 || strcmp(got, cases[i].frames) != 0)
				tap_diag("got '%s' (%s)", got, err);
		}
		inmsg_free(&d);
	}
	test_time();
	test_long_to();
	tap_ok(inmsg_mode_lookup("base64", &m) == 0 && m == INMSG_BASE64,
	    "--input base64 is known");
	tap_ok(inmsg_mode_lookup("yaml", &m) == -1, "--input yaml is not");
	return tap_done();
}
