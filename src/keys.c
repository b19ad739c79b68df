/* CURVE keys and PLAIN credentials: from arguments and files, checked. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zmq.h>

#include "codec.h"
#include "jsonw.h"
#include "keys.h"
#include "status.h"
#include "xmalloc.h"

#define KEYS_FILE_MAX	(1024 * 1024)	/* a key file is never larger */

/* The section heads of czmq's certificate files, which hold the keys. */
static const char *const sections[] = { "metadata", "curve" };

/* The option names, for messages; and whether their values are secret. */
static const struct {
	const char	*name;
	int		 secret;
} opt_table[KEYS_NOPTS] = {
	[KEYS_CURVE_SERVER] = { "--curve-server", 1 },
	[KEYS_CURVE_CLIENT] = { "--curve-client", 0 },
	[KEYS_CURVE_KEY] = { "--curve-key", 1 },
	[KEYS_CURVE_ALLOW] = { "--curve-allow", 0 },
	[KEYS_PLAIN_USERS] = { "--plain-users", 1 },
	[KEYS_PLAIN_CLIENT] = { "--plain-client", 1 },
};

/* What one line of a key file holds. */
enum keys_line_kind {
	LINE_BLANK,		/* empty, or a # comment */
	LINE_KEY,		/* a bare key */
	LINE_PUBLIC,		/* public: KEY, public-key = "KEY" */
	LINE_SECRET,		/* secret: KEY, secret-key = "KEY" */
	LINE_OTHER,		/* some other NAME = VALUE, or a [section] */
	LINE_BAD		/* none of these */
};

/* The labels a key line may carry: ours, and those of czmq's certs. */
static const struct {
	const char		*label;
	enum keys_line_kind	 kind;
} labels[] = {
	{ "public", LINE_PUBLIC }, { "public-key", LINE_PUBLIC },
	{ "public_key", LINE_PUBLIC }, { "secret", LINE_SECRET },
	{ "secret-key", LINE_SECRET }, { "secret_key", LINE_SECRET },
};

/* The option's name as users type it. */
const char *
keys_opt_name(enum keys_opt opt)
{
	return opt_table[opt].name;
}

/* Nonzero when the option's value must never be shown. */
int
keys_opt_secret(enum keys_opt opt)
{
	return opt_table[opt].secret;
}

/*
 * How a message names the file an option's argument gives. A secret
 * option's argument is never shown: a mistyped secret ("@" and a key that
 * is not quite one, or a password) would be echoed as a file name.
 */
static const char *
keys_file_shown(enum keys_opt opt, const char *path)
{
	if (!keys_opt_secret(opt))
		return path;
	return opt == KEYS_PLAIN_USERS ? "the file it names" :
	    "the file named after '@'";
}

/* A message about the file an option's argument gives: "OPT ARG: why",
 * or for a secret option "OPT: the file ...: why". */
static void
keys_file_error(enum keys_opt opt, const char *arg, const char *why,
    char *err, size_t errlen)
{
	if (keys_opt_secret(opt))
		snprintf(err, errlen, "%s: %s: %s", keys_opt_name(opt),
		    keys_file_shown(opt, arg), why);
	else
		snprintf(err, errlen, "%s %s: %s", keys_opt_name(opt), arg, why);
}

/* Nonzero when s is a CURVE key: exactly 40 characters of valid Z85. */
int
keys_valid(const char *s)
{
	return strlen(s) == KEYS_Z85_LEN && codec_z85_valid(s, KEYS_Z85_LEN);
}

/* Nonzero when [p, end) holds only blanks, or a # comment after them. */
static int
keys_rest_blank(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p == end || *p == '#';
}

/* Nonzero when the n bytes at p are a CURVE key; copies it to key. */
static int
keys_take(const char *p, size_t n, char *key)
{
	if (n != KEYS_Z85_LEN || !codec_z85_valid(p, n))
		return 0;
	memcpy(key, p, n);
	key[n] = '\0';
	return 1;
}

/* The kind of a labelled line "LABEL [:=] ["]KEY["]"; key gets the key. */
static enum keys_line_kind
keys_labelled(const char *p, const char *end, char *key)
{
	const char *l = p, *v;
	size_t i, n;
	enum keys_line_kind kind = LINE_OTHER;

	while (p < end && (isalpha((unsigned char)*p) || *p == '-' ||
	    *p == '_'))
		p++;
	n = (size_t)(p - l);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (n == 0 || p == end || (*p != ':' && *p != '='))
		return LINE_BAD;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strlen(labels[i].label) == n &&
		    strncasecmp(labels[i].label, l, n) == 0)
			kind = labels[i].kind;
	if (kind == LINE_OTHER)
		return LINE_OTHER;
	for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	if (p < end && *p == '"')
		p++;
	v = p;
	while (p < end && *p != '"' && !isspace((unsigned char)*p))
		p++;
	if (!keys_take(v, (size_t)(p - v), key))
		return LINE_BAD;
	if (p < end && *p == '"')
		p++;
	return keys_rest_blank(p, end) ? kind : LINE_BAD;
}

/* Classify one line (without its newline); key gets any key it holds. */
static enum keys_line_kind
keys_line(const char *p, const char *end, char *key)
{
	const char *t;
	size_t i;

	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (p == end)
		return LINE_BLANK;
	/* Z85 has '#', ':' and '=': a bare key first, then the rest */
	for (t = p; t < end && !isspace((unsigned char)*t); t++)
		;
	if (keys_take(p, (size_t)(t - p), key) && keys_rest_blank(t, end))
		return LINE_KEY;
	if (*p == '#')
		return LINE_BLANK;
	if (*p == '[' && end[-1] == ']')
		return LINE_OTHER;
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if ((size_t)(end - p) == strlen(sections[i]) &&
		    strncmp(p, sections[i], (size_t)(end - p)) == 0)
			return LINE_OTHER;
	return keys_labelled(p, end, key);
}

/* The end of the line that starts at p. */
static const char *
keys_eol(const char *p)
{
	const char *nl = strchr(p, '\n');

	return nl != NULL ? nl : p + strlen(p);
}

/*
 * The key a file's text gives for want: its "secret:" or "public:" line,
 * or its one bare key. out holds 41 bytes. Messages never quote a line,
 * which may hold a secret.
 */
int
keys_from_text(const char *text, enum keys_want want, char *out, char *err,
    size_t errlen)
{
	char key[KEYS_Z85_LEN + 1];
	const char *p, *end;
	enum keys_line_kind kind;
	size_t line = 0;
	int bare = 0, labelled = 0;

	for (p = text; *p != '\0'; p = *end ? end + 1 : end) {
		end = keys_eol(p);
		line++;
		kind = keys_line(p, end, key);
		if (kind == LINE_BAD) {
			snprintf(err, errlen, "line %zu: not a 40-character Z85 "
			    "key", line);
			return -1;
		}
		if (kind == LINE_KEY && !labelled && bare++ == 0)
			memcpy(out, key, sizeof(key));
		if ((kind == LINE_PUBLIC && want == KEYS_PUBLIC) ||
		    (kind == LINE_SECRET && want == KEYS_SECRET)) {
			memcpy(out, key, sizeof(key));
			labelled = 1;
		}
	}
	if (labelled || bare == 1)
		return 0;
	if (bare > 1)
		snprintf(err, errlen, "%d keys and no label: write 'public: KEY' "
		    "or 'secret: KEY'", bare);
	else
		snprintf(err, errlen, "no %s key in it", want == KEYS_SECRET ?
		    "secret" : "public");
	return -1;
}

/* Append a copy of s to a growing list of strings. */
static void
keys_push(char ***list, size_t *n, const char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = xstrdup(s);
}

/* Free a list of strings and empty it. */
static void
keys_free_list(char ***list, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*n = 0;
}

/*
 * An allow-list: one public key per line ("public: KEY" also does), #
 * comments. A secret key in it is an error: it does not belong there.
 */
int
keys_allow_parse(const char *text, char ***keys, size_t *n, char *err,
    size_t errlen)
{
	char key[KEYS_Z85_LEN + 1];
	const char *p, *end;
	size_t line = 0;

	*keys = NULL;
	*n = 0;
	for (p = text; *p != '\0'; p = *end ? end + 1 : end) {
		end = keys_eol(p);
		line++;
		switch (keys_line(p, end, key)) {
		case LINE_BLANK:
			continue;
		case LINE_KEY:
		case LINE_PUBLIC:
			keys_push(keys, n, key);
			continue;
		case LINE_SECRET:
			snprintf(err, errlen, "line %zu: a secret key does not "
			    "belong in an allow-list", line);
			break;
		default:
			snprintf(err, errlen, "line %zu: want one 40-character "
			    "Z85 public key per line", line);
			break;
		}
		keys_free_list(keys, n);
		return -1;
	}
	if (*n == 0) {
		snprintf(err, errlen, "no key in it: it would let nobody in");
		return -1;
	}
	return 0;
}

/* Free a user list and empty it. */
static void
keys_free_users(struct plain_user **users, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		free((*users)[i].name);
		free((*users)[i].password);
	}
	free(*users);
	*users = NULL;
	*n = 0;
}

/* Nonzero when s is USER:PASS: a user name without blanks, and a
 * password, which libzmq wants not empty (it may hold ':'). */
int
keys_userpass_valid(const char *s)
{
	const char *colon = strchr(s, ':');
	const char *p;

	if (colon == NULL || colon == s || colon[1] == '\0')
		return 0;
	for (p = s; p < colon; p++)
		if (isspace((unsigned char)*p))
			return 0;
	return 1;
}

/* Check one USER:PASS line and add it; -1 with the reason. */
static int
keys_add_user(struct plain_user **users, size_t *n, const char *p,
    const char *end, char *err, size_t errlen)
{
	const char *colon;
	char *line;
	size_t i;

	line = xmalloc((size_t)(end - p) + 1);
	memcpy(line, p, (size_t)(end - p));
	line[end - p] = '\0';
	if (!keys_userpass_valid(line)) {
		free(line);
		snprintf(err, errlen, "want USER:PASSWORD");
		return -1;
	}
	colon = strchr(line, ':');
	for (i = 0; i < *n; i++)
		if (strlen((*users)[i].name) == (size_t)(colon - line) &&
		    strncmp((*users)[i].name, line, (size_t)(colon - line)) == 0) {
			snprintf(err, errlen, "user '%s' is listed twice",
			    (*users)[i].name);
			free(line);
			return -1;
		}
	*users = xrealloc(*users, (*n + 1) * sizeof(**users));
	(*users)[*n].password = xstrdup(colon + 1);
	line[colon - line] = '\0';
	(*users)[(*n)++].name = line;
	return 0;
}

/* A --plain-users file: USER:PASSWORD lines, # comments. */
int
keys_users_parse(const char *text, struct plain_user **users, size_t *n,
    char *err, size_t errlen)
{
	char why[128];
	const char *p, *end, *s;
	size_t line = 0;

	*users = NULL;
	*n = 0;
	for (p = text; *p != '\0'; p = *end ? end + 1 : end) {
		end = keys_eol(p);
		line++;
		for (s = p; s < end && isspace((unsigned char)*s); s++)
			;
		if (s == end || *s == '#')
			continue;
		/* the password is the rest of the line, but not a CR */
		if (keys_add_user(users, n, s, end[-1] == '\r' ? end - 1 : end,
		    why, sizeof(why)) == -1) {
			snprintf(err, errlen, "line %zu: %s", line, why);
			keys_free_users(users, n);
			return -1;
		}
	}
	if (*n == 0) {
		snprintf(err, errlen, "no USER:PASSWORD line in it");
		return -1;
	}
	return 0;
}

/* Nonzero when the list names this client public key. */
int
keys_allowed(const struct keys *k, const char *z85)
{
	size_t i;

	for (i = 0; i < k->nallow; i++)
		if (strcmp(k->allow[i], z85) == 0)
			return 1;
	return 0;
}

/* Nonzero when the user name (namelen bytes, as it came off the wire)
 * is listed with this password; the comparison of the passwords takes
 * the same time wherever they differ. */
int
keys_user_ok(const struct keys *k, const void *name, size_t namelen,
    const void *pass, size_t passlen)
{
	const unsigned char *a, *b = pass;
	unsigned char diff = 0;
	size_t i, j;

	for (i = 0; i < k->nusers; i++) {
		if (strlen(k->users[i].name) != namelen ||
		    memcmp(k->users[i].name, name, namelen) != 0)
			continue;
		a = (const unsigned char *)k->users[i].password;
		if (strlen((const char *)a) != passlen)
			return 0;
		for (j = 0; j < passlen; j++)
			diff |= a[j] ^ b[j];
		return diff == 0;
	}
	return 0;
}

/*
 * Read a whole small file into a string. *loose is set when group or
 * others may read it, which is wrong for a file that holds a secret.
 * Only a regular file will do: opening a FIFO without O_NONBLOCK would
 * wait for a writer forever, and a device may never end. The message
 * does not name the file: the caller knows whether it may.
 */
char *
keys_read_file(const char *path, int *loose, char *err, size_t errlen)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		close(fd);
		return NULL;
	}
	*loose = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
	buf = xmalloc(KEYS_FILE_MAX + 1);
	while ((n = read(fd, buf + len, KEYS_FILE_MAX + 1 - len)) > 0 &&
	    (len += (size_t)n) <= KEYS_FILE_MAX)
		;
	close(fd);
	if (n == -1 || len > KEYS_FILE_MAX) {
		snprintf(err, errlen, "%s", n == -1 ? strerror(errno) :
		    "too large for a key file");
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	if (strlen(buf) != len) {
		snprintf(err, errlen, "not a text file");
		free(buf);
		return NULL;
	}
	return buf;
}

/* Replace a keyarg's value, and its path (NULL for a literal). */
static void
keys_arg_set(struct keyarg *ka, const char *value, const char *path)
{
	free(ka->value);
	free(ka->path);
	ka->value = xstrdup(value);
	ka->path = path != NULL ? xstrdup(path) : NULL;
}

/* The first line of a --plain-client @FILE that is not blank or #. */
static int
keys_userpass_from_text(const char *text, char **out)
{
	const char *p, *end, *s;

	for (p = text; *p != '\0'; p = *end ? end + 1 : end) {
		end = keys_eol(p);
		for (s = p; s < end && isspace((unsigned char)*s); s++)
			;
		if (s == end || *s == '#')
			continue;
		if (end[-1] == '\r')
			end--;
		*out = xmalloc((size_t)(end - s) + 1);
		memcpy(*out, s, (size_t)(end - s));
		(*out)[end - s] = '\0';
		return 0;
	}
	return -1;
}

/* A key option's value: a literal key, or @FILE's public/secret line. */
static int
keys_set_key(struct keyarg *ka, enum keys_opt opt, const char *arg,
    const char *text, char *err, size_t errlen)
{
	char key[KEYS_Z85_LEN + 1], why[ZC_ERRLEN];
	enum keys_want want = opt == KEYS_CURVE_CLIENT ? KEYS_PUBLIC :
	    KEYS_SECRET;

	if (text == NULL) {
		if (!keys_valid(arg)) {
			snprintf(err, errlen, "bad key for %s: want 40 Z85 "
			    "characters or @FILE", keys_opt_name(opt));
			return -1;
		}
		keys_arg_set(ka, arg, NULL);
		return 0;
	}
	if (keys_from_text(text, want, key, why, sizeof(why)) == -1) {
		keys_file_error(opt, arg, why, err, errlen);
		return -1;
	}
	keys_arg_set(ka, key, arg + 1);
	return 0;
}

/* --plain-client's USER:PASS, literal or from @FILE; messages show
 * neither the argument nor the file's line. */
static int
keys_set_userpass(struct keyarg *ka, const char *arg, const char *text,
    char *err, size_t errlen)
{
	char *up = NULL;

	if (text != NULL && keys_userpass_from_text(text, &up) == -1) {
		keys_file_error(KEYS_PLAIN_CLIENT, arg, "no USER:PASSWORD line "
		    "in it", err, errlen);
		return -1;
	}
	if (text != NULL && !keys_userpass_valid(up)) {
		keys_file_error(KEYS_PLAIN_CLIENT, arg, "want USER:PASSWORD",
		    err, errlen);
		free(up);
		return -1;
	}
	if (text == NULL && !keys_userpass_valid(arg)) {
		snprintf(err, errlen, "bad --plain-client: want USER:PASSWORD "
		    "or @FILE");
		return -1;
	}
	keys_arg_set(ka, text != NULL ? up : arg, text != NULL ? arg + 1 :
	    NULL);
	free(up);
	return 0;
}

/* An allow-list or a users file: always a FILE. */
static int
keys_set_list(struct keys *k, enum keys_opt opt, const char *path,
    const char *text, char *err, size_t errlen)
{
	char why[ZC_ERRLEN];
	int rc;

	if (opt == KEYS_CURVE_ALLOW) {
		keys_free_list(&k->allow, &k->nallow);
		rc = keys_allow_parse(text, &k->allow, &k->nallow, why,
		    sizeof(why));
		free(k->allow_path);
		k->allow_path = xstrdup(path);
	} else {
		keys_free_users(&k->users, &k->nusers);
		rc = keys_users_parse(text, &k->users, &k->nusers, why,
		    sizeof(why));
		free(k->users_path);
		k->users_path = xstrdup(path);
	}
	if (rc == -1)
		keys_file_error(opt, path, why, err, errlen);
	return rc;
}

/*
 * The file an option's argument names, or NULL for a literal value. A
 * list is always a file (FILE or @FILE). Z85 has '@', so a key that
 * starts with one is a key unless a file by that name exists; and
 * USER:PASS with a user '@...' is taken literally, so that no password
 * is ever shown as a path.
 */
const char *
keys_arg_path(enum keys_opt opt, const char *arg)
{
	if (opt == KEYS_CURVE_ALLOW || opt == KEYS_PLAIN_USERS)
		return arg[0] == '@' ? arg + 1 : arg;
	if (arg[0] != '@')
		return NULL;
	if (opt == KEYS_PLAIN_CLIENT)
		return strchr(arg, ':') ? NULL : arg + 1;
	/* a path can be 40 Z85 characters too: a file that exists wins */
	if (keys_valid(arg) && access(arg + 1, F_OK) == -1)
		return NULL;
	return arg + 1;
}

/*
 * Apply one security option to a socket's keys, reading any file it
 * names. *loose says a file holding a secret is readable by others: the
 * caller warns. -1 with a message that never shows a secret.
 */
int
keys_set(struct keys *k, enum keys_opt opt, const char *arg, int *loose,
    char *err, size_t errlen)
{
	char why[ZC_ERRLEN], *text = NULL;
	const char *path = NULL;
	int rc;

	*loose = 0;
	path = keys_arg_path(opt, arg);
	if (path != NULL && (text = keys_read_file(path, loose, why,
	    sizeof(why))) == NULL) {
		snprintf(err, errlen, "%s: %s: %s", keys_opt_name(opt),
		    keys_file_shown(opt, path), why);
		return -1;
	}
	if (!keys_opt_secret(opt))
		*loose = 0;
	switch (opt) {
	case KEYS_CURVE_SERVER:
		rc = keys_set_key(&k->curve_server, opt, arg, text, err, errlen);
		break;
	case KEYS_CURVE_CLIENT:
		rc = keys_set_key(&k->curve_client, opt, arg, text, err, errlen);
		break;
	case KEYS_CURVE_KEY:
		rc = keys_set_key(&k->curve_key, opt, arg, text, err, errlen);
		break;
	case KEYS_PLAIN_CLIENT:
		rc = keys_set_userpass(&k->plain_client, arg, text, err, errlen);
		break;
	default:
		rc = keys_set_list(k, opt, path, text, err, errlen);
		break;
	}
	free(text);
	return rc;
}

/* Options that make no sense together on one socket; -1 with why. */
int
keys_check(const struct keys *k, char *err, size_t errlen)
{
	int curve = k->curve_server.value || k->curve_client.value;
	int plain = k->users_path || k->plain_client.value;

	if (k->curve_server.value && k->curve_client.value)
		snprintf(err, errlen, "--curve-server and --curve-client on one "
		    "socket");
	else if (k->curve_key.value && !k->curve_client.value)
		snprintf(err, errlen, "--curve-key needs --curve-client");
	else if (k->allow_path && !k->curve_server.value)
		snprintf(err, errlen, "--curve-allow needs --curve-server");
	else if (curve && plain)
		snprintf(err, errlen, "CURVE and PLAIN on one socket");
	else if (k->users_path && k->plain_client.value)
		snprintf(err, errlen, "--plain-users and --plain-client on one "
		    "socket");
	else
		return 0;
	return -1;
}

/* Nonzero when any security option was given. */
int
keys_any(const struct keys *k)
{
	return k->curve_server.value || k->curve_client.value ||
	    k->curve_key.value || k->allow_path || k->users_path ||
	    k->plain_client.value;
}

/* Nonzero when the socket uses CURVE, which libzmq may lack. */
int
keys_curve(const struct keys *k)
{
	return k->curve_server.value || k->curve_client.value ||
	    k->curve_key.value || k->allow_path;
}

/* Nonzero when the socket's peers are checked by our ZAP handler. */
int
keys_has_list(const struct keys *k)
{
	return k->allow_path || k->users_path;
}

/*
 * The keypair as one JSON object on a line. The buffer has room for the
 * worst case of both keys, so it never moves with the secret in it, and
 * it is wiped before it is freed.
 */
static int
keys_keygen_json(FILE *fp, const char *pub, const char *sec)
{
	struct outbuf ob;
	struct jsonw w;
	int rc;

	outbuf_init(&ob, -1, 16 * KEYS_Z85_LEN);
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "public");
	jsonw_str(&w, pub);
	jsonw_key(&w, "secret");
	jsonw_str(&w, sec);
	jsonw_end(&w);
	rc = jsonw_done(&w) == 0 && outbuf_put(&ob, "\n", 1) == 0 &&
	    fwrite(ob.buf, 1, ob.len, fp) == ob.len ? 0 : -1;
	memset(ob.buf, 0, ob.cap);
	outbuf_free(&ob);
	return rc;
}

/* --keygen: a new keypair, labelled lines or one JSON object. */
int
keys_keygen(FILE *fp, int json)
{
	char pub[KEYS_Z85_LEN + 1], sec[KEYS_Z85_LEN + 1];
	int rc;

	if (zmq_curve_keypair(pub, sec) == -1)
		return -1;
	if (json)
		rc = keys_keygen_json(fp, pub, sec);
	else
		rc = fprintf(fp, "public: %s\nsecret: %s\n", pub, sec);
	memset(sec, 0, sizeof(sec));
	return rc < 0 ? -1 : 0;
}

/* Free what a socket's keys own, wiping secrets first. */
static void
keys_arg_clear(struct keyarg *ka)
{
	if (ka->value != NULL)
		memset(ka->value, 0, strlen(ka->value));
	free(ka->value);
	free(ka->path);
	ka->value = ka->path = NULL;
}

/* Free everything k owns; k is empty after, and safe to clear again. */
void
keys_clear(struct keys *k)
{
	size_t i;

	if (k == NULL)
		return;
	keys_arg_clear(&k->curve_server);
	keys_arg_clear(&k->curve_client);
	keys_arg_clear(&k->curve_key);
	keys_arg_clear(&k->plain_client);
	keys_free_list(&k->allow, &k->nallow);
	for (i = 0; i < k->nusers; i++)
		memset(k->users[i].password, 0, strlen(k->users[i].password));
	keys_free_users(&k->users, &k->nusers);
	free(k->allow_path);
	free(k->users_path);
	k->allow_path = k->users_path = NULL;
}
