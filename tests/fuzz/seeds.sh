#!/bin/sh
# seeds.sh TARGET: the seed inputs of fuzz target TARGET, one file a line, from
# the repository root. Used by run.sh (the fuzzer's starting corpus) and by
# tests/e2e/fuzz_replay.sh (the targets' checks in `make test`). Every input a
# fuzz run ever failed on goes in tests/fuzz/regress/TARGET/ (see run.sh).
list() { for f in "$@"; do [ -f "$f" ] && printf '%s\n' "$f"; done; }
case $1 in
routine) list tests/data/routines/good/* tests/data/routines/bad/*.json tests/data/bad/routines/*.json routines/*.json ;;
config) list tests/data/bad/configs/*.json ;;
script) list tests/data/simulate/* ;;
bodymap) list assets/bodymap.json ;;
bodymap_pack) list assets/bodymap.json ;;
journal) list tests/fuzz/seeds/journal_line/* ;;
esac
list tests/fuzz/seeds/"$1"/* tests/fuzz/regress/"$1"/*
