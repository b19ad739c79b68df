#!/usr/bin/env python3
# big_frame.py -- one large message, sent from a file or received and
# summed: the far end of the large-data tests.
#
# usage: big_frame.py send ENDPOINT FILE [TIMEOUT_S]
#        big_frame.py recv ENDPOINT [TIMEOUT_S]
#
# send: connects a PUSH to ENDPOINT and sends the whole of FILE as one
# frame; exits 0 once it was handed over (at close too), 1 if that took
# more than TIMEOUT_S seconds (default 20).
# recv: binds a PULL to ENDPOINT (says "big_frame: pull bound EP" on
# stderr), receives one message and prints "FRAMES SIZE SHA256" of it
# (SIZE and SHA256 of its frames joined) on stdout; exits 0, or 1 when
# nothing came within TIMEOUT_S seconds.
import hashlib
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    mode, endpoint, rest = peer.args(
        argv, "send|recv ENDPOINT [FILE] [TIMEOUT_S]", str, str, peer.REST)
    if mode == "send" and len(rest) in (1, 2):
        path = rest[0]
        timeout = float(rest[1]) if len(rest) == 2 else 20.0
    elif mode == "recv" and len(rest) in (0, 1):
        timeout = float(rest[0]) if rest else 20.0
    else:
        peer.args(argv[:1], "send|recv ENDPOINT [FILE] [TIMEOUT_S]", str)
    p = peer.Peer("big_frame", timeout)
    if mode == "send":
        with open(path, "rb") as f:
            data = f.read()
        sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
        sock.connect(endpoint)
        if not p.send(sock, [data]):
            p.fail(f"{len(data)} bytes not taken within {timeout:g} s")
        return p.close(check_linger=True)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)
    for frames in p.take(sock, 1):
        body = b"".join(frames)
        print(len(frames), len(body), hashlib.sha256(body).hexdigest())
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
