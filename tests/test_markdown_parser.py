"""Tests for the Markdown parser: exact prose, source positions, directives, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_checks import assert_maps_back, assert_paragraphs, assert_tiles
from hypothesis import given, settings
from hypothesis import strategies as st

from stylecheck.diagnostics import Span
from stylecheck.document import BadDirective, Directive, DirectiveAction, Document
from stylecheck.document.markdown import parse_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "markdown" / "kitchen-sink.md"

KITCHEN_SINK_PROSE = (
    "The First Chapter\n\n"
    "Mara opened the door with great care. She read the sign, then\n"
    "looked at the map again.\n\n"
    "She remembered the old library and the path beyond.\n"
    "Inline stays out, and AT&T sent a *starred* note.\n\n"
    'Then she whispered,\n"Not yet."\n\n'
    "First item\n\n"
    "Second item\n\n"
    "Nested item with emphasis\n\n"
    "Setext heading"
)

# Words that sit in front matter, code, URLs, titles, alt text and HTML of the fixture.
HIDDEN_WORDS = (
    "Secretkeyword",
    "urlword",
    "Mapword",
    "refword",
    "Reftitle",
    "Gardenalt",
    "Imgtitle",
    "codeword",
    "fencedword",
    "indentedword",
    "htmlblockword",
    "aside",
    "stylecheck",
    "[lib]",
    "python",
)


def parse(source: str) -> Document:
    """Parse a Markdown string under a fixed path."""
    return parse_markdown("test.md", source)


def paragraph_texts(document: Document) -> list[tuple[str, str]]:
    """Return each paragraph's kind and text."""
    return [(p.kind, document.paragraph_text(p)) for p in document.paragraphs]


def position_of(document: Document, word: str) -> tuple[int, int]:
    """Return the 1-based line and column in the source of the first `word` in the prose."""
    index = document.prose.index(word)
    position = document.position(document.source_offset(index))
    return position.line, position.column


# --- the kitchen-sink fixture -------------------------------------------------------------


@pytest.fixture(scope="module")
def sink_source() -> str:
    """Return the kitchen-sink fixture's text."""
    return FIXTURE.read_text(encoding="utf-8")


def test_fixture_prose_is_exact(sink_source: str) -> None:
    document = parse(sink_source)
    assert document.prose == KITCHEN_SINK_PROSE
    assert document.format == "markdown"
    assert document.path == "test.md"


def test_fixture_paragraphs_and_kinds(sink_source: str) -> None:
    assert paragraph_texts(parse(sink_source)) == [
        ("heading", "The First Chapter"),
        (
            "paragraph",
            "Mara opened the door with great care. She read the sign, then\n"
            "looked at the map again.",
        ),
        (
            "paragraph",
            "She remembered the old library and the path beyond.\n"
            "Inline stays out, and AT&T sent a *starred* note.",
        ),
        ("paragraph", 'Then she whispered,\n"Not yet."'),
        ("paragraph", "First item"),
        ("paragraph", "Second item"),
        ("paragraph", "Nested item with emphasis"),
        ("heading", "Setext heading"),
    ]


@pytest.mark.parametrize("word", HIDDEN_WORDS)
def test_fixture_hides_markup_words(sink_source: str, word: str) -> None:
    assert word not in parse(sink_source).prose


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_fixture_with_other_line_endings_gives_same_prose(sink_source: str, newline: str) -> None:
    source = sink_source.replace("\n", newline)
    document = parse(source)
    assert document.prose == KITCHEN_SINK_PROSE
    assert paragraph_texts(document) == paragraph_texts(parse(sink_source))
    assert [d.selectors for d in document.directives] == [("words.doubled",)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("First", (6, 8)),  # inside emphasis in the ATX heading
        ("Mara", (8, 1)),
        ("great", (8, 29)),  # inside strong
        ("map", (9, 16)),  # link text
        ("again", (9, 66)),  # after the link target and title
        ("beyond", (11, 88)),  # after an image
        ("stays", (12, 21)),  # after inline code
        ("T sent", (12, 43)),  # after an entity
        ("starred", (12, 54)),  # after an escaped asterisk
        ("Not", (21, 4)),  # second blockquote line
        ("Nested", (25, 5)),  # nested list item
        ("Setext", (33, 1)),
    ],
)
def test_fixture_words_map_to_source_positions(
    sink_source: str, newline: str, word: str, expected: tuple[int, int]
) -> None:
    source = sink_source.replace("\n", newline)
    document = parse(source)
    assert position_of(document, word) == expected
    line, column = expected
    source_line = sink_source.split("\n")[line - 1]
    assert source_line[column - 1 :].startswith(word)


def test_fixture_directive_span_is_the_comment(sink_source: str) -> None:
    document = parse(sink_source)
    (directive,) = document.directives
    assert directive.action == "disable"
    assert sink_source[directive.source.start : directive.source.end] == (
        "<!-- stylecheck: disable words.doubled -->"
    )
    assert document.bad_directives == ()


# --- inline constructs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "prose"),
    [
        ("**bold** and _it_ and ***both***", "bold and it and both"),
        ("use `x` now", "use now"),
        ("a`x`b", "a b"),
        ("`code` first", "first"),
        ("last `code`", "last "),
        ("a ``b ` c`` d", "a d"),
        ("see [the text](http://x.org 'title') here", "see the text here"),
        ("see [the text][ref] here\n\n[ref]: /u", "see the text here"),
        ("see [ref][] and [ref]\n\n[ref]: /u", "see ref and ref"),
        ("not [a link] here", "not [a link] here"),
        ("an ![alt text](pic.png) image", "an image"),
        ("a ![alt](p.png)b", "a b"),
        ("call (`f`) or `g`.", "call () or ."),
        ("end.<br>Next", "end. Next"),
        ("a<!-- note -->b", "a b"),
        ("mail <me@example.com> or <https://x.org>.", "mail or ."),
        ("x <span>y</span>. z<br>w", "x y. z w"),
        ("a <!-- note --> b", "a b"),
        ("AT&amp;T &copy; &#65;", "AT&T © A"),
        ("\\*not emphasis\\* and \\a", "*not emphasis* and \\a"),
        ("fish &bogus; chips", "fish &bogus; chips"),
        ("unmatched *star and _under", "unmatched *star and _under"),
        ("snake_case_word", "snake_case_word"),
    ],
)
def test_inline_prose(source: str, prose: str) -> None:
    assert parse(source).prose == prose


def test_soft_break_is_prose_newline() -> None:
    document = parse("one\n   two")
    assert document.prose == "one\ntwo"
    newline = document.segments[1]
    assert newline.verbatim
    assert document.source[newline.source.start : newline.source.end] == "\n"


@pytest.mark.parametrize("source", ["one  \ntwo", "one\\\ntwo", "one     \n  two"])
def test_hard_break_keeps_newline_only(source: str) -> None:
    document = parse(source)
    assert document.prose == "one\ntwo"
    newline = next(s for s in document.segments if s.prose == Span(3, 4))
    assert newline.verbatim


def test_escape_backslash_is_markup_and_character_is_prose() -> None:
    document = parse("a \\* b")
    assert document.prose == "a * b"
    star = document.prose.index("*")
    assert document.source_offset(star) == 3
    assert document.is_verbatim(Span(3, 4))
    assert not document.is_verbatim(Span(2, 3))


def test_entity_is_markup_with_its_character() -> None:
    document = parse("AT&amp;T")
    (entity,) = [s for s in document.segments if not s.verbatim]
    assert document.source[entity.source.start : entity.source.end] == "&amp;"
    assert document.prose[entity.prose.start : entity.prose.end] == "&"


def test_code_span_placeholder_covers_the_code() -> None:
    document = parse("a`x`b")
    (code,) = [s for s in document.segments if not s.verbatim]
    assert document.source[code.source.start : code.source.end] == "`x`"
    assert document.prose[code.prose.start : code.prose.end] == " "


# --- blocks -------------------------------------------------------------------------------


def test_blank_lines_become_one_paragraph_break() -> None:
    document = parse("One.\n\n\n\nTwo.\n")
    assert document.prose == "One.\n\nTwo."
    assert paragraph_texts(document) == [("paragraph", "One."), ("paragraph", "Two.")]


def test_blocks_between_paragraphs_give_one_paragraph_break() -> None:
    source = "One.\n\n```\ncode\n```\n\n    indented\n\n---\n\n<div>\nhtml\n</div>\n\nTwo."
    assert parse(source).prose == "One.\n\nTwo."


def test_headings() -> None:
    document = parse("# Title #\n\nSub\n===\n\n## ##\n\n### Hash # inside ##")
    assert paragraph_texts(document) == [
        ("heading", "Title"),
        ("heading", "Sub"),
        ("heading", "Hash # inside"),
    ]


def test_blockquote_and_list_markers_are_markup() -> None:
    document = parse("> quoted\n> line\n\n1. first\n2. second\n   continued\n\n- > deep")
    assert document.prose == "quoted\nline\n\nfirst\n\nsecond\ncontinued\n\ndeep"


def test_lazy_and_tab_indented_continuation_lines() -> None:
    assert parse("- a\n\tb").prose == "a\nb"
    assert parse("> a\nb").prose == "a\nb"


def test_table_is_a_paragraph() -> None:
    document = parse("| a | b |\n|---|---|\n| c | d |")
    assert paragraph_texts(document) == [("paragraph", "| a | b |\n|---|---|\n| c | d |")]


def test_yaml_front_matter_is_markup() -> None:
    document = parse("---\ntitle: Hidden\n---\nText here.")
    assert document.prose == "Text here."
    assert position_of(document, "Text") == (4, 1)


def test_toml_front_matter_is_markup() -> None:
    document = parse("+++\ntitle = 'Hidden'\n+++\r\n\r\nText here.")
    assert document.prose == "Text here."
    assert position_of(document, "Text") == (5, 1)


def test_toml_front_matter_needs_a_closing_line() -> None:
    assert parse("+++\ntitle = 'x'\n").prose == "+++\ntitle = 'x'"


def test_unicode_columns_count_code_points() -> None:
    document = parse("> 😀 e\u0301 **word**")
    assert position_of(document, "word") == (1, 10)


def test_nul_characters_stay_in_prose() -> None:
    document = parse("a\0b")
    assert document.prose == "a\0b"


def test_has_bom_is_recorded() -> None:
    assert parse_markdown("x.md", "text", has_bom=True).has_bom


def test_empty_source() -> None:
    document = parse("")
    assert (document.prose, document.segments, document.paragraphs) == ("", (), ())


# --- directives ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "action", "selectors"),
    [
        ("<!-- stylecheck: disable words.echo -->", "disable", ("words.echo",)),
        ("<!-- stylecheck: enable a.b, c.d e -->", "enable", ("a.b", "c.d", "e")),
        ("<!-- stylecheck: ignore-next -->", "ignore-next", ()),
        ("<!--stylecheck:disable harper.SpellCheck-->", "disable", ("harper.SpellCheck",)),
        ("<!-- StyleCheck: Disable x -->", "disable", ("x",)),
    ],
)
def test_directives(comment: str, action: DirectiveAction, selectors: tuple[str, ...]) -> None:
    for source in (f"{comment}\n\nText.", f"Some {comment} text."):
        document = parse(source)
        start = source.index(comment)
        expected = Directive(action, selectors, Span(start, start + len(comment)))
        assert document.directives == (expected,)
        assert document.bad_directives == ()


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- stylecheck: frobnicate x -->", "unknown action 'frobnicate'"),
        ("<!-- stylecheck: -->", "missing action"),
        ("<!-- stylecheck: disable words.echo! -->", "invalid rule id 'words.echo!'"),
        ("<!-- stylecheck: disable a..b -->", "invalid rule id 'a..b'"),
    ],
)
def test_bad_directives(comment: str, problem: str) -> None:
    document = parse(f"Text.\n\n{comment}\n")
    (bad,) = document.bad_directives
    assert problem in bad.problem
    assert bad.source == Span(7, 7 + len(comment))
    assert document.directives == ()


def test_directive_in_blockquote_spanning_lines() -> None:
    document = parse("> <!-- stylecheck:\n> disable x.y -->")
    assert [d.selectors for d in document.directives] == [("x.y",)]


def test_other_comments_and_code_are_not_directives() -> None:
    source = (
        "<!-- just a note -->\n\n"
        "`<!-- stylecheck: disable a -->`\n\n"
        "```\n<!-- stylecheck: disable b -->\n```\n"
    )
    document = parse(source)
    assert document.directives == ()
    assert document.bad_directives == ()


def test_directives_are_in_source_order() -> None:
    source = (
        "<!-- stylecheck: disable a -->\n\n"
        "Text <!-- stylecheck: enable a --> more.\n\n"
        "<!-- stylecheck: ignore-next b -->\n"
    )
    assert [d.action for d in parse(source).directives] == ["disable", "enable", "ignore-next"]


# --- properties ---------------------------------------------------------------------------

_SYNTAX = (
    "*", "**", "_", "__", "`", "``", "```\n", "~~~\n", "[", "]", "(", ")", "![", "](", "<", ">",
    "<!--", "-->", "#", "# ", "-", "- ", "+", "+++\n", "---\n", "=", "===", "\\", "&amp;",
    "&#35;", "&", "&nbsp;", "\n", "\r\n", "\r", "\t", "    ", " ", "  ", "> ", ">\t", "1. ",
    "2) ", "[a]: /u 't'\n", "[a]", "http://x.org", "<http://x.org>", '"', "'", "\0", "😀",
    "e\u0301", "\u00a0", "\u3000", "<b>", "</b>", "<div>\n", "<!-- stylecheck: disable a.b -->",
    "<!-- stylecheck: nope -->", "word", "Word.", "|",
)  # fmt: skip

_pieces = st.one_of(st.sampled_from(_SYNTAX), st.text(max_size=4))
markdownish = st.lists(_pieces, max_size=50).map("".join)
sources = st.one_of(markdownish, st.text(max_size=60))


@settings(max_examples=400, deadline=None)
@given(sources)
def test_segments_tile_source_and_prose(source: str) -> None:
    document = parse(source)
    assert_tiles(document)
    pieces = [document.prose[s.prose.start : s.prose.end] for s in document.segments]
    assert sum(len(s.prose) for s in document.segments) == len(document.prose)
    assert "".join(pieces) == document.prose


@settings(max_examples=400, deadline=None)
@given(sources)
def test_every_verbatim_prose_character_maps_back(source: str) -> None:
    assert_maps_back(parse(source))


@settings(max_examples=400, deadline=None)
@given(sources)
def test_paragraphs_are_ordered_and_inside_prose(source: str) -> None:
    assert_paragraphs(parse(source))


@settings(max_examples=200, deadline=None)
@given(sources, st.sampled_from(["\r\n", "\r"]))
def test_line_endings_do_not_change_prose(source: str, newline: str) -> None:
    lf_source = source.replace("\r\n", "\n").replace("\r", "\n")
    expected = parse(lf_source)
    document = parse(lf_source.replace("\n", newline))
    assert document.prose == expected.prose
    assert document.paragraphs == expected.paragraphs
    assert_tiles(document)


@settings(max_examples=200, deadline=None)
@given(sources)
def test_directive_spans_are_comments(source: str) -> None:
    document = parse(source)
    spans = [d.source for d in document.directives] + [b.source for b in document.bad_directives]
    for span in spans:
        comment = source[span.start : span.end].replace("\r", "")
        assert comment.startswith("<!--")
        assert comment.endswith("-->")
    assert all(isinstance(b, BadDirective) and b.problem for b in document.bad_directives)
