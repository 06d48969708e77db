"""Run headless Chromium from the tests, and read its PNG screenshots with the stdlib alone.

Chromium runs with a fresh profile, no network services of its own (no sync, updates, QUIC or
background requests) and a time limit; the page under test is a local file. The PNG reader
knows what Chromium writes: 8-bit RGB or RGBA, not interlaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 60  # seconds for one Chromium run
FLAGS = (
    "--headless",
    "--no-sandbox",  # tests run as root in containers, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChromiumError(Exception):
    """Chromium failed, or took longer than `TIMEOUT`."""


def find_chromium() -> str | None:
    """Return the path of the Chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(executable: str, *arguments: str) -> str:
    """Run Chromium headless with a fresh profile and return what it printed on stdout."""
    with tempfile.TemporaryDirectory(prefix="stylecheck-chromium-") as profile:
        command = [executable, *FLAGS, f"--user-data-dir={profile}", *arguments]
        # Its own process group, so a hung browser is ended with all its helpers, and only them.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _end_group(process.pid)
            process.communicate()
            raise ChromiumError(
                f"Chromium took more than {TIMEOUT} s: {' '.join(command)}"
            ) from None
        _end_group(process.pid)  # helpers that outlive the browser would hold the profile open
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace")[-2000:]
        raise ChromiumError(f"Chromium exited with {process.returncode}: {tail}")
    return stdout.decode("utf-8", "replace")


def _end_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(group, signal.SIGKILL)


def dump_dom(executable: str, page: Path) -> str:
    """Return the DOM of a local page as Chromium serialises it after loading it."""
    return run_chromium(executable, "--dump-dom", page.resolve().as_uri())


def screenshot(executable: str, page: Path, png: Path, *, width: int = 1280, height: int) -> bytes:
    """Take a screenshot of a local page in a `width` by `height` window; return the PNG."""
    run_chromium(
        executable,
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        page.resolve().as_uri(),
    )
    if not png.exists():
        raise ChromiumError(f"Chromium wrote no screenshot to {png}")
    return png.read_bytes()


@dataclass(frozen=True)
class Image:
    """A decoded image: rows of unfiltered bytes, `channels` bytes a pixel (3 RGB, 4 RGBA)."""

    width: int
    height: int
    channels: int
    rows: tuple[bytes, ...]

    def pixels(self) -> Iterator[tuple[int, int, int]]:
        """Yield the (red, green, blue) of every pixel, row by row."""
        step = self.channels
        for row in self.rows:
            yield from zip(row[0::step], row[1::step], row[2::step], strict=True)


def decode_png(data: bytes) -> Image:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG; raise ValueError for anything else."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    position, header, compressed = len(PNG_SIGNATURE), b"", bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length  # length, type, body, CRC
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    if len(header) != 13:
        raise ValueError("PNG without a valid IHDR chunk")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError(
            f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}"
        )
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    if len(raw) != height * (stride + 1):
        raise ValueError("PNG image data has the wrong size")
    rows: list[bytes] = []
    previous = bytes(stride)
    for index in range(height):
        start = index * (stride + 1)
        kind = raw[start]
        line = raw[start + 1 : start + 1 + stride]
        previous = _unfilter(kind, line, previous, channels)
        rows.append(previous)
    return Image(width, height, channels, tuple(rows))


def _unfilter(kind: int, line: bytes, previous: bytes, bpp: int) -> bytes:
    """Undo one of the five PNG filters on one row, given the row above (already decoded)."""
    if kind == 0:  # None
        return bytes(line)
    if kind == 2:  # Up
        return bytes((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
    out = bytearray(line)
    if kind == 1:  # Sub
        for i in range(bpp, len(out)):
            out[i] = (out[i] + out[i - bpp]) & 0xFF
    elif kind == 3:  # Average
        for i in range(len(out)):
            left = out[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:  # Paeth
        for i in range(len(out)):
            left = out[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            guess = left + up - corner
            to_left, to_up, to_corner = abs(guess - left), abs(guess - up), abs(guess - corner)
            if to_left <= to_up and to_left <= to_corner:
                nearest = left
            elif to_up <= to_corner:
                nearest = up
            else:
                nearest = corner
            out[i] = (out[i] + nearest) & 0xFF
    else:
        raise ValueError(f"unknown PNG filter type {kind}")
    return bytes(out)


def hex_colour(value: str) -> tuple[int, int, int]:
    """Return the (red, green, blue) of a "#rrggbb" colour."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def count_colour(image: Image, colour: tuple[int, int, int], tolerance: int = 0) -> int:
    """Count the pixels within `tolerance` of `colour` on each channel."""
    red, green, blue = colour
    near = {
        (red + r, green + g, blue + b)
        for r in range(-tolerance, tolerance + 1)
        for g in range(-tolerance, tolerance + 1)
        for b in range(-tolerance, tolerance + 1)
    }
    return sum(1 for pixel in image.pixels() if pixel in near)
