#!/usr/bin/env python3
# tcp_peer.py -- a raw TCP peer (no ZeroMQ) for the STREAM tests.
#
# usage: tcp_peer.py server REPLY [TIMEOUT_S]
#        tcp_peer.py client ENDPOINT MESSAGE [TIMEOUT_S]
#
# server: listens on 127.0.0.1 (a free port), prints "tcp_peer.py:
# server bound tcp://127.0.0.1:PORT" on stderr, accepts one connection,
# reads what the peer sends first (one read), answers REPLY and
# closes. client: connects to ENDPOINT (tcp://HOST:PORT), sends MESSAGE,
# reads until as many bytes as MESSAGE had have come, and closes. Both
# print what they read on stdout (bytes as they are) and exit 0, or 1
# after TIMEOUT_S seconds (default 10).
import socket
import sys

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def read_until(conn, done):
    got = b""
    while not done(got):
        chunk = conn.recv(4096)
        if not chunk:
            break
        got += chunk
    return got


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    rest = argv[:1] + argv[2:]
    if mode == "server":
        reply, timeout = peer.args(rest, "server REPLY [TIMEOUT_S]",
                                   str, (float, 10.0))
    else:
        endpoint, message, timeout = peer.args(
            rest, "client ENDPOINT MESSAGE [TIMEOUT_S]", str, str,
            (float, 10.0))
    p = peer.Peer("tcp_peer.py", timeout)
    try:
        if mode == "server":
            lsock = socket.socket()
            lsock.bind(("127.0.0.1", 0))
            lsock.listen(1)
            lsock.settimeout(timeout)
            port = lsock.getsockname()[1]
            p.say(f"server bound tcp://127.0.0.1:{port}")
            conn, _ = lsock.accept()
            conn.settimeout(timeout)
            got = read_until(conn, lambda b: len(b) > 0)
            conn.sendall(reply.encode())
        else:
            host, port = endpoint[len("tcp://"):].rsplit(":", 1)
            conn = socket.create_connection((host, int(port)), timeout)
            message = message.encode()
            conn.sendall(message)
            got = read_until(conn, lambda b: len(b) >= len(message))
        conn.close()
    except OSError as e:
        p.say(str(e))
        return 1
    sys.stdout.buffer.write(got)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
