#!/bin/sh
# The architecture, checked: src/core is pure (no SDL, no libgpiod, no clock, no
# file or process I/O), and no .c file declares `extern` (headers do that).
bad=0
hits=$(grep -nE '#include *[<"](SDL|gpiod|unistd\.h|fcntl\.h|sys/|time\.h|pthread)' src/core/*.c src/core/*.h 2>/dev/null)
[ -n "$hits" ] && { echo "check-layers: src/core must not include platform headers:"; echo "$hits"; bad=1; }
hits=$(grep -nE '\b(clock_gettime|gettimeofday|time\(|fopen|open\(|getenv|SDL_GetTicks)' src/core/*.c 2>/dev/null | grep -v '^\s*//' )
[ -n "$hits" ] && { echo "check-layers: src/core must not read clocks, files or the environment:"; echo "$hits"; bad=1; }
hits=$(grep -nE '^\s*extern\b' src/*.c src/*/*.c 2>/dev/null)
[ -n "$hits" ] && { echo "check-layers: no extern in .c files:"; echo "$hits"; bad=1; }
[ $bad = 0 ] && echo "check-layers: ok"
exit $bad
