#!/usr/bin/env python3
# many_push.py -- many PUSH sockets, each with its own connection, each
# sending one message: peers enough to exhaust a receiver's fds.
#
# usage: many_push.py ENDPOINT COUNT [HOLD_S [SERVER_PUBLIC]]
#
# Connects COUNT PUSH sockets to ENDPOINT; socket i sends b"i" (1 to
# COUNT) at once. With SERVER_PUBLIC (Z85), each socket is a CURVE
# client of that server with a keypair of its own, made here, and tries
# once only (no reconnection): COUNT attempts with as many unknown keys. Says "many_push: COUNT connecting" on stderr, then
# holds them all open HOLD_S seconds (default 5), or until SIGTERM, and
# closes them without waiting (linger 0). Exits 0.
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, hold, server = peer.args(
        argv, "ENDPOINT COUNT [HOLD_S [SERVER_PUBLIC]]", str, int,
        (float, 5.0), (str, ""))
    p = peer.Peer("many_push", hold)
    p.stop_on_sigterm()
    for n in range(1, count + 1):
        options = {}
        if server:
            public, secret = zmq.curve_keypair()
            options = {"curve_serverkey": server.encode(),
                       "curve_publickey": public,
                       "curve_secretkey": secret,
                       "reconnect_ivl": -1}
        sock = p.socket(zmq.PUSH, **options)
        sock.connect(endpoint)
        sock.send(b"%d" % n)
    p.say(f"{count} connecting")
    for _ in p.running(hold):
        time.sleep(0.05)
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
