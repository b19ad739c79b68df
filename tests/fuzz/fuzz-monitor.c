/*
 * Fuzz the monitor event decoder: monitor_parse on the first part as
 * libzmq's first frame, then monitor_render of the event (the endpoint,
 * socket name and peer from the next parts) in words and in JSON. The
 * words are one line; the JSON, when its strings are UTF-8, is one
 * object that jansson reads back with the same event and endpoint.
 */
#include "config.h"

#include <jansson.h>

#include "../../src/codec.h"
#include "../../src/monitor.h"
#include "fuzz.h"

/* The JSON line parses, and says what the event was. */
static void
check_json(const struct outbuf *ob, const struct monitor_event *ev)
{
	json_error_t jerr;
	json_t *root, *ep;
	const char *name = monitor_event_name(ev->event, 1);

	FUZZ_CHECK(ob->len > 0 && ob->buf[ob->len - 1] == '\n', "no newline");
	root = json_loadb(ob->buf, ob->len - 1, JSON_ALLOW_NUL, &jerr);
	FUZZ_CHECK(root != NULL, "bad JSON: %s: %.*s", jerr.text,
	    (int)ob->len, ob->buf);
	FUZZ_CHECK(strcmp(json_string_value(json_object_get(root, "event")),
	    name ? name : "unknown") == 0, "event");
	ep = json_object_get(root, "endpoint");
	FUZZ_CHECK(ev->eplen == 0 ? ep == NULL : (json_string_length(ep) ==
	    ev->eplen && memcmp(json_string_value(ep), ev->endpoint,
	    ev->eplen) == 0), "endpoint");
	json_decref(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct monitor_event ev;
	struct outbuf text, json;
	struct fuzz_in in;
	char *frame, *endpoint, *sock, *peer, buf[128];
	size_t flen, eplen, socklen;
	void *exact;

	fuzz_init(&in, data, size);
	frame = fuzz_part(&in, &flen);
	exact = fuzz_dup(frame, flen);
	if (monitor_parse(exact, flen, &ev) == -1) {
		FUZZ_CHECK(flen < 6, "a frame of %zu bytes refused", flen);
		goto out;
	}
	endpoint = fuzz_part(&in, &eplen);
	sock = fuzz_part(&in, &socklen);
	peer = fuzz_part(&in, NULL);
	ev.endpoint = endpoint ? fuzz_dup(endpoint, eplen) : NULL;
	ev.eplen = endpoint ? eplen : 0;
	ev.peer = peer;
	monitor_reason(&ev, buf, sizeof(buf));
	outbuf_init(&text, -1, 64);
	outbuf_init(&json, -1, 64);
	monitor_render(&text, sock ? sock : "s", &ev, MONITOR_TEXT);
	monitor_render(&json, sock ? sock : "s", &ev, MONITOR_JSON);
	FUZZ_CHECK(text.len > 0 && text.buf[text.len - 1] == '\n' &&
	    memcmp(text.buf, "zmqcat: ", 8) == 0, "text line");
	if ((ev.endpoint == NULL || codec_utf8_valid(ev.endpoint,
	    ev.eplen)) && (sock == NULL ||
	    codec_utf8_valid(sock, strlen(sock))) && (peer == NULL ||
	    codec_utf8_valid(peer, strlen(peer))))
		check_json(&json, &ev);
	outbuf_free(&text);
	outbuf_free(&json);
	free((void *)ev.endpoint);
	free(endpoint);
	free(sock);
	free(peer);
out:
	free(exact);
	free(frame);
	return 0;
}
