#!/bin/sh
# JSON against pyzmq peers: -J on a ROUTER (routing_id out and back in),
# 2000 random multipart binary messages through zmqcat -J | zmqcat -J,
# byte for byte and in order, --input json read by recv_json, and
# send_json's text in -J frames.
#
# Needs PYTHON_ZMQ: a python3 that can `import zmq`. Without one the file
# is skipped, or fails when ZMQCAT_REQUIRE_INTEROP=1.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

require_pyzmq

T=$((10 * ZC_SLOW))	# seconds a peer may wait for progress
any='tcp://127.0.0.1:*'

# 1. A ROUTER under -J: two pyzmq DEALERs, one with the routing id "dlr",
# one with the binary 00 FF 69 64, each say hello; zmqcat prints their
# routing ids (a string, and base64) apart from the frames, then answers
# each through a stdin line with its routing_id, once both hellos are in.
py_bg "$TMP/d1.out" "$TMP/d1.err" dealer_id.py "$any" 646c72 'hi 1' $T
d1=$PY_PID
ep1=$(py_endpoint "$TMP/d1.err" dealer_id.py dealer)
py_bg "$TMP/d2.out" "$TMP/d2.err" dealer_id.py "$any" 00ff6964 'hi 2' $T
d2=$PY_PID
ep2=$(py_endpoint "$TMP/d2.err" dealer_id.py dealer)
ok "$([ -n "$ep1" ] && [ -n "$ep2" ]; echo $?)" \
    "dealer_id.py: two DEALERs bound $ep1 and $ep2"
: >"$TMP/rt.out"
{
	wait_for "$TMP/rt.out" '"frames":\["hi 1"\]' &&
	    wait_for "$TMP/rt.out" '"frames":\["hi 2"\]'
	printf '%s\n' '{"routing_id":"dlr","frames":["re 1"]}' \
	    '{"routing_id":{"base64":"AP9pZA=="},"frames":["re",{"base64":"AP8="}],"socket":"router","time":1}'
} | zc -J -s "ROUTER:connect:$ep1,$ep2" -e >"$TMP/rt.out" 2>"$TMP/rt.err"
is "$?" 0 "router: -e ends it once both answers are sent, status 0"
is "$(cat "$TMP/rt.err")" "" "router: nothing on stderr"
untime "$TMP/rt.out" | sort >"$TMP/rt.got"
printf '%s\n' \
    '{"socket":"router","type":"ROUTER","routing_id":"dlr","frames":["hi 1"],"time":T,"peer":"127.0.0.1"}' \
    '{"socket":"router","type":"ROUTER","routing_id":{"base64":"AP9pZA=="},"frames":["hi 2"],"time":T,"peer":"127.0.0.1"}' \
    | sort >"$TMP/rt.exp"
same_bytes "$TMP/rt.got" "$TMP/rt.exp" \
    "router: -J gives each routing_id, text or base64, apart from the frames"
wait_exit "$d1"
is "$ST" 0 "router: DEALER dlr got a reply, status 0"
is "$(cat "$TMP/d1.out")" "[b're 1']" "router: DEALER dlr got exactly its reply"
wait_exit "$d2"
is "$ST" 0 "router: the binary DEALER got a reply, status 0"
is "$(cat "$TMP/d2.out")" "[b're', b'\\x00\\xff']" \
    "router: the binary DEALER got exactly its reply"

# 2. The round trip: 2000 random multipart binary messages (1 to 4
# frames of 0 to 4096 bytes, a few up to 1 MiB; NUL, invalid UTF-8, text
# with control characters, empty frames) from a pyzmq PUSH through
# `zmqcat -J -s PULL:bind | zmqcat -J -s PUSH:connect` to a pyzmq PULL:
# every byte of every frame, in order. (The pipe is a FIFO so that both
# zmqcat PIDs are known.)
N=2000
SEED=${ZC_SEED:-20240601}
py_bg "$TMP/pd.out" "$TMP/pd.err" pull_digest.py "$any" $N \
    "$TMP/rnd.got" "$TMP/rnd.exp" $T
pd=$PY_PID
out_ep=$(py_endpoint "$TMP/pd.err" pull_digest.py pull)
mkfifo "$TMP/pipe"
${ZMQCAT_WRAPPER:-} "$ZMQCAT" -J -s "PUSH:connect:$out_ep" -e \
    <"$TMP/pipe" >"$TMP/jb.out" 2>"$TMP/jb.err" &
jb=$!
track "$jb"
: >"$TMP/ja.err"
${ZMQCAT_WRAPPER:-} "$ZMQCAT" -J -s "PULL:bind:$any" -v -c $N \
    >"$TMP/pipe" 2>"$TMP/ja.err" </dev/null &
ja=$!
track "$ja"
in_ep=$(bound_endpoint "$TMP/ja.err" pull)
ok "$([ -n "$out_ep" ] && [ -n "$in_ep" ]; echo $?)" \
    "round trip: pyzmq PULL bound $out_ep, zmqcat -J PULL bound $in_ep"
bounded "$PYTHON_ZMQ" "$PY/push_random.py" "$in_ep" $N $SEED "$TMP/rnd.exp" \
    $T >"$TMP/pr.out" 2>"$TMP/pr.err" </dev/null
is "$?:$(cat "$TMP/pr.out" "$TMP/pr.err")" "0:" \
    "round trip: push_random.py (seed $SEED) sent $N messages"
wait_exit "$ja"
is "$ST" 0 "round trip: zmqcat -J PULL -c $N got them all, status 0"
is "$(grep -v '^zmqcat: pull bound ' "$TMP/ja.err")" "" \
    "round trip: zmqcat -J PULL stderr has only its bind"
wait_exit "$jb"
is "$ST" 0 "round trip: zmqcat -J PUSH -e sent them all, status 0"
is "$(cat "$TMP/jb.out" "$TMP/jb.err")" "" \
    "round trip: zmqcat -J PUSH prints nothing"
wait_exit "$pd"
is "$ST:$(cat "$TMP/pd.out" "$TMP/pd.err" | grep -v '^pull_digest.py: pull bound ')" \
    "0:" "round trip: pull_digest.py got $N messages matching the sender's digests"
same_bytes "$TMP/rnd.got" "$TMP/rnd.exp" \
    "round trip: every frame of every message byte for byte, in order"
is "$(wc -l <"$TMP/rnd.exp" | tr -d ' ')" $N "round trip: $N digests compared"

# 3. --input json to pyzmq: the bytes are compact JSON ({"a":1}, [1,2];
# non-ASCII escaped), and recv_json decodes the values that were given.
py_bg "$TMP/ij.out" "$TMP/ij.err" pull.py "$any" 3 $T
pull=$PY_PID
ep=$(py_endpoint "$TMP/ij.err" pull.py pull)
printf '{"a":1}\n[1,2]\n{"\303\251":"\360\237\230\200", "n" : null}\n' |
    zc --input json -s "PUSH:connect:$ep" -e >"$TMP/ij.zc" 2>&1
is "$?:$(cat "$TMP/ij.zc")" "0:" "input json: zmqcat sent 3 values, status 0"
wait_exit "$pull"
is "$ST" 0 "input json: pull.py got 3 messages"
is "$(sed -n 1,2p "$TMP/ij.out")" "[b'{\"a\":1}']
[b'[1,2]']" "input json: exact bytes {\"a\":1} and [1,2]"
ok "$(sed -n 3p "$TMP/ij.out" |
    grep -Eqx "\[b'\{\"\\\\\\\\u00[eE]9\":\"\\\\\\\\u[dD]83[dD]\\\\\\\\u[dD][eE]00\",\"n\":null\}'\]"
    echo $?)" "input json: non-ASCII sent as \\uXXXX escapes, compact ($(sed -n 3p "$TMP/ij.out"))"

py_bg "$TMP/rj.out" "$TMP/rj.err" pull_json.py "$any" 4 $T
pull=$PY_PID
ep=$(py_endpoint "$TMP/rj.err" pull_json.py pull)
printf '{"a":1}\n[1,2]\n{"\303\251":"\360\237\230\200", "n" : null}\n"x"\n' |
    zc --input json -s "PUSH:connect:$ep" -e >"$TMP/rj.zc" 2>&1
is "$?:$(cat "$TMP/rj.zc")" "0:" "recv_json: zmqcat sent 4 values, status 0"
wait_exit "$pull"
is "$ST" 0 "recv_json: pull_json.py decoded 4 messages"
is "$(cat "$TMP/rj.out")" "{'a': 1}
[1, 2]
{'\\xe9': '\\U0001f600', 'n': None}
'x'" "recv_json: the values are equal to what was given"

# 4. pyzmq send_json to zmqcat -J: each frame holds send_json's text.
n=$("$PYTHON_ZMQ" "$PY/push_json.py" --count)
zc_bg "$TMP/sj.out" "$TMP/sj.err" -s "PULL:bind:$any" -v -J -c "$n"
sj=$ZC_PID
ep=$(bound_endpoint "$TMP/sj.err" pull)
bounded "$PYTHON_ZMQ" "$PY/push_json.py" "$ep" "$TMP/sj.exp" $T </dev/null
is "$?" 0 "send_json: push_json.py sent $n values"
wait_exit "$sj"
is "$ST" 0 "send_json: zmqcat -J -c $n got them, status 0"
untime "$TMP/sj.out" >"$TMP/sj.got"
same_bytes "$TMP/sj.got" "$TMP/sj.exp" \
    "send_json: -J frames hold send_json's JSON text, byte-exact"

done_testing
