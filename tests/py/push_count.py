#!/usr/bin/env python3
# push_count.py -- a pyzmq PUSH that sends numbered messages.
#
# usage: push_count.py ENDPOINT COUNT [TIMEOUT_S [PAD]]
#
# Connects a PUSH to ENDPOINT and sends b"1", b"2", ... b"COUNT" as fast
# as the peer takes them (a full queue blocks the send); with PAD > 0,
# each number is followed by a space and PAD bytes of b"x" (big messages
# fill socket buffers sooner). Exits 0 once all
# were handed to the peer; 1 if one send, or handing over the last ones
# at close, took more than TIMEOUT_S seconds (default 10).
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, timeout, pad = peer.args(
        argv, "ENDPOINT COUNT [TIMEOUT_S [PAD]]", str, int, (float, 10.0),
        (int, 0))
    pad = b" " + b"x" * pad if pad else b""
    p = peer.Peer("push_count", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    sock.connect(endpoint)
    for n in range(1, count + 1):
        if not p.send(sock, [b"%d" % n + pad]):
            p.fail(f"{n} of {count} not taken within {timeout} s")
            break
    return p.close(check_linger=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
