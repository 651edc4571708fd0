#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpus of the image fuzzer (tests/fuzz/fuzz_image.c) into
OUT: small PNG files of every colour type and bit depth a template's logo
may have (grey 1/8/16-bit, RGB 8/16-bit, palette with and without tRNS,
grey+alpha, RGBA 8/16-bit, Adam7-interlaced), and baseline JPEG files (grey,
YCbCr 4:4:4 and 4:2:0, CMYK). Deterministic; no image library needed.

  scripts/fuzz_images.py OUT
"""
import os
import struct
import sys
import zlib

W = H = 8


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def sample(x, y, c, depth):
    v = (x * 37 + y * 91 + c * 53) % 256
    if depth == 16:
        return struct.pack(">H", v * 257)
    return bytes([v])


def row_bytes(pixels, depth, channels):
    """pixels: list of (x, y); bytes of one unfiltered row."""
    if depth >= 8:
        return b"".join(sample(x, y, c, depth) for x, y in pixels for c in range(channels))
    bits, out = "", bytearray()
    for x, y in pixels:
        bits += format((x + y) % (1 << depth), "0%db" % depth)
    bits += "0" * (-len(bits) % 8)
    for i in range(0, len(bits), 8):
        out.append(int(bits[i:i + 8], 2))
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(color_type, depth, interlace=False, palette=None, trns=None):
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    raw = b""
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        xs = list(range(x0, W, dx))
        for y in range(y0, H, dy):
            if xs:
                raw += b"\0" + row_bytes([(x, y) for x in xs], depth, channels)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, color_type, 0, 0, int(interlace)))
    if palette:
        out += chunk(b"PLTE", palette)
    if trns:
        out += chunk(b"tRNS", trns)
    return out + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def jpeg(components, sampling=None):
    """A baseline JPEG of 8x8 (16x16 with 4:2:0) pixels, every block flat:
    DC difference 0 and end of block, each coded on one bit '0'."""
    sampling = sampling or [0x11] * components
    width = 16 if sampling[0] == 0x22 else 8
    out = b"\xff\xd8"
    out += b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    out += b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = bytes([8]) + struct.pack(">HH", width, width) + bytes([components])
    for i in range(components):
        sof += bytes([i + 1, sampling[i], 0])
    out += b"\xff\xc0" + struct.pack(">H", 2 + len(sof)) + sof
    # One DC table and one AC table, each a single code of length 1.
    for table_class in (0x00, 0x10):
        counts = bytes([1] + [0] * 15)
        out += b"\xff\xc4" + struct.pack(">H", 2 + 1 + 16 + 1) + bytes([table_class]) + counts + b"\x00"
    sos = bytes([components])
    for i in range(components):
        sos += bytes([i + 1, 0x00])
    sos += b"\x00\x3f\x00"
    out += b"\xff\xda" + struct.pack(">H", 2 + len(sos)) + sos
    blocks = sum((s >> 4) * (s & 15) for s in sampling)
    bits = "00" * blocks
    bits += "1" * (-len(bits) % 8)
    out += bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))
    return out + b"\xff\xd9"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    palette = bytes(v for i in range(4) for v in (i * 80, 255 - i * 60, 120))
    files = {
        "grey1.png": png(0, 1), "grey8.png": png(0, 8), "grey16.png": png(0, 16),
        "rgb8.png": png(2, 8), "rgb16.png": png(2, 16), "rgb8-interlaced.png": png(2, 8, interlace=True),
        "palette.png": png(3, 2, palette=palette), "palette-trns.png": png(3, 2, palette=palette, trns=b"\0\x80"),
        "grey-alpha.png": png(4, 8), "rgba8.png": png(6, 8), "rgba16.png": png(6, 16),
        "rgba8-interlaced.png": png(6, 8, interlace=True),
        "grey.jpg": jpeg(1), "ycbcr.jpg": jpeg(3), "ycbcr420.jpg": jpeg(3, [0x22, 0x11, 0x11]),
        "cmyk.jpg": jpeg(4),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
