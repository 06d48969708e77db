"""The typography pack: dashes, quote glyphs, ellipses and capitals for emphasis, each checked
against the manuscript's own house style."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOVELS, SEEDS, require_shared

from stylecheck.config import ConfigFinder
from stylecheck.diagnostics import Applicability, Finding, Violation
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs.typography import TypographyPack
from stylecheck.packs.typography_caps import CAPS_EMPHASIS
from stylecheck.packs.typography_dashes import (
    DASH_SPACING,
    DASH_STYLE,
    DOUBLE_HYPHEN,
    SPACED_HYPHEN,
)
from stylecheck.packs.typography_ellipses import ELLIPSIS_LENGTH, ELLIPSIS_STYLE
from stylecheck.packs.typography_quotes import QUOTE_GLYPHS, REVERSED_QUOTE
from stylecheck.rules import CheckContext, Rule

EM, EN = "\u2014", "\u2013"
LDQ, RDQ, LSQ, RSQ = "\u201c", "\u201d", "\u2018", "\u2019"
ELLIPSIS = "\u2026"


def violations(text: str, *rules: Rule, markdown: bool = True) -> list[Violation]:
    document = parse("a.md" if markdown else "a.txt", text, markdown=markdown)
    context = CheckContext(enabled=frozenset(rule.id for rule in rules), options={})
    return list(TypographyPack().check(document, context))


def flagged(text: str, *rules: Rule, markdown: bool = True) -> list[tuple[str, str]]:
    """Return (flagged text, the fix's replacement) for each violation of `rules`."""
    document = parse("a.md" if markdown else "a.txt", text, markdown=markdown)
    return [
        (document.prose[v.span.start : v.span.end], v.fixes[0].edits[0].replacement)
        for v in violations(text, *rules, markdown=markdown)
    ]


def check_file(path: Path, *selectors: str) -> list[Finding]:
    engine = Engine(build_registry(default_packs()), ConfigFinder(), cli_select=selectors)
    return engine.check_source(Source(path.name, path)).findings


# --- spaced-hyphen and dash-spacing ---------------------------------------------------------


def test_seed_chapter_spaced_hyphens_are_flagged_in_its_own_dash_style() -> None:
    findings = check_file(SEEDS / "chapter-01.md", SPACED_HYPHEN.id)
    assert {f.start.line for f in findings} >= {23, 25}  # "really - had", "expected - his"
    # The chapter's own dashes are spaced en dashes, so the fix is one too.
    assert {f.fixes[0].edits[0].replacement for f in findings} == {f" {EN} "}


def test_the_fix_defaults_to_a_closed_em_dash() -> None:
    assert flagged("She had really - had enough.\n", SPACED_HYPHEN) == [(" - ", EM)]
    assert flagged(f"Wait{EM}no. She had really - had enough.\n", SPACED_HYPHEN) == [(" - ", EM)]


def test_the_fix_follows_spaced_em_dashes_too() -> None:
    text = f"Wait {EM} no. Not {EM} yet. She had really - had enough.\n"
    assert flagged(text, SPACED_HYPHEN) == [(" - ", f" {EM} ")]


def test_after_a_comma_and_in_dialogue_too() -> None:
    assert flagged(f"{LDQ}I thought, - no, never mind.{RDQ}\n", SPACED_HYPHEN) == [(" - ", EM)]


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
    assert flagged(text, SPACED_HYPHEN) == []


def test_plain_text_line_start_is_not_a_dash() -> None:
    assert flagged("Shopping\n- bread\n- milk\n", SPACED_HYPHEN, markdown=False) == []


def test_en_dashes_spaced_on_one_side_are_flagged() -> None:
    # The seed's "mind –again– when": the text's own dashes are spaced en dashes.
    text = f"Twice {EN} no, three times. It ran through her mind {EN}again{EN} when.\n"
    assert flagged(text, DASH_SPACING) == [(f" {EN}", f" {EN} "), (f"{EN} ", f" {EN} ")]


@pytest.mark.parametrize(
    "text",
    [
        f"Twice {EN} no, three times.\n",  # spaced on both sides
        f"The London{EN}Paris train, pages 10{EN}20.\n",  # closed on both sides
        f"{EN} Who is it? asked the voice.\n",  # a dash that opens the paragraph
        f"She waited {EN}{RDQ}\n",  # glued to punctuation, not a word
    ],
)
def test_balanced_en_dashes_are_left_alone(text: str) -> None:
    assert flagged(text, DASH_SPACING) == []


# --- double-hyphen --------------------------------------------------------------------------


def test_double_hyphens_become_the_manuscripts_dash() -> None:
    assert flagged("She stopped--and turned.\n", DOUBLE_HYPHEN) == [("--", EM)]
    assert flagged("She stopped -- and turned.\n", DOUBLE_HYPHEN) == [(" -- ", EM)]
    assert flagged("She stopped---and turned.\n", DOUBLE_HYPHEN) == [("---", EM)]
    spaced_en_house = f"Twice {EN} no. She stopped--and turned.\n"
    assert flagged(spaced_en_house, DOUBLE_HYPHEN) == [("--", f" {EN} ")]


def test_double_hyphens_beside_quotes_keep_their_spacing() -> None:
    text = '"I thought--" she began. "I--I can\'t."\n'
    assert flagged(text, DOUBLE_HYPHEN) == [("--", EM), ("--", EM)]


def test_a_number_range_typed_with_hyphens_becomes_an_en_dash() -> None:
    assert flagged("Read pages 10--20.\n", DOUBLE_HYPHEN) == [("--", EN)]


@pytest.mark.parametrize("markdown", [True, False])
def test_a_scene_break_of_hyphens_is_not_a_dash(markdown: bool) -> None:
    text = "He left.\n\n--\n\nShe stayed.\n\n---\n\nThe end.\n\n  --  \n\nReally.\n"
    assert flagged(text, DOUBLE_HYPHEN, markdown=markdown) == []


@pytest.mark.parametrize(
    "text",
    [
        "Title\n--\n\nText.\n",  # a setext heading underline
        "It goes a --> b, not <!-- this.\n",  # an arrow, a comment opener
        "| a | b |\n|---|---|\n| 1 | 2 |\n",  # a table rule
        "She wrote to Miss F-- and to D--n Street.\n",  # letters left out (a 2-em dash)
        "They lived in ---shire, in A.D. ---, at S--- Place.\n",  # a word left out (3-em dash)
    ],
)
def test_hyphens_that_are_not_a_typed_dash_are_left_alone(text: str) -> None:
    assert flagged(text, DOUBLE_HYPHEN, markdown=False) == []


def test_seed_scene_breaks_are_not_double_hyphens() -> None:
    findings = check_file(SEEDS / "chapter-01.md", "typography")
    assert not {21, 39, 63} & {f.start.line for f in findings}
    assert DOUBLE_HYPHEN.id not in {f.rule_id for f in findings}


# --- dash-style -----------------------------------------------------------------------------


def test_the_minority_dash_style_is_flagged_with_the_house_dash() -> None:
    text = f"He had{EM}at last{EM}said it. She waited {EN} nothing. Then{EM}silence.\n"
    (violation,) = violations(text, DASH_STYLE)
    assert "mostly uses closed em dashes ('word\u2014word')" in violation.message
    assert "spaced en dashes" in violation.message
    assert flagged(text, DASH_STYLE) == [(f" {EN} ", EM)]
    assert violation.fixes[0].applicability is Applicability.UNSAFE


def test_spaced_em_dashes_as_the_house_style() -> None:
    text = f"He had {EM} at last {EM} said it. She waited{EM}nothing.\n"
    assert flagged(text, DASH_STYLE) == [(EM, f" {EM} ")]


@pytest.mark.parametrize(
    "text",
    [
        f"He had{EM}at last{EM}said it. She waited{EM}nothing.\n",  # one style
        f"He had{EM}at last. The war of 1914 {EN} 1918, the 1914{EN}1918 war.\n",  # ranges
        f"The London{EN}Paris train{EM}late again.\n",  # a compound is not a dash
        f"She waited{EM}nothing.\n\n{EN} Who is it? {EN} Me.\n",  # dialogue dashes open lines
        f"He had{EM}at last. She waited {EN} nothing.\n",  # a tie: no house style
    ],
)
def test_no_dash_style_finding_without_a_clear_minority(text: str) -> None:
    assert flagged(text, DASH_STYLE) == []


def test_typed_dashes_are_double_hyphens_business_not_a_style() -> None:
    text = f"He had--at last--said it--twice. She waited{EM}nothing.\n"
    # With double-hyphen on, `--` is a dash typed the quick way: one real style, no finding.
    assert flagged(text, DASH_STYLE, DOUBLE_HYPHEN) == [("--", EM)] * 3
    # With it off, `--` is the writer's chosen style and the em dash is the odd one out.
    assert flagged(text, DASH_STYLE) == [(EM, "--")]


def test_dashes_other_rules_report_are_not_reported_again() -> None:
    text = f"He had{EM}at last{EM}said it. She really - had {EN}enough.\n"
    rule_ids = [v.rule_id for v in violations(text, DASH_STYLE, SPACED_HYPHEN, DASH_SPACING)]
    assert sorted(rule_ids) == [DASH_SPACING.id, SPACED_HYPHEN.id]


@pytest.mark.slow
def test_a_novel_typed_with_double_hyphens_has_no_dash_style_finding() -> None:
    emma = require_shared(NOVELS / "austen-emma.txt")
    # By default `--` is a dash style of its own, and Emma uses it throughout.
    by_default = {f.rule_id for f in check_file(emma, "typography")}
    assert DOUBLE_HYPHEN.id not in by_default and DASH_STYLE.id not in by_default
    # Selected, double-hyphen reports the `--` and dash-style still says nothing.
    selected = {f.rule_id for f in check_file(emma, "typography", DOUBLE_HYPHEN.id)}
    assert DOUBLE_HYPHEN.id in selected and DASH_STYLE.id not in selected


# --- quote-glyphs ---------------------------------------------------------------------------


def test_straight_marks_in_a_curly_manuscript_are_flagged() -> None:
    text = f'{LDQ}Don\'t,{RDQ} she said. {LDQ}Wait.{RDQ} "Why?" {LDQ}Go.{RDQ}\n'
    assert flagged(text, QUOTE_GLYPHS) == [("'", RSQ), ('"', LDQ), ('"', RDQ)]
    found = violations(text, QUOTE_GLYPHS)
    assert "mostly uses curly quotes" in found[0].message
    # Between letters a straight mark can only be an apostrophe: that fix is safe.
    assert [v.fixes[0].applicability for v in found] == [
        Applicability.SAFE,
        Applicability.UNSAFE,
        Applicability.UNSAFE,
    ]


def test_straight_single_marks_get_their_direction() -> None:
    text = f"{LDQ}He said 'no' in the '90s,{RDQ} she said. {LDQ}Fine.{RDQ} {LDQ}Yes.{RDQ}\n"
    assert flagged(text, QUOTE_GLYPHS) == [("'", LSQ), ("'", RSQ), ("'", RSQ)]


def test_curly_marks_in_a_straight_manuscript_are_fixed_safely() -> None:
    text = f'"Don{RSQ}t," she said. "Wait." "Why?"\n'
    (violation,) = violations(text, QUOTE_GLYPHS)
    assert "mostly uses straight quotes" in violation.message
    assert flagged(text, QUOTE_GLYPHS) == [(RSQ, "'")]
    assert violation.fixes[0].applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        '"Don\'t," she said. "Wait."\n',  # straight only
        f"{LDQ}Don{RSQ}t,{RDQ} she said. {LSQ}Wait.{RSQ}\n",  # curly only
        f"{LDQ}He is 5'10\" tall,{RDQ} she said.\n",  # primes after digits are not quotes
        f'{LDQ}Hi,{RDQ} she said. "Bye."\n',  # a tie: no house style
    ],
)
def test_no_quote_glyph_finding_without_a_minority(text: str) -> None:
    assert flagged(text, QUOTE_GLYPHS) == []


# --- reversed-quote -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"It was the {LSQ}90s, and rock {LSQ}n{RSQ} roll.\n", [(LSQ, RSQ), (LSQ, RSQ)]),
        (f"{LDQ}I told {LSQ}em so. {LSQ}Twas ever thus.{RDQ}\n", [(LSQ, RSQ), (LSQ, RSQ)]),
        (f"She didn{LSQ}t care.\n", [(LSQ, RSQ)]),
        (f"{LDQ}It{RSQ}s better {LSQ}n nothing.{RDQ}\n", [(LSQ, RSQ)]),
        (f"{RDQ}Hello,{LDQ} he said.\n", [(RDQ, LDQ), (LDQ, RDQ)]),
    ],
)
def test_marks_facing_the_wrong_way_are_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(text, REVERSED_QUOTE) == expected


def test_a_reversed_apostrophe_inside_a_word_is_fixed_safely() -> None:
    (violation,) = violations(f"She didn{LSQ}t care.\n", REVERSED_QUOTE)
    assert violation.fixes[0].applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        # British single quotes: 'Tis opens a quotation that a closing quote ends.
        f"{LSQ}Tis the season,{RSQ} she said.\n",
        f"{LSQ}Em{RSQ}s here,{RSQ} he said.\n",
        f"{LDQ}He said {LSQ}hello{RSQ} to me.{RDQ}\n",  # a nested quotation
        f"{LSQ}Round the back,{RSQ} she said.\n",  # an ordinary word opening a quotation
        f"{LSQ}N-no,{RSQ} she said.\n",  # a stammer, not 'n' for "and"
        f"It was {RSQ}90s music, {RSQ}tis true.\n",  # right already
    ],
)
def test_opening_quotes_are_not_apostrophes(text: str) -> None:
    assert flagged(text, REVERSED_QUOTE) == []


def test_in_a_straight_manuscript_curly_marks_are_reported_once() -> None:
    text = f'"Hi," she said. "It was the {LSQ}90s."\n'
    rule_ids = [v.rule_id for v in violations(text, QUOTE_GLYPHS, REVERSED_QUOTE)]
    assert rule_ids == [QUOTE_GLYPHS.id]


# --- ellipsis-style and ellipsis-length -----------------------------------------------------


def test_the_minority_ellipsis_form_is_flagged_with_the_house_form() -> None:
    text = f"Well{ELLIPSIS} maybe. I don{RSQ}t know{ELLIPSIS} Wait... She left....\n"
    assert flagged(text, ELLIPSIS_STYLE) == []  # a tie: two of each
    text = f"Well{ELLIPSIS} maybe{ELLIPSIS} I don{RSQ}t know{ELLIPSIS} Wait... She left....\n"
    assert flagged(text, ELLIPSIS_STYLE) == [("...", ELLIPSIS), ("....", f".{ELLIPSIS}")]
    (violation, _) = violations(text, ELLIPSIS_STYLE)
    assert "mostly uses the ellipsis character" in violation.message


def test_spaced_full_stops_as_the_house_form() -> None:
    text = "Well . . . maybe . . . I know. . . . Wait...\n"
    assert flagged(text, ELLIPSIS_STYLE) == [("...", ". . .")]


def test_one_ellipsis_form_gives_nothing() -> None:
    assert flagged("Well... maybe... She left.... Fine.\n", ELLIPSIS_STYLE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{LDQ}Well..{RDQ} he said.\n", [("..", "...")]),
        (f"{LDQ}Well.....{RDQ} he said.\n", [(".....", "...")]),
        (f"Well.. maybe{ELLIPSIS} or not{ELLIPSIS}\n", [("..", ELLIPSIS)]),  # the house form
    ],
)
def test_two_or_five_dots_are_flagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert flagged(text, ELLIPSIS_LENGTH) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She waited.... Then she left.\n",  # a full stop and an ellipsis
        "She waited... Then she left.\n",
        "Count 1..10 aloud.\n",  # a range
        "Romeo ............ Mr. Garrick\n",  # a dot leader
    ],
)
def test_three_and_four_dots_are_right(text: str) -> None:
    assert flagged(text, ELLIPSIS_LENGTH) == []


def test_harper_and_typography_report_two_dots_once() -> None:
    engine = Engine(
        build_registry(default_packs()),
        ConfigFinder(),
        cli_select=(ELLIPSIS_LENGTH.id, "harper.EllipsisLength"),
    )
    source = Source("a.md", Path("a.md"), f"{LDQ}Well..{RDQ} he said.\n".encode())
    assert [f.rule_id for f in engine.check_source(source).findings] == [ELLIPSIS_LENGTH.id]


# --- caps-emphasis --------------------------------------------------------------------------


def caps(text: str, *, markdown: bool = True) -> list[str]:
    document = parse("a.md", text, markdown=markdown)
    return [
        document.prose[v.span.start : v.span.end]
        for v in violations(text, CAPS_EMPHASIS, markdown=markdown)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Izzie WAS baking. She was not cooking.\n", ["WAS"]),
        ('"YOU didn\'t think I could," he said. "You never do, do you?"\n', ["YOU"]),
        ('"I said NO." No means no.\n', ["NO"]),
        ("She DIDN'T. She didn't, and she won't.\n", ["DIDN'T"]),
    ],
)
def test_a_word_in_capitals_for_emphasis_is_flagged(text: str, expected: list[str]) -> None:
    assert caps(text) == expected


def test_the_message_suggests_italics_and_there_is_no_fix() -> None:
    (violation,) = violations("Izzie WAS baking. She was not.\n", CAPS_EMPHASIS)
    assert "italics (*was*)" in violation.message and violation.fixes == ()


@pytest.mark.parametrize(
    "text",
    [
        "NASA and the FBI sent a DVD to the TV station.\n",  # not words
        "We flew to the US. It was OK. It was us. It was ok. At 9 AM in the OR.\n",
        "He was Henry III of the third house, and I was there.\n",  # a Roman numeral, I
        "A sign: KEEP OUT. Keep it out.\n",  # a run of capitals
        "CHAPTER XII\n\nThe chapter began. PART 2 of the part.\n",  # titles
        "# The END\n\nThe end came.\n",  # a heading
        "She read:\n\nTHE END\n\nThe end.\n",  # a line in capitals
        "Izzie WAS baking.\n",  # "was" never in lower case: perhaps a name or a label
        "ALL. Aye, aye! all of us.\n",  # a speaker's label opening a line
        f"{LDQ}STOP!{RDQ} he yelled. Stop it.\n",  # the whole of a quotation: a shout
        "The plate said W. RABBIT on the rabbit hole.\n",  # a name with an initial
    ],
)
def test_acronyms_titles_and_runs_are_left_alone(text: str) -> None:
    assert caps(text) == []


def test_seed_chapter_caps_emphasis() -> None:
    findings = check_file(SEEDS / "chapter-01.md", CAPS_EMPHASIS.id)
    assert [(f.start.line, f.span.end - f.span.start) for f in findings] == [
        (33, 3),
        (33, 3),
        (51, 3),
    ]
    source = (SEEDS / "chapter-01.md").read_text(encoding="utf-8")
    assert [source[f.span.start : f.span.end] for f in findings] == ["YOU", "YOU", "WAS"]


def test_seed_chapter_has_no_other_new_typography_findings() -> None:
    # Straight quotes, … ellipses and spaced en dashes throughout: consistent.
    consistent = (QUOTE_GLYPHS, REVERSED_QUOTE, DASH_STYLE, ELLIPSIS_STYLE, ELLIPSIS_LENGTH)
    findings = check_file(SEEDS / "chapter-01.md", *(rule.id for rule in consistent))
    assert findings == []
