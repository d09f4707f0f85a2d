#!/bin/sh
# Memcheck over ismsnav: the CLI golden tests (tests/cli/run.sh and
# tests/cli/search.sh, given a stand-in binary that runs the real one
# under valgrind), a scripted session of the navigator in tmux that goes
# through every view, and a short monkey storm. Any memory error, and any definite, indirect
# or possible leak not matched by ismsnav.supp, fails the run.
#
#   run.sh BINARY SOURCE_DIR [all|cli|tui|monkey|ci]
#
# all (the default) runs every CLI command under valgrind, the session,
# and tests/tui/monkey.sh with VG_MONKEY_KEYS (500) keys; ci runs every
# VG_EVERY-th (default 4th) CLI command under it and the rest directly,
# so that the transcripts are still all compared; cli, tui and monkey run
# one part.
# Skips (exit 77) without valgrind; the session needs tmux too.
set -u
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not found: skipped"; exit 77; }
[ $# -ge 2 ] || { echo "usage: run.sh BINARY SOURCE_DIR [all|cli|tui|monkey|ci]" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
mode=${3:-all}
case $mode in all | cli | tui | monkey | ci) ;; *) echo "run.sh: unknown mode $mode" >&2; exit 2 ;; esac
every=1
[ "$mode" = ci ] && every=${VG_EVERY:-4}
work=$(mktemp -d)
sock="ismsnav-valgrind-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 1' INT TERM
export LC_ALL=C.UTF-8
fail=0

# stand_in DIR: writes DIR/ismsnav, which runs the real binary under
# memcheck (every $every-th call; the others directly), one log per run
stand_in() {
	mkdir -p "$1/logs"
	echo 0 >"$1/count"
	cat >"$1/ismsnav" <<EOF
#!/bin/sh
n=\$(cat '$1/count'); echo \$((n + 1)) >'$1/count'
[ \$((n % $every)) -eq 0 ] || exec '$bin' "\$@"
# cli/run.sh holds locked.db for 5 s to see the program wait 2 s and give
# up; memcheck's start-up on a busy machine can outlast the lock
case " \$* " in *"/locked.db "*) exec '$bin' "\$@" ;; esac
exec valgrind -q --error-exitcode=99 --leak-check=full \\
	--show-leak-kinds=definite,indirect,possible \\
	--errors-for-leak-kinds=definite,indirect,possible \\
	--suppressions='$src/tests/valgrind/ismsnav.supp' \\
	--log-file='$1/logs/vg.%p.log' '$bin' "\$@"
EOF
	chmod +x "$1/ismsnav"
}
# reports NAME DIR: every non-empty log is a failure
reports() {
	runs=$(ls "$2/logs" | wc -l)
	bad=0
	for f in "$2"/logs/*.log; do
		[ -s "$f" ] || continue
		bad=$((bad + 1)); echo "---- valgrind, $1: $f"; cat "$f"
	done
	echo "valgrind: $1: $runs runs under memcheck, $bad with errors or leaks"
	[ $bad -eq 0 ] || fail=1
}

cli() {
	stand_in "$work/cli"
	stand_in "$work/search"
	start=$(date +%s)
	# the two suites share nothing: run them side by side
	sh "$src/tests/cli/run.sh" "$work/cli/ismsnav" "$src/tests" >"$work/cli.out" 2>&1 &
	p1=$!
	sh "$src/tests/cli/search.sh" "$work/search/ismsnav" "$src/tests" >"$work/search.out" 2>&1
	r2=$?
	wait $p1
	r1=$?
	for s in cli search; do grep -v '^SKIP' "$work/$s.out"; done
	[ $r1 -eq 0 ] && [ $r2 -eq 0 ] || fail=1
	reports "cli/run.sh" "$work/cli"
	reports "cli/search.sh" "$work/search"
	echo "valgrind: CLI tests took $(( $(date +%s) - start )) s"
}

# ---- the navigator, scripted ---------------------------------------------
tui() {
	command -v tmux >/dev/null 2>&1 || { echo "tmux not found: session skipped"; return; }
	every=1
	stand_in "$work/tui"
	screen="$work/screen"
	db="$work/tui/registers.db"
	pass=0 tfail=0
	start=$(date +%s)
	XDG_CACHE_HOME="$work/tui/cache" XDG_DATA_HOME="$work/tui/data" \
		"$bin" --db "$db" register >/dev/null
	tm -f /dev/null new-session -d -s t -x 100 -y 30 \
		"cd '$src/tests/fixtures'; XDG_CACHE_HOME='$work/tui/cache' XDG_DATA_HOME='$work/tui/data' '$work/tui/ismsnav' --corpus corpus --corpus registers --db '$db'; echo \"EXIT=\$?\"; sleep 600"
	tm set-option -t t -g window-size manual >/dev/null 2>&1
	capture() { tm capture-pane -p -t t >"$screen"; }
	# under memcheck everything is slow: wait up to 30 s
	expect() {
		i=0
		while [ $i -lt 300 ]; do
			capture
			grep -qF -- "$2" "$screen" && { pass=$((pass + 1)); return 0; }
			grep -q "^EXIT=" "$screen" && break   # ended too early
			sleep 0.1; i=$((i + 1))
		done
		tfail=$((tfail + 1)); echo "FAIL: session: $1 (wanted: $2)"
		echo "---- screen:"; cat "$screen"; echo "----"
		return 1
	}
	k() { tm send-keys -t t "$@"; sleep 0.3; }
	txt() { tm send-keys -t t -l "$1"; sleep 0.3; }
	expect "list"                 "questions" || { tm kill-server; reports "session" "$work/tui"; fail=1; return; }
	k / c h a i n;                expect "filter"          "1/6 questions"
	k Escape Enter;               expect "answer"          "Q001"
	k 1;                          expect "follow-up"       "›"
	k h l Tab Enter;              expect "links"           "Q001  What is a fixture entry for?"
	k /; txt "the"; k Enter n N;  expect "search"          "Answer"
	tm resize-window -t t -x 30 -y 8; sleep 0.5
	expect "too small" "too small"
	tm resize-window -t t -x 300 -y 100; sleep 0.5
	tm resize-window -t t -x 60 -y 20; sleep 0.5
	k t;                          expect "trail"           "Trail"
	k k Enter '?';                expect "help"            "Keys of ismsnav"
	k End q q;                    expect "back to the list" "questions"
	k r 1;                        expect "risk register"   "15/15 rows"
	k /; txt "cloud"; k Enter;    expect "row filter"      "rows"
	k Escape '>' '<' I m;         expect "heat map"        "Risk heat map"
	k i Enter;                    expect "cell"            "Register"
	k Escape Escape Enter;        expect "row"             "Row"
	k Tab Enter;                  expect "linked rows"     "Register"
	k h e;                        expect "edit form"       "Editing"
	k Enter C-u; txt "Renamed ünï risk"; k Enter s
	expect "saved"                "Saved"
	k a j Enter; txt "A new risk"; k Enter j j j j j j Enter 3 j Enter 4 s
	expect "added"                "Saved R-016"
	k d y;                        expect "deleted"         "Deleted"
	k a j Enter; txt "Thrown away"; k Enter Escape; expect "discarded" "Discarded"
	for r in 2 3 4; do k r "$r" Enter Escape; done
	expect "assets"               "Register"
	k r 5;                        expect "heat map from the switcher" "Risk heat map"
	k Q;                          expect "quits"           "EXIT="
	capture
	if grep -q "EXIT=0" "$screen"; then pass=$((pass + 1)); else
		tfail=$((tfail + 1)); echo "FAIL: session: exit status (99: memcheck found something)"
		cat "$screen"
	fi
	tm kill-server 2>/dev/null
	echo "valgrind: session: $pass passed, $tfail failed in $(( $(date +%s) - start )) s"
	[ $tfail -eq 0 ] || fail=1
	reports "session" "$work/tui"
}

# ---- the monkey storm, shorter ---------------------------------------------
monkey() {
	command -v tmux >/dev/null 2>&1 || { echo "tmux not found: monkey skipped"; return; }
	every=1
	stand_in "$work/monkey"
	start=$(date +%s)
	# the exit status 0 it checks becomes 99 when memcheck found something
	MONKEY_VIEWS=0 sh "$src/tests/tui/monkey.sh" "$work/monkey/ismsnav" "$src" --seed 27001 \
		--keys "${VG_MONKEY_KEYS:-500}" || fail=1
	reports "monkey" "$work/monkey"
	echo "valgrind: monkey took $(( $(date +%s) - start )) s"
}

case $mode in
all | ci) cli; tui; monkey ;;
cli) cli ;;
tui) tui ;;
monkey) monkey ;;
esac
[ $fail -eq 0 ]
