#!/bin/sh
# --config and --dump-config: a topology dumped from the command line
# loads back to the same thing and runs the same way; values no JSON
# string can hold are refused; -q silences the warnings. (Every bad file
# is a usage error naming the file and the place in it: usage.sh.)

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

# Dump a topology with every kind of setting, load it, dump it again.
zc -s "in=PULL:bind:tcp://127.0.0.1:*,ipc://$TMP/x" -o rcvhwm=10 \
	-o conflate=1 -o routing_id=ab -s SUB:connect:tcp://h:1 \
	--subscribe a --subscribe b -s 'PUB:@tcp://127.0.0.1:*' \
	-s REQ:connect:tcp://h:2 \
	-r 'in:pub,prefix=\x01,match=^a|b$,drop,format=x,y %s' \
	-r sub:stdout -r stdin:req -c 5 -W 1.5 -T 2 -D '\r\n' -F '|' --linger 250 \
	--timeout-reply 300 -e --dump-config >"$TMP/t1.json" 2>"$TMP/t1.err"
is "$?:$(cat "$TMP/t1.err")" "0:" "--dump-config exits 0 and says nothing on stderr"
zc --config "$TMP/t1.json" --dump-config >"$TMP/t2.json" 2>&1
is "$?" 0 "the dump loads back"
cmp -s "$TMP/t1.json" "$TMP/t2.json"
ok $? "and dumps to the very same JSON"
for key in '"rcvhwm": 10' '"conflate": true' '"routing_id": "ab"' \
	'"match": "^a|b$"' '"format": "x,y %s"' '"drop": true' \
	'"prefix": "\\x01"' '"timeout": 1.5' '"delimiter": "\\r\\n"' \
	'"frame_delimiter": "|"' '"linger": 250' '"timeout_reply": 300' \
	'"exit_on_eof": true' '"count": 5' '"idle_timeout": 2'; do
	grep -qF -- "$key" "$TMP/t1.json"
	ok $? "the dump has $key"
done

# Every setting a file can carry round-trips: each is set away from its
# default, and the dump holds every key of the settings table (but echo,
# written as the route it makes: below), loads back and dumps the same.
keys=$(sed -n '/^static const struct setting table\[\] = {/,/^};/s/.*\.key = "\([^"]*\)".*/\1/p' \
	"$TESTS_SRCDIR/../src/settings.c")
ok "$([ "$(echo "$keys" | grep -c .)" -ge 12 ]; echo $?)" \
	"src/settings.c: the config keys read ($(echo $keys))"
zc -s 'REQ:connect:tcp://h:2' -s 'PULL:bind:tcp://127.0.0.1:*' \
	--linger 250 --io-threads 3 --timeout-reply 300 -f '<%s>' \
	-D '\r\n' -F '|' -c 5 -e -W 1.5 -T 2 --fail-fast --monitor --wait-peers 2 \
	-m 'a %N\t\x01' -m '%{%H}t %.8r' --repeat 0 --rate 50 --size 64 \
	--stamp --check --check-seq 3:u32le \
	--exec 'tr a-z A-Z' --exec-each 'up=sed "s/^/\\\\x01/"' \
	--exec-max 3 --exec-timeout 500 --exec-json --exec-restart \
	-r stdin:req -r req:exec -r exec:stdout -r pull:up -r up:stdout \
	--dump-config >"$TMP/all1.json" 2>"$TMP/all1.err"
is "$?:$(cat "$TMP/all1.err")" "0:" "a dump of every setting succeeds"
# --interval and --rate pace one way: --interval is dumped apart
zc -s 'PUSH:connect:tcp://h:2' -m x --interval 20 --dump-config \
	>"$TMP/iv.json" 2>&1
is "$?:$(grep -c '^  "interval": 20,*$' "$TMP/iv.json")" "0:1" \
	"--interval 20 is dumped as \"interval\": 20"
is "$(zc --config "$TMP/iv.json" --dump-config | cmp - "$TMP/iv.json" &&
	echo same)" same "and loads back the same"
for key in $keys; do
	[ "$key" = echo ] || [ "$key" = interval ] && continue
	grep -q "^  \"$key\": " "$TMP/all1.json"
	ok $? "the dump of every setting has $key"
done
grep -qx '  "io_threads": 3,' "$TMP/all1.json"
ok $? "--io-threads 3 is dumped as \"io_threads\": 3"
zc --config "$TMP/all1.json" --dump-config >"$TMP/all2.json"
is "$?:$(cmp "$TMP/all1.json" "$TMP/all2.json" && echo same)" "0:same" \
	"every setting loads back and dumps the very same"
zc -s 'PULL:bind:tcp://*:1' --io-threads 1 --dump-config >"$TMP/io1.json"
is "$(grep -c io_threads "$TMP/io1.json")" 0 \
	"io_threads at its default (1) is left out of a dump"

# --echo is written out as the route it makes, which loads back.
zc -s 'REP:bind:tcp://*:1' --echo --dump-config >"$TMP/e.json"
grep -A1 '"from": "rep"' "$TMP/e.json" | grep -q '"to": "rep"'
ok $? "--echo dumps as a rep:rep route"
zc --config "$TMP/e.json" --dump-config | cmp -s - "$TMP/e.json"
ok $? "and loads back to the same"

# The default routes are part of the effective topology.
zc -s 'PULL:bind:tcp://*:1' -s 'PUSH:connect:tcp://h:2' --dump-config >"$TMP/d.json"
is "$(grep -c '"from"' "$TMP/d.json")" 2 "default routes are dumped"
grep -A1 '"from": "stdin"' "$TMP/d.json" | grep -q '"to": "push"'
ok $? "stdin goes to the PUSH"

# A file and the command line combine: the file's PULL, our route.
cat >"$TMP/in.json" <<'JSON'
{ "sockets": [ { "name": "work", "type": "PULL",
                 "bind": "tcp://127.0.0.1:*" } ],
  "count": 2 }
JSON
zc_bg "$TMP/c.out" "$TMP/c.err" --config "$TMP/in.json" -r 'work:stdout,format=<%s>\n' -v
ep=$(bound_endpoint "$TMP/c.err" work)
ok $? "the file's socket binds ($ep)"
printf 'a\nb\n' | zc -s "PUSH:connect:$ep" -e
wait_exit "$ZC_PID"
is "$ST:$(cat "$TMP/c.out" | tr '\n' ' ')" "0:<a> <b> " \
	"the file's count and the command line's route both apply"

# A dumped topology runs the same: a worker that formats and forwards.
zc -s "PULL:bind:ipc://$TMP/w.in" -s "PUSH:bind:ipc://$TMP/w.out" \
	-r 'pull:push,format=done %s' --dump-config >"$TMP/w.json"
zc_bg "$TMP/w.out" "$TMP/w.err" --config "$TMP/w.json" -v
worker=$ZC_PID
wait_for "$TMP/w.err" "push bound"
zc_bg "$TMP/r.out" "$TMP/r.err" -s "PULL:connect:ipc://$TMP/w.out" -c 2
reader=$ZC_PID
printf 'x\ny\n' | zc -s "PUSH:connect:ipc://$TMP/w.in" -e
wait_exit "$reader"
is "$ST:$(cat "$TMP/r.out" | tr '\n' ' ')" "0:done x done y " \
	"the loaded worker formats and forwards"
kill "$worker"
wait_exit "$worker"

# Routes from a file are shown whole, keys and all, by -v and in
# messages (they showed as "pull:pub" only).
cat >"$TMP/keyed.json" <<'JSON'
{ "sockets": [ { "type": "PULL", "bind": "tcp://127.0.0.1:*" },
               { "type": "PUB", "bind": "tcp://127.0.0.1:*" } ],
  "routes": [ { "from": "pull", "to": "pub", "format": "x, %s", "drop": true,
                "prefix": "\\x01", "match": "^a,b$", "json": ".a=1" },
              { "from": "pull", "to": "stdout", "match": "z" } ] }
JSON
zc --config "$TMP/keyed.json" -v -W 0.1 </dev/null >/dev/null 2>"$TMP/keyed.err"
is "$(grep '^zmqcat: route ' "$TMP/keyed.err")" \
"zmqcat: route pull:pub,prefix=\\x01,match=^a,b\$,json=.a=1,drop,format=x, %s
zmqcat: route pull:stdout,match=z" "-v shows routes from a file whole"

# Long values in a file load whole: a route's match, format and a socket
# option's value were cut at 511 bytes ("^x{510}$" lost its "$", and 600
# zeros and a 7 made sndhwm 0).
x510=$(rep 510 x)
f3000=$(rep 3000 f)
printf '{ "sockets": [ { "type": "PULL", "bind": "tcp://127.0.0.1:*", "options": { "sndhwm": "%s7" } } ],
  "routes": [ { "from": "pull", "to": "stdout", "match": "^%s$", "format": "%%s\\n" },
              { "from": "pull", "to": "stdout", "match": "^end$", "format": "%s%%s\\n" } ] }\n' \
	"$(rep 600 0)" "$x510" "$f3000" >"$TMP/long.json"
zc --config "$TMP/long.json" --dump-config >"$TMP/long1.json"
is "$?:$(grep -cF -e "\"match\": \"^$x510\$\"" -e "\"format\": \"$f3000%s\\n\"" \
	-e '"sndhwm": 7' "$TMP/long1.json")" "0:3" \
	"a 512-byte match, a 3000-byte format and a 601-byte option value load whole"
zc_bg "$TMP/lm.out" "$TMP/lm.err" --config "$TMP/long.json" -v -c 1
ep=$(bound_endpoint "$TMP/lm.err" pull)
printf '%sy\nend\n' "$x510" | zc -s "PUSH:connect:$ep" -e
wait_exit "$ZC_PID"
is "$ST:$(cat "$TMP/lm.out")" "0:${f3000}end" \
	"the long match still anchors at the end, the long format prints whole"

# Values that are not UTF-8 are dumped so that they load back (they were
# left out silently): as \xNN where escapes are decoded (-f, -D, -F,
# prefix=, format=), a bytes option as {"base64": ...}.
ff=$(printf '\377') fe=$(printf '\376') fd=$(printf '\375') fc=$(printf '\374')
zc -s "DEALER:connect:tcp://127.0.0.1:1" -o "routing_id=$ff$fe" \
	-f "$ff%s" -D "$fe" -F "$fd" -r "dealer:stdout,prefix=$fc,format=$fc%s" \
	--dump-config >"$TMP/u1.json" 2>"$TMP/u1.err"
is "$?:$(cat "$TMP/u1.err")" "0:" "a dump of values that are not UTF-8 succeeds"
for key in '"base64": "//4="' '"format": "\\xff%s"' '"delimiter": "\\xfe"' \
	'"frame_delimiter": "\\xfd"' '"prefix": "\\xfc"' '"format": "\\xfc%s"'; do
	grep -qF -- "$key" "$TMP/u1.json"
	ok $? "the dump has $key"
done
zc --config "$TMP/u1.json" --dump-config >"$TMP/u2.json"
is "$?:$(cmp "$TMP/u1.json" "$TMP/u2.json" && echo same)" "0:same" \
	"and loads back to the very same JSON"

# And runs the same, byte for byte: a ROUTER with -f '\xff%1|%2\n' and
# -c 1, a DEALER with routing id \xff\xfe splitting stdin at \xfe, both
# loaded from their dumps.
zc -s 'ROUTER:bind:tcp://127.0.0.1:*' -f "$ff%1|%2\\n" -c 1 --dump-config >"$TMP/ur.json"
zc_bg "$TMP/ur.out" "$TMP/ur.err" --config "$TMP/ur.json" -v
rpid=$ZC_PID
ep=$(bound_endpoint "$TMP/ur.err" router)
zc -s "DEALER:connect:$ep" -o "routing_id=$ff$fe" -D "$fe" --dump-config >"$TMP/ud.json"
printf 'a\376' | zc --config "$TMP/ud.json" -e
wait_exit "$rpid"
printf '\377\377\376|a\n' >"$TMP/ur.want"
is "$ST" 0 "the loaded ROUTER ends after its message"
same_bytes "$TMP/ur.out" "$TMP/ur.want" "the routing id, delimiter and format bytes survive the round trip"

# What has no such form is refused, with nothing on stdout and status 1.
dump_refused() {
	zc "$@" --dump-config >"$TMP/ur.out" 2>"$TMP/ur.err"
	is "$?:$(wc -c <"$TMP/ur.out" | tr -d ' '):$(cat "$TMP/ur.err")" "1:0:zmqcat: --dump-config: $_want" \
		"a dump with $_desc is refused"
}
_desc="an endpoint not UTF-8" _want="sockets[0].connect[1] is not valid UTF-8, which JSON cannot hold"
dump_refused -s "PULL:connect:ipc://$TMP/a,ipc://$TMP/$ff"
_desc="a match= not UTF-8" _want="routes[1].match is not valid UTF-8, which JSON cannot hold"
dump_refused -s 'PULL:bind:tcp://*:1' -r pull:stdout -r "pull:stdout,match=$ff"
_desc="-f not UTF-8 in %{...}t" _want="format (its %{...}t part) is not valid UTF-8, which JSON cannot hold"
dump_refused -s 'PULL:bind:tcp://*:1' -f "%{$ff}t"

# --subscribe takes escapes, so a topic can be binary (it was taken as
# text, cut at a NUL): a PUB sends "b" then "\x01a", a SUB subscribed to
# \x01 gets only the second.
zc_bg "$TMP/sub.out" "$TMP/sub.err" -s 'SUB:bind:tcp://127.0.0.1:*' \
	--subscribe '\x01' -v -c 1
spid=$ZC_PID
ep=$(bound_endpoint "$TMP/sub.err" sub)
printf 'b\n\001a\n' | zc -s "PUB:connect:$ep" --wait-peers 1 -e
wait_exit "$spid"
printf '\001a\n' >"$TMP/sub.want"
is "$ST" 0 "a SUB with --subscribe '\\x01' ends after one message"
same_bytes "$TMP/sub.out" "$TMP/sub.want" "and that is the one whose topic starts with byte 1"

# The same from a file, with a NUL inside the topic: "x\0y" matches
# "x\0yz" only, not "x" (the topic cut at its NUL) nor "xy".
printf '%s\n' '{ "sockets": [ { "type": "SUB", "bind": "tcp://127.0.0.1:*",' \
	'  "subscribe": [ "x\\0y" ] } ], "count": 1 }' >"$TMP/sub.json"
zc --config "$TMP/sub.json" --dump-config >"$TMP/sub1.json"
grep -qF '"x\\0y"' "$TMP/sub1.json"
ok $? "the dump writes the topic as given"
zc_bg "$TMP/sub.out" "$TMP/sub.err" --config "$TMP/sub1.json" -v
spid=$ZC_PID
ep=$(bound_endpoint "$TMP/sub.err" sub)
printf 'x\nxy\nx\000yz\n' | zc -s "PUB:connect:$ep" --wait-peers 1 -e
wait_exit "$spid"
printf 'x\000yz\n' >"$TMP/sub.want"
is "$ST" 0 "a SUB from a file ends after one message"
same_bytes "$TMP/sub.out" "$TMP/sub.want" "and that is the one whose topic starts with x, NUL, y"
zc -s 'SUB:connect:tcp://h:1' --subscribe "$(printf 'a\377')" --dump-config >"$TMP/sub2.json"
grep -qF '"a\\xff"' "$TMP/sub2.json"
ok $? "a topic that is not UTF-8 is dumped with \\xNN"

# -q prints nothing but errors: the warning for a secret in a file others
# can read, from the command line or from a file, is silenced by -q
# wherever it stands (it still showed), and so is a dump's note about a
# literal secret left out.
echo 'carol:secret' >"$TMP/loose.cred"
chmod 644 "$TMP/loose.cred"
printf '{ "sockets": [ { "type": "PUSH", "connect": "tcp://127.0.0.1:9", "plain_client": "@%s" } ] }\n' \
	"$TMP/loose.cred" >"$TMP/loose.json"
zc --config "$TMP/loose.json" --dump-config >/dev/null 2>"$TMP/lq.err"
is "$?:$(sed "s|$TMP/||g" "$TMP/lq.err")" \
	"0:zmqcat: warning: loose.json: sockets[0].plain_client: loose.cred is readable by group or others; chmod 600 it" \
	"a loose secret file named in a file draws the warning"
for args in "--config $TMP/loose.json -q" "-q --config $TMP/loose.json" \
	"--quiet --config $TMP/loose.json" "-vq --config $TMP/loose.json" \
	"-s PUSH:connect:tcp://127.0.0.1:9 --plain-client @$TMP/loose.cred -q" \
	"-s PUSH:connect:tcp://127.0.0.1:9 --plain-client carol:secret -q"; do
	zc $args --dump-config >/dev/null 2>"$TMP/lq.err"
	is "$?:$(cat "$TMP/lq.err")" "0:" "no warning with $(echo "$args" | sed "s|$TMP/||g")"
done

zc -f -q --config "$TMP/loose.json" --dump-config >"$TMP/lq.out" 2>"$TMP/lq.err"
is "$?:$(grep -c '"format": "-q"' "$TMP/lq.out"):$(grep -c 'warning' "$TMP/lq.err")" "0:1:1" \
	"-q as the argument of -f is a format, not -q"

done_testing
