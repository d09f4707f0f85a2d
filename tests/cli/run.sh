#!/bin/sh
# CLI tests: run ismsnav commands and compare stdout, stderr and the exit
# status with the files in tests/cli/expected/. Regenerate them after an
# intended change with:  UPDATE=1 sh tests/cli/run.sh build/ismsnav tests
# and review the diff.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
expected="$tests/cli/expected"
samples="$tests/../../shared/samples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache"
unset ISMSNAV_CORPUS NO_COLOR
pass=0 fail=0

# case NAME CMD...: runs CMD in the fixtures folder, compares the transcript.
case_() {
	name=$1; shift
	out="$work/$name.out"
	(cd "$tests/fixtures" && "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
	 echo "exit $?" >"$work/status")
	{ printf '$'; for a in "$@"; do printf ' %s' "$a"; done; printf '\n'
	  cat "$work/stdout"; echo "--- stderr"; cat "$work/stderr"; cat "$work/status"
	} | sed "s|$bin|ismsnav|g; s|$work|WORK|g" >"$out"
	if [ "${UPDATE:-}" = 1 ]; then
		mkdir -p "$expected"; cp "$out" "$expected/$name.out"
	fi
	if diff -u "$expected/$name.out" "$out" >"$work/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $name"; cat "$work/diff"
	fi
}

# check_ NAME CONDITION-DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check_() {
	name=$1; shift
	if (cd "$tests/fixtures" && eval "$*") >"$work/check" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $name: $*"; cat "$work/check"
	fi
}

case_ list            "$bin" --corpus corpus list
case_ list-ref        "$bin" --corpus corpus list --ref ISO27001:2022/6
case_ list-ref-exact  "$bin" --corpus corpus list --ref=ISO27001:2022/6.1.2
case_ list-pack-tag   "$bin" --corpus corpus list --pack TEST:1 --tag register
case_ list-env        env ISMSNAV_CORPUS=corpus/sub:format "$bin" list
case_ list-bad-option "$bin" --corpus corpus list --colour
case_ list-one-missing "$bin" --corpus no/such --corpus corpus list --pack TEST:2
case_ list-broken     "$bin" --corpus broken list
case_ show-60         "$bin" --corpus corpus show Q1 --width 60
case_ show-24         "$bin" --corpus corpus show q003 --width=24 --plain
case_ show-narrow     "$bin" --corpus corpus show Q2 --width 12
case_ show-color      "$bin" --corpus corpus show Q2 --width 50 --color
case_ show-missing    "$bin" --corpus corpus show Q9
case_ show-one-missing "$bin" --corpus no/such --corpus corpus/sub show Q2 --width 40
case_ show-no-corpus  "$bin" --corpus no/such show Q2
case_ show-bad-id     "$bin" --corpus corpus show banana
case_ show-no-id      "$bin" --corpus corpus show
case_ show-bad-width  "$bin" --corpus corpus show Q1 --width 0
case_ check-corpus    "$bin" check corpus
case_ check-strict    "$bin" check --strict corpus
case_ check-broken    "$bin" check broken
case_ check-format    "$bin" check --strict format
case_ check-file      "$bin" check broken/wrong-type.md
case_ check-missing   "$bin" check no/such/folder
case_ no-terminal     "$bin" --corpus corpus
case_ bad-theme       "$bin" --theme neon list
case_ unknown-command "$bin" frobnicate
case_ version         "$bin" --version

# A file over the size limit is refused, and the rest still loads.
mkdir -p "$work/big"
{ printf 'id: Q1\nquery: big\n---\n'; head -c 1048577 /dev/zero | tr '\0' x; } >"$work/big/big.md"
cp "$tests/fixtures/corpus/sub/b-second.md" "$work/big/"
case_ check-too-big   "$bin" check "$work/big"

# Every line of `show` fits the width, at many widths.
for w in 1 2 5 13 40 80 132; do
	check_ "show-fits-$w" "\"$bin\" --corpus corpus show Q3 --width $w | wc -L | awk '\$1 > $w { exit 1 }'"
done
check_ help-mentions-commands "\"$bin\" --help | grep -q 'ismsnav check'"
check_ pipe-is-plain "! \"$bin\" --corpus corpus show Q1 | grep -q \"\$(printf '\\033')\""

# `show` opens only the files it needs through the ID cache; the cache must
# never show a stale answer: a new file, a file renamed or edited in place
# to another ID, and a damaged cache file are all noticed.
cp -R "$tests/fixtures/corpus" "$work/live"
check_ cache-first-show   "\"$bin\" --corpus \"$work/live\" show Q2 | grep -q 'How do chains work'"
check_ cache-written      "ls \"$XDG_CACHE_HOME\"/ismsnav/ids-*.txt"
printf 'id: Q5\nquery: A new entry?\n---\nNew.\n' >"$work/live/sub/e-new.md"
check_ cache-new-file     "\"$bin\" --corpus \"$work/live\" show Q5 | grep -q 'A new entry'"
check_ cache-new-followup "\"$bin\" --corpus \"$work/live\" show Q2 | grep -q 'Q001  What is a fixture'"
printf 'id: Q6\nquery: Edited in place?\n---\nEdited.\n' >"$work/live/sub/e-new.md"
check_ cache-edited-id    "\"$bin\" --corpus \"$work/live\" show Q6 | grep -q 'Edited in place'"
check_ cache-old-id-gone  "\"$bin\" --corpus \"$work/live\" show Q5 2>&1 | grep -q 'Q005 is not in this corpus'"
for f in "$XDG_CACHE_HOME"/ismsnav/ids-*.txt; do printf 'garbage' >"$f"; done
check_ cache-damaged      "\"$bin\" --corpus \"$work/live\" show Q3 | grep -q 'Which entries form a range'"
check_ cache-read-only    "XDG_CACHE_HOME=/proc/ismsnav \"$bin\" --corpus \"$work/live\" show Q1 | grep -q 'fixture entry'"

# The bundled corpus passes its own check.
check_ bundled-corpus-strict "\"$bin\" check --strict >/dev/null"

# The user's samples load unchanged, wherever they are. Their prose is the
# user's, so only its shape is compared here, never the text.
if [ -d "$samples" ]; then
	check_ samples-check "\"$bin\" check \"$samples\" 2>/dev/null | grep -qx '3 questions, 0 errors, [0-9]* warnings'"
	check_ samples-list "\"$bin\" --corpus \"$samples\" list | cut -f1 | tr '\n' ' ' | grep -qx 'Q001 Q012 Q077 '"
	for w in 30 80; do
		check_ "samples-show-$w" "\"$bin\" --corpus \"$samples\" show Q012 --width $w | wc -L | awk '\$1 > $w { exit 1 }'"
	done
	check_ samples-followups "\"$bin\" --corpus \"$samples\" show Q012 | grep -c 'not in this corpus' | grep -qx 10"
else
	echo "samples folder absent: sample checks skipped"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
