#!/bin/sh
# --probe: what listens at an endpoint, from its ZMTP greeting: pyzmq
# listeners of each socket type, with metadata, PLAIN and CURVE; a
# zmqcat on ipc; a TCP server that is not ZMTP; a closed port; -J; the
# exit statuses and the usage errors.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# probe NAME ARGS...: zmqcat --probe ARGS; stdout in NAME.out, status PST.
probe() {
	_pn=$1
	shift
	zc "$@" >"$TMP/$_pn.out" 2>"$TMP/$_pn.err" </dev/null
	PST=$?
}

# A closed port: one bound and let go.
zc_bg "$TMP/free.out" "$TMP/free.err" -v -s 'PULL:bind:tcp://127.0.0.1:*' -W 0.1
closed=$(bound_endpoint "$TMP/free.err" pull)
wait_exit "$ZC_PID"
probe closed --probe "$closed"
is "$PST:$(cat "$TMP/closed.out")" "1:$closed: connect: Connection refused" \
    "a closed port: refused, status 1"

# A zmqcat ROUTER on ipc: NULL, its type and its (empty) Identity.
zc_bg "$TMP/r.out" "$TMP/r.err" -v -s "ROUTER:bind:ipc://$TMP/r.ipc" -W "$(slow 10)"
rpid=$ZC_PID
wait_for "$TMP/r.err" 'router bound'
probe ipc --probe "ipc://$TMP/r.ipc"
is "$PST:$(cat "$TMP/ipc.out")" "0:ipc://$TMP/r.ipc: ZMTP 3.1, NULL, ROUTER; Identity \"\"" \
    "a zmqcat ROUTER on ipc: ZMTP 3.1, NULL, ROUTER, status 0"
probe ipcj -J --probe "ipc://$TMP/r.ipc"
is "$PST:$(cat "$TMP/ipcj.out")" \
    "0:{\"endpoint\":\"ipc://$TMP/r.ipc\",\"zmtp\":\"3.1\",\"mechanism\":\"NULL\",\"as_server\":false,\"metadata\":{\"Socket-Type\":\"ROUTER\",\"Identity\":\"\"}}" \
    "-J: one JSON object"
kill "$rpid" 2>/dev/null

# A TCP server that is not ZMTP: its first bytes, quoted.
if pyzmq_ok; then
	"$PYTHON_ZMQ" -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(10)
c, _ = s.accept()
c.recv(100)
c.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")
c.close()
' >"$TMP/http.port" 2>&1 &
	track $!
	wait_lines "$TMP/http.port" 1
	port=$(head -n 1 "$TMP/http.port")
	probe http --probe "tcp://127.0.0.1:$port"
	is "$PST:$(cat "$TMP/http.out")" \
	    "1:tcp://127.0.0.1:$port: not ZMTP: \"HTTP/1.1 400 Bad Request\\x0d\\x0a\\x0d\\x0a\"" \
	    "an HTTP server: not ZMTP, its first bytes quoted; status 1"
fi

if need_pyzmq "--probe of pyzmq listeners"; then
	eps=""
	for t in PUB SUB PUSH PULL REQ REP DEALER ROUTER PAIR XPUB XSUB; do
		py_bg "$TMP/$t.out" "$TMP/$t.err" listen.py "$t" \
		    'tcp://127.0.0.1:*' - null "$(slow 10)"
		ep=$(py_endpoint "$TMP/$t.err" listen.py "$(echo $t | tr A-Z a-z)")
		eps="$eps $t=$ep"
	done
	args=""
	want=""
	for te in $eps; do
		t=${te%%=*} ep=${te#*=}
		args="$args --probe $ep"
		case $t in
		ROUTER) extra='; Identity ""' ;;
		REQ|DEALER) extra='; Identity ""' ;;
		*) extra='' ;;
		esac
		want="$want$ep: ZMTP 3.1, NULL, $t$extra
"
	done
	# shellcheck disable=SC2086
	probe types $args
	is "$PST:$(cat "$TMP/types.out")
" "0:$want" "every socket type, in one run, each named: status 0"

	py_bg "$TMP/md.out" "$TMP/md.err" listen.py PUB 'tcp://127.0.0.1:*' \
	    X-Service:weather null "$(slow 10)"
	ep=$(py_endpoint "$TMP/md.err" listen.py pub)
	probe md --probe "$ep"
	is "$PST:$(cat "$TMP/md.out")" "0:$ep: ZMTP 3.1, NULL, PUB; X-Service \"weather\"" \
	    "application metadata is shown"

	# a stranger's bytes cannot reach the terminal as they are
	py_bg "$TMP/ev.out" "$TMP/ev.err" listen.py PUB 'tcp://127.0.0.1:*' \
	    "$(printf 'X-Evil:a"b\033[2Jc')" null "$(slow 10)"
	ep=$(py_endpoint "$TMP/ev.err" listen.py pub)
	probe evil --probe "$ep"
	is "$PST:$(cat "$TMP/evil.out")" \
	    "0:$ep: ZMTP 3.1, NULL, PUB; X-Evil \"a\\x22b\\x1b[2Jc\"" \
	    "metadata values are escaped: a quote, an escape sequence"

	py_bg "$TMP/pl.out" "$TMP/pl.err" listen.py REP 'tcp://127.0.0.1:*' - \
	    plain "$(slow 10)"
	ep=$(py_endpoint "$TMP/pl.err" listen.py rep)
	probe plain --probe "$ep"
	is "$PST:$(cat "$TMP/plain.out")" "0:$ep: ZMTP 3.1, PLAIN" \
	    "a PLAIN server: its mechanism, no metadata without a login"
	if pyzmq_ok curve; then
		py_bg "$TMP/cv.out" "$TMP/cv.err" listen.py ROUTER \
		    'tcp://127.0.0.1:*' - curve "$(slow 10)"
		ep=$(py_endpoint "$TMP/cv.err" listen.py router)
		probe curve --probe "$ep"
		is "$PST:$(cat "$TMP/curve.out")" "0:$ep: ZMTP 3.1, CURVE" \
		    "a CURVE server: its mechanism"
	fi
fi

# Several at once: all shown, status 1 when one is not ZMTP.
probe unres --probe tcp://no-such-host.invalid:1 --probe "$closed"
grep -Eq '^tcp://no-such-host.invalid:1: cannot resolve .no-such-host.invalid.: ' \
    "$TMP/unres.out"
ok $? "an unresolvable host says so"
is "$PST:$(sed -n 2p "$TMP/unres.out")" "1:$closed: connect: Connection refused" \
    "and the next endpoint is probed too; status 1"
probe ws --probe ws://127.0.0.1:1
is "$PST:$(cat "$TMP/ws.out")" "1:ws://127.0.0.1:1: cannot probe it (tcp:// and ipc:// only)" \
    "ws:// is not probed yet: said, status 1"

# Usage.
zc --probe tcp://127.0.0.1:1 -s PULL:bind:tcp://127.0.0.1:1 >"$TMP/u.out" 2>&1
is "$?:$(cat "$TMP/u.out")" "2:zmqcat: --probe runs alone: drop -s" \
    "usage: --probe with -s"

done_testing
