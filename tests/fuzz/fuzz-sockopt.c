/*
 * Fuzz -o: sockopt_parse on each part. A value that parses is within
 * the option's bounds; a bad one has a message, and the value of a
 * secret option (curve_secretkey, plain_password) is never in it.
 */
#include "config.h"

#include "../../src/sockopt.h"
#include "../../src/status.h"
#include "fuzz.h"

/* Nonzero when s has a byte no message template has: not printable
 * ASCII. A value with one is in a message only if it was quoted. */
static int
odd_bytes(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 1;
	return 0;
}

/* A failed parse: a message, without a secret value. */
static void
check_error(const char *arg, const char *err, size_t errlen)
{
	const struct sockopt_def *def;
	const char *eq = strchr(arg, '=');
	char *name;

	FUZZ_CHECK(err[0] != '\0' && memchr(err, '\0', errlen) != NULL,
	    "no message for '%s'", arg);
	if (eq == NULL || !odd_bytes(eq + 1))
		return;
	name = strndup(arg, (size_t)(eq - arg));
	def = sockopt_lookup(name);
	if (def != NULL && sockopt_is_secret(def) &&
	    strstr(name, eq + 1) == NULL)
		FUZZ_CHECK(strstr(err, eq + 1) == NULL, "secret in '%s'", err);
	free(name);
}

/* A value that parsed: the kind's rules hold. */
static void
check_value(const char *arg, const struct sockopt_val *v)
{
	const char *val = strchr(arg, '=') + 1;

	FUZZ_CHECK(v->def != NULL, "no option for '%s'", arg);
	switch (v->def->kind) {
	case SOCKOPT_BYTES:
	case SOCKOPT_KEY:
		FUZZ_CHECK(v->bytes != NULL && v->len == strlen(val) &&
		    memcmp(v->bytes, val, v->len) == 0, "bytes of '%s'", arg);
		FUZZ_CHECK(v->def->kind != SOCKOPT_KEY || v->len == 40,
		    "key of '%s'", arg);
		break;
	case SOCKOPT_BOOL:
		FUZZ_CHECK(v->num == 0 || v->num == 1, "bool '%s'", arg);
		break;
	default:
		FUZZ_CHECK(v->num >= v->def->min && v->num <= v->def->max,
		    "number '%s' out of bounds", arg);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockopt_val v;
	struct fuzz_in in;
	char err[ZC_ERRLEN], *arg;

	fuzz_init(&in, data, size);
	while ((arg = fuzz_part(&in, NULL)) != NULL) {
		err[0] = '\0';
		if (sockopt_parse(arg, &v, err, sizeof(err)) == -1)
			check_error(arg, err, sizeof(err));
		else
			check_value(arg, &v);
		sockopt_val_clear(&v);
		free(arg);
	}
	return 0;
}
