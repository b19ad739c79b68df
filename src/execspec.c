/*
 * --exec and --exec-each [NAME=]CMD: a command as a peer, named like a
 * socket. Pure: no process is started here, nothing exits.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "execspec.h"
#include "spec.h"
#include "str.h"
#include "xmalloc.h"

/*
 * The length of the NAME= in front of arg, 0 when there is none: a
 * lower-case word of name characters then '=' (so "FOO=1 cmd" and
 * "jq '.a == 1'" are commands). A word that is too long or reserved is
 * still a name, for the caller to refuse.
 */
static size_t
execspec_name_len(const char *arg)
{
	size_t i;

	if (!islower((unsigned char)arg[0]))
		return 0;
	for (i = 1; arg[i] != '\0' && arg[i] != '='; i++)
		if (!islower((unsigned char)arg[i]) &&
		    !isdigit((unsigned char)arg[i]) &&
		    arg[i] != '_' && arg[i] != '-')
			return 0;
	return arg[i] == '=' ? i : 0;
}

/* Parse one --exec (each 0) or --exec-each (each 1) argument; NULL with
 * a message naming the bad part (the caller names the option). */
struct execspec *
execspec_parse(const char *arg, int each, char *err, size_t errlen)
{
	size_t len = execspec_name_len(arg);
	char why[128], q[STR_CUT_BUF];
	struct execspec *e;

	if (len > 0 && spec_name_check(arg, len, why, sizeof(why)) == -1) {
		snprintf(err, errlen, "bad name '%s' (%s)", str_cut(arg, len,
		    q), why);
		return NULL;
	}
	if (arg[len + (len > 0)] == '\0') {
		snprintf(err, errlen, "no command in '%s'", str_cut(arg,
		    strlen(arg), q));
		return NULL;
	}
	e = xmalloc(sizeof(*e));
	memset(e, 0, sizeof(*e));
	e->text = xstrdup(arg);
	e->name = len > 0 ? xstrndup(arg, len) : NULL;
	e->cmd = xstrdup(arg + len + (len > 0));
	e->each = each;
	return e;
}

/* Check an --exec or --exec-each argument, for the settings table: 0,
 * or -1 with why. */
int
execspec_check(const char *arg, char *err, size_t errlen)
{
	struct execspec *e = execspec_parse(arg, 0, err, errlen);

	if (e == NULL)
		return -1;
	execspec_destroy(&e);
	return 0;
}

/* Nonzero when name is taken by a socket or by one of the n peers. */
static int
execspec_taken(const char *name, struct execspec *const *execs, size_t n,
    struct spec *const *specs, size_t nspecs)
{
	size_t i;

	for (i = 0; i < nspecs; i++)
		if (specs[i]->name != NULL && strcmp(specs[i]->name, name) == 0)
			return 1;
	for (i = 0; i < n; i++)
		if (execs[i]->name != NULL && strcmp(execs[i]->name, name) == 0)
			return 1;
	return 0;
}

/*
 * Name the peers given without one (exec, exec2, ..., in order, past the
 * names in use) once the sockets are named; -1 with a message when a
 * name is given twice, or is a socket's.
 */
int
execspec_assign_names(struct execspec **execs, size_t n,
    struct spec *const *specs, size_t nspecs, char *err, size_t errlen)
{
	char cand[32];
	size_t i, k = 1;

	for (i = 0; i < n; i++)
		if (execs[i]->name != NULL && execspec_taken(execs[i]->name,
		    execs, i, specs, nspecs)) {
			snprintf(err, errlen, "'%s': the name '%s' is taken "
			    "already", execs[i]->text, execs[i]->name);
			return -1;
		}
	for (i = 0; i < n; i++) {
		if (execs[i]->name != NULL)
			continue;
		for (;; k++) {
			if (k == 1)
				snprintf(cand, sizeof(cand), EXECSPEC_BASE);
			else
				snprintf(cand, sizeof(cand), EXECSPEC_BASE "%zu",
				    k);
			if (!execspec_taken(cand, execs, n, specs, nspecs))
				break;
		}
		execs[i]->name = xstrdup(cand);
	}
	return 0;
}

/* Free a peer's spec; accepts NULL and *NULL. */
void
execspec_destroy(struct execspec **ep)
{
	if (ep == NULL || *ep == NULL)
		return;
	free((*ep)->text);
	free((*ep)->name);
	free((*ep)->cmd);
	free(*ep);
	*ep = NULL;
}
