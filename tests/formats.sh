#!/bin/sh
# Output formats and input decoders, with zmqcat peers only: every -f
# token on known messages, width and precision, %{STRFTIME}t, %z, %j
# against -J; -J escaping (control characters, non-ASCII, invalid UTF-8
# as base64) and -J back in (-J | -J, "to", "time", bad lines); --input
# hex, base64, z85 and json with good and bad lines; --replay with and
# without --replay-timing; --stats under -J. Every peer is a zmqcat
# bound to a free loopback port; what it prints is compared exactly.
# (Bad -f tokens, --input and --replay usage errors: usage.sh.)

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

TZ=UTC
export TZ

# send_err NAME INPUT ARGS...: like lib.sh's send (stdin from the file
# INPUT, to PUSH:connect:$EP), for a sender that may complain: its stderr
# is left in $TMP/NAME.serr, its status in SST; stdout must stay empty.
send_err() {
	_sn=$1 _in=$2
	shift 2
	zc "$@" -s "PUSH:connect:$EP" <"$_in" >"$TMP/$_sn.sout" \
	    2>"$TMP/$_sn.serr"
	SST=$?
	is "$(cat "$TMP/$_sn.sout")" "" "$_sn: sender prints nothing on stdout"
}

# jsonerr FILE: FILE with the reason after "invalid JSON: " (jansson's
# words) replaced by "...".
jsonerr() {
	sed 's/\(invalid JSON\): .*/\1: .../' "$1"
}

# utc_iso MS: MS (ms since the epoch) as YYYY-MM-DDTHH:MM:SS.mmm in UTC,
# by arithmetic alone (days to civil date, H. Hinnant's algorithm), to
# check strftime's result without date -d.
utc_iso() {
	_s=$(($1 / 1000))
	_z=$((_s / 86400 + 719468))
	_era=$((_z / 146097))
	_doe=$((_z - _era * 146097))
	_yoe=$(((_doe - _doe / 1460 + _doe / 36524 - _doe / 146096) / 365))
	_doy=$((_doe - (365 * _yoe + _yoe / 4 - _yoe / 100)))
	_mp=$(((5 * _doy + 2) / 153))
	_d=$((_doy - (153 * _mp + 2) / 5 + 1))
	_m=$((_mp < 10 ? _mp + 3 : _mp - 9))
	_y=$((_yoe + _era * 400 + (_m <= 2)))
	_sod=$((_s % 86400))
	printf '%04d-%02d-%02dT%02d:%02d:%02d.%03d\n' "$_y" "$_m" "$_d" \
	    $((_sod / 3600)) $((_sod / 60 % 60)) $((_sod % 60)) $(($1 % 1000))
}
is "$(utc_iso 0)" "1970-01-01T00:00:00.000" "utc_iso: the epoch"
is "$(utc_iso 951827696789)" "2000-02-29T12:34:56.789" "utc_iso: a leap day"

# 1. Every token on two known messages, ab|cde and xyz, and the escapes.
printf 'ab|cde\nxyz\n' >"$TMP/tok.in"
recv tok -c 2 \
    -f '%s|%1|%2|%3|%n|%T|%F|%S|%N|%x|%b|%z|%%|\t\\\x41\r\0.\n'
send tok "$TMP/tok.in" -F '|' -e
recv_done tok "got 2 messages"
printf '%s\t\\A\r\000.\n' \
    'ab	cde|ab|cde||pull|PULL|2|5|1|616209636465|YWIJY2Rl||%|' \
    'xyz|xyz|||pull|PULL|1|3|2|78797a|eHl6||%|' >"$TMP/tok.exp"
same_bytes "$TMP/tok.out" "$TMP/tok.exp" \
    "tok: %s %1 %2 %3 %n %T %F %S %N %x %b %z %% and escapes, byte-exact"

# The receiver's -F joins the frames for %s, %x and %b; %S counts frame
# bytes only.
printf 'ab|cd\n' >"$TMP/fd.in"
recv fd -c 1 -F '::' -f '%s|%x|%S|%b|%F\n'
send fd "$TMP/fd.in" -F '|' -e
recv_done fd "got 1 message"
is "$(cat "$TMP/fd.out")" "ab::cd|61623a3a6364|4|YWI6OmNk|2" \
    "fd: -F '::' joins the frames in %s, %x and %b; %S is 4"

# 2. Width and precision: spaces on the left, or on the right with '-';
# the precision cuts to that many bytes; %1s is %s of width 1, %1| is
# frame 1 and a '|'.
printf 'hello\nxyz\n' >"$TMP/wp.in"
recv wp -c 2 -f '[%5N][%-5N][%.2s][%8.3s][%-8.3s][%12N][%1s][%1|][%3F][%-6n][%6T][%.0s][%10x][%.4x][%12b][%.3b][%-7S]\n'
send wp "$TMP/wp.in" -e
recv_done wp "got 2 messages"
cat >"$TMP/wp.exp" <<'EOF'
[    1][1    ][he][     hel][hel     ][           1][hello][hello|][  1][pull  ][  PULL][][68656c6c6f][6865][    aGVsbG8=][aGV][5      ]
[    2][2    ][xy][     xyz][xyz     ][           2][xyz][xyz|][  1][pull  ][  PULL][][    78797a][7879][        eHl6][eHl][3      ]
EOF
same_bytes "$TMP/wp.out" "$TMP/wp.exp" "wp: widths and precisions, byte-exact"

# Width and precision on the encodings of a multipart body: %b and %z
# encode the joined body (ab TAB cd, 5 bytes: no Z85; ab TAB c, 4 bytes)
# and only then are cut and padded.
printf 'ab|cd\nab|c\n' >"$TMP/wpm.in"
recv wpm -c 2 -f '[%12b][%.4b][%-10b][%8z][%-7z][%.3x][%8s]\n'
send wpm "$TMP/wpm.in" -F '|' -e
recv_done wpm "got 2 messages"
printf '%s\n' '[    YWIJY2Q=][YWIJ][YWIJY2Q=  ][        ][       ][616][   ab	cd]' \
    '[    YWIJYw==][YWIJ][YWIJYw==  ][   vpxKM][vpxKM  ][616][    ab	c]' \
    >"$TMP/wpm.exp"
same_bytes "$TMP/wpm.out" "$TMP/wpm.exp" \
    "wpm: %12b %.4b %-10b %8z %-7z on a multipart body, byte-exact"

# 3. Time: %t is ms since the epoch, within the run; under TZ=UTC
# %{%Y-%m-%dT%H:%M:%S.%f}t is that instant (%f the milliseconds), %{%s}t
# its seconds, %% in the braces a '%'; under TZ=XXX-2 it is local time.
t0=$(date +%s)
iso0=$(date -u +%Y-%m-%dT%H:%M:%S)
recv tm -c 1 -f '%t|%{%Y-%m-%dT%H:%M:%S.%f}t|%{%s}t|%{%%f %z}t\n'
send tm "$TMP/wp.in" -e
recv_done tm "got 1 message"
t1=$(date +%s)
iso1=$(date -u +%Y-%m-%dT%H:%M:%S)
line=$(cat "$TMP/tm.out")
ok "$(echo "$line" | grep -Eqx '[0-9]+\|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\|[0-9]+\|%f \+0000'; echo $?)" \
    "tm: the line has the shape MS|YYYY-MM-DDTHH:MM:SS.mmm|S|%f +0000 ($line)"
ms=$(echo "$line" | cut -d '|' -f 1)
iso=$(echo "$line" | cut -d '|' -f 2)
: "${ms:=0}"
ok "$([ $((ms / 1000)) -ge "$t0" ] && [ $((ms / 1000)) -le "$t1" ]; echo $?)" \
    "tm: %t is within the run ($t0 <= $((ms / 1000)) <= $t1 s)"
ok "$(awk -v a="$iso0" -v b="${iso%.*}" -v c="$iso1" \
    'BEGIN { exit !(a "" <= b "" && b "" <= c "") }'; echo $?)" \
    "tm: the strftime time is within the run ($iso0 <= $iso <= $iso1)"
is "$iso" "$(utc_iso "$ms")" "tm: %{%Y-%m-%dT%H:%M:%S.%f}t is %t in UTC"
is "$(echo "$line" | cut -d '|' -f 3)" "$((ms / 1000))" \
    "tm: %{%s}t is %t in seconds"

TZ=XXX-2
recv tz -c 1 -f '%t|%{%H %z}t\n'
TZ=UTC
send tz "$TMP/wp.in" -e
recv_done tz "got 1 message"
ms=$(cut -d '|' -f 1 "$TMP/tz.out")
: "${ms:=0}"
is "$(cut -d '|' -f 2 "$TMP/tz.out")" \
    "$(printf '%02d +0200' $(((ms / 3600000 + 2) % 24)))" \
    "tz: under TZ=XXX-2, %{%H %z}t is local time, two hours east"

# 4. %z: Z85 (ZeroMQ RFC 32: 86 4F D2 6F B5 59 F7 5B is HelloWorld) of a
# 32-byte body; nothing for a 3-byte one; nothing for an empty one.
printf '%s\n' 864fd26fb559f75b864fd26fb559f75b864fd26fb559f75b864fd26fb559f75b \
    616263 '' >"$TMP/z85.in"
recv z85 -c 3 -f '%S:%z.\n'
send z85 "$TMP/z85.in" --input hex -e
recv_done z85 "got 3 messages"
is "$(cat "$TMP/z85.out")" "32:HelloWorldHelloWorldHelloWorldHelloWorld.
3:.
0:." "z85: %z of 32 bytes is 40 characters; of 3 bytes and of 0, nothing"

# 5. %j is the -J line; -f wins over -J for output. Frames: ab, C3 28
# (invalid UTF-8), an empty one, newline and '"'.
printf '6162|c328||0a22\n' >"$TMP/j.in"
printf '%s\n' '{"socket":"pull","type":"PULL","frames":["ab",{"base64":"wyg="},"","\n\""],"time":T,"peer":"127.0.0.1"}' \
    >"$TMP/j.exp"
recv jf -c 1 -f '%t|%j\n'
send jf "$TMP/j.in" --input hex -F '|' -e
recv_done jf "got 1 message"
recv jj -c 1 -J
send jj "$TMP/j.in" --input hex -F '|' -e
recv_done jj "got 1 message"
recv js -c 1 -J -f '%F:%S\n'
send js "$TMP/j.in" --input hex -F '|' -e
recv_done js "got 1 message"
sed 's/^[0-9]*|//' "$TMP/jf.out" >"$TMP/jf.json"
is "$(sed -n 's/.*"time":\([0-9]*\).*/\1/p' "$TMP/jf.json")" \
    "$(cut -d '|' -f 1 "$TMP/jf.out")" "jf: the time in %j is %t"
untime "$TMP/jf.json" >"$TMP/jf.got"
same_bytes "$TMP/jf.got" "$TMP/j.exp" "jf: %j is the envelope, byte-exact"
untime "$TMP/jj.out" >"$TMP/jj.got"
same_bytes "$TMP/jj.got" "$TMP/j.exp" "jj: -J prints the same line"
is "$(cat "$TMP/js.out")" "4:6" "js: -f wins over -J for output"

# 6. Bad -f strings are usage errors: usage.sh.

# 7. -J escaping: control characters as \n \t \r \" \\ or \u00XX (DEL
# and '/' as they are), UTF-8 kept (e-acute, U+1F600), NUL as \u0000;
# invalid UTF-8 (C3 28, an overlong C0 80, a surrogate ED A0 80, F4 90 80
# 80 past U+10FFFF) as base64; and the line sent back through -J gives
# the same frames.
printf '011f0a09225c0d|c3a9f09f9880|c328||7f2f|c080|eda080|f4908080|00|41\n' \
    >"$TMP/esc.in"
printf '{"socket":"pull","type":"PULL","frames":["\\u0001\\u001f\\n\\t\\"\\\\\\r","\303\251\360\237\230\200",{"base64":"wyg="},"","\177/",{"base64":"wIA="},{"base64":"7aCA"},{"base64":"9JCAgA=="},"\\u0000","A"],"time":T,"peer":"127.0.0.1"}\n' \
    >"$TMP/esc.exp"
recv esc -c 1 -J
send esc "$TMP/esc.in" --input hex -F '|' -e
recv_done esc "got 1 message"
untime "$TMP/esc.out" >"$TMP/esc.got"
same_bytes "$TMP/esc.got" "$TMP/esc.exp" "esc: -J escapes frames, byte-exact"
recv esc2 -c 1 -J
send esc2 "$TMP/esc.out" -J -e
recv_done esc2 "got 1 message"
untime "$TMP/esc2.out" >"$TMP/esc2.got"
same_bytes "$TMP/esc2.got" "$TMP/esc.exp" \
    "esc2: -J output sent back with -J arrives with the same frames"
recv esc3 -c 1 -J
send esc3 "$TMP/esc.out" --replay "$TMP/esc.out" -e
recv_done esc3 "got 1 message"
untime "$TMP/esc3.out" >"$TMP/esc3.got"
same_bytes "$TMP/esc3.got" "$TMP/esc.exp" \
    "esc3: the same capture through --replay, the same frames"

# 8. --input: each decoder with good and bad lines. Bad lines are
# reported with their numbers and skipped, the good ones all arrive, in
# order, and the sender's status is 1.
# decode NAME MODE INPUT NGOOD EXPECTED_OUT EXPECTED_ERR ARGS...
decode() {
	_n=$1 _mode=$2 _good=$4 _exp=$5 _experr=$6
	printf "$3" >"$TMP/$_n.in"
	shift 6
	recv "$_n" -c "$_good" -f '%F %x\n'
	send_err "$_n" "$TMP/$_n.in" --input "$_mode" -e "$@"
	is "$SST" 1 "$_n: sender status 1 after bad lines"
	is "$(jsonerr "$TMP/$_n.serr")" "$_experr" \
	    "$_n: each bad line reported with its number"
	recv_done "$_n" "got the $_good good messages"
	is "$(cat "$TMP/$_n.out")" "$_exp" "$_n: the good messages, byte-exact"
}
decode hex hex '6869\nzz\n686\n\n4A4b\n0g\n' 3 '1 6869
1 
1 4a4b' 'zmqcat: stdin:2: invalid hex: bad digit at offset 0
zmqcat: stdin:3: invalid hex: odd length 3
zmqcat: stdin:6: invalid hex: bad digit at offset 1'
decode b64 base64 'aGk=\naGk\na!==\nYQ\nY\n\naGk=x\nAP9pZA==\n' 5 '1 6869
1 6869
1 61
1 
1 00ff6964' 'zmqcat: stdin:3: invalid base64: bad character at offset 1
zmqcat: stdin:5: invalid base64: bad length 1
zmqcat: stdin:7: invalid base64: bad character at offset 4'
decode z85 z85 'HelloWorld\nabc\nHell~\n#####\n\n0rl+z\n' 3 '1 864fd26fb559f75b
1 
1 00ff6964' 'zmqcat: stdin:2: invalid z85: length 3 is not a multiple of 5
zmqcat: stdin:3: invalid z85: bad character at offset 4
zmqcat: stdin:4: invalid z85: value out of range at offset 0'
decode b64f base64 'YQ|Yg==|\nYQ|!\n|\n' 2 '3 61096209
2 09' 'zmqcat: stdin:2: invalid base64: bad character at offset 0' -F '|'

# --input raw is what no --input does: the bytes as they are.
printf '6869\nzz\n' >"$TMP/raw.in"
recv raw -c 2 -f '%F %x\n'
send raw "$TMP/raw.in" --input raw -e
is "$SST" 0 "raw: sender status 0"
recv_done raw "got 2 messages"
is "$(cat "$TMP/raw.out")" '1 36383639
1 7a7a' "raw: --input raw sends the bytes as they are"

# JSON: each line one value, sent compact, keys in their order.
printf '%s\n' '{"a":1}' '[1, 2]' '{"a":' '' '  {"b" : [ 1 , 2 ] , "a":null}  ' \
    '"x\u0041"' '1 2' '3.5' 'true' '{"b":1,"a":2}' '{"a":1}|[ 1 ]' \
    >"$TMP/json.in"
recv json -c 7 -f '%F %s\n'
send_err json "$TMP/json.in" --input json -e
is "$SST" 1 "json: sender status 1 after bad lines"
is "$(jsonerr "$TMP/json.serr")" 'zmqcat: stdin:3: invalid JSON: ...
zmqcat: stdin:4: invalid JSON: ...
zmqcat: stdin:7: invalid JSON: ...
zmqcat: stdin:11: invalid JSON: ...' "json: each bad line reported with its number"
recv_done json "got the 7 good messages"
is "$(cat "$TMP/json.out")" '1 {"a":1}
1 [1,2]
1 {"b":[1,2],"a":null}
1 "xA"
1 3.5
1 true
1 {"b":1,"a":2}' "json: the good values, compact, byte-exact"
# With -F each frame is one value: line 11 above is two.
printf '%s\n' '{"a":1}|[ 1 ]' '{"a":1}|[' >"$TMP/jsonf.in"
recv jsonf -c 1 -f '%F %s\n' -F '|'
send_err jsonf "$TMP/jsonf.in" --input json -F '|' -e
is "$SST" 1 "jsonf: sender status 1 after a bad frame"
is "$(jsonerr "$TMP/jsonf.serr")" 'zmqcat: stdin:2: invalid JSON: ...' \
    "jsonf: the bad frame's line reported"
recv_done jsonf "got the good message"
is "$(cat "$TMP/jsonf.out")" '2 {"a":1}|[1]' "jsonf: -F: each frame one value"

# 9. -J input: "to" picks one socket; no "to" follows the routes (both
# PUSH sockets); a "to" naming no socket, or one that cannot send, and
# malformed envelopes are reported by line and skipped; routing_id is
# sent as the first frame.
recv toa -c 3 -f '%F:%s\n' -F '|'
EPA=$EP
RPA=$RPID
recv tob -c 2 -f '%F:%s\n' -F '|'
EPB=$EP
RPB=$RPID
cat >"$TMP/to.in" <<'EOF'
{"to":"b","frames":["to b"]}
{"to":"nope","frames":["y"]}
{"to":"in","frames":["z"]}
{"frames":["both"],"socket":"x","type":"PUB","time":1,"extra":[1]}
not json
{"frames":"x"}
[1]
{"frames":["a",1]}
{"frames":[{"base64":"!!"}]}
{"frames":[]}
{"to":"a","frames":[{"base64":"YWI="},"","c"]}
{"to":5,"frames":["q"]}
{"routing_id":"r","frames":["x"],"to":"a"}
EOF
zc -J -s "a=PUSH:connect:$EPA" -s "b=PUSH:connect:$EPB" \
    -s in=PULL:bind:inproc://in -e <"$TMP/to.in" >"$TMP/to.sout" \
    2>"$TMP/to.serr"
is "$?" 1 "to: sender status 1 after bad lines"
is "$(cat "$TMP/to.sout")" "" "to: sender prints nothing on stdout"
is "$(jsonerr "$TMP/to.serr")" 'zmqcat: stdin:2: "to": no socket named '"'nope'"'
zmqcat: stdin:3: "to": '"'in'"' is a PULL socket, which cannot send
zmqcat: stdin:5: invalid JSON: ...
zmqcat: stdin:6: want an object with a "frames" list
zmqcat: stdin:7: want an object with a "frames" list
zmqcat: stdin:8: frames[1]: want a string or {"base64": "..."}
zmqcat: stdin:9: frames[0]: invalid base64: bad character at offset 0
zmqcat: stdin:10: a message has at least one frame
zmqcat: stdin:12: "to": want a socket name' "to: each bad line reported exactly"
RPID=$RPA
recv_done toa "got 3 messages"
RPID=$RPB
recv_done tob "got 2 messages"
is "$(cat "$TMP/toa.out")" '1:both
3:ab||c
2:r|x' "to: socket a got the routed line, its own and the routing_id one"
is "$(cat "$TMP/tob.out")" '1:to b
1:both' "to: socket b got its own line and the routed one"

# 9c. -J "to" names a socket whole: a NUL in it is a bad line (it used to
# be cut there, sending "push\u0000junk" to push); a name of 64
# characters (the most a name may have) is found, and one of 300 is
# reported, cut, as no socket's.
recv tl -c 2 -f '%s\n'
long=$(awk 'BEGIN { while (n++ < 64) printf "a" }')
huge=$(awk 'BEGIN { while (n++ < 300) printf "b" }')
printf '%s\n' '{"to":"push\u0000junk","frames":["nul"]}' \
    "{\"to\":\"$long\",\"frames\":[\"long\"]}" \
    "{\"to\":\"$huge\",\"frames\":[\"huge\"]}" \
    '{"to":"push","frames":["short"]}' >"$TMP/tl.in"
zc -J -s "push=PUSH:connect:$EP" -s "$long=PUSH:connect:$EP" -r stdin:push \
    -e <"$TMP/tl.in" >"$TMP/tl.sout" 2>"$TMP/tl.serr"
is "$?" 1 "tl: sender status 1 after bad lines"
is "$(cat "$TMP/tl.sout" "$TMP/tl.serr")" \
    "zmqcat: stdin:1: \"to\": want a socket name
zmqcat: stdin:3: \"to\": no socket named '$(echo "$huge" | cut -c1-100)...'" \
    "tl: the name with a NUL and the unknown long one are bad lines, and only they"
recv_done tl "got 2 messages"
is "$(sort "$TMP/tl.out")" 'long
short' "tl: the 64-character name and push each got theirs"

# 9b. -J "time": ms since the epoch from 0 to the end of year 9999, an
# integer or a real (its fraction dropped); anything else (1e300, whose
# conversion to an integer was undefined behaviour, a negative, a
# string, null) is a bad line, reported with its number and skipped.
recv tm -c 5 -f '%s\n'
cat >"$TMP/tm.in" <<'EOF'
{"frames":["zero"],"time":0}
{"frames":["huge"],"time":1e300}
{"frames":["real"],"time":1700000000000.5}
{"frames":["negative"],"time":-1}
{"frames":["last"],"time":253402300799999}
{"frames":["after 9999"],"time":253402300800000}
{"frames":["real after 9999"],"time":1e19}
{"frames":["string"],"time":"1700000000000"}
{"frames":["null"],"time":null}
{"frames":["negative real"],"time":-0.5}
{"frames":["none"]}
{"frames":["no time"],"socket":"x"}
EOF
send_err tm "$TMP/tm.in" -J -e
is "$SST" 1 "tm: sender status 1 after bad times"
want='want milliseconds since the epoch (0 to 253402300799999)'
is "$(cat "$TMP/tm.serr")" "zmqcat: stdin:2: \"time\": $want
zmqcat: stdin:4: \"time\": $want
zmqcat: stdin:6: \"time\": $want
zmqcat: stdin:7: \"time\": $want
zmqcat: stdin:8: \"time\": $want
zmqcat: stdin:9: \"time\": $want
zmqcat: stdin:10: \"time\": $want" "tm: each bad time reported with its line"
recv_done tm "got the 5 good lines"
is "$(cat "$TMP/tm.out")" 'zero
real
last
none
no time' "tm: the lines with good times (or none) were sent"

# 10. --replay: a capture's frames sent again (routing_id first), a bad
# line named by the file and skipped; the capture's socket, type, time
# and peer are ignored.
cat >"$TMP/cap1" <<'EOF'
{"socket":"pull","type":"PULL","frames":["one"],"time":1000,"peer":"1.2.3.4"}
{"frames":["two","",{"base64":"AP8="}],"time":1001,"extra":{"x":[1]}}
not json
{"socket":"router","type":"ROUTER","routing_id":{"base64":"AGlk"},"frames":["","three"],"time":1002}
EOF
recv rp -c 3 -J
send_err rp /dev/null --replay "$TMP/cap1" -e
is "$SST" 1 "rp: --replay status 1 after a bad line"
is "$(jsonerr "$TMP/rp.serr")" "zmqcat: $TMP/cap1:3: invalid JSON: ..." \
    "rp: the bad line reported with the file's name and its number"
recv_done rp "got 3 messages"
sed 's/.*"frames":\(.*\),"time".*/\1/' "$TMP/rp.out" >"$TMP/rp.got"
printf '%s\n' '["one"]' '["two","",{"base64":"AP8="}]' \
    '["\u0000id","","three"]' >"$TMP/rp.exp"
same_bytes "$TMP/rp.got" "$TMP/rp.exp" "rp: every message, frames exact"

# --replay --replay-timing with a time out of range: that line is bad
# (named by the file), the others go.
printf '%s\n' '{"frames":["a"],"time":1000}' \
    '{"frames":["b"],"time":1e300}' '{"frames":["c"],"time":1001}' \
    >"$TMP/cap3"
recv rb -c 2 -f '%s\n'
send_err rb /dev/null --replay "$TMP/cap3" --replay-timing -e
is "$SST" 1 "rb: --replay status 1 after a bad time"
is "$(cat "$TMP/rb.serr")" "zmqcat: $TMP/cap3:2: \"time\": want milliseconds \
since the epoch (0 to 253402300799999)" "rb: the bad time reported by file and line"
recv_done rb "got 2 messages"
is "$(cat "$TMP/rb.out")" 'a
c' "rb: the lines around it were sent"

# --replay-timing: captured at 0, 300 and 600 ms, sent as far apart.
cat >"$TMP/cap2" <<'EOF'
{"frames":["a"],"time":1700000005000}
{"frames":["b"],"time":1700000005300}
{"frames":["c"],"time":1700000005600}
EOF
# gaps NAME: the gaps between the receiver's %t values, space-separated
gaps() {
	awk -F '|' 'NR > 1 { printf "%s%d", (NR > 2 ? " " : ""), $1 - prev }
	    { prev = $1 }' "$TMP/$1.out"
}
recv rt -c 3 -f '%t|%s\n'
start=$(now_ms)
# --wait-peers: the first message must not wait in the queue for the
# connection (slow under valgrind), which would shorten the first gap
send rt /dev/null --replay "$TMP/cap2" --replay-timing -e --wait-peers 1
is "$SST" 0 "rt: --replay-timing status 0"
took 550 2000 "$start" "rt: --replay-timing took the capture's 600 ms"
recv_done rt "got 3 messages"
is "$(cut -d '|' -f 2 "$TMP/rt.out" | tr '\n' ' ')" "a b c " "rt: in order"
set -- $(gaps rt) 0 0
# the receiver's clock sees them: a loaded machine may read one of them
# late by 100 ms or so, which shortens the gap after it as much
lo=150
ok "$([ "$1" -ge "$lo" ] && [ "$1" -lt $((300 * ZC_SLOW + 700)) ] &&
    [ "$2" -ge "$lo" ] && [ "$2" -lt $((300 * ZC_SLOW + 700)) ] &&
    [ $(($1 + $2)) -ge 450 ]; echo $?)" \
    "rt: messages received about 300 ms apart (gaps $1 and $2 ms)"

recv rn -c 3 -f '%t|%s\n'
send rn /dev/null --replay "$TMP/cap2" -e
is "$SST" 0 "rn: --replay without timing, status 0"
recv_done rn "got 3 messages"
set -- $(gaps rn) 9999 9999
ok "$([ $(($1 + $2)) -lt $((250 * ZC_SLOW)) ]; echo $?)" \
    "rn: without --replay-timing no gaps are kept (gaps $1 and $2 ms)"

# 11. --stats under -J: one JSON object on stderr at the end.
recv st -c 2 -J --stats
send st "$TMP/tok.in" -e
wait_exit "$RPID"
is "$ST" 0 "st: receiver got 2 messages, status 0"
is "$(grep -v '^zmqcat: pull bound ' "$TMP/st.err" |
    sed 's/"elapsed_ms":[0-9][0-9]*/"elapsed_ms":N/; s/"peers":[01]/"peers":P/; s/"msgs_per_s":[0-9]*,"bytes_per_s":[0-9]*/R/;
    s/"peer_list":\[[^]]*\]/"peer_list":L/')" \
    '{"stats":{"elapsed_ms":N,"sockets":[{"name":"pull","type":"PULL","peers":P,"in":2,"bytes_in":9,"out":0,"bytes_out":0,"held":0,"dropped":0,"refused":0,R,"peer_list":L}],"routes":[{"from":"pull","to":"stdout","msgs":2,"bytes":9,"held":0,"dropped":0}]}}' \
    "st: --stats -J prints one JSON object on stderr"

done_testing
