/* --wait-peers: hold an input until the sockets it feeds have N peers. */
#ifndef ZMQCAT_PEERWAIT_H
#define ZMQCAT_PEERWAIT_H

#include <stddef.h>

struct zsock;

/* How the log names an input and what it does once let go. */
struct peerwait_words {
	const char	*what;		/* "stdin": "each socket stdin feeds" */
	const char	*before;	/* "reading it": what waits */
	const char	*go;		/* "reading stdin": once let go */
	const char	*held;		/* "stdin was not read": at the end */
};

struct peerwait {
	struct zsock			**fed;	/* the sockets the input feeds */
	size_t				  nfed;
	int				  want;	/* peers each needs; 0: none */
	int				  seen;	/* the fewest, as last told */
	const struct peerwait_words	 *words;
};

int peerwait_init(struct peerwait *w, struct zsock **fed, size_t nfed,
    int want, const struct peerwait_words *words);
int peerwait_check(struct peerwait *w);
void peerwait_report(const struct peerwait *w, int signalled);
void peerwait_free(struct peerwait *w);

#endif
