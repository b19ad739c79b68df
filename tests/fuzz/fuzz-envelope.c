/*
 * Fuzz -J input: envelope_parse on each part as one line, with one
 * envelope reused from line to line as stdin does. A line that parses
 * has at least one frame, a "to" without a NUL and a "time" in range;
 * its frames, rendered as an envelope (envelope_render, as -J prints a
 * message), parse back to the same frames. The render uses a memo kept
 * from line to line, as -J does, with the socket and the peer (its "to")
 * changing between lines, and must be what a fresh memo renders.
 */
#include "config.h"

#include "../../src/envelope.h"
#include "../../src/status.h"
#include "fuzz.h"

/* The render with the memo kept is the render with a fresh one. */
static void
memo_check(const struct msg *m, const struct outbuf *ob)
{
	struct envelope_memo fresh;
	struct outbuf again;

	envelope_memo_init(&fresh);
	outbuf_init(&again, -1, 64);
	FUZZ_CHECK(envelope_render(&fresh, m, &again) == 0, "fresh render");
	FUZZ_CHECK(again.len == ob->len && memcmp(again.buf, ob->buf,
	    ob->len) == 0, "the memo changed the render: %.*s", (int)ob->len,
	    ob->buf);
	outbuf_free(&again);
	envelope_memo_free(&fresh);
}

/* The envelope's frames render and parse back to the same; line k
 * comes from socket "s" or "r" (a ROUTER), with its "to" as the peer. */
static void
round_trip(const struct envelope *e, struct envelope_memo *mm, size_t k)
{
	struct envelope back;
	struct outbuf ob;
	struct msg m;
	char err[ZC_ERRLEN];
	size_t i;

	memset(&m, 0, sizeof(m));
	m.sockname = k % 3 == 2 ? "r" : "s";
	m.socktype = k % 3 == 2 ? "ROUTER" : "PULL";
	m.is_router = k % 3 == 2;
	m.frames = e->fb.iov;
	m.nframes = e->fb.nframes;
	m.time_ms = e->time;
	m.peer = k % 2 == 1 ? e->to : NULL;
	m.to = -1;
	outbuf_init(&ob, -1, 64);
	envelope_init(&back);
	FUZZ_CHECK(envelope_render(mm, &m, &ob) == 0, "render");
	memo_check(&m, &ob);
	FUZZ_CHECK(envelope_parse(&back, ob.buf, ob.len, err,
	    sizeof(err)) == 0, "the render does not parse: %s: %.*s", err,
	    (int)ob.len, ob.buf);
	FUZZ_CHECK(back.fb.nframes == e->fb.nframes, "frame count");
	for (i = 0; i < e->fb.nframes; i++)
		FUZZ_CHECK(back.fb.iov[i].iov_len == e->fb.iov[i].iov_len &&
		    memcmp(back.fb.iov[i].iov_base, e->fb.iov[i].iov_base,
		    e->fb.iov[i].iov_len) == 0, "frame %zu differs", i);
	envelope_free(&back);
	outbuf_free(&ob);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envelope e;
	struct envelope_memo mm;
	struct fuzz_in in;
	char err[ZC_ERRLEN], *part;
	void *line;
	size_t len, k = 0;

	fuzz_init(&in, data, size);
	envelope_init(&e);
	envelope_memo_init(&mm);
	while ((part = fuzz_part(&in, &len)) != NULL) {
		line = fuzz_dup(part, len);
		err[0] = '\0';
		if (envelope_parse(&e, line, len, err, sizeof(err)) == -1)
			FUZZ_CHECK_ERR(err);
		else {
			FUZZ_CHECK(e.fb.nframes > 0 && strlen(e.to) < e.tocap &&
			    (!e.has_time || (e.time >= 0 &&
			    e.time <= ENVELOPE_TIME_MAX)), "envelope fields");
			round_trip(&e, &mm, k++);
		}
		free(line);
		free(part);
	}
	envelope_free(&e);
	envelope_memo_free(&mm);
	return 0;
}
