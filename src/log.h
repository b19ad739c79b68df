/* Messages on stderr by verbosity: -q silences warnings, -v adds detail. */
#ifndef ZMQCAT_LOG_H
#define ZMQCAT_LOG_H

enum log_level {
	LOG_QUIET = -1,	/* -q: errors only */
	LOG_WARN = 0,	/* the default */
	LOG_INFO = 1,	/* -v: binds, connects, peers */
	LOG_DEBUG = 2	/* -vv: every event */
};

extern int log_level;

void log_msg(int level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_loose_secret(const char *where, const char *path);

#endif
