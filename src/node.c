/* What every kind of node shares: finding one, letting one go. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "node.h"

/* The node named name, or NULL. */
struct node *
node_find(struct node *const *nodes, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(nodes[i]->name, name) == 0)
			return nodes[i];
	return NULL;
}

/* Free a node through its kind; accepts NULL and *NULL. */
void
node_destroy(struct node **np)
{
	if (np == NULL || *np == NULL)
		return;
	if ((*np)->ops->destroy != NULL)
		(*np)->ops->destroy(*np);
	else
		free(*np);
	*np = NULL;
}
