/*
 * Fuzz the codecs: the input decoded as hex, base64 and Z85 (as --input
 * and -J frames take them), and encoded by each. Whatever decodes as
 * hex or Z85 encodes back to the same text (hex in lower case); what
 * any of them encodes decodes back to the same bytes; the
 * UTF-8 check agrees with jansson's, which refuses what JSON cannot hold
 * the same way (overlongs, surrogates, beyond U+10FFFF).
 */
#include "config.h"

#include <ctype.h>
#include <jansson.h>

#include "../../src/codec.h"
#include "../../src/status.h"
#include "fuzz.h"

typedef int (*decoder)(const char *, size_t, struct outbuf *, char *,
    size_t);
typedef int (*encoder)(struct outbuf *, const void *, size_t);

/* Nonzero when b (blen bytes) is a, or a with its letters lower case. */
static int
same_text(const char *a, size_t alen, const char *b, size_t blen,
    int lower)
{
	size_t i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if ((lower ? tolower((unsigned char)a[i]) : a[i]) != b[i])
			return 0;
	return 1;
}

/* Decode text; if it decodes, its encoding is the text again (but for
 * base64, see below); 1 when it decodes. */
static int
decode_encode(const char *what, decoder dec, encoder enc, const char *text,
    size_t len, int lower)
{
	struct outbuf bytes, again;
	char err[ZC_ERRLEN];
	int ok = 0;

	outbuf_init(&bytes, -1, 64);
	outbuf_init(&again, -1, 64);
	err[0] = '\0';
	if (dec(text, len, &bytes, err, sizeof(err)) == -1) {
		FUZZ_CHECK_ERR(err);
		goto out;
	}
	FUZZ_CHECK(enc(&again, bytes.buf, bytes.len) == 0, "%s encode", what);
	/* base64 is taken without its padding, and with stray bits in its
	 * last character ("QR==" for "QQ=="), as most decoders take it */
	if (dec != codec_base64_decode)
		FUZZ_CHECK(same_text(text, len, again.buf, again.len, lower),
		    "%s: decoded and encoded, %zu bytes became %zu", what, len,
		    again.len);
	ok = 1;
out:
	outbuf_free(&bytes);
	outbuf_free(&again);
	return ok;
}

/* Encode bytes; the text decodes to the same bytes. */
static void
encode_decode(const char *what, decoder dec, encoder enc, const void *data,
    size_t len)
{
	struct outbuf text, again;
	char err[ZC_ERRLEN];
	void *exact;

	outbuf_init(&text, -1, 64);
	outbuf_init(&again, -1, 64);
	FUZZ_CHECK(enc(&text, data, len) == 0, "%s encode", what);
	exact = fuzz_dup(text.buf, text.len);
	FUZZ_CHECK(dec(exact, text.len, &again, err, sizeof(err)) == 0 &&
	    again.len == len && memcmp(again.buf, data, len) == 0,
	    "%s: encoded and decoded, %zu bytes became %zu", what, len,
	    again.len);
	free(exact);
	outbuf_free(&text);
	outbuf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *exact = fuzz_dup(data, size);
	json_t *s;
	int valid, z85;

	decode_encode("hex", codec_hex_decode, codec_hex_encode, exact, size,
	    1);
	decode_encode("base64", codec_base64_decode, codec_base64_encode,
	    exact, size, 0);
	z85 = decode_encode("z85", codec_z85_decode, codec_z85_encode, exact,
	    size, 0);
	FUZZ_CHECK(codec_z85_valid(exact, size) == z85, "z85_valid says %d, "
	    "the decoder %d", !z85, z85);
	encode_decode("hex", codec_hex_decode, codec_hex_encode, exact, size);
	encode_decode("base64", codec_base64_decode, codec_base64_encode,
	    exact, size);
	if (size % 4 == 0)
		encode_decode("z85", codec_z85_decode, codec_z85_encode, exact,
		    size);
	valid = codec_utf8_valid(exact, size);
	s = json_stringn(exact, size);
	FUZZ_CHECK(valid == (s != NULL), "utf8_valid says %d, jansson %d",
	    valid, s != NULL);
	json_decref(s);
	free(exact);
	return 0;
}
