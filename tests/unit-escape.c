/* Table-driven tests of the delimiter escape parser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../src/escape.h"
#include "../src/status.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*out;
	size_t		 len;
} good[] = {
	{ "\\n", "\n", 1 },
	{ "\\t", "\t", 1 },
	{ "\\r\\n", "\r\n", 2 },
	{ "\\0", "\0", 1 },
	{ "\\\\", "\\", 1 },
	{ "\\x00", "\0", 1 },
	{ "\\x1F\\xff", "\x1f\xff", 2 },
	{ "--", "--", 2 },
	{ "a\\tb", "a\tb", 3 },
	{ "", "", 0 },
	{ "\\x1b[0m", "\033[0m", 4 },
};

static const struct {
	const char	*in;
	const char	*err;
} bad[] = {
	{ "\\q", "bad escape '\\q' in '\\q' (want \\n \\t \\r \\0 \\\\ or "
	    "\\xNN)" },
	{ "\\e", "bad escape '\\e' in '\\e' (want \\n \\t \\r \\0 \\\\ or "
	    "\\xNN)" },
	{ "\\", "bad escape '\\' in '\\' (want \\n \\t \\r \\0 \\\\ or \\xNN)" },
	{ "\\x4", "bad escape '\\x4' in '\\x4' (want \\n \\t \\r \\0 \\\\ or "
	    "\\xNN)" },
	{ "ab\\xZZ", "bad escape '\\xZZ' in 'ab\\xZZ' (want \\n \\t \\r \\0 "
	    "\\\\ or \\xNN)" },
};

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	char err[ZC_ERRLEN], *out, c;
	size_t i, len;
	int ok;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ok = escape_parse(good[i].in, &out, &len, err, sizeof(err)) == 0;
		ok = ok && len == good[i].len &&
		    memcmp(out, good[i].out, len) == 0;
		tap_ok(ok, "decodes '%s'", good[i].in);
		if (ok)
			free(out);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ok = escape_parse(bad[i].in, &out, &len, err, sizeof(err)) == -1 &&
		    strcmp(err, bad[i].err) == 0;
		tap_ok(ok, "refuses '%s'", bad[i].in);
		if (!ok)
			tap_diag("got '%s'", err);
	}
	tap_ok(escape_one("\\x41", &c) == 4 && c == 'A',
	    "escape_one reports the characters it used");
	tap_ok(escape_one("x", &c) == -1, "escape_one needs a backslash");
	return tap_done();
}
