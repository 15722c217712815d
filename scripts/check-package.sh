#!/bin/sh
# Build the Debian packages of okr-kiosk and prove the arm64 one in a real
# arm64 Debian 12 root, the way a Raspberry Pi without a compiler gets it:
#   1. amd64: a native build with prefix /usr, cpack, lintian;
#   2. arm64: the cross build (scripts/cross-arm64.sh --no-tests), cpack, lintian;
#   3. an arm64 bookworm root (debootstrap --foreign --variant=minbase from the
#      Debian mirror this machine's apt uses, second stage under
#      qemu-aarch64-static through binfmt_misc), cached between runs;
#   4. in a fresh copy of that root, `apt install ./okr-kiosk_*_arm64.deb`
#      (without recommends: Depends alone must be enough), then --version,
#      --check on the installed demo feed, screenshots compared with the native
#      binary's, the EGL/GLES/GBM libraries and the Pi's vc4/v3d DRI drivers
#      (and a GLES 2 context through EGL: tests/egl_probe.c), the service user
#      and its groups, and remove/purge keeping the settings.
#
# Usage: scripts/check-package.sh [--no-root]   (--no-root: steps 1 and 2 only)
#   OKR_NATIVE_BUILD_DIR  native build directory  (default: build-native)
#   OKR_ARM64_BUILD_DIR   arm64 build directory   (default: build-arm64)
#   OKR_PACKAGE_DIR       where the .deb files go (default: build-packages)
#   OKR_ROOT_CACHE        cached roots and .debs  (default: /var/cache/okr-kiosk-test)
#   OKR_DEBIAN_MIRROR     override the mirror read from /etc/apt/sources.list*
#   OKR_ROOT_MAX_AGE_DAYS rebuild the cached root after this many days (default 30)
#   OKR_SHOT_NOW          the fixed clock for the screenshots
#
# The cache (OKR_ROOT_CACHE):
#   root-bookworm-arm64-KEY.tar  the finished minbase root (second stage done,
#       package lists fetched); KEY hashes the suite, architecture, variant,
#       mirror and this recipe's version;
#   root-bookworm-arm64-KEY-deps-DKEY.tar  that root after `apt-get satisfy`
#       of the package's Depends line, no recommends; DKEY hashes the line;
#   apt-archives-bookworm-arm64-KEY/  bind-mounted as the root's
#       /var/cache/apt/archives: each .deb is downloaded once.
# Each run unpacks a fresh copy and installs the package there with apt.
# Needs root (debootstrap, chroot, mount), except with --no-root.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
native=${OKR_NATIVE_BUILD_DIR:-$top/build-native}
arm64=${OKR_ARM64_BUILD_DIR:-$top/build-arm64}
out=${OKR_PACKAGE_DIR:-$top/build-packages}
cache=${OKR_ROOT_CACHE:-/var/cache/okr-kiosk-test}
max_age=${OKR_ROOT_MAX_AGE_DAYS:-30}
shot_now=${OKR_SHOT_NOW:-2026-11-26T09:30:00Z}
suite=bookworm
recipe=1 # bump when the way the root is made changes
use_root=1
for arg in "$@"; do
    case "$arg" in
    --no-root) use_root=0 ;;
    *) echo "usage: $0 [--no-root]" >&2; exit 2 ;;
    esac
done

now() { date +%s; }
step_start=$(now)
total_start=$step_start
step() {
    t=$(now)
    echo "check-package: $1 (previous step took $((t - step_start)) s)"
    step_start=$t
}
fail() {
    echo "check-package: FAIL: $*" >&2
    exit 1
}

if [ "$use_root" -eq 1 ] && [ "$(id -u)" -ne 0 ]; then
    fail "needs root for debootstrap, chroot and mount (run it with sudo, or use --no-root)"
fi
mkdir -p "$out"

# lintian_check DEB: no errors or warnings; the informational tags that
# remain are argued in docs/packaging.md.
lintian_check() {
    log=$out/$(basename "$1" .deb).lintian
    # lintian refuses nothing as root but says so on stderr; keep its verdict.
    lintian --display-info "$1" >"$log" 2>&1 || true
    sed 's/^/    /' "$log"
    if grep -q '^[EW]: ' "$log"; then
        fail "lintian reports errors or warnings for $(basename "$1") (see $log)"
    fi
}

# --- 1. amd64 --------------------------------------------------------------------
step "building the amd64 package in $native"
cmake -S "$top" -B "$native" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOKR_BUILD_TESTS=OFF \
    -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
cmake --build "$native" -j2
rm -f "$native"/okr-kiosk_*.deb
(cd "$native" && cpack -G DEB >/dev/null)
deb_amd64=$(ls "$native"/okr-kiosk_*_amd64.deb)
cp "$deb_amd64" "$out/"
deb_amd64=$out/$(basename "$deb_amd64")
echo "check-package: $(basename "$deb_amd64"): $(stat -c %s "$deb_amd64") bytes"
lintian_check "$deb_amd64"

# --- 2. arm64 --------------------------------------------------------------------
step "building the arm64 package in $arm64"
OKR_ARM64_BUILD_DIR=$arm64 "$top/scripts/cross-arm64.sh" --no-tests --no-screenshot
rm -f "$arm64"/okr-kiosk_*.deb
(cd "$arm64" && cpack -G DEB >/dev/null)
deb_arm64=$(ls "$arm64"/okr-kiosk_*_arm64.deb)
cp "$deb_arm64" "$out/"
deb_arm64=$out/$(basename "$deb_arm64")
echo "check-package: $(basename "$deb_arm64"): $(stat -c %s "$deb_arm64") bytes"
depends=$(dpkg-deb -f "$deb_arm64" Depends)
echo "check-package: Depends: $depends"
lintian_check "$deb_arm64"

recommends=$(dpkg-deb -f "$deb_arm64" Recommends)
echo "check-package: Recommends: $recommends"

# Every run-time package scripts/deps.sh installs is in Depends (those it
# marks as recommended in Recommends), and dpkg-shlibdeps found SDL and
# libcurl in the binary (it read the arm64 libs).
in_field() { echo "$1" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$2"; }
run_recommends=$("$top/scripts/deps.sh" run --print-recommends)
for p in $("$top/scripts/deps.sh" run --print) libc6 libsdl2-2.0-0 libcurl4; do
    if echo "$run_recommends" | grep -qx "$p"; then
        in_field "$recommends" "$p" || fail "$p is not in the arm64 package's Recommends"
    else
        in_field "$depends" "$p" || fail "$p is not in the arm64 package's Depends"
    fi
done
[ "$(dpkg-deb -f "$deb_arm64" Architecture)" = arm64 ] || fail "the arm64 package says another architecture"

if [ "$use_root" -eq 0 ]; then
    step "done (no root)"
    exit 0
fi

# --- 3. the cached arm64 root ------------------------------------------------------
# The Debian mirror apt uses here: the first "deb" source of $suite itself
# (one-line .list or deb822 .sources).
mirror=${OKR_DEBIAN_MIRROR:-$(python3 - "$suite" <<'EOF'
import glob, sys
suite = sys.argv[1]
def entries():
    for f in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
        try:
            lines = open(f).read().splitlines()
        except OSError:
            continue
        for line in lines:
            words = line.split("#")[0].split()
            if words[:1] != ["deb"]:
                continue
            words = words[1:]
            if words and words[0].startswith("["):
                while words and not words[0].endswith("]"):
                    words = words[1:]
                words = words[1:]
            if len(words) >= 2:
                yield ["deb"], [words[0]], [words[1]]
    for f in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        for para in open(f).read().split("\n\n"):
            fields, key = {}, None
            for line in para.splitlines():
                if line.startswith("#"):
                    continue
                if line[:1] in " \t" and key:
                    fields[key] += " " + line.strip()
                elif ":" in line:
                    key, value = line.split(":", 1)
                    key = key.strip().lower()
                    fields[key] = value.strip()
            if fields.get("enabled", "yes").lower() == "no":
                continue
            yield fields.get("types", "").split(), fields.get("uris", "").split(), fields.get("suites", "").split()
for types, uris, suites in entries():
    if "deb" in types and suite in suites and uris:
        print(uris[0].rstrip("/"))
        break
EOF
)}
[ -n "$mirror" ] || fail "no 'deb ... $suite' source in /etc/apt/sources.list*; set OKR_DEBIAN_MIRROR"
echo "check-package: Debian mirror (from apt's sources): $mirror"

key=$(printf '%s\n' "$suite arm64 minbase $mirror $recipe" | sha256sum | cut -c1-12)
tarball=$cache/root-$suite-arm64-$key.tar
archives=$cache/apt-archives-$suite-arm64-$key
run=$cache/run-arm64
mkdir -p "$cache" "$archives"

# One run at a time: the run root and the cache are shared.
exec 9>"$cache/lock"
flock 9

# Mounts inside a root; undone on every way out of this script.
mounted=""
mount_in() { # mount_in TARGET mount-arguments...
    target=$1
    shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounted="$target $mounted"
}
unmount_all() {
    for m in $mounted; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    mounted=""
}
# remove_root DIR: only when nothing is mounted below it (a bind mount of
# /dev under an rm -rf would empty the host's /dev).
remove_root() {
    [ -e "$1" ] || return 0
    if cut -d' ' -f2 /proc/mounts | grep -q "^$1\(/\|\$\)"; then
        fail "something is still mounted under $1; not removing it"
    fi
    rm -rf --one-file-system "$1"
}
cleanup() {
    rc=$?
    unmount_all
    if [ "$rc" -eq 0 ]; then
        remove_root "$run"
    else
        echo "check-package: the root is kept for a look: $run" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mount_basics() { # the /proc, /dev and /dev/pts that dpkg and the kiosk expect
    mount_in "$1/proc" -t proc proc
    mount_in "$1/dev" --bind /dev
    mount_in "$1/dev/pts" --bind /dev/pts
}

# qemu runs the root's arm64 programs: binfmt_misc with qemu's aarch64 entry.
# Its F flag opens the interpreter now, so the root needs no copy of qemu.
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    cat /usr/lib/binfmt.d/qemu-aarch64.conf >/proc/sys/fs/binfmt_misc/register
fi
binfmt=/proc/sys/fs/binfmt_misc/qemu-aarch64
head -n 1 "$binfmt" | grep -qx enabled || fail "qemu's aarch64 binfmt entry is disabled ($binfmt)"
interp=$(sed -n 's/^interpreter //p' "$binfmt")
fix_binary=1
grep -q '^flags: .*F' "$binfmt" || fix_binary=0

if [ -f "$tarball" ] && [ -n "$(find "$tarball" -mtime +"$max_age")" ]; then
    echo "check-package: the cached root is older than $max_age days; making it again"
    rm -f "$tarball"
    rm -rf "$archives"
    mkdir -p "$archives"
fi
remove_root "$run"
if [ ! -f "$tarball" ]; then
    step "debootstrap, first stage: arm64 $suite minbase from $mirror"
    debootstrap --foreign --arch=arm64 --variant=minbase "$suite" "$run" "$mirror" \
        >"$cache/debootstrap.log" 2>&1 || { tail -n 20 "$cache/debootstrap.log" >&2; fail "debootstrap"; }
    [ "$fix_binary" -eq 1 ] || { mkdir -p "$run$(dirname "$interp")"; cp "$interp" "$run$interp"; }
    step "debootstrap, second stage under qemu-aarch64-static"
    mount_basics "$run"
    chroot "$run" /debootstrap/debootstrap --second-stage >>"$cache/debootstrap.log" 2>&1 ||
        { tail -n 20 "$cache/debootstrap.log" >&2; fail "debootstrap --second-stage"; }
    step "package lists in the root"
    # No translations (not needed for installing), and the host's resolver.
    echo 'Acquire::Languages "none";' >"$run/etc/apt/apt.conf.d/99okr-no-translations"
    cp /etc/resolv.conf "$run/etc/resolv.conf"
    chroot "$run" apt-get update -qq
    chroot "$run" apt-get clean
    unmount_all
    step "saving the finished root as $tarball"
    tar -C "$run" --one-file-system -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    remove_root "$run"
fi

# --- 4. the package's Depends in a fresh copy of the root --------------------------------
# The root with Depends installed is cached too, keyed by the Depends line:
# made from a fresh base root by `apt-get satisfy` of exactly that line (what
# `apt install ./okr-kiosk.deb` resolves it to), so as long as the line is
# the same, a root holding its packages proves nothing less.
in_root() { chroot "$run" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# unpack_root TARBALL: a fresh run root with its mounts.
unpack_root() {
    step "unpacking a fresh root from $(basename "$1") ($(du -m "$1" | cut -f1) MB)"
    remove_root "$run"
    mkdir -p "$run"
    tar -C "$run" -xf "$1"
    [ "$fix_binary" -eq 1 ] || { mkdir -p "$run$(dirname "$interp")"; cp "$interp" "$run$interp"; }
    cp /etc/resolv.conf "$run/etc/resolv.conf"
    mount_basics "$run"
    mount_in "$run/var/cache/apt/archives" --bind "$archives"
}
# apt_in_root LOG COMMAND...: an apt-get run in the root; when it fails, the
# cached lists may name versions the mirror has dropped since: fetch fresh
# lists and try once more.
apt_in_root() {
    log=$1
    shift
    if ! in_root env DEBIAN_FRONTEND=noninteractive "$@" >"$log" 2>&1; then
        echo "check-package: apt failed; fetching fresh package lists and trying again"
        tail -n 5 "$log"
        in_root apt-get update -qq
        in_root env DEBIAN_FRONTEND=noninteractive "$@" >"$log" 2>&1 ||
            { tail -n 30 "$log" >&2; fail "$*"; }
    fi
    grep -E '^(Need to get|After this operation|[0-9]+ upgraded)' "$log" || true
}

deps_key=$(printf '%s\n' "$key $depends" | sha256sum | cut -c1-12)
deps_tarball=$cache/root-$suite-arm64-$key-deps-$deps_key.tar
if [ ! -f "$deps_tarball" ] || [ "$deps_tarball" -ot "$tarball" ]; then
    unpack_root "$tarball"
    step "apt-get satisfy the package's Depends (no recommends) in the fresh root"
    apt_in_root "$out/apt-satisfy-arm64.log" apt-get satisfy -y -q --no-install-recommends "$depends"
    unmount_all
    step "saving the root with the Depends installed as $(basename "$deps_tarball")"
    rm -f "$cache/root-$suite-arm64-"*-deps-*.tar # other Depends lines, other base roots
    tar -C "$run" --one-file-system -cf "$deps_tarball.tmp" .
    mv "$deps_tarball.tmp" "$deps_tarball"
fi

# --- 5. the package itself ------------------------------------------------------------
unpack_root "$deps_tarball"
cp "$deb_arm64" "$run/tmp/"
step "apt install ./$(basename "$deb_arm64") (no recommends)"
apt_in_root "$out/apt-install-arm64.log" sh -c "cd /tmp && apt install -y -q \
    --no-install-recommends ./$(basename "$deb_arm64")"
grep -q '^0 upgraded, 1 newly installed, 0 to remove' "$out/apt-install-arm64.log" ||
    fail "apt install wanted more than the package itself (see $out/apt-install-arm64.log)"

step "checking the installed package"
version=$(in_root okr-kiosk --version) || fail "okr-kiosk --version"
echo "check-package: okr-kiosk --version: $version"
echo "$version" | grep -qF "$(dpkg-deb -f "$deb_arm64" Version)" ||
    fail "--version does not name the package's version"
in_root okr-kiosk --check /usr/share/okr-kiosk/demo-feed.json >"$out/check-arm64.log" 2>&1 ||
    { cat "$out/check-arm64.log" >&2; fail "okr-kiosk --check on the installed demo feed"; }
echo "check-package: --check on the demo feed: ok ($(wc -l <"$out/check-arm64.log") lines)"

# What SDL's KMSDRM driver loads with dlopen on a Pi: GBM, EGL through
# libglvnd with Mesa as its vendor, GLES 2, and Mesa's DRI drivers for the
# Pi 3/Zero 2 W (vc4) and Pi 4/5 (v3d).
lib=/usr/lib/aarch64-linux-gnu
for f in $lib/libEGL.so.1 $lib/libGLESv2.so.2 $lib/libEGL_mesa.so.0 $lib/libgbm.so.1 \
    /usr/share/glvnd/egl_vendor.d/50_mesa.json $lib/dri/vc4_dri.so $lib/dri/v3d_dri.so; do
    [ -e "$run$f" ] || fail "$f is missing in the root after installing the package"
    case "$f" in
    *.so*) file -L "$run$f" | grep -q 'ARM aarch64' || fail "$f is not an arm64 library" ;;
    esac
done
echo "check-package: libEGL, libGLESv2, libEGL_mesa, libgbm, vc4_dri.so and v3d_dri.so: present"
# And they work: tests/egl_probe.c loads EGL and GLES with dlopen like SDL,
# gets Mesa's surfaceless display (no DRM device here) and a GLES 2 context.
# Without Mesa's EGL vendor file the same probe must fail.
aarch64-linux-gnu-gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror \
    -o "$run/tmp/egl_probe" "$top/tests/egl_probe.c" -ldl
probe=$(in_root /tmp/egl_probe 2>&1) || { echo "$probe" >&2; fail "EGL/GLES do not work in the root"; }
echo "$probe" | sed 's/^/check-package: egl_probe: /'
echo "$probe" | grep -q 'vendor Mesa Project' || fail "EGL's vendor is not Mesa"
vendor=$run/usr/share/glvnd/egl_vendor.d/50_mesa.json
mv "$vendor" "$vendor.off"
if in_root /tmp/egl_probe >/dev/null 2>&1; then
    mv "$vendor.off" "$vendor"
    fail "egl_probe passed without Mesa's EGL vendor file: it proves nothing"
fi
mv "$vendor.off" "$vendor"

# The service user: system account, its home, the groups the console unit needs.
user_line=$(in_root getent passwd okr-kiosk) || fail "no okr-kiosk user"
echo "check-package: user: $user_line"
groups=$(in_root id -nG okr-kiosk)
for g in video render input; do
    echo " $groups " | grep -q " $g " || fail "okr-kiosk is not in group $g ($groups)"
done
[ "$(in_root stat -c %U /var/lib/okr-kiosk)" = okr-kiosk ] || fail "/var/lib/okr-kiosk is not the user's"
echo "check-package: groups: $groups"
[ -f "$run/etc/okr-kiosk.conf" ] || fail "/etc/okr-kiosk.conf was not installed"

# Screenshots: the installed binary under qemu against the native one, with
# the same tolerance as scripts/cross-arm64.sh. Without --feed the kiosk must
# find the installed demo feed under /usr/share/okr-kiosk.
shots=$out/shots
mkdir -p "$shots"
status=0
for shot in "overview 1920x1080 overview" "focus 1920x1080 objective:1"; do
    # shellcheck disable=SC2086
    set -- $shot
    # --history off: a history recorded on this machine (tests run before this
    # stage) would add change marks to the native picture only.
    args="--size $2 --view $3 --now $shot_now --history off"
    # shellcheck disable=SC2086
    SDL_VIDEODRIVER=dummy "$native/app/okr-kiosk" --feed "$top/assets/demo-feed.json" $args \
        --screenshot "$shots/$1-native.png"
    # shellcheck disable=SC2086
    in_root env SDL_VIDEODRIVER=dummy okr-kiosk --feed /usr/share/okr-kiosk/demo-feed.json $args \
        --screenshot "/tmp/$1.png"
    cp "$run/tmp/$1.png" "$shots/$1-root.png"
    printf 'check-package: %s: ' "$1"
    python3 "$top/tests/png_compare.py" "$shots/$1-native.png" "$shots/$1-root.png" || status=1
done
SDL_VIDEODRIVER=dummy "$native/app/okr-kiosk" --size 1280x720 --now "$shot_now" --history off \
    --screenshot "$shots/demo-native.png"
in_root env SDL_VIDEODRIVER=dummy okr-kiosk --size 1280x720 --now "$shot_now" --history off \
    --screenshot /tmp/demo.png
cp "$run/tmp/demo.png" "$shots/demo-root.png"
printf 'check-package: demo (no --feed): '
python3 "$top/tests/png_compare.py" "$shots/demo-native.png" "$shots/demo-root.png" || status=1
[ "$status" -eq 0 ] || fail "the installed arm64 binary draws other pictures than the native one (see $shots)"

step "remove and purge keep the wall's settings"
in_root sh -c 'echo "feed = /srv/feed.json" >>/etc/okr-kiosk.conf
    mkdir -p /etc/okr-kiosk && echo secret >/etc/okr-kiosk/token && echo OKR_KIOSK_TOKEN=x >/etc/default/okr-kiosk'
in_root apt-get remove -y -q okr-kiosk >"$out/apt-remove-arm64.log" 2>&1 || fail "apt-get remove"
[ ! -e "$run/usr/bin/okr-kiosk" ] || fail "remove left /usr/bin/okr-kiosk"
grep -qx 'feed = /srv/feed.json' "$run/etc/okr-kiosk.conf" || fail "remove lost the edited /etc/okr-kiosk.conf"
in_root apt-get purge -y -q okr-kiosk >>"$out/apt-remove-arm64.log" 2>&1 || fail "apt-get purge"
for f in /etc/okr-kiosk/token /etc/default/okr-kiosk /var/lib/okr-kiosk; do
    [ -e "$run$f" ] || fail "purge removed $f"
done
in_root getent passwd okr-kiosk >/dev/null || fail "purge removed the okr-kiosk user"
echo "check-package: after purge: token, /etc/default/okr-kiosk, user and home are still there"

step "done"
echo "check-package: total $(($(now) - total_start)) s"
