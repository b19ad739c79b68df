#!/bin/sh
# Generating: -m templates, --file, --size, --repeat, --interval and
# --rate, in stdin's place, against zmqcat receivers (exact bytes) and a
# pyzmq receiver that times the pacing; the usage errors.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# gen NAME ARGS...: a generating zmqcat PUSH to the receiver at EP, in
# the foreground; its status in GST, its stderr in NAME.gerr.
gen() {
	_gn=$1
	shift
	zc -s "PUSH:connect:$EP" "$@" >"$TMP/$_gn.gout" 2>"$TMP/$_gn.gerr" \
	    </dev/null
	GST=$?
}

# usage DESC MESSAGE ARGS...: zmqcat ARGS exits 2 with MESSAGE alone.
usage() {
	_d=$1 _m=$2
	shift 2
	zc "$@" >"$TMP/u.out" 2>"$TMP/u.err" </dev/null
	is "$?:$(cat "$TMP/u.out" "$TMP/u.err")" "2:$_m" "usage: $_d"
}

# -m in order, --repeat times, %N counting every message from 0.
recv order -c 6
gen order -m 'a %N' -m b --repeat 3
is "$GST:$(cat "$TMP/order.gerr")" "0:" "-m a, -m b, --repeat 3: status 0"
recv_done order "got six"
is "$(cat "$TMP/order.out")" "a 0
b
a 2
b
a 4
b" "the two messages in turn, three times; %N numbers each from 0"

# The template tokens and -f's escapes.
recv tmpl -c 1
gen tmpl -m '%{%Y}t|%t|%r|%.4r|%6N|%%|\x41\t'
recv_done tmpl "got the template"
grep -Eqx "$(date +%Y)\|[0-9]{13}\|[0-9a-f]{16}\|[0-9a-f]{4}\|     0\|%\|A	" \
    "$TMP/tmpl.out"
ok $? "%{%Y}t, %t, %r, %.4r, %6N, %%, \\x41 and \\t: $(cat "$TMP/tmpl.out")"

# %r differs from message to message.
recv rnd -c 3
gen rnd -m '%r' --repeat 3
recv_done rnd "got three random ones"
is "$(sort -u "$TMP/rnd.out" | grep -Ec '^[0-9a-f]{16}$')" 3 \
    "three %r: 16 hex digits each, all different"

# -F splits a message into frames, as stdin.
recv frames -c 1 -f '%F:%1:%2:%3\n'
gen frames -m 'a|b|c' -F '|'
recv_done frames "got the frames"
is "$(cat "$TMP/frames.out")" "3:a:b:c" "-m 'a|b|c' -F '|': three frames"

# --file: every byte, one message; - is all of stdin.
printf 'x\000y\n\377' >"$TMP/f.bin"
recv file -c 2 -f '%x\n'
gen file --file "$TMP/f.bin"
zc -s "PUSH:connect:$EP" --file - <"$TMP/f.bin" >"$TMP/f2.out" 2>&1
is "$GST:$?:$(cat "$TMP/file.gerr" "$TMP/f2.out")" "0:0:" \
    "--file FILE and --file -: status 0"
recv_done file "got both"
is "$(cat "$TMP/file.out")" "7800790aff
7800790aff" "--file: NUL, newline and 0xff, all in one message, twice"

# --size pads with '.'; alone it pads the message's number.
recv size -c 5
gen size -m ab --size 5 --repeat 2
gen size2 --size 4 --repeat 3
recv_done size "got the padded ones"
is "$(cat "$TMP/size.out")" "ab...
ab...
0...
1...
2..." "--size 5 pads 'ab'; --size 4 alone pads %N"

# A message longer than --size ends the run, named.
recv long -c 1 -W "$(slow 3)"
gen long -m ok -m toolong --size 3
is "$GST:$(cat "$TMP/long.gerr")" "1:zmqcat: -m: message 1 is 7 bytes, more than --size 3" \
    "a message longer than --size: status 1, said"
wait_exit "$RPID"
is "$(cat "$TMP/long.out")" "ok." "what went before it was sent, padded"

# --interval MS from one message going to the next: each carries its
# send time (%t), so the gaps are the sender's, whatever the network does.
recv ival -c 3
start=$(now_ms)
gen ival -m '%t' --repeat 3 --interval 200
took 400 4000 "$start" "--interval 200: three messages"
recv_done ival "got the paced ones"
gaps=$(awk 'NR > 1 { print $1 - p } { p = $1 }' "$TMP/ival.out" | tr '\n' ' ')
ok "$(echo "$gaps" | awk '{ exit !(NF == 2 && $1 >= 199 && $2 >= 199) }'
    echo $?)" "--interval 200: sent 200 ms apart or more ($gaps)"

# As mosquitto_pub takes them: -m TEXT --repeat N sends N messages in
# all, --repeat-delay SECS (fractions allowed) apart: --interval in s.
recv mosq -c 3
start=$(now_ms)
gen mosq -m '%t' --repeat 3 --repeat-delay 0.2
is "$GST:$(cat "$TMP/mosq.gerr")" "0:" "--repeat 3 --repeat-delay 0.2: status 0"
took 400 4000 "$start" "--repeat-delay 0.2: three messages"
recv_done mosq "got three, as mosquitto_pub --repeat 3 sends"
gaps=$(awk 'NR > 1 { print $1 - p } { p = $1 }' "$TMP/mosq.out" | tr '\n' ' ')
ok "$(echo "$gaps" | awk '{ exit !(NF == 2 && $1 >= 199 && $2 >= 199) }'
    echo $?)" "--repeat-delay 0.2: sent 200 ms apart or more ($gaps)"
# and as a file keeps it: the interval in ms
zc -s PUSH:connect:tcp://h:1 -m x --repeat-delay 0.25 --dump-config \
    >"$TMP/mosq.json" 2>&1
is "$?:$(grep '"interval"' "$TMP/mosq.json" | tr -d ' ')" '0:"interval":250' \
    "--repeat-delay 0.25 is dumped as interval 250"

# --interval and --rate pace stdin too: 5 lines 100 ms apart take 400 ms
# or more; 21 at 50 a second, 400 ms or more.
recv sival -c 26
seq 5 >"$TMP/five"
start=$(now_ms)
zc -s "PUSH:connect:$EP" --interval 100 <"$TMP/five" >"$TMP/sival.gout" 2>&1
is "$?" 0 "stdin --interval 100: status 0"
took 400 4000 "$start" "stdin --interval 100: five lines"
seq 21 >"$TMP/lines21"
start=$(now_ms)
zc -s "PUSH:connect:$EP" --rate 50 <"$TMP/lines21" >"$TMP/srate.gout" 2>&1
took 400 4000 "$start" "stdin --rate 50: 21 lines"
recv_done sival "got all 26"

# --repeat 0: until stopped; the receiver's -c ends it, SIGTERM ends us.
recv ever -c 50
zc_bg "$TMP/ever.out" "$TMP/ever.err" -s "PUSH:connect:$EP" -m '%N' \
    --repeat 0
gpid=$ZC_PID
recv_done ever "got 50 of a --repeat 0 stream"
term_ok "$gpid" "--repeat 0: SIGTERM ends the generator, status 0"
is "$(head -n 1 "$TMP/ever.out"):$(sed -n '50p' "$TMP/ever.out")" "0:49" \
    "the stream counts from 0"

# --wait-peers holds a PUB's messages until a subscriber has come.
zc_bg "$TMP/wp.out" "$TMP/wp.err" -v -s 'PUB:bind:tcp://127.0.0.1:*' \
    --wait-peers 1 -m 'hello %N' --repeat 2
gpid=$ZC_PID
pub=$(bound_endpoint "$TMP/wp.err" pub)
zc -s "SUB:connect:$pub" -c 2 >"$TMP/wp.sub" 2>&1 </dev/null
is "$?:$(cat "$TMP/wp.sub")" "0:hello 0
hello 1" "--wait-peers 1: the subscriber gets every message of a PUB"
wait_exit "$gpid"
is "$ST" 0 "the generating PUB ends by itself once both are sent"
grep -q '^zmqcat: waiting for 1 peer on each socket the generator feeds before sending$' \
    "$TMP/wp.err"
ok $? "-v says what it waits for"

# --rate 200: 400 messages over about 2 s (first to last: 1995 ms), timed
# by a pyzmq receiver; the generator starts when it connects.
if need_pyzmq "--rate 200 for 2 s"; then
	py_bg "$TMP/rate.out" "$TMP/rate.err" pull_times.py \
	    'tcp://127.0.0.1:*' 400 "$(slow 10)"
	EP=$(py_endpoint "$TMP/rate.err" pull_times.py pull)
	gen rate -m x --repeat 400 --rate 200 --wait-peers 1
	wait_exit "$PY_PID"
	set -- $(cat "$TMP/rate.out") 0 0
	tol=$((40 * ZC_SLOW))
	ok "$([ "$GST" -eq 0 ] && [ "$ST" -eq 0 ] && [ "$1" -eq 400 ] &&
	    [ "$2" -ge $((1995 - tol)) ] && [ "$2" -le $((1995 + tol)) ]
	    echo $?)" "--rate 200: $1 messages in $2 ms (want 400 in 1995 +- $tol)"
fi

# Usage errors name what is wrong.
usage "a printing token in -m" \
    "zmqcat: -m: '%s' in 'hi %s' is for printing: a message takes %N, %t, %{STRFTIME}t, %r and %%" \
    -s PUSH:connect:tcp://h:1 -m 'hi %s'
usage "--rate and --interval" "zmqcat: --rate and --interval: pace one way" \
    -s PUSH:connect:tcp://h:1 -m x --rate 5 --interval 5
usage "--rate and --repeat-delay" \
    "zmqcat: --rate and --repeat-delay: pace one way" \
    -s PUSH:connect:tcp://h:1 -m x --repeat-delay 0.5 --rate 5
usage "--repeat-delay with nothing sent" \
    "zmqcat: --repeat-delay paces what is sent, but no route reads stdin" \
    -s PULL:bind:tcp://127.0.0.1:1 --repeat-delay 1
usage "--repeat-delay below 0" \
    "zmqcat: bad repeat delay '-1' (want seconds from 0 to 2147483.647, fractions allowed)" \
    -s PUSH:connect:tcp://h:1 -m x --repeat-delay -1
usage "-m with a lone %, which mosquitto_pub would send" \
    "zmqcat: -m: bad format token '%' in '100%'" \
    -s PUSH:connect:tcp://h:1 -m '100%'
usage "--repeat alone" \
    "zmqcat: --repeat repeats what -m, --file or --size send: give one of them" \
    -s PUSH:connect:tcp://h:1 --repeat 3
usage "--interval with nothing sent" \
    "zmqcat: --interval paces what is sent, but no route reads stdin" \
    -s PULL:bind:tcp://127.0.0.1:1 --interval 5
usage "--rate and --replay-timing" \
    "zmqcat: --replay-timing and --rate: pace one way" \
    -s PUSH:connect:tcp://h:1 --replay "$TMP/f.bin" --replay-timing --rate 5
usage "-m and --file" "zmqcat: -m and --file: give the messages one way" \
    -s PUSH:connect:tcp://h:1 -m x --file "$TMP/f.bin"
usage "-m and --replay" "zmqcat: -m sends instead of reading stdin; drop --replay" \
    -s PUSH:connect:tcp://h:1 -m x --replay "$TMP/f.bin"
usage "-m and --demo-server" \
    "zmqcat: -m does nothing with --demo-server, which only sends its counter" \
    --demo-server -m x
usage "-m with no socket to send on" \
    "zmqcat: -m: no route takes stdin to a socket" \
    -s PULL:bind:tcp://127.0.0.1:1 -m x
usage "a --file that is not there" \
    "zmqcat: --file $TMP/none: No such file or directory" \
    -s PUSH:connect:tcp://h:1 --file "$TMP/none"
usage "--rate 0" "zmqcat: bad rate '0' (want an integer from 1 to 1000000000)" \
    -s PUSH:connect:tcp://h:1 -m x --rate 0

done_testing
