"""The typography pack: spaced hyphens used as dashes, fixed in the manuscript's dash style."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from stylecheck.config import ConfigFinder
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs.typography import DASH_SPACING, SPACED_HYPHEN, TypographyPack
from stylecheck.rules import CheckContext

CONTEXT = CheckContext(enabled=frozenset({SPACED_HYPHEN.id}), options={})


def flagged(text: str, *, markdown: bool = True) -> list[tuple[str, str]]:
    document = parse("a.md", text, markdown=markdown)
    return [
        (document.prose[v.span.start : v.span.end], v.fixes[0].edits[0].replacement)
        for v in TypographyPack().check(document, CONTEXT)
    ]


def test_seed_chapter_spaced_hyphens_are_flagged_in_its_own_dash_style() -> None:
    engine = Engine(build_registry(default_packs()), ConfigFinder(), cli_select=("typography",))
    findings = engine.check_source(Source("chapter-01.md", SEEDS / "chapter-01.md")).findings
    lines = {f.start.line for f in findings}
    assert {23, 25} <= lines  # "really - had", "expected - his"
    # The chapter's own dashes are spaced en dashes, so the fix is one too.
    assert {f.fixes[0].edits[0].replacement for f in findings} == {" \u2013 "}


def test_the_fix_defaults_to_a_closed_em_dash() -> None:
    assert flagged("She had really - had enough.\n") == [(" - ", "\u2014")]
    assert flagged("Wait\u2014no. She had really - had enough.\n") == [(" - ", "\u2014")]


def test_after_a_comma_and_in_dialogue_too() -> None:
    assert flagged("\u201cI thought, - no, never mind.\u201d\n") == [(" - ", "\u2014")]


@pytest.mark.parametrize(
    "text",
    [
        "Read pages 10 - 20 tonight.\n",  # a range between numbers
        "A well-known face, a so-called friend.\n",  # hyphens inside words
        "She stopped--and turned.\n",  # a typed double hyphen is another rule's business
        "Items:\n\n- bread\n- milk\n",  # a Markdown list
    ],
)
def test_other_hyphens_are_left_alone(text: str) -> None:
    assert flagged(text) == []


def test_plain_text_line_start_is_not_a_dash() -> None:
    assert flagged("Shopping\n- bread\n- milk\n", markdown=False) == []


DASH_CONTEXT = CheckContext(enabled=frozenset({DASH_SPACING.id}), options={})


def lopsided(text: str) -> list[tuple[str, str]]:
    document = parse("a.md", text)
    return [
        (document.prose[v.span.start : v.span.end], v.fixes[0].edits[0].replacement)
        for v in TypographyPack().check(document, DASH_CONTEXT)
    ]


def test_en_dashes_spaced_on_one_side_are_flagged() -> None:
    # The seed's "mind \u2013again\u2013 when": the text's own dashes are spaced en dashes.
    text = "Twice \u2013 no, three times. It ran through her mind \u2013again\u2013 when.\n"
    assert lopsided(text) == [(" \u2013", " \u2013 "), ("\u2013 ", " \u2013 ")]


@pytest.mark.parametrize(
    "text",
    [
        "Twice \u2013 no, three times.\n",  # spaced on both sides
        "The London\u2013Paris train, pages 10\u201320.\n",  # closed on both sides
        "\u2013 Who is it? asked the voice.\n",  # a dash that opens the paragraph
        "She waited \u2013\u201d\n",  # glued to punctuation, not a word
    ],
)
def test_balanced_en_dashes_are_left_alone(text: str) -> None:
    assert lopsided(text) == []
