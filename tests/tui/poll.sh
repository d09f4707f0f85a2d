# Reading a tmux pane, shared by every script that drives the navigator in
# tmux: sourced after the script sets `sock` (its tmux server's socket name)
# and `screen` (a file for captures); `pane` is the tmux target to read
# (default: t).
pane=${pane:-t}
tm() { tmux -L "$sock" "$@"; }
capture() { tm capture-pane -p -t "$pane" >"$screen" 2>/dev/null; }
# wait_for TEXT: polls the screen for up to 5 s.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		capture
		grep -qF -- "$1" "$screen" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
