/* What every kind of node shares: finding one, letting one go. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "node.h"

/* Start a node of a kind: its table, its name and type, which its
 * messages carry too, and no "to" yet. */
void
node_init(struct node *n, const struct node_ops *ops, const char *name,
    const char *type)
{
	n->ops = ops;
	n->name = n->msg.sockname = name;
	n->type = n->msg.socktype = type;
	n->msg.to = -1;
}

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
