/*
 * Fuzz the key files: the input, as the text of a file, read as a CURVE
 * key file for a public and for a secret key (keys_from_text), as a
 * --curve-allow list and as a --plain-users file. What they take is
 * well-formed (keys of 40 Z85 characters, users with a password that
 * keys_user_ok accepts); what they refuse has a message, which is one of
 * the fixed ones: a line of a key file, which may hold a secret, is
 * never quoted.
 */
#include "config.h"

#include <ctype.h>

#include "../../src/keys.h"
#include "../../src/status.h"
#include "fuzz.h"

/* The messages a refusal may give, numbers left out. */
static const char *const fixed[] = {
	"line : not a -character Z key",
	" keys and no label: write 'public: KEY' or 'secret: KEY'",
	"no public key in it",
	"no secret key in it",
	"line : a secret key does not belong in an allow-list",
	"line : want one -character Z public key per line",
	"no key in it: it would let nobody in",
	"line : want USER:PASSWORD",
	"no USER:PASSWORD line in it",
};

/* The message is a fixed one: with its digits left out, in the list; or
 * a user listed twice, whose name has no ':' and so no password. */
static void
check_message(const char *err)
{
	char bare[ZC_ERRLEN];
	const char *p;
	size_t i, n = 0;

	for (p = err; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			bare[n++] = *p;
	bare[n] = '\0';
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(bare, fixed[i]) == 0)
			return;
	p = strstr(err, ": user '");
	FUZZ_CHECK(p != NULL && strncmp(err, "line ", 5) == 0 &&
	    strchr(p + 8, ':') == NULL, "not a fixed message: %s", err);
}

/* keys_from_text for one kind of key. */
static void
check_key_file(const char *text, enum keys_want want)
{
	char key[KEYS_Z85_LEN + 1], err[ZC_ERRLEN];

	err[0] = '\0';
	if (keys_from_text(text, want, key, err, sizeof(err)) == -1) {
		FUZZ_CHECK_ERR(err);
		check_message(err);
		return;
	}
	FUZZ_CHECK(keys_valid(key) && strstr(text, key) != NULL, "key");
}

/* keys_allow_parse. */
static void
check_allow(const char *text)
{
	char **list, err[ZC_ERRLEN];
	size_t n, i;

	err[0] = '\0';
	if (keys_allow_parse(text, &list, &n, err, sizeof(err)) == -1) {
		FUZZ_CHECK_ERR(err);
		FUZZ_CHECK(list == NULL && n == 0, "a list left");
		check_message(err);
		return;
	}
	FUZZ_CHECK(n > 0, "an empty list taken");
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(keys_valid(list[i]), "key %zu", i);
		free(list[i]);
	}
	free(list);
}

/* keys_users_parse; each user then logs in with its password only. */
static void
check_users(const char *text)
{
	struct keys k;
	char err[ZC_ERRLEN];
	size_t i, plen;
	const char *pw;

	memset(&k, 0, sizeof(k));
	err[0] = '\0';
	if (keys_users_parse(text, &k.users, &k.nusers, err,
	    sizeof(err)) == -1) {
		FUZZ_CHECK_ERR(err);
		FUZZ_CHECK(k.users == NULL && k.nusers == 0, "a list left");
		check_message(err);
		return;
	}
	for (i = 0; i < k.nusers; i++) {
		pw = k.users[i].password;
		plen = strlen(pw);
		FUZZ_CHECK(k.users[i].name[0] != '\0' && plen > 0 &&
		    strchr(k.users[i].name, ':') == NULL, "user %zu", i);
		FUZZ_CHECK(keys_user_ok(&k, k.users[i].name,
		    strlen(k.users[i].name), pw, plen), "user %zu refused", i);
		FUZZ_CHECK(!keys_user_ok(&k, k.users[i].name,
		    strlen(k.users[i].name), pw, plen - 1), "a password cut "
		    "short let user %zu in", i);
	}
	keys_clear(&k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	char *text;

	fuzz_init(&in, data, size);
	text = fuzz_rest(&in, &size);
	text = realloc(text, size + 1);
	text[size] = '\0';	/* a file with a NUL is refused before */
	check_key_file(text, KEYS_PUBLIC);
	check_key_file(text, KEYS_SECRET);
	check_allow(text);
	check_users(text);
	free(text);
	return 0;
}
