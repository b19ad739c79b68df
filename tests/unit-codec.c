/* Table-driven tests of the encoders, decoders and the UTF-8 check. */
#include "config.h"

#include <string.h>

#include "../src/codec.h"
#include "../src/status.h"
#include "tap.h"

typedef int (*encoder)(struct outbuf *, const void *, size_t);
typedef int (*decoder)(const char *, size_t, struct outbuf *, char *, size_t);

static const struct {
	const char	*name;
	encoder		 enc;
	decoder		 dec;
	const char	*bytes;
	size_t		 len;
	const char	*text;
} pairs[] = {
	{ "hex", codec_hex_encode, codec_hex_decode, "", 0, "" },
	{ "hex", codec_hex_encode, codec_hex_decode, "\x00\xff\x10", 3,
	    "00ff10" },
	{ "base64", codec_base64_encode, codec_base64_decode, "", 0, "" },
	{ "base64", codec_base64_encode, codec_base64_decode, "f", 1, "Zg==" },
	{ "base64", codec_base64_encode, codec_base64_decode, "fo", 2, "Zm8=" },
	{ "base64", codec_base64_encode, codec_base64_decode, "foo", 3, "Zm9v" },
	{ "base64", codec_base64_encode, codec_base64_decode, "foobar", 6,
	    "Zm9vYmFy" },
	{ "base64", codec_base64_encode, codec_base64_decode, "\xff\xfe\x00", 3,
	    "//4A" },
	{ "z85", codec_z85_encode, codec_z85_decode,
	    "\x86\x4f\xd2\x6f\xb5\x59\xf7\x5b", 8, "HelloWorld" },
	{ "z85", codec_z85_encode, codec_z85_decode, "", 0, "" },
	{ "z85", codec_z85_encode, codec_z85_decode, "\xff\xff\xff\xff", 4,
	    "%nSc0" },
	{ "z85", codec_z85_encode, codec_z85_decode, "\x00\x00\x00\x00", 4,
	    "00000" },
};

static const struct {
	const char	*name;
	decoder		 dec;
	const char	*text;
	const char	*err;
} bad[] = {
	{ "hex", codec_hex_decode, "abc", "invalid hex: odd length 3" },
	{ "hex", codec_hex_decode, "zz", "invalid hex: bad digit at offset 0" },
	{ "hex", codec_hex_decode, "0g", "invalid hex: bad digit at offset 1" },
	{ "base64", codec_base64_decode, "Zm9v!", "invalid base64: bad "
	    "character at offset 4" },
	{ "base64", codec_base64_decode, "Z", "invalid base64: bad length 1" },
	{ "base64", codec_base64_decode, "Zg=a", "invalid base64: bad "
	    "character at offset 3" },
	{ "base64", codec_base64_decode, "Zg=", "invalid base64: bad length 3" },
	{ "z85", codec_z85_decode, "Hell", "invalid z85: length 4 is not a "
	    "multiple of 5" },
	{ "z85", codec_z85_decode, "Hell\"", "invalid z85: bad character at "
	    "offset 4" },
	{ "z85", codec_z85_decode, "#####", "invalid z85: value out of range "
	    "at offset 0" },
	{ "z85", codec_z85_decode, "%nSc1", "invalid z85: value out of range "
	    "at offset 0" },
	{ "z85", codec_z85_decode, "HelloWorld#####", "invalid z85: value out "
	    "of range at offset 10" },
	{ "z85", codec_z85_decode, "Hello Worl", "invalid z85: bad character "
	    "at offset 5" },
	{ "z85", codec_z85_decode, "Hello#orl~", "invalid z85: bad character "
	    "at offset 9" },
	{ "z85", codec_z85_decode, "Hel,o#####", "invalid z85: bad character "
	    "at offset 3" },
	{ "z85", codec_z85_decode, "Hello\xe9orld", "invalid z85: bad "
	    "character at offset 5" },
};

/* Z85 that a CURVE key check (codec_z85_valid) takes or refuses. */
static const struct {
	const char	*text;
	size_t		 len;
	int		 valid;
	const char	*what;
} z85_valid[] = {
	{ "", 0, 1, "the empty text" },
	{ "HelloWorld", 10, 1, "two groups" },
	{ "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", 40, 1,
	    "a 40-character key" },
	{ "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf", 39, 0, "39 characters" },
	{ "Hello World", 10, 0, "a space" },
	{ "Hel\0oWorld", 10, 0, "a NUL, where libzmq's C string would end" },
	{ "HelloWorld\0####", 15, 0, "a NUL after two good groups" },
	{ "%nSc1", 5, 0, "a group past 2^32-1" },
	{ "%nSc0", 5, 1, "the group 2^32-1" },
};

static const struct {
	const char	*bytes;
	int		 valid;
	const char	*what;
} utf8[] = {
	{ "plain ascii", 1, "ASCII" },
	{ "caf\xc3\xa9", 1, "a two-byte character" },
	{ "\xe2\x82\xac", 1, "a three-byte character" },
	{ "\xf0\x9f\x98\x80", 1, "a four-byte character" },
	{ "\xff", 0, "a byte that never starts a character" },
	{ "\xc3", 0, "a character cut short" },
	{ "\xc0\xaf", 0, "an overlong encoding" },
	{ "\xed\xa0\x80", 0, "a surrogate" },
	{ "\xf4\x90\x80\x80", 0, "a code point past U+10FFFF" },
	{ "a\x80", 0, "a stray continuation byte" },
};

/*
 * Z85 longer than one libzmq call (1280 characters): 4000 bytes there and
 * back, and a bad character and a bad group found at their offsets in
 * the second and third chunk.
 */
static void
test_z85_long(void)
{
	static unsigned char bytes[4000];
	struct outbuf ob, back;
	char err[ZC_ERRLEN], *text, saved;
	size_t i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (unsigned char)(i * 7 + i / 256);
	outbuf_init(&ob, -1, 16);
	outbuf_init(&back, -1, 16);
	tap_ok(codec_z85_encode(&ob, bytes, sizeof(bytes)) == 0 &&
	    ob.len == sizeof(bytes) / 4 * 5 && codec_z85_decode(ob.buf,
	    ob.len, &back, err, sizeof(err)) == 0 &&
	    back.len == sizeof(bytes) &&
	    memcmp(back.buf, bytes, back.len) == 0 &&
	    codec_z85_valid(ob.buf, ob.len),
	    "z85: 4000 bytes are 5000 characters, and decode back");
	text = ob.buf;
	saved = text[1500];
	text[1500] = '"';
	err[0] = '\0';
	tap_ok(codec_z85_decode(text, ob.len, &back, err, sizeof(err)) == -1 &&
	    strcmp(err, "invalid z85: bad character at offset 1500") == 0 &&
	    !codec_z85_valid(text, ob.len),
	    "z85: a bad character in the second chunk, at its offset");
	text[1500] = saved;
	memcpy(text + 1495, "#####", 5);
	memcpy(text + 2995, "#####", 5);
	tap_ok(codec_z85_decode(text, ob.len, &back, err, sizeof(err)) == -1 &&
	    strcmp(err, "invalid z85: value out of range at offset 1495") ==
	    0, "z85: a group out of range, at its offset");
	if (strncmp(err, "invalid z85: value", 18) != 0)
		tap_diag("got '%s'", err);
	outbuf_free(&ob);
	outbuf_free(&back);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	struct outbuf ob;
	char err[ZC_ERRLEN];
	size_t i;

	outbuf_init(&ob, -1, 4);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		ob.len = 0;
		tap_ok(pairs[i].enc(&ob, pairs[i].bytes, pairs[i].len) == 0 &&
		    ob.len == strlen(pairs[i].text) &&
		    memcmp(ob.buf, pairs[i].text, ob.len) == 0,
		    "%s encodes to '%s'", pairs[i].name, pairs[i].text);
		ob.len = 0;
		tap_ok(pairs[i].dec(pairs[i].text, strlen(pairs[i].text), &ob,
		    err, sizeof(err)) == 0 && ob.len == pairs[i].len &&
		    memcmp(ob.buf, pairs[i].bytes, ob.len) == 0,
		    "%s decodes '%s' back", pairs[i].name, pairs[i].text);
	}
	ob.len = 0;
	tap_ok(codec_base64_decode("Zm8", 3, &ob, err, sizeof(err)) == 0 &&
	    ob.len == 2 && memcmp(ob.buf, "fo", 2) == 0,
	    "base64 without padding decodes");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ob.len = 0;
		err[0] = '\0';
		tap_ok(bad[i].dec(bad[i].text, strlen(bad[i].text), &ob, err,
		    sizeof(err)) == -1 && strcmp(err, bad[i].err) == 0,
		    "%s refuses '%s'", bad[i].name, bad[i].text);
		if (strcmp(err, bad[i].err) != 0)
			tap_diag("got '%s'", err);
	}
	ob.len = 0;
	tap_ok(codec_z85_encode(&ob, "abc", 3) == -1,
	    "z85 will not encode 3 bytes");
	ob.len = 0;
	err[0] = '\0';
	tap_ok(codec_z85_decode("Hel\0o", 5, &ob, err, sizeof(err)) == -1 &&
	    strcmp(err, "invalid z85: bad character at offset 3") == 0,
	    "z85 refuses a NUL, at its offset");
	for (i = 0; i < sizeof(z85_valid) / sizeof(z85_valid[0]); i++)
		tap_ok(codec_z85_valid(z85_valid[i].text, z85_valid[i].len) ==
		    z85_valid[i].valid, "z85 check: %s is %s", z85_valid[i].what,
		    z85_valid[i].valid ? "valid" : "refused");
	test_z85_long();
	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		tap_ok(codec_utf8_valid(utf8[i].bytes, strlen(utf8[i].bytes)) ==
		    utf8[i].valid, "UTF-8: %s is %s", utf8[i].what,
		    utf8[i].valid ? "valid" : "refused");
	tap_ok(codec_utf8_valid("a\0b", 3), "UTF-8: NUL is valid");
	outbuf_free(&ob);
	return tap_done();
}
