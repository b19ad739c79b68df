/*
 * Fuzz what a ws:// --probe reads from strangers: the input as a
 * server's answer to our upgrade. zws_response on it (a whole head stays
 * whole, and the same, with a byte more; its protocol lies inside it),
 * zws_subprotocol on the protocol (a mechanism is printable), then the
 * WebSocket frames after the head, unmasked in a copy, each payload
 * inside the input; and zws_endpoint on the input as a string.
 */
#include "config.h"

#include "../../src/zws.h"
#include "fuzz.h"

/* p[0..n) holds [q, q + len). */
static int
inside(const uint8_t *p, size_t n, const uint8_t *q, size_t len)
{
	return q >= p && len <= n && (size_t)(q - p) <= n - len;
}

/* The frames of p: each inside it; a masked one unmasks in a copy. */
static void
frames(const uint8_t *p, size_t n)
{
	struct zws_frame f;
	uint8_t *copy;
	long k;

	while ((k = zws_frame(p, n, &f)) > 0) {
		FUZZ_CHECK((size_t)k <= n && inside(p, n, f.payload, f.len) &&
		    f.opcode >= 0 && f.opcode <= 15, "frame");
		if (f.masked) {
			copy = malloc(f.len + 1);
			memcpy(copy, f.payload, f.len);
			zws_mask(copy, f.len, f.mask);
			free(copy);
		}
		p += k;
		n -= (size_t)k;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zws_response r, r2;
	char mech[21], hp[64], *s;
	const char *path;
	int major, minor;
	size_t i;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if (zws_endpoint(s, hp, sizeof(hp), &path) == 0)
		FUZZ_CHECK(strlen(hp) < sizeof(hp) && path[0] == '/' &&
		    strchr(hp, ':') != NULL, "endpoint");
	free(s);
	if (zws_response(data, size, &r) != ZMTP_OK)
		return 0;
	FUZZ_CHECK(r.len >= 4 && r.len <= size && zws_response(data, r.len,
	    &r2) == ZMTP_OK && r2.len == r.len && r2.status == r.status,
	    "a whole head, read again");
	FUZZ_CHECK(r.status >= 100 && r.status <= 599, "status %d", r.status);
	if (r.protocol != NULL) {
		FUZZ_CHECK(inside(data, r.len, r.protocol, r.protocollen),
		    "protocol");
		if (zws_subprotocol(r.protocol, r.protocollen, &major, &minor,
		    mech, sizeof(mech)) == 0)
			for (i = 0; mech[i] != '\0'; i++)
				FUZZ_CHECK(mech[i] > 0x20 && mech[i] < 0x7f,
				    "mechanism byte %d", mech[i]);
	}
	frames(data + r.len, size - r.len);
	return 0;
}
