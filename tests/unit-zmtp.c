/* Table-driven tests of the ZMTP wire as --probe reads it: greetings of
 * each version, frames, commands and READY's properties. */
#include "config.h"

#include <string.h>

#include "../src/zmtp.h"
#include "tap.h"

/* A 3.x greeting: signature, version, mechanism, as-server. */
static size_t
greeting3(uint8_t *g, int minor, const char *mech, int as_server)
{
	memset(g, 0, ZMTP_GREETING);
	g[0] = 0xff;
	g[9] = 0x7f;
	g[10] = 3;
	g[11] = (uint8_t)minor;
	memcpy(g + 12, mech, strlen(mech));
	g[32] = (uint8_t)as_server;
	return ZMTP_GREETING;
}

/* Greetings, whole and cut. */
static void
test_greetings(void)
{
	uint8_t g[ZMTP_GREETING];
	struct zmtp_greeting z;
	static const uint8_t v2[] = { 0xff, 0, 0, 0, 0, 0, 0, 0, 1, 0x7f, 1, 1 };
	static const uint8_t v1[] = { 6, 0, 'h', 'e', 'l', 'l', 'o' };
	size_t n;

	n = greeting3(g, 1, "NULL", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_OK && z.major == 3 &&
	    z.minor == 1 && strcmp(z.mechanism, "NULL") == 0 && !z.as_server &&
	    z.len == 64, "3.1 NULL");
	n = greeting3(g, 0, "CURVE", 1);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_OK && z.minor == 0 &&
	    strcmp(z.mechanism, "CURVE") == 0 && z.as_server, "3.0 CURVE, "
	    "as-server");
	tap_ok(zmtp_greeting(g, 10, &z) == ZMTP_MORE &&
	    zmtp_greeting(g, 63, &z) == ZMTP_MORE && zmtp_greeting(g, 0, &z) ==
	    ZMTP_MORE, "a greeting cut short wants more");
	n = greeting3(g, 1, "NU L", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "a mechanism with a blank "
	    "is not ZMTP");
	n = greeting3(g, 1, "", 0);
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "nor an empty one");
	n = greeting3(g, 1, "NULL", 0);
	g[20] = 'X';
	tap_ok(zmtp_greeting(g, n, &z) == ZMTP_NOT, "nor bytes after its NUL");
	tap_ok(zmtp_greeting(v2, sizeof(v2), &z) == ZMTP_OK && z.major == 2 &&
	    z.socket_type == 1 && strcmp(zmtp_type_name(1), "PUB") == 0,
	    "2.0: revision 1, socket type 1 (PUB)");
	tap_ok(zmtp_greeting(v1, sizeof(v1), &z) == ZMTP_OK && z.major == 1,
	    "1.0: a length and flags 0");
	tap_ok(zmtp_greeting((const uint8_t *)"HTTP/1.1", 8, &z) == ZMTP_NOT &&
	    zmtp_greeting((const uint8_t *)"SSH-2.0-", 8, &z) == ZMTP_NOT,
	    "HTTP and SSH banners are not ZMTP");
	memset(g, 0, sizeof(g));
	g[0] = 0xff;
	g[9] = 0x7e;
	tap_ok(zmtp_greeting(g, 10, &z) == ZMTP_NOT, "a signature that does "
	    "not end in an odd byte is not ZMTP");
	tap_ok(zmtp_type_name(9) == NULL && zmtp_type_name(-1) == NULL,
	    "2.0 type numbers past PUSH have no name");
}

/* Frames, a command, READY's properties. */
static void
test_frames(void)
{
	static const uint8_t ready[] = {
		0x04, 0x24, 5, 'R', 'E', 'A', 'D', 'Y',
		11, 'S', 'o', 'c', 'k', 'e', 't', '-', 'T', 'y', 'p', 'e',
		0, 0, 0, 3, 'P', 'U', 'B',
		5, 'X', '-', 'A', 'b', 'c', 0, 0, 0, 1, 'z',
	};
	static const uint8_t longf[] = { 0x06, 0, 0, 0, 0, 0, 0, 0, 2, 1, 'x' };
	const uint8_t *body = NULL, *name = NULL, *data = NULL;
	size_t len = 0, namelen = 0, datalen = 0, count = 0;
	struct zmtp_prop props[4];
	int flags;

	tap_ok(zmtp_frame(ready, sizeof(ready), &flags, &body, &len) ==
	    (long)sizeof(ready) && flags == ZMTP_COMMAND && len == 0x24,
	    "a short command frame");
	tap_ok(zmtp_frame(ready, 5, &flags, &body, &len) == 0 &&
	    zmtp_frame(ready, 1, &flags, &body, &len) == 0, "cut: more");
	tap_ok(body != NULL && zmtp_command(body, len, &name, &namelen, &data,
	    &datalen) == 0 && namelen == 5 && memcmp(name, "READY", 5) == 0,
	    "named READY");
	if (data == NULL)
		return;
	tap_ok(zmtp_props(data, datalen, props, 4, &count) == 0 && count == 2 &&
	    props[0].namelen == 11 && props[0].valuelen == 3 &&
	    memcmp(props[0].value, "PUB", 3) == 0 && props[1].valuelen == 1,
	    "its properties: Socket-Type PUB, X-Abc z");
	tap_ok(zmtp_props(data, datalen - 1, props, 4, &count) == -1,
	    "a value cut short is refused");
	tap_ok(zmtp_props(data, datalen, props, 1, &count) == 0 && count == 1,
	    "no more kept than room");
	tap_ok(zmtp_frame(longf, sizeof(longf), &flags, &body, &len) == 11 &&
	    (flags & ZMTP_LONG) && len == 2, "a long frame");
	tap_ok(zmtp_frame((const uint8_t *)"\x08\x01", 2, &flags, &body,
	    &len) == -1, "reserved flag bits: no frame");
	tap_ok(zmtp_command((const uint8_t *)"\x09READY", 6, &name, &namelen,
	    &data, &datalen) == -1, "a name longer than the body: no command");
}

int
main(void)
{
	test_greetings();
	test_frames();
	return tap_done();
}
