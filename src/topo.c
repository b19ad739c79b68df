/* --config FILE.json in, --dump-config out: the topology as JSON. */
#include "config.h"

#include <err.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zmq.h>

#include "codec.h"
#include "keys.h"
#include "log.h"
#include "outbuf.h"
#include "route.h"
#include "settings.h"
#include "spec.h"
#include "status.h"
#include "str.h"
#include "topo.h"
#include "xmalloc.h"

/* The keys a socket entry may have; the security ones map to options. */
static const struct {
	const char	*key;
	int		 opt;		/* a keys_opt, or -1 */
} socket_keys[] = {
	{ "name", -1 }, { "type", -1 }, { "bind", -1 }, { "connect", -1 },
	{ "options", -1 }, { "subscribe", -1 },
	{ "curve_server", KEYS_CURVE_SERVER },
	{ "curve_client", KEYS_CURVE_CLIENT },
	{ "curve_key", KEYS_CURVE_KEY },
	{ "curve_allow", KEYS_CURVE_ALLOW },
	{ "plain_users", KEYS_PLAIN_USERS },
	{ "plain_client", KEYS_PLAIN_CLIENT },
};

/* A file being read: its path (which messages start with, as in
 * "topo.json: routes[2]: ..."), the options it adds to, the message. */
struct topo_reader {
	const char	*path;
	struct options	*o;
	char		*err;
	size_t		 errlen;
};

/* Report an error at a place in the file; always returns -1. */
static int __attribute__((format(printf, 3, 4)))
topo_error(struct topo_reader *c, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s: %s: %s", c->path, where, msg);
	return -1;
}

/* Report an error at a field of an entry: "sockets[1].type: ...". */
static int __attribute__((format(printf, 4, 5)))
topo_field_error(struct topo_reader *c, const char *where, const char *field,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errlen, "%s: %s.%s: %s", c->path, where, field,
	    msg);
	return -1;
}

/*
 * The text of an option value as -o would take it, which the caller frees:
 * a string as it is (jansson refuses \u0000, so none is cut), a number or
 * a boolean the way the command line writes it; NULL for anything else.
 * A fraction is kept ("1.5"), so the option's own rule refuses it.
 */
static char *
topo_scalar(json_t *v)
{
	char buf[64];

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, sizeof(buf), "%d", json_is_true(v));
	else
		return NULL;
	return xstrdup(buf);
}

/* Add the endpoints of "bind" or "connect", a string or a list of them. */
static int
topo_endpoints(struct topo_reader *c, json_t *sock, const char *key,
    enum spec_mode mode, const char *where, struct spec *spec)
{
	json_t *list = json_object_get(sock, key), *ep;
	char e[ZC_ERRLEN];
	const char *s;
	size_t i;
	int rc = 0;

	if (list == NULL)
		return 0;
	if (json_is_string(list))
		list = json_pack("[O]", list);
	else if (json_is_array(list))
		json_incref(list);
	else
		return topo_field_error(c, where, key, "want an endpoint or a "
		    "list of them");
	json_array_foreach(list, i, ep) {
		s = json_string_value(ep);
		if (s == NULL || *s == '\0' || strchr(s, ',') != NULL) {
			rc = topo_field_error(c, where, key, "want endpoint "
			    "strings without commas");
			break;
		}
		if (spec_add_endpoint(spec, mode, s, e, sizeof(e)) == -1) {
			rc = topo_field_error(c, where, key, "%s", e);
			break;
		}
	}
	json_decref(list);
	return rc;
}

/*
 * The value of a bytes option given as {"base64": "..."}, as a dump writes
 * bytes that are not UTF-8; the caller frees it. NULL with a message when
 * it is bad, or holds a NUL, which -o cannot give either.
 */
static char *
topo_option_base64(struct topo_reader *c, const char *where, const char *key,
    json_t *v)
{
	json_t *b64 = json_object_get(v, "base64");
	char e[128], *val = NULL;
	struct outbuf ob;

	if (json_object_size(v) != 1 || !json_is_string(b64)) {
		topo_field_error(c, where, "options", "%s: want a string, "
		    "number, boolean or {\"base64\": \"...\"}", key);
		return NULL;
	}
	outbuf_init(&ob, -1, 64);
	if (codec_base64_decode(json_string_value(b64), json_string_length(b64),
	    &ob, e, sizeof(e)) == -1)
		topo_field_error(c, where, "options", "%s: %s", key, e);
	else if (memchr(ob.buf, '\0', ob.len) != NULL)
		topo_field_error(c, where, "options", "%s: bytes with a NUL "
		    "cannot be set", key);
	else
		val = xstrndup(ob.len ? ob.buf : "", ob.len);
	outbuf_free(&ob);
	return val;
}

/*
 * The text of one "options" value for sockopt_parse, which the caller
 * frees; NULL with a message. A value of the wrong JSON type goes to
 * sockopt_parse as JSON text, so the option's own rule says what it wants.
 */
static char *
topo_option_text(struct topo_reader *c, const char *where, const char *key,
    json_t *v)
{
	const struct sockopt_def *def = sockopt_lookup(key);
	char *val;

	if ((val = topo_scalar(v)) != NULL)
		return val;
	if (def != NULL && def->kind == SOCKOPT_BYTES && json_is_object(v))
		return topo_option_base64(c, where, key, v);
	if (def != NULL && def->kind == SOCKOPT_BYTES) {
		topo_field_error(c, where, "options", "%s: want a string or "
		    "{\"base64\": \"...\"}", key);
		return NULL;
	}
	if (def != NULL && def->kind == SOCKOPT_KEY) {
		topo_field_error(c, where, "options", "%s: want a string", key);
		return NULL;
	}
	return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* Apply a socket's "options" object and "subscribe" list. */
static int
topo_socket_extras(struct topo_reader *c, json_t *sock, struct spec *spec,
    const char *where)
{
	json_t *opts = json_object_get(sock, "options"), *v, *subs;
	char e[ZC_ERRLEN], *val, *text;
	struct sockopt_val sv;
	const char *key;
	size_t i, n;
	int rc;

	if (opts != NULL && !json_is_object(opts))
		return topo_field_error(c, where, "options", "want an object");
	json_object_foreach(opts, key, v) {
		if ((val = topo_option_text(c, where, key, v)) == NULL)
			return -1;
		/* "OPT=VAL" as -o takes it, however long VAL is */
		n = strlen(key) + strlen(val) + 2;
		text = xmalloc(n);
		snprintf(text, n, "%s=%s", key, val);
		free(val);
		rc = sockopt_parse(text, &sv, e, sizeof(e));
		free(text);
		if (rc == -1)
			return topo_field_error(c, where, "options", "%s", e);
		if (spec_add_opt(spec, &sv) == -1)
			err(ZC_RUNTIME, "malloc");
	}
	subs = json_object_get(sock, "subscribe");
	if (subs != NULL && !json_is_array(subs))
		return topo_field_error(c, where, "subscribe", "want a list of "
		    "topics");
	json_array_foreach(subs, i, v) {
		if (!json_is_string(v) || strcmp(spec->type->name, "SUB") != 0)
			return topo_field_error(c, where, "subscribe", "want "
			    "topic strings, on a SUB socket");
		if (spec_add_subscribe(spec, json_string_value(v), e,
		    sizeof(e)) == -1)
			return topo_field_error(c, where, "subscribe", "%s", e);
	}
	return 0;
}

/*
 * Apply a socket's CURVE and PLAIN keys, which take the command line's
 * values ("@FILE" too), and refuse a key we do not know: a misspelt
 * "curve_sever" must not leave a socket open to everyone.
 */
static int
topo_socket_keys(struct topo_reader *c, json_t *sock, struct spec *spec,
    const char *where)
{
	char e[ZC_ERRLEN];
	const char *key;
	json_t *v;
	size_t i, n = sizeof(socket_keys) / sizeof(socket_keys[0]);
	int loose;

	json_object_foreach(sock, key, v) {
		for (i = 0; i < n && strcmp(socket_keys[i].key, key) != 0; i++)
			;
		if (i == n)
			return topo_field_error(c, where, key, "unknown key "
			    "(want name, type, bind, connect, options, "
			    "subscribe, curve_server, curve_client, curve_key, "
			    "curve_allow, plain_users or plain_client)");
		if (socket_keys[i].opt < 0)
			continue;
		if (!json_is_string(v))
			return topo_field_error(c, where, key, "want a string");
		if (keys_set(&spec->keys, (enum keys_opt)socket_keys[i].opt,
		    json_string_value(v), &loose, e, sizeof(e)) == -1)
			return topo_field_error(c, where, key, "%s", e);
		if (loose) {
			snprintf(e, sizeof(e), "%s: %s.%s", c->path, where,
			    key);
			log_loose_secret(e, keys_arg_path((enum keys_opt)
			    socket_keys[i].opt, json_string_value(v)));
		}
	}
	return 0;
}

/* Load one entry of "sockets" into a spec. */
static int
topo_socket(struct topo_reader *c, json_t *sock, size_t idx)
{
	char where[64], why[128], q[STR_CUT_BUF];
	const char *name, *type;
	struct spec *spec;

	snprintf(where, sizeof(where), "sockets[%zu]", idx);
	if (!json_is_object(sock))
		return topo_error(c, where, "want an object");
	type = json_string_value(json_object_get(sock, "type"));
	name = json_string_value(json_object_get(sock, "name"));
	if (type == NULL || spec_type_lookup(type) == NULL)
		return topo_field_error(c, where, "type", "want one of PUB SUB "
		    "XPUB XSUB PUSH PULL REQ REP DEALER ROUTER PAIR STREAM");
	if (name == NULL && json_object_get(sock, "name") != NULL)
		return topo_field_error(c, where, "name", "want a string");
	if (name != NULL && spec_name_check(name, strlen(name), why,
	    sizeof(why)) == -1)
		return topo_field_error(c, where, "name", "bad socket name "
		    "'%s' (%s)", str_cut(name, strlen(name), q), why);
	spec = spec_new(spec_type_lookup(type), name);
	c->o->specs = xrealloc(c->o->specs, (c->o->nspecs + 1) *
	    sizeof(*c->o->specs));
	c->o->specs[c->o->nspecs++] = spec;
	if (topo_endpoints(c, sock, "bind", SPEC_BIND, where, spec) == -1 ||
	    topo_endpoints(c, sock, "connect", SPEC_CONNECT, where, spec) == -1)
		return -1;
	if (spec->nendpoints == 0)
		return topo_error(c, where, "no bind or connect endpoint");
	if (topo_socket_keys(c, sock, spec, where) == -1)
		return -1;
	return topo_socket_extras(c, sock, spec, where);
}

/* Load one entry of "routes"; names are resolved with the command line's. */
static int
topo_route(struct topo_reader *c, json_t *jr, size_t idx)
{
	char where[64], e[ZC_ERRLEN];
	const char *from, *to, *key, *val;
	struct route *r;
	json_t *v;

	snprintf(where, sizeof(where), "routes[%zu]", idx);
	if (!json_is_object(jr))
		return topo_error(c, where, "want an object");
	from = json_string_value(json_object_get(jr, "from"));
	to = json_string_value(json_object_get(jr, "to"));
	if (from == NULL || to == NULL || *from == '\0' || *to == '\0' ||
	    strpbrk(from, ":,") || strpbrk(to, ":,"))
		return topo_error(c, where, "want \"from\" and \"to\" names");
	r = route_new(from, to);
	c->o->routes = xrealloc(c->o->routes, (c->o->nroutes + 1) *
	    sizeof(*c->o->routes));
	c->o->routes[c->o->nroutes++] = r;
	snprintf(e, sizeof(e), "%s: %s", c->path, where);
	r->origin = xstrdup(e);
	json_object_foreach(jr, key, v) {
		if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0)
			continue;
		/* drop is a JSON boolean, the rest strings; NULL: neither */
		val = NULL;
		if (json_is_boolean(v) && strcmp(key, "drop") == 0)
			val = json_is_true(v) ? "true" : "false";
		else if (json_is_string(v) && strcmp(key, "drop") != 0)
			val = json_string_value(v);
		if (route_set_key(r, key, val, e, sizeof(e)) == -1)
			return topo_field_error(c, where, key, "%s", e);
	}
	/* -v and later messages show the route whole, keys and all */
	free(r->text);
	r->text = route_render(r);
	return 0;
}

/*
 * The text of a setting's value in a file, as its command-line twin
 * takes it, when the value has the JSON type the setting's type wants;
 * NULL when it has not. buf has room for a number.
 */
static const char *
topo_setting_text(const struct setting *s, json_t *v, char *buf,
    size_t len)
{
	switch (s->type) {
	case SETTING_FLAG:
		if (!json_is_boolean(v))
			return NULL;
		return json_is_true(v) ? "true" : "false";
	case SETTING_INT:
	case SETTING_LLONG:
		if (!json_is_integer(v))
			return NULL;
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return buf;
	case SETTING_SECONDS:
		if (!json_is_number(v))
			return NULL;
		snprintf(buf, len, "%.17g", json_number_value(v));
		return buf;
	case SETTING_DELIM:
		if (json_string_length(v) == 0)
			return NULL;
		/* FALLTHROUGH */
	default:
		return json_string_value(v);
	}
}

/* A repeatable setting from a file: a list of strings, each as one -m. */
static int
topo_setting_texts(struct topo_reader *c, const struct setting *s, json_t *v)
{
	char e[ZC_ERRLEN];
	json_t *t;
	size_t i;

	json_array_foreach(v, i, t) {
		if (!json_is_string(t))
			return topo_error(c, s->key, "want a list of strings");
		if (settings_set(s, c->o, json_string_value(t), c->path, e,
		    sizeof(e)) == -1) {
			snprintf(c->err, c->errlen, "%s", e);
			return -1;
		}
	}
	return 0;
}

/* Apply one of the settings a file may carry, through its row of the
 * settings table, as the command line would with the same value. */
static int
topo_setting(struct topo_reader *c, const char *key, json_t *v)
{
	const struct setting *s = settings_by_key(key);
	char buf[64], e[ZC_ERRLEN], *list;
	const char *text;
	int rc;

	if (s == NULL) {
		list = settings_keys_list();
		rc = topo_error(c, key, "unknown setting (want sockets, "
		    "routes, %s)", list);
		free(list);
		return rc;
	}
	if (s->type == SETTING_TEXTS && json_is_array(v))
		return topo_setting_texts(c, s, v);
	if ((text = topo_setting_text(s, v, buf, sizeof(buf))) == NULL)
		return topo_error(c, key, "%s", settings_want(s, e, sizeof(e)));
	if (settings_set(s, c->o, text, c->path, e, sizeof(e)) == -1) {
		snprintf(c->err, c->errlen, "%s", e);
		return -1;
	}
	return 0;
}

/*
 * Read a parsed topology (root, or NULL with jerr saying why it did not
 * parse) into o; takes the reference to root.
 */
static int
topo_read(struct topo_reader *c, json_t *root, const json_error_t *jerr)
{
	json_t *v;
	const char *key;
	size_t i;
	int rc = 0;

	if (root == NULL) {
		if (jerr->line > 0)
			snprintf(c->err, c->errlen, "%s:%d:%d: %s", c->path,
			    jerr->line, jerr->column, jerr->text);
		else
			snprintf(c->err, c->errlen, "%s", jerr->text);
		return -1;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		snprintf(c->err, c->errlen, "%s: want a JSON object at the top",
		    c->path);
		return -1;
	}
	json_object_foreach(root, key, v) {
		if (strcmp(key, "sockets") == 0 || strcmp(key, "routes") == 0) {
			if (!json_is_array(v)) {
				rc = topo_error(c, key, "want a list");
				break;
			}
			continue;
		}
		if ((rc = topo_setting(c, key, v)) == -1)
			break;
	}
	json_array_foreach(rc ? NULL : json_object_get(root, "sockets"), i, v)
		if ((rc = topo_socket(c, v, i)) == -1)
			break;
	json_array_foreach(rc ? NULL : json_object_get(root, "routes"), i, v)
		if ((rc = topo_route(c, v, i)) == -1)
			break;
	json_decref(root);
	return rc;
}

/*
 * Read a topology file into o: its sockets and routes are added to those
 * of the command line, its settings applied where it stands among the
 * options. -1 with a message naming the file and the place in it.
 */
int
topo_load(const char *path, struct options *o, char *err, size_t errlen)
{
	struct topo_reader c = { path, o, err, errlen };
	json_error_t jerr;

	return topo_read(&c, json_load_file(path, JSON_REJECT_DUPLICATES,
	    &jerr), &jerr);
}

/*
 * topo_load for a file's text already in memory (len bytes; a NUL in it
 * is an error, as in a file); name is what messages call the file. The
 * fuzzers read topologies this way.
 */
int
topo_load_text(const char *name, const char *text, size_t len,
    struct options *o, char *err, size_t errlen)
{
	struct topo_reader c = { name, o, err, errlen };
	json_error_t jerr;

	return topo_read(&c, json_loadb(text, len, JSON_REJECT_DUPLICATES,
	    &jerr), &jerr);
}

/*
 * What a dump is building: JSON holds only UTF-8 text, so a value that is
 * not and cannot be written another way stops the dump, and where names
 * the first such place ("sockets[0].bind[1]").
 */
struct topo_writer {
	char	where[128];
	int	bad;
};

/* Note the first place whose value JSON cannot hold; returns NULL. */
static json_t * __attribute__((format(printf, 2, 3)))
topo_refuse(struct topo_writer *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->bad) {
		va_start(ap, fmt);
		vsnprintf(d->where, sizeof(d->where), fmt, ap);
		va_end(ap);
		d->bad = 1;
	}
	return NULL;
}

/* A string as JSON, or NULL (noted at where) when it is not UTF-8. */
static json_t * __attribute__((format(printf, 3, 4)))
topo_text(struct topo_writer *d, const char *s, const char *fmt, ...)
{
	json_t *j = json_string(s);
	va_list ap;

	if (j == NULL && !d->bad) {
		va_start(ap, fmt);
		vsnprintf(d->where, sizeof(d->where), fmt, ap);
		va_end(ap);
		d->bad = 1;
	}
	return j;
}

/* The length of the valid UTF-8 character at p, or 0 when it is none. */
static size_t
topo_utf8_len(const unsigned char *p)
{
	size_t n;

	if (*p < 0x80)
		n = 1;
	else if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return 0;
	return strnlen((const char *)p, n) == n && codec_utf8_valid(p, n) ?
	    n : 0;
}

/*
 * A value that takes backslash escapes (-D, -F, prefix=, formats, topics)
 * as JSON: each byte that is not part of valid UTF-8 is written \xNN,
 * which decodes back to the same byte. A format's %{STRFTIME}t is taken
 * as it stands, with no escapes, so such a byte there cannot be written.
 */
static json_t *
topo_escaped(struct topo_writer *d, const char *s, int is_format,
    const char *where)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *close;
	char *out = xmalloc(4 * strlen(s) + 1), *o = out;
	size_t n;
	json_t *j = NULL;

	while (*p != '\0') {
		if (is_format && p[0] == '%' && (p[1] == '%' || p[1] == '{')) {
			close = p[1] == '{' ? strchr((const char *)p, '}') :
			    NULL;
			n = close ? (size_t)(close - (const char *)p) + 1 : 2;
			if (!codec_utf8_valid(p, n)) {
				topo_refuse(d, "%s (its %%{...}t part)", where);
				goto done;
			}
		} else if ((n = topo_utf8_len(p)) == 0) {
			o += sprintf(o, "\\x%02x", *p++);
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	j = topo_text(d, out, "%s", where);
done:
	free(out);
	return j;
}

/* Add a string member only when the value is set. */
static void
topo_set_str(struct topo_writer *d, json_t *obj, const char *key,
    const char *value, const char *where)
{
	if (value != NULL)
		json_object_set_new(obj, key, topo_text(d, value, "%s", where));
}

/* Add a value with escapes only when it is set. */
static void
topo_set_escaped(struct topo_writer *d, json_t *obj, const char *key,
    const char *value, int is_format, const char *where)
{
	if (value != NULL)
		json_object_set_new(obj, key, topo_escaped(d, value, is_format,
		    where));
}

/* Bytes as {"base64": "..."}, the way -J writes a frame that is not text. */
static json_t *
topo_base64(const char *data, size_t len)
{
	struct outbuf ob;
	json_t *j;

	outbuf_init(&ob, -1, 64);
	codec_base64_encode(&ob, data, len);
	outbuf_put(&ob, "", 1);
	j = json_pack("{ss}", "base64", ob.buf);
	outbuf_free(&ob);
	return j;
}

/* A socket option's value as JSON: a number, a boolean, a string, or
 * {"base64": ...} for bytes that are not UTF-8. */
static json_t *
topo_opt_value(const struct sockopt_val *v)
{
	switch (v->def->kind) {
	case SOCKOPT_BOOL:
		return json_boolean(v->num);
	case SOCKOPT_BYTES:
	case SOCKOPT_KEY:
		if (!codec_utf8_valid(v->bytes, v->len))
			return topo_base64(v->bytes, v->len);
		return json_stringn(v->bytes, v->len);
	default:
		return json_integer(v->num);
	}
}

/* Say that a secret given literally is left out of the dump, and how to
 * keep it: a file, which the dump names by path. */
static void
topo_dump_left_out(const struct spec *s, const char *what, const char *use)
{
	log_msg(LOG_WARN, "--dump-config: %s: %s left out (a secret given "
	    "literally; use %s @FILE)", s->name, what, use);
}

/* A key option: "@PATH" when it came from a file; a public key as it is;
 * a literal secret never. */
static void
topo_dump_keyarg(struct topo_writer *d, json_t *j, const struct spec *s,
    enum keys_opt opt, const char *key, const struct keyarg *ka,
    const char *where)
{
	char *at;

	if (ka->value == NULL)
		return;
	if (ka->path != NULL) {
		at = xmalloc(strlen(ka->path) + 2);
		at[0] = '@';
		strcpy(at + 1, ka->path);
		json_object_set_new(j, key, topo_text(d, at, "%s.%s", where,
		    key));
		free(at);
	} else if (keys_opt_secret(opt))
		topo_dump_left_out(s, key, keys_opt_name(opt));
	else
		json_object_set_new(j, key, topo_text(d, ka->value, "%s.%s",
		    where, key));
}

/* The socket's CURVE and PLAIN settings, by path. */
static void
topo_dump_keys(struct topo_writer *d, json_t *j, const struct spec *s,
    const char *where)
{
	const struct keys *k = &s->keys;
	char w[96];

	topo_dump_keyarg(d, j, s, KEYS_CURVE_SERVER, "curve_server",
	    &k->curve_server, where);
	topo_dump_keyarg(d, j, s, KEYS_CURVE_CLIENT, "curve_client",
	    &k->curve_client, where);
	topo_dump_keyarg(d, j, s, KEYS_CURVE_KEY, "curve_key", &k->curve_key,
	    where);
	snprintf(w, sizeof(w), "%s.curve_allow", where);
	topo_set_str(d, j, "curve_allow", k->allow_path, w);
	snprintf(w, sizeof(w), "%s.plain_users", where);
	topo_set_str(d, j, "plain_users", k->users_path, w);
	topo_dump_keyarg(d, j, s, KEYS_PLAIN_CLIENT, "plain_client",
	    &k->plain_client, where);
}

/* The socket's endpoints as "bind" and "connect" lists. */
static void
topo_dump_endpoints(struct topo_writer *d, json_t *j, const struct spec *s,
    const char *where)
{
	json_t *bind = json_array(), *conn = json_array(), *list;
	size_t i;

	for (i = 0; i < s->nendpoints; i++) {
		list = s->endpoints[i].mode == SPEC_BIND ? bind : conn;
		json_array_append_new(list, topo_text(d, s->endpoints[i].addr,
		    "%s.%s[%zu]", where, spec_mode_name(s->endpoints[i].mode),
		    json_array_size(list)));
	}
	json_object_set_new(j, "bind", bind);
	json_object_set_new(j, "connect", conn);
}

/* One socket: name, type, endpoints by mode, options, subscriptions. */
static json_t *
topo_dump_socket(struct topo_writer *d, const struct spec *s, size_t idx)
{
	json_t *j = json_object(), *opts = json_object(), *subs = json_array();
	char where[64], w[96];
	size_t i;

	snprintf(where, sizeof(where), "sockets[%zu]", idx);
	json_object_set_new(j, "name", json_string(s->name));
	json_object_set_new(j, "type", json_string(s->type->name));
	topo_dump_endpoints(d, j, s, where);
	for (i = 0; i < s->nopts; i++) {
		if (sockopt_is_secret(s->opts[i].def)) {
			topo_dump_left_out(s, s->opts[i].def->name,
			    s->opts[i].def->id == ZMQ_PLAIN_PASSWORD ?
			    "--plain-client" : "--curve-server or --curve-key");
			continue;
		}
		json_object_set_new(opts, s->opts[i].def->name,
		    topo_opt_value(&s->opts[i]));
	}
	json_object_set_new(j, "options", opts);
	for (i = 0; i < s->nsubscribe; i++) {
		snprintf(w, sizeof(w), "%s.subscribe[%zu]", where, i);
		json_array_append_new(subs, topo_escaped(d,
		    s->subscribe[i].text, 0, w));
	}
	json_object_set_new(j, "subscribe", subs);
	topo_dump_keys(d, j, s, where);
	return j;
}

/* A route's text fields as a dump writes them: plain, or with escapes
 * (\xNN for a byte that is not UTF-8), a format's or a prefix's. */
static const struct {
	const char	*key;
	size_t		 off;
	enum { DUMP_PLAIN, DUMP_PREFIX, DUMP_FORMAT } how;
} route_fields[] = {
	{ "from",	offsetof(struct route, from),		DUMP_PLAIN },
	{ "to",		offsetof(struct route, to),		DUMP_PLAIN },
	{ "prefix",	offsetof(struct route, prefix_text),	DUMP_PREFIX },
	{ "match",	offsetof(struct route, match),		DUMP_PLAIN },
	{ "json",	offsetof(struct route, json),		DUMP_PLAIN },
	{ "format",	offsetof(struct route, format),		DUMP_FORMAT },
};

/* One route: from, to and the keys it was given. */
static json_t *
topo_dump_route(struct topo_writer *d, const struct route *r, size_t idx)
{
	json_t *j = json_object();
	const char *v;
	char w[64];
	size_t i;

	for (i = 0; i < sizeof(route_fields) / sizeof(route_fields[0]); i++) {
		v = *(char *const *)(const void *)((const char *)r +
		    route_fields[i].off);
		snprintf(w, sizeof(w), "routes[%zu].%s", idx,
		    route_fields[i].key);
		if (route_fields[i].how == DUMP_PLAIN)
			topo_set_str(d, j, route_fields[i].key, v, w);
		else
			topo_set_escaped(d, j, route_fields[i].key, v,
			    route_fields[i].how == DUMP_FORMAT, w);
	}
	if (r->drop)
		json_object_set_new(j, "drop", json_true());
	return j;
}

/* A repeatable setting's texts, as a list, escaped as -f is. */
static json_t *
topo_dump_texts(struct topo_writer *d, const struct setting *s,
    const struct options *o)
{
	size_t i, n;
	char *const *texts = settings_texts(s, o, &n);
	json_t *j = json_array();

	/* a command (--exec) is taken as it stands, with no escapes */
	for (i = 0; i < n; i++)
		json_array_append_new(j, s->check != NULL ? topo_text(d,
		    texts[i], "%s", s->key) : topo_escaped(d, texts[i], 1,
		    s->key));
	return j;
}

/* A setting's value as a file gives it. */
static json_t *
topo_dump_setting(struct topo_writer *d, const struct setting *s,
    const struct options *o)
{
	switch (s->type) {
	case SETTING_FLAG:
		return json_boolean(settings_number(s, o));
	case SETTING_SECONDS:
		return json_real((double)settings_number(s, o) / 1000.0);
	case SETTING_DELIM:
	case SETTING_FORMAT:
		return topo_escaped(d, settings_text(s, o),
		    s->type == SETTING_FORMAT, s->key);
	case SETTING_PATH:
	case SETTING_TEXT:
		return topo_text(d, settings_text(s, o), "%s", s->key);
	case SETTING_TEXTS:
		return topo_dump_texts(d, s, o);
	case SETTING_ENUM:
		return json_string(s->choices[settings_number(s, o)]);
	default:
		return json_integer(settings_number(s, o));
	}
}

/* The settings a file can carry that differ from their defaults, in the
 * table's order. */
static void
topo_dump_settings(struct topo_writer *d, const struct options *o, json_t *j)
{
	const struct setting *t;
	size_t i, n;

	t = settings_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].key == NULL || (t[i].flags & SF_NO_DUMP) ||
		    (settings_is_default(&t[i], o) &&
		    !(t[i].flags & SF_DUMP_ALWAYS)))
			continue;
		json_object_set_new(j, t[i].key, topo_dump_setting(d, &t[i],
		    o));
	}
}

/*
 * Print the topology the command line (and any --config) built, in the
 * format topo_load reads, so that it loads back to the same thing. A value
 * JSON cannot hold is refused, with nothing printed: -1 with a message.
 */
int
topo_dump(const struct options *o, FILE *fp)
{
	json_t *root = json_object(), *socks = json_array(), *routes;
	struct topo_writer d = { "", 0 };
	size_t i;
	int rc;

	for (i = 0; i < o->nspecs; i++)
		json_array_append_new(socks, topo_dump_socket(&d, o->specs[i],
		    i));
	json_object_set_new(root, "sockets", socks);
	routes = json_array();
	for (i = 0; i < o->nroutes; i++)
		json_array_append_new(routes, topo_dump_route(&d, o->routes[i],
		    i));
	json_object_set_new(root, "routes", routes);
	topo_dump_settings(&d, o, root);
	if (d.bad) {
		json_decref(root);
		warnx("--dump-config: %s is not valid UTF-8, which JSON cannot "
		    "hold", d.where);
		return -1;
	}
	rc = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(root);
	return rc;
}
