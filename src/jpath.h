/* A dotted path into a JSON value: .a.b.0 */
#ifndef ZMQCAT_JPATH_H
#define ZMQCAT_JPATH_H

#include <jansson.h>
#include <stddef.h>

struct jpath {
	char	**keys;		/* object keys, or array indexes */
	size_t	  depth;
};

void jpath_parse(struct jpath *p, const char *text, size_t len);
json_t *jpath_get(const struct jpath *p, json_t *root);
void jpath_free(struct jpath *p);

#endif
