#!/bin/sh
# The clause index and the "Linked from" line of answers, driven in tmux
# on the small search corpus (tests/fixtures/search): expand a clause,
# read its counts and primary/overlap marks, open an entry, come back to
# the index as it was left, follow a backlink. Skips (exit 77) when tmux
# is not installed.
set -u
command -v tmux >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$2/fixtures" && pwd)
run=0
sock="ismsnav-clauses-$$-$run"
screen=$(mktemp)
tmp=$(mktemp -d)
pass=0 fail=0
export LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
unset NO_COLOR ISMSNAV_CORPUS
. "$(dirname "$0")/lib.sh"
cleanup() { tm kill-server 2>/dev/null; rm -rf "$screen" "$tmp"; }
trap cleanup EXIT INT TERM

# start [ARGS...]: ismsnav in a fresh 100x30 session on its own server.
start() {
	tm kill-server 2>/dev/null
	run=$((run + 1)); sock="ismsnav-clauses-$$-$run"
	tm -f /dev/null new-session -d -s t -x 100 -y 30 \
		"cd '$fixtures'; '$bin' $*; echo \"EXIT=\$?\"; sleep 60"
	tm set-option -t t -g window-size manual 2>/dev/null
}

start --corpus search
expect "list opens"               "7/7 questions"
keys c
expect "c opens the clause index" "Clause index: standards"
expect_line "ISO27001:2022" "9 references +10 \(7 primary, 3 overlap\)"
expect_not "standards start collapsed" "Internal audit"
keys Enter
expect "Enter expands a standard" "Internal audit programme"
expect_line "A.8.2" "Privileged access rights +2 \(0 primary, 2 overlap\)$"
expect_line "9.2 " "Internal audit +1 \(1 primary, 0 overlap\)$"
expect_line "A.5.13" "Labelling of information +1 \(0 primary, 1 overlap\)$"
expect "status names the line"    "ISO27001:2022 · 1/10"
keys G
expect "G goes to the last line"  "ISO27001:2022/A.8.4 · 10/10"
keys g
expect "g goes to the first line" "ISO27001:2022 · 1/10"
keys NPage
expect "PgDn pages down"          "ISO27001:2022/A.8.4 · 10/10"
keys PPage
expect "PgUp pages up"            "ISO27001:2022 · 1/10"
keys Enter
expect "Enter collapses the standard" "ISO27001:2022 · 1/1"
expect_not "its clauses hidden"   "Internal audit"
keys l
expect "l expands it again"       "Internal audit programme"
keys l
expect "l on an open line steps in" "ISO27001:2022/6.1.3 · 2/10"
keys g

# the filter jumps to the first matching clause; Enter keeps it
keys / p r i v
expect "filter as you type"       "Filter: priv"
expect "filter selects the match" "ISO27001:2022/A.8.2"
expect_not "filter hides the others" "Internal audit"
keys Enter l
expect_line "Q001" "overlap +Q001  How do we review access rights\?"
expect_line "Q007" "overlap +Q007  Which controls protect source code\?"
keys Escape
expect "Esc clears the filter"    "Internal audit programme"
expect "the selection stays"      "ISO27001:2022/A.8.2 · 9/12"

# an entry opens as a new step; back returns to the index as it was
keys j Enter
expect "Enter opens the entry"    "Q001  How do we review access rights?"
expect "breadcrumb from the index" "Clause index › Q001"
expect "backlinks under the answer" "Linked from: Q002, Q007"
keys BSpace
expect "back to the clause index" "ISO27001:2022/A.8.2 · 10/12"
expect "the clause is still expanded" "overlap Q007  Which controls protect source code?"

# h goes to the parent, then collapses; Right expands and steps in
keys h
expect "h goes to the parent line" "ISO27001:2022/A.8.2 · 9/12"
keys Left
expect "Left collapses"           "ISO27001:2022/A.8.2 · 9/10"
expect_not "entries hidden"       "Which controls protect source code?"
keys Right Right
expect "Right expands, then steps in" "ISO27001:2022/A.8.2 · 10/12"

# letters that are keys elsewhere (t, r, c, h, l) and Backspace are text
keys / r i g h t c l BSpace BSpace s
expect "typed keys stay in the filter" "Filter: rights"
expect "a filter on titles"        "Privileged access rights"
expect_not "non-matching titles hidden" "Awareness"
keys Escape
expect "Esc while typing clears"   "Awareness"

# exactly the clause's own entries, primary marked
keys g / 9 . 2 Enter Enter
expect_line "Q002" "primary +Q002  What is an internal audit\?"
expect_not "9.2.2's entry is not 9.2's" "Q006"
keys Escape
keys t
expect "the trail names the index" "Standards, their clauses and controls"
keys Escape

# backlinks: Shift-Tab selects the last link (a backlink), Enter follows
keys q
expect "q closes the index"       "7/7 questions"
keys Enter
expect "Q001 from the list"       "Linked from: Q002, Q007"
keys BTab
expect "Shift-Tab selects the backlink" "link Q007"
keys Enter
expect "a backlink is followed"   "Q007  Which controls protect source code?"
expect "breadcrumb of the walk"   "Q001 › Q007"
keys BTab Enter
expect "Q007's backlink leads to Q001" "Q001  How do we review access rights?"
keys q j j
keys Enter
expect "Q003 opens"               "Q003  How should the organization classify information?"
expect_not "no backlinks, no line" "Linked from"

# c in an answer: the index at the answer's first primary reference
keys q g Enter
expect "Q001 again"               "Q001  How do we review access rights?"
keys c
expect "c from an answer selects its clause" "ISO27001:2022/A.5.18 ·"
expect_line "Q001  How" "primary +Q001  How do we review access rights\?"

tm resize-window -t t -x 50 -y 20; sleep 0.3
expect "narrow: the index redraws" "Clause index"
fits "clause index at 50 columns" 50
tm resize-window -t t -x 100 -y 30; sleep 0.3
keys Q
expect "quits"                    "EXIT=0"

echo "tui-clauses: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
