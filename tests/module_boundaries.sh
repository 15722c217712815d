#!/bin/sh
# The headers internal to data/ (docs/internals.md: the sides of a feed source,
# its disk cache, the parser's parts) are included by data/ and the tests
# alone: app/ and render/ use the public headers.
# Usage: module_boundaries.sh SOURCE_DIR
set -eu
cd "$1"
bad=0
for name in feed_http.h feed_file.h feed_cache.h okr_parse_priv.h; do
    users=$(grep -l "#include \"$name\"" app/*.c app/*.h render/*.c render/*.h || true)
    if [ -n "$users" ]; then
        echo "okr-kiosk: $name is internal to data/ but included by:" $users >&2
        echo "okr-kiosk: give data/'s public headers (feed_source.h ...) what they need" >&2
        bad=1
    fi
done
[ "$bad" -eq 0 ] && echo "module boundaries: no header internal to data/ is used outside it"
exit "$bad"
