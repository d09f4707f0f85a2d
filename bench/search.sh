#!/usr/bin/env bash
# ismsnav search benchmark: the search index against ripgrep on 1k, 10k
# (and with BENCH_100K=1, 100k) entry corpora from gen_corpus.py, and on
# "real10k" (the bundled corpus copied 41 times). For each: the cold start
# (no cache: the first run to a usable index), warm `list`, warm
# `search "PHRASE"` and `search WORDS` against `rg -l PHRASE` over the same
# files (hyperfine -N), a start after one file changed, peak RSS
# (/usr/bin/time -f %M, highest of 5 runs), the warm `list` and `search`
# again with `ismsnav watch` running (Linux; no file is stat()ed then, see
# ismsnav(1)) against `rg -l` once more, and search as you type: the
# core search_query() timed after every key of typed queries (p50/p99),
# by bench/search_keys.c. Results go to BENCH_OUT: search-summary.txt,
# hyperfine's JSON exports, search-rss.tsv and search-keys.tsv.
# Run from anywhere: bench/search.sh  (about 5 minutes; 15 with 100k)
#
# Environment:
#   BENCH_BUILD   build folder           (default: bench/build)
#   BENCH_OUT     where results go       (default: bench/results)
#   BENCH_WARMUP  hyperfine warm-up runs (default: 3)
#   BENCH_RUNS    minimum timed runs     (default: 20)
#   BENCH_SEED    corpus generator seed  (default: 27001)
#   BENCH_100K=1  also the 100k corpus (about 420 MiB of files, 10 minutes)
#   BENCH_KEEP=1  keep the generated corpora (their path is printed)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

build=${BENCH_BUILD:-bench/build}
out=${BENCH_OUT:-bench/results}
warmup=${BENCH_WARMUP:-3}
runs=${BENCH_RUNS:-20}
seed=${BENCH_SEED:-27001}
gnutime=/usr/bin/time

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---- tools ---------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v rg >/dev/null || missing+=(ripgrep)
[ -x "$gnutime" ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing ${missing[*]}"
		apt-get install -y "${missing[@]}" >/dev/null
	else
		die "missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}"
	fi
fi
command -v python3 >/dev/null || die "python3 is needed"
command -v cmake >/dev/null || die "cmake is needed"

# ---- build ---------------------------------------------------------------
say "Release build in $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DISMSNAV_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target ismsnav bench_search_keys \
	>/dev/null || die "build failed; see: cmake --build $build"
bin=$(cd "$build" && pwd)/ismsnav
keys=$(cd "$build" && pwd)/bench_search_keys
[ -x "$bin" ] && [ -x "$keys" ] || die "no executables in $build"

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ismsnav-search-bench.XXXXXX")
watcher=
stop_watcher() { [ -z "$watcher" ] || kill "$watcher" 2>/dev/null || true; }
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'stop_watcher; echo "corpora kept in $tmp" >&2' EXIT
else
	trap 'stop_watcher; rm -rf "$tmp"' EXIT
fi

# ---- corpora -------------------------------------------------------------
# Synthetic word salad (every word in most entries: the worst case for a
# ranked search), and "real10k": the bundled corpus copied 41 times with
# IDs moved by 1000 a copy, for the word frequencies of real answers.
sizes=(1000 10000)
[ "${BENCH_100K:-0}" = 1 ] && sizes+=(100000)
say "generating corpora (seed $seed) in $tmp"
names=()
for n in "${sizes[@]}"; do
	name=$((n / 1000))k
	python3 "$here/gen_corpus.py" "$n" "$tmp/$name" --seed "$seed"
	names+=("$name")
done
mkdir -p "$tmp/real10k"
for k in $(seq 1 41); do
	mkdir -p "$tmp/real10k/copy-$k"
	for f in corpus/iso27001-2022/*.md; do
		awk -v off="$k" '!done && /^id: Q[0-9]+$/ { print "id: Q" off * 1000 + substr($2, 2); done = 1; next }
			{ print }' "$f" >"$tmp/real10k/copy-$k/$(basename "$f")"
	done
done
names+=(real10k)
# Files older than the index's "recently changed" window, as on a real disk.
find "$tmp" -exec touch -d '-1 hour' {} +

# Typed queries: the synthetic corpora's own words, and real questions.
cat >"$tmp/salad-queries.txt" <<'EOF'
dolor sit amet
tempor incididunt
pellentesque habitant
nostrud exercitation ullamco
magna aliqua
vestibulum lectus mauris
access review
supplier security
EOF
cut -f1 tests/relevance/queries.tsv | grep -v '^#' >"$tmp/real-queries.txt"

q() { printf '%q' "$1"; }
hf() { hyperfine -N --warmup "$warmup" --min-runs "$runs" --style basic "$@"; }

# maxrss LABEL CMD...: the highest peak RSS (KiB) of 5 runs
maxrss() {
	local label=$1 best=0 kb
	shift
	for _ in 1 2 3 4 5; do
		"$gnutime" -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
		kb=$(tail -n1 "$tmp/rss")
		[ "$kb" -gt "$best" ] && best=$kb
	done
	printf '%s\t%s\n' "$label" "$best"
}

: >"$out/search-rss.tsv"
: >"$out/search-keys.tsv"
for c in "${names[@]}"; do
	dir="$tmp/$c"
	export XDG_CACHE_HOME="$tmp/cache-$c"
	C=$(q "$dir")
	B=$(q "$bin")
	if [ "$c" = real10k ]; then
		phrase="risk treatment"
		queries="$tmp/real-queries.txt"
	else
		# the first two words of a question in the middle: found at least once
		mid=$(find "$dir" -name 'q*.md' | sort | sed -n "$(( $(find "$dir" -name 'q*.md' | wc -l) / 2 ))p")
		phrase=$(awk '/^query:/ { getline; print tolower($1) " " tolower($2); exit }' "$mid")
		queries="$tmp/salad-queries.txt"
	fi
	say "$c: cold start, warm list and search, ripgrep (phrase: $phrase)"
	P=$(q "\"$phrase\"")
	R=$(q "$phrase")
	cold_runs=5
	[ "$c" = 100k ] && cold_runs=2
	hyperfine -N --runs "$cold_runs" --style basic --prepare "rm -rf $(q "$XDG_CACHE_HOME")" \
		--export-json "$out/search-cold-$c.json" -n "cold list $c" "$B --corpus $C list"
	"$bin" --corpus "$dir" list >/dev/null
	# a file changed between runs: the start parses that one file again
	one=$(find "$dir" -name 'q*.md' | sort | sed -n 1p)
	cp "$one" "$tmp/one.orig"
	hf --export-json "$out/search-warm-$c.json" \
		-n "list $c" "$B --corpus $C list" \
		-n "search $c" "$B --corpus $C search $P" \
		-n "search words $c" "$B --corpus $C search $R" \
		-n "rg -l $c" "rg -l $R $C"
	hyperfine -N --warmup 1 --min-runs 10 --style basic \
		--prepare "sh -c 'echo >>$(q "$one")'" \
		--export-json "$out/search-changed-$c.json" -n "one changed $c" "$B --corpus $C list"
	cp "$tmp/one.orig" "$one"
	# with a watcher running: a start that finds nothing changed checks no file
	"$bin" --corpus "$dir" watch 2>"$tmp/watch.err" &
	watcher=$!
	for _ in $(seq 1 600); do
		ls "$XDG_CACHE_HOME"/ismsnav/search-*.sock >/dev/null 2>&1 && break
		kill -0 "$watcher" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$watcher" 2>/dev/null; then
		hf --export-json "$out/search-watched-$c.json" \
			-n "list watched $c" "$B --corpus $C list" \
			-n "search watched $c" "$B --corpus $C search $P" \
			-n "search words watched $c" "$B --corpus $C search $R" \
			-n "rg -l $c" "rg -l $R $C"
		{
			maxrss "list watched $c" "$bin" --corpus "$dir" list
			maxrss "search watched $c" "$bin" --corpus "$dir" search "\"$phrase\""
		} >>"$out/search-rss.tsv"
		kill "$watcher"
		wait "$watcher" || true
		watcher=
	else
		say "$c: no watcher ($(cat "$tmp/watch.err")); its rows are left out"
		rm -f "$out/search-watched-$c.json"
	fi
	{
		maxrss "cold list $c" sh -c "rm -rf $(q "$XDG_CACHE_HOME") && exec $B --corpus $C list"
		maxrss "list $c" "$bin" --corpus "$dir" list
		maxrss "search $c" "$bin" --corpus "$dir" search "\"$phrase\""
		maxrss "rg -l $c" rg -l "$phrase" "$dir"
	} >>"$out/search-rss.tsv"
	say "$c: search as you type (typed queries, a call per key, 30 results)"
	printf '%s\t%s\n' "$c" "$("$keys" "$dir" "$queries" 30)" | tee -a "$out/search-keys.tsv" >&2
	du -sk "$XDG_CACHE_HOME" | cut -f1 >"$out/search-index-kb-$c.txt"
done

# ---- table ---------------------------------------------------------------
python3 - "$out" "${names[@]}" <<'EOF' | tee "$out/search-summary.txt"
import json, os, sys
out, names = sys.argv[1], sys.argv[2:]

def load(name):
    with open(os.path.join(out, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def ms(r):
    return r["mean"] * 1e3

rss = {}
with open(os.path.join(out, "search-rss.tsv")) as f:
    for line in f:
        k, v = line.rstrip("\n").split("\t")
        rss[k] = int(v) / 1024
keys = {}
with open(os.path.join(out, "search-keys.tsv")) as f:
    for line in f:
        k, v = line.rstrip("\n").split("\t", 1)
        keys[k] = v

def verdict(ok):
    return "PASS" if ok else "FAIL"

print()
print("ismsnav search benchmark (Release build, %d cores); times are hyperfine means" % os.cpu_count())
for c in names:
    cold = load("search-cold-%s.json" % c)["cold list %s" % c]
    warm = load("search-warm-%s.json" % c)
    one = load("search-changed-%s.json" % c)["one changed %s" % c]
    with open(os.path.join(out, "search-index-kb-%s.txt" % c)) as f:
        idx_mb = int(f.read()) / 1024
    lst, srch = warm["list %s" % c], warm["search %s" % c]
    words, rg = warm["search words %s" % c], warm["rg -l %s" % c]
    ratio = ms(srch) / ms(rg)
    print()
    print("%s (index %.1f MiB)" % (c, idx_mb))
    print("  cold start to a usable index   %8.1f ms" % ms(cold))
    print("  list, warm                     %8.1f ms  (min %.1f)" % (ms(lst), lst["min"] * 1e3))
    print("  search \"phrase\", warm          %8.1f ms  (min %.1f)" % (ms(srch), srch["min"] * 1e3))
    print("  search words, warm             %8.1f ms" % ms(words))
    print("  rg -l phrase                   %8.1f ms" % ms(rg))
    print("  search / rg                    %8.2f x" % ratio)
    print("  one file changed, next list    %8.1f ms" % ms(one))
    print("  peak RSS: cold %.1f MiB, list %.1f MiB, search %.1f MiB, rg %.1f MiB" % (
        rss["cold list %s" % c], rss["list %s" % c], rss["search %s" % c], rss["rg -l %s" % c]))
    watched = None
    if os.path.exists(os.path.join(out, "search-watched-%s.json" % c)):
        w = load("search-watched-%s.json" % c)
        wl, ws = w["list watched %s" % c], w["search watched %s" % c]
        wr = w["rg -l %s" % c]
        watched = (wl, ws, ms(ws) / ms(wr))
        print("  with `ismsnav watch` running:")
        print("    list, warm                   %8.1f ms  (min %.1f)" % (ms(wl), wl["min"] * 1e3))
        print("    search \"phrase\", warm        %8.1f ms  (min %.1f)" % (ms(ws), ws["min"] * 1e3))
        print("    search words, warm           %8.1f ms" % ms(w["search words watched %s" % c]))
        print("    rg -l phrase, same run       %8.1f ms" % ms(wr))
        print("    search / rg                  %8.2f x" % watched[2])
        print("    peak RSS: list %.1f MiB, search %.1f MiB" % (
            rss["list watched %s" % c], rss["search watched %s" % c]))
    print("  typed: %s" % keys.get(c, "?"))
    if c == "10k":
        print("  targets: list <= 30 ms %s; search <= 0.2x rg %s; <= 40 MiB %s; cold <= 1.5 s %s" % (
            verdict(ms(lst) <= 30), verdict(ratio <= 0.2),
            verdict(max(rss["list %s" % c], rss["search %s" % c]) <= 40), verdict(ms(cold) <= 1500)))
        if watched:
            print("  watched: list <= 30 ms %s; search <= 0.2x rg %s" % (
                verdict(ms(watched[0]) <= 30), verdict(watched[2] <= 0.2)))
    if c == "100k":
        print("  targets: list <= 300 ms %s; search <= 50 ms %s; <= 150 MiB %s" % (
            verdict(ms(lst) <= 300), verdict(ms(srch) <= 50),
            verdict(max(rss["list %s" % c], rss["search %s" % c]) <= 150)))
        if watched:
            print("  watched: list <= 300 ms %s; search <= 50 ms %s" % (
                verdict(ms(watched[0]) <= 300), verdict(ms(watched[1]) <= 50)))
EOF
echo "results in $out" >&2
