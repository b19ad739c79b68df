#!/usr/bin/env bash
# bench/instr.sh: instructions per message of zmqcat and of the tuned C
# programs doing the same job, the figure that does not move with the
# machine's load. Each program runs under valgrind's callgrind twice,
# with N1 and N2 messages; (Ir(N2) - Ir(N1)) / (N2 - N1) is its cost per
# message, start-up and exit cancelled. Only the program under test runs
# under callgrind (the peers run natively). Prints one table.
#
#   bench/instr.sh                      # every case, N1=50000 N2=250000
#   INSTR_N1=20000 INSTR_N2=100000 bench/instr.sh print16 fwd16
#
# Cases (what is measured / its baseline):
#   print16, print1k  PULL -> stdout, 16 B / 1 KiB   / tsink
#   fwd16             PULL -> route -> PUSH, 16 B     / tfwd
#   proxy16           libzmq's zmq_proxy() (bench/bin/proxy) in the
#                     place of zmqcat on fwd16          / tfwd
#   stdin16           stdin lines -> PUSH, 16 B       / tsource
#   gen16             -m x --size 16 --repeat N -> PUSH / blast
#   stamp16           gen16 with --stamp               / gen16
#   check16           --check of stamped 16 B messages, printing the
#                     first frame / the same without --check
#   json16            PULL -> stdout -J, 16 B         / zmqcat raw print
#   idle100           print16 with 100 idle SUBs      / zmqcat print16
#   tidle100          tsink with 100 idle SUBs        / tsink print16
#   filter10          print16 through 10 filtered routes (5 prefix=, 5
#                     anchored match=, the last one matching) / zmqcat print16
#
# Needs: bash, valgrind, cc, pkg-config and libzmq's headers.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$HERE")
BIN=$HERE/bin
ZMQCAT=${ZMQCAT:-$TOP/zmqcat}
N1=${INSTR_N1:-50000}
N2=${INSTR_N2:-250000}
TMO=${BENCH_TIMEOUT:-1800}
CC=${CC:-cc}
ME=instr.sh
WAIT_TICKS=1200			# x 0.05 s: callgrind starts slowly
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
CASES=${*:-print16 print1k fwd16 proxy16 stdin16 json16 idle100 tidle100 filter10 gen16 stamp16 check16}

command -v valgrind >/dev/null || die "valgrind is missing"
[ -x "$ZMQCAT" ] || die "no zmqcat at $ZMQCAT (build it, or set ZMQCAT)"
bench_build blast drain tsink tfwd tsource proxy
bench_plumbing instr

# cg OUT PROG ARGS...: PROG under callgrind, its profile in OUT.
cg() {
	local out=$1
	shift
	timeout "$TMO" valgrind --tool=callgrind --callgrind-out-file="$out" \
	    --log-file="$out.log" "$@"
}

# ir OUT: the total instructions in a callgrind profile.
ir() {
	awk '/^(summary|totals):/ { print $2; exit }' "$1"
}

# recv_run OUT N SIZE PROG ARGS...: PROG (binding its PULL on an
# address it prints, "bound ADDR") under callgrind receives N messages
# of SIZE bytes from blast; its stdout must have N lines.
recv_run() {
	local out=$1 n=$2 size=$3 p a lines
	shift 3
	rm -f "$TMP/recv.out" "$TMP/recv.err"	# not the last run's address
	cg "$out" "$@" >"$TMP/recv.out" 2>"$TMP/recv.err" </dev/null &
	p=$!
	PIDS+=("$p")
	a=$(wait_line "$TMP/recv.err" "$p" " bound ") || die "$1 did not bind"
	"${SENDER:-send_blast}" "$a" "$n" "$size" || die "the sender failed"
	wait "$p" || die "$* ended with status $?"
	forget "$p"
	lines=$(wc -l <"$TMP/recv.out")
	[ "$lines" -eq "$n" ] || die "$1 printed $lines lines, not $n"
}

# send_blast ADDR N SIZE: the tuned sender, natively.
send_blast() {
	timeout "$TMO" "$BIN/blast" "$@"
}

# send_stamped ADDR N SIZE: zmqcat's generator, natively, --stamp'ed.
send_stamped() {
	timeout "$TMO" "$ZMQCAT" -s "PUSH:connect:$1" -m x --size "$3" \
	    --repeat "$2" --stamp </dev/null
}

# gen_run OUT N KIND: KIND (zmqcat, stamp: zmqcat --stamp, blast) under
# callgrind sends N 16-byte messages to a drain.
gen_run() {
	local out=$1 n=$2
	case $3 in
	blast)
		drain_bg "$n"
		cg "$out" "$BIN/blast" "$DADDR" "$n" 16 ;;
	zmqcat)
		drain_bg "$n"
		cg "$out" "$ZMQCAT" -s "PUSH:connect:$DADDR" -m x --size 16 \
		    --repeat "$n" </dev/null ;;
	stamp)	# two frames each: 16 bytes and the 28 of the stamp
		drain_bg $((2 * n)) $((n * 44))
		cg "$out" "$ZMQCAT" -s "PUSH:connect:$DADDR" -m x --size 16 \
		    --repeat "$n" --stamp </dev/null ;;
	esac || die "$3 ended with status $?"
	drain_end
}

# drain_bg N [BYTES]: a drain of N frames, BYTES in all (16 each unless
# given); sets DP and DADDR.
drain_bg() {
	: >"$TMP/drain.err"	# there before the drain opens it: waited on at once
	timeout "$TMO" "$BIN/drain" 'tcp://127.0.0.1:*' "$1" "${2:-$(($1 * 16))}" \
	    >/dev/null 2>"$TMP/drain.err" </dev/null &
	DP=$!
	PIDS+=("$DP")
	DADDR=$(wait_line "$TMP/drain.err" "$DP" "pull bound") ||
	    die "drain did not bind"
}

# drain_end: the drain got every byte.
drain_end() {
	wait "$DP" || die "drain: status $? (messages lost or cut)"
	forget "$DP"
}

# fwd_run OUT N KIND: a forwarder of KIND (zmqcat, tfwd, proxy) under callgrind
# between blast and drain, N 16-byte messages.
fwd_run() {
	local out=$1 n=$2 p a
	drain_bg "$n"
	rm -f "$TMP/fwd.err"
	if [ "$3" = zmqcat ]; then
		cg "$out" "$ZMQCAT" -v -s 'PULL:bind:tcp://127.0.0.1:*' \
		    -s "PUSH:connect:$DADDR" -r pull:push -c "$n" \
		    >/dev/null 2>"$TMP/fwd.err" </dev/null &
	elif [ "$3" = proxy ]; then
		# runs until SIGTERM: timeout's own PID, to pass it on
		timeout "$TMO" valgrind --tool=callgrind \
		    --callgrind-out-file="$out" --log-file="$out.log" \
		    "$BIN/proxy" '@tcp://127.0.0.1:*' ">$DADDR" \
		    >/dev/null 2>"$TMP/fwd.err" </dev/null &
	else
		cg "$out" "$BIN/tfwd" '@tcp://127.0.0.1:*' ">$DADDR" "$n" \
		    >/dev/null 2>"$TMP/fwd.err" </dev/null &
	fi
	p=$!
	PIDS+=("$p")
	a=$(wait_line "$TMP/fwd.err" "$p" "pull bound") || die "$3 did not bind"
	timeout "$TMO" "$BIN/blast" "$a" "$n" 16 || die "blast failed"
	drain_end
	[ "$3" = proxy ] && kill -TERM "$p"
	wait "$p" || die "$3 ended with status $?"
	forget "$p"
}

# stdin_run OUT N KIND: KIND (zmqcat, tsource) under callgrind sends N
# 16-byte lines to a drain.
stdin_run() {
	local out=$1 n=$2 f=$TMP/lines-$2
	[ -s "$f" ] || yes abcdefghijklmnop | head -n "$n" >"$f"
	drain_bg "$n"
	if [ "$3" = zmqcat ]; then
		cg "$out" "$ZMQCAT" -s "PUSH:connect:$DADDR" -e <"$f" >/dev/null ||
		    die "zmqcat ended with status $?"
	else
		cg "$out" "$BIN/tsource" "$DADDR" <"$f" >/dev/null ||
		    die "tsource ended with status $?"
	fi
	drain_end
}

# filters: 10 routes to stdout, 5 prefix= and 5 anchored match=, of
# which only the last matches blast's messages ("abcd..."); in FILTERS.
filters() {
	local i
	FILTERS=()
	for i in 0 1 2 3 4; do
		FILTERS+=(-r "pull:stdout,prefix=x$i")
		[ $i -lt 4 ] && FILTERS+=(-r "pull:stdout,match=^y$i")
	done
	FILTERS+=(-r "pull:stdout,match=^abc")
}

# one CASE PROG N OUT: one run of PROG (zmqcat or base) for CASE.
one() {
	local zc=("$ZMQCAT" -v -s 'PULL:bind:tcp://127.0.0.1:*' -c "$3")
	local idle=() i
	case $1:$2 in
	print16:zmqcat|json16:base|idle100:base|filter10:base)
		recv_run "$4" "$3" 16 "${zc[@]}" ;;
	print1k:zmqcat) recv_run "$4" "$3" 1024 "${zc[@]}" ;;
	print16:base|tidle100:base)
		recv_run "$4" "$3" 16 "$BIN/tsink" 'tcp://127.0.0.1:*' "$3" ;;
	print1k:base)
		recv_run "$4" "$3" 1024 "$BIN/tsink" 'tcp://127.0.0.1:*' "$3" ;;
	json16:zmqcat) recv_run "$4" "$3" 16 "${zc[@]}" -J ;;
	idle100:zmqcat)
		for ((i = 0; i < 100; i++)); do
			idle+=(-s "SUB:bind:tcp://127.0.0.1:*")
		done
		recv_run "$4" "$3" 16 "${zc[@]}" "${idle[@]}" -r pull:stdout ;;
	tidle100:zmqcat)
		recv_run "$4" "$3" 16 "$BIN/tsink" 'tcp://127.0.0.1:*' "$3" 100 ;;
	filter10:zmqcat)
		filters
		recv_run "$4" "$3" 16 "${zc[@]}" "${FILTERS[@]}" ;;
	fwd16:zmqcat) fwd_run "$4" "$3" zmqcat ;;
	fwd16:base|proxy16:base) fwd_run "$4" "$3" tfwd ;;
	proxy16:zmqcat) fwd_run "$4" "$3" proxy ;;
	stdin16:zmqcat) stdin_run "$4" "$3" zmqcat ;;
	gen16:zmqcat|stamp16:base) gen_run "$4" "$3" zmqcat ;;
	gen16:base) gen_run "$4" "$3" blast ;;
	stamp16:zmqcat) gen_run "$4" "$3" stamp ;;
	check16:zmqcat)
		SENDER=send_stamped recv_run "$4" "$3" 16 "${zc[@]}" --check \
		    -f '%1\n' ;;
	check16:base)
		SENDER=send_stamped recv_run "$4" "$3" 16 "${zc[@]}" -f '%1\n' ;;
	stdin16:base) stdin_run "$4" "$3" tsource ;;
	*) die "unknown case '$1'" ;;
	esac
}

# per_msg CASE PROG: instructions per message of PROG on CASE, in IR.
per_msg() {
	local a=$TMP/$1-$2-$N1.cg b=$TMP/$1-$2-$N2.cg
	one "$1" "$2" "$N1" "$a"
	one "$1" "$2" "$N2" "$b"
	IR=$(awk -v a="$(ir "$a")" -v b="$(ir "$b")" -v n=$((N2 - N1)) \
	    'BEGIN { printf "%.0f", (b - a) / n }')
}

# what CASE: the baseline's name in the table.
what() {
	case $1 in
	print16|print1k) echo "tsink" ;;
	fwd16|proxy16) echo "tfwd" ;;
	stdin16) echo "tsource" ;;
	gen16) echo "blast" ;;
	stamp16) echo "zmqcat gen16, no stamp" ;;
	check16) echo "zmqcat, no --check" ;;
	json16) echo "zmqcat raw print 16 B" ;;
	idle100|filter10) echo "zmqcat print 16 B" ;;
	tidle100) echo "tsink, no idle sockets" ;;
	esac
}

say "$ME: callgrind, N1=$N1 N2=$N2, zmqcat $("$ZMQCAT" --version | head -1)"
echo "| case | Ir/msg | baseline | baseline Ir/msg | ratio |"
echo "|---|---:|---|---:|---:|"
for c in $CASES; do
	per_msg "$c" zmqcat
	z=$IR
	per_msg "$c" base
	b=$IR
	printf '| %s | %s | %s | %s | %s |\n' "$c" "$z" "$(what "$c")" "$b" \
	    "$(awk -v z="$z" -v b="$b" 'BEGIN { printf "%.2f", z / b }')"
done
