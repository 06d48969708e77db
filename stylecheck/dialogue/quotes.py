"""Quotation marks: which glyphs quote speech in a document, and how each one is used.

The outer (speech) family is double quotes, or single quotes when most paragraphs that open
with a quote open with a single one (British house style). Only the outer family is paired;
marks of the other family are nested quotations or apostrophes, which the model leaves alone.

A straight mark says nothing about its direction, so context decides: it opens at the start
of a paragraph or after whitespace, a bracket or a dash, and closes otherwise. A single mark
between two letters, or before an elided word (`'em`, `'90s`), is an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from stylecheck.diagnostics import Span
from stylecheck.document import Paragraph
from stylecheck.lexicon import APOSTROPHES

DOUBLE_MARKS = '"“”'
SINGLE_MARKS = "'‘’"
# Characters after which a straight mark opens a quotation.
OPENS_AFTER = frozenset(" \t\n([{—–-/")
# Words that begin with an elided letter or number: the mark before them is an apostrophe.
ELIDED = re.compile(
    r"(?:tis|twas|twere|twill|twould|em|cause|cos|til|bout|round|neath|nother|n|ere|kay|ello"
    r"|\d\d(?:s\b)?)(?![^\W\d_])",
    re.IGNORECASE,
)
# Feet and inches before a double mark: 5'10".
_INCHES = re.compile(r"\d['′’]\s?\d{1,2}$")
# The next single mark that can close a quotation (not between letters), or the next that
# opens one, whichever comes first.
_LATER_CLOSE = re.compile(r"(?P<close>(?<=[^\s'’])['’](?![^\W_]))|(?:^|(?<=\s))[‘']")
_PARAGRAPH_OPENING = re.compile(r"\s*(['‘\"“])")


class Role(Enum):
    """What one quotation mark does."""

    OPEN = "open"
    CLOSE = "close"
    # A closing mark glued to the next word ('…"baking', '…”baking'): it closes one
    # quotation and opens the next, a space having been lost between them.
    GLUED = "glued"


@dataclass(frozen=True)
class Mark:
    """One quotation mark of the outer family, in prose coordinates."""

    offset: int
    role: Role
    # An opening mark glued to the previous word ('said“Hello').
    glued: bool = False


@dataclass(frozen=True)
class QuoteStyle:
    """The glyphs that quote speech in this document."""

    straight: str
    opening: str
    closing: str

    @property
    def marks(self) -> str:
        """Return every glyph of the family."""
        return self.straight + self.opening + self.closing


DOUBLE = QuoteStyle('"', "“", "”")
SINGLE = QuoteStyle("'", "‘", "’")


def speech_quotes(prose: str, paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> QuoteStyle:
    """Return the family of marks that quotes speech: single only if most paragraphs say so."""
    single = double = 0
    for paragraph in paragraphs:
        match = _PARAGRAPH_OPENING.match(prose, paragraph.span.start, paragraph.span.end)
        if not match:
            continue
        if match[1] in SINGLE_MARKS and not ELIDED.match(prose, match.end()):
            single += 1
        elif match[1] in DOUBLE_MARKS:
            double += 1
    return SINGLE if single > double else DOUBLE


def paragraph_marks(prose: str, span: Span, style: QuoteStyle, open_: bool = False) -> list[Mark]:
    """Return the speech marks of one paragraph, each with its role.

    `open_` says whether a quotation is open when the paragraph starts; with single quotes it
    decides whether a trailing mark (`goin'`) closes a quotation or is an apostrophe.
    """
    marks: list[Mark] = []
    is_open = open_
    for i in range(span.start, span.end):
        ch = prose[i]
        if ch not in style.marks:
            continue
        before = prose[i - 1] if i > span.start else "\n"
        after = prose[i + 1] if i + 1 < span.end else "\n"
        mark = _classify(prose, Span(i, span.end), before, after, style, is_open)
        if mark is None:
            continue
        marks.append(mark)
        is_open = mark.role is not Role.CLOSE
    return marks


def _classify(
    prose: str, rest: Span, before: str, after: str, style: QuoteStyle, is_open: bool
) -> Mark | None:
    """Return the role of the mark at `rest.start` (`rest` runs to the paragraph's end), or
    None when it is an apostrophe, an inch sign or a ditto mark."""
    i = rest.start
    ch = prose[i]
    if ch != style.opening and before in " \t\u00a0" and after.isspace():
        return None  # a ditto mark in a table, or a stray mark: it quotes nothing
    if style is SINGLE and _is_apostrophe(prose, rest, before, after, is_open):
        return None
    if ch == style.opening:
        return Mark(i, Role.OPEN, glued=before.isalnum())
    if ch == style.closing:
        return Mark(i, Role.GLUED if after.isalnum() else Role.CLOSE)
    if before.isdigit() and _INCHES.search(prose, max(0, i - 6), i):
        return None  # 5'10"
    if opens_after(before):
        return Mark(i, Role.OPEN if straight_mark_opens(before, after) else Role.CLOSE)
    if after.isalnum():
        return Mark(i, Role.GLUED)
    return Mark(i, Role.CLOSE)


def opens_after(before: str) -> bool:
    """Tell whether a straight mark after `before` is placed to open a quotation: at a
    paragraph's start (`before` is a line break), after a space, a bracket, a dash or a mark."""
    return before in OPENS_AFTER or before in SINGLE_MARKS + DOUBLE_MARKS


def straight_mark_opens(before: str, after: str) -> bool:
    """Tell whether a straight mark between `before` and `after` opens a quotation.

    It opens where `opens_after` says, before a word; after a dash and before a space it ends
    cut-off speech ("but first--"), and after a nested quote it closes both ("the World!' ").
    """
    return opens_after(before) and not (after.isspace() or after in ".,;:!?)]")


def _is_apostrophe(prose: str, rest: Span, before: str, after: str, is_open: bool) -> bool:
    """Tell whether a single mark is an apostrophe rather than a quotation mark."""
    i = rest.start
    if before.isalnum() and after.isalnum():
        return True  # don't, rock'n'roll
    if not before.isalnum() and ELIDED.match(prose, i + 1):
        return True  # 'em, '90s, 'tis
    if not before.isalnum() or prose[i] not in APOSTROPHES:
        return False
    # After a word, a trailing mark is an apostrophe (goin', the Joneses') when no quotation
    # is open, or when a later mark can close the open one before the next opens.
    if not is_open:
        return True
    later = _LATER_CLOSE.search(prose, i + 1, rest.end)
    return bool(later and later["close"])
