/*
 * --wait-peers: an input (stdin, --replay, -m) is held until every socket
 * it feeds has enough peers, so its first messages are not lost to the
 * slow-joiner problem; progress is logged, and what was missing is said
 * when a run ends still waiting.
 */
#include "config.h"

#include <err.h>
#include <stdint.h>
#include <stdlib.h>

#include "log.h"
#include "peerwait.h"
#include "sock.h"

/* The fewest peers among the sockets fed; *worst names one. A PUB
 * counts no more peers than have subscribed. */
static int
peerwait_fewest(const struct peerwait *w, const char **worst)
{
	const struct zsock *zs;
	size_t i;
	int fewest = -1, k;

	for (i = 0; i < w->nfed; i++) {
		zs = w->fed[i];
		k = sock_ready_peers(zs);
		if (zs->spec->see_subs && zs->nsubs < (uint64_t)k)
			k = (int)zs->nsubs;
		if (fewest < 0 || k < fewest) {
			fewest = k;
			*worst = zs->spec->name;
		}
	}
	return fewest;
}

/* Start waiting, when want is not 0: takes fed (freed by peerwait_free).
 * Returns 1 when the input must be held, else 0. */
int
peerwait_init(struct peerwait *w, struct zsock **fed, size_t nfed, int want,
    const struct peerwait_words *words)
{
	const char *worst = words->what;

	w->fed = fed;
	w->nfed = nfed;
	w->want = want;
	w->words = words;
	w->seen = 0;
	if (want == 0)
		return 0;
	w->seen = peerwait_fewest(w, &worst);
	log_msg(LOG_INFO, "waiting for %d peer%s on each socket %s feeds "
	    "before %s", want, want == 1 ? "" : "s", words->what,
	    words->before);
	return 1;
}

/* 1 once every socket fed has enough peers (said), else 0; a change in
 * the count is logged. */
int
peerwait_check(struct peerwait *w)
{
	const char *worst = w->words->what;
	int fewest = peerwait_fewest(w, &worst);

	if (fewest >= w->want) {
		log_msg(LOG_INFO, "%d peer%s ready; %s", fewest,
		    fewest == 1 ? "" : "s", w->words->go);
		w->seen = fewest;
		return 1;
	}
	if (fewest != w->seen)
		log_msg(LOG_INFO, "%s: %d of %d peer%s ready", worst, fewest,
		    w->want, w->want == 1 ? "" : "s");
	w->seen = fewest;
	return 0;
}

/* At the end of a run still waiting (not by a signal): say for what. */
void
peerwait_report(const struct peerwait *w, int signalled)
{
	const char *worst = w->words->what;
	int fewest;

	if (signalled || w->want == 0)
		return;
	fewest = peerwait_fewest(w, &worst);
	warnx("%s: %d of %d peer%s ready when the run ended; %s", worst,
	    fewest, w->want, w->want == 1 ? "" : "s", w->words->held);
}

/* Release the list of sockets fed. */
void
peerwait_free(struct peerwait *w)
{
	free(w->fed);
	w->fed = NULL;
	w->nfed = 0;
}
