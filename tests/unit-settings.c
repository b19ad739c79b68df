/* The settings table: every row sane, each type parsed as the command
 * line and a --config file give it, defaults, origins and --help. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/inmsg.h"
#include "../src/settings.h"
#include "../src/status.h"
#include "tap.h"

/* A row by its long name, or by "-x" for its letter. */
static const struct setting *
row(const char *opt)
{
	if (opt[0] == '-')
		return settings_by_letter(opt[1]);
	return settings_by_name(opt);
}

/* Rows: what is set, from where, and what comes of it: the message, or
 * the value (a number in decimal, or the text as kept). */
static const struct {
	const char	*opt;
	const char	*arg;		/* NULL: the option alone */
	const char	*from;		/* NULL: the command line */
	int		 rc;
	const char	*want;
} cases[] = {
	/* INT */
	{ "linger", "250", NULL, 0, "250" },
	{ "linger", "0", NULL, 0, "0" },
	{ "linger", "-5", NULL, -1,
	    "bad linger '-5' (want an integer from 0 to 2147483647)" },
	{ "linger", "99999999999", NULL, -1, "bad linger '99999999999' "
	    "(want an integer from 0 to 2147483647)" },
	{ "linger", "1x", "t.json", -1,
	    "t.json: linger: want an integer from 0 to 2147483647" },
	{ "io-threads", "1", NULL, 0, "1" },
	{ "io-threads", "64", "t.json", 0, "64" },
	{ "io-threads", "0", NULL, -1,
	    "bad I/O thread count '0' (want an integer from 1 to 64)" },
	{ "io-threads", "65", NULL, -1,
	    "bad I/O thread count '65' (want an integer from 1 to 64)" },
	{ "io-threads", "65", "t.json", -1,
	    "t.json: io_threads: want an integer from 1 to 64" },
	{ "timeout-reply", "0", NULL, -1, "bad reply timeout '0' "
	    "(want an integer from 1 to 2147483647)" },
	{ "wait-peers", "3", NULL, 0, "3" },
	{ "interval", "0", NULL, 0, "0" },
	{ "rate", "0", NULL, -1,
	    "bad rate '0' (want an integer from 1 to 1000000000)" },
	{ "rate", "1000000000", NULL, 0, "1000000000" },
	/* LLONG */
	{ "repeat", "0", NULL, 0, "0" },
	{ "size", "268435457", NULL, -1, "bad size '268435457' (want an "
	    "integer from 0 to 268435456)" },
	{ "count", "9223372036854775807", NULL, 0, "9223372036854775807" },
	{ "count", "0", NULL, -1,
	    "bad count '0' (want an integer from 1 to 9223372036854775807)" },
	{ "count", "10x", NULL, -1,
	    "bad count '10x' (want an integer from 1 to 9223372036854775807)" },
	{ "count", "0000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000x", NULL, -1,
	    "bad count '00000000000000000000000000000000000000000000000000"
	    "00000000000000000000000000000000000000000000000000...' (want an "
	    "integer from 1 to 9223372036854775807)" },
	/* SECONDS, kept in ms */
	{ "timeout", "1.5", NULL, 0, "1500" },
	{ "timeout", "0.0001", NULL, 0, "1" },
	/* not 4002, as 4.001 * 1000.0 rounded up gave (found by fuzzing) */
	{ "timeout", "4.001", NULL, 0, "4001" },
	{ "timeout", "4.0010000000000003", "t.json", 0, "4001" },
	{ "timeout", "4.0011", NULL, 0, "4002" },
	{ "timeout", "999999999.999", NULL, 0, "999999999999" },
	{ "-W", "2", "t.json", 0, "2000" },
	{ "timeout", "-1", NULL, -1,
	    "bad timeout '-1' (want seconds > 0, fractions allowed)" },
	{ "idle-timeout", "soon", NULL, -1,
	    "bad idle timeout 'soon' (want seconds > 0, fractions allowed)" },
	{ "idle-timeout", "0", "t.json", -1,
	    "t.json: idle_timeout: want seconds > 0, fractions allowed" },
	{ "stats", "0.5", NULL, 0, "500" },
	{ "stats", NULL, NULL, 0, "0" },
	{ "stats", "x", NULL, -1,
	    "bad stats period 'x' (want seconds > 0, fractions allowed)" },
	/* DELAY: --repeat-delay, seconds from 0, kept in --interval's ms */
	{ "repeat-delay", "0.5", NULL, 0, "500" },
	{ "repeat-delay", "0", NULL, 0, "0" },
	{ "repeat-delay", "0.0001", NULL, 0, "1" },
	{ "repeat-delay", "4.001", NULL, 0, "4001" },
	{ "repeat-delay", "2147483.647", NULL, 0, "2147483647" },
	{ "repeat-delay", "2147483.648", NULL, -1, "bad repeat delay "
	    "'2147483.648' (want seconds from 0 to 2147483.647, fractions "
	    "allowed)" },
	{ "repeat-delay", "-0.5", NULL, -1, "bad repeat delay '-0.5' (want "
	    "seconds from 0 to 2147483.647, fractions allowed)" },
	{ "repeat-delay", "1s", NULL, -1, "bad repeat delay '1s' (want "
	    "seconds from 0 to 2147483.647, fractions allowed)" },
	/* FLAG: the command line gives none, a file true or false */
	{ "echo", NULL, NULL, 0, "1" },
	{ "-e", "true", "t.json", 0, "1" },
	{ "-e", "false", "t.json", 0, "0" },
	{ "monitor", "maybe", "t.json", -1, "t.json: monitor: want true or "
	    "false" },
	/* ENUM */
	{ "input", "hex", NULL, 0, "2" },
	{ "input", "z85", NULL, 0, "4" },
	{ "input", "xml", NULL, -1, "bad input mode 'xml' (want raw, json, "
	    "hex, base64 or z85)" },
	/* DELIM: the text as given (its bytes are checked below) */
	{ "delimiter", "\\r\\n", NULL, 0, "\\r\\n" },
	{ "-0", NULL, NULL, 0, "\\0" },
	{ "frame-delimiter", "|", "t.json", 0, "|" },
	{ "delimiter", "\\q", NULL, -1,
	    "-D: bad escape '\\q' in '\\q' (want \\n \\t \\r \\0 \\\\ or \\xNN)" },
	{ "-F", "", NULL, -1, "-F: empty delimiter ''" },
	{ "-D", "\\x4", "t.json", -1, "t.json: delimiter: bad escape '\\x4' "
	    "in '\\x4' (want \\n \\t \\r \\0 \\\\ or \\xNN)" },
	/* FORMAT, compiled to check it */
	{ "format", "<%s>", NULL, 0, "<%s>" },
	{ "format", "x%q", NULL, -1, "-f: bad format token '%q' in 'x%q'" },
	{ "-f", "x%q", "t.json", -1,
	    "t.json: format: bad format token '%q' in 'x%q'" },
	/* PATH */
	{ "replay", "cap.json", NULL, 0, "cap.json" },
};

/* The value of a row as the cases write it. */
static void
value_text(const struct setting *s, const struct options *o, char *buf,
    size_t len)
{
	const char *text = settings_text(s, o);

	if (s->type == SETTING_DELIM || s->type == SETTING_FORMAT ||
	    s->type == SETTING_PATH || s->type == SETTING_TEXT)
		snprintf(buf, len, "%s", text != NULL ? text : "(null)");
	else
		snprintf(buf, len, "%lld", settings_number(s, o));
}

/* Names, letters and keys are each used once. */
static void
test_unique(const struct setting *t, size_t n)
{
	size_t i, j;
	int dup_name = 0, dup_letter = 0, dup_key = 0;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			dup_name |= t[i].name != NULL && t[j].name != NULL &&
			    strcmp(t[i].name, t[j].name) == 0;
			dup_letter |= t[i].letter != 0 &&
			    t[i].letter == t[j].letter;
			dup_key |= t[i].key != NULL && t[j].key != NULL &&
			    strcmp(t[i].key, t[j].key) == 0;
		}
	tap_ok(!dup_name, "no long option twice");
	tap_ok(!dup_letter, "no short option twice");
	tap_ok(!dup_key, "no --config key twice");
}

/* What every row needs for its type: names, help, a message name. */
static void
test_row(const struct setting *s)
{
	const char *n = s->name != NULL ? s->name : "-0";
	int value = s->type != SETTING_ACTION;

	tap_ok(s->name != NULL || s->letter != 0, "%s: has a name", n);
	/* a terse row is one of several names on a line, which say what
	 * they do (--exec-json); the man page has the rest */
	tap_ok(!value || s->show == SHOW_TERSE || (s->help != NULL &&
	    *s->help != '\0'), "%s: a setting has help", n);
	tap_ok(!value || s->type == SETTING_FLAG || s->type == SETTING_PATH ||
	    s->what != NULL, "%s: messages have a name for it", n);
	tap_ok(!value || (s->type == SETTING_FLAG) == (s->arg == NULL &&
	    s->fixed == NULL), "%s: takes an argument unless a flag", n);
	tap_ok(s->key == NULL || (value && s->type != SETTING_PATH &&
	    s->type != SETTING_ENUM), "%s: a --config key only for a value "
	    "a dump writes", n);
	tap_ok(!(s->flags & SF_OPTARG) || s->name != NULL,
	    "%s: an optional argument only for a long option", n);
	tap_ok((s->type != SETTING_INT && s->type != SETTING_LLONG) ||
	    (s->min <= s->max && (s->type == SETTING_LLONG ||
	    (s->min >= INT_MIN && s->max <= INT_MAX))),
	    "%s: its bounds fit its field", n);
	tap_ok(s->show == SHOW_LINE || s->name != NULL || s->letter != 0,
	    "%s: --help can show it", n);
}

/* A default parses, within the row's bounds, and nothing is given. */
static void
test_default(const struct setting *s)
{
	struct options o;
	char err[ZC_ERRLEN] = "";
	long long v;
	int rc;

	if (s->def == NULL)
		return;
	settings_init(&o);
	rc = settings_set(s, &o, s->def, NULL, err, sizeof(err));
	v = settings_number(s, &o);
	tap_ok(rc == 0, "%s: its default '%s' parses%s%s", s->name, s->def,
	    *err ? ": " : "", err);
	tap_ok((s->type != SETTING_INT && s->type != SETTING_LLONG) ||
	    (v >= s->min && v <= s->max), "%s: its default is within bounds",
	    s->name);
	settings_free(&o);
	settings_init(&o);
	tap_ok(settings_is_default(s, &o) && (s->given == 0 ||
	    *(int *)((char *)&o + s->given) == 0),
	    "%s: set to its default and not given after settings_init",
	    s->name);
	settings_free(&o);
}

/* Every row: unique, sane, its default good. */
static void
test_table(void)
{
	const struct setting *t = NULL;
	size_t i, n;

	t = settings_table(&n);
	tap_ok(n >= 37, "the table has every option (%zu rows)", n);
	test_unique(t, n);
	for (i = 0; i < n; i++) {
		test_row(&t[i]);
		test_default(&t[i]);
	}
}

/* --input's words mean what inmsg_mode_lookup says they do. */
static void
test_input_words(void)
{
	const struct setting *s = settings_by_name("input");
	enum inmsg_mode m;
	size_t i;
	int agree = 1;

	for (i = 0; s->choices[i] != NULL; i++)
		agree &= inmsg_mode_lookup(s->choices[i], &m) == 0 &&
		    (size_t)m == i;
	tap_ok(agree && i == 5, "--input's words agree with inmsg (%zu)", i);
}

/* Each case through settings_set. */
static void
test_cases(void)
{
	struct options o;
	const struct setting *s;
	char err[ZC_ERRLEN], got[ZC_ERRLEN];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = row(cases[i].opt);
		if (s == NULL) {
			tap_ok(0, "%s: no such option", cases[i].opt);
			continue;
		}
		settings_init(&o);
		err[0] = '\0';
		rc = settings_set(s, &o, cases[i].arg, cases[i].from, err,
		    sizeof(err));
		if (rc == 0)
			value_text(s, &o, got, sizeof(got));
		else
			snprintf(got, sizeof(got), "%s", err);
		tap_ok(rc == cases[i].rc && strcmp(got, cases[i].want) == 0,
		    "%s %s%s%s: %s", cases[i].opt, cases[i].arg ? cases[i].arg :
		    "(alone)", cases[i].from ? " in " : "", cases[i].from ?
		    cases[i].from : "", got);
		settings_free(&o);
	}
}

/* A delimiter keeps its decoded bytes; -0 and -D share them; a given
 * frame delimiter says so; --stats alone is given with no period. */
static void
test_store(void)
{
	struct options o;
	char err[ZC_ERRLEN];

	settings_init(&o);
	tap_ok(o.dlen == 1 && o.delim[0] == '\n' && o.delim_text == NULL &&
	    o.fdlen == 1 && o.fdelim[0] == '\t' && !o.fdelim_given &&
	    o.linger == 1000 && o.io_threads == 1 && o.interval == 0 &&
	    o.repeat == 1 && o.nmessages == 0 && o.messages == NULL,
	    "defaults: \\n, TAB (not given), linger 1000, 1 I/O thread, "
	    "no interval, repeat 1, no -m");
	settings_set(row("-D"), &o, "\\r\\n", NULL, err, sizeof(err));
	tap_ok(o.dlen == 2 && memcmp(o.delim, "\r\n", 2) == 0,
	    "-D '\\r\\n' is kept as CR LF");
	settings_set(row("-0"), &o, NULL, NULL, err, sizeof(err));
	tap_ok(o.dlen == 1 && o.delim[0] == '\0' && strcmp(o.delim_text,
	    "\\0") == 0, "-0 is a NUL delimiter, written \\0");
	settings_set(row("-F"), &o, "\\x01", "t.json", err, sizeof(err));
	tap_ok(o.fdlen == 1 && o.fdelim[0] == 1 && o.fdelim_given,
	    "frame_delimiter from a file is given, and decoded");
	settings_set(row("stats"), &o, NULL, NULL, err, sizeof(err));
	tap_ok(o.stats && o.stats_ms == 0, "--stats alone: given, no period");
	settings_set(row("repeat"), &o, "1", NULL, err, sizeof(err));
	tap_ok(o.repeat_given && settings_is_default(row("repeat"), &o),
	    "--repeat 1 is given, though its value is the default");
	settings_set(row("interval"), &o, "70", "t.json", err, sizeof(err));
	settings_set(row("repeat-delay"), &o, "1.5", NULL, err, sizeof(err));
	tap_ok(o.interval == 1500 && o.repeat_delay_given &&
	    settings_origin(row("interval"), &o) == NULL,
	    "--repeat-delay 1.5 after a file's interval: 1500 ms, given, "
	    "from the command line");
	settings_set(row("message"), &o, "a %N", NULL, err, sizeof(err));
	settings_set(row("message"), &o, "b\\t%r", "t.json", err,
	    sizeof(err));
	tap_ok(o.nmessages == 2 && strcmp(o.messages[0], "a %N") == 0 &&
	    strcmp(o.messages[1], "b\\t%r") == 0 &&
	    !settings_is_default(row("message"), &o),
	    "-m is kept in order, as given");
	tap_ok(settings_set(row("message"), &o, "%s", NULL, err,
	    sizeof(err)) == -1 && strcmp(err, "-m: '%s' in '%s' is for "
	    "printing: a message takes %N, %t, %{STRFTIME}t, %r and %%") == 0 &&
	    o.nmessages == 2, "-m '%%s' is refused: it names the token");
	settings_free(&o);
}

/* Where a setting came from: the file that set it last, or NULL. */
static void
test_origin(void)
{
	struct options o;
	char err[ZC_ERRLEN];
	const char *from;

	settings_init(&o);
	tap_ok(settings_origin(row("count"), &o) == NULL,
	    "a default comes from no file");
	settings_set(row("count"), &o, "2", "a.json", err, sizeof(err));
	from = settings_origin(row("count"), &o);
	tap_ok(from != NULL && strcmp(from, "a.json") == 0,
	    "count from a.json comes from a.json");
	settings_set(row("-c"), &o, "3", NULL, err, sizeof(err));
	tap_ok(settings_origin(row("count"), &o) == NULL,
	    "-c after it comes from the command line");
	settings_set(row("delimiter"), &o, "x", "b.json", err, sizeof(err));
	settings_set(row("-0"), &o, NULL, NULL, err, sizeof(err));
	tap_ok(settings_origin(row("delimiter"), &o) == NULL,
	    "-0 after a file's delimiter: the command line's");
	tap_ok(settings_set(row("linger"), &o, "-1", "c.json", err,
	    sizeof(err)) == -1 && settings_origin(row("linger"), &o) == NULL,
	    "a bad value from a file leaves the origin as it was");
	settings_free(&o);
}

/* Nonzero when list is the table's keys in order: "a, b or c". */
static int
test_keys(const struct setting *t, size_t n, const char *list)
{
	char want[1024] = "";
	size_t i, k = 0, nkeys = 0;

	for (i = 0; i < n; i++)
		nkeys += t[i].key != NULL;
	for (i = 0; i < n; i++) {
		if (t[i].key == NULL)
			continue;
		if (k++ > 0)
			strcat(want, k == nkeys ? " or " : ", ");
		strcat(want, t[i].key);
	}
	return nkeys >= 12 && strcmp(want, list) == 0;
}

/* The --help part: every option named, no line too wide, the keys list. */
static void
test_usage(void)
{
	const struct setting *t;
	char *u = settings_usage(), *keys = settings_keys_list(), *line;
	char name[64];
	size_t i, n, wide = 0, lines = 0, missing = 0;

	t = settings_table(&n);
	for (line = u; *line != '\0'; lines++) {
		size_t len = strcspn(line, "\n");

		wide += len > 79;
		line += len + (line[len] == '\n');
	}
	for (i = 0; i < n; i++) {
		if (t[i].name != NULL)
			snprintf(name, sizeof(name), "--%s", t[i].name);
		else
			snprintf(name, sizeof(name), "-%c", t[i].letter);
		missing += strstr(u, name) == NULL;
	}
	tap_ok(wide == 0, "--help: no line over 79 characters");
	tap_ok(lines <= 45, "--help: the table takes %zu lines (45 fit)",
	    lines);
	tap_ok(missing == 0, "--help names every option");
	for (i = 1, wide = 0; i < n; i++)	/* a group's rows together */
		for (lines = 0; lines + 1 < i; lines++)
			wide += t[lines].group == t[i].group &&
			    t[i - 1].group != t[i].group;
	tap_ok(wide == 0, "--help: each group's title once (its rows "
	    "together in the table)");
	tap_ok(strstr(u, "--linger MS          linger for every socket "
	    "(default 1000)\n") != NULL &&
	    strstr(u, "--io-threads N       libzmq I/O threads (default 1)\n")
	    != NULL, "--help gives the numbers' defaults from the table");
	tap_ok(test_keys(t, n, keys), "the keys, in table order: %s", keys);
	free(u);
	free(keys);
}

int
main(void)
{
	test_table();
	test_input_words();
	test_cases();
	test_store();
	test_origin();
	test_usage();
	return tap_done();
}
