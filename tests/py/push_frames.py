#!/usr/bin/env python3
# push_frames.py -- a pyzmq PUSH that sends multipart, binary messages
# (NUL bytes, bytes >= 0x80, empty frames, every byte value) and writes
# the exact bytes zmqcat must print for them.
#
# usage: push_frames.py ENDPOINT MODE EXPECTED_FILE [TIMEOUT_S]
#        push_frames.py --count
#
# Writes to EXPECTED_FILE what zmqcat prints for the messages in MODE:
#   hex     zmqcat -f '%F %S %x\n'           (frames joined by the default TAB)
#   frames  zmqcat -f '%F|%1|%2|%3\n'
#   raw     zmqcat -F '\x1e' -D '\x1d'       (no -f)
#   nul     zmqcat -0 -F '\n'                (no -f)
# then connects a PUSH to ENDPOINT and sends the messages, waiting at most
# TIMEOUT_S seconds (default 10) for them to be taken. --count prints how
# many messages there are.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402

MESSAGES = [
    [b"hello"],
    [b""],
    [b"a\x00b", b"\x80\xff\xfe", b""],
    [b"", b"x"],
    [b"\x00"],
    [b"\n\t\r", b"\\x41", b"%s"],
    [bytes(range(256))],
    [bytes([0xc3, 0x28]), bytes(range(0x80, 0x100))],
    [b"f%d" % i for i in range(12)],
    [b"\xff" * 3000, b"", b"", b"end"],
]


def render(mode, frames):
    if mode == "hex":
        body = b"\t".join(frames)
        return b"%d %d %s\n" % (len(frames), len(body) - (len(frames) - 1),
                                body.hex().encode())
    if mode == "frames":
        pick = [frames[i] if i < len(frames) else b"" for i in range(3)]
        return b"%d|" % len(frames) + b"|".join(pick) + b"\n"
    if mode == "raw":
        return b"\x1e".join(frames) + b"\x1d"
    if mode == "nul":
        return b"\n".join(frames) + b"\x00"
    raise SystemExit(f"push_frames.py: unknown mode {mode!r}")


def main(argv):
    if argv[1:] == ["--count"]:
        print(len(MESSAGES))
        return 0
    endpoint, mode, expected, timeout = peer.args(
        argv, "ENDPOINT MODE EXPECTED_FILE [TIMEOUT_S]", str, str, str,
        (float, 10.0))
    with open(expected, "wb") as f:
        f.write(b"".join(render(mode, m) for m in MESSAGES))

    p = peer.Peer("push_frames.py", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    sock.connect(endpoint)
    for n, frames in enumerate(MESSAGES):
        if not p.send(sock, frames):
            p.fail(f"message {n} not taken within {timeout} s")
            break
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
