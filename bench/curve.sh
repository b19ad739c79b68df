#!/usr/bin/env bash
# bench/curve.sh: what zmqcat's security mechanisms cost in throughput,
# against no security measured in the same run.
#
#   bench/bin/blast ADDR N SIZE [SECURITY] (PUSH, connects) ->
#       zmqcat -v -s 'PULL:bind:tcp://127.0.0.1:*' -c N [MODE] > /dev/null
#
# MODE, one of (BENCH_CURVE_MODES picks and orders them; null always runs):
#   null         no security (the baseline)
#   curve        receiver --curve-server @srv.key;
#                blast: curve srv.pub cli.key (a CURVE client)
#   curve-allow  the same, and the receiver --curve-allow allow.txt, which
#                lists cli.key's public key: zmqcat's ZAP handler admits
#                the connection once, so per message it should cost nothing
#   plain        receiver --plain-users users.txt; blast: plain USER:PASS
#
# The sender is blast in every mode, the baseline included (blast.c takes
# optional CURVE key files or PLAIN credentials), so the ratios compare
# like with like and the sender is a minimal libzmq program, not zmqcat's
# own send path. zmqcat's client side (--curve-client, --curve-key,
# --plain-client) is exercised by the checks before the timing.
#
# The keys are made with `zmqcat --keygen` into the temporary directory,
# mode 600 (srv.key, cli.key, other.key; srv.pub holds the public line of
# srv.key); users.txt and plain.cred (mode 600) hold a random password.
#
# A rate is N / (time from starting blast to the exit of zmqcat once it has
# counted N messages); the CURVE or PLAIN handshake of the one connection is
# inside that time. Every size runs REPEAT rounds; in each round every mode
# runs once, the modes taking turns (the order shifts by one each round).
# The table gives the BEST rate with the MEDIAN in brackets, the ratio
# mode / null (best over best, median over median, null from the same run
# of this script), and the LOWEST CPU time per message (user + system, all
# threads; GNU time) of the receiver (zmqcat) and of the sender (blast),
# each with its ratio to null's.
#
# Before any timing, for each mode:
#   - blast sends two 16-byte messages and zmqcat must print exactly them;
#   - a zmqcat sender (-e, stdin "one", "two"; --curve-client @srv.pub
#     --curve-key @cli.key, or --plain-client @plain.cred) likewise;
#   - zmqcat's -v lines must show the mechanism (the server key, the
#     admitted client key, the admitted PLAIN user) and no warning;
#   - a sender without the right credentials must be refused (no security
#     against CURVE; other.key against the allow-list; a wrong password
#     against PLAIN) and deliver nothing.
# So a mode that delivers nothing, or whose security is off, cannot pass
# for a fast (or a cheap) one.
#
# Environment:
#   BENCH_CURVE_N16     messages of 16 bytes per run        (default 2000000)
#   BENCH_CURVE_N1K     messages of 1024 bytes per run      (default 500000)
#   BENCH_CURVE_REPEAT  rounds (runs of each mode per size) (default 5)
#   BENCH_CURVE_SIZES   message sizes in bytes, in order    (default "16 1024")
#   BENCH_CURVE_MODES   modes, in order (default "null curve curve-allow
#                       plain"; null is added first when missing)
#   BENCH_TIMEOUT       seconds any one process may run     (default 120)
#   ZMQCAT              the binary under test (default: the repo's ./zmqcat;
#                       copied to a temporary directory at the start, so a
#                       rebuild during the run does not mix two binaries)
#   CC                  C compiler for blast                (default cc)
#
# Needs: bash 5.1 or later, cc, pkg-config and libzmq's headers (libzmq
# built with CURVE support), timeout(1) from coreutils. GNU time as
# /usr/bin/time for the CPU columns (without it they show n/a).

set -u

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N16=${BENCH_CURVE_N16:-2000000}
N1K=${BENCH_CURVE_N1K:-500000}
REPEAT=${BENCH_CURVE_REPEAT:-5}
SIZES=${BENCH_CURVE_SIZES:-16 1024}
MODES=${BENCH_CURVE_MODES:-null curve curve-allow plain}
TMO=${BENCH_TIMEOUT:-120}
CC=${CC:-cc}
ME=curve.sh
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
WAIT_TICKS=200			# x 0.05 s: how long zmqcat may take to bind
CHECK_TMO=15			# seconds a run of the checks may take
GRACE=10			# seconds zmqcat may lag behind a finished blast

# The receiver's options in a mode (one per line, for mapfile), or fail.
recv_args() {
	case $1 in
	null) ;;
	curve) printf '%s\n' --curve-server "@$TMP/srv.key" ;;
	curve-allow) printf '%s\n' --curve-server "@$TMP/srv.key" \
	    --curve-allow "$TMP/allow.txt" ;;
	plain) printf '%s\n' --plain-users "$TMP/users.txt" ;;
	*) return 1 ;;
	esac
}

# blast's security arguments in a mode.
blast_args() {
	case $1 in
	null) ;;
	curve|curve-allow) printf '%s\n' curve "$TMP/srv.pub" "$TMP/cli.key" ;;
	plain) printf '%s\n' plain "$(cat "$TMP/plain.cred")" ;;
	esac
}

# A zmqcat sender's security options in a mode.
zsend_args() {
	case $1 in
	null) ;;
	curve|curve-allow) printf '%s\n' --curve-client "@$TMP/srv.pub" \
	    --curve-key "@$TMP/cli.key" ;;
	plain) printf '%s\n' --plain-client "@$TMP/plain.cred" ;;
	esac
}

# blast's arguments for a sender the mode must refuse, and the zmqcat
# stderr line (with --monitor) that shows the refusal.
bad_args() {
	case $1 in
	curve) ;;	# no security at all
	curve-allow) printf '%s\n' curve "$TMP/srv.pub" "$TMP/other.key" ;;
	plain) printf '%s\n' plain "bench:wrong-$PASS" ;;
	esac
}
bad_line() {
	case $1 in
	curve) echo "pull: handshake failed" ;;
	curve-allow) echo "pull: refused CURVE key $OTHERPUB from" ;;
	plain) echo "pull: refused PLAIN user 'bench' from" ;;
	esac
}

# The -v lines that show the mechanism at work (one per line).
good_lines() {
	case $1 in
	curve) echo "pull: CURVE server, public key $SRVPUB" ;;
	curve-allow) echo "pull: CURVE server, public key $SRVPUB"
	    echo "pull: admitted CURVE key $CLIPUB from" ;;
	plain) echo "pull: admitted PLAIN user 'bench' from" ;;
	esac
}

# How a mode reads in the table (markdown code, not shell expansions).
# shellcheck disable=SC2016
mode_label() {
	case $1 in
	null) echo 'null (no security)' ;;
	curve) echo 'curve (`--curve-server`)' ;;
	curve-allow) echo 'curve-allow (`--curve-server` + `--curve-allow`, 1 key)' ;;
	plain) echo 'plain (`--plain-users`)' ;;
	esac
}

# ---------------------------------------------------------------- checks

for v in N16:BENCH_CURVE_N16 N1K:BENCH_CURVE_N1K REPEAT:BENCH_CURVE_REPEAT \
    TMO:BENCH_TIMEOUT; do
	name=${v%%:*}
	val=${!name}
	case $val in
	''|*[!0-9]*|0) die "${v#*:} must be a positive integer (got '$val')" ;;
	esac
done
for s in $SIZES; do
	case $s in
	''|*[!0-9]*|0) die "BENCH_CURVE_SIZES: '$s' is not a positive size" ;;
	esac
done
[ -n "${SIZES// /}" ] || die "BENCH_CURVE_SIZES is empty"
list="null"
for m in $MODES; do
	TMP=/nonexistent recv_args "$m" >/dev/null ||
		die "BENCH_CURVE_MODES: unknown mode '$m'" \
		    "(null curve curve-allow plain)"
	case " $list " in
	*" $m "*) ;;
	*) list="$list $m" ;;
	esac
done
MODES=$list
bench_need_tools
bench_timecmd

# ---------------------------------------------------------------- build

bench_build blast

# ---------------------------------------------------------------- plumbing

bench_plumbing curve


bench_copy_zmqcat

# ---------------------------------------------------------------- keys

# The public key in a --keygen file.
pub_of() {
	awk '$1 == "public:" { print $2; exit }' "$1"
}

(
	umask 077
	for k in srv cli other; do
		"$ZBIN" --keygen >"$TMP/$k.key" ||
			{ say "$ME: zmqcat --keygen failed"; exit 1; }
	done
	grep '^public:' "$TMP/srv.key" >"$TMP/srv.pub" &&
	    {
		echo "# bench/curve.sh: the one client admitted"
		grep '^public:' "$TMP/cli.key"
	    } >"$TMP/allow.txt" &&
	    PASS=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n') &&
	    [ ${#PASS} = 24 ] &&
	    echo "bench:$PASS" >"$TMP/users.txt" &&
	    echo "bench:$PASS" >"$TMP/plain.cred"
) || die "cannot make the keys in $TMP"
chmod 600 "$TMP"/*.key "$TMP/users.txt" "$TMP/plain.cred" ||
	die "cannot chmod the keys"
PASS=$(cut -d: -f2 "$TMP/plain.cred")
SRVPUB=$(pub_of "$TMP/srv.key")
CLIPUB=$(pub_of "$TMP/cli.key")
OTHERPUB=$(pub_of "$TMP/other.key")
for k in "$SRVPUB" "$CLIPUB" "$OTHERPUB"; do
	[ "${#k}" = 40 ] || die "zmqcat --keygen gave no 40-character public key"
done


# ---------------------------------------------------------------- one run

# run_sec MODE SIZE N OUT SENDER [TMO]: zmqcat in MODE receives N messages
# of SIZE bytes, writing to OUT, from SENDER: "blast" (the timed runs),
# "zmqcat" (a zmqcat client sending the lines of $TMP/lines.in, -e), or
# "monitor" (blast, and the receiver with --monitor). Set RATE (msg/s),
# RCPU and SCPU (us, or empty), or fail. The receiver's stderr stays in
# $TMP/zmqcat.err. Not to be run in a subshell: the PIDs it starts must
# reach the trap's list.
run_sec() {
	local mode=$1 size=$2 n=$3 out=$4 sender=$5 tmo=${6:-$TMO}
	local zerr=$TMP/zmqcat.err serr=$TMP/sender.err
	local rcpuf=$TMP/zmqcat.cpu scpuf=$TMP/sender.cpu
	local zpid spid gpid="" addr t0 t1 zrc src id rc waitfor
	local rargs sargs extra=() rtime=() stime=()

	mapfile -t rargs < <(recv_args "$mode")
	[ "$sender" = monitor ] && extra=(--monitor)
	: >"$zerr"
	: >"$serr"
	rm -f "$rcpuf" "$scpuf"
	if [ "${#TIMECMD[@]}" -gt 0 ]; then
		rtime=("${TIMECMD[@]}" -o "$rcpuf")
		stime=("${TIMECMD[@]}" -o "$scpuf")
	fi
	timeout -k 5 "$tmo" "${rtime[@]}" "$ZBIN" -v "${extra[@]}" \
	    -s 'PULL:bind:tcp://127.0.0.1:*' "${rargs[@]}" -c "$n" \
	    >"$out" 2>"$zerr" </dev/null &
	zpid=$!
	PIDS+=("$zpid")
	addr=$(wait_line "$zerr" "$zpid" "pull bound") || { stop_pid "$zpid"; return 1; }

	# The clock runs from starting the sender to the exit of zmqcat. If
	# the sender fails first, or zmqcat ends with an error, the run ends
	# at once; if the sender ends well, zmqcat has GRACE seconds more
	# (a sleep to wait for alongside it: a refused or lost message must
	# not hold the run until the timeout).
	t0=$(now_us)
	if [ "$sender" = zmqcat ]; then
		mapfile -t sargs < <(zsend_args "$mode")
		timeout -k 5 "$tmo" "${stime[@]}" "$ZBIN" \
		    -s "PUSH:connect:$addr" "${sargs[@]}" -e \
		    >/dev/null 2>"$serr" <"$TMP/lines.in" &
	else
		mapfile -t sargs < <(blast_args "$mode")
		timeout -k 5 "$tmo" "${stime[@]}" "$BIN/blast" "$addr" "$n" \
		    "$size" "${sargs[@]}" >/dev/null 2>"$serr" </dev/null &
	fi
	spid=$!
	PIDS+=("$spid")
	zrc="" src="" t1=""
	waitfor=("$zpid" "$spid")
	while [ -z "$zrc" ]; do
		id=""
		wait -n -p id "${waitfor[@]}"; rc=$?
		case $id in
		"$zpid")
			t1=$(now_us)
			zrc=$rc
			forget "$zpid"
			if [ -z "$src" ]; then
				[ "$rc" = 0 ] || { stop_pid "$spid"; src=stopped; }
			fi ;;
		"$spid")
			src=$rc
			forget "$spid"
			if [ "$rc" = 0 ]; then
				sleep "$GRACE" &
				gpid=$!
				PIDS+=("$gpid")
				waitfor=("$zpid" "$gpid")
			else
				stop_pid "$zpid"
				zrc=stopped
			fi ;;
		"$gpid")
			forget "$gpid"
			gpid=""
			stop_pid "$zpid"
			zrc="stopped $GRACE s after the sender ended" ;;
		*)	# nothing left to wait for (should not happen)
			stop_pid "$zpid"; stop_pid "$spid"
			zrc=${zrc:-lost} src=${src:-lost} ;;
		esac
	done
	[ -n "$src" ] || { wait "$spid"; src=$?; forget "$spid"; }
	if [ -n "$gpid" ]; then
		# KILL, not TERM: it may not have exec'd sleep yet (see the traps)
		kill -KILL "$gpid" 2>/dev/null
		wait "$gpid" 2>/dev/null
		forget "$gpid"
	fi
	if [ "$zrc" != 0 ] || [ "$src" != 0 ] || [ -z "$t1" ]; then
		say "curve.sh: $mode ${size}B run ($sender) failed (zmqcat $zrc," \
		    "sender $src)"
		sed 's/^/    zmqcat: /' "$zerr" >&2
		sed 's/^/    sender: /' "$serr" >&2
		return 1
	fi
	RATE=$(rate "$n" $((t1 - t0)))
	RCPU="" SCPU=""
	if [ "${#TIMECMD[@]}" -gt 0 ]; then
		RCPU=$(cpu_of "$rcpuf")
		SCPU=$(cpu_of "$scpuf")
	fi
	return 0
}

# refused MODE: a sender without the right credentials is refused by
# zmqcat in MODE (the line of bad_line on its stderr) and delivers nothing.
refused() {
	local mode=$1 zerr=$TMP/zmqcat.err out=$TMP/refused.out pat
	local zpid bpid addr rargs bargs ok=1

	mapfile -t rargs < <(recv_args "$mode")
	mapfile -t bargs < <(bad_args "$mode")
	pat=$(bad_line "$mode")
	: >"$zerr"
	timeout -k 5 "$CHECK_TMO" "$ZBIN" -v --monitor \
	    -s 'PULL:bind:tcp://127.0.0.1:*' "${rargs[@]}" -c 1 \
	    >"$out" 2>"$zerr" </dev/null &
	zpid=$!
	PIDS+=("$zpid")
	addr=$(wait_line "$zerr" "$zpid" "pull bound") || { stop_pid "$zpid"; return 1; }
	timeout -k 5 "$CHECK_TMO" "$BIN/blast" "$addr" 1 16 "${bargs[@]}" \
	    >/dev/null 2>&1 </dev/null &
	bpid=$!
	PIDS+=("$bpid")
	wait_line "$zerr" "$zpid" "$pat" >/dev/null || ok=0
	stop_pid "$bpid"
	stop_pid "$zpid"
	if [ -s "$out" ]; then
		say "$ME: $mode: a refused sender delivered: $(head -c 80 "$out")"
		ok=0
	fi
	[ "$ok" = 1 ] && say "  $mode: refused: $(grep -F -m1 "$pat" "$zerr")"
	[ "$ok" = 1 ]
}

# ---------------------------------------------------------------- main

FAILED=0
ROWS=()
RATE="" RCPU="" SCPU=""


# Every mode, before any timing: see the comment at the top.
check_modes() {
	local mode out=$TMP/check.out want line sender
	printf 'one\ntwo\n' >"$TMP/lines.in"
	for mode in $MODES; do
		for sender in monitor zmqcat; do
			run_sec "$mode" 16 2 "$out" "$sender" "$CHECK_TMO" ||
				die "$mode: 2 messages from $sender were not delivered"
			if [ "$sender" = zmqcat ]; then
				want=$'one\ntwo'
			else
				want=$'abcdefghijklmnop\nabcdefghijklmnop'
			fi
			[ "$(cat "$out")" = "$want" ] ||
				die "$mode: 2 messages from $sender gave:" \
				    "$(head -c 200 "$out")"
			! grep -q 'warning' "$TMP/zmqcat.err" "$TMP/sender.err" ||
				die "$mode: a warning:" \
				    "$(grep -h warning "$TMP/zmqcat.err" "$TMP/sender.err")"
			grep -q 'handshake succeeded' "$TMP/zmqcat.err" ||
			    [ "$sender" = zmqcat ] ||
				die "$mode: no 'handshake succeeded' event"
			while IFS= read -r line; do
				grep -qF "$line" "$TMP/zmqcat.err" ||
					die "$mode: no '$line' line from zmqcat -v" \
					    "($sender sending)"
			done < <(good_lines "$mode")
		done
		say "  $mode: blast and zmqcat each delivered 2 messages" \
		    "$( [ "$mode" = null ] || echo "($(good_lines "$mode" |
		    tail -n 1 | sed 's/ from$//'))")"
		if [ "$mode" != null ]; then
			refused "$mode" ||
				die "$mode: a sender without the right credentials" \
				    "was not refused"
		fi
	done
	rm -f "$out"
}

# bench SIZE N: REPEAT rounds of every mode, taking turns; add a row per
# mode, "mode size n best median rcpu_ns scpu_ns" (-1 when unknown).
bench() {
	local size=$1 n=$2 r k mode rns sns
	local -a order
	read -r -a order <<<"$MODES"
	local -A rates=() rcpu=() scpu=()

	for ((r = 0; r < REPEAT; r++)); do
		for ((k = 0; k < ${#order[@]}; k++)); do
			mode=${order[(k + r) % ${#order[@]}]}
			RATE="" RCPU="" SCPU=""
			if ! run_sec "$mode" "$size" "$n" /dev/null blast ||
			    [ -z "$RATE" ]; then
				FAILED=1
				say "  ${size}B $mode run $((r + 1))/$REPEAT: FAILED"
				continue
			fi
			rates[$mode]="${rates[$mode]:-} $RATE"
			rns=n/a sns=n/a
			if [ -n "$RCPU" ]; then
				rns=$(( RCPU * 1000 / n ))
				keep_lowest rcpu "$mode" "$rns"
			fi
			if [ -n "$SCPU" ]; then
				sns=$(( SCPU * 1000 / n ))
				keep_lowest scpu "$mode" "$sns"
			fi
			say "  ${size}B $mode run $((r + 1))/$REPEAT: $RATE msg/s," \
			    "CPU zmqcat $rns, blast $sns ns/msg"
		done
	done
	for mode in $MODES; do
		# shellcheck disable=SC2086
		ROWS+=("$mode $size $n $(best_median ${rates[$mode]:-}) ${rcpu[$mode]:--1} ${scpu[$mode]:--1}")
	done
}

START=$(now_us)
say "zmqcat security bench: $(nproc) CPUs, libzmq $(pkg-config --modversion libzmq)," \
    "N16=$N16 N1K=$N1K REPEAT=$REPEAT, sizes: $SIZES, modes: $MODES"
say "binary $ZMQCAT ($ZID)"
say "checking every mode:"
check_modes
for size in $SIZES; do
	bench "$size" "$(count_for "$size")"
done
say "total $(( ($(now_us) - START) / 1000000 )) s"

# The row of MODE at SIZE: "best median rcpu scpu", or empty.
row_of() {
	local r m s
	for r in "${ROWS[@]}"; do
		read -r m s _ <<<"$r"
		if [ "$m" = "$1" ] && [ "$s" = "$2" ]; then
			read -r _ _ _ r <<<"$r"
			echo "$r"
			return
		fi
	done
}

echo
echo "| mode | size | N | msg/s best (median) | mode / null, best (median) | zmqcat CPU ns/msg | CPU mode / null | blast CPU ns/msg | CPU mode / null |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for row in "${ROWS[@]}"; do
	read -r mode size n best med rc sc <<<"$row"
	read -r nb nm nrc nsc <<<"$(row_of null "$size")"
	LABEL=$(mode_label "$mode") awk -v size="$size" -v n="$n" \
	    -v b="$best" -v m="$med" -v rc="$rc" -v sc="$sc" -v nb="$nb" \
	    -v nm="$nm" -v nrc="$nrc" -v nsc="$nsc" '
	function q(x, y) { return x > 0 && y > 0 ? sprintf("%.2f", x / y) : "n/a" }
	BEGIN {
		printf "| %s | %d B | %d | %s (%s) | %s (%s) | %s | %s | %s | %s |\n",
		    ENVIRON["LABEL"], size, n, (b ? b : "FAIL"), m, q(b, nb),
		    q(m, nm), (rc >= 0 ? rc : "n/a"), q(rc, nrc),
		    (sc >= 0 ? sc : "n/a"), q(sc, nsc)
	}'
done
echo
echo "msg/s: best and median of $REPEAT runs, from the start of blast to the" \
     "exit of zmqcat after N messages (output to /dev/null); one connection," \
     "its handshake included."
echo "mode / null: the mode's rate over null's in this run (best over best," \
     "median over median)."
echo "CPU ns/msg: user+system CPU (all threads) of the receiver (zmqcat) and" \
     "of the sender (blast), lowest of the runs; CPU mode / null: that over" \
     "null's (above 1: the mode costs more)."
for size in $SIZES; do
	read -r cb cm crc _ <<<"$(row_of curve "$size")"
	read -r ab am arc _ <<<"$(row_of curve-allow "$size")"
	if [ -z "${cb:-}" ] || [ -z "${ab:-}" ]; then continue; fi
	awk -v size="$size" -v cb="$cb" -v cm="$cm" -v ab="$ab" -v am="$am" \
	    -v crc="$crc" -v arc="$arc" '
	function q(x, y) { return x > 0 && y > 0 ? sprintf("%.2f", x / y) : "n/a" }
	BEGIN {
		printf "curve-allow / curve at %d B: rate %s best (%s median), zmqcat CPU %s\n",
		    size, q(ab, cb), q(am, cm), q(arc, crc)
	}'
done
exit "$FAILED"
