#!/bin/sh
# The bad-input corpus (issue 10), through the real binary as a user meets it:
# every malformed routine in tests/data/bad/routines/ under `unknot --check`,
# every malformed config in tests/data/bad/configs/ under
# `unknot --simulate ... --config FILE`, each with exit 1, nothing on stdout
# and exactly the diagnostics in its .expect (FILE:LINE:COLUMN: field: what is
# wrong). Then the cases that cannot be committed: 10 MB files, a file just
# over and just at the size limit, 100 000 levels of nesting, symlink loops,
# dangling links, unreadable files (as a non-root user when run as root),
# directories, a path through a file, /dev/null. None may crash or hang.
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
D=tests/data/bad
GOOD=tests/data/routines/good/minimal.json
SCRIPT=tests/data/simulate/empty.txt
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_STATE_HOME="$tmp/home/.state" \
	UNKNOT_SYSCONFDIR="$tmp/etc" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset UNKNOT_CONFIG
fails=0 n_routines=0 n_configs=0 n_made=0

# run WANT_RC CMD...: stdout/stderr to $tmp/out, $tmp/err; a hang is a failure.
run() {
	want=$1; shift
	timeout 20 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
# verdict NAME EXPECTED_STDERR: exit 1, empty stdout, stderr exactly as expected.
verdict() {
	if [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$2" ]; then
		echo "ok $1"
	else
		fails=$((fails + 1))
		echo "not ok $1 (exit $rc, wanted 1)"
		sed 's/^/  stdout: /' "$tmp/out"
		sed 's/^/  got:    /' "$tmp/err"
		printf '%s\n' "$2" | sed 's/^/  wanted: /'
	fi
}
check_routine() {  # check_routine NAME FILE EXPECTED
	run 1 "$UNKNOT" --check "$2"
	verdict "routine $1" "$3"
}
check_config() {  # check_config NAME FILE EXPECTED
	run 1 "$UNKNOT" --simulate $GOOD --input $SCRIPT --journal "$tmp/journal.jsonl" --config "$2"
	verdict "config $1" "$3"
}

# 1. the committed corpus
for f in $D/routines/*.json; do
	[ -e "${f%.json}.expect" ] || { echo "not ok $f has no .expect"; fails=$((fails + 1)); continue; }
	check_routine "$(basename "$f" .json)" "$f" "$(cat "${f%.json}.expect")"
	n_routines=$((n_routines + 1))
done
# --plan and --simulate load routines the same way and must say the same
# (the same parser: not repeated under valgrind, where each run takes ~1 s)
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] || for f in $D/routines/*.json; do
	n=$(basename "$f" .json)
	run 1 "$UNKNOT" --plan "$f"
	verdict "--plan $n" "$(cat "${f%.json}.expect")"
	run 1 "$UNKNOT" --simulate "$f" --input $SCRIPT --journal "$tmp/journal.jsonl"
	verdict "--simulate $n" "$(cat "${f%.json}.expect")"
done
for f in $D/configs/*.json; do
	[ -e "${f%.json}.expect" ] || { echo "not ok $f has no .expect"; fails=$((fails + 1)); continue; }
	check_config "$(basename "$f" .json)" "$f" "$(cat "${f%.json}.expect")"
	n_configs=$((n_configs + 1))
done

# 2. made here: too big to commit, or not files at all
made() { n_made=$((n_made + 1)); }
python3 - "$tmp" <<'EOF'
import sys
t = sys.argv[1]
ok = b'{"format": 1, "title": "T", "steps": [{"kind": "rest", "duration_s": 60}]}'
def w(name, data):
    with open(t + '/' + name, 'wb') as f:
        f.write(data)
# 10 MB: a valid start, then a title that never ends; 10 MB of NUL bytes
w('big10m.json', b'{"format": 1, "title": "' + b'x' * (10 * 1024 * 1024))
w('nul10m.json', b'\0' * (10 * 1024 * 1024))
w('cfg10m.json', b'{"font": "' + b'f' * (10 * 1024 * 1024) + b'"}')
# the limits: a routine of exactly 1 MiB is read, one byte more is not
w('limit.json', ok + b' ' * (1024 * 1024 - len(ok)))
w('limit1.json', ok + b' ' * (1024 * 1024 - len(ok) + 1))
w('cfglimit1.json', b'{"volume": 50}' + b' ' * (256 * 1024 - 14 + 1))
# 100 000 levels of nesting (recursion must be bounded)
w('deep.json', b'[' * 100000 + b']' * 100000)
w('deepobj.json', b'{"format": 1, "title": "T", "description": ' + b'{"a":' * 100000)
w('cfgdeep.json', b'{"gesture": ' + b'[' * 120000)
EOF
check_routine "10 MB file" "$tmp/big10m.json" "$tmp/big10m.json: the file is too big (at most 1 MiB)"; made
check_routine "10 MB of NUL bytes" "$tmp/nul10m.json" "$tmp/nul10m.json: the file is too big (at most 1 MiB)"; made
check_config "10 MB file" "$tmp/cfg10m.json" "$tmp/cfg10m.json: larger than 256 KiB"; made
check_routine "1 MiB + 1 byte" "$tmp/limit1.json" "$tmp/limit1.json: the file is too big (at most 1 MiB)"; made
check_config "256 KiB + 1 byte" "$tmp/cfglimit1.json" "$tmp/cfglimit1.json: larger than 256 KiB"; made
run 0 "$UNKNOT" --check "$tmp/limit.json"
if [ $rc = 0 ] && [ "$(cat "$tmp/out")" = "$tmp/limit.json: ok \"T\", 1 steps, 1:00" ]; then echo "ok routine of exactly 1 MiB is read"
else fails=$((fails + 1)); echo "not ok routine of exactly 1 MiB (exit $rc)"; cat "$tmp/err"; fi
check_routine "100000 nested arrays" "$tmp/deep.json" \
	"$tmp/deep.json:1:65: $(python3 -c 'print("[0]" * 42 + "[", end="")'): invalid JSON: nested too deeply"; made
check_routine "100000 nested objects, unclosed" "$tmp/deepobj.json" \
	"$tmp/deepobj.json:1:359: description$(python3 -c 'print(".a" * 58, end="")'): invalid JSON: nested too deeply"; made
check_config "120000 nested arrays" "$tmp/cfgdeep.json" \
	"$tmp/cfgdeep.json:1:76: gesture$(python3 -c 'print("[0]" * 40, end="")'): invalid JSON: nested too deeply"; made

# links and folders
ln -s loop_b.json "$tmp/loop_a.json"; ln -s loop_a.json "$tmp/loop_b.json"
ln -s "$tmp/nowhere.json" "$tmp/dangling.json"
ln -s self.json "$tmp/self.json"
mkdir "$tmp/folder.json"
cp $GOOD "$tmp/file.json"
check_routine "symlink loop" "$tmp/loop_a.json" "$tmp/loop_a.json: cannot read: Too many levels of symbolic links"; made
check_routine "symlink to itself" "$tmp/self.json" "$tmp/self.json: cannot read: Too many levels of symbolic links"; made
check_routine "dangling symlink" "$tmp/dangling.json" "$tmp/dangling.json: cannot read: No such file or directory"; made
check_routine "a directory" "$tmp/folder.json" "$tmp/folder.json: cannot read: Is a directory"; made
check_routine "a path through a file" "$tmp/file.json/x.json" "$tmp/file.json/x.json: cannot read: Not a directory"; made
check_routine "empty file name" "" ": cannot read: No such file or directory"; made
check_routine "/dev/null" /dev/null "/dev/null:1:1: invalid JSON: the file is empty"; made
check_config "symlink loop" "$tmp/loop_a.json" "$tmp/loop_a.json: Too many levels of symbolic links"; made
check_config "dangling symlink" "$tmp/dangling.json" "$tmp/dangling.json: No such file or directory"; made
check_config "a directory" "$tmp/folder.json" "$tmp/folder.json: Is a directory"; made
check_config "a path through a file" "$tmp/file.json/x.json" "$tmp/file.json/x.json: Not a directory"; made
check_config "/dev/null" /dev/null "/dev/null:1:1: invalid JSON: the file is empty"; made
# a named pipe with no writer where the config belongs: named as such, no hang
mkfifo "$tmp/pipe.json"
check_config "a FIFO" "$tmp/pipe.json" "$tmp/pipe.json: not a regular file (a FIFO or a socket)"; made
# the layers: a broken user config (no --config) names its file the same way
mkdir -p "$XDG_CONFIG_HOME/unknot"
cp $D/configs/volume_101.json "$XDG_CONFIG_HOME/unknot/config.json"
run 1 "$UNKNOT" --simulate $GOOD --input $SCRIPT --journal "$tmp/journal.jsonl"
verdict "config layer: the user's config.json" "$XDG_CONFIG_HOME/unknot/config.json:2:13: volume: 101 is out of range (0..100)"; made
rm -r "$XDG_CONFIG_HOME/unknot"; mkdir -p "$XDG_CONFIG_HOME/unknot/config.json"
run 1 "$UNKNOT" --simulate $GOOD --input $SCRIPT --journal "$tmp/journal.jsonl"
verdict "config layer: a directory as the user's config.json" "$XDG_CONFIG_HOME/unknot/config.json: Is a directory"; made
rm -r "$XDG_CONFIG_HOME/unknot"

# the same message reaches the user from the app and from unknot-pedal
for name in volume_101 bom_utf8 trunc_in_pedals utf8_invalid_in_font escape_nul_in_profile; do
	f=$D/configs/$name.json
	run 1 "$UNKNOT" --config "$f"
	verdict "app reports config $name" "unknot: $(cat "${f%.json}.expect")"; made
	if [ -n "$UNKNOT_PEDAL" ] && [ -x "$UNKNOT_PEDAL" ]; then
		run 1 "$UNKNOT_PEDAL" --config "$f" --timeout 1
		verdict "unknot-pedal reports config $name" "unknot-pedal: $(cat "${f%.json}.expect")"; made
	fi
done
run 1 "$UNKNOT" --config "$tmp/folder.json"
verdict "app reports a directory as config" "unknot: $tmp/folder.json: Is a directory"; made

# unreadable files: root reads anything, so drop to nobody for these
cp $GOOD "$tmp/locked.json"; cp tests/data/bad/configs/volume_101.json "$tmp/locked-cfg.json"
chmod 000 "$tmp/locked.json" "$tmp/locked-cfg.json"
as_user=
if [ "$(id -u)" = 0 ] && [ -n "${UNKNOT_UNDER_VALGRIND:-}" ]; then
	# $UNKNOT is a wrapper writing logs where nobody may not write
	echo "skipped unreadable files: root under valgrind (covered by the plain and asan runs)"
elif [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		# nobody must reach the binary and the corpus: copies in a world-readable folder
		mkdir -p "$tmp/pub/tests/data/routines/good" "$tmp/pub/tests/data/simulate"
		cp "$UNKNOT" "$tmp/pub/unknot"; cp $GOOD "$tmp/pub/$GOOD"; cp $SCRIPT "$tmp/pub/$SCRIPT"
		chmod 755 "$tmp" "$tmp/pub"; chmod -R a+rX "$tmp/pub"
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		echo "skipped unreadable files: running as root and setpriv is missing"
	fi
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	bin=$UNKNOT; [ -n "$as_user" ] && bin=$tmp/pub/unknot
	here=$PWD; [ -n "$as_user" ] && cd "$tmp/pub"
	run 1 $as_user "$bin" --check "$tmp/locked.json"
	verdict "routine unreadable (chmod 000)" "$tmp/locked.json: cannot read: Permission denied"; made
	run 1 $as_user "$bin" --simulate $GOOD --input $SCRIPT --journal "$tmp/pub/j.jsonl" --config "$tmp/locked-cfg.json"
	verdict "config unreadable (chmod 000)" "$tmp/locked-cfg.json: Permission denied"; made
	cd "$here"
fi

echo "bad inputs: $n_routines routines and $n_configs configs from $D, $n_made made at test time, $fails failed"
[ $fails = 0 ]
