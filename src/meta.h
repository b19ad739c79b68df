/* Peer properties on messages (ZMTP metadata): the names --meta shows. */
#ifndef ZMQCAT_META_H
#define ZMQCAT_META_H

#include <stddef.h>

#define META_NAME_MAX	255	/* a ZMTP property name's limit */

/* The properties a -J envelope's "meta" shows, in order. */
struct meta_names {
	char	**names;
	size_t	  n;
};

int meta_names_parse(struct meta_names *mn, const char *list, char *err,
    size_t errlen);
void meta_names_free(struct meta_names *mn);

#endif
