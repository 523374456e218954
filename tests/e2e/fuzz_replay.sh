#!/bin/sh
# The fuzz targets' own checks without clang: tests/helpers/fuzz_replay_TARGET
# (the target compiled with gcc and a plain main, tests/fuzz/replay_main.h)
# runs every seed of tests/fuzz/seeds.sh TARGET, which includes every input a
# fuzz run once failed on (tests/fuzz/regress/TARGET/). Under `make asan` this
# is each of them under ASan+UBSan.
[ -n "$BUILD" ] || { echo "BUILD is not set"; exit 77; }
fails=0
for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c); t=${t#fuzz_}
	bin=$BUILD/tests/helpers/fuzz_replay_$t
	if [ ! -x "$bin" ]; then
		echo "not ok fuzz_$t: $bin was not built (tests/helpers/fuzz_replay_$t.c missing?)"
		fails=$((fails + 1)); continue
	fi
	n=$(sh tests/fuzz/seeds.sh "$t" | wc -l)
	regress=$(ls tests/fuzz/regress/"$t" 2>/dev/null | wc -l)
	if [ "$n" -gt 0 ] && sh tests/fuzz/seeds.sh "$t" | tr '\n' '\0' | xargs -0 "$bin" >"$BUILD/fuzz_replay_$t.log" 2>&1; then
		echo "ok fuzz_$t: $n seeds replayed ($regress from tests/fuzz/regress/$t)"
	else
		fails=$((fails + 1))
		echo "not ok fuzz_$t: replaying $n seeds"; tail -20 "$BUILD/fuzz_replay_$t.log" | sed 's/^/  /'
	fi
done
[ $fails = 0 ]
