#!/bin/sh
# Run the built fuzzers: each for FUZZ_SECONDS on a working copy of its
# seed corpus (kept in BUILD/corpus/NAME, so a later run goes on from
# there), with its dictionary when it has one, leaks detected. A crash,
# leak or failed check leaves its input in BUILD/../crash/NAME-* and
# makes the run fail once every harness has had its turn.
#
# usage: run.sh SRCDIR BUILDDIR SECONDS [NAME...]   (default: every one)
# FUZZ_ARGS adds libFuzzer options (e.g. -runs=10000000).
set -u

src=$1 out=$2 secs=$3
shift 3
crashdir=$(dirname "$out")/crash
[ $# -gt 0 ] || set -- $(cd "$src" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')

mkdir -p "$crashdir"
failed=
for name in "$@"; do
	bin=$out/fuzz-$name
	work=$out/corpus/$name
	log=$out/fuzz-$name.log
	if [ ! -x "$bin" ]; then
		echo "fuzz: no $bin (build it first: make fuzz)" >&2
		exit 2
	fi
	mkdir -p "$work"
	[ -d "$src/corpus/$name" ] && cp -f "$src/corpus/$name"/* "$work"/ \
	    2>/dev/null
	dict=
	[ -f "$src/$name.dict" ] && dict=-dict=$src/$name.dict
	printf 'fuzz %-9s %ss ... ' "$name" "$secs"
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 $dict \
	    -artifact_prefix="$crashdir/$name-" ${FUZZ_ARGS:-} \
	    "$work" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep '^#[0-9]' "$log" | tail -1 | sed -n 's/.*\(cov: [0-9]*\).*\(ft: [0-9]*\).*/\1 \2/p')
	if [ $rc -eq 0 ]; then
		echo "ok, ${runs:-?} runs, $cov, corpus $(ls "$work" | wc -l)"
	else
		echo "FAILED (status $rc)"
		grep -E '^(SUMMARY|fuzz check failed|==[0-9]+==ERROR)' "$log" |
		    head -5 | sed 's/^/    /'
		grep -o "Test unit written to .*" "$log" | sed 's/^/    /'
		echo "    log: $log"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed; the inputs are in $crashdir/" >&2
	echo "fuzz: replay one with $out/fuzz-NAME $crashdir/NAME-..." >&2
	exit 1
fi
exit 0
