#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Draws templates/communautaire/logo.png: the fictional intercommunality's
emblem (three rivers in a teal disc). Opaque RGB, no alpha channel: a PNG
with alpha needs a soft mask, which PDF/A-1 forbids. Deterministic."""
import math
import struct
import sys
import zlib

SIZE = 240
TEAL = (0, 100, 110)
LIGHT = (220, 236, 238)
WHITE = (255, 255, 255)


def pixel(x, y):
    cx = cy = SIZE / 2
    r = math.hypot(x - cx, y - cy)
    if r > SIZE * 0.48:
        return WHITE
    if r > SIZE * 0.44:
        return TEAL
    for k in range(3):  # three rivers
        base = SIZE * (0.36 + 0.14 * k)
        wave = base + SIZE * 0.05 * math.sin(x / SIZE * 2 * math.pi * 1.5 + k)
        if abs(y - wave) < SIZE * 0.035:
            return LIGHT
    return TEAL


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def main(path):
    rows = b"".join(b"\0" + bytes(c for x in range(SIZE) for c in pixel(x, y)) for y in range(SIZE))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "templates/communautaire/logo.png")
