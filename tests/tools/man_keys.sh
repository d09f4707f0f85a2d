#!/bin/sh
# The man page's KEYS section must be what the key table says.
#   man_keys.sh MANKEYS-BINARY MAN-PAGE            check (exit 1 on a difference)
#   man_keys.sh MANKEYS-BINARY MAN-PAGE --update   rewrite the section
set -eu
gen=$1 page=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" >"$tmp/keys"
# the page cut in three: before KEYS, KEYS, from the next .SH on
awk -v out="$tmp" '
	/^\.SH / { part = ($2 == "KEYS") ? 2 : (part == 2 ? 3 : part) }
	{ f = out "/part" (part ? part : 1); print > f }' "$page"
if [ "${3:-}" = --update ]; then
	cat "$tmp/part1" "$tmp/keys" "$tmp/part3" >"$page"
	echo "updated the KEYS section of $page"
	exit 0
fi
if diff -u "$tmp/part2" "$tmp/keys"; then
	echo "man-keys: 1 passed, 0 failed"
else
	echo "the KEYS section of $page differs from the key table; regenerate it with:"
	echo "  sh tests/tools/man_keys.sh $gen $page --update"
	echo "man-keys: 0 passed, 1 failed"
	exit 1
fi
