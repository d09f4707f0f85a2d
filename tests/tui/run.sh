#!/bin/sh
# End-to-end test of the terminal UI: drives the real binary in tmux with
# send-keys and reads the screen with capture-pane. Skips (exit 77) when
# tmux is not installed.
set -u
command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2/fixtures" && pwd)
run=0
sock="ismsnav-test-$$-$run"
screen=$(mktemp)
cache=$(mktemp -d)
pass=0 fail=0
export LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="$cache"
unset NO_COLOR ISMSNAV_CORPUS
. "$(dirname "$0")/lib.sh"
cleanup() { tm kill-server 2>/dev/null; rm -rf "$screen" "$cache"; }

trap cleanup EXIT INT TERM

# start [ARGS...]: runs ismsnav in a fresh 100x30 session; when it exits
# the pane prints its status and whether the tty is back in cooked mode.
start() {
	tm kill-server 2>/dev/null
	run=$((run + 1)); sock="ismsnav-test-$$-$run"   # a fresh server each time
	tm -f /dev/null new-session -d -s t -x 100 -y 30 ${START_ENV:+-e "$START_ENV"} \
		"cd '$fixtures'; '$bin' $*; echo \"EXIT=\$?\"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' '; echo TTY-END; sleep 60"
	tm set-option -t t -g window-size manual 2>/dev/null
}

start --corpus corpus
expect "list opens"            "4/4 questions"
expect "list shows questions"  "Q003  Which entries form a range?"
keys / w i d e
expect "filter as you type"    "1/4 questions"
expect_not "filter hides others" "Q002  How do chains work?"
keys Escape
expect "Esc clears the filter" "4/4 questions"
keys / w i d e Enter
expect "filter Enter opens"    "Wide text:"
keys Enter
expect "answer header"         "Q003  Which entries form a range?"
keys 2
expect "digit follows"         "Q002  How do chains work?"
expect "breadcrumb"            "Q003 › Q002"
keys 1
expect "a chain of three"      "Q003 › Q002 › Q001"
keys 4
expect "missing follow-up"     "not in this corpus"
expect "stays on the answer"   "Q001  What is a fixture entry for?"
keys h
expect "back with h"           "Q002  How do chains work?"
keys BSpace
expect "back with Backspace"   "Q003  Which entries form a range?"
keys l
expect "forward with l"        "Q002  How do chains work?"
keys Right
expect "forward with Right"    "Q001  What is a fixture entry for?"
keys Left
expect "back with Left"        "Q002  How do chains work?"
keys Tab Enter
expect "Tab selects a link, Enter follows" "Q001  What is a fixture entry for?"
tm resize-window -t t -x 50 -y 20; sleep 0.3
expect "resize re-wraps"       "Q001  What is a fixture entry"
fits "resize to 50 columns" 50
tm resize-window -t t -x 30 -y 8; sleep 0.3
expect "too small notice"      "too small"
tm resize-window -t t -x 100 -y 30; sleep 0.3
expect "back to full size"     "Q001  What is a fixture entry for?"
keys t
expect "trail lists the steps" "Q003"
keys k k Enter
expect "trail jumps"           "Which entries form a range?"
keys '?'
expect "help from the key table" "Follow the follow-up with that number"
keys q
expect "help closes"           "Q003  Which entries form a range?"
keys q
expect "q closes the answer, the filter is kept" "1/4 questions"
keys q
expect "q quits from the list" "EXIT=0"
expect "terminal restored"     "icanon echo TTY-END"

start --corpus corpus
expect "second start"          "4/4 questions"
keys C-c
expect "Ctrl-C quits cleanly"  "EXIT=0"
expect "terminal restored after Ctrl-C" "icanon echo TTY-END"

for sig in TERM HUP SEGV ABRT; do
	start --corpus corpus
	expect "start for SIG$sig"  "4/4 questions"
	pid=$(pgrep -f "^$bin --corpus corpus" | head -1)
	kill -"$sig" "$pid"
	expect "terminal restored after SIG$sig" "icanon echo TTY-END"
done

# colour: the default theme uses colours, NO_COLOR only attributes
colours() { tm capture-pane -e -p -t t | grep -cE "$(printf '\033')\\[([0-9]+;)*(3[0-7]|4[0-7]|9[0-7]|38;5;[0-9]+)(;[0-9]+)*m"; }
start --corpus corpus
expect "default theme starts"  "4/4 questions"
keys Enter
expect "default theme answer"  "Q001  What is a fixture entry for?"
if [ "$(colours)" -gt 0 ]; then ok; else bad "the default theme draws in colour"; fi
keys Q
START_ENV=NO_COLOR=1 start --corpus corpus
expect "NO_COLOR starts"       "4/4 questions"
keys Enter
expect "NO_COLOR answer"       "Q001  What is a fixture entry for?"
if [ "$(colours)" -eq 0 ]; then ok; else bad "NO_COLOR draws in colour"; fi
keys Q

start --corpus corpus --theme contrast
expect "contrast theme starts" "4/4 questions"
keys q
expect "contrast theme quits"  "EXIT=0"

# ---- registers: from an answer's action into the risk register, the form,
# the heat map cell filter, edit and delete with confirmation ----
db=$(mktemp -d)/reg.db
trap 'cleanup; rm -rf "$(dirname "$db")"' EXIT INT TERM
start --corpus registers --db "$db"
expect "registers corpus"      "2/2 questions"
keys Enter
expect "answer lists actions"  "Open Risk Register"
keys a
expect "a lists the actions"   "Start the fixture workflow"
keys 2
expect "unknown register"      "There is no register 'ledger'"
keys a 3
expect "workflow not yet"      "is not available yet"
keys a 1
expect "action opens the risk register" "Risk register"
expect "demo risks"            "R-015"
expect "row count"             "15/15 rows"
keys a
expect "a opens the form"      "New row of the Risk register"
keys j Enter
tm send-keys -t t -l "Tmux risk ünïcode 'x'; DROP TABLE risk;--"; sleep 0.1
keys Enter s
expect "required fields enforced" "Not saved: likelihood is required"
keys j j j j j j Enter
expect "ratings are picked"    "Likelihood (inherent)"
keys 5
keys j Enter 5
keys j j j j j Enter
tm send-keys -t t -l "2026-02-30"; sleep 0.1
keys Enter
expect "dates are checked"     "is not a date"
keys C-u
tm send-keys -t t -l "2027-01-31"; sleep 0.1
keys Enter j Enter
tm send-keys -t t -l "a.8.5 5.15"; sleep 0.1
keys Enter s
expect "the form saves"        "Saved R-016"
expect "the new row shows"     "R-016 Tmux risk"
keys q q
expect "quit after adding"     "EXIT=0"
start --corpus registers --db "$db"
expect "reopened"              "2/2 questions"
keys r
expect "r opens the switcher"  "Statement of Applicability"
keys 1
expect "switcher opens a register" "16/16 rows"
keys / T m u x Enter
expect "the added risk is still there" "1/16 rows"
expect "stored verbatim"       "Tmux risk ünïcode"
keys Enter
expect "detail shows every field" "Likelihood (residual)"
expect "controls normalised"   "5.15, 8.5"
keys Tab Enter
expect "a link opens the linked rows" "Annex A controls of R-016"
keys h
expect "back to the risks"     "Risk register"
keys Escape m
expect "heat map"              "Risk heat map (inherent)"
keys k k l l Enter
expect "cell filter"           "likelihood 5, impact 5"
expect "cell shows its risks"  "1/16 rows"
expect "the 5x5 risk"          "R-016"
keys Enter e
expect "edit opens the form"   "Editing R-016"
keys Enter C-u
tm send-keys -t t -l "Renamed risk"; sleep 0.1
keys Enter s
expect "edit saves"            "Saved R-016"
expect "the row view shows the change" "Renamed risk"
keys d
expect "delete asks"           "Delete R-016?"
keys n
expect "any key keeps it"      "Nothing was deleted"
keys d y
expect "delete confirmed"      "Deleted R-016"
keys r 3
expect "SoA from the switcher" "Statement of Applicability"
keys Enter
expect "an SoA row links to answers" "Answer Q701"
keys Tab Tab Enter
expect "a cited question opens" "Q702  Which policy sets the rules"
keys h
expect "back from the answer to the SoA" "Statement of Applicability"
keys q q
expect "quit after deleting"   "EXIT=0"
expect "terminal restored after the registers" "icanon echo TTY-END"
if "$bin" --db "$db" register risk --format csv | grep -q "R-016"; then
	bad "the deleted row is gone from the file"
else
	ok
fi

# --demo: changes vanish with the program
start --corpus registers --demo
expect "demo starts"           "2/2 questions"
keys r 4
expect "assets register"       "A-012"
keys a j Enter
tm send-keys -t t -l "Demo-only asset"; sleep 0.1
keys Enter j Enter 1 s
expect "demo add"              "Saved A-013"
keys q q
start --corpus registers --demo
keys r 4
expect "demo reopened"         "12/12 rows"
keys Q

# ---- search as you type, reloading, files broken while running ----
# (a corpus copied into a temporary folder, so files can change under it)
srch=$(mktemp -d)
trap 'cleanup; rm -rf "$(dirname "$db")" "$srch"' EXIT INT TERM
export XDG_DATA_HOME="$srch/data"
unset ISMSNAV_DB
cp -R "$fixtures/search" "$srch/corpus"
find "$srch/corpus" -exec touch -d '-1 hour' {} +
esc=$(printf '\033')
start --corpus "$srch/corpus" --demo
expect "search corpus"         "7/7 questions"
keys /
tm send-keys -t t -l "how often should we review access"; sleep 0.3
expect "plain words are searched" "Search: how often should we review access"
capture
if sed -n 2p "$screen" | grep -q "Q001 *How do we review access rights?"; then ok; else bad "the best answer is ranked first"; fi
if sed -n 3p "$screen" | grep -q "Owners review who has access"; then ok; else bad "a snippet line under the result"; fi
if tm capture-pane -e -p -t t | sed -n 3p | grep -qE "${esc}\[[0-9;]*7m(${esc}\[[0-9;]*m)*review"; then ok
else bad "the matched words are highlighted"; fi
expect "register rows too"     "Insider misuse of production access"
keys Down Up Enter
expect "Enter opens the answer" "Q001  How do we review access rights?"
keys q
expect "coming back keeps the query" "search: how often should we review access"
expect "and the results"       "Owners review who has access"
keys Down Enter
expect "the kept selection opens" "Q007  Which controls protect source code?"
keys q Escape
expect "Esc clears the search" "7/7 questions"
if tm capture-pane -e -p -t t | grep "Q007" | grep -q "${esc}\[[0-9;]*7m"; then ok
else bad "the entry selected among the results stays selected"; fi
keys /
tm send-keys -t t -l "audit AND OR"; sleep 0.3
expect "a note on how the query was read" "searched for the words instead"
keys C-u l e a v e r
expect "a risk row is found"   "R-008"
expect "marked by its kind"    "risk"
keys Enter
expect "Enter opens the register narrowed to the row" "1/15 rows"
expect "the row is shown"      "Leaver"
keys q / C-u
tm send-keys -t t -l "heat map"; sleep 0.3
expect "a screen is found by name" "screen"
keys Enter
expect "Enter opens the screen" "Risk heat map (inherent)"
keys q q / C-u
tm send-keys -t t -l "statement of applicability"; sleep 0.3
keys Enter
expect "the SoA by its name"   "93/93 rows"
keys q / C-u
tm send-keys -t t -l "clause index"; sleep 0.3
keys Enter
expect "the clause index by its name" "ISO27001:2022  9 references"
keys q Q

# narrow and short: two lines a result, nothing drawn past the screen
start --corpus "$srch/corpus" --demo
expect "before resizing"       "7/7 questions"
tm resize-window -t t -x 40 -y 10; sleep 0.3
keys / a c c e s s
expect "results at 40 columns" "Q001"
fits "search results at 40 columns" 40
capture
if [ "$(wc -l <"$screen")" -le 10 ]; then ok; else bad "search results fit 10 lines"; fi
keys Q

# the registers are searched only where they exist: no file is made
start --corpus "$srch/corpus"
keys / r i s k
expect "screens without a database" "Risk register"
expect_not "no rows without a database" "R-0"
keys Q
sleep 0.2
if [ -e "$srch/data/ismsnav/registers.db" ]; then bad "searching made no register file"; else ok; fi

# an edit in place made while the navigator was closed (the folder keeps
# its times) shows at the next start: the heads are read again once the
# files' check finds it
start --corpus "$srch/corpus"
expect "before an edit in place" "How should the organization classify information?"
keys Q
sed 's/classify information?/classify and label information?/' "$srch/corpus/c-classify.md" >"$srch/edit.tmp"
cat "$srch/edit.tmp" >"$srch/corpus/c-classify.md"
touch -d '-1 hour' "$srch/corpus/c-classify.md"
start --corpus "$srch/corpus"
expect "the edit at the next start" "Q003  How should the organization classify and label information?"
keys Q

# R picks up an edited file; a file broken while running is a message
start --corpus "$srch/corpus"
expect "before the edit"       "Q001  How do we review access rights?"
sed -i 's/How do we review access rights?/How often do we review access rights?/' "$srch/corpus/a-access.md"
keys R
expect "R says what changed"   "Reloaded: 1 changed, 0 added, 0 removed"
expect "R shows the edit"      "Q001  How often do we review access rights?"
keys Down
printf 'id: Q2\nquery: [broken\n---\nx\n' >"$srch/corpus/b-audit.md"
keys Enter
expect "a broken file is named with its line" "b-audit.md:3:"
expect "the head is still shown" "Q002  What is an internal audit?"
expect "and the answer is said to be missing" "could not be read from its file"
keys q R
expect "R counts the broken file" "1 file skipped"
expect_not "and drops its entry" "Q002"
rm "$srch/corpus/f-programme.md"
keys R
expect "a removed file"        "0 added, 1 removed"
keys q
expect "quits cleanly after all that" "EXIT=0"
expect "and says what was skipped" "1 problem in the corpus"

# with `ismsnav watch` running (Linux): the navigator starts without
# checking each file, and R still finds an edit
if [ "$(uname -s)" = Linux ]; then
	"$bin" --corpus "$srch/corpus" watch 2>"$srch/watch.err" &
	wpid=$!
	i=0
	while [ $i -lt 200 ] && ! ls "$cache"/ismsnav/search-*.sock >/dev/null 2>&1; do
		sleep 0.1; i=$((i + 1))
	done
	start --corpus "$srch/corpus"
	expect "watched: the list"   "Q001  How often do we review access rights?"
	sed -i 's/How often do we review/When do we review/' "$srch/corpus/a-access.md"
	keys R
	expect "watched: R finds the edit" "changed, 0 added, 0 removed"
	expect "watched: the edit shown" "Q001  When do we review access rights?"
	keys q
	expect "watched: quits cleanly" "EXIT=0"
	kill "$wpid"
	if wait "$wpid"; then ok; else bad "the watcher exited $?: $(cat "$srch/watch.err")"; fi
fi

echo "tui: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
