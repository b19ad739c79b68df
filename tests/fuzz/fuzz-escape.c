/*
 * Fuzz the backslash escapes (-D, -F, prefix=, topics): escape_parse on
 * the input as an argument. What it decodes is no longer than the text,
 * is the text itself when there is no backslash, and written back as
 * \xNN escapes decodes to the same bytes.
 */
#include "config.h"

#include "../../src/escape.h"
#include "../../src/status.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;
	char err[ZC_ERRLEN], *arg, *out, *again, *text;
	size_t len, outlen, againlen, i;

	fuzz_init(&in, data, size);
	arg = fuzz_part(&in, &len);
	len = strlen(arg);
	err[0] = '\0';
	if (escape_parse(arg, &out, &outlen, err, sizeof(err)) == -1) {
		FUZZ_CHECK_ERR(err);
		FUZZ_CHECK(memchr(arg, '\\', len) != NULL, "no backslash");
		free(arg);
		return 0;
	}
	FUZZ_CHECK(outlen <= len && out[outlen] == '\0', "length %zu", outlen);
	FUZZ_CHECK(memchr(arg, '\\', len) != NULL || (outlen == len &&
	    memcmp(out, arg, len) == 0), "plain text changed");
	text = malloc(4 * outlen + 1);
	for (i = 0; i < outlen; i++)
		snprintf(text + 4 * i, 5, "\\x%02x", (unsigned char)out[i]);
	text[4 * outlen] = '\0';
	FUZZ_CHECK(escape_parse(text, &again, &againlen, err,
	    sizeof(err)) == 0 && againlen == outlen &&
	    memcmp(again, out, outlen) == 0, "\\xNN round trip");
	free(again);
	free(text);
	free(out);
	free(arg);
	return 0;
}
