#!/usr/bin/env python3
# slow_pull.py -- a pyzmq PULL consumer that is slow, or stops for a
# while, on purpose: the far end of the backpressure tests.
#
# usage: slow_pull.py ENDPOINT [--expect N] [--slow-until N]
#            [--slow-every N] [--slow-sleep S] [--pause-after N]
#            [--pause S] [--idle S] [--timeout S] [--rcvhwm N]
#            [--rcvbuf BYTES]
#
# Binds a PULL to ENDPOINT and prints "slow_pull: pull bound EP" on
# stderr. Each message is a decimal number (push_count.py's b"1", b"2"
# ...), maybe followed by a space and padding. --rcvhwm and --rcvbuf set
# ZMQ_RCVHWM and ZMQ_RCVBUF (small values keep less in flight). While fewer than --slow-until have come, it sleeps --slow-sleep
# seconds after every --slow-every messages; after --pause-after
# messages it stops reading for --pause seconds once. It ends when
# --expect messages have come, or (without --expect) when nothing has
# come for --idle seconds after the first one. Then it prints on stdout
#   count=N first=F last=L increasing=yes|no consecutive=yes|no
# (consecutive: exactly 1, 2, 3, ... N). Exits 0 when it ended that
# way, 1 when --timeout seconds (default 10) passed without a message
# before it had --expect (or, without --expect, any) messages.
import argparse
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("endpoint")
    ap.add_argument("--expect", type=int, default=0)
    ap.add_argument("--slow-until", type=int, default=0)
    ap.add_argument("--slow-every", type=int, default=1000)
    ap.add_argument("--slow-sleep", type=float, default=0.0)
    ap.add_argument("--pause-after", type=int, default=0)
    ap.add_argument("--pause", type=float, default=0.0)
    ap.add_argument("--idle", type=float, default=0.5)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--rcvhwm", type=int, default=-1)
    ap.add_argument("--rcvbuf", type=int, default=-1)
    a = ap.parse_args()

    p = peer.Peer("slow_pull", a.timeout)
    sock = p.socket(zmq.PULL, **peer.given(rcvhwm=a.rcvhwm,
                                           rcvbuf=a.rcvbuf))
    p.bind(sock, a.endpoint)

    count, first, last = 0, None, None
    increasing = consecutive = True
    while not a.expect or count < a.expect:
        wait = a.timeout if count == 0 or a.expect else a.idle
        if not p.poll(sock, int(wait * 1000)):
            if count == 0 or a.expect:
                p.fail(f"got {count} messages; nothing more within {wait} s")
            break
        n = int(sock.recv().split(b" ", 1)[0])
        count += 1
        if first is None:
            first = n
        if last is not None and n <= last:
            increasing = False
        if n != count:
            consecutive = False
        last = n
        if count < a.slow_until and count % a.slow_every == 0:
            time.sleep(a.slow_sleep)
        if count == a.pause_after:
            time.sleep(a.pause)

    yn = {True: "yes", False: "no"}
    print(f"count={count} first={first} last={last} "
          f"increasing={yn[increasing]} consecutive={yn[consecutive]}",
          flush=True)
    return p.close()


if __name__ == "__main__":
    sys.exit(main())
