/*
 * A command as a child process: /bin/sh -c CMD in a process group of its
 * own (so a timeout or the end of the run kills the whole pipeline it
 * may be), its signal dispositions and mask as a shell expects them,
 * its stdin, stdout and stderr pipes close-on-exec and, on our side,
 * non-blocking, so the loop never waits on it. Its stderr is passed on
 * a line at a time, each line after "zmqcat: LABEL: ".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "clock.h"
#include "xmalloc.h"

#define CHILD_LINE_MAX	65536	/* a longer stderr line goes on in parts */
#define CHILD_POLL_MS	10	/* at the end: how often to look again */

extern char **environ;

/* The signals zmqcat catches or ignores: a child gets them back at
 * their defaults (an ignored SIGPIPE would otherwise stay ignored). */
static const int child_sigs[] = { SIGPIPE, SIGINT, SIGTERM, SIGCHLD };

/* Signal names a status says (others by number). */
static const struct {
	int		 sig;
	const char	*name;
} child_signames[] = {
	{ SIGTERM, "SIGTERM" }, { SIGKILL, "SIGKILL" }, { SIGINT, "SIGINT" },
	{ SIGSEGV, "SIGSEGV" }, { SIGABRT, "SIGABRT" }, { SIGPIPE, "SIGPIPE" },
	{ SIGHUP, "SIGHUP" }, { SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
};

/* Nothing started yet; stderr lines will say label. */
void
child_init(struct child *c, const char *label)
{
	memset(c, 0, sizeof(*c));
	c->pid = -1;
	c->in = c->out = c->err = -1;
	c->label = label;
	outbuf_init(&c->line, -1, 256);
}

/* Close *fd if open, and mark it closed. */
static void
child_close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/*
 * A pipe whose both ends are close-on-exec and above stderr (a dup2
 * onto 0, 1 or 2 must not land on another of them, should zmqcat have
 * been started with one of those closed). -1 with errno.
 */
static int
child_pipe(int fds[2])
{
	int i, fd;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		if (fds[i] > STDERR_FILENO)
			continue;
		if ((fd = fcntl(fds[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1)) ==
		    -1) {
			close(fds[0]);
			close(fds[1]);
			return -1;
		}
		close(fds[i]);
		fds[i] = fd;
	}
	return 0;
}

/* Nonzero when the environment entry e sets one of the nvars vars
 * ("NAME=VALUE"): ours replace it. */
static int
child_overridden(const char *e, char *const *vars, size_t nvars)
{
	size_t i, len = strcspn(e, "=");

	for (i = 0; i < nvars; i++)
		if (strncmp(vars[i], e, len) == 0 && vars[i][len] == '=')
			return 1;
	return 0;
}

/* Our environment with vars added or replaced; the caller frees the
 * array (not the strings). */
static char **
child_env(char *const *vars, size_t nvars)
{
	size_t i, n = 0, k = 0;
	char **env;

	while (environ != NULL && environ[n] != NULL)
		n++;
	env = xmalloc((n + nvars + 1) * sizeof(*env));
	for (i = 0; i < n; i++)
		if (!child_overridden(environ[i], vars, nvars))
			env[k++] = environ[i];
	for (i = 0; i < nvars; i++)
		env[k++] = vars[i];
	env[k] = NULL;
	return env;
}

/* The attributes every child starts with: a process group of its own,
 * no signal blocked, our caught and ignored signals at their defaults. */
static void
child_attr(posix_spawnattr_t *at)
{
	sigset_t none, def;
	size_t i;

	sigemptyset(&none);
	sigemptyset(&def);
	for (i = 0; i < sizeof(child_sigs) / sizeof(child_sigs[0]); i++)
		sigaddset(&def, child_sigs[i]);
	posix_spawnattr_init(at);
	posix_spawnattr_setsigmask(at, &none);
	posix_spawnattr_setsigdefault(at, &def);
	posix_spawnattr_setpgroup(at, 0);
	posix_spawnattr_setflags(at, POSIX_SPAWN_SETPGROUP |
	    POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

/* Run /bin/sh -c cmd with the pipes' child ends as its 0, 1 and 2;
 * returns posix_spawn's error, 0 when it started. */
static int
child_spawn(struct child *c, const char *cmd, char *const *vars,
    size_t nvars, const int p[3][2])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	char *argv[4], **env = child_env(vars, nvars);
	int rc;

	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = (char *)cmd;
	argv[3] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0][0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, p[1][1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, p[2][1], STDERR_FILENO);
	child_attr(&at);
	rc = posix_spawn(&c->pid, "/bin/sh", &fa, &at, argv, env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(env);
	return rc;
}

/*
 * Start cmd with vars ("NAME=VALUE") added to our environment. 0, or -1
 * with why (no pipe, no process) in err; the child is then as before.
 */
int
child_start(struct child *c, const char *cmd, char *const *vars,
    size_t nvars, char *err, size_t errlen)
{
	int p[3][2], i, k, rc;

	for (k = 0; k < 3; k++)
		if (child_pipe(p[k]) == -1) {
			snprintf(err, errlen, "pipe: %s", strerror(errno));
			while (k-- > 0) {
				close(p[k][0]);
				close(p[k][1]);
			}
			return -1;
		}
	rc = child_spawn(c, cmd, vars, nvars, p);
	close(p[0][0]);
	close(p[1][1]);
	close(p[2][1]);
	c->in = p[0][1];
	c->out = p[1][0];
	c->err = p[2][0];
	if (rc != 0) {
		snprintf(err, errlen, "cannot run /bin/sh: %s", strerror(rc));
		c->pid = -1;
		child_close_fd(&c->in);
		child_close_fd(&c->out);
		child_close_fd(&c->err);
		return -1;
	}
	/* posix_spawn did it already; this only closes the classic race */
	(void)setpgid(c->pid, c->pid);
	for (i = 0; i < 3; i++) {
		int fd = i == 0 ? c->in : i == 1 ? c->out : c->err;

		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	}
	c->reaped = c->killed = 0;
	c->status = 0;
	c->start = clock_mono_ms();
	c->term_at = c->end = 0;
	c->line.len = 0;
	return 0;
}

/* Reap it if it has ended, without waiting: 1 once it is (now or
 * before), 0 while it runs or was never started. */
int
child_reap(struct child *c, int64_t now)
{
	pid_t rc;
	int st;

	if (c->reaped)
		return 1;
	if (c->pid <= 0)
		return 0;
	while ((rc = waitpid(c->pid, &st, WNOHANG)) == -1 && errno == EINTR)
		;
	if (rc == 0)
		return 0;
	/* ECHILD: someone else reaped it; it is over all the same */
	c->status = rc == c->pid ? st : 0;
	c->reaped = 1;
	c->end = now;
	return 1;
}

/* Write a line of its stderr to ours whole, after our prefix; nl: add
 * the newline it lacks. */
static void
child_say(const struct child *c, const char *data, size_t len, int nl)
{
	struct iovec v[5];
	ssize_t k;
	int i = 0, n = nl ? 5 : 4;

	v[0].iov_base = (void *)"zmqcat: ";
	v[0].iov_len = 8;
	v[1].iov_base = (void *)c->label;
	v[1].iov_len = strlen(c->label);
	v[2].iov_base = (void *)": ";
	v[2].iov_len = 2;
	v[3].iov_base = (void *)data;
	v[3].iov_len = len;
	v[4].iov_base = (void *)"\n";
	v[4].iov_len = 1;
	while (i < n) {
		if ((k = writev(STDERR_FILENO, v + i, n - i)) == -1) {
			if (errno == EINTR)
				continue;
			return;		/* stderr is gone: nothing to say */
		}
		while (i < n && (size_t)k >= v[i].iov_len)
			k -= (ssize_t)v[i++].iov_len;
		if (i < n) {
			v[i].iov_base = (char *)v[i].iov_base + k;
			v[i].iov_len -= (size_t)k;
		}
	}
}

/* Pass on the whole lines gathered; with all (its end), a last line
 * without a newline too; a very long one goes on in parts. */
static void
child_lines(struct child *c, int all)
{
	char *p = c->line.buf, *end = p + c->line.len, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		child_say(c, p, (size_t)(nl - p) + 1, 0);
		p = nl + 1;
	}
	if (p < end && (all || end - p >= CHILD_LINE_MAX)) {
		child_say(c, p, (size_t)(end - p), 1);
		p = end;
	}
	memmove(c->line.buf, p, (size_t)(end - p));
	c->line.len = (size_t)(end - p);
}

/*
 * Read what its stderr has (once) and pass on the whole lines: 1 when
 * something came, 0 at its end (the pipe is closed then), -1 when
 * nothing is there now.
 */
int
child_read_err(struct child *c)
{
	char *room;
	ssize_t k;

	if (c->err < 0)
		return 0;
	room = outbuf_reserve(&c->line, 4096);
	k = read(c->err, room, c->line.cap - c->line.len);
	if (k > 0) {
		c->line.len += (size_t)k;
		child_lines(c, 0);
		return 1;
	}
	if (k == -1 && (errno == EAGAIN || errno == EINTR))
		return -1;
	child_lines(c, 1);
	child_close_fd(&c->err);
	return 0;
}

/* Close its stdin: it reads to its end. */
void
child_close_in(struct child *c)
{
	child_close_fd(&c->in);
}

/* Close its stdout: nothing more of it is read. */
void
child_close_out(struct child *c)
{
	child_close_fd(&c->out);
}

/* Send sig to its process group (the pipeline it may have started)
 * while it runs; not once reaped: its number may be another's by now. */
static void
child_signal(struct child *c, int sig)
{
	if (c->pid > 0 && !c->reaped && kill(-c->pid, sig) == -1)
		(void)kill(c->pid, sig);
}

/* Ask it to end (SIGTERM to its group); SIGKILL follows after the
 * grace, from child_kill_tick. */
void
child_terminate(struct child *c, int64_t now)
{
	if (c->term_at || c->reaped || c->pid <= 0)
		return;
	child_signal(c, SIGTERM);
	c->term_at = now;
}

/* When child_kill_tick has to act next, or -1. */
int64_t
child_kill_due(const struct child *c)
{
	return c->term_at && !c->killed && !c->reaped ? c->term_at +
	    CHILD_GRACE_MS : -1;
}

/* A child asked to end that has not within the grace: SIGKILL. */
void
child_kill_tick(struct child *c, int64_t now)
{
	if (child_kill_due(c) >= 0 && now >= child_kill_due(c)) {
		child_signal(c, SIGKILL);
		c->killed = 1;
	}
}

/* Wait until it is reaped or the time is up, passing its stderr on and
 * dropping its stdout meanwhile: 1 when it was reaped. */
static int
child_wait(struct child *c, int64_t until)
{
	struct pollfd p[2];
	char buf[4096];
	int64_t now;

	for (;;) {
		now = clock_mono_ms();
		if (child_reap(c, now) || now >= until)
			return c->reaped;
		p[0].fd = c->out;
		p[1].fd = c->err;
		p[0].events = p[1].events = POLLIN;
		/* a signal (SIGCHLD) cuts it short, revents then unset */
		if (poll(p, 2, CHILD_POLL_MS) <= 0)
			continue;
		if (c->out >= 0 && p[0].revents != 0 && read(c->out, buf,
		    sizeof(buf)) == 0)
			child_close_out(c);
		if (c->err >= 0 && p[1].revents != 0)
			(void)child_read_err(c);
	}
}

/*
 * The end of it, bounded: close its stdin, give it wait_ms to end by
 * itself, then SIGTERM, the grace, SIGKILL, and reap it; close every
 * pipe. No zombie and no fd is left.
 */
void
child_stop(struct child *c, int64_t wait_ms)
{
	int64_t now = clock_mono_ms();

	child_close_in(c);
	if (c->pid > 0 && !c->reaped) {
		if (!child_wait(c, now + wait_ms)) {
			child_terminate(c, clock_mono_ms());
			if (!child_wait(c, c->term_at + CHILD_GRACE_MS)) {
				child_signal(c, SIGKILL);
				c->killed = 1;
				while (waitpid(c->pid, &c->status, 0) == -1 &&
				    errno == EINTR)
					;
				c->reaped = 1;
				c->end = clock_mono_ms();
			}
		}
	}
	while (c->err >= 0 && child_read_err(c) == 1)
		;
	if (c->err >= 0)
		child_lines(c, 1);
	child_close_fd(&c->out);
	child_close_fd(&c->err);
	outbuf_free(&c->line);
}

/* What a wait status says: "exited with status 3", "was killed by
 * SIGKILL". */
void
child_status_text(int status, char *buf, size_t len)
{
	size_t i;

	if (WIFEXITED(status)) {
		snprintf(buf, len, "exited with status %d",
		    WEXITSTATUS(status));
		return;
	}
	for (i = 0; i < sizeof(child_signames) / sizeof(child_signames[0]);
	    i++)
		if (WTERMSIG(status) == child_signames[i].sig) {
			snprintf(buf, len, "was killed by %s",
			    child_signames[i].name);
			return;
		}
	snprintf(buf, len, "was killed by signal %d", WTERMSIG(status));
}

/* Nonzero when it ended other than with status 0. */
int
child_failed(const struct child *c)
{
	return c->reaped && !(WIFEXITED(c->status) &&
	    WEXITSTATUS(c->status) == 0);
}
