/* Table-driven tests of the JSON writer: escapes, numbers, structure. */
#include "config.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/jsonw.h"
#include "tap.h"

/* A string value and the exact JSON text it must give. */
static const struct {
	const char	*in;
	size_t		 len;
	const char	*out;
	const char	*what;
} strings[] = {
	{ "", 0, "\"\"", "the empty string" },
	{ "plain", 5, "\"plain\"", "plain ASCII" },
	{ "say \"hi\"", 8, "\"say \\\"hi\\\"\"", "quotes" },
	{ "a\\b", 3, "\"a\\\\b\"", "a backslash" },
	{ "a\0b", 3, "\"a\\u0000b\"", "NUL" },
	{ "\n\t\r", 3, "\"\\n\\t\\r\"", "newline, tab, CR: short escapes" },
	{ "\b\f", 2, "\"\\u0008\\u000c\"", "backspace and form feed as \\u" },
	{ "\x1f\x7f", 2, "\"\\u001f\x7f\"", "0x1f escaped, DEL passed" },
	{ "/", 1, "\"/\"", "a slash is not escaped" },
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14,
	    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
	    "UTF-8 passed through" },
	{ "abcdefgh\"", 9, "\"abcdefgh\\\"\"", "a quote after 8 plain bytes" },
	{ "abcdefghijklmno\n", 16, "\"abcdefghijklmno\\n\"",
	    "a newline at the end of two words" },
};

/* Integers at the limits, and what they must print as. */
static const struct {
	int		 is_signed;
	int64_t		 i;
	uint64_t	 u;
	const char	*out;
} numbers[] = {
	{ 0, 0, 0, "0" },
	{ 0, 0, 9, "9" },
	{ 0, 0, 10, "10" },
	{ 0, 0, 99, "99" },
	{ 0, 0, 100, "100" },
	{ 0, 0, 1796145727138ULL, "1796145727138" },
	{ 0, 0, UINT64_MAX, "18446744073709551615" },
	{ 1, 0, 0, "0" },
	{ 1, -1, 0, "-1" },
	{ 1, INT64_MAX, 0, "9223372036854775807" },
	{ 1, INT64_MIN, 0, "-9223372036854775808" },
	{ 1, INT64_MIN + 1, 0, "-9223372036854775807" },
};

/* What ob holds, as a C string (the test strings hold no NUL). */
static const char *
text(struct outbuf *ob)
{
	outbuf_put(ob, "", 1);
	ob->len--;
	return ob->buf;
}

/* The escape of one byte, the simple way, as the reference. */
static void
ref_byte(struct outbuf *ob, unsigned char c)
{
	char buf[8];

	if (c == '"' || c == '\\') {
		buf[0] = '\\';
		buf[1] = (char)c;
		outbuf_put(ob, buf, 2);
	} else if (c == '\n' || c == '\t' || c == '\r') {
		buf[0] = '\\';
		buf[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		outbuf_put(ob, buf, 2);
	} else if (c < 0x20) {
		snprintf(buf, sizeof(buf), "\\u%04x", c);
		outbuf_put(ob, buf, 6);
	} else
		outbuf_put(ob, &c, 1);
}

/* Exact text of each string of the table. */
static void
test_strings(void)
{
	struct outbuf ob;
	struct jsonw w;
	size_t i;

	outbuf_init(&ob, -1, 4);
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		ob.len = 0;
		jsonw_init(&w, &ob);
		jsonw_string(&w, strings[i].in, strings[i].len);
		tap_ok(jsonw_done(&w) == 0 &&
		    strcmp(text(&ob), strings[i].out) == 0, "string: %s",
		    strings[i].what);
		if (strcmp(text(&ob), strings[i].out) != 0)
			tap_diag("got %s", text(&ob));
	}
	outbuf_free(&ob);
}

/* Say what the first wrong case of test_every_byte gave. */
static void
bad_case(size_t nbad, unsigned c, size_t pos, size_t len, struct outbuf *ob)
{
	if (nbad == 0)
		tap_diag("byte 0x%02x at %zu of %zu: got %s", c, pos, len,
		    text(ob));
}

/*
 * Every byte value at every place in strings of 1 to 40 bytes (short
 * copies, whole words, the overlapping last word, the chunk edge is
 * tested apart): the same text as the byte-by-byte reference.
 */
static void
test_every_byte(void)
{
	struct outbuf ob, ref;
	struct jsonw w;
	unsigned char in[40];
	size_t len, pos, k, bad = 0, checked = 0;
	unsigned c;

	outbuf_init(&ob, -1, 64);
	outbuf_init(&ref, -1, 64);
	for (c = 0; c < 256; c++)
		for (len = 1; len <= sizeof(in); len++)
			for (pos = 0; pos < len; pos++) {
				memset(in, 'a', len);
				in[pos] = (unsigned char)c;
				ob.len = ref.len = 0;
				jsonw_init(&w, &ob);
				jsonw_string(&w, in, len);
				outbuf_put(&ref, "\"", 1);
				for (k = 0; k < len; k++)
					ref_byte(&ref, in[k]);
				outbuf_put(&ref, "\"", 1);
				checked++;
				if (jsonw_done(&w) != 0 || ob.len != ref.len ||
				    memcmp(ob.buf, ref.buf, ob.len) != 0)
					bad_case(bad++, c, pos, len, &ob);
			}
	tap_ok(bad == 0, "string: each of the 256 byte values at each place "
	    "of 1 to 40 bytes escapes as the reference does (%zu cases, %zu "
	    "wrong)", checked, bad);
	outbuf_free(&ob);
	outbuf_free(&ref);
}

/* Every control byte in its own string: \n \t \r, else \u00xx. */
static void
test_controls(void)
{
	struct outbuf ob;
	struct jsonw w;
	char want[16];
	unsigned char c;
	int ok = 1;

	outbuf_init(&ob, -1, 16);
	for (c = 0; c < 0x20; c++) {
		ob.len = 0;
		jsonw_init(&w, &ob);
		jsonw_string(&w, &c, 1);
		if (c == '\n' || c == '\t' || c == '\r')
			snprintf(want, sizeof(want), "\"\\%c\"", c == '\n' ?
			    'n' : c == '\t' ? 't' : 'r');
		else
			snprintf(want, sizeof(want), "\"\\u00%c%c\"",
			    "01"[c >> 4], "0123456789abcdef"[c & 15]);
		if (jsonw_done(&w) != 0 || strcmp(text(&ob), want) != 0) {
			tap_diag("0x%02x: got %s, want %s", c, text(&ob), want);
			ok = 0;
		}
	}
	tap_ok(ok, "string: each control byte 0x00-0x1f on its own");
	outbuf_free(&ob);
}

/*
 * Write a string through a 16-byte buffer to a file and read the file
 * back into back; -1 when a step failed.
 */
static int
via_file(const unsigned char *in, size_t len, struct outbuf *back)
{
	char path[] = "/tmp/zmqcat-unit-jsonw.XXXXXX", buf[4096];
	struct outbuf file;
	struct jsonw w;
	ssize_t n;
	int fd, ok;

	if ((fd = mkstemp(path)) == -1)
		return -1;
	unlink(path);
	outbuf_init(&file, fd, 16);
	jsonw_init(&w, &file);
	jsonw_string(&w, in, len);
	ok = jsonw_done(&w) == 0 && outbuf_flush(&file) == 0;
	outbuf_free(&file);
	back->len = 0;
	lseek(fd, 0, SEEK_SET);
	while (ok && (n = read(fd, buf, sizeof(buf))) > 0)
		outbuf_put(back, buf, (size_t)n);
	close(fd);
	return ok ? 0 : -1;
}

/*
 * Long strings, written in chunks: to memory and to a file through a
 * 16-byte buffer. jansson must read back the very bytes, and the text
 * must be the reference's.
 */
static void
test_long(void)
{
	static const size_t lens[] = { 255, 256, 257, 1000, 70000 };
	struct outbuf ob, ref;
	struct jsonw w;
	json_t *v;
	unsigned char *in;
	size_t i, k;

	outbuf_init(&ob, -1, 4);
	outbuf_init(&ref, -1, 4);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		in = malloc(lens[i]);
		for (k = 0; k < lens[i]; k++)	/* an escape now and then */
			in[k] = k % 37 == 0 ? (unsigned char)(k % 32) :
			    k % 101 == 0 ? '"' : (unsigned char)('a' + k % 26);
		ob.len = ref.len = 0;
		outbuf_put(&ref, "\"", 1);
		for (k = 0; k < lens[i]; k++)
			ref_byte(&ref, in[k]);
		outbuf_put(&ref, "\"", 1);
		jsonw_init(&w, &ob);
		jsonw_string(&w, in, lens[i]);
		v = json_loadb(ob.buf, ob.len, JSON_DECODE_ANY | JSON_ALLOW_NUL,
		    NULL);
		tap_ok(jsonw_done(&w) == 0 && ob.len == ref.len &&
		    memcmp(ob.buf, ref.buf, ob.len) == 0 && v != NULL &&
		    json_string_length(v) == lens[i] &&
		    memcmp(json_string_value(v), in, lens[i]) == 0,
		    "string: %zu bytes, in memory, read back by jansson",
		    lens[i]);
		json_decref(v);
		tap_ok(via_file(in, lens[i], &ob) == 0 && ob.len == ref.len &&
		    memcmp(ob.buf, ref.buf, ob.len) == 0,
		    "string: %zu bytes, through a 16-byte buffer to a file",
		    lens[i]);
		free(in);
	}
	outbuf_free(&ob);
	outbuf_free(&ref);
}

/* Integers at the int64 and uint64 limits. */
static void
test_numbers(void)
{
	struct outbuf ob;
	struct jsonw w;
	size_t i;

	outbuf_init(&ob, -1, 4);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		ob.len = 0;
		jsonw_init(&w, &ob);
		if (numbers[i].is_signed)
			jsonw_int(&w, numbers[i].i);
		else
			jsonw_uint(&w, numbers[i].u);
		tap_ok(jsonw_done(&w) == 0 &&
		    strcmp(text(&ob), numbers[i].out) == 0, "%s %s",
		    numbers[i].is_signed ? "int" : "uint", numbers[i].out);
		if (strcmp(text(&ob), numbers[i].out) != 0)
			tap_diag("got %s", text(&ob));
	}
	outbuf_free(&ob);
}

/* Objects, arrays, commas and colons, nested and empty. */
static void
test_structure(void)
{
	static const char want[] = "{\"a\":1,\"b\":[1,\"x\",true,false,{},[]],"
	    "\"c\":{\"d\":\"AAEC/w==\",\"e\":-2},\"say \\\"k\\\"\":[]}";
	struct outbuf ob;
	struct jsonw w;

	outbuf_init(&ob, -1, 4);
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "a");
	jsonw_uint(&w, 1);
	jsonw_key(&w, "b");
	jsonw_array(&w);
	jsonw_uint(&w, 1);
	jsonw_str(&w, "x");
	jsonw_bool(&w, 1);
	jsonw_bool(&w, 0);
	jsonw_object(&w);
	jsonw_end(&w);
	jsonw_array(&w);
	jsonw_end(&w);
	jsonw_end(&w);
	jsonw_key(&w, "c");
	jsonw_object(&w);
	jsonw_key(&w, "d");
	jsonw_base64(&w, "\x00\x01\x02\xff", 4);
	jsonw_key(&w, "e");
	jsonw_int(&w, -2);
	jsonw_end(&w);
	jsonw_key(&w, "say \"k\"");
	jsonw_array(&w);
	jsonw_end(&w);
	jsonw_end(&w);
	tap_ok(jsonw_done(&w) == 0 && strcmp(text(&ob), want) == 0,
	    "structure: nested objects and arrays, commas, empty ones, base64");
	if (strcmp(text(&ob), want) != 0)
		tap_diag("got %s", text(&ob));
	outbuf_free(&ob);
}

/* A key outside an object, two keys in a row, an end too many, nesting
 * too deep, an object left open: each is an error jsonw_done reports. */
static void
test_misuse(void)
{
	struct outbuf ob;
	struct jsonw w;
	int i;

	outbuf_init(&ob, -1, 4);
	jsonw_init(&w, &ob);
	jsonw_key(&w, "a");
	tap_ok(jsonw_done(&w) == -1, "misuse: a key outside an object");
	jsonw_init(&w, &ob);
	jsonw_array(&w);
	jsonw_key(&w, "a");
	tap_ok(jsonw_done(&w) == -1, "misuse: a key in an array");
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "a");
	jsonw_key(&w, "b");
	tap_ok(jsonw_done(&w) == -1, "misuse: a key without a value");
	jsonw_init(&w, &ob);
	jsonw_end(&w);
	tap_ok(jsonw_done(&w) == -1, "misuse: an end with nothing open");
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	tap_ok(jsonw_done(&w) == -1, "misuse: an object left open");
	jsonw_init(&w, &ob);
	for (i = 0; i < JSONW_DEPTH_MAX; i++)
		jsonw_array(&w);
	tap_ok(w.rc == -1, "misuse: more than %d levels", JSONW_DEPTH_MAX - 1);
	outbuf_free(&ob);
}

/* Once the output is gone, writes fail, stick, and add nothing. */
static void
test_closed(void)
{
	struct outbuf ob;
	struct jsonw w;

	outbuf_init(&ob, -1, 64);
	jsonw_init(&w, &ob);
	jsonw_object(&w);
	jsonw_key(&w, "a");
	ob.closed = 1;
	jsonw_str(&w, "lost");
	jsonw_end(&w);
	tap_ok(jsonw_done(&w) == -1 && ob.len == 5 &&
	    memcmp(ob.buf, "{\"a\":", 5) == 0,
	    "a closed output: -1, and nothing after the failed write");
	outbuf_free(&ob);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	test_strings();
	test_controls();
	test_every_byte();
	test_long();
	test_numbers();
	test_structure();
	test_misuse();
	test_closed();
	return tap_done();
}
