#!/bin/sh
# --probe: what listens at an endpoint, from its ZMTP greeting: pyzmq
# listeners of each socket type, with metadata, PLAIN and CURVE; PLAIN
# and CURVE zmqcat servers probed with the right credentials, wrong ones
# and none; a zmqcat on ipc; a TCP server that is not ZMTP; a closed
# port; -J; the exit statuses and the usage errors.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# http_server NAME ANSWER: a TCP server (pyzmq's python3) that reads what
# comes first (an HTTP request: to its blank line), answers ANSWER (with
# \r \n escapes) and closes; its port in $port.
http_server() {
	"$PYTHON_ZMQ" -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
s.settimeout(10)
c, _ = s.accept()
got = c.recv(1000)
while got.startswith(b"GET") and b"\r\n\r\n" not in got:
    more = c.recv(1000)
    if not more:
        break
    got += more
c.sendall(sys.argv[1].encode().decode("unicode_escape").encode("latin-1"))
c.close()
' "$2" >"$TMP/$1.port" 2>&1 &
	track $!
	wait_lines "$TMP/$1.port" 1
	port=$(head -n 1 "$TMP/$1.port")
}

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
	http_server http "HTTP/1.1 400 Bad Request\r\n\r\n"
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

	# a READY past the probe's 8192 bytes: said, not taken for silence
	py_bg "$TMP/big.out" "$TMP/big.err" listen.py PUB 'tcp://127.0.0.1:*' \
	    "X-Big:$(printf '%09000d' 0)" null "$(slow 10)"
	ep=$(py_endpoint "$TMP/big.err" listen.py pub)
	probe big --probe "$ep"
	is "$PST:$(cat "$TMP/big.out")" \
	    "1:$ep: ZMTP 3.1, NULL, an answer to the greeting longer than 8192 bytes" \
	    "a READY longer than the probe reads: said; status 1"

	py_bg "$TMP/pyp.out" "$TMP/pyp.err" listen.py REP 'tcp://127.0.0.1:*' - \
	    plain "$(slow 10)"
	ep=$(py_endpoint "$TMP/pyp.err" listen.py rep)
	probe plain --probe "$ep"
	is "$PST:$(cat "$TMP/plain.out")" "0:$ep: ZMTP 3.1, PLAIN" \
	    "a PLAIN server: its mechanism, no metadata without a login"
	probe nozap --probe "$ep" --plain-client alice:Al1ce-pw
	is "$PST:$(cat "$TMP/nozap.out")" \
	    "1:$ep: ZMTP 3.1, PLAIN, closed after HELLO (no ZAP handler?)" \
	    "a PLAIN server without a ZAP handler closes after HELLO: said"
	if pyzmq_ok curve; then
		py_bg "$TMP/cv.out" "$TMP/cv.err" listen.py ROUTER \
		    'tcp://127.0.0.1:*' - curve "$(slow 10)"
		ep=$(py_endpoint "$TMP/cv.err" listen.py router)
		probe curve --probe "$ep"
		is "$PST:$(cat "$TMP/curve.out")" "0:$ep: ZMTP 3.1, CURVE" \
		    "a CURVE server: its mechanism"
	fi
fi

# PLAIN with a login (--plain-client after the --probe): a zmqcat
# --plain-users server, whose ZAP handler admits alice. The right
# password: its READY; a wrong one: the ERROR's reason (ZAP's status
# code), status 1; none: the mechanism only. The password is never shown.
printf 'alice:Al1ce-pw\n' >"$TMP/users.txt"
chmod 600 "$TMP/users.txt"
zc_bg "$TMP/pu.out" "$TMP/pu.err" -v -s 'PULL:bind:tcp://127.0.0.1:*' \
    --plain-users "$TMP/users.txt" -W "$(slow 20)"
pu=$(bound_endpoint "$TMP/pu.err" pull)
probe plok --probe "$pu" --plain-client alice:Al1ce-pw
is "$PST:$(cat "$TMP/plok.out")" "0:$pu: ZMTP 3.1, PLAIN, PULL" \
    "PLAIN, the right password: logged in, its READY shown; status 0"
probe plbad --probe "$pu" --plain-client alice:Wr0ng-pw
is "$PST:$(cat "$TMP/plbad.out")" "1:$pu: ZMTP 3.1, PLAIN, refused: \"400\"" \
    "PLAIN, a wrong password: refused, ZAP's 400; status 1"
probe plnone --probe "$pu"
is "$PST:$(cat "$TMP/plnone.out")" "0:$pu: ZMTP 3.1, PLAIN" \
    "PLAIN without a login: the mechanism only; status 0"
printf 'alice:Wr0ng-pw\n' >"$TMP/pw.txt"
chmod 600 "$TMP/pw.txt"
probe plj -J --probe "$pu" --plain-client "@$TMP/pw.txt" --probe "$pu" \
    --plain-client alice:Al1ce-pw
is "$PST:$(cat "$TMP/plj.out")" \
    "1:{\"endpoint\":\"$pu\",\"zmtp\":\"3.1\",\"mechanism\":\"PLAIN\",\"as_server\":false,\"refused\":\"400\"}
{\"endpoint\":\"$pu\",\"zmtp\":\"3.1\",\"mechanism\":\"PLAIN\",\"as_server\":false,\"metadata\":{\"Socket-Type\":\"PULL\"}}" \
    "-J, each --probe with its own login (one from a file): refused, then READY"
! grep -q 'pw' "$TMP"/pl*.out "$TMP"/pl*.err
ok $? "no password in any output of the PLAIN probes"
grep -q "refused PLAIN user 'alice'" "$TMP/pu.err"
ok $? "the server's ZAP handler saw the wrong password"
probe plfirst --plain-client alice:Al1ce-pw --probe "$pu"
is "$PST:$(cat "$TMP/plfirst.err")" \
    "2:zmqcat: --plain-client '...' must follow the -s or --probe it applies to" \
    "usage: a login before any --probe"
probe ckey --probe "$pu" --curve-key "$(printf '%040d' 0)"
is "$PST:$(cat "$TMP/ckey.err")" \
    "2:zmqcat: --probe $pu: --curve-key needs --curve-client" \
    "usage: --curve-key without --curve-client on a --probe"

# CURVE with the server's key (--curve-client): a zmqcat --curve-server
# with an allow-list. The listed client key (--curve-key): its READY; a
# fresh one: refused (400); a wrong server key: the server drops our
# HELLO; no key: the mechanism only.
zc --keygen >"$TMP/srv.key" && zc --keygen >"$TMP/cli.key" &&
    zc --keygen >"$TMP/other.key"
chmod 600 "$TMP/srv.key" "$TMP/cli.key"
srvpub=$(sed -n 's/^public: //p' "$TMP/srv.key")
otherpub=$(sed -n 's/^public: //p' "$TMP/other.key")
sed -n 's/^public: //p' "$TMP/cli.key" >"$TMP/allow.txt"
zc_bg "$TMP/cu.out" "$TMP/cu.err" -v -s 'REP:bind:tcp://127.0.0.1:*' \
    --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt" \
    -W "$(slow 20)"
cu=$(bound_endpoint "$TMP/cu.err" rep)
probe cvok --probe "$cu" --curve-client "$srvpub" --curve-key "@$TMP/cli.key"
is "$PST:$(cat "$TMP/cvok.out")" "0:$cu: ZMTP 3.1, CURVE, REP" \
    "CURVE, the server's key and a listed client key: its READY; status 0"
probe cvfresh --probe "$cu" --curve-client "$srvpub"
is "$PST:$(cat "$TMP/cvfresh.out")" "1:$cu: ZMTP 3.1, CURVE, refused: \"400\"" \
    "CURVE, a fresh client key not listed: refused, ZAP's 400; status 1"
probe cvwrong --probe "$cu" --curve-client "$otherpub"
is "$PST:$(cat "$TMP/cvwrong.out")" \
    "1:$cu: ZMTP 3.1, CURVE, no WELCOME (wrong server key?)" \
    "CURVE, a wrong server key: no WELCOME; status 1"
probe cvnone --probe "$cu"
is "$PST:$(cat "$TMP/cvnone.out")" "0:$cu: ZMTP 3.1, CURVE" \
    "CURVE without a key: the mechanism only; status 0"
clisec=$(sed -n 's/^secret: //p' "$TMP/cli.key")
! grep -qF -e "$clisec" "$TMP"/cv*.out "$TMP"/cv*.err
ok $? "no secret key in any output of the CURVE probes"
probe both --probe "$cu" --plain-client alice:Al1ce-pw --curve-client \
    "$srvpub" --curve-key "@$TMP/cli.key" --probe "$pu" --plain-client \
    alice:Al1ce-pw --curve-client "$srvpub"
is "$PST:$(cat "$TMP/both.out")" "0:$cu: ZMTP 3.1, CURVE, REP
$pu: ZMTP 3.1, PLAIN, PULL" \
    "a login for each mechanism: the one the listener speaks is used"

# ws://: ZWS 2.0, the mechanism the server chose among those offered,
# then its READY as over tcp. A zmqcat ROUTER with a path and a PLAIN
# zmqcat, both on ws://127.0.0.1:* (the port from -v).
zc_bg "$TMP/wr.out" "$TMP/wr.err" -v -s 'ROUTER:bind:ws://127.0.0.1:*/zmq' \
    -W "$(slow 20)"
wr=$(bound_endpoint "$TMP/wr.err" router)
probe wsr --probe "$wr"
is "$PST:$(cat "$TMP/wsr.out")" "0:$wr: ZWS 2.0, NULL, ROUTER; Identity \"\"" \
    "ws:// with a path, a zmqcat ROUTER: ZWS 2.0, NULL, ROUTER; status 0"
probe wsrj -J --probe "$wr"
is "$PST:$(cat "$TMP/wsrj.out")" \
    "0:{\"endpoint\":\"$wr\",\"zws\":\"2.0\",\"mechanism\":\"NULL\",\"metadata\":{\"Socket-Type\":\"ROUTER\",\"Identity\":\"\"}}" \
    "ws:// -J: zws, mechanism, metadata"
zc_bg "$TMP/wp.out" "$TMP/wp.err" -v -s 'PULL:bind:ws://127.0.0.1:*' \
    --plain-users "$TMP/users.txt" -W "$(slow 20)"
wp=$(bound_endpoint "$TMP/wp.err" pull)
probe wsp --probe "$wp" --probe "$wp" --plain-client alice:Al1ce-pw \
    --probe "$wp" --plain-client alice:Wr0ng-pw
is "$PST:$(cat "$TMP/wsp.out")" "1:$wp: ZWS 2.0, PLAIN
$wp: ZWS 2.0, PLAIN, PULL
$wp: ZWS 2.0, PLAIN, refused: \"400\"" \
    "ws:// PLAIN: without a login, with the right password, a wrong one"
zc_bg "$TMP/wc.out" "$TMP/wc.err" -v -s 'PULL:bind:ws://127.0.0.1:*' \
    --curve-server "@$TMP/srv.key" -W "$(slow 20)"
wc=$(bound_endpoint "$TMP/wc.err" pull)
probe wsc --probe "$wc" --curve-client "$srvpub" --probe "$wc" \
    --curve-client "$otherpub"
is "$PST:$(cat "$TMP/wsc.out")" "1:$wc: ZWS 2.0, CURVE, PULL
$wc: ZWS 2.0, CURVE, no WELCOME (wrong server key?)" \
    "ws:// CURVE: the server's key, a wrong one"
probe wsbad --probe ws://127.0.0.1
is "$PST:$(cat "$TMP/wsbad.out")" "1:ws://127.0.0.1: want ws://HOST:PORT[/PATH]" \
    "ws:// without a port: said, status 1"
probe wszmtp --probe "ws://${pu#tcp://}"
# the listener's greeting comes first, then it resets the connection on
# our upgrade: a reset may come before the greeting is read, which then
# is lost (Linux drops what a reset socket had not read)
ok "$([ "$PST" = 1 ] && sed 's/not ZWS: "\\xff.*/not ZWS: "\\xff/' \
    "$TMP/wszmtp.out" | grep -Eqx "ws://${pu#tcp://}: (not ZWS: \"\\\\xff|closed \
without an answer to the upgrade)"; echo $?)" \
    "ws:// at a tcp:// listener: not ZWS, its greeting's first bytes quoted (or gone with a reset); status 1"

if pyzmq_ok; then
	# an HTTP server that answers the upgrade with a 404
	http_server http2 "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
	probe wshttp --probe "ws://127.0.0.1:$port/zmq"
	is "$PST:$(cat "$TMP/wshttp.out")" \
	    "1:ws://127.0.0.1:$port/zmq: not ZWS: \"HTTP/1.1 404 Not Found\\x0d\\x0aContent-Length: 0\\x0d\\x0a\\x0d\\x0a\"" \
	    "ws:// at an HTTP server: not ZWS, its answer quoted; status 1"
fi
if need_pyzmq "--probe ws:// of a pyzmq listener"; then
	py_bg "$TMP/pw.out" "$TMP/pw.err" listen.py PUB 'ws://127.0.0.1:*' \
	    X-Service:weather null "$(slow 10)"
	ep=$(py_endpoint "$TMP/pw.err" listen.py pub)
	probe pyws --probe "$ep"
	is "$PST:$(cat "$TMP/pyws.out")" \
	    "0:$ep: ZWS 2.0, NULL, PUB; X-Service \"weather\"" \
	    "ws:// of a pyzmq PUB with metadata: ZWS 2.0, NULL, PUB, X-Service"
fi

# Several at once: all shown, status 1 when one is not ZMTP.
probe unres --probe tcp://no-such-host.invalid:1 --probe "$closed"
grep -Eq '^tcp://no-such-host.invalid:1: cannot resolve .no-such-host.invalid.: ' \
    "$TMP/unres.out"
ok $? "an unresolvable host says so"
is "$PST:$(sed -n 2p "$TMP/unres.out")" "1:$closed: connect: Connection refused" \
    "and the next endpoint is probed too; status 1"
probe odd --probe udp://127.0.0.1:1
is "$PST:$(cat "$TMP/odd.out")" "1:udp://127.0.0.1:1: cannot probe it (tcp://, ipc:// and ws:// only)" \
    "another transport: said, status 1"

# Usage.
zc --probe tcp://127.0.0.1:1 -s PULL:bind:tcp://127.0.0.1:1 >"$TMP/u.out" 2>&1
is "$?:$(cat "$TMP/u.out")" "2:zmqcat: --probe runs alone: drop -s" \
    "usage: --probe with -s"

done_testing
