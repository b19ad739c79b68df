/* Table-driven tests of --exec and --exec-each [NAME=]CMD: what is a
 * name and what is the command, what is refused, and default names. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../src/execspec.h"
#include "../src/spec.h"
#include "../src/status.h"
#include "tap.h"

/* Arguments that parse, to their name (NULL: none given) and command. */
static const struct {
	const char	*arg;
	const char	*name;
	const char	*cmd;
} good[] = {
	{ "jq .x", NULL, "jq .x" },
	{ "up=tr a-z A-Z", "up", "tr a-z A-Z" },
	{ "a-b_2=cat", "a-b_2", "cat" },
	{ "FOO=1 env", NULL, "FOO=1 env" },	/* upper case: the shell's */
	{ "jq '.a == 1'", NULL, "jq '.a == 1'" },	/* a space first */
	{ "x=y=1 cmd", "x", "y=1 cmd" },	/* an assignment, named */
	{ " r=$(cat)", NULL, " r=$(cat)" },	/* or after a space */
	{ "2=cat", NULL, "2=cat" },
};

/* Arguments refused, with the message. */
static const struct {
	const char	*arg;
	const char	*err;
} bad[] = {
	{ "", "no command in ''" },
	{ "up=", "no command in 'up='" },
	{ "stdin=cat", "bad name 'stdin' (want [a-z][a-z0-9_-]*, not stdin "
	    "or stdout)" },
	{ "stdout=cat", "bad name 'stdout' (want [a-z][a-z0-9_-]*, not stdin "
	    "or stdout)" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=x",
	    "bad name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaa' (at most 64 characters)" },
};

/* Each good argument parses to its name and command. */
static void
test_good(void)
{
	struct execspec *e;
	char err[ZC_ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (good[i].cmd == NULL)
			continue;
		err[0] = '\0';
		e = execspec_parse(good[i].arg, 1, err, sizeof(err));
		tap_ok(e != NULL && e->each == 1 && strcmp(e->text,
		    good[i].arg) == 0 && (good[i].name == NULL ? e->name ==
		    NULL : e->name != NULL && strcmp(e->name,
		    good[i].name) == 0) && strcmp(e->cmd, good[i].cmd) == 0,
		    "'%s': name %s, command '%s'", good[i].arg,
		    good[i].name ? good[i].name : "(none)", good[i].cmd);
		if (e == NULL)
			tap_diag("%s", err);
		execspec_destroy(&e);
		tap_ok(execspec_check(good[i].arg, err, sizeof(err)) == 0,
		    "'%s': the settings table takes it", good[i].arg);
	}
}

/* Each bad argument is refused with its message. */
static void
test_bad(void)
{
	struct execspec *e;
	char err[ZC_ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		e = execspec_parse(bad[i].arg, 0, err, sizeof(err));
		tap_ok(e == NULL && strcmp(err, bad[i].err) == 0,
		    "'%.20s': refused", bad[i].arg);
		if (e != NULL || strcmp(err, bad[i].err) != 0)
			tap_diag("got '%s'", err);
		execspec_destroy(&e);
		tap_ok(execspec_check(bad[i].arg, err, sizeof(err)) == -1,
		    "'%.20s': the settings table refuses it", bad[i].arg);
	}
}

/* Default names: exec, exec2, ... past the names sockets and other
 * peers have; a name given twice, or a socket's, is refused. */
static void
test_names(void)
{
	struct execspec *e[4];
	struct spec *specs[1];
	char err[ZC_ERRLEN];
	size_t i;

	specs[0] = spec_parse("exec2=PULL:bind:tcp://*:1", err, sizeof(err));
	e[0] = execspec_parse("cat", 0, err, sizeof(err));
	e[1] = execspec_parse("exec=wc", 1, err, sizeof(err));
	e[2] = execspec_parse("sort", 1, err, sizeof(err));
	e[3] = execspec_parse("up=tr a-z A-Z", 0, err, sizeof(err));
	tap_ok(specs[0] != NULL && execspec_assign_names(e, 4, specs, 1, err,
	    sizeof(err)) == 0 && strcmp(e[0]->name, "exec3") == 0 &&
	    strcmp(e[1]->name, "exec") == 0 && strcmp(e[2]->name, "exec4") ==
	    0 && strcmp(e[3]->name, "up") == 0,
	    "defaults go past the names given: exec3, exec, exec4, up");
	for (i = 0; i < 4; i++)
		execspec_destroy(&e[i]);
	e[0] = execspec_parse("up=cat", 0, err, sizeof(err));
	e[1] = execspec_parse("up=wc", 1, err, sizeof(err));
	tap_ok(execspec_assign_names(e, 2, specs, 1, err, sizeof(err)) ==
	    -1 && strcmp(err, "'up=wc': the name 'up' is taken already") == 0,
	    "a name given twice is refused: %s", err);
	execspec_destroy(&e[0]);
	execspec_destroy(&e[1]);
	e[0] = execspec_parse("exec2=cat", 0, err, sizeof(err));
	tap_ok(execspec_assign_names(e, 1, specs, 1, err, sizeof(err)) ==
	    -1 && strcmp(err, "'exec2=cat': the name 'exec2' is taken "
	    "already") == 0, "a socket's name is refused: %s", err);
	execspec_destroy(&e[0]);
	execspec_destroy(&e[0]);		/* NULL: nothing */
	spec_destroy(&specs[0]);
}

int
main(void)
{
	test_good();
	test_bad();
	test_names();
	return tap_done();
}
