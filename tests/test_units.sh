#!/bin/sh
# Verify the shipped systemd units and the autostart entry.
# Usage: tests/test_units.sh SOURCE_DIR OKR_KIOSK_BINARY
#
# `systemd-analyze verify` exits 0 even when it ignores a misspelt key or a bad
# value, so any output at all counts as a failure here. It also checks that
# ExecStart's program exists and that the man page in Documentation= opens:
#   - the system unit is checked unmodified inside a throwaway root (--root)
#     holding the host's unit directory, the built binary as
#     /usr/bin/okr-kiosk and /usr/bin/kill;
#   - user units cannot use --root, so the user unit is checked from a copy
#     whose ExecStart names the built binary (the only change);
#   - MANPATH points at a directory holding docs/okr-kiosk.1.
# A unit with a deliberate mistake must fail, proving the check bites.
# Exits 77 (skipped) only when systemd-analyze is not installed.
set -eu

src=${1:?usage: test_units.sh SOURCE_DIR OKR_KIOSK_BINARY}
bin=${2:?usage: test_units.sh SOURCE_DIR OKR_KIOSK_BINARY}

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-analyze is not installed (Debian package: systemd); skipping"
    exit 77
fi
if [ ! -x "$bin" ]; then
    echo "FAIL: no okr-kiosk binary at $bin"
    exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

tmp=$(mktemp -d /tmp/okr-units-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0

# The man page where `man okr-kiosk(1)` finds it.
mkdir -p "$tmp/man/man1"
cp "$src/docs/okr-kiosk.1" "$tmp/man/man1/"
MANPATH=$tmp/man
export MANPATH

# A root that looks like an installed system.
root=$tmp/root
mkdir -p "$root/usr/lib/systemd" "$root/usr/bin" "$root/etc/systemd/system"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
ln -s usr/bin "$root/bin"
cp "$bin" "$root/usr/bin/okr-kiosk"
cp /usr/bin/kill "$root/usr/bin/kill"

# check NAME OUTPUT-FILE RC: passes only on rc 0 and no output.
check() {
    if [ "$3" -eq 0 ] && [ ! -s "$2" ]; then
        echo "ok: $1"
    else
        echo "FAIL: $1 (exit $3):"
        sed 's/^/    /' "$2"
        failed=1
    fi
}

cp "$src/assets/okr-kiosk.service" "$root/etc/systemd/system/"
rc=0
systemd-analyze verify --root="$root" /etc/systemd/system/okr-kiosk.service \
    >"$tmp/out" 2>&1 || rc=$?
check "okr-kiosk.service" "$tmp/out" "$rc"

# The console unit must keep the properties the Pi guide relies on.
for line in 'Conflicts=getty@tty1.service' 'TTYPath=/dev/tty1' 'StandardInput=tty' \
    'User=okr-kiosk' 'Restart=always' 'RestartSec=5' 'StartLimitIntervalSec=0' \
    'SupplementaryGroups=video render input' 'Environment=SDL_VIDEODRIVER=kmsdrm' \
    'ExecStart=/usr/bin/okr-kiosk' \
    'ExecReload=/bin/kill -HUP $MAINPID'; do
    if ! grep -qxF "$line" "$src/assets/okr-kiosk.service"; then
        echo "FAIL: okr-kiosk.service lacks '$line'"
        failed=1
    fi
done

# The restart policy: no start limit (it belongs in [Unit]; systemd only
# accepts it in [Service] under its old name), so a wall that fails to start
# keeps being restarted instead of staying dark.
section=$(awk '/^\[/ { s = $0 } /^StartLimitIntervalSec=/ { print s }' "$src/assets/okr-kiosk.service")
if [ "$section" != "[Unit]" ]; then
    echo "FAIL: okr-kiosk.service: StartLimitIntervalSec= is not (only) in [Unit] ($section)"
    failed=1
fi
if grep -q '^StartLimit\(Burst\|Action\)=' "$src/assets/okr-kiosk.service"; then
    echo "FAIL: okr-kiosk.service: a StartLimitBurst=/StartLimitAction= contradicts the unlimited restarts"
    failed=1
fi

# The user unit, from a copy with the built binary.
mkdir -p "$tmp/user" "$tmp/run"
chmod 700 "$tmp/run"
sed "s#^ExecStart=/usr/bin/okr-kiosk#ExecStart=$bin#" "$src/assets/okr-kiosk-user.service" \
    >"$tmp/user/okr-kiosk-user.service"
rc=0
XDG_RUNTIME_DIR=$tmp/run systemd-analyze --user verify "$tmp/user/okr-kiosk-user.service" \
    >"$tmp/out" 2>&1 || rc=$?
check "okr-kiosk-user.service" "$tmp/out" "$rc"

# The negative control: a misspelt key and a bad value must be reported.
sed 's/^Restart=always/Restart=sometimes/; s/^RestartSec=5/RestartSek=5/' \
    "$src/assets/okr-kiosk.service" >"$root/etc/systemd/system/okr-kiosk-broken.service"
rc=0
systemd-analyze verify --root="$root" /etc/systemd/system/okr-kiosk-broken.service \
    >"$tmp/out" 2>&1 || rc=$?
if grep -q "RestartSek" "$tmp/out" && grep -q "sometimes" "$tmp/out"; then
    echo "ok: a broken unit is reported"
else
    echo "FAIL: the broken unit was not reported:"
    sed 's/^/    /' "$tmp/out"
    failed=1
fi

# The autostart entry.
desktop=$src/assets/okr-kiosk.desktop
if command -v desktop-file-validate >/dev/null 2>&1; then
    rc=0
    desktop-file-validate "$desktop" >"$tmp/out" 2>&1 || rc=$?
    check "okr-kiosk.desktop (desktop-file-validate)" "$tmp/out" "$rc"
else
    if [ "$(head -n 1 "$desktop")" = "[Desktop Entry]" ] &&
        grep -qx 'Type=Application' "$desktop" && grep -q '^Name=.' "$desktop" &&
        grep -qx 'Exec=okr-kiosk' "$desktop" && ! grep -qv '^\(\[Desktop Entry\]\|[A-Za-z-]*=.*\|\)$' "$desktop"; then
        echo "ok: okr-kiosk.desktop (basic checks; desktop-file-validate not installed)"
    else
        echo "FAIL: okr-kiosk.desktop is malformed"
        failed=1
    fi
fi

exit "$failed"
