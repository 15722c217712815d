#!/bin/sh
# Install what is missing, build, and start the kiosk on the bundled demo feed.
# Extra arguments go to okr-kiosk (e.g. --windowed 1280x720).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh" build
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release -DOKR_BUILD_TESTS=OFF >/dev/null
cmake --build "$top/build" -j"$(nproc)"
# Without --feed the kiosk shows the bundled demo feed and says so on screen.
exec "$top/build/app/okr-kiosk" "$@"
