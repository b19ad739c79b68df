/*
 * Fuzz what --probe reads from strangers: the input as a peer's bytes,
 * zmtp_greeting on every prefix (a greeting once whole stays whole with
 * more bytes; its mechanism is a printable name), then the frames after
 * it, each command and READY's properties, which stay inside the input.
 */
#include "config.h"

#include "../../src/zmtp.h"
#include "fuzz.h"

/* p[0..n) holds [q, q + len). */
static int
inside(const uint8_t *p, size_t n, const uint8_t *q, size_t len)
{
	return q >= p && len <= n && (size_t)(q - p) <= n - len;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zmtp_greeting g, h;
	struct zmtp_prop props[8];
	const uint8_t *body, *name, *d, *p;
	size_t n, len, nl, dl, count, i;
	enum zmtp_status st;
	int flags;
	long k;

	st = zmtp_greeting(data, size, &g);
	if (st != ZMTP_OK)
		return 0;
	for (i = 0; g.major >= 3 && g.mechanism[i] != '\0'; i++)
		FUZZ_CHECK(g.mechanism[i] > 0x20 && g.mechanism[i] < 0x7f,
		    "mechanism byte %d", g.mechanism[i]);
	FUZZ_CHECK(g.len <= size && zmtp_greeting(data, g.len, &h) == ZMTP_OK &&
	    h.major == g.major, "a whole greeting, read again");
	p = data + g.len;
	n = size - g.len;
	while ((k = zmtp_frame(p, n, &flags, &body, &len)) > 0) {
		FUZZ_CHECK((size_t)k <= n && inside(p, n, body, len), "frame");
		if ((flags & ZMTP_COMMAND) && zmtp_command(body, len, &name, &nl,
		    &d, &dl) == 0 && zmtp_props(d, dl, props, 8, &count) == 0)
			for (i = 0; i < count; i++)
				FUZZ_CHECK(inside(d, dl, props[i].name,
				    props[i].namelen) && inside(d, dl,
				    props[i].value, props[i].valuelen), "prop");
		p += k;
		n -= (size_t)k;
	}
	return 0;
}
