#!/bin/sh
# CLI tests of `ismsnav watch`: with a watcher running, searches still see
# every edit, addition and removal; a second watcher, extra arguments and
# an index kept in memory are refused; SIGTERM and SIGINT stop it cleanly,
# removing its socket. Linux only (inotify): elsewhere `watch` must say so.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
unset ISMSNAV_CORPUS ISMSNAV_DB NO_COLOR
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cp -R "$tests/fixtures/search" "$work/c"
find "$work/c" -exec touch -d '-1 hour' {} +
run() { "$bin" --corpus "$work/c" "$@"; }

if [ "$(uname -s)" != Linux ]; then
	if run watch 2>"$work/err"; then bad "watch ran without inotify"; fi
	grep -q 'no inotify' "$work/err" && ok || bad "no reason given: $(cat "$work/err")"
	echo "cli watch: $pass passed, $fail failed (no inotify here)"
	[ "$fail" -eq 0 ]
	exit
fi

# start_: runs a watcher in the background and waits for its socket. It
# gets a process group of its own, as a shell with job control would give
# it: SIGTSTP cannot stop a process whose group has no parent in the
# session (as when the tests themselves run in the background).
start_() {
	perl -e 'setpgrp(0, 0); exec @ARGV or die "exec: $!"' -- \
		"$bin" --corpus "$work/c" watch 2>"$work/watch.err" &
	pid=$!
	i=0
	while [ $i -lt 200 ]; do
		ls "$work"/cache/ismsnav/search-*.sock >/dev/null 2>&1 && return 0
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	bad "the watcher did not start: $(cat "$work/watch.err")"
	return 1
}

# stop_ SIGNAL: stops the watcher; it must exit 0 and remove its socket.
stop_() {
	kill -"$1" "$pid"
	if wait "$pid"; then ok; else bad "watch exited $? on SIG$1"; fi
	pid=
	if ls "$work"/cache/ismsnav/search-*.sock >/dev/null 2>&1; then
		bad "the socket was left after SIG$1"
	else ok; fi
}

# finds_ QUERY ID: the first hit of QUERY is ID.
finds_() {
	got=$(run search "$1" 2>"$work/search.err" | cut -f1 | head -n 1)
	[ "$got" = "$2" ] && ok || bad "search '$1' gave '$got', not '$2' ($(cat "$work/search.err"))"
}
finds_nothing_() {
	if run search "$1" >"$work/out" 2>&1; then bad "search '$1' found: $(cat "$work/out")"; else ok; fi
}

start_ || exit 1
grep -q 'watching the corpus for changes (2 folders)' "$work/watch.err" && ok ||
	bad "no greeting: $(cat "$work/watch.err")"
finds_nothing_ zeppelins
finds_nothing_ zeppelins

# an edit in place, a new file in a new folder, a removal
sed 's/^An internal audit checks/Zeppelins check/' "$work/c/b-audit.md" >"$work/tmp"
cat "$work/tmp" >"$work/c/b-audit.md"
finds_ zeppelins Q002
mkdir "$work/c/new"
finds_nothing_ hangar
printf 'id: Q8\nquery: Where is the hangar?\n---\nThere.\n' >"$work/c/new/h.md"
finds_ hangar Q008
rm "$work/c/new/h.md"
finds_nothing_ hangar
finds_ zeppelins Q002

# one watcher per corpus; no arguments
if run watch 2>"$work/err"; then bad "a second watcher ran"; fi
grep -q "another 'ismsnav watch' is watching this corpus" "$work/err" && ok ||
	bad "second watcher: $(cat "$work/err")"
run watch now 2>"$work/err"
[ $? -eq 2 ] && grep -q "unexpected argument 'now'" "$work/err" && ok ||
	bad "extra argument: $(cat "$work/err")"

# Ctrl-Z: a suspended watcher takes its socket away, so that no start
# waits for it; it comes back, and counts what changed meanwhile
kill -TSTP "$pid"
i=0
while [ $i -lt 100 ] && ls "$work"/cache/ismsnav/search-*.sock >/dev/null 2>&1; do
	sleep 0.1; i=$((i + 1))
done
state=$(ps -o stat= -p "$pid")
case $state in T*) ok ;; *) bad "not suspended by SIGTSTP: '$state'" ;; esac
if ls "$work"/cache/ismsnav/search-*.sock >/dev/null 2>&1; then
	bad "a suspended watcher kept its socket"
else ok; fi
sed 's/^Zeppelins check/Balloons check/' "$work/c/b-audit.md" >"$work/tmp"
cat "$work/tmp" >"$work/c/b-audit.md"
finds_ balloons Q002
sed 's/^Balloons check/Kites check/' "$work/c/b-audit.md" >"$work/tmp"
cat "$work/tmp" >"$work/c/b-audit.md"
kill -CONT "$pid"
i=0
while [ $i -lt 100 ] && ! ls "$work"/cache/ismsnav/search-*.sock >/dev/null 2>&1; do
	sleep 0.1; i=$((i + 1))
done
finds_ kites Q002
finds_ kites Q002
stop_ TERM

# without a watcher, the same answers
finds_ kites Q002
start_ && stop_ INT

# an index that cannot be kept in a file
: >"$work/file"
if XDG_CACHE_HOME="$work/file" run watch 2>"$work/err"; then bad "watched an index in memory"; fi
grep -q 'kept in memory' "$work/err" && ok || bad "in memory: $(cat "$work/err")"

echo "cli watch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
