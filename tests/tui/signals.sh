#!/bin/sh
# Signals and a lost terminal: the running navigator (on the list, on a
# register, in a form being typed into) is sent crash and termination
# signals, and its terminal is taken away; each time the terminal must be
# back in cooked mode, the exit status must name the signal, the register
# database must stay sound, and no process may be left behind spinning.
#
#   signals.sh BINARY SOURCE_DIR (the project's top folder)
#
# ISMSNAV_SANITIZED=1 says the binary runs under AddressSanitizer, whose
# own SIGSEGV handler reports the fault and ends the process its own way.
# Skips (exit 77) without tmux or sqlite3.
set -u
command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found: skipped"; exit 77; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d)
run=0
sock="ismsnav-signals-$$-$run"
screen="$work/screen"
db="$work/registers.db"
pass=0 fail=0
export LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
unset NO_COLOR ISMSNAV_CORPUS ISMSNAV_DB
pane=t:0
. "$(dirname "$0")/lib.sh"
cleanup() { tm kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

# start [PREFIX]: runs the navigator on the fixture corpus with the test's
# database in a fresh 100x30 session (PREFIX runs first in the pane's
# shell); when it exits the pane prints its status and the tty's modes.
pid=""
start() {
	tm kill-server 2>/dev/null
	run=$((run + 1)); sock="ismsnav-signals-$$-$run"
	: >"$work/stderr"
	rm -f "$work/status"
	tm -f /dev/null new-session -d -s t -x 100 -y 30 \
		"cd '$work'; ulimit -c 0; ${1:-}'$bin' --corpus '$src/tests/fixtures/registers' --db '$db' 2>>'$work/stderr'; s=\$?; echo \$s >'$work/status'; echo \"EXIT=\$s\"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo TTY-END; sleep 60"
	tm new-window -d -t t: "sleep 60"   # the server outlives the first pane
	pid="" i=0
	while [ -z "$pid" ] && [ $i -lt 50 ]; do
		pp=$(tm display -p -t t:0 '#{pane_pid}' 2>/dev/null)
		[ -n "$pp" ] && pid=$(pgrep -P "$pp" -x ismsnav | head -1)
		[ -n "$pid" ] || sleep 0.1
		i=$((i + 1))
	done
}
bad_extra() { echo "---- stderr:"; cat "$work/stderr"; }
sound() {
	r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	if [ "$r" = ok ]; then ok; else bad "$1: integrity_check says $r"; fi
}
# status SIG: the exit status the pane should print after SIG
status() {
	n=1   # kill -l turns numbers into names in every shell, not the reverse
	while [ $n -lt 65 ] && [ "$(kill -l $n 2>/dev/null)" != "$1" ]; do n=$((n + 1)); done
	case $1:${ISMSNAV_SANITIZED:-0} in
	SEGV:1) echo "EXIT=1 EXIT=134 EXIT=139" ;;   # ASan reports, then exits or aborts
	*) echo "EXIT=$((128 + n))" ;;
	esac
}
expect_status() {
	capture
	for want in $(status "$2"); do
		grep -qx -- "$want" "$screen" && { ok; return; }
	done
	bad "$1 (wanted: $(status "$2"))"
}
# ticks PID: user + system CPU time so far, in clock ticks
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
# gone NAME: no process of this test may remain 5 s after its terminal
# went away, nor burn more than half a second of CPU on the way out
gone() {
	t0=$(ticks "$pid"); t1=$t0 i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
		t=$(ticks "$pid"); [ -n "$t" ] && t1=$t
		sleep 0.1; i=$((i + 1))
	done
	hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	if pgrep -f -- "--db $db" >/dev/null; then
		bad "$1: still running 5 s after the terminal went away ($((t1 - t0)) ticks of CPU)"
		pkill -KILL -f -- "--db $db"
	elif [ $((t1 - t0)) -gt $((hz / 2)) ]; then
		bad "$1: used $((t1 - t0)) ticks of CPU after losing its terminal"
	else
		ok
	fi
}

"$bin" --db "$db" register >/dev/null || { echo "FAIL: cannot create $db"; exit 1; }

# ---- signals, in three places -------------------------------------------
# on the list; on a register's table (the database open); in a form with a
# field being typed into (cursor shown)
for sig in SEGV ABRT TERM HUP INT QUIT USR1; do
	for where in list register form; do
		start
		expect "SIG$sig/$where: starts" "2/2 questions"
		case $where in
		register) keys r 1; expect "SIG$sig/$where: risk register open" "15/15 rows" ;;
		form) keys r 1 a j Enter; tm send-keys -t t:0 -l "Half-typed ünï"; sleep 0.15
		      expect "SIG$sig/$where: typing in the form" "Half-typed ünï" ;;
		esac
		[ -n "$pid" ] || { bad "SIG$sig/$where: no process found"; continue; }
		kill -"$sig" "$pid"
		expect "SIG$sig/$where: the pane's shell runs again" "TTY-END"
		expect "SIG$sig/$where: terminal restored" "icanon echo TTY-END"
		expect_status "SIG$sig/$where: exit status" "$sig"
		[ "$where" = list ] || sound "SIG$sig/$where"
	done
done

# ---- a lost terminal --------------------------------------------------------
# The pane or the whole session is killed: the tty hangs up (SIGHUP), and
# with SIGHUP ignored (as under nohup) reading fails instead; either way
# the process must end.
for how in pane session; do
	for prefix in "" "trap '' HUP; "; do
		name="kill-$how${prefix:+, SIGHUP ignored}"
		start "$prefix"
		expect "$name: starts" "2/2 questions"
		keys r 1 a j Enter
		tm send-keys -t t:0 -l "Unsaved"; sleep 0.15
		expect "$name: typing in a form" "Unsaved"
		if [ -z "$pid" ]; then bad "$name: no process found"; continue; fi
		if [ "$how" = pane ]; then tm kill-pane -t t:0; else tm kill-session -t t; fi
		gone "$name"
		sound "$name"
		# with SIGHUP ignored the shell outlives the pane and tells how
		# the program ended: 1, the terminal was lost
		if [ -n "$prefix" ]; then
			i=0
			while [ ! -s "$work/status" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
			st=$(cat "$work/status" 2>/dev/null)
			if [ "$st" = 1 ]; then ok; else bad "$name: exit status '$st', wanted 1"; fi
		fi
	done
done

echo "signals: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
