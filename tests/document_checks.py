"""Invariants every parser's Document must hold, shared by the parser tests."""

from __future__ import annotations

from stylecheck.diagnostics import Span
from stylecheck.document import Document, Paragraph


def assert_tiles(document: Document) -> None:
    """Check that segments tile the source and the prose, and verbatim text matches."""
    source_pos = prose_pos = 0
    for segment in document.segments:
        assert segment.source.start == source_pos
        assert segment.prose.start == prose_pos
        source_pos, prose_pos = segment.source.end, segment.prose.end
        if segment.verbatim:
            prose = document.prose[segment.prose.start : segment.prose.end]
            assert prose == document.source[segment.source.start : segment.source.end]
    assert source_pos == len(document.source)
    assert prose_pos == len(document.prose)


def assert_paragraphs(document: Document) -> None:
    """Check paragraphs lie inside the prose, in order, without overlap or outer whitespace."""
    previous_end = 0
    for paragraph in document.paragraphs:
        assert isinstance(paragraph, Paragraph)
        assert previous_end <= paragraph.span.start < paragraph.span.end <= len(document.prose)
        text = document.paragraph_text(paragraph)
        assert text == text.strip()
        previous_end = paragraph.span.end


def assert_maps_back(document: Document) -> None:
    """Check every verbatim prose character maps back to the identical source character."""
    for segment in document.segments:
        if not segment.verbatim:
            continue
        for index in range(segment.prose.start, segment.prose.end):
            span = document.source_span(Span(index, index + 1))
            assert document.source[span.start : span.end] == document.prose[index]
