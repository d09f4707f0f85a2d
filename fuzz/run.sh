#!/bin/sh
# Builds the libFuzzer targets (clang, ASan+UBSan, into build-fuzz/) and
# runs one target, or each in turn, for SECONDS each. New inputs go to a
# scratch corpus outside the tree ($ISMSNAV_FUZZ_WORK, else
# ${TMPDIR:-/tmp}/ismsnav-fuzz/<target>); the committed seeds and
# regressions are read, never written. Prints executions and coverage per
# target and exits 1 when any target found a crash, leak or timeout.
#
#   fuzz/run.sh TARGET SECONDS     TARGET: entry layout links csv reg search
#   fuzz/run.sh all SECONDS
set -u

targets="entry layout links csv reg search"
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${ISMSNAV_FUZZ_BUILD:-$root/build-fuzz}
work=${ISMSNAV_FUZZ_WORK:-${TMPDIR:-/tmp}/ismsnav-fuzz}
rss=${ISMSNAV_FUZZ_RSS_MB:-2048}
# Inputs stay below this size (larger seeds and regressions are cut when
# loaded; ctest replays them whole): the one-second timeout is measured on
# the wall clock, and a large input laid out at one column can come close
# to it on a busy machine without anything being wrong.
max_len=${ISMSNAV_FUZZ_MAX_LEN:-16384}

usage() {
	echo "usage: fuzz/run.sh TARGET|all SECONDS  (targets: $targets)" >&2
	exit 2
}

[ $# -eq 2 ] || usage
case $2 in '' | *[!0-9]*) usage ;; esac
seconds=$2
if [ "$1" = all ]; then
	run=$targets
else
	case " $targets " in *" $1 "*) run=$1 ;; *) usage ;; esac
fi

command -v clang >/dev/null 2>&1 || { echo "fuzz/run.sh: clang is needed" >&2; exit 2; }
if [ ! -f "$build/CMakeCache.txt" ]; then
	CC=clang cmake -S "$root" -B "$build" -DISMSNAV_FUZZ=ON -DISMSNAV_TESTS=OFF \
		-DISMSNAV_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
fi
for t in $run; do
	cmake --build "$build" --target "fuzz_$t" -j2 >"$build/fuzz-build.log" 2>&1 || {
		cat "$build/fuzz-build.log" >&2
		echo "fuzz/run.sh: building fuzz_$t failed" >&2
		exit 2
	}
done

# The last status line libFuzzer printed ("#123 ... cov: 1 ft: 2 corp: ...")
# and its final statistics give the figures for the summary.
field() { # field NAME LINE: the word after NAME in LINE
	echo "$2" | sed -n "s/.* $1: *\([^ ]*\).*/\1/p"
}

dict_for() {
	case $1 in
	entry | layout | links) echo markdown ;;
	csv | reg) echo csv ;;
	*) echo "$1" ;;
	esac
}

summary=
failed=0
for t in $run; do
	corpus=$work/$t
	artifacts=$work/artifacts/$t
	log=$work/$t.log
	mkdir -p "$corpus" "$artifacts"
	set -- "$corpus" "$here/corpus/$t"
	[ -d "$here/regressions/$t" ] && set -- "$@" "$here/regressions/$t"
	set -- "-dict=$here/$(dict_for "$t").dict" "$@"
	echo "== fuzz_$t for ${seconds}s (log: $log)"
	"$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=1 -rss_limit_mb="$rss" -max_len="$max_len" \
		-artifact_prefix="$artifacts/" -print_final_stats=1 "$@" >"$log" 2>&1
	rc=$?
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(field cov "$last")
	ft=$(field ft "$last")
	files=$(find "$corpus" -type f | wc -l)
	bytes=$(du -sk "$corpus" | cut -f1)
	if [ $rc -eq 0 ]; then
		status=clean
	else
		status="FAILED (exit $rc)"
		failed=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|.*runtime error|artifact_prefix|Test unit written)' \
			"$log" | head -n 12
	fi
	echo "   $status"
	summary="$summary$(printf '%-7s %-18s execs %-10s exec/s %-6s cov %-5s ft %-6s corpus %s files, %s KiB' \
		"$t" "$status" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$files" "$bytes")
"
done
echo
echo "== summary (${seconds}s per target; scratch corpus in $work)"
printf '%s' "$summary"
exit $failed
