# Shared helpers for the shell integration tests: TAP output, temp dirs,
# background processes killed by PID, bounded waits for lines in files.
#
# ZMQCAT is the binary under test; ZMQCAT_WRAPPER (e.g. valgrind) may run
# it. Every wait is bounded so each test ends by itself within seconds.

set -u

: "${ZMQCAT:?ZMQCAT must name the zmqcat binary}"
ZC_WAIT=${ZC_WAIT:-10}		# seconds any single wait may take
ZC_SLOW=${ZC_SLOW:-1}		# multiplier for valgrind runs

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zmqcat-test.XXXXXX")
PIDS=""
tap_n=0
tap_failed=0

cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# zc ARGS...: run zmqcat in the foreground (through the wrapper, if any),
# bounded in time; stdin and stdout are the caller's.
zc() {
	bounded ${ZMQCAT_WRAPPER:-} "$ZMQCAT" "$@"
}

# zc_bg OUT ERR ARGS...: start zmqcat in the background with stdin from
# /dev/null; sets ZC_PID to zmqcat itself (not a subshell), so signals
# reach it. OUT and ERR are emptied first, so what a test waits for in
# them cannot be an earlier run's.
zc_bg() {
	_out=$1 _err=$2
	shift 2
	: >"$_out"
	: >"$_err"
	${ZMQCAT_WRAPPER:-} "$ZMQCAT" "$@" >"$_out" 2>"$_err" </dev/null &
	ZC_PID=$!
	PIDS="$PIDS $ZC_PID"
}

# track PID: have cleanup kill PID too.
track() {
	PIDS="$PIDS $1"
}

ok() {	# ok STATUS DESCRIPTION: STATUS 0 passes
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		printf 'ok %d - %s\n' "$tap_n" "$2"
	else
		printf 'not ok %d - %s\n' "$tap_n" "$2"
		tap_failed=$((tap_failed + 1))
	fi
}

is() {	# is GOT EXPECTED DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# expected: %s\n#      got: %s\n' "$2" "$1" | head -n 20
	fi
}

skip_all() {	# skip_all REASON: the whole file is skipped
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# wait_until WHAT CMD...: wait (bounded) until CMD succeeds; WHAT names
# what was awaited when it never does.
wait_until() {
	_wu_what=$1
	shift
	_tries=$((ZC_WAIT * ZC_SLOW * 50))
	while [ "$_tries" -gt 0 ]; do
		"$@" && return 0
		_tries=$((_tries - 1))
		sleep 0.02
	done
	echo "# timed out waiting for $_wu_what" >&2
	return 1
}

# has_count FILE ERE N: at least N lines of FILE match ERE.
has_count() {
	[ "$(grep -Ec -- "$2" "$1" 2>/dev/null)" -ge "$3" ] 2>/dev/null
}

# has_total N FILE...: the FILEs hold at least N lines in all.
has_total() {
	_ht_n=$1
	shift
	[ "$(cat "$@" 2>/dev/null | wc -l)" -ge "$_ht_n" ]
}

# wait_count FILE ERE N: wait until at least N lines of FILE match ERE.
wait_count() {
	wait_until "$3 line(s) /$2/ in $1" has_count "$@" && return 0
	sed 's/^/#   /' "$1" >&2 2>/dev/null
	return 1
}

# wait_for FILE PATTERN: wait until a line of FILE matches the ERE.
wait_for() {
	wait_count "$1" "$2" 1
}

# wait_lines FILE N: wait until FILE has at least N lines.
wait_lines() {
	wait_until "$2 lines in $1" has_total "$2" "$1"
}

# wait_total N FILE...: wait until the FILEs hold N lines in all.
wait_total() {
	wait_until "$1 lines in all of the files" has_total "$@"
}

# wait_sock PATH: wait until the ipc socket PATH exists.
wait_sock() {
	wait_until "the socket $1" test -S "$1"
}

# wait_exit PID: wait (bounded) for a background process of this shell;
# its exit status lands in ST (124 when it had to be killed). Call it
# directly, not in $(...): a subshell cannot wait for this shell's jobs.
wait_exit() {
	_tries=$((ZC_WAIT * ZC_SLOW * 50))
	while kill -0 "$1" 2>/dev/null && [ "$_tries" -gt 0 ]; do
		_tries=$((_tries - 1))
		sleep 0.02
	done
	if kill -0 "$1" 2>/dev/null; then
		kill -9 "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		ST=124
		return
	fi
	wait "$1"
	ST=$?
}

# bound_endpoint ERRFILE NAME: the endpoint zmqcat -v says NAME bound.
bound_endpoint() {
	wait_for "$1" "^zmqcat: $2 bound " >/dev/null 2>&1 || return 1
	sed -n "s/^zmqcat: $2 bound //p" "$1" | head -n 1
}

# term_ok PID DESC: end the background process PID with SIGTERM; it
# must exit with status 0 (a test, DESC).
term_ok() {
	kill -TERM "$1" 2>/dev/null
	wait_exit "$1"
	is "$ST" 0 "$2"
}

# zc_fed NAME SCRIPT ARGS...: start zmqcat ARGS in the background with
# stdin the output of the shell commands SCRIPT, which run in the
# background too (through a FIFO, so that both PIDs are known and
# tracked); stdout and stderr go to $TMP/NAME.out and .err, emptied
# first. Sets ZC_PID to zmqcat. SCRIPT usually starts or ends with a
# wait_for: what it writes, or the end of stdin, is then a step of the
# test.
zc_fed() {
	_fn=$1 _fs=$2
	shift 2
	rm -f "$TMP/$_fn.fifo"
	mkfifo "$TMP/$_fn.fifo"
	: >"$TMP/$_fn.out"
	: >"$TMP/$_fn.err"
	(eval "$_fs") >"$TMP/$_fn.fifo" 2>/dev/null &
	track $!
	${ZMQCAT_WRAPPER:-} "$ZMQCAT" "$@" <"$TMP/$_fn.fifo" \
	    >"$TMP/$_fn.out" 2>"$TMP/$_fn.err" &
	ZC_PID=$!
	track "$ZC_PID"
}

# bounded CMD...: run a foreground command with a hard time limit.
bounded() {
	timeout -k 2 $((ZC_WAIT * ZC_SLOW * 2)) "$@"
}

# same_bytes GOT EXPECTED DESC: the two files are byte for byte equal;
# if not, show where they first differ, in octal.
same_bytes() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
		return
	fi
	ok 1 "$3"
	cmp "$1" "$2" 2>&1 | sed 's/^/# /'
	_at=$(cmp "$1" "$2" 2>/dev/null | sed -n 's/.*differ: byte \([0-9]*\),.*/\1/p')
	_at=$(( ${_at:-1} > 8 ? ${_at:-1} - 8 : 0 ))
	echo "# expected (from byte $((_at + 1))):"
	od -An -c -j "$_at" -N 32 "$2" | sed 's/^/#  /'
	echo "#      got:"
	od -An -c -j "$_at" -N 32 "$1" | sed 's/^/#  /'
}

# rep N STR: STR repeated N times.
rep() {
	awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'
}

# slow SECONDS: SECONDS (fractions allowed) times ZC_SLOW: a time a step
# may take, longer under valgrind.
slow() {
	awk -v s="$1" -v k="$ZC_SLOW" 'BEGIN { print s * k }'
}

# now_ms: a clock in milliseconds, or nothing where date has no %N.
now_ms() {
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	''|*[!0-9]*) ;;
	*) echo $((_t / 1000000)) ;;
	esac
}
HAVE_MS=0
[ -n "$(now_ms)" ] && HAVE_MS=1

# since START: ms since START (now_ms), 0 where there is no ms clock.
since() {
	if [ "$HAVE_MS" = 1 ]; then
		echo $(( $(now_ms) - $1 ))
	else
		echo 0
	fi
}

# took LO HI START DESC: the time since START (now_ms) is from LO to HI
# ms, scaled by ZC_SLOW at the top; skipped where there is no ms clock.
took() {
	if [ "$HAVE_MS" = 0 ]; then
		ok 0 "$4 # SKIP date has no %N"
		return
	fi
	_ms=$(since "$3")
	ok "$([ "$_ms" -ge "$1" ] && [ "$_ms" -le $(($2 * ZC_SLOW)) ]; echo $?)" \
	    "$4 (took $_ms ms, want $1..$(($2 * ZC_SLOW)))"
}

# recv NAME ARGS...: start a receiving zmqcat (PULL bound to a free port,
# -v, ARGS) in the background; sets RPID and EP (the endpoint it bound).
recv() {
	_rn=$1
	shift
	zc_bg "$TMP/$_rn.out" "$TMP/$_rn.err" \
	    -s 'PULL:bind:tcp://127.0.0.1:*' -v "$@"
	RPID=$ZC_PID
	EP=$(bound_endpoint "$TMP/$_rn.err" pull)
	ok "$([ -n "$EP" ]; echo $?)" "$_rn: receiver bound ${EP:-nothing}"
	: "${EP:=tcp://127.0.0.1:1}"
}

# quiet NAME DESC: the receiver NAME said nothing on stderr but its bind
# and the -v notes of a timeout: no error.
quiet() {
	is "$(grep -Ev '^zmqcat: (pull bound |timeout after |idle for )' \
	    "$TMP/$1.err")" "" "$1: $2"
}

# recv_done NAME DESC: the receiver started by recv ends by itself with
# status 0 and says nothing on stderr but its bind.
recv_done() {
	wait_exit "$RPID"
	is "$ST" 0 "$1: receiver $2, status 0"
	quiet "$1" "receiver stderr has only its bind"
}

# verbose_only FILE [ERE]: FILE without zmqcat -v's bind, connect and
# route notes, nor the lines that match ERE: the errors, if any.
verbose_only() {
	grep -Ev "^zmqcat: [a-z][a-z0-9_-]* (bound|connecting to) |^zmqcat: route ${2:+|$2}" \
	    "$1"
}

# untime FILE: FILE with every -J "time" value replaced by T.
untime() {
	sed 's/"time":[0-9][0-9]*/"time":T/' "$1"
}

# stat_col COLUMN ROW FILE: the value in COLUMN (a header word: in,
# peers, msgs...) of the row ROW (a socket or route name) in the last
# --stats table of FILE.
stat_col() {
	awk -v c="$1" -v r="$2" '
	    $1 == "socket" || $1 == "route" || $1 == "command" {
		k = 0
		for (i = 1; i <= NF; i++) if ($i == c) k = i
	    }
	    k && $1 == r { v = $k }
	    END { print v }' "$3"
}

# send NAME INPUT ARGS...: zmqcat ARGS -s PUSH:connect:$EP, bounded, with
# stdin from the file INPUT, or piped from the command after a '|' in
# INPUT; SST is its status, and it must print nothing at all. (The pipe
# is made here: a function called in a pipeline would lose the TAP
# counter.)
send() {
	_sn=$1 _in=$2
	shift 2
	case $_in in
	'|'*)
		eval "${_in#|}" | zc "$@" -s "PUSH:connect:$EP" \
		    >"$TMP/$_sn.sout" 2>"$TMP/$_sn.serr"
		;;
	*)
		zc "$@" -s "PUSH:connect:$EP" <"$_in" >"$TMP/$_sn.sout" \
		    2>"$TMP/$_sn.serr"
		;;
	esac
	SST=$?
	is "$(cat "$TMP/$_sn.sout" "$TMP/$_sn.serr")" "" \
	    "$_sn: sender prints nothing"
}

# require_pyzmq: the interop files need a Python that imports zmq. Without
# one the file is skipped, or fails when ZMQCAT_REQUIRE_INTEROP=1 (CI).
require_pyzmq() {
	PY=$TESTS_SRCDIR/py
	_why=""
	if [ -z "${PYTHON_ZMQ:-}" ]; then
		_why="PYTHON_ZMQ is not set"
	elif ! "$PYTHON_ZMQ" -c 'import zmq' >/dev/null 2>&1; then
		_why="'$PYTHON_ZMQ' cannot import zmq"
	fi
	[ -z "$_why" ] && return 0
	if [ "${ZMQCAT_REQUIRE_INTEROP:-0}" = 1 ]; then
		ok 1 "python3-zmq found ($_why; ZMQCAT_REQUIRE_INTEROP=1)"
		done_testing
	fi
	skip_all "python3-zmq not found ($_why)"
}

# pyzmq_ok [WHAT]: PYTHON_ZMQ is set and imports zmq, built with WHAT (a
# capability zmq.has() knows, e.g. curve) if given.
pyzmq_ok() {
	[ -n "${PYTHON_ZMQ:-}" ] && "$PYTHON_ZMQ" -c \
	    "import sys, zmq; sys.exit(${1:+not zmq.has('$1')})" >/dev/null 2>&1
}

# need_pyzmq DESC [WHAT]: 0 when the pyzmq peers can run here (pyzmq_ok
# WHAT); if not, one test DESC, skipped (failed under
# ZMQCAT_REQUIRE_INTEROP=1), and 1. For a part of a file; require_pyzmq
# is for a whole one.
need_pyzmq() {
	PY=$TESTS_SRCDIR/py
	pyzmq_ok "${2:-}" && return 0
	if [ "${ZMQCAT_REQUIRE_INTEROP:-0}" = 1 ]; then
		ok 1 "$1: needs python3-zmq${2:+ with $2} (ZMQCAT_REQUIRE_INTEROP=1)"
	else
		ok 0 "$1 # SKIP python3-zmq${2:+ with $2} not found"
	fi
	return 1
}

# py_bg OUT ERR SCRIPT ARGS...: start a Python peer in the background,
# tracked for cleanup; sets PY_PID. OUT and ERR are emptied here, before
# the fork, so what is waited for in them cannot be an earlier run's.
py_bg() {
	_out=$1 _err=$2 _script=$3
	shift 3
	: >"$_out"
	: >"$_err"
	"$PYTHON_ZMQ" "$PY/$_script" "$@" >"$_out" 2>"$_err" </dev/null &
	PY_PID=$!
	track "$PY_PID"
}

# py_endpoint ERRFILE PREFIX NAME: the endpoint a peer says NAME bound.
py_endpoint() {
	wait_for "$1" "^$2: $3 bound " >/dev/null 2>&1 || return 1
	sed -n "s/^$2: $3 bound //p" "$1" | head -n 1
}

# TS: the time of day a --monitor line has after "zmqcat: " (an ERE, and a
# BRE too), for patterns: "^zmqcat: ${TS}sub: connected".
TS='[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9]* '

# mon FILE...: the FILEs with --monitor's times taken out (the text
# lines' "HH:MM:SS.mmm ", the JSON events' "time"), so they compare as
# text.
mon() {
	sed -e "s/^zmqcat: $TS/zmqcat: /" \
	    -e 's/^\({"event":"[a-z_]*","socket":"[^"]*"\),"time":[0-9]*/\1/' "$@"
}
