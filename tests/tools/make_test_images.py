#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the PNG files of tests/pdf/images.sh into a folder, with the
standard library only (zlib, struct): every kind of logo a town hall may
draw (alpha, grey+alpha, palette with tRNS, 16-bit, interlaced), broken
ones (truncated, cut after the header, a huge declared size) and a CMYK
JPEG, which PDF/A-1 with an sRGB output intent cannot take.

Each good image is 40 x 40 pixels in four 20 x 20 quadrants; expected.txt
lists, for each, the colour of each quadrant once flattened onto white
(top-left, top-right, bottom-left, bottom-right) as "R,G,B", computed as
the engine does: c' = (c*a + 255*(255 - a) + 127) // 255 on 8-bit values.

Usage: make_test_images.py FOLDER [--huge-full]
  --huge-full: the 30000 x 30000 image with all its (zero) rows compressed,
  2.6 MB, as a real attacker would send; by default only a few rows follow
  its header (the engine must refuse it on the header alone)."""
import struct
import sys
import zlib

SIZE = 40
HALF = SIZE // 2


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, depth, colour_type, idat, extra=b"", interlace=0):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", idat) +
            chunk(b"IEND", b""))


def quadrant(x, y):
    return (y >= HALF) * 2 + (x >= HALF)


def flatten(c, a):
    return (c * a + 255 * (255 - a) + 127) // 255


def rows_bytes(pixel, sample_bytes, width=SIZE, height=SIZE):
    """Non-interlaced scanlines, filter 0; pixel(x, y) -> tuple of samples."""
    fmt = ">H" if sample_bytes == 2 else ">B"
    out = bytearray()
    for y in range(height):
        out.append(0)
        for x in range(width):
            for s in pixel(x, y):
                out += struct.pack(fmt, s)
    return bytes(out)


def adam7(pixel, sample_bytes):
    """The seven Adam7 passes, each a sub-image of filter-0 scanlines."""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    fmt = ">H" if sample_bytes == 2 else ">B"
    out = bytearray()
    for x0, y0, dx, dy in passes:
        xs, ys = range(x0, SIZE, dx), range(y0, SIZE, dy)
        if not xs or not ys:
            continue
        for y in ys:
            out.append(0)
            for x in xs:
                for s in pixel(x, y):
                    out += struct.pack(fmt, s)
    return bytes(out)


# Quadrant colours with alpha (8-bit): opaque red, half-transparent blue,
# fully transparent (whatever its colour: white once flattened), opaque green.
RGBA = [(255, 0, 0, 255), (0, 0, 255, 128), (30, 60, 90, 0), (0, 160, 0, 255)]
GREY_ALPHA = [(0, 255), (0, 128), (90, 0), (200, 255)]


def expected_rgba(quads):
    return [tuple(flatten(c, q[3]) for c in q[:3]) for q in quads]


def segment(marker, body):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body


def cmyk_jpeg():
    """An 8 x 8 baseline JPEG with four components (CMYK, as an Adobe
    application writes it): every block's DC difference and AC run are the
    only symbol of one-code Huffman tables, so the scan is one byte."""
    dqt = segment(0xDB, b"\x00" + b"\x01" * 64)
    sof = segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 4) + b"".join(bytes([c, 0x11, 0]) for c in range(1, 5)))
    one_code = bytes([1] + [0] * 15) + b"\x00"  # one code of length 1: symbol 0
    dht = segment(0xC4, b"\x00" + one_code + b"\x10" + one_code)
    adobe = segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0))  # transform 0: CMYK as is
    sos = segment(0xDA, b"\x04" + b"".join(bytes([c, 0x00]) for c in range(1, 5)) + b"\x00\x3f\x00")
    return b"\xff\xd8" + adobe + dqt + sof + dht + sos + b"\x00" + b"\xff\xd9"


def main(folder, huge_full):
    images, expected = {}, {}

    rgba = lambda x, y: RGBA[quadrant(x, y)]
    images["rgba.png"] = png(SIZE, SIZE, 8, 6, zlib.compress(rows_bytes(rgba, 1)))
    expected["rgba.png"] = expected_rgba(RGBA)

    ga = lambda x, y: GREY_ALPHA[quadrant(x, y)]
    images["grey_alpha.png"] = png(SIZE, SIZE, 8, 4, zlib.compress(rows_bytes(ga, 1)))
    expected["grey_alpha.png"] = [(flatten(g, a),) * 3 for g, a in GREY_ALPHA]

    plte = b"".join(bytes(q[:3]) for q in RGBA)
    trns = bytes(q[3] for q in RGBA)
    pal = lambda x, y: (quadrant(x, y),)
    images["palette_trns.png"] = png(SIZE, SIZE, 8, 3, zlib.compress(rows_bytes(pal, 1)),
                                     chunk(b"PLTE", plte) + chunk(b"tRNS", trns))
    expected["palette_trns.png"] = expected_rgba(RGBA)

    # 16-bit: v * 257 is exactly the 8-bit v once scaled back.
    rgb16 = [(255, 0, 0), (0, 0, 255), (128, 64, 32), (0, 160, 0)]
    p16 = lambda x, y: tuple(v * 257 for v in rgb16[quadrant(x, y)])
    images["rgb16.png"] = png(SIZE, SIZE, 16, 2, zlib.compress(rows_bytes(p16, 2)))
    expected["rgb16.png"] = rgb16

    pa16 = lambda x, y: tuple(v * 257 for v in RGBA[quadrant(x, y)])
    images["rgba16.png"] = png(SIZE, SIZE, 16, 6, zlib.compress(rows_bytes(pa16, 2)))
    expected["rgba16.png"] = expected_rgba(RGBA)

    images["interlaced_rgba.png"] = png(SIZE, SIZE, 8, 6, zlib.compress(adam7(rgba, 1)), interlace=1)
    expected["interlaced_rgba.png"] = expected_rgba(RGBA)

    # Broken: cut in the middle of the image data; cut right after IHDR.
    whole = images["rgba.png"]
    idat = whole.index(b"IDAT")
    length = struct.unpack(">I", whole[idat - 4:idat])[0]
    images["truncated.png"] = whole[:idat + 4 + length // 2]
    images["header_only.png"] = whole[:idat - 4]

    # A 30000 x 30000 RGB declaration.
    side = 30000
    z = zlib.compressobj(9)
    body = bytearray()
    row = b"\0" * (1 + 3 * side)
    for _ in range(side if huge_full else 16):
        body += z.compress(row)
    body += z.flush()
    images["huge.png"] = png(side, side, 8, 2, bytes(body))

    images["cmyk.jpg"] = cmyk_jpeg()

    for name, data in images.items():
        with open(f"{folder}/{name}", "wb") as f:
            f.write(data)
    with open(f"{folder}/expected.txt", "w") as f:
        for name, quads in expected.items():
            f.write(name + " " + " ".join(",".join(map(str, q)) for q in quads) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], "--huge-full" in sys.argv[2:])
