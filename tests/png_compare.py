#!/usr/bin/env python3
"""Compare two PNG pictures pixel by pixel, with a tolerance.

Used to check that the arm64 build renders the same picture as the native one:
floating-point rounding may move a few anti-aliased edge pixels by a step or
two, but any real difference (a missing ring, shifted text) moves the mean
and the share of clearly different pixels far beyond the limits.

Only the Python standard library is used (zlib for the image data), so the
check runs anywhere the build does. Handles 8-bit greyscale, RGB, RGBA and
grey+alpha, non-interlaced: what SDL2_image writes.

Usage: png_compare.py [--tolerance MEAN] [--pixel-threshold N]
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


def unfilter(ftype, line, prev, bpp, path):
    n = len(line)
    if ftype == 0:
        return
    if ftype == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif ftype == 2:
        for i in range(n):
            line[i] = (line[i] + prev[i]) & 0xFF
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


def compare(a, b, pixel_threshold):
    wa, ha, ca, rows_a = a
    wb, hb, cb, rows_b = b
    if (wa, ha, ca) != (wb, hb, cb):
        raise ValueError(f"sizes or formats differ: {wa}x{ha} type {ca} vs {wb}x{hb} type {cb}")
    bpp = CHANNELS[ca]
    total = 0
    bad = 0
    worst = 0
    for ra, rb in zip(rows_a, rows_b):
        if ra == rb:
            continue
        for x in range(0, len(ra), bpp):
            d = max(abs(ra[x + k] - rb[x + k]) for k in range(bpp))
            if d:
                total += sum(abs(ra[x + k] - rb[x + k]) for k in range(bpp))
                worst = max(worst, d)
                if d > pixel_threshold:
                    bad += 1
    pixels = wa * ha
    return total / (pixels * bpp), bad / pixels, worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=1.0,
                    help="largest mean absolute difference per channel (0-255)")
    ap.add_argument("--pixel-threshold", type=int, default=32,
                    help="a pixel differs clearly when a channel moves more than this")
    ap.add_argument("--max-bad-fraction", type=float, default=0.005,
                    help="largest share of clearly different pixels")
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()
    try:
        mean, bad, worst = compare(read_png(args.a), read_png(args.b), args.pixel_threshold)
    except (OSError, ValueError, zlib.error) as e:
        print(f"png_compare: {e}", file=sys.stderr)
        return 2
    alike = mean <= args.tolerance and bad <= args.max_bad_fraction
    print(f"png_compare: mean difference {mean:.4f} per channel, "
          f"{bad * 100:.3f} % of pixels differ by more than {args.pixel_threshold}, "
          f"largest difference {worst}: {'alike' if alike else 'DIFFERENT'}")
    return 0 if alike else 1


if __name__ == "__main__":
    sys.exit(main())
