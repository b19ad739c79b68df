/*
 * Fuzz -s: spec_parse on each part of the input, then the names given
 * to the specs that parsed (spec_assign_names) and a --subscribe topic
 * on each. A spec that parses has a type and an endpoint; one that does
 * not has a message.
 */
#include "config.h"

#include "../../src/spec.h"
#include "../../src/status.h"
#include "fuzz.h"

#define MAXSPECS	8

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spec *specs[MAXSPECS];
	struct fuzz_in in;
	char err[ZC_ERRLEN], *arg;
	size_t n = 0, i;

	fuzz_init(&in, data, size);
	while (n < MAXSPECS && (arg = fuzz_part(&in, NULL)) != NULL) {
		err[0] = '\0';
		if ((specs[n] = spec_parse(arg, err, sizeof(err))) == NULL)
			FUZZ_CHECK_ERR(err);
		else {
			FUZZ_CHECK(specs[n]->type != NULL &&
			    specs[n]->nendpoints > 0 &&
			    strcmp(specs[n]->text, arg) == 0, "spec '%s'", arg);
			/* the argument once more, as a topic */
			if (spec_add_subscribe(specs[n], arg, err,
			    sizeof(err)) == -1)
				FUZZ_CHECK_ERR(err);
			n++;
		}
		free(arg);
	}
	err[0] = '\0';
	if (spec_assign_names(specs, n, err, sizeof(err)) == -1)
		FUZZ_CHECK_ERR(err);
	else
		for (i = 0; i < n; i++)
			FUZZ_CHECK(specs[i]->name != NULL, "spec %zu unnamed",
			    i);
	for (i = 0; i < n; i++)
		spec_destroy(&specs[i]);
	return 0;
}
