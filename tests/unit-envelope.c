/*
 * Table-driven tests of the -J envelope's render: the exact text of each
 * message in a run, one memo kept from row to row as -J keeps it, so the
 * rows change the socket, the millisecond and the peer under it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "../src/envelope.h"
#include "tap.h"

#define MAXFR	3

/* One message as a socket gives it, and the exact envelope it prints. */
static const struct {
	const char	*name;
	const char	*type;
	int		 router;
	size_t		 nframes;
	const char	*frames[MAXFR];
	size_t		 lens[MAXFR];
	long long	 time;
	const char	*peer;
	const char	*out;
	const char	*what;
} rows[] = {
	{ "s", "PULL", 0, 1, { "hi" }, { 2 }, 5, NULL,
	    "{\"socket\":\"s\",\"type\":\"PULL\",\"frames\":[\"hi\"],"
	    "\"time\":5}", "one frame, no peer" },
	{ "s", "PULL", 0, 1, { "hi" }, { 2 }, 5, "10.0.0.1",
	    "{\"socket\":\"s\",\"type\":\"PULL\",\"frames\":[\"hi\"],"
	    "\"time\":5,\"peer\":\"10.0.0.1\"}", "a peer comes" },
	{ "s", "PULL", 0, 1, { "hi" }, { 2 }, 5, "10.0.0.2",
	    "{\"socket\":\"s\",\"type\":\"PULL\",\"frames\":[\"hi\"],"
	    "\"time\":5,\"peer\":\"10.0.0.2\"}", "another peer, same ms" },
	{ "r", "ROUTER", 1, 2, { "\0\377id", "x" }, { 4, 1 }, 6, "10.0.0.2",
	    "{\"socket\":\"r\",\"type\":\"ROUTER\",\"routing_id\":"
	    "{\"base64\":\"AP9pZA==\"},\"frames\":[\"x\"],\"time\":6,"
	    "\"peer\":\"10.0.0.2\"}", "another socket, a ROUTER" },
	{ "r", "ROUTER", 1, 0, { NULL }, { 0 }, 6, "10.0.0.2",
	    "{\"socket\":\"r\",\"type\":\"ROUTER\",\"frames\":[],"
	    "\"time\":6,\"peer\":\"10.0.0.2\"}",
	    "a ROUTER's message without frames: no routing_id" },
	{ "q\"t", "SUB", 0, 0, { NULL }, { 0 }, -3, NULL,
	    "{\"socket\":\"q\\\"t\",\"type\":\"SUB\",\"frames\":[],"
	    "\"time\":0}", "a name escaped, no frames, time before 0" },
	{ "s", "PULL", 0, 3, { "a", "\n", "\377" }, { 1, 1, 1 },
	    1796164966885LL, "a\\b",
	    "{\"socket\":\"s\",\"type\":\"PULL\",\"frames\":[\"a\",\"\\n\","
	    "{\"base64\":\"/w==\"}],\"time\":1796164966885,"
	    "\"peer\":\"a\\\\b\"}", "back to the first socket, three frames" },
	{ "s", "PULL", 0, 1, { "" }, { 0 }, 1796164966885LL, NULL,
	    "{\"socket\":\"s\",\"type\":\"PULL\",\"frames\":[\"\"],"
	    "\"time\":1796164966885}", "the peer gone, an empty frame" },
};

/* Build row i's message; its frames point into the table. */
static void
row_msg(size_t i, struct msg *m, struct iovec *iov)
{
	size_t k;

	memset(m, 0, sizeof(*m));
	for (k = 0; k < rows[i].nframes; k++) {
		iov[k].iov_base = (void *)rows[i].frames[k];
		iov[k].iov_len = rows[i].lens[k];
	}
	m->sockname = rows[i].name;
	m->socktype = rows[i].type;
	m->is_router = rows[i].router;
	m->frames = iov;
	m->nframes = rows[i].nframes;
	m->time_ms = rows[i].time;
	m->peer = rows[i].peer;
	m->to = -1;
}

/* Render m with mm into a fresh buffer; 1 if it gives exactly want. */
static int
renders(struct envelope_memo *mm, const struct msg *m, const char *want)
{
	struct outbuf ob;
	int ok;

	outbuf_init(&ob, -1, 16);
	ok = envelope_render(mm, m, &ob) == 0 && ob.len == strlen(want) &&
	    memcmp(ob.buf, want, ob.len) == 0;
	if (!ok)
		tap_diag("got '%.*s'", (int)ob.len, ob.buf);
	outbuf_free(&ob);
	return ok;
}

/* Every row with the memo kept, then each with a fresh one. */
static void
test_rows(void)
{
	struct envelope_memo mm, fresh;
	struct iovec iov[MAXFR];
	struct msg m;
	size_t i;

	envelope_memo_init(&mm);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		row_msg(i, &m, iov);
		tap_ok(renders(&mm, &m, rows[i].out), "%s", rows[i].what);
		envelope_memo_init(&fresh);
		tap_ok(renders(&fresh, &m, rows[i].out), "%s, fresh memo",
		    rows[i].what);
		envelope_memo_free(&fresh);
	}
	envelope_memo_free(&mm);
	envelope_memo_free(&mm);	/* twice is harmless */
}

/* Output that is gone makes the render fail. */
static void
test_closed(void)
{
	struct envelope_memo mm;
	struct iovec iov[MAXFR];
	struct outbuf ob;
	struct msg m;

	envelope_memo_init(&mm);
	outbuf_init(&ob, -1, 16);
	ob.closed = 1;
	row_msg(1, &m, iov);
	tap_ok(envelope_render(&mm, &m, &ob) == -1,
	    "a closed output fails the render");
	outbuf_free(&ob);
	envelope_memo_free(&mm);
}

int
main(void)
{
	test_rows();
	test_closed();
	return tap_done();
}
