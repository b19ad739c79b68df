/* One message as it moves along routes: its frames, and where it is from. */
#ifndef ZMQCAT_MSG_H
#define ZMQCAT_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

/*
 * A source fills one for each message it hands on and keeps what it
 * points at until every route has taken the message. What a format can
 * show of a message is here too: its origin, number, time and peer.
 */
struct msg {
	const char		*sockname;	/* the source's name, for %n */
	const char		*socktype;	/* and its type, for %T */
	const struct iovec	*frames;
	size_t			 nframes;
	const char		*fdelim;	/* frame delimiter for %s */
	size_t			 fdelim_len;
	uint64_t		 seq;		/* 1 for the first message */
	int64_t			 time_ms;	/* receive time, epoch ms */
	const char		*peer;		/* Peer-Address, or NULL */
	int			 is_router;	/* frame 1 is a routing id */
	void			*zframes;	/* the frames as libzmq gave
						 * them (zmq_msg_t), so a
						 * socket sends them without
						 * a copy; or NULL */
	int			 to;		/* -J "to": the node it is
						 * for, or -1: its routes */
	/* The peer's property name (ZMTP metadata: Socket-Type, X-...)
	 * of the message, NUL-terminated, or NULL; asked only by a format
	 * that shows one (%{NAME}m, --meta). NULL where none are known. */
	const char		*(*meta)(const struct msg *, const char *name);
	const void		*metaframe;	/* what meta reads */
};

/* Total bytes in the frames of a message (inline: counted for every
 * message a route delivers). */
static inline uint64_t
msg_size(const struct msg *m)
{
	uint64_t total;
	size_t i;

	if (m->nframes == 1)	/* the common case, without the loop */
		return m->frames[0].iov_len;
	for (i = 0, total = 0; i < m->nframes; i++)
		total += m->frames[i].iov_len;
	return total;
}

#endif
