/* One message as it moves along routes: what is computed of it. */
#include "config.h"

#include "msg.h"

/* Total bytes in the frames of a message. */
uint64_t
msg_size(const struct msg *m)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < m->nframes; i++)
		total += m->frames[i].iov_len;
	return total;
}
