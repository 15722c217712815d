#!/usr/bin/env python3
"""Compare two PNG pictures pixel by pixel, with a tolerance.

Used to check that the arm64 build renders the same picture as the native one:
floating-point rounding changes anti-aliased edge pixels by a few steps and
may move an edge by one pixel; a real difference (a missing ring, text on
another line) leaves many pixels that differ clearly and cannot be found one
pixel away in the other picture. Those are counted against a small limit.

Only the Python standard library is used (zlib for the image data), so the
check runs anywhere the build does. Handles 8-bit greyscale, RGB, RGBA and
grey+alpha, non-interlaced: what SDL2_image writes.

Usage: png_compare.py [--tolerance MEAN] [--pixel-threshold N] [--shift PX]
                      [--max-bad-fraction F] a.png b.png
Exit status: 0 alike, 1 different, 2 unreadable.
"""
import argparse
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, ctype, _, _, interlace = header
    if depth != 8 or ctype not in CHANNELS or interlace != 0:
        raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour type {ctype}, "
                         f"interlace {interlace})")
    bpp = CHANNELS[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) != height * (stride + 1):
        raise ValueError(f"{path}: image data has the wrong size")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        unfilter(ftype, line, prev, bpp, path)
        rows.append(line)
        prev = line
    return width, height, ctype, rows


_MASKS = {}


def _masks(n):
    if n not in _MASKS:
        _MASKS[n] = (int.from_bytes(b"\x7f" * n, "little"), int.from_bytes(b"\x80" * n, "little"))
    return _MASKS[n]


def unfilter(ftype, line, prev, bpp, path):
    n = len(line)
    if ftype == 0:
        return
    if ftype == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif ftype == 2:
        # bytewise (line + prev) mod 256 on the whole row as one integer:
        # the low seven bits of each byte add without crossing into the
        # next byte, the top bit is the sum's bit seven
        low, high = _masks(n)
        a, b = int.from_bytes(line, "little"), int.from_bytes(prev, "little")
        line[:] = (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "little")
    elif ftype == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif ftype == 4:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            if pa <= pb and pa <= pc:
                pred = a
            elif pb <= pc:
                pred = b
            else:
                pred = c
            line[i] = (line[i] + pred) & 0xFF
    else:
        raise ValueError(f"{path}: bad filter type {ftype}")


def pixel_diff(ra, rb, xa, xb, bpp):
    return max(abs(ra[xa + k] - rb[xb + k]) for k in range(bpp))


def explained_by_shift(rows_a, rows_b, x, y, bpp, shift, threshold):
    """Whether pixel (x, y) differs only because an edge moved by up to `shift`
    pixels (or by a fraction of one, which blends it differently): each
    channel of a's pixel lies within the range of b's neighbourhood, and the
    other way round, give or take `threshold`."""
    h, w = len(rows_a), len(rows_a[0]) // bpp

    def inside(src, dst):
        lo = [255] * bpp
        hi = [0] * bpp
        for yy in range(max(0, y - shift), min(h, y + shift + 1)):
            row = dst[yy]
            for xx in range(max(0, x - shift), min(w, x + shift + 1)):
                for k in range(bpp):
                    v = row[xx * bpp + k]
                    lo[k] = min(lo[k], v)
                    hi[k] = max(hi[k], v)
        px = src[y]
        return all(lo[k] - threshold <= px[x * bpp + k] <= hi[k] + threshold
                   for k in range(bpp))

    return inside(rows_a, rows_b) and inside(rows_b, rows_a)


def compare(a, b, pixel_threshold, shift):
    wa, ha, ca, rows_a = a
    wb, hb, cb, rows_b = b
    if (wa, ha, ca) != (wb, hb, cb):
        raise ValueError(f"sizes or formats differ: {wa}x{ha} type {ca} vs {wb}x{hb} type {cb}")
    bpp = CHANNELS[ca]
    total = 0
    bad = 0
    worst = 0
    step = 32  # pixels: runs of equal pixels are skipped a slice at a time
    for y, (ra, rb) in enumerate(zip(rows_a, rows_b)):
        if ra == rb:
            continue
        xs = (x for x0 in range(0, wa, step)
              if ra[x0 * bpp:(x0 + step) * bpp] != rb[x0 * bpp:(x0 + step) * bpp]
              for x in range(x0, min(x0 + step, wa)))
        for x in xs:
            d = pixel_diff(ra, rb, x * bpp, x * bpp, bpp)
            if not d:
                continue
            total += sum(abs(ra[x * bpp + k] - rb[x * bpp + k]) for k in range(bpp))
            if d > pixel_threshold and not explained_by_shift(rows_a, rows_b, x, y, bpp,
                                                              shift, pixel_threshold):
                bad += 1
                worst = max(worst, d)
    pixels = wa * ha
    return total / (pixels * bpp), bad / pixels, worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=1.0,
                    help="largest mean absolute difference per channel (0-255)")
    ap.add_argument("--pixel-threshold", type=int, default=32,
                    help="a pixel differs clearly when a channel moves more than this")
    ap.add_argument("--max-bad-fraction", type=float, default=0.0002,
                    help="largest share of clearly different pixels")
    ap.add_argument("--shift", type=int, default=1,
                    help="edges may move this many pixels")
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()
    try:
        mean, bad, worst = compare(read_png(args.a), read_png(args.b), args.pixel_threshold,
                                    args.shift)
    except (OSError, ValueError, zlib.error) as e:
        print(f"png_compare: {e}", file=sys.stderr)
        return 2
    alike = mean <= args.tolerance and bad <= args.max_bad_fraction
    print(f"png_compare: mean difference {mean:.4f} per channel, "
          f"{bad * 100:.4f} % of pixels differ by more than {args.pixel_threshold} "
          f"(not counting edges moved by {args.shift} px), largest such difference {worst}: {'alike' if alike else 'DIFFERENT'}")
    return 0 if alike else 1


if __name__ == "__main__":
    sys.exit(main())
