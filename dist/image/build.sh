#!/bin/sh
# `make image`: a bootable Debian 12 (bookworm) arm64 disk image, from
# Debian's archive only, that boots into the unknot kiosk: systemd, Debian's
# arm64 kernel and initramfs, Mesa, and unknot + unknot-kiosk installed with
# apt from the packages `make deb DEB_ARCH=arm64` builds.
#
#   sudo sh dist/image/build.sh        (sudo make image)
#
# Layout (read-only friendly), one GPT disk:
#   p1 "unknot-root" ext4, mounted read-only: the system (the packages)
#   p2 "unknot-data" ext4, read-write, mounted on /data: everything written
#      at run time, bind-mounted where it is used:
#        /data/etc-unknot -> /etc/unknot      config.json (written at the first
#                                            boot with its own PIN), routines/
#        /data/state      -> /var/lib/unknot  the session journal
#        /data/journal    -> /var/log/journal systemd's journal (persistent)
#   /tmp, /var/tmp: tmpfs.
# The kernel and initrd are also left next to the image for QEMU's -kernel/
# -initrd (tests/platforms/image-vm.sh); a Raspberry Pi needs its own
# firmware and boot partition, which are not in Debian's archive: see
# docs/IMAGE.md (rpi-image-gen).
#
# The arm64 root: debootstrap --foreign, then its second stage and apt run
# in a chroot through qemu-aarch64-static. That needs binfmt_misc: when the
# kernel has no handler for arm64 binaries, one is registered for this run
# (the F flag: the interpreter is opened now, nothing is copied into the
# root) and removed at the end. The debootstrapped root is cached as a
# tarball in ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/
# image-bookworm-arm64.tar.zst (remade when the package list changes or
# with REBUILD_ROOT=1).
#
# Env: OUT (default build/image), MIRROR, DEBS (a folder holding
# unknot_*_arm64.deb and unknot-kiosk_*_all.deb: skips the cross build),
# DATA_MB (the data partition, default 256), IMAGE_HOOK (see below).
# Output: $OUT/unknot-kiosk-bookworm-arm64.img, vmlinuz, initrd.img,
# packages.txt (what is installed), build.log. Exit 77 when this machine
# cannot do it (not root, tools missing, no binfmt_misc, no network).
set -eu
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
TARBALL=$CACHE/image-bookworm-arm64.tar.zst
R=$CACHE/image-root
MIRROR=${MIRROR:-http://deb.debian.org/debian}
OUT=${OUT:-$ROOT_DIR/build/image}
DATA_MB=${DATA_MB:-256}
IMG=$OUT/unknot-kiosk-bookworm-arm64.img
QEMU_STATIC=/usr/bin/qemu-aarch64-static
# The system besides unknot's own dependencies: systemd as init, udev,
# Debian's arm64 kernel (its postinst makes the initramfs), Mesa's GLES
# (KMSDRM on virtio-gpu/vc4), kmod, procps. No network services.
PKGS=systemd-sysv,udev,dbus,kmod,procps,linux-image-arm64,initramfs-tools,ca-certificates
PKGS=$PKGS,libdrm2,libgbm1,libegl1,libegl-mesa0,libgles2,libgl1-mesa-dri,fonts-dejavu-core

ts() { date +%s; }
T0=$(ts)
log() { echo "image: $*"; }
skip() { echo "image: skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot, mount)"
for tool in debootstrap chroot unshare zstd mkfs.ext4 sfdisk "$QEMU_STATIC"; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool missing (make image-deps)"
done
mkdir -p "$OUT" "$CACHE"
exec 9>"$CACHE/image.lock"
flock -w 1800 9 || skip "another image build holds $CACHE/image.lock"
mounted_inside() { grep -q " $1/" /proc/mounts; }

# binfmt: arm64 ELF -> qemu-aarch64-static
BINFMT=/proc/sys/fs/binfmt_misc
OURS=
[ -e "$BINFMT/register" ] || mount -t binfmt_misc binfmt_misc "$BINFMT" 2>/dev/null || true
have_binfmt() { grep -qs '^interpreter .*qemu-aarch64' "$BINFMT"/* 2>/dev/null && grep -qs '^enabled' "$BINFMT"/*aarch64*; }
if ! have_binfmt; then
	[ -w "$BINFMT/register" ] || skip "no binfmt_misc for arm64 binaries and none can be registered"
	printf '%s' ':unknot-image-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:'"$QEMU_STATIC"':F' \
		>"$BINFMT/register" || skip "registering a binfmt_misc handler for arm64 failed"
	OURS=$BINFMT/unknot-image-aarch64
	log "binfmt_misc: arm64 -> $QEMU_STATIC (for this run)"
fi
cleanup() {
	[ -n "${DEB_PID:-}" ] && kill "$DEB_PID" 2>/dev/null
	[ -n "$OURS" ] && [ -e "$OURS" ] && echo -1 >"$OURS"; true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# 1. the packages (arm64 cross-build), in the background while the root is
#    debootstrapped (both take minutes; the second stage is one process)
DEBS=${DEBS:-}
DEB_PID=
if [ -z "$DEBS" ]; then
	DEB_T=$(ts)
	DEB_OUT=$OUT/debs LINTIAN=0 sh "$ROOT_DIR/dist/deb.sh" arm64 >"$OUT/deb.log" 2>&1 &
	DEB_PID=$!
	DEBS=$OUT/debs
fi

# 2. the system, cached
if [ -n "${REBUILD_ROOT:-}" ] || [ ! -s "$TARBALL" ] || [ "$(cat "$TARBALL.pkgs" 2>/dev/null)" != "$PKGS" ]; then
	B=$CACHE/image-debootstrap
	mounted_inside "$B" && { echo "image: $B has mounts inside"; exit 1; }
	rm -rf "$B"
	t=$(ts)
	log "debootstrap --foreign --arch=arm64 bookworm (once; cached in $TARBALL)"
	# (the .debs are kept in image-debs/: a second run downloads nothing)
	mkdir -p "$CACHE/image-debs"
	debootstrap --foreign --arch=arm64 --variant=minbase --include="$PKGS" --cache-dir="$CACHE/image-debs" \
		bookworm "$B" "$MIRROR" >"$CACHE/debootstrap-image.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-image.log"; rm -rf "$B"; skip "debootstrap failed (network? $CACHE/debootstrap-image.log)"; }
	# The initramfs with only what mounts the root (virtio, SD/eMMC, ext4);
	# udev loads the rest from the root. initramfs-tools' default
	# (MODULES=most) runs modprobe for each of some 3000 modules: over an
	# hour under qemu-user on a busy host, for the kernel's postinst alone.
	mkdir -p "$B/etc/initramfs-tools/conf.d" "$B/usr/share/initramfs-tools/modules.d"
	printf '# dist/image/build.sh: see unknot-image in ../../usr/share/initramfs-tools/modules.d\nMODULES=list\n' \
		>"$B/etc/initramfs-tools/conf.d/unknot-image.conf"
	printf '%s\n' virtio_pci virtio_mmio virtio_blk mmc_block sdhci_of_arasan sdhci_iproc ext4 crc32c_generic \
		>"$B/usr/share/initramfs-tools/modules.d/unknot-image"
	log "first stage: $(($(ts) - t)) s; second stage under qemu-aarch64-static"
	unshare --mount --propagation private sh -c '
		B=$1; mount -t proc proc "$B/proc" && mount --rbind /dev "$B/dev" && mount -t sysfs sys "$B/sys" || exit 4
		chroot "$B" /debootstrap/debootstrap --second-stage' sh "$B" >>"$CACHE/debootstrap-image.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-image.log"; rm -rf "$B"; echo "image: debootstrap --second-stage failed"; exit 1; }
	chroot "$B" apt-get clean
	tar -C "$B" --numeric-owner -cf - . | zstd -q -T0 -3 -o "$TARBALL.tmp" && mv "$TARBALL.tmp" "$TARBALL"
	echo "$PKGS" >"$TARBALL.pkgs"
	rm -rf "$B"
	log "debootstrap (both stages) + tarball: $(($(ts) - t)) s, $(du -h "$TARBALL" | cut -f1)"
fi
if [ -n "$DEB_PID" ]; then
	wait "$DEB_PID" ||
		{ tail -20 "$OUT/deb.log"; echo "image: make deb DEB_ARCH=arm64 failed (make deb-deps DEB_ARCH=arm64?)"; exit 1; }
	DEB_PID=
	log "packages (arm64 cross-build): $(($(ts) - DEB_T)) s"
fi
UDEB=$(ls "$DEBS"/unknot_*_arm64.deb | sort -V | tail -1)
KDEB=$(ls "$DEBS"/unknot-kiosk_*_all.deb | sort -V | tail -1)
mounted_inside "$R" && { echo "image: $R has mounts inside"; exit 1; }
rm -rf "$R" && mkdir -p "$R"
zstd -q -d -c "$TARBALL" | tar -C "$R" --numeric-owner -xf -

# 3. unknot, as a user installs it: apt install ./unknot_*.deb ./unknot-kiosk_*.deb
t=$(ts)
cp /etc/resolv.conf "$R/etc/resolv.conf"
mkdir -p "$R/debs" && cp "$UDEB" "$KDEB" "$R/debs/"
unshare --mount --propagation private sh -c '
	R=$1; shift
	mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" && mount -t sysfs sys "$R/sys" || exit 4
	chroot "$R" sh -c "apt-get -q update && DEBIAN_FRONTEND=noninteractive apt-get -q -y install $*"
' sh "$R" $(for f in "$UDEB" "$KDEB"; do echo "/debs/$(basename "$f")"; done) >"$OUT/build.log" 2>&1 ||
	{ tail -20 "$OUT/build.log"; echo "image: apt install of the packages failed"; exit 1; }
grep '^unknot-kiosk:' "$OUT/build.log" | sed 's/^/  /'
chroot "$R" apt-get clean
rm -rf "$R/debs" "$R/var/lib/apt/lists"/*_Packages "$R/var/lib/apt/lists"/*_InRelease
: >"$R/etc/resolv.conf"
chroot "$R" dpkg-query -W -f='${Package} ${Version}\n' >"$OUT/packages.txt"
log "apt install unknot + unknot-kiosk (under qemu-user): $(($(ts) - t)) s"

# (tests/platforms/image-vm.sh: IMAGE_HOOK=SCRIPT adds its test agent here;
# `sh SCRIPT ROOT`. Nothing in a plain `make image`.)
if [ -n "${IMAGE_HOOK:-}" ]; then sh "$IMAGE_HOOK" "$R" || { echo "image: IMAGE_HOOK $IMAGE_HOOK failed"; exit 1; }; fi

# 4. the read-only-friendly layout. The PIN: an image is flashed onto many
#    kiosks, so the config the postinst wrote (one PIN for all) is not kept;
#    unknot-kiosk-config.service writes each kiosk's own at its first boot.
mkdir -p "$R/data"
D=$CACHE/image-data
rm -rf "$D" && mkdir -p "$D/etc-unknot/routines" "$D/state" "$D/journal"
rm -f "$R/etc/unknot/config.json"
cp -a "$R/etc/unknot/." "$D/etc-unknot/" 2>/dev/null || true
rm -rf "$R/etc/unknot" && mkdir -p "$R/etc/unknot" "$R/var/lib/unknot" "$R/var/log/journal" "$R/var/cache/unknot"
chmod 0700 "$D/state"
# systemd-logind's StateDirectory= (systemd/linger): made at its first start,
# which the read-only root refuses (238/STATE_DIRECTORY: no logind, and no
# lock-down drop-in of the kiosk's); there already, it is only checked.
mkdir -p "$R/var/lib/systemd/linger" && chmod 0755 "$R/var/lib/systemd/linger"
# the journal folder as systemd-journald wants it (group systemd-journal, setgid)
jgid=$(awk -F: '$1 == "systemd-journal" { print $3 }' "$R/etc/group")
[ -n "$jgid" ] && chgrp "$jgid" "$D/journal" && chmod 2755 "$D/journal"
cat >"$R/etc/fstab" <<'FSTAB'
# unknot kiosk image (dist/image/build.sh): the system read-only, what
# changes at run time on the data partition.
LABEL=unknot-root  /                 ext4   ro,errors=remount-ro      0 1
LABEL=unknot-data  /data             ext4   rw,nosuid,nodev,noexec    0 2
/data/etc-unknot   /etc/unknot       none   bind,x-systemd.requires-mounts-for=/data  0 0
/data/state        /var/lib/unknot   none   bind,x-systemd.requires-mounts-for=/data  0 0
/data/journal      /var/log/journal  none   bind,x-systemd.requires-mounts-for=/data  0 0
tmpfs              /tmp              tmpfs  mode=1777,nosuid,nodev    0 0
tmpfs              /var/tmp          tmpfs  mode=1777,nosuid,nodev    0 0
# unknot.service's CacheDirectory= (fontconfig's cache): systemd makes and
# chowns it at each start, which a read-only /var/cache would refuse.
tmpfs              /var/cache/unknot tmpfs  mode=0755,nosuid,nodev,noexec  0 0
FSTAB
# a machine id of its own on each kiosk: empty, systemd makes one at boot
: >"$R/etc/machine-id"
rm -f "$R/var/lib/dbus/machine-id"
echo unknot-kiosk >"$R/etc/hostname"
chroot "$R" systemctl set-default multi-user.target >/dev/null 2>&1

# 5. the disk: two file systems made from folders (no loop devices), put
#    into a GPT disk at their partitions' offsets.
ROOT_MB=$(( $(du -sm "$R" | cut -f1) * 115 / 100 + 128 ))
rm -f "$OUT/root.ext4" "$OUT/data.ext4" "$IMG"
truncate -s "${ROOT_MB}M" "$OUT/root.ext4"
truncate -s "${DATA_MB}M" "$OUT/data.ext4"
mkfs.ext4 -q -F -L unknot-root -d "$R" "$OUT/root.ext4"
mkfs.ext4 -q -F -L unknot-data -d "$D" "$OUT/data.ext4"
truncate -s $((1 + ROOT_MB + DATA_MB + 1))M "$IMG"
printf 'label: gpt\nstart=1MiB, size=%sMiB, name=unknot-root, type=linux\nsize=%sMiB, name=unknot-data, type=linux\n' \
	"$ROOT_MB" "$DATA_MB" | sfdisk -q "$IMG"
dd if="$OUT/root.ext4" of="$IMG" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$OUT/data.ext4" of="$IMG" bs=1M seek=$((1 + ROOT_MB)) conv=notrunc,sparse status=none
rm -f "$OUT/root.ext4" "$OUT/data.ext4"
KVER=$(ls "$R"/boot/vmlinuz-* | sed 's/.*vmlinuz-//' | sort -V | tail -1)
cp "$R/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
cp "$R/boot/initrd.img-$KVER" "$OUT/initrd.img"
echo "$KVER" >"$OUT/kernel-version"
rm -rf "$R" "$D"
log "image: $IMG ($(du -h --apparent-size "$IMG" | cut -f1) apparent, $(du -h "$IMG" | cut -f1) used; root ${ROOT_MB} MiB read-only, data ${DATA_MB} MiB), kernel $KVER"
log "total: $(($(ts) - T0)) s"
