/*
 * Fuzz -J input: envelope_parse on each part as one line, with one
 * envelope reused from line to line as stdin does. A line that parses
 * has at least one frame, a "to" without a NUL and a "time" in range;
 * its frames, rendered as an envelope (envelope_render, as -J prints a
 * message), parse back to the same frames.
 */
#include "config.h"

#include "../../src/envelope.h"
#include "../../src/status.h"
#include "fuzz.h"

/* The envelope's frames render and parse back to the same. */
static void
round_trip(const struct envelope *e)
{
	struct envelope back;
	struct outbuf ob;
	struct msg m;
	char err[ZC_ERRLEN];
	size_t i;

	memset(&m, 0, sizeof(m));
	m.sockname = "s";
	m.socktype = "PULL";
	m.frames = e->fb.iov;
	m.nframes = e->fb.nframes;
	m.time_ms = e->time;
	m.to = -1;
	outbuf_init(&ob, -1, 64);
	envelope_init(&back);
	FUZZ_CHECK(envelope_render(&m, &ob) == 0, "render");
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
	struct fuzz_in in;
	char err[ZC_ERRLEN], *part;
	void *line;
	size_t len;

	fuzz_init(&in, data, size);
	envelope_init(&e);
	while ((part = fuzz_part(&in, &len)) != NULL) {
		line = fuzz_dup(part, len);
		err[0] = '\0';
		if (envelope_parse(&e, line, len, err, sizeof(err)) == -1)
			FUZZ_CHECK_ERR(err);
		else {
			FUZZ_CHECK(e.fb.nframes > 0 && strlen(e.to) < e.tocap &&
			    (!e.has_time || (e.time >= 0 &&
			    e.time <= ENVELOPE_TIME_MAX)), "envelope fields");
			round_trip(&e);
		}
		free(line);
		free(part);
	}
	envelope_free(&e);
	return 0;
}
