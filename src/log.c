/* Messages on stderr by verbosity: -q silences warnings, -v adds detail. */
#include "config.h"

#include <err.h>
#include <stdarg.h>

#include "log.h"

int log_level = LOG_WARN;

/* Print "zmqcat: ..." when the run is at least this verbose. */
void
log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

/*
 * Warn that a file holding a secret is readable by group or others; where
 * names the option, or the place in a --config file. A warning, so -q
 * silences it, wherever -q stands (options.c applies -v and -q first).
 */
void
log_loose_secret(const char *where, const char *path)
{
	log_msg(LOG_WARN, "warning: %s: %s is readable by group or others; "
	    "chmod 600 it", where, path);
}
