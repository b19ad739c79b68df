/* The -J envelope: one JSON object per message, binary-safe both ways. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "envelope.h"
#include "jsonw.h"
#include "meta.h"
#include "str.h"
#include "xmalloc.h"

/* One frame: a JSON string when it is UTF-8, else {"base64":"..."}. */
static void
envelope_put_frame(struct jsonw *w, const void *data, size_t len)
{
	if (codec_utf8_valid(data, len)) {
		jsonw_string(w, data, len);
		return;
	}
	jsonw_object(w);
	jsonw_key(w, "base64");
	jsonw_base64(w, data, len);
	jsonw_end(w);
}

/* Ready a memo: nothing kept yet. */
void
envelope_memo_init(struct envelope_memo *mm)
{
	memset(mm, 0, sizeof(*mm));
	outbuf_init(&mm->head, -1, 64);
	outbuf_init(&mm->tail, -1, 64);
}

/* Free what a memo keeps; a freed memo may be freed again. */
void
envelope_memo_free(struct envelope_memo *mm)
{
	outbuf_free(&mm->head);
	outbuf_free(&mm->tail);
	free(mm->peer);
	mm->peer = NULL;
	mm->has_tail = 0;
}

/* Append the literal lead, then s as one JSON string value. */
static int
envelope_put_str(struct outbuf *ob, const char *lead, const char *s)
{
	struct jsonw w;

	if (outbuf_put(ob, lead, strlen(lead)) == -1)
		return -1;
	jsonw_init(&w, ob);
	jsonw_str(&w, s);
	return jsonw_done(&w);
}

/* The memo's head for m's socket: {"socket":..,"type":.., and then,
 * unless a routing_id comes first, "frames":[ */
static int
envelope_memo_head(struct envelope_memo *mm, const struct msg *m)
{
	if (mm->sockname == m->sockname && mm->socktype == m->socktype &&
	    mm->is_router == m->is_router)
		return 0;
	mm->sockname = mm->socktype = NULL;
	mm->head.len = 0;
	if (envelope_put_str(&mm->head, "{\"socket\":", m->sockname) == -1 ||
	    envelope_put_str(&mm->head, ",\"type\":", m->socktype) == -1 ||
	    outbuf_put(&mm->head, ",", 1) == -1 ||
	    (!m->is_router && outbuf_put(&mm->head, "\"frames\":[", 10) == -1))
		return -1;
	mm->sockname = m->sockname;
	mm->socktype = m->socktype;
	mm->is_router = m->is_router;
	return 0;
}

/* The memo's tail for m's millisecond and peer: ],"time":N,"peer":..} */
static int
envelope_memo_tail(struct envelope_memo *mm, const struct msg *m)
{
	int64_t t = m->time_ms < 0 ? 0 : m->time_ms;
	char num[24];

	if (mm->has_tail && mm->time_ms == t && (m->peer == NULL ?
	    mm->peer == NULL : mm->peer != NULL && strcmp(mm->peer,
	    m->peer) == 0))
		return 0;
	mm->has_tail = 0;
	free(mm->peer);
	mm->peer = m->peer != NULL ? xstrdup(m->peer) : NULL;
	mm->tail.len = 0;
	if (outbuf_put(&mm->tail, "],\"time\":", 9) == -1 ||
	    outbuf_put(&mm->tail, num, str_u64(num, (uint64_t)t)) == -1 ||
	    (m->peer != NULL &&
	    envelope_put_str(&mm->tail, ",\"peer\":", m->peer) == -1) ||
	    outbuf_put(&mm->tail, "}", 1) == -1)
		return -1;
	mm->time_ms = t;
	mm->has_tail = 1;
	return 0;
}

/* One frame after another, a comma between; a ROUTER's first frame, its
 * routing_id, goes before them as a member of its own. */
static int
envelope_put_frames(const struct msg *m, struct outbuf *ob)
{
	struct jsonw w;
	size_t i = 0;
	int rc = 0;

	if (m->is_router) {
		if (m->nframes > 0) {
			outbuf_put(ob, "\"routing_id\":", 13);
			jsonw_init(&w, ob);
			envelope_put_frame(&w, m->frames[0].iov_base,
			    m->frames[0].iov_len);
			rc = w.rc;
			outbuf_put(ob, ",", 1);
			i = 1;
		}
		outbuf_put(ob, "\"frames\":[", 10);
	}
	for (; i < m->nframes; i++) {
		jsonw_init(&w, ob);
		envelope_put_frame(&w, m->frames[i].iov_base,
		    m->frames[i].iov_len);
		rc |= w.rc;
		if (i + 1 < m->nframes)
			outbuf_put(ob, ",", 1);
	}
	return rc;
}

/* ,"meta":{"Socket-Type":"PUB",...}: the properties of mm->meta the
 * message's peer has, each a string (or {"base64":...}, as frames). */
static int
envelope_put_meta(const struct envelope_memo *mm, const struct msg *m,
    struct outbuf *ob)
{
	struct jsonw w;
	const char *v;
	size_t i;
	int rc = 0, first = 1;

	outbuf_put(ob, ",\"meta\":{", 9);
	for (i = 0; m->meta != NULL && i < mm->meta->n; i++) {
		if ((v = m->meta(m, mm->meta->names[i])) == NULL)
			continue;
		if (!first)
			outbuf_put(ob, ",", 1);
		first = 0;
		rc |= envelope_put_str(ob, "", mm->meta->names[i]);
		outbuf_put(ob, ":", 1);
		jsonw_init(&w, ob);
		envelope_put_frame(&w, v, strlen(v));
		rc |= w.rc;
	}
	outbuf_put(ob, "}", 1);
	return rc;
}

/*
 * Render the envelope of a message, compact, without jansson: this runs
 * for every message under -J, so what stays the same from one message to
 * the next (the socket; the millisecond and the peer) is rendered once,
 * into mm, and copied. Write failures stick in ob: checked once, last.
 */
int
envelope_render(struct envelope_memo *mm, const struct msg *m,
    struct outbuf *ob)
{
	int rc;

	if (envelope_memo_head(mm, m) == -1 ||
	    envelope_memo_tail(mm, m) == -1)
		return -1;
	outbuf_put(ob, mm->head.buf, mm->head.len);
	rc = envelope_put_frames(m, ob);
	if (mm->meta == NULL)
		outbuf_put(ob, mm->tail.buf, mm->tail.len);
	else {	/* the tail without its '}', then the meta object */
		outbuf_put(ob, mm->tail.buf, mm->tail.len - 1);
		rc |= envelope_put_meta(mm, m, ob);
		outbuf_put(ob, "}", 1);
	}
	return rc == 0 && !ob->closed && !ob->error ? 0 : -1;
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
