/* The --stamp frame: a stream id, a sequence number and a send time. */
#ifndef ZMQCAT_STAMP_H
#define ZMQCAT_STAMP_H

#include <stddef.h>
#include <stdint.h>

/*
 * 28 bytes, big-endian: "ZCS1", the stream id (8 bytes, random per
 * run), the sequence number (8, from 0) and the send time (8, ns since
 * the epoch, CLOCK_REALTIME).
 */
#define STAMP_LEN	28
#define STAMP_MAGIC	"ZCS1"

struct stamp {
	uint64_t	stream;
	uint64_t	seq;
	int64_t		sent_ns;
};

void stamp_encode(const struct stamp *st, unsigned char *out);
int stamp_decode(const void *data, size_t len, struct stamp *st);

#endif
