/* Peer properties on messages: which ones --meta shows. Pure: the
 * values come from the socket that received the message (msg->meta). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "str.h"
#include "xmalloc.h"

/* What libzmq gives of every peer (Identity and User-Id when set):
 * shown by --meta whatever else is asked for. */
static const char *const meta_defaults[] = {
	"Socket-Type", "Identity", "Peer-Address", "User-Id"
};

#define NDEFAULTS	(sizeof(meta_defaults) / sizeof(meta_defaults[0]))

/* Nonzero when mn has name already. */
static int
meta_names_has(const struct meta_names *mn, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < mn->n; i++)
		if (strlen(mn->names[i]) == len &&
		    memcmp(mn->names[i], name, len) == 0)
			return 1;
	return 0;
}

/* Add one name (len bytes of name), unless it is there. */
static void
meta_names_add(struct meta_names *mn, const char *name, size_t len)
{
	if (meta_names_has(mn, name, len))
		return;
	mn->names = xrealloc(mn->names, (mn->n + 1) * sizeof(*mn->names));
	mn->names[mn->n] = xmalloc(len + 1);
	memcpy(mn->names[mn->n], name, len);
	mn->names[mn->n++][len] = '\0';
}

/* Nonzero for a property name: 1 to 255 printable characters, no space
 * and no comma (which separates them). */
static int
meta_name_ok(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > META_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~')
			return 0;
	return 1;
}

/*
 * The names --meta[=NAMES] shows: the defaults, then those of list
 * (comma-separated, e.g. X-Service,X-Host; NULL: none), each once.
 * -1 naming the bad one; mn is then empty.
 */
int
meta_names_parse(struct meta_names *mn, const char *list, char *err,
    size_t errlen)
{
	const char *p = list;
	char q[STR_CUT_BUF], q2[STR_CUT_BUF];
	size_t i, len;

	memset(mn, 0, sizeof(*mn));
	for (i = 0; i < NDEFAULTS; i++)
		meta_names_add(mn, meta_defaults[i], strlen(meta_defaults[i]));
	while (p != NULL) {
		len = strcspn(p, ",");
		if (!meta_name_ok(p, len)) {
			snprintf(err, errlen, "bad property name '%s' in '%s' "
			    "(want NAME[,NAME...]: 1 to %d printable characters "
			    "each, e.g. X-Service)", str_cut(p, len, q),
			    str_cut(list, strlen(list), q2),
			    META_NAME_MAX);
			meta_names_free(mn);
			return -1;
		}
		meta_names_add(mn, p, len);
		p = p[len] == ',' ? p + len + 1 : NULL;
	}
	return 0;
}

/* Free the names; accepts an emptied or freed list. */
void
meta_names_free(struct meta_names *mn)
{
	size_t i;

	for (i = 0; i < mn->n; i++)
		free(mn->names[i]);
	free(mn->names);
	memset(mn, 0, sizeof(*mn));
}
