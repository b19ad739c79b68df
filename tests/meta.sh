#!/bin/sh
# Peer properties on messages: --meta's "meta" object in -J envelopes,
# %{NAME}m in -f, -o metadata= announcing our own, User-Id from the ZAP
# handler (PLAIN user, CURVE client key), a ROUTER's peer Identity, a
# pyzmq peer reading what zmqcat announced, and the usage errors.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

L=$((1000 * ZC_SLOW))		# senders' linger: room under valgrind

# 1. --meta: the defaults a PUSH has, and an X- property asked for; one
# not sent is left out; every message of the run has them.
recv m1 -J --meta=X-Service,X-None -c 2
printf 'a\nb\tc\n' | zc -s "PUSH:connect:$EP" -o metadata=X-Service:weather \
    -F '\t' --linger "$L" >"$TMP/s1.out" 2>&1
is "$?" 0 "meta 1: the sender with -o metadata= ends with status 0"
recv_done m1 "took both"
is "$(untime "$TMP/m1.out")" \
'{"socket":"pull","type":"PULL","frames":["a"],"time":T,"peer":"127.0.0.1","meta":{"Socket-Type":"PUSH","Peer-Address":"127.0.0.1","X-Service":"weather"}}
{"socket":"pull","type":"PULL","frames":["b","c"],"time":T,"peer":"127.0.0.1","meta":{"Socket-Type":"PUSH","Peer-Address":"127.0.0.1","X-Service":"weather"}}' \
    "meta 1: each envelope has the peer's properties, X-None left out"

# 2. %{NAME}m in -f, with a width; one the peer did not send is empty;
# no --meta needed.
recv m2 -f '[%{Socket-Type}m|%{X-Service}-9m|%{X-None}m]%s\n' -c 1
echo hi | zc -s "PUSH:connect:$EP" -o metadata=X-Service:weather \
    --linger "$L" >"$TMP/s2.out" 2>&1
recv_done m2 "took it"
is "$(cat "$TMP/m2.out")" "[PUSH|weather  |]hi" \
    "meta 2: %{NAME}m prints a property, padded by a width"

# 3. A ROUTER sees a DEALER's Identity (its routing id) and several X-.
zc_bg "$TMP/m3.out" "$TMP/m3.err" -s 'ROUTER:bind:tcp://127.0.0.1:*' -v \
    -J --meta=X-A,X-B -c 1
RPID=$ZC_PID
EP=$(bound_endpoint "$TMP/m3.err" router)
echo hello | zc -s "DEALER:connect:$EP" -o routing_id=abc -o metadata=X-A:1 \
    -o metadata=X-B:two -e --linger "$L" >"$TMP/s3.out" 2>&1
is "$?" 0 "meta 3: the DEALER sent"
wait_exit "$RPID"
is "$ST" 0 "meta 3: the ROUTER took one, status 0"
is "$(untime "$TMP/m3.out")" \
'{"socket":"router","type":"ROUTER","routing_id":"abc","frames":["hello"],"time":T,"peer":"127.0.0.1","meta":{"Socket-Type":"DEALER","Identity":"abc","Peer-Address":"127.0.0.1","X-A":"1","X-B":"two"}}' \
    "meta 3: Identity and two -o metadata= of one socket"

# 4. PLAIN: User-Id is the user name the ZAP handler let in.
printf 'alice:Al1ce-pw\n' >"$TMP/users.txt"
chmod 600 "$TMP/users.txt"
recv m4 --plain-users "$TMP/users.txt" -f '%{User-Id}m:%s\n' -c 1
echo hi | zc -s "PUSH:connect:$EP" --plain-client alice:Al1ce-pw \
    --linger "$L" >"$TMP/s4.out" 2>&1
wait_exit "$RPID"
is "$ST" 0 "meta 4: the receiver let alice in, status 0"
is "$(cat "$TMP/m4.out")" "alice:hi" "meta 4: PLAIN: %{User-Id}m is the user"

# 5. CURVE: User-Id is the client's public key, in Z85.
zc --keygen >"$TMP/server.keys" && zc --keygen >"$TMP/client.keys"
is "$?" 0 "meta 5: two keypairs"
spub=$(sed -n 's/^public: //p' "$TMP/server.keys")
ssec=$(sed -n 's/^secret: //p' "$TMP/server.keys")
cpub=$(sed -n 's/^public: //p' "$TMP/client.keys")
csec=$(sed -n 's/^secret: //p' "$TMP/client.keys")
printf '%s\n' "$cpub" >"$TMP/allow.txt"
printf '%s\n' "$ssec" >"$TMP/server.sec"
printf '%s\n' "$csec" >"$TMP/client.sec"
chmod 600 "$TMP/server.sec" "$TMP/client.sec"
recv m5 --curve-server "@$TMP/server.sec" --curve-allow "$TMP/allow.txt" \
    -J --meta -c 1
echo hi | zc -s "PUSH:connect:$EP" --curve-client "$spub" \
    --curve-key "@$TMP/client.sec" --linger "$L" >"$TMP/s5.out" 2>&1
wait_exit "$RPID"
is "$ST" 0 "meta 5: the receiver let the listed key in, status 0"
is "$(sed 's/.*"meta"://' "$TMP/m5.out")" \
    "{\"Socket-Type\":\"PUSH\",\"Peer-Address\":\"127.0.0.1\",\"User-Id\":\"$cpub\"}}" \
    "meta 5: CURVE: User-Id is the client's public key"

# 6. A pyzmq peer reads what -o metadata= announced.
if need_pyzmq "meta 6: pyzmq reads -o metadata="; then
	py_bg "$TMP/p6.out" "$TMP/p6.err" meta_pull.py \
	    'tcp://127.0.0.1:*' 1 X-Host,Socket-Type $((10 * ZC_SLOW))
	EP=$(py_endpoint "$TMP/p6.err" meta_pull.py pull)
	echo hi | zc -s "PUSH:connect:$EP" -o metadata=X-Host:alpha \
	    --linger "$L" >"$TMP/s6.out" 2>&1
	wait_exit "$PY_PID"
	is "$ST" 0 "meta 6: the pyzmq PULL took it"
	is "$(cat "$TMP/p6.out")" "hi X-Host=alpha Socket-Type=PUSH" \
	    "meta 6: pyzmq sees X-Host from -o metadata="
fi

# 7. Usage errors name what is wrong, status 2.
zc -s PUSH:connect:tcp://127.0.0.1:1 -o metadata=Host:alpha </dev/null \
    >"$TMP/u.out" 2>&1
is "$?" 2 "usage: -o metadata= without X-: status 2"
is "$(cat "$TMP/u.out")" "zmqcat: bad value 'Host:alpha' for metadata in \
'metadata=Host:alpha' (want X-NAME:VALUE, the name up to 255 bytes)" \
    "usage: -o metadata= without X- says what it wants"
zc -s PULL:bind:tcp://127.0.0.1:* --meta='X-A,,X-B' </dev/null \
    >"$TMP/u.out" 2>&1
is "$?" 2 "usage: --meta with an empty name: status 2"
is "$(cat "$TMP/u.out")" "zmqcat: --meta: bad property name '' in \
'X-A,,X-B' (want NAME[,NAME...]: 1 to 255 printable characters each, e.g. \
X-Service)" "usage: --meta names the bad name"
zc -s PULL:bind:tcp://127.0.0.1:* -f '%m' </dev/null >"$TMP/u.out" 2>&1
is "$?" 2 "usage: %m without a {NAME}: status 2"
is "$(cat "$TMP/u.out")" "zmqcat: -f: bad format token '%m' in '%m'" \
    "usage: %m without a {NAME} is a bad token"
zc -m '%{X-A}m' -s PUSH:connect:tcp://127.0.0.1:1 </dev/null \
    >"$TMP/u.out" 2>&1
is "$?" 2 "usage: %{NAME}m in -m: status 2"

done_testing
