/*
 * What the libFuzzer harnesses share: an input taken apart into a few
 * bytes of choices and parts separated by FUZZ_SEP, each part copied to
 * a buffer of exactly its size (so AddressSanitizer sees a read one byte
 * past it), and a check that ends the run with a finding.
 */
#ifndef ZMQCAT_FUZZ_H
#define ZMQCAT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Between the parts of an input: ASCII's record separator, a byte no
 * grammar here gives a meaning (the dictionaries list it). */
#define FUZZ_SEP	'\x1e'

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An input being taken apart from the front. */
struct fuzz_in {
	const uint8_t	*p;
	size_t		 n;
};

/* Start taking data apart. */
static inline void
fuzz_init(struct fuzz_in *in, const uint8_t *data, size_t size)
{
	in->p = data;
	in->n = size;
}

/* The next byte, a choice; 0 once the input is used up. */
static inline unsigned
fuzz_byte(struct fuzz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/*
 * The next part, up to FUZZ_SEP or the end, in a new buffer of exactly
 * len + 1 bytes with a NUL after the part (which a C-string parser stops
 * at, as at the end of an argument); NULL once the input is used up.
 */
static inline char *
fuzz_part(struct fuzz_in *in, size_t *len)
{
	const uint8_t *sep;
	char *s;
	size_t n;

	if (in->n == 0 && in->p == NULL)
		return NULL;
	sep = memchr(in->p, FUZZ_SEP, in->n);
	n = sep ? (size_t)(sep - in->p) : in->n;
	s = malloc(n + 1);
	if (s == NULL)
		abort();
	memcpy(s, in->p, n);
	s[n] = '\0';
	if (len != NULL)
		*len = n;
	if (sep != NULL) {
		in->p = sep + 1;
		in->n -= n + 1;
	} else {
		in->p = NULL;	/* the last part is taken */
		in->n = 0;
	}
	return s;
}

/* The rest of the input as bytes, in a buffer of exactly its size. */
static inline void *
fuzz_rest(struct fuzz_in *in, size_t *len)
{
	void *b = malloc(in->n ? in->n : 1);

	if (b == NULL)
		abort();
	if (in->n)
		memcpy(b, in->p, in->n);
	*len = in->n;
	in->p = NULL;	/* all taken */
	in->n = 0;
	return b;
}

/* A copy of len bytes in a buffer of exactly that size, no NUL after. */
static inline void *
fuzz_dup(const void *p, size_t len)
{
	void *b = malloc(len ? len : 1);

	if (b == NULL)
		abort();
	if (len)
		memcpy(b, p, len);
	return b;
}

/* A property the code promises did not hold: report it, then abort, which
 * libFuzzer takes as a crash and keeps the input of. */
#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz check failed: %s (%s:%d)\n",	\
		    #cond, __FILE__, __LINE__);				\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

/* An error message was written: not empty, NUL-terminated in its buffer. */
#define FUZZ_CHECK_ERR(err) FUZZ_CHECK((err)[0] != '\0' &&		\
    memchr((err), '\0', sizeof(err)) != NULL, "no error message")

#endif
