/*
 * Fuzz stdin messages in every --input mode (raw, json, hex, base64,
 * z85, and -J envelopes): inmsg_decode on each part as one message, the
 * first byte choosing the mode and whether a frame delimiter (-F, the
 * first part) splits messages. One decoder serves every message, as in
 * a run. Raw frames joined by the delimiter are the message; json frames
 * are compact JSON that reads back as the value that was sent.
 */
#include "config.h"

#include <jansson.h>

#include "../../src/inmsg.h"
#include "../../src/status.h"
#include "fuzz.h"

/* Raw: the frames, joined by the delimiter, are the message. */
static void
check_raw(const struct iovec *f, size_t n, const char *msg, size_t len,
    const char *fdelim, size_t fdlen)
{
	size_t i, at = 0;

	for (i = 0; i < n; i++) {
		FUZZ_CHECK(at + f[i].iov_len <= len && memcmp(msg + at,
		    f[i].iov_base, f[i].iov_len) == 0, "raw frame %zu", i);
		at += f[i].iov_len;
		if (i + 1 < n) {
			FUZZ_CHECK(fdelim != NULL && at + fdlen <= len &&
			    memcmp(msg + at, fdelim, fdlen) == 0, "delimiter");
			at += fdlen;
		}
	}
	FUZZ_CHECK(at == len, "raw frames cover %zu of %zu bytes", at, len);
}

/* JSON: each frame is one JSON value, and reads back. */
static void
check_json(const struct iovec *f, size_t n)
{
	json_error_t jerr;
	json_t *v;
	size_t i;

	for (i = 0; i < n; i++) {
		v = json_loadb(f[i].iov_base, f[i].iov_len, JSON_DECODE_ANY |
		    JSON_ALLOW_NUL, &jerr);
		FUZZ_CHECK(v != NULL, "frame %zu is not JSON: %s", i,
		    jerr.text);
		json_decref(v);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct iovec *f;
	struct inmsg d;
	struct fuzz_in in;
	enum inmsg_mode mode;
	char err[ZC_ERRLEN], *fdelim = NULL, *part;
	size_t fdlen = 0, len, n;
	unsigned choice;
	void *msg;

	fuzz_init(&in, data, size);
	choice = fuzz_byte(&in);
	mode = (enum inmsg_mode)(choice % (INMSG_ENVELOPE + 1));
	if (choice & 0x80) {
		fdelim = fuzz_part(&in, &fdlen);
		if (fdelim == NULL || fdlen == 0) {	/* -F wants bytes */
			free(fdelim);
			return 0;
		}
	}
	inmsg_init(&d, mode, fdelim, fdlen);
	while ((part = fuzz_part(&in, &len)) != NULL) {
		msg = fuzz_dup(part, len);
		err[0] = '\0';
		if (inmsg_decode(&d, msg, len, err, sizeof(err)) == -1) {
			FUZZ_CHECK(mode != INMSG_RAW, "raw refused");
			FUZZ_CHECK_ERR(err);
		} else {
			f = inmsg_frames(&d, &n);
			FUZZ_CHECK(n > 0, "no frame");
			if (mode == INMSG_RAW)
				check_raw(f, n, msg, len, fdelim, fdlen);
			else if (mode == INMSG_JSON)
				check_json(f, n);
		}
		free(msg);
		free(part);
	}
	inmsg_free(&d);
	free(fdelim);
	return 0;
}
