/* The command line: parsed once into struct options, or exit 2. */
#ifndef ZMQCAT_OPTIONS_H
#define ZMQCAT_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "inmsg.h"
#include "route.h"
#include "spec.h"

#define OPTIONS_DEFAULT_LINGER		1000
#define OPTIONS_DEFAULT_INTERVAL	1000

struct options {
	struct spec	**specs;
	size_t		  nspecs;
	char		 *format;	/* -f as given; NULL for the default */
	char		 *delim;	/* -D / -0, escapes decoded */
	char		 *delim_text;	/* -D as given; NULL for the default */
	size_t		  dlen;
	char		 *fdelim;	/* -F, escapes decoded */
	char		 *fdelim_text;	/* -F as given */
	size_t		  fdlen;
	int		  fdelim_given;	/* split stdin into frames */
	long long	  count;	/* -c; 0 means no limit */
	int		  exit_on_eof;
	int64_t		  timeout_ms;	/* -W; 0 means none */
	int64_t		  idle_ms;	/* -T; 0 means none */
	int		  linger;
	int		  demo;
	int		  interval;	/* --demo-server pace, ms */
	int		  interval_given;
	struct route	**routes;	/* -r, then the defaults if none */
	size_t		  nroutes;
	int		  echo;		/* REP answers with the request */
	int		  timeout_reply;/* REQ gives a reply up after, ms */
	int		  dump_config;
	int		  json;		/* -J: envelopes out (and in) */
	enum inmsg_mode	  input;	/* --input, or -J's envelopes */
	int		  input_given;
	char		 *replay;	/* --replay FILE instead of stdin */
	int		  replay_timing;
	int		  stats;	/* --stats given */
	int64_t		  stats_ms;	/* its period; 0: only at the end */
	int		  monitor;	/* --monitor: socket events */
	int		  wait_peers;	/* hold stdin until this many */
	int		  keygen;
};

void options_parse(struct options *o, int argc, char **argv);
void options_free(struct options *o);
void options_warn_loose(const char *where, const char *path);

#endif
