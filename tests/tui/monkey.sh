#!/bin/sh
# Monkey test of the terminal UI: drives the real binary in tmux with a
# seeded storm of keys (every key of src/tui/keys.def, random bytes,
# escape sequences, Unicode text) and window resizes from 1x1 to 300x100,
# steering now and then into each view (list, answer, help, trail, the
# clause index, registers, rows, forms, heat map, menus) so that all of
# them get hit.
# Passes when the program stays alive until told to quit, exits 0, leaves
# the terminal in cooked mode and its register database sound.
#
#   monkey.sh BINARY SOURCE_DIR (the project's top folder) [--keys N] [--seed S] [--long]
#
# --long (or MONKEY_LONG=1) sends 5000 keys; MONKEY_KEYS and MONKEY_SEED
# set the others. The seed is printed first: the same seed replays the
# same storm. Skips (exit 77) without tmux or sqlite3.
set -u
command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found: skipped"; exit 77; }
[ $# -ge 2 ] || { echo "usage: monkey.sh BINARY SOURCE_DIR [--keys N] [--seed S] [--long]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
shift 2
keys=${MONKEY_KEYS:-1000}
seed=${MONKEY_SEED:-$(date +%s)}
[ "${MONKEY_LONG:-0}" = 1 ] && keys=5000
while [ $# -gt 0 ]; do
	case $1 in
	--keys) keys=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--long) keys=5000; shift ;;
	*) echo "monkey.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
case $keys$seed in *[!0-9]*) echo "monkey.sh: --keys and --seed take numbers" >&2; exit 2 ;; esac

echo "monkey: seed $seed, $keys keys (replay: sh tests/tui/monkey.sh BINARY SOURCE_DIR --seed $seed --keys $keys)"

work=$(mktemp -d)
sock="ismsnav-monkey-$$"
export LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
unset NO_COLOR ISMSNAV_CORPUS ISMSNAV_DB
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
db="$work/registers.db"
plan="$work/plan"
screen="$work/screen"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- the plan: one step per line, drawn from the seed -------------------
#   K NAME      a key by its tmux name        L TEXT   literal text
#   H XX XX..   raw bytes                     R W H    resize the window
#   q           q, when it cannot quit        S VIEW   steer to a view
#   C           check the process, note the view
# Every key comes from keys.def except those that leave (q is guarded;
# Q and Ctrl-C only end the run; Ctrl-Z would stop the process). A
# Park-Miller generator keeps the plan the same under any awk.
awk -v seed="$seed" -v total="$keys" '
function rnd(n) { rs = (rs * 16807) % 2147483647; return rs % n }
function tmux_name(c,   m) {
	if (c ~ /^KEY_F\([0-9]+\)$/) { m = c; gsub(/[^0-9]/, "", m); return "K F" m }
	if (c in fkeys) return "K " fkeys[c]
	if (c ~ /^TK_CTRL\(.[a-z].\)$/) return "K C-" substr(c, 10, 1)
	if (c == "TK_ESC") return "K Escape"
	if (c == "127") return "K BSpace"
	if (c == "'"'"' '"'"'") return "K Space"
	if (c == "'"'"'\\n'"'"'") return "K C-j"
	if (c == "'"'"'\\r'"'"'") return "K Enter"
	if (c == "'"'"'\\t'"'"'") return "K Tab"
	if (c ~ /^'"'"'.'"'"'$/) return "L " substr(c, 2, 1)
	printf "monkey.sh: no tmux name for %s in keys.def: add one\n", c > "/dev/stderr"
	bad = 1
	return ""
}
BEGIN {
	rs = seed % 2147483646 + 1
	split("KEY_DOWN Down KEY_UP Up KEY_NPAGE NPage KEY_PPAGE PPage KEY_HOME Home " \
	      "KEY_END End KEY_ENTER KPEnter KEY_BTAB BTab KEY_BACKSPACE BSpace " \
	      "KEY_LEFT Left KEY_RIGHT Right", fk, " ")
	for (i = 1; i in fk; i += 2) fkeys[fk[i]] = fk[i + 1]
	for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
	nesc = split("\033[A|\033[1;5C|\033[3~|\033[2~|\033[5;3~|\033[15~|\033[24~|\033OP|" \
		"\033OH|\033[Z|\033[200~|\033[201~|\033[<0;5;5M|\033[<64;3;3M|\033[M #$|" \
		"\033[I|\033[O|\033[?1;2c|\033]11;rgb:0000/0000/0000\007|\033[9999;9999H|" \
		"\033[|\033O|\033\033|\033[1;2|\033[27;5;9~|\033P+\033\\|\033[6n|\033[>c|" \
		"\033[<35;1;1m|\033[[A|\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16~", esc, "|")
	ntext = split("é|ü|日本語|😀|👩‍💻|é|\342\200\213|שלום|ＡＢＣ|­|𝕏|Ω≈ç√|" \
		"\357\277\275|\316|risk|ISO 27001|A.5.15|R-001|2026-02-30|5|a.8.5 5.15|" \
		"Tmux risk ünïcode x; DROP TABLE risk;--|%s%n%x|\\\\|../../etc/passwd|" \
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|" \
		"ŕ̶̢͉a̴͇͝n̸̰͘d̵̰͌o̷̦͐m̵̱̓|  ", text, "|")
	nviews = split("list answer help trail menu register row add edit heat actions clauses", views, " ")
}
/^KEY\(/ {
	line = $0
	gsub(/"([^"\\]|\\.)*"/, "S", line)
	sub(/^KEY\(/, "", line); sub(/\)[ \t]*$/, "", line)
	n = split(line, f, /,[ \t]*/)
	for (i = 5; i <= n; i++) {
		if (f[i] == "'"'"'q'"'"'" || f[i] == "'"'"'Q'"'"'" || f[i] == "TK_CTRL('"'"'c'"'"')" ||
		    f[i] == "TK_CTRL('"'"'z'"'"')")
			continue
		k = tmux_name(f[i])
		if (k != "" && !(k in seen)) { seen[k] = 1; known[nknown++] = k }
	}
}
END {
	if (bad || nknown < 20) exit 1
	sent = 0; nextcheck = 25; v = 0
	print "S " views[1 + rnd(nviews)]
	while (sent < total) {
		p = rnd(100)
		if (p < 45) {                       # a key the UI knows
			print known[rnd(nknown)]; sent++
		} else if (p < 51) {                # q: closes views, guarded
			print "q"; sent++
		} else if (p < 61) {                # random bytes
			n = 1 + rnd(4); s = "H"
			for (i = 0; i < n; i++) {
				do b = rnd(256); while (b == 3 || b == 26 || b == 81 || b == 113)
				s = s sprintf(" %02x", b)
			}
			print s; sent += n
		} else if (p < 69) {                # an escape sequence, often cut short
			e = esc[1 + rnd(nesc)]; s = "H"
			for (i = 1; i <= length(e); i++) s = s sprintf(" %02x", ord[substr(e, i, 1)])
			print s; sent++
		} else if (p < 79) {                # text, Unicode and otherwise
			print "L " text[1 + rnd(ntext)]; sent++
		} else if (p < 84) {                # resize: tiny, ordinary or huge
			r = rnd(10)
			if (r < 3) print "R " 1 + rnd(45), 1 + rnd(12)
			else if (r < 8) print "R " 40 + rnd(121), 10 + rnd(41)
			else print "R " 200 + rnd(101), 60 + rnd(41)
		} else if (p < 88) {                # steer into the next view
			print "S " views[1 + v++ % nviews]; sent += 4
		} else {
			print known[rnd(nknown)]; sent++
		}
		if (sent >= nextcheck) { print "C"; nextcheck += 25 }
	}
}' "$src/src/tui/keys.def" >"$plan" || { echo "FAIL: cannot read the key table"; exit 1; }

# ---- the session ----------------------------------------------------------
cols=100 rows=30 pid="" fail=0 step=0
seen_views=""
"$bin" --db "$db" register >/dev/null || { echo "FAIL: cannot create $db"; exit 1; }
tm -f /dev/null new-session -d -s t -x $cols -y $rows \
	"cd '$work'; ulimit -c 0; '$bin' --corpus '$src/corpus' --db '$db' 2>'$work/stderr'; echo \"EXIT=\$?\"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo TTY-END; sleep 600"
tm set-option -t t -g window-size manual >/dev/null 2>&1
capture() { tm capture-pane -p -t t >"$screen" 2>/dev/null; }
die() {
	echo "FAIL: $1 (seed $seed, step $step)"
	echo "---- last steps of the plan:"
	sed -n "$((step > 30 ? step - 30 : 1)),${step}p" "$plan"
	echo "---- process $pid: $(ps -o stat=,args= -p "$pid" 2>/dev/null)"
	capture; echo "---- screen:"; cat "$screen"
	echo "---- stderr:"; cat "$work/stderr" 2>/dev/null
	exit 1
}
alive() {
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
	case $(ps -o stat= -p "$pid" 2>/dev/null) in T* | t* | Z*) return 1 ;; esac
}
# waits until the process has read every key and sits waiting for more:
# asleep in read(2) on its terminal, as /proc/PID/syscall shows (x86-64
# and arm64 numbers); the escape-delay wait for a key after Esc is a
# poll, and does not count. Where that file cannot be read, asleep twice
# in a row must do. Up to about 15 s: under valgrind a backlog takes time.
reading() {
	case $(ps -o stat= -p "$pid" 2>/dev/null) in S*) ;; *) return 1 ;; esac
	sc=$(cat "/proc/$pid/syscall" 2>/dev/null) || { sleep 0.03; ps -o stat= -p "$pid" | grep -q '^S'; return; }
	case $sc in "0 0x0 "* | "63 0x0 "*) return 0 ;; esac
	return 1
}
idle() {
	n=0
	sleep 0.05   # keys just sent may not have reached the program yet
	while [ $n -lt 300 ]; do
		reading && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.05; n=$((n + 1))
	done
	return 1
}
# the view named at the left of the status line, or nothing (a message or
# a prompt is shown there instead, or the window is too small)
view_now() {
	capture
	case $(tail -n 1 "$screen") in
	" List  "*) echo List ;;
	" Answer  "*) echo Answer ;;
	" Help  "*) echo Help ;;
	" Trail  "*) echo Trail ;;
	" Menu  "*) echo Menu ;;
	" Register  "*) echo Register ;;
	" Row  "*) echo Row ;;
	" Form  "*) echo Form ;;
	" Heat map  "*) echo Heat ;;
	" Clause index  "*) echo Clauses ;;
	esac
}
note_view() {
	[ -n "$1" ] || return 0
	case " $seen_views " in *" $1:"*) ;; *) seen_views="$seen_views $1:" ;; esac
	counts="$counts$1
"
}
counts=""
# q closes the view on top and quits from the list, and quits everywhere
# when the window is too small: sent only when the screen shows, once the
# process is idle, a view above the list.
guarded_q() {
	[ "$cols" -ge 40 ] && [ "$rows" -ge 10 ] || return 1
	idle || return 1
	v=$(view_now)
	case $v in "" | List) return 1 ;; esac
	tm send-keys -t t q
}
esc() { tm send-keys -t t Escape; sleep 0.04; }
resize() {
	cols=$1 rows=$2
	tm resize-window -t t -x "$cols" -y "$rows" >/dev/null 2>&1
}
steer() {
	[ "$cols" -ge 40 ] && [ "$rows" -ge 12 ] || resize $((40 + step % 120)) $((12 + step % 40))
	esc; esc; esc
	case $1 in list | answer | actions)
		i=0
		while [ $i -lt 4 ]; do
			idle || break
			[ "$(view_now)" = List ] && break
			guarded_q; i=$((i + 1))
		done ;;
	esac
	case $1 in
	list) ;;
	answer) tm send-keys -t t Enter ;;
	actions) tm send-keys -t t Enter a ;;
	help) tm send-keys -t t '?' ;;
	trail) tm send-keys -t t t ;;
	menu) tm send-keys -t t r ;;
	register) tm send-keys -t t r $((1 + step % 4)) ;;
	row) tm send-keys -t t r $((1 + step % 4)) Enter ;;
	add) tm send-keys -t t r $((1 + step % 4)) a ;;
	edit) tm send-keys -t t r $((1 + step % 4)) e ;;
	heat) tm send-keys -t t r 5 ;;
	clauses) tm send-keys -t t c ;;
	esac
	idle && note_view "$(view_now)"
}

i=0
while [ -z "$pid" ] && [ $i -lt 100 ]; do
	pp=$(tm display -p -t t '#{pane_pid}' 2>/dev/null)
	[ -n "$pp" ] && pid=$(pgrep -P "$pp" | head -1)   # ismsnav, or valgrind running it
	[ -n "$pid" ] || sleep 0.1
	i=$((i + 1))
done
[ -n "$pid" ] || die "the program did not start"
i=0
while [ "$(view_now)" != List ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
note_view "$(view_now)"
# first a regression: after an invalid UTF-8 sequence (E4 ED) ncurses'
# get_wch swallowed every key that followed
tm send-keys -t t -H e4 ed df 80
tm send-keys -t t '?'
idle
[ "$(view_now)" = Help ] || die "the keys after invalid UTF-8 were lost"
esc
start=$(date +%s)

batch=""
flush() { [ -z "$batch" ] || tm send-keys -t t $batch; batch=""; }
while IFS= read -r line; do
	step=$((step + 1))
	case $line in
	"K "*) batch="$batch ${line#K }"
	       case $batch in *" "*" "*" "*" "*" "*" "*) flush ;; esac
	       continue ;;
	esac
	flush
	case $line in
	"L "*) tm send-keys -t t -l -- "${line#L }" ;;
	"H "*) tm send-keys -t t -H ${line#H } ;;
	"R "*) set -- ${line#R }; resize "$1" "$2" ;;
	q) guarded_q ;;
	"S "*) steer "${line#S }" ;;
	C) alive || die "the program died or stopped"
	   note_view "$(view_now)" ;;
	esac
done <"$plan"
flush
alive || die "the program died or stopped"

# ---- quit: close what is open, then Q -------------------------------------
# The pane's shell says when the program has ended (LeakSanitizer or
# valgrind may take a while over the exit). Random bytes must not have
# left anything that swallows these keys: a half-sent UTF-8 character once
# did, in ncurses' get_wch.
resize 100 30
idle   # the keys still queued are read first
esc; esc; esc
tm send-keys -t t Q
i=0
while [ $i -lt 300 ]; do
	capture
	grep -q TTY-END "$screen" && break
	sleep 0.2; i=$((i + 1))
done
grep -q TTY-END "$screen" || die "Q did not quit"
grep -q "EXIT=0" "$screen" || die "the exit status is not 0"
grep -q "icanon echo TTY-END" "$screen" || die "the terminal was not restored"
check=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
[ "$check" = ok ] || die "the register database is damaged: $check"

echo "monkey: views seen:$(printf '%s' "$counts" | sort | uniq -c | awk '{ n = $1; $1 = ""; printf " %s=%d", substr($0, 2), n }')"
# MONKEY_VIEWS=0 only lists them (under valgrind, where the program lags
# far behind the keys and steering is less sure to land)
[ "${MONKEY_VIEWS:-1}" = 0 ] ||
for v in List Answer Help Trail Register Form; do
	case " $seen_views " in *" $v:"*) ;; *) echo "FAIL: the $v view was never reached"; fail=1 ;; esac
done
rows_now=$(sqlite3 "$db" 'SELECT (SELECT count(*) FROM risk)' 2>/dev/null)
echo "monkey: $step steps, $keys keys in $(( $(date +%s) - start )) s; risks now $rows_now; database ok; exit 0; terminal restored"
[ $fail -eq 0 ]
