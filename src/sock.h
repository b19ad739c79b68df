/* Open zmq sockets from specs, watch their peers, send without blocking. */
#ifndef ZMQCAT_SOCK_H
#define ZMQCAT_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <zmq.h>

#include "monitor.h"
#include "spec.h"

struct conns;

/* What every socket of a run shares: set once from the options. */
struct sock_conf {
	int			 linger;
	enum monitor_mode	 monitor;	/* --monitor: print events */
	int			 fail_fast;	/* a failed connect ends it */
};

/* A connection: its fd (as events name it), the peer's address, since
 * when, and whether it was accepted (bound) and has shaken hands. */
struct sock_peer {
	int	 fd;
	char	 addr[64];	/* host:port; an ipc endpoint itself */
	int	 named;		/* addr is the peer's (tcp), to show */
	int	 ipc;		/* an ipc connection (see conns.h) */
	int	 accepted;
	int	 shaken;
	int64_t	 since_ms;	/* epoch ms */
};

/* What the monitor has seen of one endpoint's connects. */
#define SOCK_EP_STARTED	0x01	/* an attempt started since the last retry */
#define SOCK_EP_TOLD	0x02	/* its failure to start was reported */

struct zsock {
	const struct sock_conf *conf;
	struct spec	*spec;
	void		*handle;
	void		*monitor;	/* inproc PAIR reading its events */
	int		 monitor_fd;	/* its ZMQ_FD: polled as a plain fd */
	int		 monitor_more;	/* events may wait that the fd will
					 * not announce: read them first */
	int		 peers;		/* connected peers now */
	uint64_t	 nhandshakes;	/* handshakes that succeeded */
	uint64_t	 nfailed;	/* and that failed */
	struct monitor_event last_failure; /* the last handshake that did */
	uint64_t	 ndisconnects;
	uint64_t	 nsubs;		/* subscriptions a see_subs PUB has */
	uint64_t	 nrefused;	/* peers our ZAP handler refused */
	int		 bind_errno;	/* a BIND_FAILED event's reason */
	struct sock_peer *links;	/* its connections now, oldest first */
	size_t		 nlinks;
	int		 peers_known;	/* no inproc endpoint: events tell */
	int		 ever_peered;
	int		 ever_connected;/* a connect of ours got through */
	int		 unreachable;	/* a connect could not even start */
	unsigned char	*ep_flags;	/* per endpoint: SOCK_EP_* */
	int64_t		 nopeer_since;	/* monotonic ms; peers == 0 since */
	int64_t		 awaiting_since;/* a REQ waits for its reply */
	uint64_t	 nsent;		/* messages and bytes out and in */
	uint64_t	 bytes_out;
	uint64_t	 nrecv;
	uint64_t	 bytes_in;
	int		 index;		/* place in the poll set */
	int		 told_fds;	/* said it took the last fd */
	char		*fail_why;	/* --fail-fast: a connect failed, so:
					 * "cannot connect to EP: why" */
	struct monitor_repeats repeats;	/* --monitor's, to condense */
};

/* The frames of one received message: libzmq's, and iovecs over them. */
struct sock_frames {
	zmq_msg_t	*msgs;
	struct iovec	*iov;
	size_t		 n;
	size_t		 cap;
};

void sock_conf_init(struct sock_conf *conf, int linger,
    enum monitor_mode monitor);
int sock_open(void *ctx, struct zsock *zs, struct spec *spec,
    const struct sock_conf *conf, int index);
int sock_send(struct zsock *zs, const struct iovec *frames, size_t n);
int sock_send_msgs(struct zsock *zs, zmq_msg_t *msgs,
    const struct iovec *frames, size_t n, int move);
int sock_recv(struct zsock *zs, struct sock_frames *fr);
void sock_frames_free(struct sock_frames *fr);
void sock_note_refused(struct zsock *zs);
void sock_monitor_read(struct zsock *zs);
int64_t sock_monitor_due(const struct zsock *zs);
void sock_monitor_tick(struct zsock *zs, int64_t now, int all);
int sock_ready_peers(const struct zsock *zs);
const char *sock_mechanism(const struct zsock *zs);
void sock_hold_ipc(const struct zsock *zs, struct conns *held);
void sock_read_subs(struct zsock *zs);
void sock_cap_linger(struct zsock *zs, int64_t ms);
void sock_close(struct zsock *zs);
int sock_reopen(void *ctx, struct zsock *zs);
void *sock_ctx_new(size_t nsocks, int io_threads);
struct zsock *sock_open_all(void *ctx, struct spec **specs, size_t n,
    const struct sock_conf *conf);
void sock_close_all(struct zsock **socksp, size_t n);

#endif
