/*
 * Fuzz -f: format_compile on the first part, then format_render of a
 * message made from the rest: its socket name, type, frame delimiter,
 * peer and frames, number and time. Rendering the same message twice
 * gives the same bytes (the pad and body buffers a format keeps are
 * reused from one message to the next; %r's generator is set to the same
 * state for both). format_template_check takes exactly the formats whose
 * tokens a sender knows (literals, %N, %t, %r), and names one it refuses.
 */
#include "config.h"

#include <sys/uio.h>
#include <time.h>

#include "../../src/envelope.h"
#include "../../src/format.h"
#include "../../src/status.h"
#include "fuzz.h"

#define MAXFRAMES	8

/* The receive time is local time for %{...}t: the same one every run. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "UTC", 1);
	tzset();
	return 0;
}

/* Nonzero when every token of fmt is one a message template takes. */
static int
sender_only(const struct format *fmt)
{
	size_t i;

	for (i = 0; i < fmt->ntoks; i++)
		if (fmt->toks[i].kind != FMT_LITERAL &&
		    fmt->toks[i].kind != FMT_SEQ &&
		    fmt->toks[i].kind != FMT_TIME &&
		    fmt->toks[i].kind != FMT_RANDOM)
			return 0;
	return 1;
}

/* The peer's properties, as a socket gives them: the value of one is
 * its name backwards, so what %{NAME}m prints depends on NAME. */
static const char *
fake_meta(const struct msg *m, const char *name)
{
	static char buf[300];
	size_t i, n = strlen(name);

	(void)m;
	if (n == 0 || n >= sizeof(buf) || name[0] == 'Z')
		return NULL;		/* a property the peer did not send */
	for (i = 0; i < n; i++)
		buf[i] = name[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* The next part, or "" once the input is used up. */
static char *
part_or_empty(struct fuzz_in *in, size_t *len)
{
	char *p = fuzz_part(in, len);

	if (p == NULL) {
		p = strdup("");
		if (len != NULL)
			*len = 0;
	}
	return p;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iovec frames[MAXFRAMES];
	struct outbuf one, two;
	struct format *fmt;
	struct fuzz_in in;
	struct msg m;
	char err[ZC_ERRLEN], *src, *name, *type, *fdelim, *peer, *part;
	size_t n = 0, i, len;
	unsigned flags;
	uint64_t t = 0;
	int rc;

	fuzz_init(&in, data, size);
	flags = fuzz_byte(&in);
	for (i = 0; i < 6; i++)
		t = t << 8 | fuzz_byte(&in);
	src = part_or_empty(&in, NULL);
	err[0] = '\0';
	if ((fmt = format_compile(src, err, sizeof(err))) == NULL) {
		FUZZ_CHECK_ERR(err);
		free(src);
		return 0;
	}
	rc = format_template_check(fmt, src, err, sizeof(err));
	FUZZ_CHECK((rc == 0) == sender_only(fmt), "'%s': a template? %d",
	    src, rc);
	if (rc == -1)
		FUZZ_CHECK(strstr(err, "' in '") != NULL && strstr(err,
		    "is for printing") != NULL, "'%s': %s", src, err);
	name = part_or_empty(&in, NULL);
	type = part_or_empty(&in, NULL);
	fdelim = part_or_empty(&in, &len);
	peer = part_or_empty(&in, NULL);
	memset(&m, 0, sizeof(m));
	m.sockname = name;
	m.socktype = type;
	m.fdelim = fdelim;
	m.fdelim_len = len;
	m.peer = flags & 1 ? peer : NULL;
	m.is_router = (flags & 2) != 0;
	m.seq = flags & 4 ? UINT64_MAX - t : t;
	m.time_ms = (int64_t)(t % (ENVELOPE_TIME_MAX + 1));
	m.to = -1;
	m.meta = flags & 8 ? fake_meta : NULL;
	while (n < MAXFRAMES && (part = fuzz_part(&in, &len)) != NULL) {
		frames[n].iov_base = fuzz_dup(part, len);
		frames[n++].iov_len = len;
		free(part);
	}
	m.frames = frames;
	m.nframes = n;
	outbuf_init(&one, -1, 64);
	outbuf_init(&two, -1, 64);
	/* -1 only when a %{...}t has no end to its output */
	fmt->rng = 1;
	rc = format_render(fmt, &m, &one);
	fmt->rng = 1;
	FUZZ_CHECK(format_render(fmt, &m, &two) == rc && one.len == two.len &&
	    memcmp(one.buf, two.buf, one.len) == 0, "'%s' rendered the same "
	    "message differently", src);
	outbuf_free(&one);
	outbuf_free(&two);
	for (i = 0; i < n; i++)
		free(frames[i].iov_base);
	free(name);
	free(type);
	free(fdelim);
	free(peer);
	format_destroy(&fmt);
	free(src);
	return 0;
}
