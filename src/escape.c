/* Backslash escapes for delimiters and formats: \n \t \r \0 \\ \xNN. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "escape.h"
#include "xmalloc.h"

/* The one-letter escapes and the bytes they stand for. */
static const struct {
	char	letter;
	char	byte;
} simple[] = {
	{ 'n', '\n' }, { 't', '\t' }, { 'r', '\r' }, { '0', '\0' },
	{ '\\', '\\' },
};

/*
 * Decode the escape whose backslash is at p; returns how many source
 * characters it used, or -1 when it is not one we know.
 */
int
escape_one(const char *p, char *out)
{
	size_t i;
	int hi, lo;

	if (p[0] != '\\')
		return -1;
	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		if (p[1] == simple[i].letter) {
			*out = simple[i].byte;
			return 2;
		}
	if (p[1] == 'x' && (hi = codec_hexval(p[2])) >= 0 &&
	    (lo = codec_hexval(p[3])) >= 0) {
		*out = (char)(hi << 4 | lo);
		return 4;
	}
	return -1;
}

/* Decode a whole delimiter argument into a new buffer of outlen bytes. */
int
escape_parse(const char *in, char **out, size_t *outlen, char *err,
    size_t errlen)
{
	char *buf;
	size_t n = 0;
	const char *p;
	int used;

	buf = xmalloc(strlen(in) + 1);
	for (p = in; *p != '\0'; p += used) {
		used = 1;
		if (*p != '\\') {
			buf[n++] = *p;
			continue;
		}
		if ((used = escape_one(p, &buf[n])) == -1) {
			snprintf(err, errlen, "bad escape '%.4s' in '%s' "
			    "(want \\n \\t \\r \\0 \\\\ or \\xNN)", p, in);
			free(buf);
			return -1;
		}
		n++;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}
