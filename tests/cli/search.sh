#!/bin/sh
# CLI tests of `search`, `refs` and `graph`: run the commands and compare
# stdout, stderr and the exit status with tests/cli/expected-search/.
# Regenerate after an intended change with:
#   UPDATE=1 sh tests/cli/search.sh build/ismsnav tests
# and review the diff.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
expected="$tests/cli/expected-search"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
unset ISMSNAV_CORPUS ISMSNAV_DB NO_COLOR
pass=0 fail=0

# case_ NAME CMD...: runs CMD in the fixtures folder, compares the transcript.
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

# check_ NAME COMMAND...: passes when COMMAND succeeds.
check_() {
	name=$1; shift
	if (cd "$tests/fixtures" && eval "$*") >"$work/check" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $name: $*"; cat "$work/check"
	fi
}

s="--corpus search"

# ---- search ----
case_ search-plain        "$bin" $s search how often should we review who has access
case_ search-json         "$bin" $s search --format json internal audit
case_ search-json-none    "$bin" $s search --format=json zeppelin
case_ search-limit        "$bin" $s search --limit 2 audit
case_ search-phrase       "$bin" $s search '"internal audit"'
case_ search-operators    "$bin" $s search 'audit NOT programme'
case_ search-prefix       "$bin" $s search 'classif*'
case_ search-spelling     "$bin" $s search organization behavior
case_ search-diacritics   "$bin" $s search Cafe zurich
case_ search-control      "$bin" $s search A.5.18
case_ search-clause       "$bin" $s search clause 9.2
case_ search-id           "$bin" $s search q7
case_ search-unclosed     "$bin" $s search '"unclosed'
case_ search-and-or       "$bin" $s search 'AND OR'
case_ search-star         "$bin" $s search '*'
case_ search-dash         "$bin" $s search -- -
case_ search-paren        "$bin" $s search '(audit'
case_ search-stop-words   "$bin" $s search how do we
case_ search-nothing      "$bin" $s search zeppelin
case_ search-no-query     "$bin" $s search
case_ search-bad-limit    "$bin" $s search --limit 0 audit
case_ search-bad-format   "$bin" $s search --format xml audit
case_ search-bad-option   "$bin" $s search --fuzzy audit
case_ search-broken       "$bin" --corpus broken search good entry
case_ search-one-missing  "$bin" --corpus no/such $s search internal audit
case_ search-no-corpus    "$bin" --corpus no/such search audit

# ---- refs ----
case_ refs-all            "$bin" $s refs
case_ refs-overlap        "$bin" $s refs A.8.2
case_ refs-clause         "$bin" $s refs 'clause 9.2'
case_ refs-standard       "$bin" $s refs ISO27001:2022/A.5
case_ refs-none           "$bin" $s refs 9.9
case_ refs-extra          "$bin" $s refs 9.2 9.3
case_ refs-fixtures       "$bin" --corpus corpus refs

# ---- graph ----
case_ graph-dot           "$bin" $s graph
case_ graph-tsv           "$bin" $s graph --format tsv
case_ graph-from          "$bin" $s graph --from Q7 --depth 2 --format tsv
case_ graph-from-dot      "$bin" $s graph --from=q2 --depth=1
case_ graph-from-missing  "$bin" $s graph --from Q99
case_ graph-depth-alone   "$bin" $s graph --depth 2
case_ graph-bad-depth     "$bin" $s graph --from Q1 --depth 0
case_ graph-bad-format    "$bin" $s graph --format svg
case_ graph-bad-id        "$bin" $s graph --from banana
if command -v dot >/dev/null 2>&1; then
	check_ graph-renders "\"$bin\" $s graph | dot -Tsvg | grep -q '<svg'"
	# the whole bundled graph takes dot minutes to lay out: a part of it
	check_ graph-renders-bundled "\"$bin\" graph --from Q001 --depth 2 | dot -Tsvg | grep -q 'Q001'"
else
	echo "SKIP: graph-renders: Graphviz (dot) is not installed"
fi

# ---- the cache ----
# A warm start prints the same; a damaged cache file is rebuilt; a cache
# folder that cannot be written gives the same answers from memory.
(cd "$tests/fixtures" && "$bin" $s search audit) >"$work/first" 2>&1
check_ cache-written      "ls \"$XDG_CACHE_HOME\"/ismsnav/search-*.db"
check_ cache-warm-same    "\"$bin\" $s search audit 2>&1 | cmp - \"$work/first\""
for f in "$XDG_CACHE_HOME"/ismsnav/search-*.db; do printf 'garbage' >"$f"; done
check_ cache-damaged      "\"$bin\" $s search audit 2>&1 | cmp - \"$work/first\""
check_ cache-read-only    "XDG_CACHE_HOME=/proc/ismsnav \"$bin\" $s search audit 2>&1 | cmp - \"$work/first\""
check_ cache-no-tmp-left  "! ls \"$XDG_CACHE_HOME\"/ismsnav | grep -q tmp"

# Files changed between runs are picked up: edited, added, removed.
cp -R "$tests/fixtures/search" "$work/live"
find "$work/live" -exec touch -d '-1 hour' {} +
"$bin" --corpus "$work/live" search audit >/dev/null 2>&1
printf 'id: Q2\nquery: What is an internal audit?\n---\nZeppelins inspect the hangar.\n' \
	>"$work/live/b-audit.md"
touch -d '-30 minutes' "$work/live/b-audit.md"
check_ live-edited        "\"$bin\" --corpus \"$work/live\" search zeppelins | grep -q '^Q002'"
printf 'id: Q8\nquery: Where are the airships?\n---\nIn the hangar.\n' >"$work/live/sub/h-new.md"
check_ live-added         "\"$bin\" --corpus \"$work/live\" search airships | grep -q '^Q008'"
rm "$work/live/b-audit.md"
check_ live-removed       "! \"$bin\" --corpus \"$work/live\" search zeppelins"
check_ live-refs          "\"$bin\" --corpus \"$work/live\" refs 9.2 | cut -f2 | tr '\\n' ' ' | grep -qx 'Q006 '"

echo "search: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
