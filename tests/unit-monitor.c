/* Table-driven tests of monitor events: decoded, named and rendered. */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "../src/monitor.h"
#include "../src/outbuf.h"
#include "tap.h"

#define EP_SUB	"tcp://127.0.0.1:5556"
#define EP_PULL	"tcp://127.0.0.1:5557"
#define PEER	"127.0.0.1:40312"

/* A socket name longer than any fixed line buffer. */
#define LONGNAME \
	"a123456789b123456789c123456789d123456789e123456789" \
	"f123456789g123456789h123456789i123456789j123456789" \
	"k123456789l123456789m123456789n123456789o123456789" \
	"p123456789q123456789r123456789s123456789t123456789" \
	"u123456789v123456789w123456789x123456789y123456789" \
	"z123456789"

static const struct {
	const char	*sock;
	uint16_t	 event;
	uint32_t	 value;
	const char	*endpoint;
	const char	*peer;
	const char	*text;		/* the line under --monitor */
	const char	*json;		/* the object under --monitor -J */
	const char	*what;
} events[] = {
	{ "sub", ZMQ_EVENT_CONNECTED, 9, EP_SUB, NULL,
	    "zmqcat: sub: connected " EP_SUB "\n",
	    "{\"event\":\"connected\",\"socket\":\"sub\",\"endpoint\":\""
	    EP_SUB "\"}\n", "connected" },
	{ "sub", ZMQ_EVENT_CONNECT_DELAYED, EINPROGRESS, EP_SUB, NULL,
	    "zmqcat: sub: connect delayed " EP_SUB "\n",
	    "{\"event\":\"connect_delayed\",\"socket\":\"sub\",\"endpoint\":\""
	    EP_SUB "\"}\n", "connect delayed" },
	{ "sub", ZMQ_EVENT_CONNECT_RETRIED, 100, EP_SUB, NULL,
	    "zmqcat: sub: connect retried " EP_SUB " (next try in 100 ms)\n",
	    "{\"event\":\"connect_retried\",\"socket\":\"sub\",\"endpoint\":\""
	    EP_SUB "\",\"retry_ms\":100}\n", "connect retried" },
	{ "pull", ZMQ_EVENT_LISTENING, 7, EP_PULL, NULL,
	    "zmqcat: pull: listening " EP_PULL "\n",
	    "{\"event\":\"listening\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\"}\n", "listening" },
	{ "pull", ZMQ_EVENT_BIND_FAILED, EADDRINUSE, EP_PULL, NULL,
	    "zmqcat: pull: bind failed " EP_PULL " (Address already in use)\n",
	    "{\"event\":\"bind_failed\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"Address already in use\"}\n",
	    "bind failed" },
	{ "pull", ZMQ_EVENT_ACCEPTED, 11, EP_PULL, PEER,
	    "zmqcat: pull: accepted " EP_PULL " (peer " PEER ")\n",
	    "{\"event\":\"accepted\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\",\"peer\":\"" PEER "\"}\n", "accepted with a peer" },
	{ "pull", ZMQ_EVENT_ACCEPTED, 11, EP_PULL, NULL,
	    "zmqcat: pull: accepted " EP_PULL "\n",
	    "{\"event\":\"accepted\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\"}\n", "accepted without a known peer" },
	{ "pull", ZMQ_EVENT_ACCEPT_FAILED, EMFILE, EP_PULL, NULL,
	    "zmqcat: pull: accept failed " EP_PULL " (Too many open files)\n",
	    "{\"event\":\"accept_failed\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"Too many open files\"}\n",
	    "accept failed" },
	{ "pull", ZMQ_EVENT_CLOSED, 7, EP_PULL, NULL,
	    "zmqcat: pull: closed " EP_PULL "\n",
	    "{\"event\":\"closed\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\"}\n", "closed" },
	{ "pull", ZMQ_EVENT_CLOSE_FAILED, EBADF, EP_PULL, NULL,
	    "zmqcat: pull: close failed " EP_PULL " (Bad file descriptor)\n",
	    "{\"event\":\"close_failed\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"Bad file descriptor\"}\n",
	    "close failed" },
	{ "sub", ZMQ_EVENT_DISCONNECTED, 9, EP_SUB, NULL,
	    "zmqcat: sub: disconnected " EP_SUB "\n",
	    "{\"event\":\"disconnected\",\"socket\":\"sub\",\"endpoint\":\""
	    EP_SUB "\"}\n", "disconnected, connecting side" },
	{ "pull", ZMQ_EVENT_DISCONNECTED, 11, EP_PULL, PEER,
	    "zmqcat: pull: disconnected " EP_PULL " (peer " PEER ")\n",
	    "{\"event\":\"disconnected\",\"socket\":\"pull\",\"endpoint\":\""
	    EP_PULL "\",\"peer\":\"" PEER "\"}\n",
	    "disconnected, bound side with a peer" },
	{ "sub", ZMQ_EVENT_MONITOR_STOPPED, 0, "", NULL,
	    "zmqcat: sub: monitor stopped\n",
	    "{\"event\":\"monitor_stopped\",\"socket\":\"sub\"}\n",
	    "monitor stopped, no endpoint" },
	{ "push", ZMQ_EVENT_HANDSHAKE_SUCCEEDED, 0, EP_PULL, NULL,
	    "zmqcat: push: handshake succeeded " EP_PULL "\n",
	    "{\"event\":\"handshake_succeeded\",\"socket\":\"push\","
	    "\"endpoint\":\"" EP_PULL "\"}\n", "handshake succeeded" },
	{ "push", ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, ECONNRESET, EP_PULL,
	    NULL, "zmqcat: push: handshake failed " EP_PULL
	    " (Connection reset by peer)\n",
	    "{\"event\":\"handshake_failed\",\"socket\":\"push\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"Connection reset by peer\"}\n",
	    "handshake failed with an errno" },
	{ "push", ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
	    ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH, EP_PULL, NULL,
	    "zmqcat: push: handshake failed " EP_PULL
	    " (security mechanism mismatch)\n",
	    "{\"event\":\"handshake_failed\",\"socket\":\"push\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"security mechanism mismatch\"}\n",
	    "handshake failed with a protocol error" },
	{ "push", ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
	    ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC, EP_PULL, NULL,
	    "zmqcat: push: handshake failed " EP_PULL
	    " (cryptographic error (wrong key?))\n",
	    "{\"event\":\"handshake_failed\",\"socket\":\"push\",\"endpoint\":\""
	    EP_PULL "\",\"reason\":\"cryptographic error (wrong key?)\"}\n",
	    "handshake failed with a cryptographic error" },
	{ "push", ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, 400, EP_PULL, NULL,
	    "zmqcat: push: handshake failed " EP_PULL
	    " (refused by the authenticator, status 400)\n",
	    "{\"event\":\"handshake_failed\",\"socket\":\"push\",\"endpoint\":\""
	    EP_PULL "\",\"status\":400,\"reason\":\"refused by the "
	    "authenticator, status 400\"}\n",
	    "handshake failed with status 400" },
	{ "sub", 0x8000, 5, EP_SUB, NULL,
	    "zmqcat: sub: event 0x8000 " EP_SUB " (value 5)\n",
	    "{\"event\":\"unknown\",\"socket\":\"sub\",\"endpoint\":\""
	    EP_SUB "\",\"code\":32768,\"value\":5}\n",
	    "an unknown event, by its number" },
	{ "pair", ZMQ_EVENT_CONNECTED, 9, "ipc:///tmp/a\"b\\c", NULL,
	    "zmqcat: pair: connected ipc:///tmp/a\"b\\c\n",
	    "{\"event\":\"connected\",\"socket\":\"pair\",\"endpoint\":"
	    "\"ipc:///tmp/a\\\"b\\\\c\"}\n",
	    "an endpoint with a quote and a backslash" },
	{ LONGNAME, ZMQ_EVENT_CONNECTED, 9, EP_SUB, NULL,
	    "zmqcat: " LONGNAME ": connected " EP_SUB "\n",
	    "{\"event\":\"connected\",\"socket\":\"" LONGNAME "\",\"endpoint\":"
	    "\"" EP_SUB "\"}\n", "a 260-character socket name" },
};

/* Every event libzmq 4.3 reports and its names. */
static const struct {
	uint16_t	 event;
	const char	*text;
	const char	*json;
} names[] = {
	{ ZMQ_EVENT_CONNECTED, "connected", "connected" },
	{ ZMQ_EVENT_CONNECT_DELAYED, "connect delayed", "connect_delayed" },
	{ ZMQ_EVENT_CONNECT_RETRIED, "connect retried", "connect_retried" },
	{ ZMQ_EVENT_LISTENING, "listening", "listening" },
	{ ZMQ_EVENT_BIND_FAILED, "bind failed", "bind_failed" },
	{ ZMQ_EVENT_ACCEPTED, "accepted", "accepted" },
	{ ZMQ_EVENT_ACCEPT_FAILED, "accept failed", "accept_failed" },
	{ ZMQ_EVENT_CLOSED, "closed", "closed" },
	{ ZMQ_EVENT_CLOSE_FAILED, "close failed", "close_failed" },
	{ ZMQ_EVENT_DISCONNECTED, "disconnected", "disconnected" },
	{ ZMQ_EVENT_MONITOR_STOPPED, "monitor stopped", "monitor_stopped" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, "handshake failed",
	    "handshake_failed" },
	{ ZMQ_EVENT_HANDSHAKE_SUCCEEDED, "handshake succeeded",
	    "handshake_succeeded" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL, "handshake failed",
	    "handshake_failed" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, "handshake failed",
	    "handshake_failed" },
};

/* What monitor_reason says; NULL where an event has no reason. */
static const struct {
	uint16_t	 event;
	uint32_t	 value;
	const char	*reason;
	const char	*what;
} reasons[] = {
	{ ZMQ_EVENT_CONNECTED, 9, NULL, "connected" },
	{ ZMQ_EVENT_CONNECT_RETRIED, 100, NULL, "connect retried" },
	{ ZMQ_EVENT_HANDSHAKE_SUCCEEDED, 0, NULL, "handshake succeeded" },
	{ ZMQ_EVENT_MONITOR_STOPPED, 0, NULL, "monitor stopped" },
	{ 0x8000, 5, NULL, "an unknown event" },
	{ ZMQ_EVENT_BIND_FAILED, EADDRINUSE, "Address already in use",
	    "bind failed" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL, EPIPE, "Broken pipe",
	    "handshake failed, errno" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
	    ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND, "unexpected command",
	    "handshake failed, unexpected command" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL,
	    ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY, "malformed ZAP reply",
	    "handshake failed, malformed ZAP reply" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, 400,
	    "refused by the authenticator, status 400",
	    "handshake failed, status 400" },
	{ ZMQ_EVENT_HANDSHAKE_FAILED_AUTH, 500,
	    "refused by the authenticator, status 500",
	    "handshake failed, status 500" },
};

/* Render one event into ob, emptied first, and NUL-terminate it. */
static const char *
render(struct outbuf *ob, const char *sock, const struct monitor_event *ev,
    enum monitor_mode mode)
{
	ob->len = 0;
	monitor_render(ob, sock, ev, mode);
	outbuf_put(ob, "", 1);
	return ob->buf;
}

/* The first frame of a monitor message decodes to event and value. */
static void
test_parse(void)
{
	struct monitor_event ev;
	unsigned char frame[8];
	uint16_t event = ZMQ_EVENT_CONNECT_RETRIED;
	uint32_t value = 250;

	memcpy(frame, &event, sizeof(event));
	memcpy(frame + 2, &value, sizeof(value));
	tap_ok(monitor_parse(frame, 6, &ev) == 0 &&
	    ev.event == ZMQ_EVENT_CONNECT_RETRIED && ev.value == 250 &&
	    ev.endpoint == NULL && ev.eplen == 0 && ev.peer == NULL,
	    "monitor_parse: a 6-byte frame gives its event and value");
	value = 0xfffffffe;
	memcpy(frame + 2, &value, sizeof(value));
	tap_ok(monitor_parse(frame, 6, &ev) == 0 && ev.value == 0xfffffffe,
	    "monitor_parse: a value above 2^31");
	tap_ok(monitor_parse(frame, 5, &ev) == -1 && ev.event == 0 &&
	    ev.value == 0, "monitor_parse: a 5-byte frame is refused");
	tap_ok(monitor_parse(frame, 0, &ev) == -1,
	    "monitor_parse: an empty frame is refused");
}

/* Names in words and in snake case; NULL for an unknown event. */
static void
test_names(void)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *t = monitor_event_name(names[i].event, 0);
		const char *j = monitor_event_name(names[i].event, 1);

		tap_ok(t && j && strcmp(t, names[i].text) == 0 &&
		    strcmp(j, names[i].json) == 0,
		    "monitor_event_name: 0x%x is '%s' and '%s'",
		    (unsigned)names[i].event, names[i].text, names[i].json);
	}
	tap_ok(monitor_event_name(0x8000, 0) == NULL &&
	    monitor_event_name(0x8000, 1) == NULL && monitor_event_name(0, 0)
	    == NULL, "monitor_event_name: unknown events have no name");
}

/* Failures say why in words; other events say nothing. */
static void
test_reasons(void)
{
	struct monitor_event ev;
	char buf[128];
	const char *r;
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.event = reasons[i].event;
		ev.value = reasons[i].value;
		r = monitor_reason(&ev, buf, sizeof(buf));
		tap_ok(reasons[i].reason ? r && strcmp(r, reasons[i].reason) ==
		    0 : r == NULL, "monitor_reason: %s: %s", reasons[i].what,
		    reasons[i].reason ? reasons[i].reason : "none");
		if (reasons[i].reason ? !r || strcmp(r, reasons[i].reason) :
		    r != NULL)
			tap_diag("got '%s'", r ? r : "(null)");
	}
	memset(&ev, 0, sizeof(ev));
	ev.event = ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL;
	ev.value = 0x7ffffff0;
	r = monitor_reason(&ev, buf, sizeof(buf));
	tap_ok(r != NULL && *r != '\0',
	    "monitor_reason: an unknown protocol error still has words");
}

/* Every event as a line of words and as one JSON object. */
static void
test_render(void)
{
	struct monitor_event ev;
	struct outbuf ob;
	const char *got;
	json_t *obj;
	json_error_t jerr;
	size_t i;
	int ok;

	outbuf_init(&ob, -1, 16);
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.event = events[i].event;
		ev.value = events[i].value;
		ev.endpoint = events[i].endpoint;
		ev.eplen = strlen(events[i].endpoint);
		ev.peer = events[i].peer;
		got = render(&ob, events[i].sock, &ev, MONITOR_TEXT);
		ok = strcmp(got, events[i].text) == 0;
		tap_ok(ok, "text: %s", events[i].what);
		if (!ok)
			tap_diag("got '%s'", got);
		got = render(&ob, events[i].sock, &ev, MONITOR_JSON);
		if (events[i].json != NULL) {
			ok = strcmp(got, events[i].json) == 0;
			tap_ok(ok, "JSON: %s", events[i].what);
			if (!ok)
				tap_diag("got '%s'", got);
		}
		/* every object is valid JSON on one line, whatever it holds */
		obj = json_loads(got, 0, &jerr);
		tap_ok(obj != NULL && json_is_object(obj) &&
		    strchr(got, '\n') == got + strlen(got) - 1 &&
		    json_is_string(json_object_get(obj, "event")) &&
		    strcmp(json_string_value(json_object_get(obj, "socket")),
		    events[i].sock) == 0, "JSON: %s is one valid object",
		    events[i].what);
		json_decref(obj);
	}
	/* the endpoint is not NUL-terminated: only eplen bytes are used */
	memset(&ev, 0, sizeof(ev));
	ev.event = ZMQ_EVENT_CONNECTED;
	ev.endpoint = EP_SUB "garbage";
	ev.eplen = strlen(EP_SUB);
	got = render(&ob, "sub", &ev, MONITOR_TEXT);
	tap_ok(strcmp(got, "zmqcat: sub: connected " EP_SUB "\n") == 0,
	    "text: only eplen bytes of the endpoint are shown");
	got = render(&ob, "sub", &ev, MONITOR_JSON);
	tap_ok(strcmp(got, "{\"event\":\"connected\",\"socket\":\"sub\","
	    "\"endpoint\":\"" EP_SUB "\"}\n") == 0,
	    "JSON: only eplen bytes of the endpoint are shown");
	outbuf_free(&ob);
}

#define AF	"zmqcat: pull: accept failed " EP_PULL " (Too many open files)"
#define HS	"zmqcat: pull: handshake succeeded " EP_PULL
#define ACC	"zmqcat: pull: accepted " EP_PULL " (peer "

/* The events the repeat tests use. */
static const struct {
	uint16_t	 event;
	uint32_t	 value;
	const char	*peer;
} kinds[] = {
	{ ZMQ_EVENT_ACCEPT_FAILED, EMFILE, NULL },	/* a */
	{ ZMQ_EVENT_HANDSHAKE_SUCCEEDED, 0, NULL },	/* h */
	{ ZMQ_EVENT_ACCEPTED, 11, "127.0.0.1:1" },	/* 1 */
	{ ZMQ_EVENT_ACCEPTED, 11, "127.0.0.1:2" },	/* 2: another peer */
	{ ZMQ_EVENT_ACCEPTED, 12, "127.0.0.1:1" },	/* 3: another fd */
	{ ZMQ_EVENT_ACCEPT_FAILED, ENFILE, NULL },	/* e: another errno */
	{ ZMQ_EVENT_CONNECT_DELAYED, 0, NULL },		/* d */
	{ ZMQ_EVENT_CLOSED, 13, NULL },			/* c */
	{ ZMQ_EVENT_CONNECT_RETRIED, 200, NULL },	/* r */
	{ ZMQ_EVENT_CONNECT_RETRIED, 150, NULL },	/* R: another wait */
	{ ZMQ_EVENT_CONNECTED, 14, NULL },		/* C */
};
#define KINDS	"ah123edcrRC"
#define RT	"zmqcat: pull: connect retried " EP_PULL " (next try in 200 ms)"

/*
 * Sequences of events at times (ms): a letter of KINDS is that event,
 * '.' asks for the counts that are due, '!' for every count (the end);
 * each step is "LETTER@MS", separated by spaces. What --monitor prints.
 */
static const struct {
	const char	*steps;
	const char	*text;
	const char	*what;
} repeats[] = {
	{ "a@0 a@10 a@20 a@30 !@40", AF "\n" AF ", 3 more like it\n",
	    "repeats within a second are counted, said at the end" },
	{ "a@0 a@10 a@20 h@30", AF "\n" AF ", 2 more like it\n" HS "\n",
	    "something else says the count first" },
	{ "a@0 a@10 .@999 .@1000 .@1001 !@1002",
	    AF "\n" AF ", 1 more like it\n",
	    "the count is due a second after the line" },
	{ "a@0 a@500 a@1000 a@1500 a@2000 a@2100 !@2200",
	    AF "\n" AF ", 2 more like it\n" AF ", 2 more like it\n"
	    AF ", 1 more like it\n",
	    "a repeat a second on says itself with those before" },
	{ "a@0 a@1000 a@2500 !@2600", AF "\n" AF "\n" AF "\n",
	    "a repeat with none before it, a second on, is a line again" },
	{ "h@0 h@1 h@2 .@1002 h@1003 h@1500 !@1600",
	    HS "\n" HS ", 2 more like it\n" HS ", 2 more like it\n",
	    "counting goes on after a due count, for another second" },
	{ "1@0 2@1 1@2 3@3 3@4 !@5", ACC "127.0.0.1:1)\n" ACC "127.0.0.1:2)\n"
	    ACC "127.0.0.1:1)\n" ACC "127.0.0.1:1)\n"
	    ACC "127.0.0.1:1), 1 more like it\n",
	    "another peer or another value is not a repeat" },
	{ "a@0 e@1 a@2 !@3", AF "\n"
	    "zmqcat: pull: accept failed " EP_PULL
	    " (Too many open files in system)\n" AF "\n",
	    "another errno is not a repeat" },
	{ "a@0 h@1 h@2 a@3 a@4 a@5 !@6 !@7", AF "\n" HS "\n"
	    HS ", 1 more like it\n" AF "\n" AF ", 2 more like it\n",
	    "the end says each count once" },
	{ "d@0 c@1 r@2 d@200 c@201 R@202 d@400 c@401 r@402 d@500 C@501",
	    "zmqcat: pull: connect delayed " EP_PULL "\n"
	    "zmqcat: pull: closed " EP_PULL "\n" RT "\n"
	    RT ", 2 more like it\n"
	    "zmqcat: pull: connected " EP_PULL "\n",
	    "a retry loop is one line and a count, said when it connects" },
	{ "r@0 d@1 r@2000 R@9999 .@9999 .@10000 r@10001 !@10002",
	    RT "\n" RT ", 2 more like it\n" RT ", 1 more like it\n",
	    "a retry loop's count is said each ten seconds" },
	{ "r@0 a@1", RT "\n" AF "\n", "a retry then something else: lines" },
};

/* Run one sequence of repeats steps through monitor_show into ob. */
static void
run_repeats(struct outbuf *ob, const char *steps, enum monitor_mode mode)
{
	struct monitor_repeats r;
	struct monitor_out out = { ob, "pull", mode };
	struct monitor_event ev;
	const char *p = steps, *k;
	long t;
	char c;

	memset(&r, 0, sizeof(r));
	ob->len = 0;
	while (*p != '\0') {
		c = *p;
		t = strtol(p + 2, (char **)&p, 10);
		while (*p == ' ')
			p++;
		if (c == '.' || c == '!') {
			monitor_show_pending(&r, &out, t, c == '!');
			continue;
		}
		k = strchr(KINDS, c);
		memset(&ev, 0, sizeof(ev));
		ev.event = kinds[k - KINDS].event;
		ev.value = kinds[k - KINDS].value;
		ev.peer = kinds[k - KINDS].peer;
		ev.endpoint = EP_PULL;
		ev.eplen = strlen(EP_PULL);
		monitor_show(&r, &out, &ev, t);
	}
	monitor_repeats_free(&r);
	outbuf_put(ob, "", 1);
}

/* Repeats condensed: the first shown, the rest counted and said. */
static void
test_repeats(void)
{
	struct monitor_repeats r;
	struct monitor_out out;
	struct monitor_event ev;
	struct outbuf ob;
	size_t i;
	int ok;

	outbuf_init(&ob, -1, 16);
	for (i = 0; i < sizeof(repeats) / sizeof(repeats[0]); i++) {
		run_repeats(&ob, repeats[i].steps, MONITOR_TEXT);
		ok = strcmp(ob.buf, repeats[i].text) == 0;
		tap_ok(ok, "repeats: %s", repeats[i].what);
		if (!ok)
			tap_diag("got '%s'", ob.buf);
	}
	memset(&ev, 0, sizeof(ev));
	ev.event = ZMQ_EVENT_CONNECTED;
	ev.endpoint = EP_PULL;
	ev.eplen = strlen(EP_PULL);
	ev.time_ms = 1700000000123LL;
	ob.len = 0;
	monitor_render(&ob, "pull", &ev, MONITOR_TEXT);
	monitor_render(&ob, "pull", &ev, MONITOR_JSON);
	outbuf_put(&ob, "", 1);
	tap_ok(strcmp(ob.buf, "zmqcat: 22:13:20.123 pull: connected " EP_PULL
	    "\n{\"event\":\"connected\",\"socket\":\"pull\",\"time\":"
	    "1700000000123,\"endpoint\":\"" EP_PULL "\"}\n") == 0,
	    "a line has its time: HH:MM:SS.mmm (local), or \"time\" (ms)");
	run_repeats(&ob, "a@0 a@1 a@2 !@3", MONITOR_JSON);
	tap_ok(strcmp(ob.buf, "{\"event\":\"accept_failed\",\"socket\":"
	    "\"pull\",\"endpoint\":\"" EP_PULL "\",\"reason\":\"Too many "
	    "open files\"}\n{\"event\":\"accept_failed\",\"socket\":"
	    "\"pull\",\"endpoint\":\"" EP_PULL "\",\"reason\":\"Too many "
	    "open files\",\"count\":2}\n") == 0,
	    "repeats: JSON says the count in a count member");
	/* when the count is due: a second after the line, or never */
	memset(&r, 0, sizeof(r));
	memset(&ev, 0, sizeof(ev));
	out.ob = &ob;
	out.sock = "pull";
	out.mode = MONITOR_TEXT;
	ev.event = ZMQ_EVENT_ACCEPT_FAILED;
	ev.endpoint = EP_PULL;
	ev.eplen = strlen(EP_PULL);
	monitor_show(&r, &out, &ev, 5000);
	ok = monitor_due(&r) == -1;
	monitor_show(&r, &out, &ev, 5100);
	ok = ok && monitor_due(&r) == 6000;
	monitor_show_pending(&r, &out, 6000, 0);
	tap_ok(ok && monitor_due(&r) == -1,
	    "repeats: a count is due a second after the line, none without");
	monitor_repeats_free(&r);
	outbuf_free(&ob);
}

/* Run every table; the exit status tells the harness about failures. */
int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_parse();
	test_names();
	test_reasons();
	test_render();
	test_repeats();
	return tap_done();
}
