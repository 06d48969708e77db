"""The plain-text parser: every character is prose; blank lines split paragraphs."""

from __future__ import annotations

from document_checks import assert_maps_back, assert_paragraphs, assert_tiles
from hypothesis import given, settings
from hypothesis import strategies as st

from stylecheck.document.text import parse_text

_PIECES = ("\n", "\r\n", "\r", "\t", " ", "  \n", "word", "Word.", '"', "😀", "e\u0301", "\0")
sources = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=60).map(
    "".join
)


def test_paragraphs_are_blank_line_separated_blocks() -> None:
    document = parse_text("t.txt", "  One line\nwraps here.\n\n \t \nTwo.\n\n\n")
    assert [document.paragraph_text(p) for p in document.paragraphs] == [
        "One line\nwraps here.",
        "Two.",
    ]


def test_crlf_becomes_a_newline_placeholder_and_positions_stay_exact() -> None:
    document = parse_text("t.txt", "Café\r\n\r\nnaïve 😀 end\r")
    assert document.prose == "Café\n\nnaïve 😀 end\n"
    offset = document.prose.index("end")
    position = document.position(document.source_offset(offset))
    assert (position.line, position.column) == (3, 9)


@settings(max_examples=400, deadline=None)
@given(sources)
def test_text_documents_hold_the_invariants(source: str) -> None:
    document = parse_text("t.txt", source)
    assert_tiles(document)
    assert_maps_back(document)
    assert_paragraphs(document)
    # Only line endings are rewritten: the prose equals the source with newlines normalised.
    assert document.prose == source.replace("\r\n", "\n").replace("\r", "\n")


def test_quotations_span_dialogue_and_run_on_speech() -> None:
    text = '"Go," she said. He stayed.\n\n"It rained all week.\n\n"Then it stopped," she said.\n'
    document = parse_text("t.txt", text)
    quoted = [document.prose[s.start : s.end] for s in document.quotations]
    assert quoted == ['"Go,"', '"It rained all week.', '"Then it stopped,"']
    assert document.in_quotation(text.index("Go"))
    assert not document.in_quotation(text.index("stayed"))
    assert document.in_quotation(text.index("week"))  # a speech running on to the next paragraph
