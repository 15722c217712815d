#!/bin/sh
# Check that every C file git tracks is formatted as .clang-format says.
# Prints the files that differ and how to fix them; exits 1 if any do.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fmt=${CLANG_FORMAT:-clang-format}
bad=""
for f in $(git ls-files '*.c' '*.h'); do
    if ! "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1; then
        bad="$bad $f"
    fi
done
if [ -n "$bad" ]; then
    echo "okr-kiosk: not formatted as .clang-format says:$bad" >&2
    echo "okr-kiosk: fix with: clang-format -i$bad" >&2
    exit 1
fi
echo "format: $(git ls-files '*.c' '*.h' | wc -l) files formatted as .clang-format says"
