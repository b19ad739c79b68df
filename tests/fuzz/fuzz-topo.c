/*
 * Fuzz --config: the input as a topology file (topo_load_text, the
 * reader of topo_load). A file that loads, and whose names and routes
 * resolve as a run would have them, dumps (topo_dump, --dump-config) to
 * a file that loads back and dumps to the very same text. A file that
 * does not load has a message, and no secret it holds (curve_server,
 * curve_key, plain_client, a curve_secretkey or plain_password option)
 * is in it.
 */
#include "config.h"

#include <jansson.h>

#include "../../src/log.h"
#include "../../src/options.h"
#include "../../src/route.h"
#include "../../src/spec.h"
#include "../../src/status.h"
#include "../../src/topo.h"
#include "fuzz.h"

/* The keys of a socket entry, and of its options, that hold secrets. */
static const char *const secret_keys[] = {
	"curve_server", "curve_key", "plain_client",
};
static const char *const secret_opts[] = {
	"curve_secretkey", "plain_password", "zmq_curve_secretkey",
	"zmq_plain_password",
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_level = LOG_QUIET;	/* the warnings about loose key files */
	return 0;
}

/*
 * Is the secret s in the message? Only a secret that the message could
 * not hold otherwise is looked for: one with a byte no message template
 * has, found once in the whole file (so no other field quoted it).
 */
static void
check_secret(const char *err, const char *s, const uint8_t *data,
    size_t size, int dumped)
{
	const uint8_t *p, *end = data + size;
	size_t len = strlen(s), n = 0;
	int odd = 0;

	for (p = (const uint8_t *)s; *p != '\0'; p++)
		odd |= *p < 0x20 || *p >= 0x7f;
	/* a dump names a secret's file, "@PATH", not the secret */
	if (!odd || len < 4 || (dumped && s[0] == '@'))
		return;
	for (p = data; p < end && (p = memmem(p, (size_t)(end - p), s,
	    len)) != NULL; p++)
		n++;
	if (n == 1)
		FUZZ_CHECK(strstr(err, s) == NULL, "a secret in: %s", err);
}

/* No secret value of the file is in the message, or in the dump. */
static void
check_no_secret(const char *err, const uint8_t *data, size_t size,
    int dumped)
{
	json_t *root, *sock, *opts;
	size_t i, k;

	if ((root = json_loadb((const char *)data, size, 0, NULL)) == NULL)
		return;
	json_array_foreach(json_object_get(root, "sockets"), i, sock) {
		for (k = 0; k < sizeof(secret_keys) / sizeof(secret_keys[0]);
		    k++)
			if (json_is_string(json_object_get(sock,
			    secret_keys[k])))
				check_secret(err, json_string_value(
				    json_object_get(sock, secret_keys[k])), data,
				    size, dumped);
		opts = json_object_get(sock, "options");
		for (k = 0; k < sizeof(secret_opts) / sizeof(secret_opts[0]);
		    k++)
			if (json_is_string(json_object_get(opts,
			    secret_opts[k])))
				check_secret(err, json_string_value(
				    json_object_get(opts, secret_opts[k])), data,
				    size, dumped);
	}
	json_decref(root);
}

/*
 * Load text into o, then name the sockets and resolve the routes as a
 * run does; 0 when all that worked.
 */
static int
load(const char *text, size_t len, struct options *o, char *err,
    size_t errlen)
{
	size_t bad;

	settings_init(o);
	if (topo_load_text("fuzz.json", text, len, o, err, errlen) == -1)
		return -1;
	if (spec_assign_names(o->specs, o->nspecs, err, errlen) == -1 ||
	    route_resolve_all(o->routes, o->nroutes, o->specs, o->nspecs,
	    &bad, err, errlen) == -1)
		return 1;
	return 0;
}

/* The dump of o, in a new buffer; NULL when topo_dump refused it. */
static char *
dump(const struct options *o, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	int rc;

	if (fp == NULL)
		abort();
	rc = topo_dump(o, fp);
	fclose(fp);
	if (rc == 0)
		return buf;
	free(buf);
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o, again;
	char err[ZC_ERRLEN], *one, *two;
	size_t len1, len2;
	int rc;

	err[0] = '\0';
	if ((rc = load((const char *)data, size, &o, err, sizeof(err))) != 0) {
		FUZZ_CHECK_ERR(err);
		check_no_secret(err, data, size, 0);
		options_free(&o);
		return 0;
	}
	if ((one = dump(&o, &len1)) != NULL) {
		check_no_secret(one, data, size, 1);
		FUZZ_CHECK(load(one, len1, &again, err, sizeof(err)) == 0,
		    "the dump does not load back: %s\n%s", err, one);
		two = dump(&again, &len2);
		FUZZ_CHECK(two != NULL && len1 == len2 && memcmp(one, two,
		    len1) == 0, "the dump of the dump differs:\n%s\n%s", one,
		    two ? two : "(refused)");
		free(two);
		options_free(&again);
		free(one);
	}
	options_free(&o);
	return 0;
}
