"""Plain-text documents: paragraphs are blocks separated by blank lines."""

from __future__ import annotations

import re

from stylecheck.diagnostics import Span
from stylecheck.document import Document, Paragraph, SegmentBuilder

# A blank line: a line ending followed by optional spaces/tabs and another line ending.
_PARAGRAPH_GAP = re.compile(r"(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+")


def parse_text(path: str, source: str, has_bom: bool = False) -> Document:
    """Parse plain text: every character is verbatim prose; blank lines split paragraphs."""
    builder = SegmentBuilder(source)
    builder.prose(len(source))
    prose, segments = builder.finish()
    # CR and CRLF became "\n" in the prose, so paragraphs are found on the prose itself.
    paragraphs = tuple(
        Paragraph(span) for span in _blocks(prose) if prose[span.start : span.end].strip()
    )
    return Document(
        path=path,
        source=source,
        prose=prose,
        segments=segments,
        paragraphs=paragraphs,
        format="text",
        has_bom=has_bom,
    )


def _blocks(prose: str) -> list[Span]:
    """Return the spans between paragraph gaps, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for gap in [*_PARAGRAPH_GAP.finditer(prose), None]:
        end = gap.start() if gap else len(prose)
        block = prose[start:end]
        left = len(block) - len(block.lstrip())
        right = len(block.rstrip())
        if right > left:
            spans.append(Span(start + left, start + right))
        if gap:
            start = gap.end()
    return spans
