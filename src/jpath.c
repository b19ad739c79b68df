/*
 * A dotted path into a JSON value, as route's json= and --check-seq's
 * json= give it: ".a.b.0" is key a, then key b, then item 0 of an array.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jpath.h"
#include "xmalloc.h"

/* Split the len bytes of text after its leading dot at the dots; "."
 * alone is the value itself, and a dot at the end adds nothing. */
void
jpath_parse(struct jpath *p, const char *text, size_t len)
{
	const char *s, *end = text + len, *dot;

	memset(p, 0, sizeof(*p));
	for (s = text + 1; s < end; s = dot + 1) {
		if ((dot = memchr(s, '.', (size_t)(end - s))) == NULL)
			dot = end;
		p->keys = xrealloc(p->keys, (p->depth + 1) * sizeof(*p->keys));
		p->keys[p->depth++] = xstrndup(s, (size_t)(dot - s));
		if (dot == end)
			break;
	}
}

/* The value at the path in root (borrowed), or NULL. */
json_t *
jpath_get(const struct jpath *p, json_t *root)
{
	json_t *node = root;
	char *end;
	size_t i, idx;

	for (i = 0; i < p->depth && node != NULL; i++) {
		if (json_is_array(node)) {
			idx = strtoul(p->keys[i], &end, 10);
			node = *end == '\0' && p->keys[i][0] != '\0' ?
			    json_array_get(node, idx) : NULL;
		} else
			node = json_object_get(node, p->keys[i]);
	}
	return node;
}

/* Free the keys. */
void
jpath_free(struct jpath *p)
{
	size_t i;

	for (i = 0; i < p->depth; i++)
		free(p->keys[i]);
	free(p->keys);
	memset(p, 0, sizeof(*p));
}
