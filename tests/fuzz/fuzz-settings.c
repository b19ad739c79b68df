/*
 * Fuzz the settings table: settings_set on any row (the first byte of a
 * part picks it, the second whether the value comes from the command
 * line or a --config file, or is missing), with the rest of the part as
 * the value, several in a row on one struct options. A value taken is
 * within the row's bounds; seconds are kept as the milliseconds the
 * decimal says, rounded up; a value refused has a message.
 */
#include "config.h"

#include <ctype.h>

#include "../../src/settings.h"
#include "../../src/status.h"
#include "fuzz.h"

/* The significant digits of a decimal, from its first nonzero one. */
static size_t
sig_digits(const char *s)
{
	size_t n = 0;

	for (s += strspn(s, "0."); *s != '\0'; s++)
		n += isdigit((unsigned char)*s) != 0;
	return n;
}

/*
 * The milliseconds a plain decimal of seconds stands for, rounded up,
 * worked out in whole numbers; -1 for text that is not one ([0-9]+ with
 * an optional .[0-9]+), has more than the 15 significant digits a double
 * holds, or is beyond 10^9 seconds.
 */
static long long
exact_ms(const char *s)
{
	long long secs = 0, ms = 0;
	const char *p = s;
	int i, up = 0;

	if (!isdigit((unsigned char)*p) || sig_digits(s) > 15)
		return -1;	/* beyond what a double holds: no claim */
	for (; isdigit((unsigned char)*p); p++)
		if ((secs = secs * 10 + (*p - '0')) > 1000000000)
			return -1;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return -1;
		for (i = 0; isdigit((unsigned char)*p); i++, p++)
			if (i < 3)
				ms = ms * 10 + (*p - '0');
			else if (*p != '0')
				up = 1;
		for (; i < 3; i++)
			ms *= 10;
	}
	if (*p != '\0')
		return -1;
	return secs * 1000 + ms + up;
}

/* A value the row took: what the table says of it holds. */
static void
check_taken(const struct setting *s, const struct options *o,
    const char *arg)
{
	long long v = settings_number(s, o), want;

	switch (s->type) {
	case SETTING_INT:
	case SETTING_LLONG:
		/* without an argument a row that wants one keeps its value,
		 * 0 when it has no default (the command line never does so) */
		FUZZ_CHECK(arg == NULL || (v >= s->min && v <= s->max),
		    "%lld out of bounds", v);
		break;
	case SETTING_SECONDS:
		FUZZ_CHECK(arg == NULL || v > 0, "%lld ms", v);
		want = arg ? exact_ms(arg) : -1;
		FUZZ_CHECK(want == -1 || want == 0 || v == want, "'%s' seconds "
		    "kept as %lld ms, not %lld", arg, v, want);
		break;
	case SETTING_DELAY:
		FUZZ_CHECK(arg == NULL || (v >= 0 && v <= s->max), "%lld ms",
		    v);
		want = arg ? exact_ms(arg) : -1;
		FUZZ_CHECK(want == -1 || v == want, "'%s' seconds kept as "
		    "%lld ms, not %lld", arg, v, want);
		break;
	case SETTING_DELIM:
	case SETTING_FORMAT:
	case SETTING_PATH:
	case SETTING_TEXT:
		FUZZ_CHECK(arg == NULL || (settings_text(s, o) != NULL &&
		    strcmp(settings_text(s, o), arg) == 0), "text kept");
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct setting *table, *s;
	struct options o;
	struct fuzz_in in;
	char err[ZC_ERRLEN], *part, *arg;
	const char *from;
	size_t n, len;

	table = settings_table(&n);
	settings_init(&o);
	fuzz_init(&in, data, size);
	while ((part = fuzz_part(&in, &len)) != NULL) {
		if (len < 2) {
			free(part);
			continue;
		}
		s = &table[(unsigned char)part[0] % n];
		from = part[1] & 1 ? "fuzz.json" : NULL;
		arg = part[1] & 2 ? NULL : part + 2;
		err[0] = '\0';
		if (settings_set(s, &o, arg, from, err, sizeof(err)) == -1)
			FUZZ_CHECK_ERR(err);
		else {
			check_taken(s, &o, arg ? arg : s->fixed);
			FUZZ_CHECK((from == NULL) == (settings_origin(s,
			    &o) == NULL), "origin");
		}
		free(part);
	}
	settings_free(&o);
	return 0;
}
