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
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export LC_ALL=C.UTF-8 XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
# register timestamps are taken from here, so that transcripts are fixed
export SOURCE_DATE_EPOCH=1780000000
unset ISMSNAV_CORPUS ISMSNAV_DB NO_COLOR
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

# ---- registers ----
# Every register command on a fresh database under $work. Transcripts name
# the folder WORK; SOURCE_DATE_EPOCH fixes the timestamps of changes.
db="$work/reg.db"
# rows FILE [REGISTER]: how many rows the register holds
rows() { "$bin" --db "$1" register "${2:-risk}" --width 0 | tail -n +2 | wc -l | tr -d ' '; }
sum() { cksum <"$1"; }
skip_() { echo "SKIP: $1: $2"; }

case_ reg-list            "$bin" --db "$db" register
case_ reg-risk            "$bin" --db "$db" register risk
case_ reg-risk-80         "$bin" --db "$db" register risks --width 80
case_ reg-risk-30         "$bin" --db "$db" register risk --width=30
case_ reg-risk-csv        "$bin" --db "$db" register risk --format csv
case_ reg-risk-json       "$bin" --db "$db" register risk --format json
case_ reg-risk-md         "$bin" --db "$db" register risk --format md
case_ reg-docs-json       "$bin" --db "$db" register documents --format=json
case_ reg-soa-100         "$bin" --db "$db" register soa --width 100
case_ reg-assets-csv      "$bin" --db "$db" register assets --format csv
case_ reg-assets-md       "$bin" --db "$db" register asset --format md
case_ reg-bad-format      "$bin" --db "$db" register risk --format xml
case_ reg-bad-width       "$bin" --db "$db" register risk --width -3
case_ reg-unknown         "$bin" --db "$db" register riskz
case_ reg-unknown-action  "$bin" --db "$db" register risk frobnicate
case_ reg-show            "$bin" --db "$db" register risk show r-1
case_ reg-show-doc        "$bin" --db "$db" register isms_artifacts show DOC-001
case_ reg-show-soa        "$bin" --db "$db" register soa show A.5.23
case_ reg-show-missing    "$bin" --db "$db" register risk show R-999
case_ reg-show-bad-id     "$bin" --db "$db" register risk show banana
check_ reg-tables-fit     '"$bin" --db "$db" register risk --width 30 | wc -L | awk "\$1 > 30 { exit 1 }"'
if command -v script >/dev/null 2>&1; then
	# on a terminal the table fits its width
	tty_table() { script -qec "stty cols 50 rows 20; '$bin' --db '$db' register risk" /dev/null </dev/null | tr -d '\r'; }
	check_ reg-tty-fits '[ "$(tty_table | wc -L)" -le 50 ] && tty_table | grep -q "…"'
else
	skip_ reg-tty-fits "no script(1)"
fi

# An invalid value names the field and what it accepts; nothing is written.
case_ reg-add-bad-rating  "$bin" --db "$db" register risk add title=Flood likelihood=9 impact=2
case_ reg-add-bad-enum    "$bin" --db "$db" register risk add title=Flood likelihood=2 impact=2 treatment=ignore
case_ reg-add-bad-control "$bin" --db "$db" register risk add title=Flood likelihood=2 impact=2 controls=A.9.1
case_ reg-add-bad-date    "$bin" --db "$db" register risk add title=Flood likelihood=2 impact=2 treatment_due=2026-02-30
case_ reg-add-no-title    "$bin" --db "$db" register risk add likelihood=2 impact=2
case_ reg-add-bad-field   "$bin" --db "$db" register risk add title=Flood likelihood=2 impact=2 colour=red
case_ reg-add-derived     "$bin" --db "$db" register risk add title=Flood likelihood=2 impact=2 score=4
case_ reg-add-no-equals   "$bin" --db "$db" register risk add title Flood
case_ reg-add-nothing     "$bin" --db "$db" register risk add
case_ reg-add-soa         "$bin" --db "$db" register soa add control=5.1 applicable=yes
check_ reg-nothing-written '[ "$(rows "$db")" = 15 ]'

# add (without an id: the next one), show, set, delete
case_ reg-add             "$bin" --db "$db" register risk add "title=Flood in the Leeds office" likelihood=2 impact=4 controls=A.7.5,7.11 assets=a-6 "owner=Marcus Bell"
case_ reg-show-added      "$bin" --db "$db" register risk show R-016
case_ reg-set             "$bin" --db "$db" register risk set R-016 residual_likelihood=1 residual_impact=3 status=treating treatment=modify
case_ reg-set-refused     "$bin" --db "$db" register risk set R-016 status=accepted
case_ reg-set-missing     "$bin" --db "$db" register risk set R-099 title=Nothing
case_ reg-set-no-fields   "$bin" --db "$db" register risk set R-016
case_ reg-show-changed    "$bin" --db "$db" register risk show R-016
case_ reg-add-with-id     "$bin" --db "$db" register risk add id=r-40 title=Numbered likelihood=1 impact=1
case_ reg-add-taken-id    "$bin" --db "$db" register risk add id=R-040 title=Again likelihood=1 impact=1
case_ reg-delete          "$bin" --db "$db" register risk delete R-016
case_ reg-delete-missing  "$bin" --db "$db" register risk delete R-016
case_ reg-delete-soa      "$bin" --db "$db" register soa delete 5.1
case_ reg-add-next-id     "$bin" --db "$db" register risk add title=Next likelihood=1 impact=1
case_ reg-doc-version     "$bin" --db "$db" register docs set DOC-001 version=1.2 "change_summary=Scope extended to the Dublin office" "changed_by=Nadia Rahman"
case_ reg-doc-show        "$bin" --db "$db" register docs show DOC-001
case_ reg-doc-transition  "$bin" --db "$db" register docs set DOC-001 status=approved
case_ reg-soa-set         "$bin" --db "$db" register soa set 7.4 applicable=no justification=
case_ reg-soa-set-ok      "$bin" --db "$db" register soa set A.7.4 applicable=no "justification=No premises of our own" implementation=not_started
"$bin" --db "$db" register risk delete R-040 && "$bin" --db "$db" register risk delete R-041

# import: all rows or none; a bad row is named by file and line
printf 'title,likelihood,impact,owner,scenario\r\nSupplier breach,3,4,Grace Adeyemi,"A supplier, hit by ransomware,\r\nleaks ""our"" data"\r\nLost laptop,2,2,Marcus Bell,\r\n' >"$work/good.csv"
case_ reg-import          "$bin" --db "$db" register risk import "$work/good.csv"
case_ reg-import-show     "$bin" --db "$db" register risk show R-016
printf 'title,likelihood,impact\nOne,1,1\nTwo,2,2\nThree,9,3\nFour,4,4\n' >"$work/bad.csv"
before=$(rows "$db")
case_ reg-import-bad-row  "$bin" --db "$db" register risk import "$work/bad.csv"
check_ reg-import-bad-row-wrote-nothing '[ "$(rows "$db")" = "$before" ]'
printf 'title,colour\nOne,red\n' >"$work/unknown.csv"
case_ reg-import-unknown-column "$bin" --db "$db" register risk import "$work/unknown.csv"
case_ reg-import-no-file  "$bin" --db "$db" register risk import "$work/none.csv"
check_ reg-import-failures-wrote-nothing '[ "$(rows "$db")" = "$before" ]'

# CSV round trip: export, delete every row, import, export again
for r in soa assets risk; do "$bin" --db "$db" register $r --format csv >"$work/rt-$r-1.csv"; done
for id in $("$bin" --db "$db" register risk --width 0 | awk 'NR > 1 { print $1 }'); do
	"$bin" --db "$db" register risk delete "$id"
done
check_ reg-roundtrip-emptied '[ "$(rows "$db")" = 0 ]'
case_ reg-roundtrip-import "$bin" --db "$db" register risk import "$work/rt-risk-1.csv"
for r in soa assets risk; do "$bin" --db "$db" register $r --format csv >"$work/rt-$r-2.csv"; done
for r in soa assets risk; do
	check_ "reg-roundtrip-$r" 'cmp "$work/rt-'$r'-1.csv" "$work/rt-'$r'-2.csv"'
done
# ... and into another file, where a document arrives in the status it has
# reached (draft to approved in two steps here, one row in the import)
"$bin" --db "$db" register isms_artifacts set DOC-032 status=in_review >/dev/null
"$bin" --db "$db" register isms_artifacts set DOC-032 status=approved approved_on=2026-06-01 >/dev/null
"$bin" --db "$db" register isms_artifacts --format csv >"$work/docs-1.csv"
"$bin" --db "$work/other.db" register isms_artifacts import "$work/docs-1.csv" >/dev/null
"$bin" --db "$work/other.db" register isms_artifacts --format csv >"$work/docs-2.csv"
check_ reg-roundtrip-docs-other-file 'cmp "$work/docs-1.csv" "$work/docs-2.csv"'
check_ reg-roundtrip-docs-approved 'grep -q "^DOC-032,.*,approved,2026-06-01," "$work/docs-2.csv"'
# ... and in place, for every register
for r in risk isms_artifacts soa assets; do
	"$bin" --db "$db" register $r --format csv >"$work/in-$r-1.csv"
	"$bin" --db "$db" register $r import "$work/in-$r-1.csv" >/dev/null
	"$bin" --db "$db" register $r --format csv >"$work/in-$r-2.csv"
	check_ "reg-roundtrip-in-place-$r" 'cmp "$work/in-'$r'-1.csv" "$work/in-'$r'-2.csv"'
done

# SQL in a value is only text
inj="'); DROP TABLE risk;--"
case_ reg-injection-add   "$bin" --db "$db" register risk add "title=$inj" "scenario=He said \"stop\"; then
she typed $inj" "owner=O'Brien, \"Ops\"" likelihood=1 impact=1
inj_id=$(cat "$work/stdout")
case_ reg-injection-show  "$bin" --db "$db" register risk show "$inj_id"
check_ reg-injection-csv  '"$bin" --db "$db" register risk --format csv | grep -qF "$inj"'
check_ reg-injection-tables-intact '"$bin" --db "$db" register | grep -q "^risk "'

# --demo: changes succeed and vanish; no file is made
case_ reg-demo-add        "$bin" --demo register risk add title=Temporary likelihood=1 impact=1
check_ reg-demo-gone      '! "$bin" --demo register risk --format csv | grep -q Temporary'
check_ reg-demo-no-file   '"$bin" --demo --db "$work/never.db" register >/dev/null && [ ! -e "$work/never.db" ]'
case_ reg-demo-reset-demo "$bin" --demo demo reset

# where the file is: ISMSNAV_DB, --db over it, else XDG_DATA_HOME
case_ reg-env             env ISMSNAV_DB="$work/env.db" "$bin" register risk add title=FromEnv likelihood=1 impact=1
check_ reg-env-file       '"$bin" --db "$work/env.db" register risk --format csv | grep -q FromEnv'
check_ reg-db-over-env    'ISMSNAV_DB="$work/env.db" "$bin" --db "$db" register risk --format csv | grep -vq FromEnv'
check_ reg-default-place  '"$bin" register >/dev/null && [ -f "$XDG_DATA_HOME/ismsnav/registers.db" ]'
case_ reg-db-empty        "$bin" --db "" register

# a file that is not a database, or damaged: a clear error, left untouched
"$bin" --db "$work/fresh.db" register >/dev/null
i=0; while [ $i -lt 64 ]; do echo "this is not a database, only text: line $i"; i=$((i + 1)); done >"$work/garbage.db"
garbage_sum=$(sum "$work/garbage.db")
case_ reg-garbage         "$bin" --db "$work/garbage.db" register risk
case_ reg-garbage-add     "$bin" --db "$work/garbage.db" register risk add title=x likelihood=1 impact=1
check_ reg-garbage-untouched '[ "$(sum "$work/garbage.db")" = "$garbage_sum" ] && [ ! -e "$work/garbage.db-wal" ]'
cp "$work/fresh.db" "$work/damaged.db"
size=$(wc -c <"$work/damaged.db")
# (a missing or one-page file would make head -c negative: unbounded)
[ "$size" -gt 4096 ] && head -c $((size - 4096)) /dev/zero | tr '\0' '\252' |
	dd of="$work/damaged.db" bs=4096 seek=1 conv=notrunc 2>/dev/null
damaged_sum=$(sum "$work/damaged.db")
case_ reg-damaged         "$bin" --db "$work/damaged.db" register risk
check_ reg-damaged-untouched '[ "$(sum "$work/damaged.db")" = "$damaged_sum" ]'

if command -v sqlite3 >/dev/null 2>&1; then
	# another program's SQLite file
	sqlite3 "$work/foreign.db" "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"
	foreign_sum=$(sum "$work/foreign.db")
	case_ reg-foreign     "$bin" --db "$work/foreign.db" register risk
	case_ reg-foreign-add "$bin" --db "$work/foreign.db" register risk add title=x likelihood=1 impact=1
	check_ reg-foreign-untouched '[ "$(sum "$work/foreign.db")" = "$foreign_sum" ]'

	# a file from a newer ismsnav: readable, never written
	cp "$work/fresh.db" "$work/newer.db"
	sqlite3 "$work/newer.db" 'PRAGMA user_version = 99'
	newer_sum=$(sum "$work/newer.db")
	case_ reg-newer       "$bin" --db "$work/newer.db" register risk --width 60
	case_ reg-newer-add   "$bin" --db "$work/newer.db" register risk add title=x likelihood=1 impact=1
	case_ reg-newer-set   "$bin" --db "$work/newer.db" register risk set R-001 title=x
	check_ reg-newer-untouched '[ "$(sum "$work/newer.db")" = "$newer_sum" ]'

	# locked by another process: wait briefly, then say so
	cp "$work/fresh.db" "$work/locked.db"
	(echo '.timeout 5000'; echo 'BEGIN EXCLUSIVE;'; sleep 5; echo 'COMMIT;') |
		sqlite3 "$work/locked.db" &
	locker=$!
	i=0
	while [ $i -lt 50 ] && sqlite3 "$work/locked.db" 'BEGIN IMMEDIATE; ROLLBACK;' 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	start=$(date +%s)
	case_ reg-locked      "$bin" --db "$work/locked.db" register risk add title=Waiting likelihood=1 impact=1
	check_ reg-locked-waited '[ $(($(date +%s) - start)) -ge 1 ]'
	wait $locker
	check_ reg-unlocked   '"$bin" --db "$work/locked.db" register risk add title=Later likelihood=1 impact=1 >/dev/null'
else
	skip_ reg-sqlite3 "no sqlite3 command: foreign, newer and locked files untested"
fi

# read-only file and folder: the registers open read-only with a note and
# edits are refused. Root may write to any file, so root cannot test this.
if [ "$(id -u)" -eq 0 ]; then
	skip_ reg-readonly-file "running as root, which may write to a read-only file"
	skip_ reg-readonly-folder "running as root, which may write to a read-only folder"
else
	cp "$work/fresh.db" "$work/ro.db"
	chmod 444 "$work/ro.db"
	check_ reg-readonly-file-note '"$bin" --db "$work/ro.db" register risk 2>&1 >/dev/null | grep -qx "ismsnav: note: $work/ro.db: the file or its folder is read-only"'
	check_ reg-readonly-file-refused '"$bin" --db "$work/ro.db" register risk set R-001 title=x 2>"$work/err"; [ $? -eq 1 ] && grep -q "ismsnav: $work/ro.db is open read-only" "$work/err"'
	mkdir "$work/rodir"
	cp "$work/fresh.db" "$work/rodir/reg.db"
	chmod 555 "$work/rodir"
	check_ reg-readonly-folder-note '"$bin" --db "$work/rodir/reg.db" register risk 2>&1 >/dev/null | grep -q "note: .*read-only"'
	check_ reg-readonly-folder-prints '"$bin" --db "$work/rodir/reg.db" register risk 2>/dev/null | grep -q "^R-001 "'
	check_ reg-readonly-folder-refused '"$bin" --db "$work/rodir/reg.db" register risk delete R-001 2>"$work/err"; [ $? -eq 1 ] && grep -q "is open read-only" "$work/err" && [ "$(rows "$work/rodir/reg.db" 2>/dev/null)" = 15 ]'
	chmod 755 "$work/rodir"
	chmod 644 "$work/ro.db"
fi

# demo reset: a new file, a pristine one, a changed one (asks; --yes), a
# file that is not ours (moved aside, never lost). setsid(1) takes the
# terminal away, so that nothing can be asked.
dr="$work/demo.db"
case_ reg-reset-new       "$bin" --db "$dr" demo reset
case_ reg-reset-pristine  "$bin" --db "$dr" demo reset
"$bin" --db "$dr" register risk set R-001 title=Changed
case_ reg-reset-yes       "$bin" --db "$dr" demo reset --yes
check_ reg-reset-restored '! "$bin" --db "$dr" register risk --format csv | grep -q Changed'
case_ reg-reset-usage     "$bin" --db "$dr" demo
case_ reg-reset-bad-arg   "$bin" --db "$dr" demo reset --force
if command -v setsid >/dev/null 2>&1; then
	"$bin" --db "$dr" register risk set R-001 title=Changed
	case_ reg-reset-no-tty "setsid" -w "$bin" --db "$dr" demo reset
	check_ reg-reset-no-tty-kept '"$bin" --db "$dr" register risk --format csv | grep -q Changed'
	case_ reg-reset-garbage-no-tty "setsid" -w "$bin" --db "$work/garbage.db" demo reset
	check_ reg-reset-garbage-kept '[ "$(sum "$work/garbage.db")" = "$garbage_sum" ]'
else
	skip_ reg-reset-no-tty "no setsid(1) to run without a terminal"
fi
case_ reg-reset-garbage-yes "$bin" --db "$work/garbage.db" demo reset --yes
check_ reg-reset-garbage-backup '[ "$(sum "$work/garbage.db.bak")" = "$garbage_sum" ] && [ "$(rows "$work/garbage.db")" = 15 ]'
cp "$work/garbage.db.bak" "$work/garbage.db"
case_ reg-reset-garbage-again "$bin" --db "$work/garbage.db" demo reset --yes
check_ reg-reset-backup-kept '[ "$(sum "$work/garbage.db.bak")" = "$garbage_sum" ] && [ "$(sum "$work/garbage.db.bak2")" = "$garbage_sum" ]'

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
