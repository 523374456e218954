#!/bin/sh
# Runs every unit-test binary given as arguments, then every tests/e2e/*.sh script,
# and ends with one line "N passed, N failed, N skipped".
# Unit binaries are cmocka programs; their "[  PASSED  ] N test(s)." and
# "[  FAILED  ] N test(s)" lines are counted. An end-to-end script prints a line
# "ok NAME" or "not ok NAME" per check; it exits 77 when it must be skipped
# (a tool it needs is missing), saying why on its last line.
passed=0 failed=0 skipped=0
# The tests read English: a developer's own language must not translate what they check.
export LANGUAGE=en
failures=""
log=$(mktemp) ; trap 'rm -f "$log"' EXIT
for t in "$@"; do
	name=${t#"$BUILD"/}
	# TEST_WRAPPER (cross-builds): e.g. "qemu-aarch64 -L /", split into words on purpose
	t0=$(date +%s)
	# A hung test must fail, not eat CI's time: KILL because SDL turns TERM into a quit event.
	if timeout -s KILL "${UNIT_TIMEOUT:-300}" $TEST_WRAPPER "$t" >"$log" 2>&1; then rc=0; else rc=$?; fi
	[ "$rc" = 137 ] && echo "(killed after ${UNIT_TIMEOUT:-300} s)" >>"$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	p=${p:-0} f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" != 0 ]; then
		cat "$log"; failures="$failures $name"
		echo "FAIL $name ($p passed, $f failed)"
	else
		echo "PASS $name ($p tests, $(( $(date +%s) - t0 )) s)"
	fi
done
# E2E_ONLY="a.sh b.sh" runs just those scripts (tests/valgrind.sh's subset).
for s in tests/e2e/*.sh; do
	[ -e "$s" ] || continue
	if [ -n "${E2E_ONLY:-}" ]; then
		case " $E2E_ONLY " in *" ${s##*/} "*) ;; *) continue ;; esac
	fi
	# cross-built: the scripts run native tools (under valgrind they run, wrapped)
	if [ -n "${TEST_WRAPPER:-}" ] && [ -z "${UNKNOT_UNDER_VALGRIND:-}" ]; then
		skipped=$((skipped + 1))
		echo "SKIP $s: cross-built binaries (TEST_WRAPPER=$TEST_WRAPPER); end-to-end runs natively only"
		continue
	fi
	t0=$(date +%s)
	if timeout -s KILL "${E2E_TIMEOUT:-900}" sh "$s" >"$log" 2>&1; then rc=0; else rc=$?; fi
	[ "$rc" = 137 ] && echo "(killed after ${E2E_TIMEOUT:-900} s)" >>"$log"
	if [ "$rc" = 77 ]; then
		skipped=$((skipped + 1))
		echo "SKIP $s: $(tail -1 "$log")"
		continue
	fi
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" != 0 ]; then
		cat "$log"; failures="$failures $s"
		echo "FAIL $s ($p passed, $f failed)"
	else
		echo "PASS $s ($p checks, $(( $(date +%s) - t0 )) s)"
	fi
done
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
