#!/usr/bin/env bash
# ismsnav benchmark: load time, `show` time against lowdown, peak memory,
# and the register view's work on 10,000 risks.
# See bench/README.md. Run from anywhere: bench/run.sh
#
# Environment:
#   BENCH_BUILD   build folder           (default: bench/build)
#   BENCH_OUT     where results go       (default: bench/results)
#   BENCH_WARMUP  hyperfine warm-up runs (default: 3)
#   BENCH_RUNS    minimum timed runs     (default: 20)
#   BENCH_SEED    corpus generator seed  (default: 27001)
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
command -v lowdown >/dev/null || missing+=(lowdown)
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
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target ismsnav bench_registers \
	>/dev/null || die "build failed; see: cmake --build $build"
bin=$(cd "$build" && pwd)/ismsnav
[ -x "$bin" ] || die "no executable at $bin"

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ismsnav-bench.XXXXXX")
# show keeps an ID cache: measure with a private one (warm after the
# warm-up runs), and once with none at all (a location it cannot create).
export XDG_CACHE_HOME="$tmp/cache"
nocache=/proc/ismsnav-no-cache
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'echo "corpora kept in $tmp" >&2' EXIT
else
	trap 'rm -rf "$tmp"' EXIT
fi

# ---- corpora -------------------------------------------------------------
say "generating 1k and 10k corpora (seed $seed) in $tmp"
python3 "$here/gen_corpus.py" 1000 "$tmp/c1k" --seed "$seed"
python3 "$here/gen_corpus.py" 10000 "$tmp/c10k" --seed "$seed"

say "sanity checks"
bundled=$("$bin" check 2>/dev/null | tail -n1) || true
echo "bundled: $bundled" >&2
for c in c1k c10k; do
	"$bin" check --strict "$tmp/$c" >"$tmp/$c.check" 2>"$tmp/$c.check.err" ||
		die "$c does not pass 'ismsnav check --strict': $(head -n3 "$tmp/$c.check.err")"
	echo "$c: $(cat "$tmp/$c.check")" >&2
done
nbundled=$("$bin" list | wc -l)
[ "$nbundled" -gt 0 ] || die "the bundled corpus is empty or not found"

# The answer body of Q001 alone: everything after the '---' line that ends
# the front matter (a leading '---' line before the YAML is skipped).
q001=$(grep -rlE '^id:[[:space:]]*"?Q0*1"?[[:space:]]*$' corpus | head -n1)
[ -n "$q001" ] || die "no Q001 in corpus/"
awk 'NR == 1 && /^---\r?$/ { next }
     !f && /^---\r?$/       { f = 1; next }
     f' "$q001" >"$tmp/q001-body.md"
[ -s "$tmp/q001-body.md" ] || die "could not extract the body of $q001"
"$bin" show Q001 --width 80 --plain >/dev/null || die "ismsnav show Q001 failed"
"$bin" --corpus "$tmp/c10k" show Q5000 --width 80 --plain >/dev/null ||
	die "ismsnav show Q5000 on 10k failed"

# hyperfine without a shell (-N): the commands are a few ms, where shell
# start-up noise would dominate. Arguments are quoted for its word splitting.
q() { printf '%q' "$1"; }
B=$(q "$bin")
C1=$(q "$tmp/c1k")
C10=$(q "$tmp/c10k")
BODY=$(q "$tmp/q001-body.md")
hf() { hyperfine -N --warmup "$warmup" --min-runs "$runs" --style basic "$@"; }

# ---- (a) load ------------------------------------------------------------
say "(a) load: ismsnav list"
hf --export-json "$out/load.json" --export-markdown "$out/load.md" \
	-n "list bundled ($nbundled)" "$B list" \
	-n "list 1k" "$B --corpus $C1 list" \
	-n "list 10k" "$B --corpus $C10 list"

# ---- (b) show vs lowdown ---------------------------------------------------
say "(b) show Q001 (bundled) vs lowdown -Tterm on its body"
hf --export-json "$out/show.json" --export-markdown "$out/show.md" \
	-n "ismsnav show Q001" "$B show Q001 --width 80 --plain" \
	-n "lowdown -Tterm Q001 body" "lowdown -Tterm --term-width=80 --term-columns=80 $BODY" \
	-n "show Q001, no ID cache" "env XDG_CACHE_HOME=$nocache $B show Q001 --width 80 --plain"

# ---- (c) show on big corpora ---------------------------------------------
say "(c) show on generated corpora"
hf --export-json "$out/show-big.json" --export-markdown "$out/show-big.md" \
	-n "show Q500 (1k)" "$B --corpus $C1 show Q500 --width 80 --plain" \
	-n "show Q5000 (10k)" "$B --corpus $C10 show Q5000 --width 80 --plain"

# ---- (d) peak memory -------------------------------------------------------
say "(d) peak memory (max RSS over 5 runs)"
maxrss() { # label cmd...
	local label=$1 best=0 kb
	shift
	for _ in 1 2 3 4 5; do
		"$gnutime" -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1
		kb=$(tail -n1 "$tmp/rss")
		[ "$kb" -gt "$best" ] && best=$kb
	done
	printf '%s\t%s\n' "$label" "$best"
}
{
	maxrss "list bundled ($nbundled)" "$bin" list
	maxrss "list 1k" "$bin" --corpus "$tmp/c1k" list
	maxrss "list 10k" "$bin" --corpus "$tmp/c10k" list
	maxrss "show Q5000 (10k)" "$bin" --corpus "$tmp/c10k" show Q5000 --width 80 --plain
	maxrss "lowdown -Tterm Q001 body" lowdown -Tterm --term-width=80 --term-columns=80 "$tmp/q001-body.md"
} >"$out/rss.tsv"

# ---- table ---------------------------------------------------------------
corpus_bytes() { du -sk "$1" | cut -f1; }
{
	echo "bundled	$nbundled	$(corpus_bytes corpus)"
	echo "1k	1000	$(corpus_bytes "$tmp/c1k")"
	echo "10k	10000	$(corpus_bytes "$tmp/c10k")"
} >"$out/corpora.tsv"

python3 - "$out" <<'EOF' | tee "$out/summary.txt"
import json, os, sys
out = sys.argv[1]

def load(name):
    with open(os.path.join(out, name)) as f:
        return {r["command"]: r for r in json.load(f)["results"]}

def ms(r):
    return "%8.2f ± %5.2f ms  (median %7.2f, min %7.2f, n=%d)" % (
        r["mean"] * 1e3, r["stddev"] * 1e3, r["median"] * 1e3, r["min"] * 1e3,
        len(r["times"]))

rows = []
for f in ("load.json", "show.json", "show-big.json"):
    for name, r in load(f).items():
        rows.append((name, ms(r)))

print()
print("ismsnav benchmark (Release build, %d cores)" % os.cpu_count())
print()
print("Corpora:")
with open(os.path.join(out, "corpora.tsv")) as f:
    for line in f:
        label, n, kb = line.rstrip("\n").split("\t")
        print("  %-8s %6s entries  %8.1f MiB on disk" % (label, n, int(kb) / 1024))
print()
w = max(len(n) for n, _ in rows)
print("%-*s  %s" % (w, "Wall time (hyperfine)", "mean ± stddev"))
print("-" * (w + 60))
for n, v in rows:
    print("%-*s  %s" % (w, n, v))

show = load("show.json")
s = show["ismsnav show Q001"]["mean"]
l = show["lowdown -Tterm Q001 body"]["mean"]
ratio = s / l
print()
print("show Q001 / lowdown -Tterm = %.2f / %.2f ms = %.2fx  (target <= 1.5x: %s)"
      % (s * 1e3, l * 1e3, ratio, "PASS" if ratio <= 1.5 else "FAIL"))

ld = load("load.json")
names = list(ld)
c = show["show Q001, no ID cache"]["mean"]
print("show Q001 with no ID cache (every file scanned; includes env's exec): %.2f ms" % (c * 1e3))
per = []
for n, count in ((names[1], 1000), (names[2], 10000)):
    per.append("%s: %.1f µs/entry" % (n, ld[n]["mean"] * 1e6 / count))
print("load cost per entry: " + "; ".join(per))
print()
print("Peak memory (max RSS)")
print("-" * (w + 60))
with open(os.path.join(out, "rss.tsv")) as f:
    for line in f:
        n, kb = line.rstrip("\n").split("\t")
        print("%-*s  %8.1f MiB" % (w, n, int(kb) / 1024))
EOF

# ---- (e) registers ---------------------------------------------------------
say "(e) a register of 10,000 risks: the view's work (bench/registers.c)"
"$build/bench_registers" gen "$tmp/risks.db" 10000 >/dev/null
"$build/bench_registers" run "$tmp/risks.db" | tee "$out/registers.txt"
echo "results in $out" >&2
