#!/bin/sh
# Crash safety of the register file: a loop of `ismsnav register risk add`
# is killed with SIGKILL at random moments, round after round. After each
# round the file must pass SQLite's integrity check and hold every row
# whose add had reported success. Run:  sh tests/cli/crash.sh build/ismsnav
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

# The writer (run in its own session, so that one kill takes the loop and
# the ismsnav it is running): adds risks one after another and logs an ID
# only once the command has returned 0, that is once the change was
# confirmed to the user.
if [ "${2:-}" = --writer ]; then
	round=$3 db=$4 log=$5 n=0
	echo $$ >"$6" # a session leader: its process group has its PID
	while :; do
		n=$((n + 1))
		id=$("$bin" --db "$db" register risk add "title=crash $round.$n" likelihood=2 impact=3) &&
			echo "$id" >>"$log"
	done
fi

rounds=${CRASH_ROUNDS:-10}
work=$(mktemp -d)
group=
trap '[ -z "$group" ] || kill -s KILL -- "-$group" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache"
unset ISMSNAV_DB
db="$work/crash.db" log="$work/confirmed.log"
pass=0 fail=0
: >"$log"

for tool in sqlite3 setsid; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "crash: no $tool command; skipped"
		exit 77
	fi
done

# check_ NAME COMMAND...: passes when COMMAND succeeds.
check_() {
	name=$1; shift
	if eval "$*" >"$work/check" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: $name: $*"; cat "$work/check"
	fi
}

# A delay of 0.05 to 0.30 s, different in every round and every run.
delay() {
	awk -v seed="$1" 'BEGIN { srand(seed); printf "%.3f\n", 0.05 + rand() * 0.25 }'
}

# Every confirmed ID is in the register.
all_confirmed() {
	"$bin" --db "$db" register risk --format csv >"$work/rows.csv" || return 1
	grep -E '^R-[0-9]+,' "$work/rows.csv" | cut -d, -f1 | sort >"$work/present"
	missing=$(grep -E '^R-[0-9]+$' "$log" | sort | comm -23 - "$work/present")
	[ -z "$missing" ] || { echo "confirmed but missing: $missing"; return 1; }
}

r=1
while [ $r -le $rounds ] || { [ ! -s "$log" ] && [ $r -le $((rounds * 3)) ]; }; do
	rm -f "$work/writer.pid"
	setsid sh "$0" "$bin" --writer $r "$db" "$log" "$work/writer.pid" \
		</dev/null >/dev/null 2>"$work/writer.err" &
	pid=$!
	sleep "$(delay "$(date +%s)$$$r")"
	i=0
	while [ ! -s "$work/writer.pid" ] && [ $i -lt 50 ]; do
		sleep 0.1; i=$((i + 1))
	done
	group=$(cat "$work/writer.pid" 2>/dev/null)
	if [ -z "$group" ]; then
		kill -s KILL "$pid" 2>/dev/null
		fail=$((fail + 1)); echo "FAIL: round $r: the writer did not start"; cat "$work/writer.err"
		break
	fi
	kill -s KILL -- "-$group"
	wait "$pid" 2>/dev/null
	# the killed ismsnav may take a moment to be gone and drop its locks
	# (a sanitizer build's teardown is slow); the checks wait for locks too
	i=0
	while kill -s 0 -- "-$group" 2>/dev/null && [ $i -lt 20 ]; do
		sleep 0.1; i=$((i + 1))
	done
	check_ "round-$r-integrity" '[ ! -e "$db" ] || [ "$(sqlite3 -cmd ".timeout 2000" "$db" "PRAGMA integrity_check")" = ok ]'
	check_ "round-$r-confirmed" '[ ! -e "$db" ] || all_confirmed'
	check_ "round-$r-no-errors" '! grep -E "Sanitizer|runtime error|ismsnav:" "$work/writer.err"'
	r=$((r + 1))
done
confirmed=$(grep -cE '^R-[0-9]+$' "$log")
check_ some-adds-confirmed '[ "$confirmed" -gt 0 ]'
check_ foreign-keys '[ -z "$(sqlite3 -cmd ".timeout 2000" "$db" "PRAGMA foreign_key_check")" ]'
check_ still-writable '"$bin" --db "$db" register risk add title=after likelihood=1 impact=1'
echo "crash: $((r - 1)) rounds, $confirmed adds confirmed"
echo "crash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
