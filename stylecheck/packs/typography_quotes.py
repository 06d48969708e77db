"""The typography pack's quote rules: which glyphs a manuscript types for quotes and apostrophes.

- `typography.quote-glyphs`: straight (" ') and curly (“ ” ‘ ’) marks mixed in one manuscript;
  the family it uses most is its house style.
- `typography.reversed-quote`: a curly mark facing the wrong way: a left single quote for an
  apostrophe ("the ‘90s", "told ‘em", "don‘t"), or double quotes turned round ("”Hello,“").

Whether a mark opens a quotation follows the dialogue model (`dialogue.quotes`): at the start
of a paragraph or after a space, bracket or dash; its list of elided words (`ELIDED`) is used
too. Whether a single quote starts an elided word ("’tis", "’90s") rather than a quotation is
decided by `starts_elision`, used by both rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from stylecheck.diagnostics import Applicability, Severity, Span, Violation
from stylecheck.dialogue.quotes import ELIDED, straight_mark_opens
from stylecheck.document import Document
from stylecheck.packs.typography_common import majority, replacing
from stylecheck.rules import CheckContext, Rule, RuleDoc, dialogue_policy

QUOTE_GLYPHS = Rule(
    id="typography.quote-glyphs",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='Straight and curly quotes mixed in one manuscript ("Don\u2019t," she said).',
        flags=(
            "Every straight quote or apostrophe (\" ') in a manuscript that mostly uses curly "
            "ones (\u201c \u201d \u2018 \u2019), and every curly one in a manuscript that mostly "
            "uses straight ones. Double and single marks are counted together. A straight mark "
            "after a digit that no letter follows (5'10\") is a prime and is not counted. "
            f"{dialogue_policy(True)}"
        ),
        why=(
            "A manuscript uses one family of quote glyphs throughout. A mixture comes from "
            "pasting between programs or from typing with smart quotes on and then off, and it "
            "shows in print as marks of two shapes."
        ),
        bad='"Don\u2019t," she said. "Wait."\n',
        good='"Don\'t," she said. "Wait."\n',
        ignore_when=(
            "Never in prose. Curly to straight is fixed safely; straight to curly is safe only "
            "for an apostrophe between letters (don't), otherwise the direction is inferred "
            "(opening at a paragraph's start or after a space, bracket or dash) and the fix is "
            "unsafe."
        ),
        source=(
            "The Chicago Manual of Style, 6.114 (the apostrophe); New Hart's Rules, chapter 4 "
            "(quotation marks); the consistency check of retext-quotes."
        ),
    ),
)

REVERSED_QUOTE = Rule(
    id="typography.reversed-quote",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="A curly quote facing the wrong way, often a \u2018 typed for an apostrophe "
        "(the \u201890s).",
        flags=(
            "A left single quote \u2018 used as an apostrophe: inside a word (don\u2018t), "
            "before a year (the \u201890s), in rock \u2018n\u2019 roll, or before an elided "
            "word (\u2018tis, \u2018twas, \u2018em, \u2018cause, \u2018bout, \u2018round) when no "
            "closing quote follows in the paragraph, which would make it the opening quote of "
            "a quotation ('\u2018Tis the season,\u2019 she said). Also double quotes turned "
            "round: \u201d opening a quotation, \u201c closing one. "
            f"{dialogue_policy(True)}"
        ),
        why=(
            "An apostrophe is always \u2019, even at the start of a word. Word processors turn "
            "a typed ' after a space into an opening quote \u2018, so this slip is common and "
            "easy to miss on screen."
        ),
        bad="Rock \u2018n\u2019 roll was big in the \u201850s.\n",
        good="Rock \u2019n\u2019 roll was big in the \u201950s.\n",
        ignore_when=(
            "Never in prose. The fix is safe inside a word and for turned-round double quotes, "
            "unsafe at the start of a word."
        ),
        source=(
            "The Chicago Manual of Style, 6.114 (an apostrophe at the start of a word); The "
            "Unicode Standard (U+2019 is the preferred apostrophe)."
        ),
    ),
)

RULES = (QUOTE_GLYPHS, REVERSED_QUOTE)

LEFT_DOUBLE, RIGHT_DOUBLE = "\u201c", "\u201d"
LEFT_SINGLE, RIGHT_SINGLE = "\u2018", "\u2019"
_DOUBLES = f'"{LEFT_DOUBLE}{RIGHT_DOUBLE}'
# After one of these, a quote mark opens a nested quotation ("'Tis", “‘Tis).
_NAMES = {
    '"': "straight double quote",
    "'": "straight single quote or apostrophe",
    LEFT_DOUBLE: "curly double quote",
    RIGHT_DOUBLE: "curly double quote",
    LEFT_SINGLE: "curly single quote",
    RIGHT_SINGLE: "curly single quote or apostrophe",
}
_QUOTE_MARK = re.compile(f"[\"'{LEFT_DOUBLE}{RIGHT_DOUBLE}{LEFT_SINGLE}{RIGHT_SINGLE}]")

_N_APOSTROPHE = re.compile(r"[nN]['\u2019]")
# A single quote that can close a quotation: after punctuation, or before punctuation or the end.
_CLOSING_SINGLE = re.compile(
    r"(?<=[.,!?;:\u2026\u2014\u2013-])['\u2019]|['\u2019](?=[.,!?;:\"\u201d]|$)"
)
# What closes a quotation before a turned-round opening quote ("Hello,“ he said).
_SPEECH_END = ".,!?\u2026\u2014\u2013"


Family = Literal["straight", "curly"]


@dataclass(frozen=True)
class QuoteMark:
    """A quote mark or apostrophe and the paragraph it is in."""

    offset: int
    glyph: str
    paragraph: Span

    @property
    def family(self) -> Family:
        """Return the glyph's family."""
        return "straight" if self.glyph in "\"'" else "curly"


def check(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Flag quote glyphs of the minority family and curly quotes facing the wrong way."""
    marks = quote_marks(document)
    house = majority(Counter(mark.family for mark in marks))
    mixing_checked = context.is_enabled(QUOTE_GLYPHS.id)
    if mixing_checked and house is not None:
        yield from _minority_marks(document.prose, marks, house)
    # In a straight-quoted manuscript every curly mark is quote-glyphs' finding already.
    if context.is_enabled(REVERSED_QUOTE.id) and not (mixing_checked and house == "straight"):
        yield from _reversed_marks(document.prose, marks)


def quote_marks(document: Document) -> list[QuoteMark]:
    """Return the quote marks and apostrophes of every paragraph, primes (5'10") left out."""
    prose = document.prose
    marks = []
    for paragraph in document.paragraphs:
        span = paragraph.span
        for match in _QUOTE_MARK.finditer(prose, span.start, span.end):
            if not _is_prime(prose, match.start()):
                marks.append(QuoteMark(match.start(), match.group(), span))
    return marks


def starts_elision(prose: str, offset: int, end: int) -> bool:
    """Tell whether the single quote at `offset` is the apostrophe of an elided word.

    `end` is the end of its paragraph. A year ('90s) and 'n' are always elisions; a word such as
    'tis or 'em is one unless a closing quote follows, which would make the mark the opening
    quote of a quotation ('Tis the season,' she said).
    """
    elided = ELIDED.match(prose, offset + 1, end)
    if elided is None:
        return False
    # A year, or 'n' for "and"; but "'N-no,' she said" opens a quotation.
    if elided.group()[0].isdigit() or _N_APOSTROPHE.match(prose, elided.start(), end):
        return True
    return not _CLOSING_SINGLE.search(prose, elided.end(), end)


def _minority_marks(prose: str, marks: Sequence[QuoteMark], house: Family) -> Iterator[Violation]:
    """Yield a violation for every mark not of the manuscript's usual family."""
    for mark in marks:
        if mark.family == house:
            continue
        replacement, applicability = _in_family(prose, mark, house)
        message = (
            f"A {_NAMES[mark.glyph]} ({mark.glyph}) in a manuscript that mostly uses "
            f"{house} quotes; use {replacement}"
        )
        span = Span(mark.offset, mark.offset + 1)
        yield replacing(QUOTE_GLYPHS.id, span, message, replacement, applicability)


def _in_family(prose: str, mark: QuoteMark, house: Family) -> tuple[str, Applicability]:
    """Return the house family's glyph for a mark, and whether putting it in is safe."""
    if house == "straight":
        return ('"' if mark.glyph in _DOUBLES else "'"), Applicability.SAFE
    i, paragraph = mark.offset, mark.paragraph
    before = prose[i - 1] if i > paragraph.start else "\n"
    opens = straight_mark_opens(before, prose[i + 1] if i + 1 < paragraph.end else "\n")
    if mark.glyph == '"':
        return (LEFT_DOUBLE if opens else RIGHT_DOUBLE), Applicability.UNSAFE
    if prose[i - 1 : i].isalnum() and _letter_at(prose, i + 1):
        return RIGHT_SINGLE, Applicability.SAFE  # an apostrophe inside a word: don't, 1990's
    if opens and not starts_elision(prose, i, paragraph.end):
        return LEFT_SINGLE, Applicability.UNSAFE
    return RIGHT_SINGLE, Applicability.UNSAFE


def _reversed_marks(prose: str, marks: Sequence[QuoteMark]) -> Iterator[Violation]:
    """Yield a violation for every curly mark that faces the wrong way."""
    for mark in marks:
        turned = _turned(prose, mark)
        if turned is None:
            continue
        replacement, applicability, message = turned
        span = Span(mark.offset, mark.offset + 1)
        yield replacing(REVERSED_QUOTE.id, span, message, replacement, applicability)


def _turned(prose: str, mark: QuoteMark) -> tuple[str, Applicability, str] | None:
    """Return the right glyph, the fix's applicability and the message for a turned mark."""
    i, paragraph = mark.offset, mark.paragraph
    before = prose[i - 1] if i > paragraph.start else ""
    after = prose[i + 1] if i + 1 < paragraph.end else ""
    if mark.glyph == LEFT_SINGLE:
        if before.isalnum() and after.isalpha():
            message = "A left single quote (\u2018) inside a word; an apostrophe is \u2019"
            return RIGHT_SINGLE, Applicability.SAFE, message
        if not before.isalnum() and starts_elision(prose, i, paragraph.end):
            message = "A left single quote (\u2018) for an apostrophe; an apostrophe is \u2019"
            return RIGHT_SINGLE, Applicability.UNSAFE, message
    if mark.glyph == RIGHT_DOUBLE and (not before or before.isspace()) and after.isalnum():
        return LEFT_DOUBLE, Applicability.SAFE, "A closing quote (\u201d) opening a quotation"
    if mark.glyph == LEFT_DOUBLE and _closes(before, after):
        return RIGHT_DOUBLE, Applicability.SAFE, "An opening quote (\u201c) closing a quotation"
    return None


def _closes(before: str, after: str) -> bool:
    """Tell whether a double quote between `before` and `after` closes a quotation."""
    if before and before in _SPEECH_END:
        return not after or after.isspace() or after in ".,;:!?"
    return before.isalpha() and (not after or after in ".,;:!?")


def _is_prime(prose: str, offset: int) -> bool:
    """Tell whether a straight mark after a digit, with no letter after it, is a prime: 5'10"."""
    return (
        prose[offset] in "\"'"
        and prose[offset - 1 : offset].isdigit()
        and not _letter_at(prose, offset + 1)
    )


def _letter_at(prose: str, offset: int) -> bool:
    return 0 <= offset < len(prose) and prose[offset].isalpha()
