/* The run's settings: struct options, and the one table of every option. */
#ifndef ZMQCAT_SETTINGS_H
#define ZMQCAT_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

struct keys;
struct execspec;
struct route;
struct spec;

/* What one run does: the command line and any --config files, read. */
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
	int		  io_threads;	/* libzmq's I/O threads */
	int		  demo;
	int		  interval;	/* a generator's pace, ms */
	int		  interval_given;
	int		  repeat_delay_given; /* the pace given in s */
	char		**messages;	/* -m, as given, in order */
	size_t		  nmessages;
	char		 *msgfile;	/* --file; "-": stdin */
	long long	  repeat;	/* times through them; 0: forever */
	int		  repeat_given;
	int		  rate;		/* messages a second; 0: unpaced */
	long long	  size;		/* --size BYTES */
	int		  size_given;
	int		  stamp;	/* a stamp frame on each message */
	int		  check;	/* count stamped streams */
	char		 *check_seq;	/* or the application's numbers */
	char		**probes;	/* --probe: endpoints, in order */
	struct keys	 *probe_keys;	/* the credentials after each */
	size_t		  nprobes;
	struct route	**routes;	/* -r, then the defaults if none */
	size_t		  nroutes;
	int		  echo;		/* REP answers with the request */
	int		  timeout_reply;/* REQ gives a reply up after, ms */
	int		  dump_config;
	int		  json;		/* -J: envelopes out (and in) */
	int		  input;	/* enum inmsg_mode: --input, -J */
	int		  input_given;
	char		 *replay;	/* --replay FILE instead of stdin */
	int		  replay_timing;
	int		  stats;	/* --stats given */
	int64_t		  stats_ms;	/* its period; 0: only at the end */
	int		  monitor;	/* --monitor: socket events */
	int		  meta;		/* --meta given: properties on -J */
	char		 *meta_names;	/* --meta=NAMES: more of them */
	int		  fail_fast;	/* a connect that fails ends it */
	int		  wait_peers;	/* hold stdin until this many */
	int		  keygen;
	char		**execs;	/* --exec [NAME=]CMD, as given */
	size_t		  nexecs;
	char		**exec_each;	/* --exec-each [NAME=]CMD, as given */
	size_t		  nexec_each;
	int		  exec_max;	/* commands at once; 0: by source */
	int		  exec_timeout;	/* ms; 0: none */
	int		  exec_json;	/* children read -J envelopes */
	int		  exec_restart;	/* a co-process that dies restarts */
	struct execspec	**peers;	/* --exec then --exec-each, parsed
					   and named by options_parse */
	size_t		  npeers;
	char		**origin;	/* per table row: the --config file
					   that set it last, or NULL */
};

/* The kinds of value a setting takes; each has one parser. */
enum setting_type {
	SETTING_FLAG,		/* no argument; true or false in a file */
	SETTING_INT,		/* a whole number within bounds, in an int */
	SETTING_LLONG,		/* the same, in a long long */
	SETTING_SECONDS,	/* seconds > 0, fractions allowed, kept in ms */
	SETTING_DELAY,		/* seconds >= 0, fractions allowed, kept in
				   ms in an int, at most max ms */
	SETTING_DELIM,		/* bytes with escapes, not empty */
	SETTING_FORMAT,		/* an output format, compiled to check it */
	SETTING_ENUM,		/* one word of a list, kept as its index */
	SETTING_PATH,		/* a file name */
	SETTING_TEXT,		/* text its row's check accepts, kept as is */
	SETTING_TEXTS,		/* repeatable text, kept in order (len: the
				   count's field), a message template each */
	SETTING_ACTION		/* not a value: options.c acts on it */
};

/* What an ACTION row does; options.c has the code. */
enum setting_action {
	SA_SOCKET,		/* -s */
	SA_SUBSCRIBE,
	SA_SOCKOPT,		/* -o */
	SA_LIST_SOCKOPTS,
	SA_ROUTE,		/* -r */
	SA_CONFIG,
	SA_KEY,			/* a CURVE or PLAIN option; param: keys_opt */
	SA_VERBOSITY,		/* -v and -q, applied before all else */
	SA_VERSION,
	SA_HELP,
	SA_PROBE		/* --probe ENDPOINT */
};

/* The groups of --help, in order. */
enum setting_group {
	SG_SOCKETS,
	SG_ROUTES,
	SG_IO,
	SG_ENDING,
	SG_DEBUG,
	SG_OTHER
};

/* How a row shows in --help. */
enum setting_show {
	SHOW_LINE,		/* a line of its own: names, then help */
	SHOW_JOIN,		/* "; NAMES ARG: help" after the row before */
	SHOW_TERSE		/* "  NAMES (help)", on one line with others */
};

#define SF_OPTARG	0x1	/* the argument is optional: --stats[=SECS] */
#define SF_DUMP_ALWAYS	0x2	/* a dump writes it even at its default */
#define SF_NO_DUMP	0x4	/* a dump does not write it (see the row) */

#define SETTING_NONE	((size_t)-1)	/* no such field */

/* One row of the table: one option of the command line. */
struct setting {
	const char		*name;		/* --name, or NULL */
	int			 letter;	/* -x, or 0 */
	const char		*key;		/* its --config key, or NULL */
	enum setting_type	 type;
	const char		*arg;		/* its argument in --help, or
						   NULL: it takes none */
	const char		*what;		/* what messages call it */
	long long		 min, max;	/* INT and LLONG bounds */
	const char		*def;		/* the default, written as an
						   argument; NULL: all zero */
	const char		*fixed;		/* the argument a row without
						   one stands for (-0) */
	const char *const	*choices;	/* ENUM: the words, by index */
	size_t			 off;		/* its field in the options */
	size_t			 bytes;		/* DELIM: the decoded bytes */
	size_t			 len;		/* DELIM: and their length */
	size_t			 given;		/* an int set to 1 when given,
						   or SETTING_NONE */
	enum setting_action	 action;	/* ACTION: what to do */
	int			 param;		/* ACTION: its argument */
	enum setting_group	 group;
	enum setting_show	 show;
	int			 flags;		/* SF_* */
	/* A pure parser's check of a TEXT's value, or of each of a
	 * TEXTS' (a command); NULL: a TEXT may be anything, a TEXTS' text
	 * is a message template */
	int			(*check)(const char *, char *, size_t);
	const char		*help;		/* one line for --help; NULL
						   only for an ACTION row whose
						   names or argument say it */
};

const struct setting *settings_table(size_t *n);
const struct setting *settings_by_key(const char *key);
const struct setting *settings_by_letter(int letter);
const struct setting *settings_by_name(const char *name);
void settings_init(struct options *o);
void settings_free(struct options *o);
int settings_set(const struct setting *s, struct options *o, const char *arg,
    const char *from, char *err, size_t errlen);
const char *settings_want(const struct setting *s, char *buf, size_t len);
long long settings_number(const struct setting *s, const struct options *o);
const char *settings_text(const struct setting *s, const struct options *o);
char *const *settings_texts(const struct setting *s, const struct options *o,
    size_t *n);
int settings_is_default(const struct setting *s, const struct options *o);
const char *settings_origin(const struct setting *s,
    const struct options *o);
char *settings_keys_list(void);
char *settings_usage(void);

#endif
