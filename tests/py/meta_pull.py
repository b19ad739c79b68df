#!/usr/bin/env python3
# meta_pull.py -- a pyzmq PULL that shows the peer properties (ZMTP
# metadata) each message came with, for the --meta / -o metadata= tests.
#
# usage: meta_pull.py ENDPOINT COUNT PROPERTY[,PROPERTY...] [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT, prints "meta_pull.py: pull bound ENDPOINT" on
# stderr, receives COUNT messages and prints for each one line: its first
# frame, then NAME=VALUE for every PROPERTY its peer sent (zmq_msg_gets),
# space-separated. Exits 0 once COUNT have come, 1 on a timeout.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, names, timeout = peer.args(
        argv, "ENDPOINT COUNT PROPERTY[,PROPERTY...] [TIMEOUT_S]",
        str, int, str, (float, 10.0))
    p = peer.Peer("meta_pull.py", timeout)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)
    recv = lambda: sock.recv_multipart(copy=False)	# noqa: E731
    for frames in p.take(sock, count, recv):
        words = [frames[0].bytes.decode(errors="replace")]
        for name in names.split(","):
            try:
                words.append(f"{name}={frames[0].get(name)}")
            except zmq.ZMQError:
                pass		# the peer did not send it
        print(" ".join(words), flush=True)
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
