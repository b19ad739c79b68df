# peer.py -- what every pyzmq peer of the tests does, written once: its
# positional arguments (ENDPOINT ... [TIMEOUT_S]), the zmq context, sockets
# with their linger and send/receive timeouts, binding and saying what
# was really bound ("SCRIPT: TYPE bound ENDPOINT", from LAST_ENDPOINT),
# polls and loops bounded in time, SIGTERM, closing with linger, and the
# exit status.
#
# A peer says everything on stderr as "NAME: ...", NAME given to Peer.
# Messages a test parses are made here or passed here whole, so each
# peer's lines stay as the shell tests expect them.
import signal
import sys
import time

import zmq

REST = object()		# args(): the remaining arguments, as a list


def args(argv, usage, *specs):
    """argv[1:] by SPECS: a converter for an argument that must be given,
    (converter, default) for an optional one (they come last), REST for
    all that remain. Prints "usage: SCRIPT USAGE" and exits 2 on a
    missing or extra argument, or one that does not convert."""
    words = argv[1:]
    values = []
    try:
        for spec in specs:
            if spec is REST:
                values.append(list(words))
                words = []
            elif isinstance(spec, tuple):
                values.append(spec[0](words.pop(0)) if words else spec[1])
            else:
                values.append(spec(words.pop(0)))
        if words:
            raise IndexError("too many arguments")
    except (IndexError, ValueError):
        script = argv[0].rsplit("/", 1)[-1]
        print(f"usage: {script} {usage}", file=sys.stderr, flush=True)
        sys.exit(2)
    return values


def given(**options):
    """The OPTIONS whose value is given: -1 (a flag's default) is not."""
    return {name: v for name, v in options.items() if v >= 0}


class Peer:
    """One test peer: its name on stderr, its timeout, its sockets and
    its exit status (0 until fail() is called)."""

    def __init__(self, name, timeout=10.0):
        self.name = name
        self.timeout = timeout
        self.status = 0
        self.stopped = False
        self.timed_out = False
        self.context = None
        self.sockets = []
        # a test waits for each line: none may sit in a buffer
        sys.stdout.reconfigure(line_buffering=True)

    @property
    def timeout_ms(self):
        """The timeout in milliseconds, as zmq's options want it."""
        return int(self.timeout * 1000)

    def say(self, text):
        """Print "NAME: TEXT" on stderr at once."""
        print(f"{self.name}: {text}", file=sys.stderr, flush=True)

    def fail(self, text):
        """Say TEXT and make the exit status 1."""
        self.say(text)
        self.status = 1

    def socket(self, kind, linger=0, wait=False, **options):
        """A new socket of KIND with LINGER ms; WAIT: sends and receives
        give up (zmq.Again) after the timeout. OPTIONS are zmq option
        names in lower case, e.g. routing_id=b"x"."""
        if self.context is None:
            self.context = zmq.Context()
        sock = self.context.socket(kind)
        sock.setsockopt(zmq.LINGER, linger)
        if wait:
            sock.setsockopt(zmq.SNDTIMEO, self.timeout_ms)
            sock.setsockopt(zmq.RCVTIMEO, self.timeout_ms)
        for name, value in options.items():
            sock.setsockopt(getattr(zmq, name.upper()), value)
        self.sockets.append(sock)
        return sock

    def bind(self, sock, endpoint, label=None):
        """Bind SOCK to ENDPOINT and say "LABEL bound EP", EP the address
        really bound (a free port for tcp://127.0.0.1:*), LABEL the
        socket type in lower case unless given. Returns EP."""
        sock.bind(endpoint)
        bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
        if label is None:
            label = sock.socket_type.name.lower()
        self.say(f"{label} bound {bound}")
        return bound

    def stop_on_sigterm(self):
        """Let SIGTERM end running() (and set stopped) instead of the
        process: the peer still closes and says how it ended."""
        signal.signal(signal.SIGTERM, self._stop)

    def _stop(self, *_):
        self.stopped = True

    def running(self, seconds):
        """Yield until SIGTERM (stopped) or until SECONDS have passed
        (then timed_out is True): the bound of a peer's main loop."""
        end = time.monotonic() + seconds
        self.timed_out = False
        while not self.stopped:
            if time.monotonic() >= end:
                self.timed_out = True
                return
            yield

    def poll(self, sock, ms):
        """True when SOCK has a message within MS milliseconds; False
        when not, or when a signal cut the wait short."""
        try:
            return bool(sock.poll(ms))
        except zmq.ZMQError:	# EINTR from a signal
            return False

    def take(self, sock, count, recv=None):
        """Yield COUNT messages from SOCK (a socket made with wait=True),
        each from RECV (default: its list of frames). When none comes
        within the timeout, fail with "got N of COUNT messages; nothing
        more within T s" and stop."""
        recv = recv or sock.recv_multipart
        for n in range(count):
            try:
                yield recv()
            except zmq.Again:
                self.fail(f"got {n} of {count} messages; nothing more "
                          f"within {self.timeout} s")
                return

    def send(self, sock, frames):
        """Send FRAMES (a list) on SOCK, made with wait=True. False when
        no peer took it within the timeout: the socket then lingers no
        more, so that close() does not wait again."""
        try:
            sock.send_multipart(frames)
            return True
        except zmq.Again:
            sock.setsockopt(zmq.LINGER, 0)
            return False

    def close(self, check_linger=False):
        """Close every socket and end the context, which waits for each
        socket's linger. CHECK_LINGER: if that took the whole timeout,
        what was sent may not have been handed over: fail with "linger
        expired at close". Returns the exit status."""
        for sock in self.sockets:
            sock.close()
        if self.context is None:
            return self.status
        start = time.monotonic()
        self.context.term()
        if check_linger and self.status == 0 and \
                time.monotonic() - start >= self.timeout:
            self.fail("linger expired at close")
        return self.status
