#!/usr/bin/env python3
# curve_push.py -- a pyzmq PUSH that is a CURVE client.
#
# usage: curve_push.py [-t TIMEOUT_S] ENDPOINT SERVER_PUBLIC CLIENT_PUBLIC
#                      CLIENT_SECRET MESSAGE...
#
# Connects a PUSH to ENDPOINT as a CURVE client of the server whose
# public key is SERVER_PUBLIC, with the keypair CLIENT_PUBLIC and
# CLIENT_SECRET (Z85), and watches the socket's events. Once a handshake
# has succeeded it prints "curve_push: handshake succeeded" on stderr,
# sends each MESSAGE as one frame, and exits 0 when they were handed
# over. It sends nothing, and exits 3, when the server refuses it
# ("curve_push: refused: status N") or when no handshake succeeded within
# TIMEOUT_S seconds (default 10): "curve_push: no handshake within T s
# (N connections closed)". Exits 1 if handing the messages over took longer
# than TIMEOUT_S.
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def handshake(p, sock):
    """Wait for the first handshake to succeed: 0, or 3 with a reason."""
    mon = sock.get_monitor_socket()
    deadline = time.monotonic() + p.timeout
    attempts = 0
    status = 3
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not mon.poll(int(left * 1000) + 1):
                p.say(f"no handshake within {p.timeout:g} s "
                      f"({attempts} connections closed)")
                break
            ev = recv_monitor_message(mon)
            if ev["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                p.say("handshake succeeded")
                status = 0
                break
            if ev["event"] == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                # the server's ZAP handler said no: libzmq will not retry
                p.say(f"refused: status {ev['value']}")
                break
            if ev["event"] == zmq.EVENT_DISCONNECTED:
                attempts += 1
    finally:
        sock.disable_monitor()
        mon.close(0)
    return status


def main(argv):
    timeout = 10.0
    if len(argv) > 2 and argv[1] == "-t":
        timeout = float(argv[2])
        argv = argv[:1] + argv[3:]
    endpoint, server_public, public, secret, messages = peer.args(
        argv, "[-t TIMEOUT_S] ENDPOINT SERVER_PUBLIC CLIENT_PUBLIC "
        "CLIENT_SECRET MESSAGE...", str, str, str, str, peer.REST)

    p = peer.Peer("curve_push", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True,
                    curve_serverkey=server_public.encode(),
                    curve_publickey=public.encode(),
                    curve_secretkey=secret.encode())
    sock.connect(endpoint)

    p.status = handshake(p, sock)
    if p.status == 0:
        for m in messages:
            if not p.send(sock, [m.encode()]):
                p.fail(f"'{m}' not taken within {timeout:g} s")
                break
    else:
        sock.setsockopt(zmq.LINGER, 0)
    return p.close(check_linger=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
