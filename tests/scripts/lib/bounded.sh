# bounded.sh -- sourced by script tests: run a command under a hang guard
# that does not depend on how busy the machine is.
#
# A loop is caught by CPU time (120 s: far above what any case needs even
# under the sanitizers), a wait that never ends (a FIFO without a writer)
# by a wall-clock limit long enough that no load on a shared machine
# reaches it.  Neither measures speed: that is bench/'s business.

BOUNDED_CPU=120
BOUNDED_WALL=900

# bounded CMD...: CMD's exit status; 124 after the wall-clock limit,
# 128 + SIGXCPU or SIGKILL after the CPU-time limit.
bounded() {
	(ulimit -t "$BOUNDED_CPU" && exec timeout -k 10 "$BOUNDED_WALL" "$@")
}

# bounded_hang STATUS: does STATUS say a limit of bounded() was hit?
bounded_hang() {
	[ "$1" -eq 124 ] || [ "$1" -eq $((128 + 24)) ] ||
	    [ "$1" -eq $((128 + 9)) ]
}
