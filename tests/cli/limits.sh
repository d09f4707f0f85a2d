#!/bin/sh
# The limits of ismsnav(1)'s LIMITS section on the command line: each one
# at its value and just past it, with the message naming the file (and
# line) and the rest of the work going on. Inputs are generated here in a
# temporary folder (the largest writes 1 MiB; the 64 MiB CSV is sparse).
#   sh tests/cli/limits.sh build/ismsnav tests
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
work=$(mktemp -d)
sock="ismsnav-limits-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export SOURCE_DATE_EPOCH=1780000000
unset ISMSNAV_CORPUS ISMSNAV_DB NO_COLOR
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect NAME STATUS: the last command's exit status must be STATUS.
expect() {
	if [ "$rc" = "$2" ]; then ok; else bad "$1: exit $rc, expected $2"; sed 's/^/  /' "$work/err" | cut -c1-200; fi
}
# has NAME FILE TEXT / lacks NAME FILE TEXT: a fixed string in a file.
has() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: no '$3' in"; cut -c1-200 "$2" | sed 's/^/  /'; fi; }
lacks() { if grep -qF -- "$3" "$2"; then bad "$1: unexpected '$3'"; else ok; fi; }

# run CMD...: runs ismsnav, keeping stdout, stderr and the status.
run() { "$bin" "$@" >"$work/out" 2>"$work/err" </dev/null; rc=$?; }

# entry FILE ID FRONT-MATTER-LINES BODY: writes one entry.
entry() { printf 'id: %s\nquery: Question %s?\n%s---\n%s\n' "$2" "$2" "$3" "$4" >"$1"; }

# rep TEXT N: TEXT N times.
rep() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

# pad FILE BYTES: appends answer lines until FILE is exactly BYTES long.
pad() {
	have=$(wc -c <"$1")
	awk -v n=$(($2 - have)) 'BEGIN { while (n > 64) { printf "%063d\n", 0; n -= 64 }
		while (n-- > 1) printf "x"; if (n == 0) printf "\n" }' >>"$1"
}

# ---- one corpus: an entry at each limit and one just past it -----------
c="$work/corpus"
mkdir "$c"
entry "$c/ok.md" Q1 "" "See Q2."
entry "$c/size-at.md" Q2 "" "At the limit."
pad "$c/size-at.md" 1048576
entry "$c/size-past.md" Q3 "" "Past the limit."
pad "$c/size-past.md" 1048577
entry "$c/id-at.md" Q999999 "" "The last ID."
entry "$c/id-past.md" Q1000000 "" "Too many digits."
entry "$c/query-at.md" Q4 "" "x"
sed -i "2s/.*/query: $(rep q 4096)/" "$c/query-at.md"
entry "$c/query-past.md" Q5 "" "x"
sed -i "2s/.*/query: $(rep q 4097)/" "$c/query-past.md"
entry "$c/packs-at.md" Q6 "packs: [$(rep 'p, ' 255)p]
" "x"
entry "$c/packs-past.md" Q7 "packs: [$(rep 'p, ' 256)p]
" "x"
entry "$c/yaml-at.md" Q8 "deep: $(rep '[' 63)$(rep ']' 63)
" "x"
entry "$c/yaml-past.md" Q9 "deep: $(rep '[' 64)$(rep ']' 64)
" "x"
entry "$c/yaml-huge.md" Q10 "notes: $(rep '[' 100000)
" "x"
entry "$c/range-at.md" Q11 "" "**Likely follow-ups**
- a (See Q1-Q200)"
entry "$c/range-past.md" Q12 "" "**Likely follow-ups**
- a (See Q1-Q201)"

run check "$c"
expect check 1
has check "$work/out" "8 questions, 6 errors"
has check "$work/err" "$c/size-past.md: error: file is 1048577 bytes; entries are limited to 1048576 bytes"
lacks check "$work/err" "size-at.md"
has check "$work/err" "$c/id-past.md:1: error: id 'Q1000000' is not a question ID"
lacks check "$work/err" "id-at.md"
has check "$work/err" "$c/query-past.md:2: error: 'query' is 4097 bytes long; the limit is 4096"
lacks check "$work/err" "query-at.md"
has check "$work/err" "$c/packs-past.md:3: error: 'packs' has 257 items; the limit is 256"
lacks check "$work/err" "packs-at.md"
has check "$work/err" "$c/yaml-past.md:3: error: the front matter is nested deeper than 64 levels"
has check "$work/err" "$c/yaml-huge.md:3: error: the front matter is nested deeper than 64 levels"
lacks check "$work/err" "yaml-at.md:3: error"
has check "$work/err" "$c/range-past.md:5: warning: range Q001–Q201 is too wide"
lacks check "$work/err" "range-at.md:5: warning: range"

# what could be read is still there
run list --corpus "$c"
expect list 0
for id in Q001 Q002 Q004 Q006 Q008 Q011 Q012 Q999999; do has list "$work/out" "$id	"; done
for id in Q003 Q005 Q007 Q009 Q010; do lacks list "$work/out" "$id	"; done

# ---- folder depth ------------------------------------------------------
deep="$work/deep"
d="$deep"
for i in $(seq 1 33); do d="$d/$i"; mkdir -p "$d"; [ "$i" -ge 32 ] && entry "$d/e.md" "Q$i" "" "x"; done
run check "$deep"
expect check-depth 0
has check-depth "$work/out" "1 question, 0 errors, 1 warning"
has check-depth "$work/err" "/33: warning: folders nested deeper than 32 levels are not read"
run list --corpus "$deep"
has list-depth "$work/out" "Q032	"
lacks list-depth "$work/out" "Q033	"

# ---- Markdown nesting --------------------------------------------------
m="$work/md"
mkdir "$m"
entry "$m/a.md" Q1 "" "$(rep '>' 64) at the limit"
entry "$m/b.md" Q2 "" "$(rep '>' 65) past the limit"
run show Q1 --corpus "$m" --width 200
has md-at "$work/out" "at the limit"
lacks md-at "$work/out" "nested deeper"
run show Q2 --corpus "$m" --width 200
has md-past "$work/out" "past the limit"
has md-past "$work/out" "(blocks nested deeper than 64 levels are shown at level 64)"

# ---- search query length -------------------------------------------------
q1024="risk $(rep 'x' 1019)"
run search "$q1024"
lacks search-at "$work/err" "too long"
has search-at "$work/out" "Q"
run search "${q1024}x"
expect search-past 1
has search-past "$work/err" "the query is too long to search (the limit is 1024 bytes)"

# ---- numbers on the command line -------------------------------------------
# opt NAME MAX MESSAGE CMD...: CMD with MAX succeeds; with MAX + 1 it is a
# usage error saying MESSAGE.
opt() {
	name=$1 max=$2 msg=$3; shift 3
	run "$@" "$max"
	expect "$name-at" 0
	run "$@" $((max + 1))
	expect "$name-past" 2
	has "$name-past" "$work/err" "$msg"
}
opt show-width 1000 "--width takes a number from 1 to 1000" show Q10 --width
opt search-limit 10000 "--limit takes a number from 1 to 10000" search risk --limit
opt graph-depth 100 "--depth takes a number from 1 to 100" graph --from Q10 --format tsv --depth
opt register-width 10000 "--width must be 0 (no limit) to 10000" --demo register risk --width

# ---- registers -------------------------------------------------------------
db="$work/r.db"
risk="title=t likelihood=2 impact=2 owner=o treatment=retain"
run --db "$db" register risk add id=R-999998 $risk
expect add-id 0
run --db "$db" register risk add $risk
expect add-at 0
has add-at "$work/out" "R-999999"
run --db "$db" register risk add $risk
expect add-past 1
has add-past "$work/err" "risk already has a row R-999999, the highest ID there is"
run --db "$db" register risk add id=R-1000000 $risk
expect add-id-past 1

# a CSV over 64 MiB is refused unread, and nothing changes
run --db "$db" register risk --format csv
cp "$work/out" "$work/before.csv"
printf 'title\nx' >"$work/big.csv"
truncate -s 67108865 "$work/big.csv"
run --db "$db" register risk import "$work/big.csv"
expect import-past 1
has import-past "$work/err" "$work/big.csv is 67108865 bytes; imports are limited to 67108864 bytes (64 MiB)"
truncate -s 67108864 "$work/big.csv"
run --db "$db" register risk import "$work/big.csv"
expect import-at 1
has import-at "$work/err" "$work/big.csv:2: a NUL byte on line 2"
rm -f "$work/big.csv"
run --db "$db" register risk --format csv
if cmp -s "$work/out" "$work/before.csv"; then ok; else bad "import: the register changed"; fi

# a row of more fields than a record may hold
{ echo title; rep , 1023; echo; } >"$work/wide.csv"
run --db "$db" register risk import "$work/wide.csv"
expect import-fields-at 1
has import-fields-at "$work/err" "$work/wide.csv:2: 1024 fields where the header has 1"
{ echo title; rep , 1024; echo; } >"$work/wide.csv"
run --db "$db" register risk import "$work/wide.csv"
expect import-fields-past 1
has import-fields-past "$work/err" "$work/wide.csv:2: the record on line 2 has more than 1024 fields"

# a long text field: 4096 bytes go in, 4097 do not
run --db "$db" register risk set R-999998 "title=$(rep t 4096)"
expect title-at 0
run --db "$db" register risk set R-999998 "title=$(rep t 4097)"
expect title-past 1
has title-past "$work/err" "title: 4097 bytes is too long (at most 4096)"

# ---- typed text in the navigator (when tmux is there to drive it) -----------
if command -v tmux >/dev/null 2>&1; then
	screen="$work/screen"
	. "$tests/tui/poll.sh"
	tm -f /dev/null new-session -d -s t -x 100 -y 30 \
		"TERM=xterm-256color XDG_CACHE_HOME='$work/cache' '$bin'; sleep 60"
	if wait_for "questions"; then ok; else bad "navigator: did not start"; fi
	tm send-keys -t t /
	tm send-keys -t t -l "$(rep a 254)"
	tm send-keys -t t -l "é"     # 2 bytes: 256 with the terminating NUL, no room
	wait_for "full: 255 bytes at most" && ok || bad "prompt-past: no notice"
	tm send-keys -t t -l "b"     # the 255th byte fits
	sleep 0.3; capture
	if grep -qF "full: 255" "$screen"; then bad "prompt-at: notice shown"; else ok; fi
	grep -qF "aab" "$screen" && ok || bad "prompt-at: the last byte was not taken"
	tm send-keys -t t -l "c"
	wait_for "full: 255 bytes at most" && ok || bad "prompt-past: no notice after c"
	tm kill-server 2>/dev/null

	# a register form's field: the risk register's title (on a server of its
	# own: the last one may still be going away)
	sock="ismsnav-limits-$$-form"
	tm -f /dev/null new-session -d -s t -x 100 -y 30 \
		"TERM=xterm-256color XDG_CACHE_HOME='$work/cache' '$bin' --corpus '$tests/fixtures/registers' --db '$work/tui.db'; sleep 60"
	wait_for "questions" || bad "form: the navigator did not start"
	tm send-keys -t t Enter; sleep 0.3
	tm send-keys -t t a 1
	wait_for "rows" || bad "form: no register"
	tm send-keys -t t a
	wait_for "New row of the Risk register" || bad "form: did not open"
	tm send-keys -t t j Enter; sleep 0.2
	tm send-keys -t t -l "$(rep a 255)"
	sleep 0.3; capture
	if grep -qF "full: 255" "$screen"; then bad "form-at: notice shown"; else ok; fi
	tm send-keys -t t -l "b"
	wait_for "full: 255 bytes at most" && ok || bad "form-past: no notice"
	tm kill-server 2>/dev/null
fi

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
