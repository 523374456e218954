#!/bin/sh
# tests/check_layers.sh fails the build for each rule it enforces: the real
# tree passes, and a copy of src/ with one violation planted at a time fails
# with the rule's message (issue 16: ui opens no files, io posts no SDL events
# and reports through log.c, no file over 800 lines, no function over 100).
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/checks.sh"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT

check "the tree passes" '(cd "$here/.." && sh tests/check_layers.sh >"$T/out" 2>&1)'

# Runs the check on a fresh copy of src/ after `plant` (a shell snippet run in
# the copy); passes when it fails and prints $2.
planted() {
	rm -rf "$T/w" && mkdir -p "$T/w/tests" && cp -r "$here/../src" "$T/w/" &&
	cp "$here/check_layers.sh" "$here/check_funclen.awk" "$T/w/tests/" || return 1
	(cd "$T/w" && eval "$1") || return 1
	(cd "$T/w" && sh tests/check_layers.sh >"$T/out" 2>&1) && return 1
	grep -q -- "$2" "$T/out"
}
check "ui including an io header fails" \
	'planted "sed -i \"1a #include \\\"io/log.h\\\"\" src/ui/gfx.c" "src/ui must not include io/"'
check "ui calling fopen fails" \
	'planted "printf \"static void f(void) { fopen(\\\"x\\\", \\\"r\\\"); }\\n\" >>src/ui/gfx.c" "src/ui must not open files"'
check "ui starting a process fails" \
	'planted "printf \"static void f(void) { popen(\\\"fc-match\\\", \\\"r\\\"); }\\n\" >>src/ui/theme.c" "src/ui must not open files or start processes"'
check "a comment naming fopen in ui is fine" \
	'! planted "printf \"/* no fopen() here */\\n\" >>src/ui/gfx.c" "src/ui must not"'
check "io posting an SDL event fails" \
	'planted "printf \"static void f(void) { SDL_PushEvent(0); }\\n\" >>src/io/dirwatch.c" "src/io must not post SDL events"'
check "io printing to stderr fails" \
	'planted "printf \"static void f(void) { fprintf(stderr, \\\"x\\\"); }\\n\" >>src/io/watchdog.c" "src/io reports through log.c"'
check "a file over 800 lines fails" \
	'planted "seq 800 | sed \"s|.*|/* filler */|\" >>src/core/idle.c" "no source file over 800 lines"'
check "a function over 100 lines fails, named" \
	'planted "{ printf \"int idle_long(int x)\\n{\\n\"; seq 101 | sed \"s|.*|\tx++;|\"; printf \"\treturn x;\\n}\\n\"; } >>src/core/idle.c" "idle_long 104 lines"'
check "braces in strings and comments do not count" \
	'! planted "{ printf \"int idle_ok(int x)\\n{\\n\tconst char *s = \\\"}}}\\\"; /* } */\\n\"; seq 90 | sed \"s|.*|\tx++;|\"; printf \"\treturn x + (int)s[0];\\n}\\n\"; } >>src/core/idle.c" "idle_ok"'
check "core reading the clock still fails" \
	'planted "printf \"static long f(void) { return time(0); }\\n\" >>src/core/idle.c" "src/core must not read clocks"'
exit $fail
