#!/bin/sh
# make valgrind: every unit binary and a subset of the tests/e2e scripts
# (VALGRIND_E2E, below), with every unknot, unknot-pedal, unit-test and test-helper process run under
# valgrind memcheck; fails when any test fails or any run's log has an error
# or a definite/indirect leak.
#
#   sh tests/valgrind.sh BUILD UNIT_BINARY...      (from the repository root)
#
# The e2e scripts call "$UNKNOT", "$UNKNOT_PEDAL" and "$BUILD/tests/helpers/X":
# those point to small wrapper scripts in BUILD/valgrind/ that exec valgrind on
# the real binary; unit binaries get the same wrapper through run_all.sh's
# TEST_WRAPPER. One log per process in BUILD/valgrind/logs/NAME.PID.log.
# UNKNOT_UNDER_VALGRIND=1 tells the scripts; only timing bounds may be relaxed
# with it (see tests/e2e/audio_cues.sh, crash.sh), never behaviour.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD UNIT_BINARY..." >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed: make test-deps" >&2; exit 1; }
root=$(pwd)
B=$(cd "$1" && pwd) || exit 1
shift
vg=$B/valgrind
rm -rf "$vg"
mkdir -p "$vg/logs" "$vg/build/tests/helpers"

# The one place the valgrind options are: memcheck, leaks of the kinds that are
# the program's fault (definite, indirect) count as errors; "possibly" and
# "still reachable" are left to the report (SDL and espeak-ng threads and
# caches end up there). 97 is an exit status no test expects.
cat >"$vg/memcheck" <<EOF
#!/bin/sh
# memcheck BINARY ARGS...: run BINARY under valgrind, its log in $vg/logs.
n=\$(basename "\$1")
exec valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --error-exitcode=97 --num-callers=40 \\
	--suppressions="$root/tests/valgrind.supp" --gen-suppressions=all \\
	--log-file="$vg/logs/\$n.%p.log" "\$@"
EOF
wrap() {  # wrap REAL WRAPPER
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$vg/memcheck" "$1" >"$2"
	chmod +x "$2"
}
chmod +x "$vg/memcheck"
wrap "$B/unknot" "$vg/unknot"
wrap "$B/unknot-pedal" "$vg/unknot-pedal"
for h in "$B"/tests/helpers/*; do
	case $h in *.d|*.o) continue ;; esac
	[ -x "$h" ] && wrap "$h" "$vg/build/tests/helpers/${h##*/}"
done

# Which end-to-end scripts: every unit binary always runs under memcheck; of the
# e2e scripts a representative subset (CI's 45-minute budget: all of them took
# 25 minutes on 2 cores, and ASan+UBSan already runs every one of them).
# The subset drives both binaries through their main paths: the app's screens
# with keys, touch, the check-in and the kiosk admin, --simulate, --history and
# --export, the cue sounds, and unknot-pedal. VALGRIND_E2E=all runs every
# script.
VALGRIND_E2E=${VALGRIND_E2E:-simulate.sh history.sh ui_keys.sh ui_checkin.sh kiosk_admin.sh pedal_cli.sh sounds.sh}
[ "$VALGRIND_E2E" = all ] && VALGRIND_E2E=
echo "valgrind: e2e scripts: ${VALGRIND_E2E:-all}"

t0=$(date +%s)
E2E_ONLY=$VALGRIND_E2E \
UNKNOT=$vg/unknot UNKNOT_PEDAL=$vg/unknot-pedal BUILD=$vg/build UNKNOT_UNDER_VALGRIND=1 \
TEST_WRAPPER=$vg/memcheck UNIT_TIMEOUT=${UNIT_TIMEOUT:-1800} E2E_TIMEOUT=${E2E_TIMEOUT:-2400} \
	sh tests/run_all.sh "$@"
rc=$?
secs=$(( $(date +%s) - t0 ))

# Every log: "ERROR SUMMARY: N errors" (leaks of the counted kinds included).
# A log without it is a process killed with SIGKILL on purpose (crash.sh) or
# by a timeout: it cannot be judged, it is counted, and a timeout already
# failed its test.
runs=0 bad=0 killed=0
for l in "$vg"/logs/*.log; do
	[ -e "$l" ] || continue
	runs=$((runs + 1))
	n=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) error.*/\1/p' "$l" | tail -1)
	if [ -z "$n" ]; then
		killed=$((killed + 1))
	elif [ "$n" != 0 ]; then
		bad=$((bad + 1))
		echo "valgrind: $n error(s) in ${l#"$root"/}:"
		grep -v '^==[0-9]*== *$' "$l" | head -60
	fi
done
leaks=$(cat "$vg"/logs/*.log 2>/dev/null | grep -c -E '(definitely|indirectly) lost in loss record')
supp=$(grep -c '^{' "$root/tests/valgrind.supp")
echo "valgrind: $runs processes checked, $bad with errors or leaks ($leaks leak records)," \
	"$killed without a summary (killed or exec'd); $supp suppressions; $secs s"
[ "$rc" = 0 ] && [ "$bad" = 0 ]
