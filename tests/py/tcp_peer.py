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


def read_until(conn, done):
    got = b""
    while not done(got):
        chunk = conn.recv(4096)
        if not chunk:
            break
        got += chunk
    return got


def main(argv):
    mode = argv[1]
    timeout = float(argv[4 if mode == "client" else 3]) \
        if len(argv) > (4 if mode == "client" else 3) else 10.0
    try:
        if mode == "server":
            lsock = socket.socket()
            lsock.bind(("127.0.0.1", 0))
            lsock.listen(1)
            lsock.settimeout(timeout)
            port = lsock.getsockname()[1]
            print(f"tcp_peer.py: server bound tcp://127.0.0.1:{port}",
                  file=sys.stderr, flush=True)
            conn, _ = lsock.accept()
            conn.settimeout(timeout)
            got = read_until(conn, lambda b: len(b) > 0)
            conn.sendall(argv[2].encode())
        else:
            host, port = argv[2][len("tcp://"):].rsplit(":", 1)
            conn = socket.create_connection((host, int(port)), timeout)
            message = argv[3].encode()
            conn.sendall(message)
            got = read_until(conn, lambda b: len(b) >= len(message))
        conn.close()
    except OSError as e:
        print(f"tcp_peer.py: {e}", file=sys.stderr, flush=True)
        return 1
    sys.stdout.buffer.write(got)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
