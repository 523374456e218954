# Sourced by the end-to-end scripts (tests/e2e/*.sh): one "ok NAME" or
# "not ok NAME" line per check, as tests/run_all.sh counts them; $fail is 1
# once a check failed.
fail=0
ok() { echo "ok $1"; }
nok() { echo "not ok $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
