#!/bin/sh
# `cmake --install` into a temporary prefix, then the installed binary must
# find its bundled corpus by itself, from any folder.
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
export XDG_CACHE_HOME="$prefix/cache"   # keep the index out of the user's cache
cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
check() {
	if eval "$2"; then :; else echo "FAIL: $1"; fail=$((fail + 1)); fi
}
check "binary installed"  "[ -x '$prefix/bin/ismsnav' ]"
check "man page installed" "[ -f '$prefix/share/man/man1/ismsnav.1' ]"
check "assets installed"  "[ -f '$prefix/share/ismsnav/assets/annex_a_2022.csv' ]"
check "corpus installed"  "[ \$(find '$prefix/share/ismsnav/corpus' -type f | wc -l) -gt 0 ]"
cd /
check "finds its corpus"  "'$prefix/bin/ismsnav' check >/dev/null 2>&1"
check "lists its corpus"  "[ \$('$prefix/bin/ismsnav' list | wc -l) -gt 0 ]"
echo "install: $((6 - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
