#!/bin/sh
# The long walk: generates a 1,000-entry corpus, then follows 20,000
# follow-up links through it going back and forward at random
# (bench/longwalk.c), printing resident memory every 1,000 steps. Fails
# when memory grew by 5 MB or more after the first 1,000 steps.
# See bench/README.md. Run from anywhere: sh bench/longwalk.sh
#
# Environment:
#   BENCH_BUILD   build folder             (default: bench/build)
#   WALK_ENTRIES  corpus size              (default: 1000)
#   WALK_STEPS    steps                    (default: 20000)
#   WALK_SEED     corpus and walk seed     (default: 27001)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${BENCH_BUILD:-bench/build}
entries=${WALK_ENTRIES:-1000}
steps=${WALK_STEPS:-20000}
seed=${WALK_SEED:-27001}
command -v python3 >/dev/null || { echo "longwalk: python3 is needed" >&2; exit 1; }

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DISMSNAV_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target bench_longwalk >/dev/null ||
	{ echo "longwalk: build failed; see: cmake --build $build --target bench_longwalk" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ismsnav-walk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
python3 bench/gen_corpus.py "$entries" "$tmp/corpus" --seed "$seed" >/dev/null
echo "longwalk: $entries entries, $steps steps, seed $seed"
XDG_CACHE_HOME="$tmp/cache" "$build/bench_longwalk" "$tmp/corpus" "$steps" "$seed"
