#!/bin/sh
# Runs every benchmark: each compiled bench/bench_*.c binary and each bench/*.sh
# script other than this one. Each prints its own figures and targets.
dir=$(cd "$(dirname "$0")" && pwd)
rc=0
for b in "$BUILD"/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || rc=1
done
for s in "$dir"/*.sh; do
	[ "$(basename "$s")" = run.sh ] && continue
	echo "== $(basename "$s")"
	sh "$s" || rc=1
done
exit $rc
