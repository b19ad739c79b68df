/*
 * Fuzz -r: route_parse on the first part, then route_match (prefix=,
 * match= regexes, json= paths) against the frames of the next parts,
 * each in a buffer of exactly its size as libzmq gives them. A rule that
 * parses renders (route_render) to a rule that parses to the same
 * render and takes the same messages.
 */
#include "config.h"

#include <sys/uio.h>

#include "../../src/route.h"
#include "../../src/status.h"
#include "fuzz.h"

#define MAXFRAMES	8

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iovec frames[MAXFRAMES];
	struct route *r, *again;
	struct fuzz_in in;
	char err[ZC_ERRLEN], *rule, *text, *text2, *part;
	size_t n = 0, i, len;

	fuzz_init(&in, data, size);
	rule = fuzz_part(&in, NULL);
	err[0] = '\0';
	if ((r = route_parse(rule, err, sizeof(err))) == NULL) {
		FUZZ_CHECK_ERR(err);
		free(rule);
		return 0;
	}
	text = route_render(r);
	again = route_parse(text, err, sizeof(err));
	FUZZ_CHECK(again != NULL, "'%s' renders as '%s', which does not "
	    "parse: %s", rule, text, err);
	text2 = route_render(again);
	FUZZ_CHECK(strcmp(text, text2) == 0, "'%s' renders as '%s', then "
	    "'%s'", rule, text, text2);
	while (n < MAXFRAMES && (part = fuzz_part(&in, &len)) != NULL) {
		frames[n].iov_base = fuzz_dup(part, len);
		frames[n++].iov_len = len;
		free(part);
	}
	FUZZ_CHECK(route_match(r, frames, n) == route_match(again, frames, n),
	    "'%s' and its render '%s' match differently", rule, text);
	for (i = 0; i < n; i++)
		free(frames[i].iov_base);
	route_destroy(&again);
	free(text2);
	free(text);
	route_destroy(&r);
	free(rule);
	return 0;
}
