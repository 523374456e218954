# unknot - guided self-treatment session timer.
#
#   make              build ./unknot and ./unknot-pedal
#   make run          build and start the app on the bundled routines
#   make test         build and run every test (unit, end-to-end)
#   make asan         the same tests under AddressSanitizer + UBSan (build-asan/)
#   make valgrind     the same tests under valgrind memcheck (build-valgrind/)
#   make deps         install missing Debian / Raspberry Pi OS packages to build and run
#   make test-deps    install missing packages needed by the tests too
#   make install      honours DESTDIR and PREFIX; make uninstall
#   make install-kiosk  install + the unknot user, /etc/unknot/config.json, the enabled unit
#   make fuzz         the libFuzzer targets (make fuzz-deps installs clang)
#   make test-kiosk   the kiosk appliance booted under QEMU (root)
#   make test-platforms  arm64, armhf, Debian 13, libgpiod 2.x
#   make bench        run the benchmarks under bench/
#   make CROSS=aarch64-linux-gnu  cross-build (see docs/PLATFORMS.md)
#   make deb [DEB_ARCH=arm64]  the .deb packages (docs/PACKAGING.md); make deb-deps
#   make test-deb     install/upgrade/purge the .debs in a fresh Debian 12 root (root)
#   make image        a bootable Debian 12 arm64 kiosk disk image (docs/IMAGE.md); make test-image boots it
#
# User CFLAGS/LDFLAGS are appended to, never overwritten.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/unknot
MANDIR     ?= $(PREFIX)/share/man
APPDIR     ?= $(PREFIX)/share/applications
ICONDIR    ?= $(PREFIX)/share/icons/hicolor/scalable/apps
METAINFODIR ?= $(PREFIX)/share/metainfo
# systemd also looks in /usr/local/lib/systemd/system; another PREFIX may need
# UNITDIR=/etc/systemd/system.
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SYSCONFDIR ?= /etc
DESTDIR    ?=
VERSION    := 0.1.0

# Cross-builds (docs/PLATFORMS.md): CROSS is a Debian multiarch triplet,
# aarch64-linux-gnu (arm64) or arm-linux-gnueabihf (armhf). Libraries come from
# the multiarch -dev packages (dpkg --add-architecture) or, with SYSROOT=DIR,
# from a root holding them (tests/platforms/cross.sh makes one when apt cannot).
# Unit tests then run under qemu-user: TEST_WRAPPER is put before each binary.
CROSS      ?=
SYSROOT    ?=
ifneq ($(CROSS),)
# 32-bit ARM: 64-bit file offsets (trixie's armhf default), or readdir() fails
# with EOVERFLOW under qemu-user on ext4, whose directory hashes are 64-bit.
CC         := $(CROSS)-gcc$(if $(SYSROOT), --sysroot=$(SYSROOT))$(if $(filter arm-%,$(CROSS)), -D_FILE_OFFSET_BITS=64)
AR         := $(CROSS)-ar
# make 4.3 does not pass exported variables to $(shell), so pkg-config gets
# its search path on its own command line.
PKG_CONFIG_LIBDIR := $(SYSROOT)/usr/lib/$(CROSS)/pkgconfig:$(SYSROOT)/usr/share/pkgconfig
PKG_CONFIG := env PKG_CONFIG_LIBDIR=$(PKG_CONFIG_LIBDIR) $(if $(SYSROOT),PKG_CONFIG_SYSROOT_DIR=$(SYSROOT)) pkg-config
# qemu-aarch64 / qemu-arm. -L / (the multiarch root), not -L /usr/$(CROSS):
# that one has the cross ld.so, which hangs every pthread_create with the
# multiarch libc. SIGKILL because SDL turns SIGTERM into SDL_QUIT.
QEMU_ARCH  := $(firstword $(subst -, ,$(CROSS)))
# 20 minutes a binary: test_text's thousands of renders take minutes under
# emulation, and a loaded CI machine (two streams) made it 5 (a kill is a fail).
TEST_WRAPPER ?= timeout -s KILL 1200 qemu-$(QEMU_ARCH) -L $(if $(SYSROOT),$(SYSROOT),/)
export TEST_WRAPPER
UNIT_TIMEOUT ?= 1200
export UNIT_TIMEOUT
BUILD      ?= build-$(CROSS)
else
BUILD      ?= build
endif
PKG_CONFIG ?= pkg-config

SANITIZE   ?=
ifneq ($(SANITIZE),)
BUILD      := build-asan
SANFLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

WARN := -std=c11 -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
        -Wformat=2 -Wwrite-strings -Wno-format-nonliteral -Werror
OPT  ?= -O2 -g

# libgpiod: 1.x (bookworm) and 2.x (trixie) have different APIs; pick the backend file.
GPIOD_VERSION := $(shell $(PKG_CONFIG) --modversion libgpiod 2>/dev/null)
GPIOD_MAJOR   := $(firstword $(subst ., ,$(GPIOD_VERSION)))
ifeq ($(GPIOD_MAJOR),2)
GPIO_BACKEND  := src/io/gpio_v2.c
else
GPIO_BACKEND  := src/io/gpio_v1.c
endif
GPIO_UNUSED   := $(filter-out $(GPIO_BACKEND),src/io/gpio_v1.c src/io/gpio_v2.c)

# espeak-ng is optional: spoken prompts when present, tones only without it.
HAVE_ESPEAK := $(shell $(PKG_CONFIG) --exists espeak-ng 2>/dev/null && echo 1)
ifeq ($(NO_ESPEAK),1)
HAVE_ESPEAK :=
endif

CORE_PKGS := libcjson
APP_PKGS  := sdl2 SDL2_ttf SDL2_mixer libgpiod libcjson libmosquitto fontconfig $(if $(HAVE_ESPEAK),espeak-ng)
# Opened at run time, when first needed (src/io/dynlib.h, src/io/mqttlib.h).
DLOPEN_PKGS := SDL2_mixer libmosquitto $(if $(HAVE_ESPEAK),espeak-ng)

# On a fresh machine pkg-config and the -dev packages come with `make deps`:
# say so instead of failing on a missing SDL.h.
HAVE_PKG_CONFIG := $(shell command -v pkg-config 2>/dev/null)
ifeq ($(HAVE_PKG_CONFIG),)
ifneq ($(filter-out deps test-deps deps-dashboard deb-deps clean uninstall run test asan valgrind bench test-platforms fuzz,$(or $(MAKECMDGOALS),all)),)
$(warning pkg-config is not installed: run 'make deps' (or 'make test-deps') first)
endif
PKG_CONFIG := true
endif

CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
APP_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(APP_PKGS)) $(if $(HAVE_ESPEAK),-DUNKNOT_HAVE_ESPEAK=1)
# DLOPEN_PKGS: their cflags but not their libs (issue 22); dlopen is in
# glibc's libc since 2.34.
APP_LIBS    := $(shell $(PKG_CONFIG) --libs $(filter-out $(DLOPEN_PKGS),$(APP_PKGS))) -lm -lpthread
CORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lm
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DUNKNOT_VERSION=\"$(VERSION)\" \
        -DUNKNOT_DATADIR=\"$(DATADIR)\" -Isrc

# Quiet rules by default ("CC src/core/session.c"); V=1 prints whole commands.
ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-6s %s\n'
endif

ALL_CFLAGS  = $(WARN) $(OPT) $(SANFLAGS) $(DEFS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# The layers. src/core builds without SDL or libgpiod headers: that is enforced by
# compiling it with only cJSON's flags (and by tests/check_layers.sh).
CORE_SRC := $(wildcard src/core/*.c)
IO_SRC   := $(filter-out $(GPIO_UNUSED),$(wildcard src/io/*.c))
UI_SRC   := $(wildcard src/ui/*.c)
APP_SRC  := $(wildcard src/app/*.c)
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
IO_OBJ   := $(IO_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/%.o)

LIBCORE  := $(BUILD)/libunknot-core.a
LIBALL   := $(BUILD)/libunknot.a

UNIT_CORE_SRC := $(wildcard tests/core/test_*.c)
UNIT_IO_SRC   := $(wildcard tests/io/test_*.c)
UNIT_UI_SRC   := $(wildcard tests/ui/test_*.c)
UNIT_APP_SRC  := $(wildcard tests/app/test_*.c)
UNIT_CORE := $(UNIT_CORE_SRC:%.c=$(BUILD)/%)
UNIT_IO   := $(UNIT_IO_SRC:%.c=$(BUILD)/%)
UNIT_UI   := $(UNIT_UI_SRC:%.c=$(BUILD)/%)
UNIT_APP  := $(UNIT_APP_SRC:%.c=$(BUILD)/%)
UNIT_ALL  := $(UNIT_CORE) $(UNIT_IO) $(UNIT_UI) $(UNIT_APP)
TEST_HELPERS := $(patsubst %.c,$(BUILD)/%,$(wildcard tests/helpers/*.c))

BENCH_SRC := $(wildcard bench/bench_*.c)
BENCH_BIN := $(BENCH_SRC:%.c=$(BUILD)/%)

.PHONY: all run test test-build asan valgrind valgrind-run deps test-deps install install-kiosk test-kiosk uninstall clean bench check-layers sounds test-platforms
.PHONY: deb deb-deps deb-trixie test-deb image image-deps test-image
all: unknot unknot-pedal

$(BUILD)/src/core/%.o: src/core/%.c
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) -c $< -o $@

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(quiet) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(APP_CFLAGS) -c $< -o $@

$(LIBCORE): $(CORE_OBJ)
	@mkdir -p $(@D)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(LIBALL): $(IO_OBJ) $(UI_OBJ) $(APP_OBJ)
	@mkdir -p $(@D)
	$(quiet) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/unknot: $(BUILD)/src/main.o $(LIBALL) $(LIBCORE)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(APP_LIBS)

$(BUILD)/unknot-pedal: $(BUILD)/src/pedal_main.o $(LIBALL) $(LIBCORE)
	$(quiet) LINK $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(APP_LIBS)

# The top-level binaries are the native, non-sanitized build.
ifeq ($(BUILD),build)
unknot: $(BUILD)/unknot
	$(Q)cp $< $@
unknot-pedal: $(BUILD)/unknot-pedal
	$(Q)cp $< $@
else
unknot: $(BUILD)/unknot
unknot-pedal: $(BUILD)/unknot-pedal
endif

# Unit tests: one binary per file. Core tests link only the core (no SDL).
$(BUILD)/tests/core/%: tests/core/%.c $(LIBCORE)
	@mkdir -p $(@D)
	$(quiet) CCLD $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CORE_CFLAGS) $(CMOCKA_CFLAGS) -Itests -o $@ $< $(LIBCORE) $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: tests/%.c $(LIBALL) $(LIBCORE)
	@mkdir -p $(@D)
	$(quiet) CCLD $<
	$(Q)$(CC) $(ALL_CFLAGS) $(APP_CFLAGS) $(CMOCKA_CFLAGS) -Itests -o $@ $< $(LIBALL) $(LIBCORE) $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(APP_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIBALL) $(LIBCORE)
	@mkdir -p $(@D)
	$(quiet) CCLD $<
	$(Q)$(CC) $(ALL_CFLAGS) $(APP_CFLAGS) -o $@ $< $(LIBALL) $(LIBCORE) $(ALL_LDFLAGS) $(APP_LIBS)

# run/test/asan/bench re-enter make so that pkg-config is asked after `make deps`
# (on a fresh machine `make deps run` parses this file before pkg-config exists).
run:
	@$(MAKE) --no-print-directory unknot
	./unknot $(ARGS)

check-layers:
	@sh tests/check_layers.sh

# Regenerates assets/sounds/*.wav (needs sox; the result is byte-identical).
sounds:
	sh assets/sounds/generate.sh

# make test: every unit test binary, then every end-to-end script; one summary line.
test:
	@$(MAKE) --no-print-directory test-build
	@UNKNOT=$(abspath $(BUILD)/unknot) UNKNOT_PEDAL=$(abspath $(BUILD)/unknot-pedal) \
	 BUILD=$(abspath $(BUILD)) sh tests/run_all.sh $(UNIT_ALL)

test-build: $(BUILD)/unknot $(BUILD)/unknot-pedal $(UNIT_ALL) $(TEST_HELPERS) check-layers

# make asan: every unit test and ASAN_E2E's e2e scripts under ASan+UBSan
# (ASAN_E2E=all: every script; CI's budget keeps a subset that drives the
# parsers, every screen, the session rules, the journal's recovery, the fleet
# messages and unknot-pedal).
ASAN_E2E ?= bad_inputs.sh routines.sh simulate.sh simulate_app.sh ui_walk.sh ui_caution.sh \
	ui_checkin.sh ui_end_dialog.sh kiosk_admin.sh history.sh faults.sh finder_cli.sh \
	fleet_faults.sh pedal_cli.sh
asan:
	@LSAN_OPTIONS="suppressions=$(abspath tests/lsan.supp):print_suppressions=0$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}" \
	 $(MAKE) --no-print-directory SANITIZE=1 E2E_ONLY="$(filter-out all,$(ASAN_E2E))" test

# The same tests with every unknot, unknot-pedal, unit-test and helper process
# under valgrind memcheck (tests/valgrind.sh): no error, no definite/indirect leak.
valgrind:
	@$(MAKE) --no-print-directory BUILD=build-valgrind OPT="-O1 -g" valgrind-run
valgrind-run: test-build
	@sh tests/valgrind.sh $(BUILD) $(UNIT_ALL)

# All platforms (docs/PLATFORMS.md): native, arm64 + armhf cross-builds with
# their unit tests under qemu-user, a Debian 13 chroot (libgpiod 2.x), and
# gpio_v2.c against a real kernel (tests/e2e/gpio_qemu.sh with trixie arm64 libs).
# Root for apt/debootstrap; PLATFORMS="arm64 trixie" picks some.
test-platforms:
	@sh tests/platforms/run.sh $(PLATFORMS)

# The kiosk appliance, booted (docs/KIOSK.md): Debian 12 under QEMU
# with unknot from `make install-kiosk`, driven through the QEMU monitor.
# Root (debootstrap); the guest root is cached in ~/.cache/unknot-platforms.
# Exit 77 (not root, no network for debootstrap) is a skip, said on its last line.
test-kiosk:
	@bash tests/platforms/kiosk-vm.sh; rc=$$?; [ $$rc = 77 ] || exit $$rc

bench:
	@$(MAKE) --no-print-directory $(BUILD)/unknot $(BENCH_BIN)
	@UNKNOT=$(abspath $(BUILD)/unknot) BUILD=$(abspath $(BUILD)) sh bench/run.sh

# libFuzzer targets (tests/fuzz/, needs clang): FUZZ_SECONDS each, default 30.
# fuzz-deps: clang and its fuzzer runtime (not in DEPS_TEST: the Debian 13
# chroot of test-platforms runs test-deps and does not fuzz).
DEPS_FUZZ := clang libclang-rt-dev
fuzz-deps:
	$(call apt_install,$(DEPS_FUZZ))
fuzz: ; @sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# Packages. deps: what building and running needs; test-deps: plus what the tests use.
DEPS_RUN  := gcc libc6-dev make pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev \
             libgpiod-dev libcjson-dev libmosquitto-dev libespeak-ng-dev fonts-dejavu-core \
             libfontconfig-dev
DEPS_RUN  += gettext # xgettext and msgfmt: po/*.po -> the .mo catalogues (issue 21)
# systemd: systemd-analyze for tests/e2e/systemd_unit.sh; groff-base: the man page check
DEPS_TEST := $(DEPS_RUN) libcmocka-dev sox python3 python3-jsonschema procps valgrind systemd groff-base
DEPS_TEST += faketime # tests/e2e/faults.sh: the wall clock jumping mid-session
DEPS_TEST += fonts-noto-cjk # tests/e2e/ui_scripts.sh: Japanese drawn with the fallback font
DEPS_TEST += mosquitto mosquitto-clients iproute2 openssl nodejs # tests/e2e/fleet_*.sh: a real broker, netns, TLS, Node-RED functions
# tests/e2e/gpio_qemu.sh cross-builds unknot-pedal for arm64 and boots it under
# QEMU: arm64 multiarch packages, after `dpkg --add-architecture arm64` (amd64 hosts).
ifeq ($(shell dpkg --print-architecture 2>/dev/null),amd64)
DEPS_FOREIGN_ARCH := arm64
DEPS_TEST += qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
             libgpiod-dev:arm64 libcjson-dev:arm64 cpio socat
endif
# Installs only what dpkg does not already have; sudo when not root.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | \
	    grep -q '^install ok installed' || echo "$$p"; done | tr '\n' ' '); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "make deps: installing $$missing"; \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
	    || exit 1; \
	else echo "make deps: all packages present"; fi
endef
deps:
	$(call apt_install,$(DEPS_RUN))
test-deps:
	@for a in $(DEPS_FOREIGN_ARCH); do dpkg --print-foreign-architectures | grep -qx "$$a" || { \
	  echo "make test-deps: dpkg --add-architecture $$a"; \
	  if [ "$$(id -u)" = 0 ]; then dpkg --add-architecture "$$a"; \
	  else sudo dpkg --add-architecture "$$a"; fi || exit 1; }; done
	$(call apt_install,$(DEPS_TEST) $(EXTRA_TEST_DEPS))

# install: binaries, routines + schema, assets, man page, .desktop, the kiosk
# unit (its ExecStart= and the man page's paths rewritten for PREFIX) and the
# fleet drop-in as an example. install-kiosk (root; docs/KIOSK.md):
# also the unknot user and groups, /etc/unknot/config.json, getty@tty1 off,
# unknot.service enabled (offline: fine in a chroot or an image; FLEET=1 adds
# the fleet drop-in). uninstall undoes both.
install: $(BUILD)/unknot $(BUILD)/unknot-pedal
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/routines $(DESTDIR)$(DATADIR)/systemd \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(APPDIR) $(DESTDIR)$(UNITDIR)
	install -m 755 $(BUILD)/unknot $(BUILD)/unknot-pedal $(DESTDIR)$(BINDIR)/
	install -m 644 routines/*.json $(DESTDIR)$(DATADIR)/routines/
	cd assets && find . -type f ! -name '*.py' ! -name '*.sh' | while read -r f; do \
	  install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/assets/$$f"; done
	sed 's|/usr/local/bin/|$(BINDIR)/|g' systemd/unknot.service >$(DESTDIR)$(UNITDIR)/unknot.service
	sed 's|/usr/local/bin/|$(BINDIR)/|g' dist/unknot.desktop >$(DESTDIR)$(APPDIR)/unknot.desktop
	sed 's|/usr/local/share/unknot|$(DATADIR)|g; s|/usr/local/lib/systemd/system|$(UNITDIR)|g' \
	  dist/unknot.1 >$(DESTDIR)$(MANDIR)/man1/unknot.1
	chmod 644 $(DESTDIR)$(UNITDIR)/unknot.service $(DESTDIR)$(APPDIR)/unknot.desktop $(DESTDIR)$(MANDIR)/man1/unknot.1
	install -m 644 systemd/fleet.conf $(DESTDIR)$(DATADIR)/systemd/
	install -D -m 644 dist/unknot-pedal.1 $(DESTDIR)$(MANDIR)/man1/unknot-pedal.1
	install -D -m 644 dist/unknot.svg $(DESTDIR)$(ICONDIR)/unknot.svg
	install -D -m 644 dist/org.unknot.unknot.metainfo.xml $(DESTDIR)$(METAINFODIR)/org.unknot.unknot.metainfo.xml
	for l in $(LINGUAS); do install -D -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/unknot.mo \
	  $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/unknot.mo || exit 1; done

KIOSK_ENV = DESTDIR='$(DESTDIR)' UNITDIR='$(UNITDIR)' SYSCONFDIR='$(SYSCONFDIR)' FLEET='$(FLEET)'
install-kiosk: install
	@$(KIOSK_ENV) sh dist/kiosk.sh install

uninstall:
	@[ "$$(id -u)" != 0 ] || $(KIOSK_ENV) sh dist/kiosk.sh uninstall
	rm -f $(DESTDIR)$(BINDIR)/unknot $(DESTDIR)$(BINDIR)/unknot-pedal $(DESTDIR)$(MANDIR)/man1/unknot.1 \
	  $(DESTDIR)$(APPDIR)/unknot.desktop $(DESTDIR)$(UNITDIR)/unknot.service \
	  $(DESTDIR)$(MANDIR)/man1/unknot-pedal.1 $(DESTDIR)$(ICONDIR)/unknot.svg \
	  $(DESTDIR)$(METAINFODIR)/org.unknot.unknot.metainfo.xml
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/unknot.mo; done
	rm -rf $(DESTDIR)$(DATADIR)

# The binary has DATADIR compiled in (src/io/paths.c): rebuild that file when
# DATADIR differs from the last build's (`make install PREFIX=/usr` after `make`).
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(@D); echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/src/io/paths.o: $(BUILD)/datadir.stamp
FORCE:

# test-dashboard: the Node-RED fleet dashboard (docs/fleet/node-red-flow.json)
# on real Node-RED + @flowfuse/node-red-dashboard, Mosquitto and 20 stations,
# checked in headless chromium (tests/fleet/dashboard.sh). Not in make test:
# it installs Node-RED and puppeteer-core from the npm registry (pinned by
# tests/fleet/dashboard/package-lock.json, cached in ~/.cache/unknot-nodered).
# Node.js and npm from Debian only where the machine has no node and npm of
# its own: a NodeSource nodejs (which bundles npm) conflicts with Debian's npm
# package, and apt then refuses the whole install ("held broken packages").
DEPS_DASHBOARD := mosquitto mosquitto-clients chromium curl python3 \
  $(if $(shell command -v node),,nodejs) $(if $(shell command -v npm),,npm)
.PHONY: test-dashboard deps-dashboard
deps-dashboard:
	$(call apt_install,$(DEPS_DASHBOARD))
test-dashboard: $(BUILD)/tests/helpers/fleet_swarm
	BUILD=$(abspath $(BUILD)) sh tests/fleet/dashboard.sh

# install-fleet-tools: the broker-side fleet tools (docs/fleet/, issue 23) on
# the gym's server: unknot-routine-push, unknot-fleet-collect,
# unknot-fleet-ha and unknot-fleet-station in BINDIR (links to DATADIR/fleet,
# where unknot_mqtt.py, the ACL, mosquitto.conf, telegraf.conf and the
# Node-RED flow live). Needs python3 and mosquitto-clients only.
FLEET_TOOLS = unknot-routine-push unknot-fleet-collect unknot-fleet-ha unknot-fleet-station
.PHONY: install-fleet-tools
install-fleet-tools:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/fleet
	install -m 755 $(addprefix docs/fleet/,$(FLEET_TOOLS)) $(DESTDIR)$(DATADIR)/fleet/
	install -m 644 docs/fleet/unknot_mqtt.py docs/fleet/acl docs/fleet/mosquitto.conf docs/fleet/unknot-fleet-collect.service \
	  docs/fleet/telegraf.conf docs/fleet/node-red-flow.json $(DESTDIR)$(DATADIR)/fleet/
	for t in $(FLEET_TOOLS); do ln -sf $(DATADIR)/fleet/$$t $(DESTDIR)$(BINDIR)/$$t; done

# Debian packages (docs/PACKAGING.md): unknot and unknot-kiosk from debian/,
# built by dpkg-buildpackage from a copy of the work tree into build/deb/ARCH,
# then lintian. DEB_ARCH=arm64|armhf cross-builds (deb-deps DEB_ARCH=... first:
# the cross gcc and the multiarch -dev packages). test-deb (root): install,
# run, upgrade, remove and purge in a fresh Debian 12 root.
DEB_ARCH   ?=
DEB_TRIPLET = $(if $(filter arm64,$(DEB_ARCH)),aarch64-linux-gnu,$(if $(filter armhf,$(DEB_ARCH)),arm-linux-gnueabihf,x86_64-linux-gnu))
DEPS_DEB   := $(DEPS_RUN) build-essential dpkg-dev debhelper fakeroot lintian debootstrap zstd
# libjack-dev: see tests/platforms/cross.sh (apt cannot pick JACK for a second arch)
DEB_DEV    := libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libgpiod-dev libcjson-dev \
              libmosquitto-dev libespeak-ng-dev libjack-dev
deb-deps:
	@[ -z "$(DEB_ARCH)" ] || [ "$(DEB_ARCH)" = "$$(dpkg --print-architecture)" ] || \
	  dpkg --print-foreign-architectures | grep -qx "$(DEB_ARCH)" || { \
	  echo "make deb-deps: dpkg --add-architecture $(DEB_ARCH)"; \
	  if [ "$$(id -u)" = 0 ]; then dpkg --add-architecture "$(DEB_ARCH)"; \
	  else sudo dpkg --add-architecture "$(DEB_ARCH)"; fi || exit 1; }
	$(call apt_install,$(DEPS_DEB) $(if $(filter-out $(shell dpkg --print-architecture),$(DEB_ARCH)),\
	  gcc-$(DEB_TRIPLET) $(DEB_DEV:%=%:$(DEB_ARCH))))
deb:
	@sh dist/deb.sh $(DEB_ARCH)
test-deb:
	@sh tests/platforms/deb.sh; rc=$$?; [ $$rc = 77 ] || exit $$rc
# The same packages built in the Debian 13 root of test-platforms (libgpiod 2.x),
# DEB_ARCH as above: build/deb/trixie-ARCH/ (root).
deb-trixie:
	@ARCH=$(or $(DEB_ARCH),amd64) sh tests/platforms/deb-trixie.sh; rc=$$?; [ $$rc = 77 ] || exit $$rc
# The arm64 kiosk image (docs/IMAGE.md): Debian 12 + unknot-kiosk, read-only
# root, into build/image/ (root; slow: debootstrap and apt under qemu-user).
# test-image boots it under qemu-system-aarch64 (TCG, minutes; not in make test).
DEPS_IMAGE := debootstrap qemu-user-static qemu-system-arm fdisk e2fsprogs zstd socat imagemagick
image-deps:
	@$(MAKE) --no-print-directory deb-deps DEB_ARCH=arm64
	$(call apt_install,$(DEPS_IMAGE))
image:
	@sh dist/image/build.sh
test-image:
	@bash tests/platforms/image-vm.sh; rc=$$?; [ $$rc = 77 ] || exit $$rc

# Translations (issue 21, docs/TRANSLATING.md): po/LINGUAS lists the
# languages, po/LANG.po each one's text; the default build compiles them
# (msgfmt --check) into $(BUILD)/locale, where ./unknot finds them, and
# install puts them in LOCALEDIR. make pot regenerates po/unknot.pot from
# the _() / N_() / ngettext() marks in src/.
LOCALEDIR ?= $(PREFIX)/share/locale
LINGUAS   := $(shell sed 's/\#.*//' po/LINGUAS 2>/dev/null)
MO_FILES  := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/unknot.mo)
.PHONY: pot
all: $(MO_FILES)
test-build: $(MO_FILES)
install: $(MO_FILES)
$(BUILD)/locale/%/LC_MESSAGES/unknot.mo: po/%.po
	@mkdir -p $(@D)
	$(quiet) MSGFMT $<
	$(Q)msgfmt --check -o $@ $<
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=FMSG_W \
	  --add-comments=TRANSLATORS: --package-name=unknot --package-version=$(VERSION) \
	  --sort-by-file \
	  -o po/unknot.pot $$(find src -name '*.c' | LC_ALL=C sort)
# The catalogue is found next to the binary; the installed one under
# DATADIR/../locale (src/io/i18n.c): rebuilt when DATADIR changes.
$(BUILD)/src/io/i18n.o: $(BUILD)/datadir.stamp

clean:
	rm -rf build build-asan build-valgrind build-*-linux-gnu* unknot unknot-pedal

-include $(shell find $(BUILD) -type f -name "*.d" 2>/dev/null)
