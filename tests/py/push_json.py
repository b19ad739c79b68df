#!/usr/bin/env python3
# push_json.py -- a pyzmq PUSH that sends values with send_json, and
# writes the lines zmqcat -J must print for them.
#
# usage: push_json.py ENDPOINT EXPECTED_FILE [TIMEOUT_S]
#        push_json.py --count
#
# Writes to EXPECTED_FILE, for each value sent, the -J line a zmqcat PULL
# named "pull" prints for it, its time replaced by T:
#   {"socket":"pull","type":"PULL","frames":["<the JSON text>"],"time":T,
#    "peer":"127.0.0.1"}
# where the JSON text is exactly the bytes send_json sent, escaped as a
# JSON string (only '"' and '\' can occur: send_json's text is ASCII and
# escapes control characters itself). Then connects a PUSH to ENDPOINT
# and sends the values, waiting at most TIMEOUT_S seconds (default 10)
# for them to be taken. --count prints how many values there are.
import sys

import zmq
from zmq.utils import jsonapi

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402

VALUES = [
    {"a": 1},
    [1, 2],
    {"s": "tab\there \"quoted\" back\\slash", "n": None, "t": True},
    "\u00e9\U0001f600",
    3.5,
    {"nested": {"list": [[], {}, ""]}, "ctl": "\x01\x1f\n"},
]


def envelope(text):
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return ('{"socket":"pull","type":"PULL","frames":["%s"],"time":T,'
            '"peer":"127.0.0.1"}' % esc)


def main(argv):
    if argv[1:] == ["--count"]:
        print(len(VALUES))
        return 0
    endpoint, expected, timeout = peer.args(
        argv, "ENDPOINT EXPECTED_FILE [TIMEOUT_S]", str, str, (float, 10.0))
    with open(expected, "w") as f:
        for v in VALUES:
            text = jsonapi.dumps(v).decode("ascii")
            f.write(envelope(text) + "\n")

    p = peer.Peer("push_json.py", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    sock.connect(endpoint)
    for n, v in enumerate(VALUES):
        try:
            sock.send_json(v)
        except zmq.Again:
            p.fail(f"value {n} not taken within {timeout} s")
            sock.setsockopt(zmq.LINGER, 0)
            break
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
