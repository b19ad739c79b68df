/* Table-driven tests of --check-seq: the specs it takes and refuses,
 * and the number each reads from a message. */
#include "config.h"

#include <string.h>
#include <sys/uio.h>

#include "../src/seqspec.h"
#include "../src/status.h"
#include "tap.h"

#define WANT	"(want [FRAME:]text, u32le, u32be, u64le, u64be or json=.PATH)"

/* Specs that parse, to the kind and frame they say. */
static const struct {
	const char		*text;
	enum seqspec_kind	 kind;
	int			 frame;
} good[] = {
	{ "text", SEQSPEC_TEXT, 0 },
	{ "3:u32le", SEQSPEC_U32LE, 3 },
	{ "last:u32be", SEQSPEC_U32BE, 0 },
	{ "1:u64le", SEQSPEC_U64LE, 1 },
	{ "64:u64be", SEQSPEC_U64BE, 64 },
	{ "json=.a.b", SEQSPEC_JSON, 0 },
	{ "2:json=.x:y", SEQSPEC_JSON, 2 },	/* a colon in a key */
	{ "json=.", SEQSPEC_JSON, 0 },
};

/* Specs refused, with the message. */
static const struct {
	const char	*text;
	const char	*err;
} bad[] = {
	{ "", "bad sequence spec '': unknown kind " WANT },
	{ "u16le", "bad sequence spec 'u16le': unknown kind " WANT },
	{ "0:text", "bad sequence spec '0:text': a frame is 1 to 64, or "
	    "last " WANT },
	{ "65:text", "bad sequence spec '65:text': a frame is 1 to 64, or "
	    "last " WANT },
	{ ":text", "bad sequence spec ':text': a frame is 1 to 64, or "
	    "last " WANT },
	{ "x:text", "bad sequence spec 'x:text': a frame is 1 to 64, or "
	    "last " WANT },
	{ "json=a", "bad sequence spec 'json=a': a JSON path starts with a "
	    "dot " WANT },
	{ "2:TEXT", "bad sequence spec '2:TEXT': unknown kind " WANT },
};

/* A message of up to three frames, a spec, and what it reads. */
static const struct {
	const char	*spec;
	const char	*frames[3];
	size_t		 lens[3];
	int		 rc;
	uint64_t	 seq;
} reads[] = {
	{ "text", { "a", "42" }, { 1, 2 }, 0, 42 },
	{ "text", { "18446744073709551615" }, { 20 }, 0, UINT64_MAX },
	{ "text", { "18446744073709551616" }, { 20 }, -1, 0 },
	{ "text", { "4x" }, { 2 }, -1, 0 },
	{ "text", { "007" }, { 3 }, 0, 7 },
	{ "text", { "" }, { 0 }, -1, 0 },
	{ "1:text", { "7", "x" }, { 1, 1 }, 0, 7 },
	{ "3:u32le", { "hashblock", "h", "\x01\x02\x00\x00" }, { 9, 1, 4 },
	    0, 0x0201 },
	{ "3:u32be", { "t", "h", "\x00\x00\x01\x02\xff" }, { 1, 1, 5 },
	    0, 0x0102 },
	{ "u64le", { "\x01\x00\x00\x00\x00\x00\x00\x80" }, { 8 }, 0,
	    0x8000000000000001ULL },
	{ "u64be", { "\x00\x00\x00\x00\x00\x00\x01\x00" }, { 8 }, 0, 256 },
	{ "u64be", { "\x00\x00\x01" }, { 3 }, -1, 0 },
	{ "3:u32le", { "a", "b" }, { 1, 1 }, -1, 0 },
	{ "json=.n", { "{\"n\":5}" }, { 7 }, 0, 5 },
	{ "json=.a.1", { "{\"a\":[0,9]}" }, { 11 }, 0, 9 },
	{ "json=.", { "12" }, { 2 }, 0, 12 },
	{ "json=.n", { "{\"n\":-1}" }, { 8 }, -1, 0 },
	{ "json=.n", { "{\"n\":\"5\"}" }, { 9 }, -1, 0 },
	{ "json=.n", { "{\"n\":5" }, { 6 }, -1, 0 },
};

int
main(void)
{
	struct iovec iov[3];
	struct seqspec s;
	char err[ZC_ERRLEN];
	uint64_t seq;
	size_t i, k, n;
	int rc;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		rc = seqspec_parse(&s, good[i].text, err, sizeof(err));
		tap_ok(rc == 0 && s.kind == good[i].kind &&
		    s.frame == good[i].frame, "'%s' parses", good[i].text);
		seqspec_free(&s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		rc = seqspec_parse(&s, bad[i].text, err, sizeof(err));
		tap_ok(rc == -1 && strcmp(err, bad[i].err) == 0,
		    "'%s' is refused", bad[i].text);
		if (rc != -1 || strcmp(err, bad[i].err) != 0)
			tap_diag("got '%s'", err);
		seqspec_free(&s);
	}
	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		for (n = 0; n < 3 && reads[i].frames[n] != NULL; n++) {
			iov[n].iov_base = (void *)reads[i].frames[n];
			iov[n].iov_len = reads[i].lens[n];
		}
		seq = 0;
		k = seqspec_parse(&s, reads[i].spec, err, sizeof(err)) == 0;
		rc = k ? seqspec_read(&s, iov, n, &seq) : -2;
		tap_ok(rc == reads[i].rc && (rc != 0 || seq == reads[i].seq),
		    "%s on row %zu: %s", reads[i].spec, i, reads[i].rc == 0 ?
		    "read" : "no number");
		if (rc == 0 && seq != reads[i].seq)
			tap_diag("got %llu", (unsigned long long)seq);
		seqspec_free(&s);
	}
	return tap_done();
}
