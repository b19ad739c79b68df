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

def handshake(sock, timeout):
    """Wait for the first handshake to succeed: 0, or 3 with a reason."""
    mon = sock.get_monitor_socket()
    deadline = time.monotonic() + timeout
    attempts = 0
    status = 3
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not mon.poll(int(left * 1000) + 1):
                print(f"curve_push: no handshake within {timeout:g} s "
                      f"({attempts} connections closed)", file=sys.stderr,
                      flush=True)
                break
            ev = recv_monitor_message(mon)
            if ev["event"] == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                print("curve_push: handshake succeeded", file=sys.stderr,
                      flush=True)
                status = 0
                break
            if ev["event"] == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                # the server's ZAP handler said no: libzmq will not retry
                print(f"curve_push: refused: status {ev['value']}",
                      file=sys.stderr, flush=True)
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
    if len(argv) < 5:
        print("usage: curve_push.py [-t TIMEOUT_S] ENDPOINT SERVER_PUBLIC "
              "CLIENT_PUBLIC CLIENT_SECRET MESSAGE...", file=sys.stderr)
        return 2
    endpoint, server_public, public, secret = argv[1:5]
    messages = argv[5:]

    context = zmq.Context()
    sock = context.socket(zmq.PUSH)
    sock.curve_serverkey = server_public.encode()
    sock.curve_publickey = public.encode()
    sock.curve_secretkey = secret.encode()
    sock.setsockopt(zmq.LINGER, int(timeout * 1000))
    sock.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    sock.connect(endpoint)

    status = handshake(sock, timeout)
    if status == 0:
        for m in messages:
            try:
                sock.send(m.encode())
            except zmq.Again:
                print(f"curve_push: '{m}' not taken within {timeout:g} s",
                      file=sys.stderr, flush=True)
                status = 1
                break
    else:
        sock.setsockopt(zmq.LINGER, 0)
    sock.close()
    start = time.monotonic()
    context.term()
    if status == 0 and time.monotonic() - start >= timeout:
        print("curve_push: linger expired at close", file=sys.stderr,
              flush=True)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
