/*
 * Fuzz the JSON writer (-J envelopes, --monitor and --stats JSON): the
 * input is a program of writer calls (objects, arrays, keys, strings,
 * base64, numbers, booleans), always a valid one, which also builds the
 * same document with jansson. What jsonw wrote must parse, and be equal
 * to that document: every escape, comma and bracket in its place.
 */
#include "config.h"

#include <jansson.h>

#include "../../src/codec.h"
#include "../../src/jsonw.h"
#include "fuzz.h"

#define MAXOPS	256

/* The writer and the document it should write, being built together. */
struct prog {
	struct jsonw	 w;
	struct fuzz_in	 in;
	json_t		*stack[JSONW_DEPTH_MAX];
	unsigned	 depth;
	char		*key;	/* the key whose value comes next */
	json_t		*root;
};

/* Put a value into the model document where the writer put it. */
static void
model_add(struct prog *p, json_t *v)
{
	json_t *top = p->depth ? p->stack[p->depth - 1] : NULL;

	if (top == NULL)
		p->root = v;
	else if (json_is_array(top))
		json_array_append_new(top, v);
	else {
		json_object_set_new(top, p->key, v);
		free(p->key);
		p->key = NULL;
	}
}

/* The next part as text: itself when it is UTF-8, else NULL. */
static char *
utf8_part(struct prog *p, size_t *len)
{
	char *s = fuzz_part(&p->in, len);

	if (s == NULL)
		*len = 0;
	if (s != NULL && !codec_utf8_valid(s, *len)) {
		free(s);
		s = NULL;
	}
	return s;
}

/* A string value: the text, or the bytes in base64 when they are not. */
static void
op_string(struct prog *p, int b64)
{
	struct outbuf ob;
	size_t len;
	char *s = b64 ? fuzz_part(&p->in, &len) : utf8_part(p, &len);

	if (s == NULL) {
		s = strdup("");
		len = 0;
	}
	if (!b64) {
		jsonw_string(&p->w, s, len);
		model_add(p, json_stringn(s, len));
	} else {
		jsonw_base64(&p->w, s, len);
		outbuf_init(&ob, -1, 64);
		codec_base64_encode(&ob, s, len);
		model_add(p, json_stringn(ob.buf ? ob.buf : "", ob.len));
		outbuf_free(&ob);
	}
	free(s);
}

/* A number, from the next eight bytes. */
static void
op_number(struct prog *p, int sign)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | fuzz_byte(&p->in);
	if (sign) {
		jsonw_int(&p->w, (int64_t)v);
		model_add(p, json_integer((json_int_t)(int64_t)v));
	} else {
		v >>= 1;	/* jansson holds integers to 2^63-1 */
		jsonw_uint(&p->w, v);
		model_add(p, json_integer((json_int_t)v));
	}
}

/* Open an object or an array. */
static void
op_open(struct prog *p, int array)
{
	json_t *c = array ? json_array() : json_object();

	if (array)
		jsonw_array(&p->w);
	else
		jsonw_object(&p->w);
	model_add(p, c);
	p->stack[p->depth++] = c;
}

/* A key, when the innermost container is an object that wants one. */
static void
op_key(struct prog *p)
{
	size_t len;
	char *s = utf8_part(p, &len);

	if (s == NULL || memchr(s, '\0', len) != NULL) {	/* jansson's */
		free(s);
		s = strdup("k");
		len = 1;
	}
	jsonw_key_n(&p->w, s, len);
	p->key = s;
}

/* One call: what the state allows, chosen by the next byte. */
static void
step(struct prog *p, unsigned op)
{
	json_t *top = p->depth ? p->stack[p->depth - 1] : NULL;

	if (top != NULL && json_is_object(top) && p->key == NULL) {
		if (op % 4 == 3) {
			jsonw_end(&p->w);
			p->depth--;
		} else
			op_key(p);
		return;
	}
	switch (op % 9) {
	case 0:
	case 1:
		if (p->depth + 2 < JSONW_DEPTH_MAX) {
			op_open(p, op % 9);
			return;
		}
		/* FALLTHROUGH */
	case 2:
		op_string(p, 0);
		return;
	case 3:
		op_string(p, 1);
		return;
	case 4:
	case 5:
		op_number(p, op % 9 == 5);
		return;
	case 6:
		jsonw_bool(&p->w, op & 0x10);
		model_add(p, json_boolean(op & 0x10));
		return;
	default:
		if (top != NULL && json_is_array(top)) {	/* end it */
			jsonw_end(&p->w);
			p->depth--;
		} else if (p->depth + 2 < JSONW_DEPTH_MAX)
			op_open(p, 0);
		else
			op_string(p, 0);
		return;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct prog p;
	struct outbuf ob;
	json_error_t jerr;
	json_t *back;
	int n = 0;

	memset(&p, 0, sizeof(p));
	fuzz_init(&p.in, data, size);
	outbuf_init(&ob, -1, 16);
	jsonw_init(&p.w, &ob);
	do
		step(&p, fuzz_byte(&p.in));
	while (p.depth > 0 && p.in.n > 0 && ++n < MAXOPS);
	while (p.depth > 0) {
		if (p.key != NULL)
			step(&p, 6);	/* a value for the last key */
		jsonw_end(&p.w);
		p.depth--;
	}
	FUZZ_CHECK(jsonw_done(&p.w) == 0, "the writer failed");
	back = json_loadb(ob.buf, ob.len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
	    &jerr);
	FUZZ_CHECK(back != NULL, "not JSON: %s: %.*s", jerr.text, (int)ob.len,
	    ob.buf);
	FUZZ_CHECK(json_equal(back, p.root), "not what was written: %.*s",
	    (int)ob.len, ob.buf);
	json_decref(back);
	json_decref(p.root);
	outbuf_free(&ob);
	return 0;
}
