/* Backslash escapes for delimiters and formats: \n \t \r \0 \\ \xNN. */
#ifndef ZMQCAT_ESCAPE_H
#define ZMQCAT_ESCAPE_H

#include <stddef.h>

int escape_one(const char *p, char *out);
int escape_parse(const char *in, char **out, size_t *outlen, char *err,
    size_t errlen);

#endif
