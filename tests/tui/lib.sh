# Shared by the tmux tests: sourced after the script sets `sock` (its tmux
# server's socket name), `screen` (a file for captures) and `pass`/`fail`;
# `pane` is the tmux target to read and type into (default: t). A script
# may define `bad_extra` to print more when a check fails.
. "$(dirname "$0")/poll.sh"
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1)); echo "FAIL: $1"
	echo "---- screen:"; cat "$screen"
	if command -v bad_extra >/dev/null 2>&1; then bad_extra; fi
	echo "----"
}
expect() { if wait_for "$2"; then ok; else bad "$1 (wanted: $2)"; fi; }
expect_not() { capture; if grep -qF -- "$2" "$screen"; then bad "$1 (unwanted: $2)"; else ok; fi; }
# expect_line TEXT REGEX: the line holding TEXT matches REGEX.
expect_line() {
	wait_for "$1" >/dev/null
	if grep -F -- "$1" "$screen" | grep -qE -- "$2"; then ok; else bad "line of '$1' (wanted: $2)"; fi
}
keys() { tm send-keys -t "$pane" "$@"; sleep 0.15; }
# fits NAME WIDTH: every screen line fits WIDTH columns.
fits() {
	capture
	if wc -L <"$screen" | awk -v w="$2" '$1 > w { exit 1 }'; then ok; else bad "$1: a line is wider than $2"; fi
}
