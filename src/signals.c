/* SIGINT/SIGTERM (and SIGCHLD) turned into a readable fd for the poll
 * loop. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"

volatile sig_atomic_t signals_caught;
/* Counts SIGCHLDs: a node whose children may have ended sees it move. */
volatile sig_atomic_t signals_children;

/* The self-pipe: a signal that lands just before zmq_poll still wakes it. */
static int sigpipe_fds[2] = { -1, -1 };

/* Note the signal and wake the loop; only async-signal-safe calls. */
static void
signals_handler(int sig)
{
	int saved = errno;
	char c = (char)sig;

	signals_caught = sig;
	if (write(sigpipe_fds[1], &c, 1) == -1) {
		/* a full pipe already wakes the loop */
	}
	errno = saved;
}

/* A child ended (or more): wake the loop to reap it; it is no reason
 * to stop. */
static void
signals_child(int sig)
{
	int saved = errno;
	char c = (char)sig;

	signals_children++;
	if (write(sigpipe_fds[1], &c, 1) == -1) {
		/* a full pipe already wakes the loop */
	}
	errno = saved;
}

/* Install the handlers; SIGPIPE is ignored so EPIPE comes back instead;
 * SIGCHLD only wakes the loop. */
int
signals_install(void)
{
	struct sigaction sa;
	int i;

	if (pipe(sigpipe_fds) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		fcntl(sigpipe_fds[i], F_SETFL,
		    fcntl(sigpipe_fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(sigpipe_fds[i], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = signals_handler;	/* no SA_RESTART: writes see EINTR */
	if (sigaction(SIGINT, &sa, NULL) == -1 ||
	    sigaction(SIGTERM, &sa, NULL) == -1)
		return -1;
	/* SA_RESTART: children come and go while stdout is written */
	sa.sa_handler = signals_child;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	if (sigaction(SIGCHLD, &sa, NULL) == -1)
		return -1;
	sa.sa_flags = 0;
	sa.sa_handler = SIG_IGN;
	return sigaction(SIGPIPE, &sa, NULL);
}

/* The fd the loop polls for POLLIN. */
int
signals_fd(void)
{
	return sigpipe_fds[0];
}

/* Empty the self-pipe after the loop has seen it. */
void
signals_drain(void)
{
	char buf[64];

	while (read(sigpipe_fds[0], buf, sizeof(buf)) > 0)
		;
}

/* The name of the signal that asked the run to stop, for messages. */
const char *
signals_name(void)
{
	return signals_caught == SIGINT ? "SIGINT" : "SIGTERM";
}
