#!/bin/sh
# Security: --keygen and that its keys work; CURVE servers with zmqcat
# and pyzmq clients, keys literal and from files, right and wrong server
# keys; --curve-allow admitting only listed clients, each refusal logged
# once and counted in --stats; PLAIN users and passwords; key files
# readable by others; a refused client's report at the end; no secret in
# -v output, nor in --dump-config. (Usage errors: usage.sh.)
#
# The pyzmq parts need PYTHON_ZMQ (a python3 that imports zmq, with
# CURVE); without one they are skipped, or fail when
# ZMQCAT_REQUIRE_INTEROP=1. The rest runs anyway.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# A CURVE key: 40 characters of the Z85 alphabet (no '|', '~', '"').
Z85='[]0-9a-zA-Z.:+=^!/*?&<>()[{}@%$#-]'
KEY="${Z85}{40}"

pub() { sed -n 's/^public: //p' "$1"; }
sec() { sed -n 's/^secret: //p' "$1"; }

# push NAME INPUT ARGS...: a zmqcat PUSH connected to $EP, ARGS after the
# -s (they are that socket's options), stdin from the file INPUT; its
# stdout and stderr in $TMP/NAME.sout and .serr, its status in SST.
# An accepted client's --linger: room for a CURVE handshake under a
# loaded valgrind (it only lengthens a run that is failing anyway).
OK_L=$((1000 * ZC_SLOW))
push() {
	_pn=$1 _pin=$2
	shift 2
	# a linger with room for a CURVE handshake under a loaded valgrind
	# (a test's own --linger, after it, wins)
	zc -s "PUSH:connect:$EP" --linger "$OK_L" "$@" <"$_pin" \
	    >"$TMP/$_pn.sout" 2>"$TMP/$_pn.serr"
	SST=$?
}

# pypush NAME ARGS...: tests/py/curve_push.py ARGS, bounded; output in
# $TMP/NAME.pout and .perr, status in PST.
pypush() {
	_pn=$1
	shift
	bounded "$PYTHON_ZMQ" "$PY/curve_push.py" "$@" </dev/null \
	    >"$TMP/$_pn.pout" 2>"$TMP/$_pn.perr"
	PST=$?
}

# stop NAME: end the receiver NAME (RPID) with SIGTERM (status 0, what
# it got kept), as a test.
stop() {
	term_ok "$RPID" "$1: SIGTERM ends the receiver with status 0"
}

# A refused client's --linger, long enough for the refusal to come back
# under valgrind too.
L=$((500 * ZC_SLOW))
# its report: no peer, both messages kept, why (N: how many handshakes)
refused_line() {
	printf '%s\n' "^zmqcat: push: no peer connected within $L ms; 2 messages not \
delivered \\(([0-9]+) handshakes? failed: $1\\)\$"
}
REFUSED_400=$(refused_line 'refused by the authenticator, status 400')

printf 'hello\n  spaced  out\t\n{"not":"json"}\n' >"$TMP/three"
printf 'from a 1\nfrom a 2\n' >"$TMP/a2"
printf 'from b 1\nfrom b 2\n' >"$TMP/b2"

# 1. --keygen: two labelled lines of 40 Z85 characters each, or one
# JSON object with -J; two keys that differ, and differ on each run.
for k in 1 2; do
	zc --keygen </dev/null >"$TMP/k$k" 2>"$TMP/k$k.err"
	is $? 0 "keygen $k: status 0"
	is "$(cat "$TMP/k$k.err")" "" "keygen $k: nothing on stderr"
done
is "$(wc -c <"$TMP/k1" | tr -d ' ')" 98 \
    "keygen: 98 bytes, two lines of 'label: key' and a newline each"
ok "$(sed -n 1p "$TMP/k1" | grep -Eqx "public: $KEY"; echo $?)" \
    "keygen: line 1 is 'public: ' and 40 Z85 characters"
ok "$(sed -n 2p "$TMP/k1" | grep -Eqx "secret: $KEY"; echo $?)" \
    "keygen: line 2 is 'secret: ' and 40 Z85 characters"
ok "$([ "$(pub "$TMP/k1")" != "$(sec "$TMP/k1")" ]; echo $?)" \
    "keygen: the public and secret keys differ"
ok "$([ "$(pub "$TMP/k1")" != "$(pub "$TMP/k2")" ] &&
    [ "$(sec "$TMP/k1")" != "$(sec "$TMP/k2")" ]; echo $?)" \
    "keygen: a second run makes another keypair"

zc --keygen -J </dev/null >"$TMP/kj" 2>"$TMP/kj.err"
is $? 0 "keygen -J: status 0"
is "$(cat "$TMP/kj.err")" "" "keygen -J: nothing on stderr"
is "$(wc -l <"$TMP/kj" | tr -d ' ')" 1 "keygen -J: one line"
ok "$(grep -Eqx "\\{\"public\":\"$KEY\",\"secret\":\"$KEY\"\\}" "$TMP/kj";
    echo $?)" 'keygen -J: {"public":"<40 Z85>","secret":"<40 Z85>"}'
jp=$(sed 's/^{"public":"\([^"]*\)".*/\1/' "$TMP/kj")
js=$(sed 's/.*"secret":"\([^"]*\)"}$/\1/' "$TMP/kj")
ok "$([ "$jp" != "$js" ] && [ "$jp" != "$(pub "$TMP/k1")" ]; echo $?)" \
    "keygen -J: a new pair of two different keys"

# The keys the rest uses, all made by --keygen: the server's, and three
# clients' (a and c are allowed below, b is not). Files holding a secret
# are 0600; srv.pub holds only the public key, and may be read by all.
for k in srv a b c; do
	zc --keygen </dev/null >"$TMP/$k.key" 2>/dev/null
	chmod 600 "$TMP/$k.key"
done
grep '^public: ' "$TMP/srv.key" >"$TMP/srv.pub"
chmod 644 "$TMP/srv.pub"
SP=$(pub "$TMP/srv.key") SS=$(sec "$TMP/srv.key")
AP=$(pub "$TMP/a.key") AS=$(sec "$TMP/a.key")
BP=$(pub "$TMP/b.key") BS=$(sec "$TMP/b.key")
CP=$(pub "$TMP/c.key") CS=$(sec "$TMP/c.key")
ok "$(printf '%s\n' "$SP" "$SS" "$AP" "$AS" "$BP" "$BS" "$CP" "$CS" |
    grep -Evxc "$KEY" | grep -qx 0; echo $?)" "keygen made 4 keypairs"

# 2. A CURVE server and a zmqcat CURVE client: the keys from files (the
# client's own made for the run), then given literally. Under -v each
# says its public key, the server's the one --keygen printed, and no
# more: no warning for 0600 files, no secret.
recv curve -c 3 --curve-server "@$TMP/srv.key"
push curve "$TMP/three" --curve-client "@$TMP/srv.pub" -v
is "$SST" 0 "curve: client with @srv.pub and a key of its own: status 0"
is "$(sed -E "s|public key $KEY \\(made|public key KEY (made|" \
    "$TMP/curve.serr")" "zmqcat: push: CURVE client, public key KEY (made for this run)
zmqcat: push connecting to $EP" \
    "curve: client -v names its public key, made for this run"
wait_exit "$RPID"
is "$ST" 0 "curve: server got 3 messages, status 0"
same_bytes "$TMP/curve.out" "$TMP/three" "curve: messages arrive byte for byte"
is "$(cat "$TMP/curve.err")" "zmqcat: pull: CURVE server, public key $SP
zmqcat: pull bound $EP" "curve: server -v says its public key, the keygen one"

recv curvelit -c 3 --curve-server "$SS"
push curvelit "$TMP/three" --curve-client "$SP" --curve-key "$AS" -v
is "$SST" 0 "curvelit: client with literal keys: status 0"
is "$(cat "$TMP/curvelit.serr")" "zmqcat: push: CURVE client, public key $AP
zmqcat: push connecting to $EP" \
    "curvelit: client -v says the public key of its --curve-key"
wait_exit "$RPID"
is "$ST" 0 "curvelit: server got 3 messages, status 0"
same_bytes "$TMP/curvelit.out" "$TMP/three" \
    "curvelit: messages arrive byte for byte"
is "$(cat "$TMP/curvelit.err")" "zmqcat: pull: CURVE server, public key $SP
zmqcat: pull bound $EP" "curvelit: server -v says its public key"

# A client without CURVE, and one holding the wrong server key, get
# nothing through; each says why at the end. The wrong key's reason
# must point at the key: the server only hangs up, and "Broken pipe"
# or "Connection reset" alone sends the user looking in the wrong place.
recv nocurve --curve-server "@$TMP/srv.key"
push nullcl "$TMP/b2" --linger "$L"
is "$SST" 1 "nocurve: a client without CURVE: status 1"
# libzmq reports either the mismatch or, when the server hung up first,
# only an errno: then zmqcat names the likely cause itself
grep -Eqx "$(refused_line '(security mechanism mismatch|[A-Za-z ]+; does the peer want another security mechanism\?)')" \
    "$TMP/nullcl.serr"
r=$?
ok $r "nocurve: it says no peer within $L ms, and that the mechanism may differ"
[ $r = 0 ] || sed 's/^/#   /' "$TMP/nullcl.serr"
is "$(wc -l <"$TMP/nullcl.serr" | tr -d ' ')" 1 "nocurve: and nothing else"
push wrongsrv "$TMP/b2" --curve-client "$BP" --linger "$L"
is "$SST" 1 "nocurve: a client with the wrong server key: status 1"
ok "$(grep -Eqx "$(refused_line '.+')" "$TMP/wrongsrv.serr"; echo $?)" \
    "nocurve: wrong server key: no peer within $L ms, 2 messages not delivered"
grep -Eqi 'handshakes? failed: [^)]*key' "$TMP/wrongsrv.serr"
r=$?
ok $r "nocurve: wrong server key: the reason points at the key"
[ $r = 0 ] || sed 's/^/#   /' "$TMP/wrongsrv.serr"
stop nocurve
is "$(cat "$TMP/nocurve.out")" "" "nocurve: nothing arrived"

# 3. A pyzmq CURVE client: with the right server key its messages arrive;
# with the wrong one it never gets through (the server logs the failed
# handshakes under --monitor), and nothing arrives before -W ends it.
if need_pyzmq "pyzmq CURVE client" curve; then
	recv pyok -c 2 --curve-server "@$TMP/srv.key"
	pypush pyok -t $((5 * ZC_SLOW)) "$EP" "$SP" "$AP" "$AS" 'py one' \
	    'py  two'
	is "$PST" 0 "pyok: curve_push.py with the server's key: status 0"
	is "$(cat "$TMP/pyok.perr")" "curve_push: handshake succeeded" \
	    "pyok: its handshake succeeded"
	wait_exit "$RPID"
	is "$ST" 0 "pyok: server got 2 messages, status 0"
	printf 'py one\npy  two\n' >"$TMP/pyok.exp"
	same_bytes "$TMP/pyok.out" "$TMP/pyok.exp" \
	    "pyok: pyzmq's messages arrive byte for byte"

	# (-t: how long the client tries; a wrong key fails each handshake
	# within milliseconds, so half a second shows it never gets through)
	recv pybad --monitor --curve-server "@$TMP/srv.key"
	t=$(slow 0.5)
	pypush pybad -t "$t" "$EP" "$BP" "$AP" "$AS" 'must not arrive'
	is "$PST" 3 "pybad: curve_push.py with the wrong server key: status 3"
	ok "$(grep -Eqx "curve_push: no handshake within $t s \\([1-9][0-9]* connections closed\\)" \
	    "$TMP/pybad.perr"; echo $?)" \
	    "pybad: the client never got through, though it tried"
	wait_for "$TMP/pybad.err" "^zmqcat: ${TS}pull: handshake failed "
	stop pybad
	is "$(cat "$TMP/pybad.out")" "" "pybad: nothing arrived"
	ok "$(grep -Eq "^zmqcat: ${TS}pull: handshake failed $EP \\(.+\\)\$" \
	    "$TMP/pybad.err"; echo $?)" \
	    "pybad: the server's monitor saw the handshakes fail"
	is "$(grep -c 'handshake succeeded' "$TMP/pybad.err")" 0 \
	    "pybad: and none succeed"
fi

# 4 and 8. --curve-allow: a listed key (a, a bare line; c, 'public: KEY')
# gets through, b does not, however often it tries: three zmqcat runs
# and a pyzmq client, all refused, logged once and then counted (a line
# per socket and address each 10 s, the rest said as a count at the
# end), and all counted in --stats. A refused zmqcat client ends with status 1 after
# --linger, saying why.
cat >"$TMP/allow.txt" <<EOF
# who may push here

$AP
public: $CP
EOF
chmod 644 "$TMP/allow.txt"
recv allow --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt" \
    --stats
push alla "$TMP/a2" --curve-client "@$TMP/srv.pub" --curve-key "@$TMP/a.key"
is "$SST" 0 "allow: listed client a: status 0"
is "$(cat "$TMP/alla.sout" "$TMP/alla.serr")" "" "allow: a prints nothing"
wait_lines "$TMP/allow.out" 2
cp "$TMP/a2" "$TMP/allow.exp"
for i in 1 2 3; do
	push allb$i "$TMP/b2" --curve-client "@$TMP/srv.pub" \
	    --curve-key "@$TMP/b.key" --linger "$L"
	is "$SST" 1 "allow: unlisted client b, try $i: status 1"
	ok "$(grep -Eqx "$REFUSED_400" "$TMP/allb$i.serr"; echo $?)" \
	    "allow: b, try $i: no peer within $L ms, 2 not delivered, refused (400)"
	is "$(wc -l <"$TMP/allb$i.serr" | tr -d ' ')" 1 \
	    "allow: b, try $i: that one line on stderr"
	is "$(cat "$TMP/allb$i.sout")" "" "allow: b, try $i: nothing on stdout"
done
want=3
if need_pyzmq "allow: pyzmq clients" curve; then
	pypush allpc -t $((5 * ZC_SLOW)) "$EP" "$SP" "$CP" "$CS" 'from c'
	is "$PST" 0 "allow: listed pyzmq client c ('public: KEY' line): status 0"
	wait_lines "$TMP/allow.out" 3
	echo 'from c' >>"$TMP/allow.exp"
	pypush allpb -t $((5 * ZC_SLOW)) "$EP" "$SP" "$BP" "$BS" 'from py b'
	is "$PST" 3 "allow: unlisted pyzmq client b: status 3"
	is "$(cat "$TMP/allpb.perr")" "curve_push: refused: status 400" \
	    "allow: pyzmq b was refused by the authenticator"
	want=4
fi
stop allow
same_bytes "$TMP/allow.out" "$TMP/allow.exp" \
    "allow: only the listed clients' messages arrived"
# b's first refusal is a line; the others from that address are
# counted and said an interval (10 s) after it and at the end: one count
# line when the run is quick; under valgrind a later one may be a line
# again, and there may be more counts
FULL="zmqcat: pull: refused CURVE key $BP from 127.0.0.1 (not in the allow-list)"
grep '^zmqcat: pull: refused ' "$TMP/allow.err" >"$TMP/allow.ref"
more=$(sed -n 's/^zmqcat: pull: refused \([0-9]*\) more from 127\.0\.0\.1, the last .*/\1/p' \
    "$TMP/allow.ref" | awk '{ n += $1 } END { print n + 0 }')
full=$(grep -Fxc "$FULL" "$TMP/allow.ref")
is "$(head -n 1 "$TMP/allow.ref")" "$FULL" \
    "allow: b's first try is a line naming its key and 127.0.0.1"
is "$(grep -Fvx "$FULL" "$TMP/allow.ref" | grep -Fvc "more from 127.0.0.1, the last CURVE key $BP (not in the allow-list)")" 0 \
    "allow: the others are counts naming the last key (or, later, a line)"
ok "$([ "$(wc -l <"$TMP/allow.ref")" -ge 2 ]; echo $?)" \
    "allow: the others from that address are said after the first"
is "$((full + more))" "$(stat_col refused pull "$TMP/allow.err")" \
    "allow: the lines and the counts add up to --stats' refused"
ok "$(grep -Fqx "zmqcat: pull: admitted CURVE key $AP from 127.0.0.1" \
    "$TMP/allow.err"; echo $?)" "allow: -v says a was admitted"
is "$(grep -c 'warning' "$TMP/allow.err")" 0 \
    "allow: a 0644 allow-list (public keys only) draws no warning"
ok "$(grep -Eqx 'socket +type +peers +in +bytes-in +out +bytes-out +held +dropped +refused +msg/s +MB/s' \
    "$TMP/allow.err"; echo $?)" "allow: --stats has a refused column"
n=$(stat_col refused pull "$TMP/allow.err")
ok "$([ "${n:-0}" -ge "$want" ]; echo $?)" \
    "allow: --stats counts every refusal (${n:-none}, want $want or more)"
is "$(stat_col in pull "$TMP/allow.err")" \
    $((want - 1)) "allow: --stats counts $((want - 1)) messages in"

# The same with --stats -J: the socket's JSON object has "refused".
recv allowj --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt" \
    --stats -J
push allj "$TMP/b2" --curve-client "@$TMP/srv.pub" --curve-key "@$TMP/b.key" \
    --linger "$L"
is "$SST" 1 "allowj: unlisted client b: status 1"
stop allowj
is "$(cat "$TMP/allowj.out")" "" "allowj: nothing arrived"
is "$(grep -Fx "zmqcat: pull: refused CURVE key $BP from 127.0.0.1 (not in the allow-list)" \
    "$TMP/allowj.err" | wc -l | tr -d ' ')" 1 "allowj: the refusal logged once"
is "$(grep -c '^{"stats":' "$TMP/allowj.err")" 1 "allowj: one JSON stats line"
n=$(sed -n 's/^{"stats":.*{"name":"pull","type":"PULL",[^}]*"refused":\([0-9][0-9]*\)[,}].*/\1/p' \
    "$TMP/allowj.err")
[ "${n:-0}" -ge 1 ]
r=$?
ok $r "allowj: --stats -J has \"refused\":${n:-nothing} for pull, want 1 or more"
[ $r = 0 ] || grep '^{"stats":' "$TMP/allowj.err" | sed 's/^/#   /'

# 5. PLAIN: listed users get in (USER:PASS literal, and from @FILE, the
# password with blanks and a colon); a wrong password and an unknown
# user are refused, logged by name, deliver nothing.
printf '# user:password\nalice:Al1ce-pw\n\ncarol:c4rol pw:x\n' >"$TMP/users.txt"
printf '# carol logs in\ncarol:c4rol pw:x\n' >"$TMP/carol.cred"
chmod 600 "$TMP/users.txt" "$TMP/carol.cred"
echo 'from alice' >"$TMP/alice1"
echo 'from carol' >"$TMP/carol1"
cat "$TMP/alice1" "$TMP/carol1" >"$TMP/plain.exp"
recv plain --plain-users "$TMP/users.txt" --stats
push pla "$TMP/alice1" --plain-client alice:Al1ce-pw
is "$SST" 0 "plain: alice with her password: status 0"
is "$(cat "$TMP/pla.sout" "$TMP/pla.serr")" "" "plain: alice: prints nothing"
wait_lines "$TMP/plain.out" 1
push plc "$TMP/carol1" --plain-client "@$TMP/carol.cred"
is "$SST" 0 "plain: carol with --plain-client @FILE: status 0"
is "$(cat "$TMP/plc.sout" "$TMP/plc.serr")" "" "plain: carol: prints nothing"
wait_lines "$TMP/plain.out" 2
push plw "$TMP/b2" --plain-client alice:wr0ng-pw --linger "$L"
is "$SST" 1 "plain: alice with a wrong password: status 1"
ok "$(grep -Eqx "$REFUSED_400" "$TMP/plw.serr"; echo $?)" \
    "plain: wrong password: refused (400), 2 messages not delivered"
push plu "$TMP/b2" --plain-client bob:Al1ce-pw --linger "$L"
is "$SST" 1 "plain: unknown user bob: status 1"
ok "$(grep -Eqx "$REFUSED_400" "$TMP/plu.serr"; echo $?)" \
    "plain: unknown user: refused (400), 2 messages not delivered"
stop plain
same_bytes "$TMP/plain.out" "$TMP/plain.exp" \
    "plain: only alice's and carol's messages arrived"
is "$(grep '^zmqcat: pull: refused ' "$TMP/plain.err")" \
    "zmqcat: pull: refused PLAIN user 'alice' from 127.0.0.1 (unknown user or wrong password)
zmqcat: pull: refused 1 more from 127.0.0.1, the last PLAIN user 'bob' (unknown user or wrong password)" \
    "plain: both refusals logged, by user name: the second, from the same address within 10 s, in a count"
is "$(grep '^zmqcat: pull: admitted ' "$TMP/plain.err")" \
    "zmqcat: pull: admitted PLAIN user 'alice' from 127.0.0.1
zmqcat: pull: admitted PLAIN user 'carol' from 127.0.0.1" \
    "plain: -v says alice and carol were admitted"
is "$(stat_col refused pull "$TMP/plain.err")" 2 "plain: --stats counts 2 refused"

# 6. Usage errors (malformed keys, misplaced options, a FIFO as a key
# file, a mistyped secret never shown) are rows of usage.sh.
S='-s PULL:bind:tcp://127.0.0.1:0'

# 7. A file holding a secret that others may read draws one warning, and
# the run works; the public key file (srv.pub, 0644) draws none; and
# once chmod 600, none at all.
cp "$TMP/srv.key" "$TMP/loose.key"
cp "$TMP/a.key" "$TMP/aloose.key"
cp "$TMP/users.txt" "$TMP/loose-users.txt"
cp "$TMP/carol.cred" "$TMP/loose.cred"
# warn OPTION FILE: the warning for FILE in $TMP, when $mode is 644
warn() {
	[ "$mode" = 644 ] && echo "zmqcat: warning: $1: $TMP/$2 is readable \
by group or others; chmod 600 it"
}
for mode in 644 600; do
	w="no warning"
	[ $mode = 644 ] && w="the warning"
	chmod $mode "$TMP/loose.key" "$TMP/aloose.key" "$TMP/loose-users.txt" \
	    "$TMP/loose.cred"
	recv perm$mode -c 2 --curve-server "@$TMP/loose.key"
	push perm$mode "$TMP/a2" --curve-client "@$TMP/srv.pub" \
	    --curve-key "@$TMP/aloose.key"
	is "$SST" 0 "perm$mode: client status 0"
	is "$(cat "$TMP/perm$mode.serr")" "$(warn --curve-key aloose.key)" \
	    "perm$mode: client, --curve-key: $w"
	wait_exit "$RPID"
	is "$ST" 0 "perm$mode: server got 2 messages, status 0"
	same_bytes "$TMP/perm$mode.out" "$TMP/a2" "perm$mode: the messages arrived"
	is "$(cat "$TMP/perm$mode.err")" "$(warn --curve-server loose.key
	    echo "zmqcat: pull: CURVE server, public key $SP"
	    echo "zmqcat: pull bound $EP")" \
	    "perm$mode: server, --curve-server: $w"

	zc -s 'PULL:bind:tcp://127.0.0.1:*' --plain-users "$TMP/loose-users.txt" \
	    -W 0.1 </dev/null >"$TMP/pu$mode.out" 2>"$TMP/pu$mode.err"
	is $? 0 "perm$mode: --plain-users server: status 0"
	is "$(cat "$TMP/pu$mode.out" "$TMP/pu$mode.err")" \
	    "$(warn --plain-users loose-users.txt)" \
	    "perm$mode: --plain-users: $w"
	zc -s 'PUSH:connect:tcp://127.0.0.1:9' --plain-client "@$TMP/loose.cred" \
	    </dev/null >"$TMP/pc$mode.out" 2>"$TMP/pc$mode.err"
	is $? 0 "perm$mode: --plain-client @FILE with nothing to send: status 0"
	is "$(cat "$TMP/pc$mode.out" "$TMP/pc$mode.err")" \
	    "$(warn --plain-client loose.cred)" \
	    "perm$mode: --plain-client @FILE: $w"
done

# --dump-config names key files by path and never prints a secret: a
# literal one is left out, with a note.
zc $S --curve-server "@$TMP/srv.key" --dump-config </dev/null \
    >"$TMP/dump1.out" 2>"$TMP/dump1.err"
is $? 0 "dump-config with --curve-server @FILE: status 0"
ok "$(grep -Fq "\"curve_server\": \"@$TMP/srv.key\"" "$TMP/dump1.out"; echo $?)" \
    "dump-config: the key file by path"
is "$(cat "$TMP/dump1.err")" "" "dump-config: nothing on stderr"
zc $S --curve-server "$SS" --dump-config </dev/null \
    >"$TMP/dump2.out" 2>"$TMP/dump2.err"
is $? 0 "dump-config with a literal --curve-server: status 0"
is "$(cat "$TMP/dump2.err")" "zmqcat: --dump-config: pull: curve_server left \
out (a secret given literally; use --curve-server @FILE)" \
    "dump-config: a literal secret is left out, and it says so"

# 9. -v (and -vv --monitor) never show a secret key or password, in any
# run above or in this one with both sides at -vv.
recv vv -c 2 -v --monitor --curve-server "@$TMP/srv.key"
push vv "$TMP/a2" --curve-client "@$TMP/srv.pub" --curve-key "$AS" -vv --monitor
is "$SST" 0 "vv: a -vv --monitor CURVE client: status 0"
wait_exit "$RPID"
is "$ST" 0 "vv: a -vv --monitor CURVE server got 2 messages, status 0"
ok "$(grep -Fqx "zmqcat: push: CURVE client, public key $AP" "$TMP/vv.serr" &&
    grep -Fqx "zmqcat: pull: CURVE server, public key $SP" "$TMP/vv.err"
    echo $?)" "vv: both sides -v said their public keys"
for f in "$TMP"/*.err "$TMP"/*.serr "$TMP"/*.sout "$TMP"/dump*.out; do
	cat "$f"
done >"$TMP/all-zmqcat-output"
for s in SS AS BS CS; do
	eval "v=\$$s"
	ok "$(grep -Fq -- "$v" "$TMP/all-zmqcat-output"; [ $? = 1 ]; echo $?)" \
	    "no secret key ($s) in any zmqcat output, -v or not"
done
for p in Al1ce-pw wr0ng-pw 'c4rol pw:x'; do
	ok "$(grep -Fq -- "$p" "$TMP/all-zmqcat-output"; [ $? = 1 ]; echo $?)" \
	    "no PLAIN password ($p) in any zmqcat output"
done

# 10. A receiving client that never gets through its handshake says so
# at the end, with libzmq's reason, and exits 1: a silent run must not
# pass for a quiet publisher. The server is an XPUB (it receives the
# subscriptions, so it stays up without stdin) that admits only a.
zc_bg "$TMP/xpub.out" "$TMP/xpub.err" -s 'XPUB:bind:tcp://127.0.0.1:*' -v \
    --curve-server "@$TMP/srv.key" --curve-allow "$TMP/allow.txt"
XPID=$ZC_PID
EP=$(bound_endpoint "$TMP/xpub.err" xpub)
ok "$([ -n "$EP" ]; echo $?)" "unshaken: XPUB server bound ${EP:-nothing}"
W=$(slow 0.5)
zc -s "SUB:connect:$EP" --curve-client "@$TMP/srv.pub" --curve-key "$BS" \
    -W "$W" </dev/null >"$TMP/unb.out" 2>"$TMP/unb.err"
is "$?" 1 "unshaken: an unlisted SUB: status 1"
ok "$(grep -Eqx '^zmqcat: sub: no handshake succeeded \(([0-9]+) handshakes? failed: refused by the authenticator, status 400\)$' \
    "$TMP/unb.err"; echo $?)" "unshaken: it says no handshake succeeded, refused (400)"
is "$(wc -l <"$TMP/unb.err" | tr -d ' ')" 1 "unshaken: and nothing else"
zc -s "SUB:connect:$EP" -W "$W" </dev/null >"$TMP/unn.out" 2>"$TMP/unn.err"
is "$?" 1 "unshaken: a SUB without CURVE: status 1"
ok "$(grep -Eqx '^zmqcat: sub: no handshake succeeded \(([0-9]+) handshakes? failed: (security mechanism mismatch|[A-Za-z ]+; does the peer want another security mechanism\?)\)$' \
    "$TMP/unn.err"; echo $?)" "unshaken: it says no handshake succeeded, and why"
zc -s "SUB:connect:$EP" --curve-client "@$TMP/srv.pub" --curve-key "$AS" \
    -W "$W" </dev/null >"$TMP/una.out" 2>"$TMP/una.err"
is "$?" 0 "unshaken: the listed SUB: status 0 (a timeout without -c)"
is "$(cat "$TMP/una.out" "$TMP/una.err")" "" "unshaken: the listed SUB says nothing"
term_ok "$XPID" "unshaken: the server ends with status 0 at SIGTERM"

done_testing
