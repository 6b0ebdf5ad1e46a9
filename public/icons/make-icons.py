"""Draws the app icons (a white declaration sheet with a tick on the theme blue) as PNG, no dependencies.

Run: python3 public/icons/make-icons.py  (writes icon-192.png, icon-512.png, maskable-512.png here)
"""
import os
import struct
import zlib

BLUE = (11, 92, 173)
WHITE = (255, 255, 255)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def sheet(scale):
    """A sheet of paper with a tick; `scale` shrinks it into the maskable safe zone."""
    def pixel(x, y, size):
        u, v = (x / size - 0.5) / scale + 0.5, (y / size - 0.5) / scale + 0.5
        on_sheet = 0.25 <= u <= 0.75 and 0.18 <= v <= 0.82
        # The tick: two thick strokes.
        def near(ax, ay, bx, by, w=0.035):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
            return (u - ax - t * dx) ** 2 + (v - ay - t * dy) ** 2 <= w * w
        tick = near(0.36, 0.52, 0.46, 0.64) or near(0.46, 0.64, 0.64, 0.42)
        lines = on_sheet and any(abs(v - ly) < 0.012 and 0.33 <= u <= 0.67 for ly in (0.26, 0.32))
        if on_sheet and (tick or lines):
            return BLUE
        return WHITE if on_sheet else BLUE
    return pixel


here = os.path.dirname(os.path.abspath(__file__))
png(os.path.join(here, "icon-192.png"), 192, sheet(1.0))
png(os.path.join(here, "icon-512.png"), 512, sheet(1.0))
png(os.path.join(here, "maskable-512.png"), 512, sheet(0.8))
