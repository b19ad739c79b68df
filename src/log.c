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
