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
# The controller (src/app/ctl*.[ch]) is pure app logic: no SDL, no files; its
# effects go through ctl_effects. From ui only the SDL-free model, from io only log.
hits=$(grep -nE '#include *[<"](SDL|gpiod|ui/|io/|app/)' src/app/ctl*.c src/app/ctl*.h 2>/dev/null | \
	grep -vE '"(ui/model\.h|io/log\.h|app/ctl(_internal)?\.h)"')
[ -n "$hits" ] && { echo "check-layers: the controller (src/app/ctl*) must not include SDL, drawing or io:"; echo "$hits"; bad=1; }
hits=$(grep -nE '\b(fopen|opendir|time\(NULL\)|SDL_[A-Za-z]+)' src/app/ctl*.c src/ui/model.h 2>/dev/null)
[ -n "$hits" ] && { echo "check-layers: the controller must not open files, read the clock or call SDL:"; echo "$hits"; bad=1; }
# The SDL shell (app.c, window.c, shell_open.c) does file work through src/io
# and reads the wall clock through io/clock.
hits=$(grep -nE '\b(fopen|opendir|time\(NULL\))' src/app/app.c src/app/window.c src/app/shell_open.c 2>/dev/null)
[ -n "$hits" ] && { echo "check-layers: the shell opens files through src/io, the wall clock through io/clock:"; echo "$hits"; bad=1; }
# io threads wake their owner through a callback; they post no SDL events.
hits=$(grep -nE '\bSDL_(PushEvent|RegisterEvents|PeepEvents)\b' src/io/*.c 2>/dev/null)
[ -n "$hits" ] && { echo "check-layers: src/io posts no SDL events (wake the owner through a callback):"; echo "$hits"; bad=1; }
[ $bad = 0 ] && echo "check-layers: ok"
exit $bad
