#!/bin/sh
# Usage errors, one table. Each row is a command line (or a --config
# file) that is wrong, and what zmqcat must say: status 2, nothing on
# stdout, and on stderr exactly one line that names the bad argument,
# before any socket opens. A secret is never shown, not even a mistyped
# one; rows that hold one say so.
#
#   usage DESCRIPTION MESSAGE ARGS...        zmqcat ARGS
#   usage_config DESCRIPTION MESSAGE BODY    zmqcat --config bad.json,
#                                            bad.json holding BODY
#   hidden SECRET                            (after a row) SECRET is in
#                                            none of what it printed
#
# zmqcat runs in $TMP, so the files of the rows are named as they are
# there (bad.json, srv.key), and so are they in the messages.
#
# Usage errors that need a libzmq without CURVE stay in nocurve.sh.

: "${TESTS_SRCDIR:=$(dirname "$0")}"
. "$TESTS_SRCDIR/lib.sh"

case $ZMQCAT in
/*) ;;
*) ZMQCAT=$(pwd)/$ZMQCAT ;;
esac
cd "$TMP" || exit 1
set -f		# the arguments in $PULL and the like are not file patterns

# usage DESCRIPTION MESSAGE ARGS...: zmqcat ARGS exits 2, prints MESSAGE
# (one line) on stderr and nothing on stdout.
usage() {
	_ud=$1 _um=$2
	shift 2
	zc "$@" </dev/null >u.out 2>u.err
	is "$?" 2 "$_ud: exit status 2"
	is "$(cat u.err)" "$_um" "$_ud: the message"
	is "$(wc -c <u.out | tr -d ' ')" 0 "$_ud: nothing on stdout"
}

# usage_config DESCRIPTION MESSAGE BODY: BODY (and a newline) in
# bad.json, and usage DESCRIPTION MESSAGE --config bad.json.
usage_config() {
	printf '%s\n' "$3" >bad.json
	usage "$1" "$2" --config bad.json
}

# hidden SECRET: the row just run showed SECRET nowhere.
hidden() {
	ok "$(grep -Fq -- "$1" u.out u.err; [ $? = 1 ]; echo $?)" \
	    "$_ud: the secret is not shown"
}

# Sockets the rows put their wrong options on.
any='tcp://127.0.0.1:*'
PULL="-s PULL:bind:$any"
PUSH="-s PUSH:bind:$any"
S='-s PULL:bind:tcp://127.0.0.1:0'	# a CURVE or PLAIN server
C='-s PUSH:connect:tcp://127.0.0.1:9'	# and a client
R='-s PULL:bind:inproc://a -s PUB:bind:inproc://b -s PUSH:bind:inproc://c'

# Keys and files for the security rows: a server's keypair and a
# client's, made once by zmqcat --keygen; every file 0600, so that none
# draws the warning for a secret others can read.
SP='L!*HaXb.tbN^WqFXn*4@ZXbUb/wnM#I5N<s+cMg}'
SS='B{*-KlC8)0<.XCK79e<n6D9?B^)-[](*!w=UWuV*'
AP='X6nt&nhQW{>dUAI/x+&2^TCgiQNq[zoQ<2#m%NMA'
AS='VD=[#bM#s45U>Dt4U3(D7X}j5aigw9-]#XW84J>-'
umask 077
printf 'public: %s\nsecret: %s\n' "$SP" "$SS" >srv.key
printf 'public: %s\n' "$SP" >srv.pub
printf '%s\n' "$AP" >allow.txt
printf 'alice:Al1ce-pw\n' >users.txt
printf "# the server's key\nsecret: %sA\n" "$SS" >bad.key
printf '# keys\n%s\nnot-a-key\n' "$AP" >allow-bad.txt
printf '# users\nAl1ce-pw\n' >users-bad.txt
mkfifo fifo.key

a100=$(rep 100 a)
n64=$(rep 64 n)

# 1. Options zmqcat does not know, or that lack their argument; what is
# no option.
usage "unknown long option" \
	"zmqcat: unknown option '--frobnicate' (see zmqcat --help)" \
	--frobnicate $PULL
usage "unknown short option" \
	"zmqcat: unknown option '-Z' (see zmqcat --help)" \
	-Z
usage "missing argument" \
	"zmqcat: option '-s' needs an argument" \
	-s
usage "no socket at all" \
	"zmqcat: no socket given (use -s TYPE:MODE:ENDPOINT, see zmqcat --help)"
usage "stray argument" \
	"zmqcat: unexpected argument 'tcp://h:1' (sockets are given with -s)" \
	$PULL tcp://h:1
# --stats takes its period only with '=': the word after a bare --stats
# is a stray argument, and the message says what was probably meant.
usage "--stats with its period as a separate word" \
	"zmqcat: unexpected argument '10'; did you mean --stats=10?" \
	$PULL --stats 10
usage "--stats with a separate period, before -s" \
	"zmqcat: unexpected argument '0.5'; did you mean --stats=0.5?" \
	--stats 0.5 $PULL
usage "a stray argument after --stats=SECS" \
	"zmqcat: unexpected argument '10' (sockets are given with -s)" \
	$PULL --stats=10 10

# 2. Socket specs: type, mode, name, endpoint.
usage "bad socket type" \
	"zmqcat: bad socket type 'PUL' in 'PUL:bind:tcp://*:1'" \
	-s 'PUL:bind:tcp://*:1'
usage "bad mode" \
	"zmqcat: bad mode 'bnd' in 'PULL:bnd:tcp://*:1' (want bind, connect, @ or >)" \
	-s 'PULL:bnd:tcp://*:1'
usage "empty endpoint" \
	"zmqcat: empty endpoint in 'PULL:bind:'" \
	-s 'PULL:bind:'
usage "endpoint without transport" \
	"zmqcat: bad endpoint 'localhost:5557' in 'PUSH:connect:localhost:5557' (expected TRANSPORT://ADDRESS)" \
	-s 'PUSH:connect:localhost:5557'
usage "bad socket name" \
	"zmqcat: bad socket name 'In' in 'In=PULL:bind:tcp://*:1' (want [a-z][a-z0-9_-]*, not stdin or stdout)" \
	-s 'In=PULL:bind:tcp://*:1'
usage "name used twice" \
	"zmqcat: socket name 'a' used twice ('a=PULL:bind:tcp://*:1' and 'a=SUB:connect:tcp://h:2')" \
	-s 'a=PULL:bind:tcp://*:1' -s 'a=SUB:connect:tcp://h:2'
# Names have at most 64 characters, endpoints 1024; what is quoted of a
# longer one is cut.
usage "a 65-character name" \
	"zmqcat: bad socket name '${n64}n' (at most 64 characters)" \
	-s "${n64}n=PULL:bind:tcp://*:1" --dump-config
usage "a 5000-character name, quoted cut" \
	"zmqcat: bad socket name '$a100...' (at most 64 characters)" \
	-s "$(rep 50 "$a100")=PULL:bind:tcp://*:1" --dump-config
# (two PUSH sockets named X and Xz, X of 121 characters: X got every
# line twice, through one cut default route)
usage "PUSH sockets named X and Xz (X of 121; X got every line twice)" \
	"zmqcat: bad socket name '$(rep 100 x)...' (at most 64 characters)" \
	-s "$(rep 121 x)=PUSH:bind:tcp://*:1" -s "$(rep 121 x)z=PUSH:bind:tcp://*:2" \
	--dump-config
usage "a 1025-character endpoint" \
	"zmqcat: bad endpoint 'tcp://$(rep 94 h)...' in 'PULL:bind:tcp://$(rep 84 h)...' (at most 1024 characters)" \
	-s "PULL:bind:tcp://$(rep 1017 h):1" --dump-config
# Endpoints are checked before any socket opens: a port is * or 0 to
# 65535, the transport one libzmq knows. (What passes and libzmq still
# refuses is a runtime error, status 1: cli.sh.)
usage "a port over 65535 (exited 0 silently)" \
	"zmqcat: bad endpoint 'tcp://127.0.0.1:99999' in 'PULL:bind:tcp://127.0.0.1:99999' (port '99999': want * or 0 to 65535)" \
	-s PULL:bind:tcp://127.0.0.1:99999 -W 0.2
usage "a bad port on the source side" \
	"zmqcat: bad endpoint 'tcp://127.0.0.1:65536;[::1]:1' in 'PUSH:>tcp://127.0.0.1:65536;[::1]:1' (port '65536': want * or 0 to 65535)" \
	-s 'PUSH:>tcp://127.0.0.1:65536;[::1]:1'
usage "an unknown transport (exited 1)" \
	"zmqcat: bad endpoint '>tcp://a:1' in 'PULL:@>tcp://a:1' (unknown transport '>tcp'; want tcp, ipc, inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm)" \
	-s 'PULL:@>tcp://a:1'
usage "unknown transport" \
	"zmqcat: bad endpoint 'foo://x' in 'PULL:connect:foo://x' (unknown transport 'foo'; want tcp, ipc, inproc, ws, wss, pgm, epgm, tipc, vmci, udp or norm)" \
	-s 'PULL:connect:foo://x'

# 3. Socket options, and options that belong to a socket.
usage "unknown socket option" \
	"zmqcat: unknown socket option 'sndhwn' (see --list-sockopts)" \
	$PUSH -o sndhwn=1
usage "bad socket option value" \
	"zmqcat: bad value 'lots' for sndhwm in 'sndhwm=lots' (want an integer from 0 to 2147483647)" \
	$PUSH -o sndhwm=lots
usage "bad bool value" \
	"zmqcat: bad value 'maybe' for conflate in 'conflate=maybe' (want 0, 1, true, false, yes, no, on or off)" \
	$PULL -o conflate=maybe
usage "bad curve key" \
	"zmqcat: bad value 'abc' for curve_serverkey in 'curve_serverkey=abc' (want a 40-character Z85 key)" \
	$PUSH -o curve_serverkey=abc
usage "socket option before any socket" \
	"zmqcat: -o 'linger=0' must follow the -s it applies to" \
	-o linger=0 $PULL
usage "--subscribe on a PULL" \
	"zmqcat: --subscribe 'x' needs a SUB socket, not 'PULL:bind:tcp://127.0.0.1:*'" \
	$PULL --subscribe x
usage "a bad escape in --subscribe" \
	"zmqcat: --subscribe: bad escape '\\q' in 'a\\q' (want \\n \\t \\r \\0 \\\\ or \\xNN)" \
	-s 'SUB:connect:tcp://h:1' --subscribe 'a\q'

# 4. Numbers: counts, times, linger.
usage "count of zero" \
	"zmqcat: bad count '0' (want an integer from 1 to 9223372036854775807)" \
	-c 0 $PULL
usage "count not a number" \
	"zmqcat: bad count '10x' (want an integer from 1 to 9223372036854775807)" \
	-c 10x $PULL
usage "negative timeout" \
	"zmqcat: bad timeout '-1' (want seconds > 0, fractions allowed)" \
	-W -1 $PULL
usage "idle timeout not a number" \
	"zmqcat: bad idle timeout 'soon' (want seconds > 0, fractions allowed)" \
	-T soon $PULL
usage "negative linger" \
	"zmqcat: bad linger '-5' (want an integer from 0 to 2147483647)" \
	--linger -5 $PULL
usage "linger out of range" \
	"zmqcat: bad linger '99999999999' (want an integer from 0 to 2147483647)" \
	--linger 99999999999 $PULL
usage "no I/O thread" \
	"zmqcat: bad I/O thread count '0' (want an integer from 1 to 64)" \
	--io-threads 0 $PULL
usage "more I/O threads than 64" \
	"zmqcat: bad I/O thread count '65' (want an integer from 1 to 64)" \
	--io-threads 65 $PULL
usage "bad interval" \
	"zmqcat: bad interval 'fast' (want an integer from 0 to 2147483647)" \
	--demo-server --interval fast

# 5. Output formats and delimiters: -f names the bad token.
usage "bad format token" \
	"zmqcat: -f: bad format token '%q' in 'x%q'" \
	-f 'x%q' $PULL
usage "-f '%'" \
	"zmqcat: -f: bad format token '%' in '%'" \
	-f '%' -s PULL:bind:inproc://fmt -W 0.2
usage "-f 'a%{%H'" \
	"zmqcat: -f: bad format token '%{%H' in 'a%{%H'" \
	-f 'a%{%H' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%{%H}s'" \
	"zmqcat: -f: bad format token '%{%H}s' in '%{%H}s'" \
	-f '%{%H}s' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%0|'" \
	"zmqcat: -f: bad format token '%0|' in '%0|'" \
	-f '%0|' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%12'" \
	"zmqcat: -f: bad format token '%12' in '%12'" \
	-f '%12' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%.q'" \
	"zmqcat: -f: bad format token '%.q' in '%.q'" \
	-f '%.q' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%99999N'" \
	"zmqcat: -f: bad format token '%99999N' in '%99999N'" \
	-f '%99999N' -s PULL:bind:inproc://fmt -W 0.2
usage "-f '%c%s'" \
	"zmqcat: -f: bad format token '%c' in '%c%s'" \
	-f '%c%s' -s PULL:bind:inproc://fmt -W 0.2
usage "--dump-config with a bad -f" \
	"zmqcat: -f: bad format token '%q' in 'x%q'" \
	-s 'PULL:bind:tcp://*:1' -f 'x%q' --dump-config
usage "bad delimiter escape" \
	"zmqcat: -D: bad escape '\\q' in '\\q' (want \\n \\t \\r \\0 \\\\ or \\xNN)" \
	-D '\q' $PULL
usage "empty delimiter" \
	"zmqcat: -F: empty delimiter ''" \
	-F '' $PULL

# 6. Input: --input, --replay, and what would read stdin for nothing.
usage "--input yaml" \
	"zmqcat: bad input mode 'yaml' (want raw, json, hex, base64 or z85)" \
	--input yaml -s PUSH:connect:inproc://x
usage "--replay-timing without --replay" \
	"zmqcat: --replay-timing needs --replay FILE" \
	--replay-timing -s PUSH:connect:inproc://x -W 0.2
printf '{"frames":["a"],"time":1000}\n' >cap.json
usage "--replay with --input" \
	"zmqcat: --replay reads a -J capture; drop --input" \
	--replay cap.json --input hex -s PUSH:connect:inproc://x -W 0.2
usage "--replay of a missing file" \
	"zmqcat: --replay none.json: No such file or directory" \
	--replay none.json -s PUSH:connect:inproc://x -W 0.2
usage "--input without a socket to send to" \
	"zmqcat: --input: no route takes stdin to a socket" \
	-s 'PULL:bind:tcp://*:5' --input hex
usage "-e when stdin is not read" \
	"zmqcat: -e waits for the end of stdin, but no route reads it" \
	-s 'PULL:bind:tcp://*:5' -e
usage "-c when nothing receives" \
	"zmqcat: -c counts messages received, but no route takes any from a socket" \
	-s 'PUSH:bind:tcp://*:5' -c 3
usage "--timeout-reply without a REQ" \
	"zmqcat: --timeout-reply needs a REQ socket" \
	-s 'DEALER:bind:tcp://*:5' --timeout-reply 100
usage "--echo without a REP" \
	"zmqcat: --echo needs a REP socket" \
	-s 'PULL:bind:tcp://*:5' --echo

# --exec and --exec-each.
usage "--exec with no command" \
	"zmqcat: --exec: no command in 'up='" \
	--exec 'up='
usage "--exec-each with a name of upper case" \
	"zmqcat: --exec-each: bad name 'stdout' (want [a-z][a-z0-9_-]*, not stdin or stdout)" \
	$PULL --exec-each 'stdout=cat'
usage "--exec named as a socket" \
	"zmqcat: 'pull=cat': the name 'pull' is taken already" \
	$PULL --exec 'pull=cat'
usage "--exec that no route names" \
	"zmqcat: --exec 'cat': no route takes messages to or from 'exec'" \
	$PULL --exec cat -r pull:stdout
usage "--exec-max without --exec-each" \
	"zmqcat: --exec-max limits the commands --exec-each runs at once: give one" \
	$PULL --exec cat --exec-max 2
usage "--exec-max 0" \
	"zmqcat: bad exec count '0' (want an integer from 1 to 1024)" \
	$PULL --exec-each cat --exec-max 0
usage "--exec-timeout without --exec-each" \
	"zmqcat: --exec-timeout limits how long each --exec-each command runs: give one" \
	$PULL --exec-timeout 5
usage "--exec-restart without --exec" \
	"zmqcat: --exec-restart restarts an --exec co-process: give one" \
	$PULL --exec-each cat --exec-restart
usage "--exec-json without a command" \
	"zmqcat: --exec-json is what --exec and --exec-each commands read: give one" \
	$PULL --exec-json
usage "--echo with --exec-each" \
	"zmqcat: --echo shapes the default routes, which --exec peers take; drop one" \
	-s 'REP:bind:tcp://*:5' --exec-each cat --echo
usage_config "exec not a string" \
	"zmqcat: bad.json: exec: want a string" \
	'{"exec": 3}'

# 7. --wait-peers.
usage "--wait-peers 0" \
	"zmqcat: bad peer count '0' (want an integer from 1 to 2147483647)" \
	--wait-peers 0 $PUSH
usage "--wait-peers x" \
	"zmqcat: bad peer count 'x' (want an integer from 1 to 2147483647)" \
	--wait-peers x $PUSH
usage "--wait-peers with --demo-server" \
	"zmqcat: --wait-peers holds stdin, which --demo-server does not read" \
	--demo-server --wait-peers 2
usage "--wait-peers on a SUB alone" \
	"zmqcat: --wait-peers holds stdin, but no route takes stdin to a socket" \
	--wait-peers 2 -s 'SUB:connect:tcp://127.0.0.1:1'
usage "--wait-peers with stdin routed to stdout only" \
	"zmqcat: --wait-peers holds stdin, but no route takes stdin to a socket" \
	--wait-peers 1 $PUSH -r stdin:stdout
usage "--wait-peers on an inproc socket" \
	"zmqcat: --wait-peers: pub has an inproc endpoint, whose peers libzmq does not report" \
	-s 'PUB:bind:inproc://x' --wait-peers 1

# 8. --demo-server, which only sends its counter.
usage "demo server on a socket that cannot send" \
	"zmqcat: --demo-server cannot send on 'PULL:bind:tcp://127.0.0.1:*'" \
	--demo-server $PULL
usage "--demo-server with -f %s" \
	"zmqcat: -f does nothing with --demo-server, which only sends its counter" \
	--demo-server -f %s
usage "--demo-server with -D ;" \
	"zmqcat: -D/-0 does nothing with --demo-server, which only sends its counter" \
	--demo-server -D ';'
usage "--demo-server with -0" \
	"zmqcat: -D/-0 does nothing with --demo-server, which only sends its counter" \
	--demo-server -0
usage "--demo-server with -F ;" \
	"zmqcat: -F does nothing with --demo-server, which only sends its counter" \
	--demo-server -F ';'
usage "--demo-server with -e" \
	"zmqcat: -e does nothing with --demo-server, which only sends its counter" \
	--demo-server -e
usage "--demo-server with -T 1" \
	"zmqcat: -T does nothing with --demo-server, which only sends its counter" \
	--demo-server -T 1
usage "--demo-server with --input hex" \
	"zmqcat: --input does nothing with --demo-server, which only sends its counter" \
	--demo-server --input hex
usage "--demo-server with -J alone" \
	"zmqcat: -J (it shapes --monitor and --stats only) does nothing with --demo-server, which only sends its counter" \
	--demo-server -J

# 9. Routes: the message names the rule; the three sockets of $R are
# inproc, so nothing could clash.
usage "bad route pull:pub2" \
	"zmqcat: route 'pull:pub2': no socket named 'pub2'" \
	$R -r pull:pub2
usage "bad route nope:pub" \
	"zmqcat: route 'nope:pub': no socket named 'nope'" \
	$R -r nope:pub
usage "bad route push:stdout" \
	"zmqcat: route 'push:stdout': 'push' is a PUSH socket, which cannot receive" \
	$R -r push:stdout
usage "bad route stdin:pull" \
	"zmqcat: route 'stdin:pull': 'pull' is a PULL socket, which cannot send" \
	$R -r stdin:pull
usage "bad route pull:pub,match=(" \
	"zmqcat: route 'pull:pub,match=(': bad regex '(': Unmatched ( or \\(" \
	$R -r 'pull:pub,match=('
usage "bad route pull:pub,colour=red" \
	"zmqcat: route 'pull:pub,colour=red': unknown key 'colour' (want prefix, match, json, format or drop)" \
	$R -r 'pull:pub,colour=red'
usage "bad route stdout:pull" \
	"zmqcat: route 'stdout:pull': messages go from stdin and to stdout, not the other way" \
	$R -r stdout:pull
usage "bad route pull:pub,drop=1" \
	"zmqcat: route 'pull:pub,drop=1': drop takes no value" \
	$R -r 'pull:pub,drop=1'
usage "bad route pull:pub,prefix" \
	"zmqcat: route 'pull:pub,prefix': prefix needs a value (prefix=...)" \
	$R -r 'pull:pub,prefix'
usage "bad route pull" \
	"zmqcat: bad route 'pull' (want FROM:TO[,KEY=VALUE]...)" \
	$R -r pull
usage "bad route pull:pub,json=type=x" \
	"zmqcat: route 'pull:pub,json=type=x': bad json filter 'type=x' (want .PATH=VALUE, e.g. .a.b.0=1)" \
	$R -r 'pull:pub,json=type=x'
usage "bad route pull:pub,prefix=a,prefix=b" \
	"zmqcat: route 'pull:pub,prefix=a,prefix=b': prefix given twice" \
	$R -r 'pull:pub,prefix=a,prefix=b'
# --echo shapes the default routes; with explicit routes it is an error.
usage "--echo with -r" \
	"zmqcat: --echo shapes the default routes; with -r, route the REP to itself (-r rep:rep)" \
	-s 'REP:bind:inproc://r' --echo -r rep:stdout

# 10. Security: malformed keys and misplaced options. Key files are
# read at once: a FIFO is refused, not waited on (zc bounds each run; a
# hang shows as status 124).
badkey='want 40 Z85 characters or @FILE'
usage "a 41-character key" \
	"zmqcat: bad key for --curve-server: $badkey" \
	$S --curve-server "${SS}A"
usage "a 39-character key" \
	"zmqcat: bad key for --curve-server: $badkey" \
	$S --curve-server "${SS%?}"
usage "a key with a character not in Z85" \
	"zmqcat: bad key for --curve-server: $badkey" \
	$S --curve-server "${SS%?}~"
usage "a bad --curve-client key" \
	"zmqcat: bad key for --curve-client: $badkey" \
	$C --curve-client "${SP%?}~"
usage "a bad --curve-key" \
	"zmqcat: bad key for --curve-key: $badkey" \
	$C --curve-client "$SP" --curve-key "${AS}A"
usage "a key file with a bad line" \
	"zmqcat: --curve-server: the file named after '@': line 2: not a 40-character Z85 key" \
	$S --curve-server @bad.key
usage "a missing --curve-client file" \
	"zmqcat: --curve-client: nope.key: No such file or directory" \
	$C --curve-client @nope.key
usage "a missing --curve-server file" \
	"zmqcat: --curve-server: the file named after '@': No such file or directory" \
	$S --curve-server @nope.key
usage "an allow-list with a bad line" \
	"zmqcat: --curve-allow allow-bad.txt: line 3: want one 40-character Z85 public key per line" \
	$S --curve-server @srv.key --curve-allow allow-bad.txt
usage "an allow-list holding a secret key" \
	"zmqcat: --curve-allow srv.key: line 2: a secret key does not belong in an allow-list" \
	$S --curve-server @srv.key --curve-allow srv.key
usage "a missing allow-list" \
	"zmqcat: --curve-allow: nope.txt: No such file or directory" \
	$S --curve-server @srv.key --curve-allow nope.txt
usage "--curve-key without --curve-client" \
	"zmqcat: pull: --curve-key needs --curve-client" \
	$S --curve-key "$AS"
usage "--curve-allow without --curve-server" \
	"zmqcat: pull: --curve-allow needs --curve-server" \
	$S --curve-allow allow.txt
usage "a CURVE and PLAIN client" \
	"zmqcat: push: CURVE and PLAIN on one socket" \
	$C --curve-client @srv.pub --plain-client alice:Al1ce-pw
usage "a CURVE and PLAIN server" \
	"zmqcat: pull: CURVE and PLAIN on one socket" \
	$S --curve-server "$SS" --plain-users users.txt
usage "--curve-server before any -s, literal" \
	"zmqcat: --curve-server '...' must follow the -s it applies to" \
	--curve-server "$SS" $S
usage "--curve-server before any -s, @FILE" \
	"zmqcat: --curve-server '...' must follow the -s it applies to" \
	--curve-server @srv.key $S
usage "--plain-client without a user" \
	"zmqcat: bad --plain-client: want USER:PASSWORD or @FILE" \
	$C --plain-client Al1ce-pw
usage "a users file with a bad line" \
	"zmqcat: --plain-users: the file it names: line 2: want USER:PASSWORD" \
	$S --plain-users users-bad.txt
usage "-o zap_domain on a socket zmqcat checks" \
	"zmqcat: pull: -o zap_domain: zmqcat sets the ZAP domain of a socket with --curve-allow or --plain-users" \
	-s 'PULL:bind:tcp://*:1' -o zap_domain=x --plain-users users.txt
usage "--curve-server @FIFO" \
	"zmqcat: --curve-server: the file named after '@': not a regular file" \
	$S --curve-server @fifo.key
usage "--curve-client @FIFO" \
	"zmqcat: --curve-client: fifo.key: not a regular file" \
	$C --curve-client @fifo.key
usage "--plain-users FIFO" \
	"zmqcat: --plain-users: the file it names: not a regular file" \
	$S --plain-users fifo.key

# A mistyped secret is not shown either, not even as a file name: '@'
# and a key that is not one, '@' and a password, a password where a
# users file goes, a misspelt secret socket option (any unknown name
# may be one).
nofile="No such file or directory"
afile="the file named after '@'"
usage "'@' and a 41-character secret key" \
	"zmqcat: --curve-server: $afile: $nofile" \
	$S --curve-server "@${SS}x"
hidden "$SS"
usage "--curve-key '@' and a 41-character key" \
	"zmqcat: --curve-key: $afile: $nofile" \
	$C --curve-client "$SP" --curve-key "@${AS}x"
hidden "$AS"
usage "--plain-client @PASSWORD" \
	"zmqcat: --plain-client: $afile: $nofile" \
	$C --plain-client @Al1ce-pw
hidden Al1ce-pw
usage "--plain-client @FILE without ':'" \
	"zmqcat: --plain-client: $afile: want USER:PASSWORD" \
	$C --plain-client @users-bad.txt
hidden Al1ce-pw
usage "--plain-users USER:PASS" \
	"zmqcat: --plain-users: the file it names: $nofile" \
	$S --plain-users alice:Al1ce-pw
hidden Al1ce-pw
usage "--plain-client @PASSWORD before any -s" \
	"zmqcat: --plain-client '...' must follow the -s or --probe it applies to" \
	--plain-client @Al1ce-pw $C
hidden Al1ce-pw
usage "a misspelt -o curve_secretkey" \
	"zmqcat: unknown socket option 'curve_secretkye' (see --list-sockopts)" \
	$S -o "curve_secretkye=$SS"
hidden "$SS"
noeq=$(printf '%s' "$SS" | tr -d =)	# Z85 has '=': a value without one
usage "-o curve_secretkey with ':' for '='" \
	"zmqcat: bad socket option: no '=' (want OPT=VALUE; not shown, in case it holds a secret)" \
	$S -o "curve_secretkey:$noeq"
hidden "$noeq"
usage "-o curve_secretkey before any -s" \
	"zmqcat: -o 'curve_secretkey=...' must follow the -s it applies to" \
	-o "curve_secretkey=$SS" $S
hidden "$SS"

# 11. --config files: the message names the file and the place in it.
usage "a missing --config file" \
	"zmqcat: unable to open none.json: No such file or directory" \
	--config none.json
usage_config "syntax error" \
	"zmqcat: bad.json:2:1: end of file expected near '}'" \
	'{ "linger": 5 }
}'
usage_config "duplicate key" \
	"zmqcat: bad.json:1:23: duplicate object key near '\"linger\"'" \
	'{ "linger": 1, "linger": 2 }'
usage_config "not an object" \
	"zmqcat: bad.json: want a JSON object at the top" \
	'[1, 2]'
# An unknown key: the message lists the settings table's keys, in its
# order ("a, b or c").
keys=$(sed -n '/^static const struct setting table\[\] = {/,/^};/s/.*\.key = "\([^"]*\)".*/\1/p' \
	"$TESTS_SRCDIR/../src/settings.c")
usage_config "unknown setting" \
	"zmqcat: bad.json: colour: unknown setting (want sockets, routes, $(echo $keys | sed 's/ /, /g; s/, \([^,]*\)$/ or \1/'))" \
	'{ "colour": "red" }'
usage_config "bad count" \
	"zmqcat: bad.json: count: want an integer from 1 to 9223372036854775807" \
	'{ "count": 0 }'
usage_config "io_threads above its bound" \
	"zmqcat: bad.json: io_threads: want an integer from 1 to 64" \
	'{ "io_threads": 65 }'
usage_config "io_threads as a string" \
	"zmqcat: bad.json: io_threads: want an integer from 1 to 64" \
	'{ "io_threads": "2" }'
# A setting from a file that would do nothing is named as the file's
# key, like every other file error (not as its command-line twin, an
# option the user never gave).
usage_config "count without a route from a socket" \
	"zmqcat: bad.json: count: counts messages received, but no route takes any from a socket" \
	'{ "sockets": [ { "type": "PUSH", "connect": "tcp://h:1" } ], "count": 2 }'
usage_config "timeout_reply without a REQ" \
	"zmqcat: bad.json: timeout_reply: needs a REQ socket" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ], "timeout_reply": 100 }'
usage_config "echo without a REP" \
	"zmqcat: bad.json: echo: needs a REP socket" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ], "echo": true }'
usage_config "echo with routes" \
	"zmqcat: bad.json: echo: shapes the default routes; with -r, route the REP to itself (-r rep:rep)" \
	'{ "sockets": [ { "type": "REP", "bind": "tcp://*:1" } ], "echo": true,
	   "routes": [ { "from": "rep", "to": "stdout" } ] }'
usage_config "exit_on_eof without a route from stdin" \
	"zmqcat: bad.json: exit_on_eof: waits for the end of stdin, but no route reads it" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ], "exit_on_eof": true }'
usage_config "wait_peers without a route from stdin" \
	"zmqcat: bad.json: wait_peers: holds stdin, but no route takes stdin to a socket" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ], "wait_peers": 1 }'
usage_config "wait_peers on an inproc socket" \
	"zmqcat: bad.json: wait_peers: push has an inproc endpoint, whose peers libzmq does not report" \
	'{ "sockets": [ { "type": "PUSH", "bind": "inproc://x" } ], "wait_peers": 1 }'
printf '%s\n' '{ "format": "x %s" }' >demo.json
usage "a file's format with --demo-server is named as the file's" \
	"zmqcat: demo.json: format: does nothing with --demo-server, which only sends its counter" \
	--demo-server --config demo.json
# The last to set it is named: the command line after the file, the
# file after the command line.
printf '%s\n' '{ "sockets": [ { "type": "PUSH", "connect": "tcp://h:1" } ], "count": 2 }' \
	>count.json
usage "-c after the file's count is named as -c" \
	"zmqcat: -c counts messages received, but no route takes any from a socket" \
	--config count.json -c 3
usage "the file's count after -c is named as the file's" \
	"zmqcat: count.json: count: counts messages received, but no route takes any from a socket" \
	-c 3 --config count.json
usage_config "bad socket type" \
	"zmqcat: bad.json: sockets[0].type: want one of PUB SUB XPUB XSUB PUSH PULL REQ REP DEALER ROUTER PAIR STREAM" \
	'{ "sockets": [ { "type": "PUL", "bind": "tcp://*:1" } ] }'
usage_config "no endpoint" \
	"zmqcat: bad.json: sockets[0]: no bind or connect endpoint" \
	'{ "sockets": [ { "type": "PULL" } ] }'
usage_config "name as a number" \
	"zmqcat: bad.json: sockets[0].name: want a string" \
	'{ "sockets": [ { "name": 5, "type": "PULL", "bind": "tcp://*:1" } ] }'
usage_config "a 5000-character name in a file" \
	"zmqcat: bad.json: sockets[0].name: bad socket name '$a100...' (at most 64 characters)" \
	"{ \"sockets\": [ { \"name\": \"$(rep 50 "$a100")\", \"type\": \"PULL\", \"bind\": \"tcp://*:1\" } ] }"
usage_config "a 5000-character endpoint in a file" \
	"zmqcat: bad.json: sockets[0].bind: bad endpoint 'tcp://$(rep 94 a)...' (at most 1024 characters)" \
	"{ \"sockets\": [ { \"type\": \"PULL\", \"bind\": [ \"tcp://$(rep 50 "$a100"):1\" ] } ] }"
usage_config "a bad port in a file" \
	"zmqcat: bad.json: sockets[0].connect: bad endpoint 'ws://h:x/p' (port 'x': want * or 0 to 65535)" \
	'{ "sockets": [ { "type": "PULL", "connect": [ "tcp://h:1", "ws://h:x/p" ] } ] }'
usage_config "a bad escape in a topic" \
	"zmqcat: bad.json: sockets[0].subscribe: bad escape '\\x4' in 'a\\x4' (want \\n \\t \\r \\0 \\\\ or \\xNN)" \
	'{ "sockets": [ { "type": "SUB", "connect": "tcp://h:1", "subscribe": [ "a\\x4" ] } ] }'
# Socket options in a file: values of the wrong JSON type name the key.
usage_config "bad socket option" \
	"zmqcat: bad.json: sockets[0].options: bad value 'lots' for sndhwm in 'sndhwm=lots' (want an integer from 0 to 2147483647)" \
	'{ "sockets": [ { "type": "PUSH", "bind": "tcp://*:1", "options": { "sndhwm": "lots" } } ] }'
usage_config "a fraction for an integer option" \
	"zmqcat: bad.json: sockets[0].options: bad value '1.5' for sndhwm in 'sndhwm=1.5' (want an integer from 0 to 2147483647)" \
	'{ "sockets": [ { "type": "PUSH", "bind": "tcp://*:1", "options": { "sndhwm": 1.5 } } ] }'
usage_config "a list for a bool option" \
	"zmqcat: bad.json: sockets[0].options: bad value '[1]' for conflate in 'conflate=[1]' (want 0, 1, true, false, yes, no, on or off)" \
	'{ "sockets": [ { "type": "PUSH", "bind": "tcp://*:1", "options": { "conflate": [1] } } ] }'
usage_config "null for a bytes option" \
	"zmqcat: bad.json: sockets[0].options: routing_id: want a string or {\"base64\": \"...\"}" \
	'{ "sockets": [ { "type": "DEALER", "bind": "tcp://*:1", "options": { "routing_id": null } } ] }'
usage_config "bad base64 option" \
	"zmqcat: bad.json: sockets[0].options: routing_id: invalid base64: bad character at offset 0" \
	'{ "sockets": [ { "type": "DEALER", "bind": "tcp://*:1", "options": { "routing_id": { "base64": "!!!!" } } } ] }'
usage_config "base64 option with a NUL" \
	"zmqcat: bad.json: sockets[0].options: routing_id: bytes with a NUL cannot be set" \
	'{ "sockets": [ { "type": "DEALER", "bind": "tcp://*:1", "options": { "routing_id": { "base64": "YQBi" } } } ] }'
usage_config "base64 for a number option" \
	"zmqcat: bad.json: sockets[0].options: bad value '{\"base64\":\"MQ==\"}' for sndhwm in 'sndhwm={\"base64\":\"MQ==\"}' (want an integer from 0 to 2147483647)" \
	'{ "sockets": [ { "type": "DEALER", "bind": "tcp://*:1", "options": { "sndhwm": { "base64": "MQ==" } } } ] }'
# Routes and formats in a file (drop 1 and "yes" meant no drop, a bad
# format was reported later as -f's).
usage_config "route to an unknown socket" \
	"zmqcat: bad.json: routes[1]: route 'pull:pub2': no socket named 'pub2'" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout" }, { "from": "pull", "to": "pub2" } ] }'
usage_config "route with keys to an unknown socket" \
	"zmqcat: bad.json: routes[0]: route 'pull:pub2,match=a,drop': no socket named 'pub2'" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "pub2", "drop": true, "match": "a" } ] }'
usage_config "drop as a number" \
	"zmqcat: bad.json: routes[0].drop: want true or false" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout", "drop": 1 } ] }'
usage_config "drop as a word" \
	"zmqcat: bad.json: routes[0].drop: want true or false" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout", "drop": "yes" } ] }'
usage_config "match as a number" \
	"zmqcat: bad.json: routes[0].match: want a string" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout", "match": 5 } ] }'
usage_config "bad regex" \
	"zmqcat: bad.json: routes[0].match: route 'pull:stdout': bad regex '(': Unmatched ( or \\(" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout", "match": "(" } ] }'
usage_config "a bad format" \
	"zmqcat: bad.json: format: bad format token '%q' in 'x%q'" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ], "format": "x%q" }'
usage_config "a bad route format" \
	"zmqcat: bad.json: routes[0].format: route 'pull:stdout': bad format token '%{' in '%{'" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1" } ],
	   "routes": [ { "from": "pull", "to": "stdout", "format": "%{" } ] }'
# Security in a file: a misspelt key, a FIFO, and secrets not shown.
usage_config "config file with a misspelt security key" \
	"zmqcat: bad.json: sockets[0].curve_sever: unknown key (want name, type, bind, connect, options, subscribe, curve_server, curve_client, curve_key, curve_allow, plain_users or plain_client)" \
	'{ "sockets": [ { "type": "PULL", "bind": "tcp://*:1",
	  "curve_sever": "@srv.key" } ] }'
usage_config "--config: curve_allow a FIFO" \
	"zmqcat: bad.json: sockets[0].curve_allow: --curve-allow: fifo.key: not a regular file" \
	"{ \"sockets\": [ { \"type\": \"PULL\", \"bind\": \"tcp://127.0.0.1:0\",
	    \"curve_allow\": \"fifo.key\", \"curve_server\": \"$SS\" } ] }"
usage_config "--config: curve_server '@' and a 41-character key" \
	"zmqcat: bad.json: sockets[0].curve_server: --curve-server: $afile: $nofile" \
	"{ \"sockets\": [ { \"type\": \"PULL\", \"bind\": \"tcp://127.0.0.1:0\",
	    \"curve_server\": \"@${SS}x\" } ] }"
hidden "$SS"
usage_config "--config: a misspelt curve_secretkey in options" \
	"zmqcat: bad.json: sockets[0].options: unknown socket option 'curve_secretkye' (see --list-sockopts)" \
	"{ \"sockets\": [ { \"type\": \"PULL\", \"bind\": \"tcp://127.0.0.1:0\",
	    \"options\": { \"curve_secretkye\": \"$SS\" } } ] }"
hidden "$SS"

done_testing
