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
	for (i = 0; i < sizeof(utf8) / sizeof(utf8[0]); i++)
		tap_ok(codec_utf8_valid(utf8[i].bytes, strlen(utf8[i].bytes)) ==
		    utf8[i].valid, "UTF-8: %s is %s", utf8[i].what,
		    utf8[i].valid ? "valid" : "refused");
	tap_ok(codec_utf8_valid("a\0b", 3), "UTF-8: NUL is valid");
	outbuf_free(&ob);
	return tap_done();
}
