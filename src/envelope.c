/* The -J envelope: one JSON object per message, binary-safe both ways. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "envelope.h"
#include "util.h"

/* Append data as a JSON string body, escaping what JSON requires. */
static int
envelope_escape(struct outbuf *ob, const unsigned char *p, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
	size_t i, run = 0;
	int rc = 0;

	for (i = 0; i < len && rc == 0; i++) {
		if (p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
			continue;
		rc = outbuf_put(ob, p + run, i - run);
		run = i + 1;
		if (rc == -1)
			break;
		switch (p[i]) {
		case '"': rc = outbuf_put(ob, "\\\"", 2); break;
		case '\\': rc = outbuf_put(ob, "\\\\", 2); break;
		case '\n': rc = outbuf_put(ob, "\\n", 2); break;
		case '\t': rc = outbuf_put(ob, "\\t", 2); break;
		case '\r': rc = outbuf_put(ob, "\\r", 2); break;
		default:
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 15];
			rc = outbuf_put(ob, esc, 6);
		}
	}
	return rc == 0 ? outbuf_put(ob, p + run, len - run) : -1;
}

/* One frame: a JSON string when it is UTF-8, else {"base64":"..."}. */
static int
envelope_put_frame(struct outbuf *ob, const void *data, size_t len)
{
	if (codec_utf8_valid(data, len))
		return envelope_put_string(ob, data, len);
	return outbuf_put(ob, "{\"base64\":\"", 11) == 0 &&
	    codec_base64_encode(ob, data, len) == 0 &&
	    outbuf_put(ob, "\"}", 2) == 0 ? 0 : -1;
}

/* Append a quoted, escaped JSON string. */
int
envelope_put_string(struct outbuf *ob, const void *data, size_t len)
{
	return outbuf_put(ob, "\"", 1) == 0 &&
	    envelope_escape(ob, data, len) == 0 &&
	    outbuf_put(ob, "\"", 1) == 0 ? 0 : -1;
}

/* Append a literal and a string member value: ,"key":"value". */
static int
envelope_member(struct outbuf *ob, const char *lit, const char *value)
{
	return outbuf_put(ob, lit, strlen(lit)) == 0 &&
	    envelope_put_string(ob, value, strlen(value)) == 0 ? 0 : -1;
}

/*
 * Render the envelope of a message, compact, without jansson: this runs
 * for every message under -J. A ROUTER's first frame is its routing_id.
 */
int
envelope_render(const struct msg *m, struct outbuf *ob)
{
	char num[32];
	size_t i = 0, first;
	int rc;

	rc = envelope_member(ob, "{\"socket\":", m->sockname);
	if (rc == 0)
		rc = envelope_member(ob, ",\"type\":", m->socktype);
	if (rc == 0 && m->is_router && m->nframes > 0) {
		rc = outbuf_put(ob, ",\"routing_id\":", 14);
		if (rc == 0)
			rc = envelope_put_frame(ob, m->frames[0].iov_base,
			    m->frames[0].iov_len);
		i = 1;
	}
	if (rc == 0)
		rc = outbuf_put(ob, ",\"frames\":[", 11);
	for (first = i; rc == 0 && i < m->nframes; i++) {
		if (i > first && outbuf_put(ob, ",", 1) == -1)
			return -1;
		rc = envelope_put_frame(ob, m->frames[i].iov_base,
		    m->frames[i].iov_len);
	}
	memcpy(num, "],\"time\":", 9);
	if (rc == 0)
		rc = outbuf_put(ob, num, 9 + u64_to_dec(num + 9,
		    (uint64_t)(m->time_ms < 0 ? 0 : m->time_ms)));
	if (rc == 0 && m->peer != NULL)
		rc = envelope_member(ob, ",\"peer\":", m->peer);
	return rc == 0 ? outbuf_put(ob, "}", 1) : -1;
}

/* Ready an envelope for parsing; its buffers are reused line to line. */
void
envelope_init(struct envelope *e)
{
	memset(e, 0, sizeof(*e));
	framebuf_init(&e->fb);
	e->tocap = 1;
	e->to = xmalloc(e->tocap);
	e->to[0] = '\0';
}

/* Decode one frame value: a string, or {"base64": "..."}. */
static int
envelope_frame(struct envelope *e, json_t *v, const char *what, char *err,
    size_t errlen)
{
	size_t before = e->fb.data.len;
	json_t *b64 = json_is_object(v) ? json_object_get(v, "base64") : NULL;
	char e2[128];

	if (json_is_string(v)) {
		outbuf_put(&e->fb.data, json_string_value(v), json_string_length(v));
	} else if (json_is_string(b64)) {
		if (codec_base64_decode(json_string_value(b64),
		    json_string_length(b64), &e->fb.data, e2, sizeof(e2)) == -1) {
			snprintf(err, errlen, "%s: %s", what, e2);
			return -1;
		}
	} else {
		snprintf(err, errlen, "%s: want a string or {\"base64\": "
		    "\"...\"}", what);
		return -1;
	}
	framebuf_mark(&e->fb, before);
	return 0;
}

/*
 * Read "time": ms since the epoch, an integer or a real, up to the end of
 * year 9999. Anything else is refused, not converted: a real beyond
 * int64_t (1e300) has no integer value, and converting it is undefined.
 */
static int
envelope_time(struct envelope *e, json_t *time, char *err, size_t errlen)
{
	json_int_t i;
	double d;

	if (time == NULL)
		return 0;
	if (json_is_integer(time)) {
		i = json_integer_value(time);
		if (i < 0 || i > ENVELOPE_TIME_MAX)
			goto bad;
		e->time = (int64_t)i;
	} else if (json_is_real(time)) {
		d = json_real_value(time);
		/* also false for a NaN, which JSON cannot hold anyway */
		if (!(d >= 0 && d <= (double)ENVELOPE_TIME_MAX))
			goto bad;
		e->time = (int64_t)d;
	} else
		goto bad;
	e->has_time = 1;
	return 0;
bad:
	snprintf(err, errlen, "\"time\": want milliseconds since the epoch "
	    "(0 to %lld)", (long long)ENVELOPE_TIME_MAX);
	return -1;
}

/*
 * Read "to": a socket name, kept whole, however long. A NUL in it is
 * refused: the name is looked up as a C string, and "push\u0000junk"
 * must not reach the socket push.
 */
static int
envelope_to(struct envelope *e, json_t *to, char *err, size_t errlen)
{
	const char *name;
	size_t len;

	if (to == NULL)
		return 0;
	name = json_string_value(to);
	len = json_string_length(to);
	if (name == NULL || len == 0 || memchr(name, '\0', len) != NULL) {
		snprintf(err, errlen, "\"to\": want a socket name");
		return -1;
	}
	if (len + 1 > e->tocap) {
		e->tocap = len + 1;
		e->to = xrealloc(e->to, e->tocap);
	}
	memcpy(e->to, name, len + 1);
	return 0;
}

/* Read "to" and "time"; socket, type and unknown fields are ignored. */
static int
envelope_fields(struct envelope *e, json_t *root, char *err, size_t errlen)
{
	if (envelope_to(e, json_object_get(root, "to"), err, errlen) == -1)
		return -1;
	return envelope_time(e, json_object_get(root, "time"), err, errlen);
}

/*
 * Parse one envelope line into frames. A routing_id, when present, is
 * sent first, as the ROUTER that made it received it.
 */
int
envelope_parse(struct envelope *e, const char *line, size_t len, char *err,
    size_t errlen)
{
	json_error_t jerr;
	json_t *root, *frames, *rid, *v;
	size_t i;
	char what[32];
	int rc = -1;

	framebuf_reset(&e->fb);
	e->to[0] = '\0';
	e->has_time = 0;
	/* NUL is a byte like any other in a frame: "\u0000" must load */
	if ((root = json_loadb(line, len, JSON_ALLOW_NUL, &jerr)) == NULL) {
		snprintf(err, errlen, "invalid JSON: %s", jerr.text);
		return -1;
	}
	frames = json_object_get(root, "frames");
	if (!json_is_array(frames)) {
		snprintf(err, errlen, "want an object with a \"frames\" list");
		goto out;
	}
	if ((rid = json_object_get(root, "routing_id")) != NULL &&
	    envelope_frame(e, rid, "routing_id", err, errlen) == -1)
		goto out;
	json_array_foreach(frames, i, v) {
		snprintf(what, sizeof(what), "frames[%zu]", i);
		if (envelope_frame(e, v, what, err, errlen) == -1)
			goto out;
	}
	if (e->fb.nframes == 0) {
		snprintf(err, errlen, "a message has at least one frame");
		goto out;
	}
	rc = envelope_fields(e, root, err, errlen);
	framebuf_finish(&e->fb);
out:
	json_decref(root);
	return rc;
}

/* Release what envelope_init and parsing allocated. */
void
envelope_free(struct envelope *e)
{
	framebuf_free(&e->fb);
	free(e->to);
	e->to = NULL;
	e->tocap = 0;
}
