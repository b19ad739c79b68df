#!/usr/bin/env python3
# stamp_push.py -- a pyzmq PUSH that sends --stamp frames of its choosing,
# for the --check tests: gaps, repeats and swaps on purpose.
#
# usage: stamp_push.py ENDPOINT STREAM SEQS [BODY] [TIMEOUT_S]
#
# Connects a PUSH to ENDPOINT and sends, for each number in SEQS (comma
# separated, in that order), a message of two frames: BODY (default
# b"m") and a stamp frame, zmqcat's layout (doc/zmqcat.1, GENERATING):
# b"ZCS1", the stream id STREAM (hex, 8 bytes), the number and the time
# it is sent in ns since the epoch, each big-endian. "-" in SEQS sends a
# message without a stamp. Exits 0 once all were handed over (at close
# too); 1 if that took more than TIMEOUT_S seconds (default 10).
import struct
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def stamp(stream, seq):
    """The stamp frame of message SEQ of STREAM, sent now."""
    return b"ZCS1" + struct.pack(">QQQ", stream, seq, time.time_ns())


def main(argv):
    endpoint, stream, seqs, body, timeout = peer.args(
        argv, "ENDPOINT STREAM SEQS [BODY] [TIMEOUT_S]", str,
        lambda s: int(s, 16), str, (str, "m"), (float, 10.0))
    p = peer.Peer("stamp_push.py", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    sock.connect(endpoint)
    for s in seqs.split(","):
        frames = [body.encode()]
        if s != "-":
            frames.append(stamp(stream, int(s)))
        if not p.send(sock, frames):
            p.fail(f"message {s} not taken within {timeout} s")
            break
    return p.close(check_linger=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
