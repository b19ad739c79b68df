/*
 * What the parsers do when realloc fails: end the run through the
 * x-functions, status 1 (ZC_RUNTIME), "...: realloc: ..." on stderr, as
 * every other allocation does; never a hand-made "out of memory" that
 * returns (route.c's json path used to lose its array that way).
 *
 * realloc is wrapped here: it passes every call on to the next realloc
 * (libc's, or the sanitizer's or valgrind's), except the Nth after
 * oom_fail(N), which fails with ENOMEM. Each case runs in a child.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/format.h"
#include "../src/route.h"
#include "../src/sockopt.h"
#include "../src/spec.h"
#include "../src/status.h"
#include "tap.h"

/* What a child says when the call under test returned after all. */
#define OOM_RETURNED	42

static int oom_countdown;	/* realloc calls left before one fails; 0: off */

/* The wrapper: the Nth call after oom_fail(N) fails, like a full heap. */
void *
realloc(void *p, size_t n)
{
	static void *(*next)(void *, size_t);

	if (oom_countdown > 0 && --oom_countdown == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (next == NULL)
		*(void **)&next = dlsym(RTLD_NEXT, "realloc");
	return next(p, n);
}

/* Make the nth realloc from now fail. */
static void
oom_fail(int n)
{
	oom_countdown = n;
}

/* route_parse with a two-step json path; the second step's realloc fails. */
static void
oom_route(void)
{
	char err[ZC_ERRLEN];
	struct route *r;

	oom_fail(2);
	r = route_parse("pull:pub,json=.a.b=1", err, sizeof(err));
	route_destroy(&r);
}

/* format_compile: growing the token list fails. */
static void
oom_format(void)
{
	char err[ZC_ERRLEN];
	struct format *f;

	oom_fail(1);
	f = format_compile("%n %s", err, sizeof(err));
	format_destroy(&f);
}

/* spec_add_opt: growing the option list fails. */
static void
oom_spec_opt(void)
{
	char err[ZC_ERRLEN];
	struct spec *s = spec_parse("PULL:bind:tcp://*:1", err, sizeof(err));
	struct sockopt_val v;

	if (s == NULL || sockopt_parse("sndhwm=5", &v, err, sizeof(err)) == -1)
		_exit(99);
	oom_fail(1);
	spec_add_opt(s, &v);
	spec_destroy(&s);
}

static const struct {
	const char	*what;
	void		(*run)(void);
} cases[] = {
	{ "route_parse, json path", oom_route },
	{ "format_compile", oom_format },
	{ "spec_add_opt", oom_spec_opt },
};

/* Run one case in a child, its stderr in a file; check status and words. */
static void
oom_check(size_t i)
{
	char path[] = "/tmp/zmqcat-unit-oom.XXXXXX", text[512];
	int fd = mkstemp(path), status = -1;
	ssize_t n = 0;
	pid_t pid;

	if (fd == -1) {
		tap_ok(0, "%s: mkstemp", cases[i].what);
		return;
	}
	unlink(path);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fd, STDERR_FILENO);
		cases[i].run();
		_exit(OOM_RETURNED);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (lseek(fd, 0, SEEK_SET) == 0)
		n = read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = '\0';
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == ZC_RUNTIME &&
	    strstr(text, ": realloc: ") != NULL && strstr(text,
	    strerror(ENOMEM)) != NULL, "%s: a failed realloc ends the run "
	    "with status %d and says so", cases[i].what, ZC_RUNTIME);
	if (WIFSIGNALED(status))
		tap_diag("killed by signal %d", WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != ZC_RUNTIME)
		tap_diag("status %d (%d: the call returned), stderr '%s'",
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1, OOM_RETURNED,
		    text);
}

/*
 * Nonzero when the wrapper is the realloc the code calls: valgrind puts
 * its own in place of every realloc, the program's too, and then no
 * failure can be made.
 */
static int
oom_wrapped(void)
{
	/* by a volatile pointer: the compiler makes realloc(NULL, n) malloc */
	void *(*volatile call)(void *, size_t) = realloc;
	void *p;

	oom_fail(1);
	p = call(NULL, 16);
	oom_fail(0);
	free(p);
	return p == NULL;
}

/* Run every case; the exit status tells the harness about failures. */
int
main(void)
{
	size_t i;
	int wrapped = oom_wrapped();

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (wrapped)
			oom_check(i);
		else
			tap_ok(1, "%s # SKIP realloc cannot be wrapped here "
			    "(valgrind?)", cases[i].what);
	}
	return tap_done();
}
