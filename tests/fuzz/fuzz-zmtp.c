/*
 * Fuzz what --probe reads from strangers: the input as a peer's bytes,
 * zmtp_greeting on every prefix (a greeting once whole stays whole with
 * more bytes; its mechanism is a printable name), then the frames after
 * it, each command and READY's properties, which stay inside the input;
 * an ERROR's reason (libzmq's "\x5eRROR" too), and a WELCOME's or
 * READY's data through the CURVE client's box opening, which must
 * refuse what is not boxed for it without reading past it.
 */
#include "config.h"

#include "../../src/curvecli.h"
#include "../../src/outbuf.h"
#include "../../src/zmtp.h"
#include "fuzz.h"

/* A CURVE client, made once: the server key is all zeros. */
static struct curvecli *
client(void)
{
	static struct curvecli c;
	static int made;
	char err[128];

	if (!made && curvecli_init(&c, "0000000000000000000000000000000000000000",
	    NULL, err, sizeof(err)) == 0)
		made = 1;
	return made ? &c : NULL;
}

/* One command's name and data: what each of its parsers makes of it. */
static void
command(const uint8_t *name, size_t nl, const uint8_t *d, size_t dl)
{
	const uint8_t *r, *n16, *b;
	struct outbuf meta;
	size_t rl, bl;

	if (zmtp_is(name, nl, "ERROR") && zmtp_error_reason(d, dl, &r, &rl) ==
	    0)
		FUZZ_CHECK(r == d + 1 && rl < dl, "reason");
	if (zmtp_is(name, nl, "WELCOME") && zmtp_curve_welcome(d, dl, &n16,
	    &b) == 0) {
		FUZZ_CHECK(dl == 160 && b == d + 16, "welcome");
		FUZZ_CHECK(client() == NULL || curvecli_welcome(client(), d,
		    dl) == -1, "a WELCOME opened without the server's key");
	}
	if (zmtp_is(name, nl, "READY") && zmtp_curve_ready(d, dl, &n16, &b,
	    &bl) == 0 && client() != NULL) {
		FUZZ_CHECK(bl == dl - 8 && bl >= 16, "ready");
		outbuf_init(&meta, -1, 16);
		FUZZ_CHECK(curvecli_ready(client(), d, dl, &meta) == -1 &&
		    meta.len == 0, "a READY opened without the keys");
		outbuf_free(&meta);
	}
}

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
		    &d, &dl) == 0) {
			FUZZ_CHECK(inside(body, len, d, dl), "command data");
			command(name, nl, d, dl);
			if (zmtp_props(d, dl, props, 8, &count) == 0)
				for (i = 0; i < count; i++)
					FUZZ_CHECK(inside(d, dl, props[i].name,
					    props[i].namelen) && inside(d, dl,
					    props[i].value, props[i].valuelen),
					    "prop");
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}
