#!/bin/sh
# `make fuzz`: builds the libFuzzer targets in tests/fuzz/ against the pure
# parsers (src/core/*.c, cJSON) with clang's fuzzer + AddressSanitizer +
# UBSan, then runs each for SECONDS (default 30) from a seed corpus.
#
#   sh tests/fuzz/run.sh [SECONDS] [TARGET...]   (default: every tests/fuzz/fuzz_TARGET.c)
#   make fuzz FUZZ_SECONDS=120
#   FUZZ_FLAGS='-fork=1 -ignore_crashes=1' sh tests/fuzz/run.sh 60 config   (go on past a crash)
#
# Seeds (tests/fuzz/seeds.sh): the sample and bad routines, the bad configs,
# the --simulate scripts, assets/bodymap.json, tests/fuzz/seeds/TARGET/ and
# every input that once failed (tests/fuzz/regress/TARGET/, which
# tests/e2e/fuzz_replay.sh also replays in `make test`). What a run finds new
# is kept in $BUILD/fuzz/corpus-TARGET, so the next run starts from there. A crash, leak, sanitizer report or a broken
# promise (the targets abort()) leaves the input in $BUILD/fuzz/crash-TARGET-*
# with the report in $BUILD/fuzz/TARGET.log; reproduce it with
# `$BUILD/fuzz/fuzz_TARGET FILE`; once fixed, copy it to tests/fuzz/regress/TARGET/.
# Prints "ok"/"not ok" per target with executions and coverage; exit 1 when a
# target failed, 77 when clang's libFuzzer runtime is missing
# (apt-get install clang libclang-rt-14-dev).
set -u
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-30}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- $(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
OUT=${BUILD:-build}/fuzz
CC_FUZZ=${CC_FUZZ:-clang}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
JOBS=${JOBS:-2}

skip() { echo "fuzz: skipped: $*"; exit 77; }
command -v "$CC_FUZZ" >/dev/null 2>&1 || skip "$CC_FUZZ not installed (apt-get install clang libclang-rt-14-dev)"
CJSON_CFLAGS=$($PKG_CONFIG --cflags libcjson 2>/dev/null) || skip "libcjson-dev missing"
CJSON_LIBS=$($PKG_CONFIG --libs libcjson)
mkdir -p "$OUT/obj"
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }' >"$OUT/probe.c"
"$CC_FUZZ" -fsanitize=fuzzer,address,undefined "$OUT/probe.c" -o "$OUT/probe" >/dev/null 2>&1 ||
	skip "$CC_FUZZ cannot link -fsanitize=fuzzer (apt-get install libclang-rt-14-dev)"

FLAGS="-std=c11 -g -O1 -fno-omit-frame-pointer -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc $CJSON_CFLAGS"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"

# 1. the core, once (instrumented for coverage; no main)
objs=$(for src in src/core/*.c; do printf ' %s' "$OUT/obj/$(basename "$src" .c).o"; done)
for src in src/core/*.c; do
	o=$OUT/obj/$(basename "$src" .c).o
	if [ ! -e "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find src/core -name '*.h' -newer "$o")" ]; then
		echo "$CC_FUZZ $FLAGS $SAN -fsanitize=fuzzer-no-link -c $src -o $o"
	fi
done | xargs -P "$JOBS" -I{} sh -c '{} || exit 255' || { echo "not ok fuzz build (core)"; exit 1; }

seed_dir() {  # seed_dir TARGET: a directory of seeds (libFuzzer reads directories)
	d=$OUT/seeds-$1
	rm -rf "$d"; mkdir -p "$d"
	sh tests/fuzz/seeds.sh "$1" | while read -r f; do cp "$f" "$d/$(echo "$f" | tr / _)"; done
	echo "$d"
}

fails=0
for t in "$@"; do
	src=tests/fuzz/fuzz_$t.c
	bin=$OUT/fuzz_$t
	[ -e "$src" ] || { echo "not ok fuzz_$t: no $src"; fails=$((fails + 1)); continue; }
	# targets that drive an io/ reader too: it, with small buffers (see the target)
	extra=
	case $t in
	journal) extra="-DJOURNAL_READ_CHUNK=256 -DJOURNAL_READ_MAX_LINE=1024 src/io/journal_read.c" ;;
	esac
	if ! "$CC_FUZZ" $FLAGS $SAN -fsanitize=fuzzer $extra "$src" $objs $CJSON_LIBS -lm -o "$bin" 2>"$OUT/$t.build.log"; then
		cat "$OUT/$t.build.log"; echo "not ok fuzz_$t: build"; fails=$((fails + 1)); continue
	fi
	seeds=$(seed_dir "$t")
	mkdir -p "$OUT/corpus-$t"
	dict=
	case $t in script) ;; *) dict=-dict=tests/fuzz/json.dict ;; esac
	touch "$OUT/.start-$t"
	# max_len: 16 KB leaves routines (a few KB) room to grow; never below the
	# biggest seed (assets/bodymap.json), which a cut would make unparsable.
	maxlen=$(wc -c "$seeds"/* 2>/dev/null | awk '$2 != "total" && $1 > m { m = $1 } END { print (m > 16384 ? m : 16384) }')
	"$bin" $dict -max_total_time="$SECONDS_EACH" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 ${FUZZ_FLAGS:-} -artifact_prefix="$OUT/crash-$t-" \
		"$OUT/corpus-$t" "$seeds" >"$OUT/$t.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log" | tail -1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/$t.log" | tail -1)
	# -fork=N prints no stat:: lines, only "#RUNS: cov: N ... exec/s N ..."
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$OUT/$t.log" | tail -1)
	[ -n "$speed" ] || speed=$(sed -n 's/^#[0-9]*: cov:.* exec\/s \([0-9]*\).*/\1/p' "$OUT/$t.log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$OUT/$t.log" | tail -1 | sed 's/cov: //')
	corpus=$(ls "$OUT/corpus-$t" | wc -l)
	# with -ignore_crashes the exit status is 0: new artifacts are what counts
	found=$(find "$OUT" -maxdepth 1 -name "crash-$t-*" -newer "$OUT/.start-$t" | wc -l)
	if [ $rc = 0 ] && [ "$found" = 0 ]; then
		echo "ok fuzz_$t: ${execs:-?} runs in ${SECONDS_EACH} s (${speed:-?}/s), coverage ${cov:-?} edges, corpus $corpus"
	else
		fails=$((fails + 1))
		echo "not ok fuzz_$t (exit $rc, $found new crash inputs, ${execs:-?} runs): $(ls -t "$OUT"/crash-"$t"-* 2>/dev/null | head -1)"
		grep -E 'runtime error|ERROR: |SUMMARY: | #[0-9]+ 0x' "$OUT/$t.log" | grep -v -E 'libFuzzer|fuzzer::|libc|_start|sanitizer_print' |
			sort | uniq | head -25 | sed 's/^/    /'
	fi
done
[ $fails = 0 ]
