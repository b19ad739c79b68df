#!/usr/bin/env python3
# pull_json.py -- a pyzmq PULL that reads JSON messages with recv_json.
#
# usage: pull_json.py ENDPOINT COUNT [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT, prints "pull_json.py: pull bound ENDPOINT" on
# stderr, then receives COUNT messages with recv_json() and prints each
# decoded value on stdout as its Python ascii() form, one per line:
# {'a': 1}. A message that is not JSON is printed as "ERROR: " and the
# reason, and the exit status is then 1. Exits 1 too if TIMEOUT_S seconds
# (default 10) pass without a message.
import sys

import zmq


def main(argv):
    endpoint, count = argv[1], int(argv[2])
    timeout = float(argv[3]) if len(argv) > 3 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    sock = context.socket(zmq.PULL)
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind(endpoint)
    bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    print(f"pull_json.py: pull bound {bound}", file=sys.stderr, flush=True)

    status = 0
    for n in range(count):
        try:
            print(ascii(sock.recv_json()))
        except zmq.Again:
            print(f"pull_json.py: got {n} of {count} messages; nothing "
                  f"more within {timeout} s", file=sys.stderr, flush=True)
            status = 1
            break
        except ValueError as e:
            print(f"ERROR: {e}")
            status = 1
    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
