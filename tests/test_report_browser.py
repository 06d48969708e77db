"""The HTML report in a real browser: injected markup stays inert, and the charts are drawn.

Headless Chromium loads the page from a file, dumps the DOM it built (so anything a script or
an event handler had done would show), then takes a screenshot in which the bars' colour must
appear. Without Chromium the tests skip, unless STYLECHECK_REQUIRE_CHROMIUM=1 asks for them
(CI machines that install Chromium set it, so a missing browser cannot pass silently).
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import report_factory as factory
from chromium import count_colour, decode_png, dump_dom, find_chromium, hex_colour, screenshot

from stylecheck.cli import main
from stylecheck.report.html import CHART_IDS, render_html
from stylecheck.report.model import LongSentence
from stylecheck.report.svg import BAR

WIDTH, HEIGHT = 1280, 1600
MIN_BAR_PIXELS = 300

CHAPTER_1 = """# The Long Night

"Are you coming?" Mara asked, pulling on her coat. The kitchen smelled of burnt coffee and
rain. Tom looked up from the table, where the letters lay in three uneven piles.

"In a minute," he said. He folded the last letter twice and put it in his pocket. Outside,
the wind pushed at the windows as if it wanted to be let in.

She waited by the door. She had waited by a lot of doors that year, she thought, and most of
them had stayed shut. "The bus won't wait," she said quietly.

"Then we'll walk." He stood, took his scarf from the hook, and followed her out into the dark
street, where the lamps were already coming on one by one along the hill. They walked in
silence for a while, past the bakery and the closed library, until the river came into view
and the bridge lights shivered on the water below them.
"""

CHAPTER_2 = """# <img src=x onerror="document.body.setAttribute('data-pwned','2')">

<script>document.title='PWNED';document.body.setAttribute('data-pwned','1')</script>

The morning came grey and slow. Mara sat at the window with a cup of tea going cold in her
hands, watching the postman work his way down the street.

"Anything for us?" Tom called from the stairs.

"Nothing yet," she answered. She had stopped expecting anything, but she still looked. The
postman waved, and she waved back, and that was the whole of the conversation.

Tom came down and read the paper aloud, the way he always did, stopping at the parts he
thought she would like. He read a story about a <b onmouseover=alert(1)>bold</b> fox that had
walked into a bank. She laughed despite herself. "You made that up," she said.

"I never make anything up," he said, and turned the page. The kettle began to sing again, and
neither of them got up to take it off the heat for a long, comfortable minute.
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    """Return the Chromium executable, or skip (fail when STYLECHECK_REQUIRE_CHROMIUM=1)."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("STYLECHECK_REQUIRE_CHROMIUM") == "1":
            pytest.fail(
                "STYLECHECK_REQUIRE_CHROMIUM=1 but neither 'chromium' nor 'chromium-browser' "
                "is on PATH: install it (apt-get install chromium)"
            )
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return executable


class Elements(HTMLParser):
    """Collect the DOM's tags and attribute names."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def assert_inert_and_drawn(dom: str) -> None:
    """Check a dumped DOM: no injected script ran or exists, and every chart has bars."""
    elements = Elements()
    elements.feed(dom)
    # The text "data-pwned" is on the page, escaped; as an attribute it would mean a script ran.
    assert "data-pwned" not in elements.attributes
    assert re.search(r"<body[^>]*data-pwned", dom) is None
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title is not None and "PWNED" not in title.group(1)
    assert "script" not in elements.tags
    assert "img" not in elements.tags
    assert [name for name in elements.attributes if name.startswith("on")] == []
    for chart_id in CHART_IDS:
        chart = re.search(rf'<svg id="{chart_id}"[^>]*>(.*?)</svg>', dom, re.DOTALL)
        assert chart is not None, f"{chart_id} is missing from the DOM"
        assert "<rect" in chart.group(1), f"{chart_id} has no bars"


def assert_screenshot_has_bars(executable: str, page: Path, png: Path) -> None:
    image = decode_png(screenshot(executable, page, png, width=WIDTH, height=HEIGHT))
    assert (image.width, image.height) == (WIDTH, HEIGHT)
    bar_pixels = count_colour(image, hex_colour(BAR), tolerance=2)
    assert bar_pixels >= MIN_BAR_PIXELS, f"only {bar_pixels} pixels of the bar colour {BAR}"


def test_rendered_page_in_chromium(chromium: str, tmp_path: Path) -> None:
    """A report built by hand, with hostile titles and sentences, renders inert in a browser."""
    base = factory.report(3)
    evil = factory.section(
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','3')\">",
        "chapter-9.md",
        longest_text="<script>document.title='PWNED'</script> \"quotes\" & ampersands",
    )
    longest = (LongSentence("<b onmouseover=alert(1)>.md", 4, 1, 30, "<svg onload=alert(1)>"),)
    lengths = replace(base.manuscript.sentence_lengths, longest=longest)
    whole = replace(base.manuscript, sentence_lengths=lengths)
    report = replace(base, manuscript=whole, chapters=(*base.chapters, evil))
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")

    dom = dump_dom(chromium, page)
    assert_inert_and_drawn(dom)
    assert "&lt;svg onload=alert(1)&gt;" in dom  # shown as text
    assert_screenshot_has_bars(chromium, page, tmp_path / "report.png")


def test_cli_report_in_chromium(chromium: str, tmp_path: Path) -> None:
    """`stylecheck report --format html` on a manuscript with raw HTML in it renders inert."""
    manuscript = tmp_path / "manuscript"
    manuscript.mkdir()
    (manuscript / "chapter-1.md").write_text(CHAPTER_1, encoding="utf-8")
    (manuscript / "chapter-2.md").write_text(CHAPTER_2, encoding="utf-8")
    page = tmp_path / "report.html"

    assert main(["report", str(manuscript), "--format", "html", "-o", str(page)]) == 0

    dom = dump_dom(chromium, page)
    assert_inert_and_drawn(dom)
    assert "Editorial report" in dom
    assert_screenshot_has_bars(chromium, page, tmp_path / "report.png")


def _png(width: int, height: int, channels: int, rows: list[bytes], filters: list[int]) -> bytes:
    """Encode rows with the given filter types: the reverse of the decoder under test."""
    encoded, previous = bytearray(), bytes(width * channels)
    for row, kind in zip(rows, filters, strict=True):
        out = bytearray()
        for i, value in enumerate(row):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            guess = left + up - corner
            paeth = min((abs(guess - left), 0, left), (abs(guess - up), 1, up))
            paeth = min(paeth, (abs(guess - corner), 2, corner))[2]
            predictor = [0, left, up, (left + up) // 2, paeth][kind]
            out.append((value - predictor) & 0xFF)
        encoded += bytes([kind]) + out
        previous = row
    colour = {3: 2, 4: 6}[channels]

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(encoded)))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("channels", [3, 4])
def test_png_decoder_undoes_all_five_filters(channels: int) -> None:
    width = 7
    rows = [
        bytes((x * 37 + y * 91 + c * 13) % 256 for x in range(width) for c in range(channels))
        for y in range(10)
    ]
    filters = [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]
    image = decode_png(_png(width, len(rows), channels, rows, filters))
    assert (image.width, image.height, image.channels) == (width, 10, channels)
    assert list(image.rows) == rows
    red = rows[3][0], rows[3][1], rows[3][2]
    assert count_colour(image, red) >= 1


def test_png_decoder_rejects_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        decode_png(b"GIF89a")
