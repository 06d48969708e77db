"""Sentences and words, computed once per document and shared by rules.

Everything here works in prose coordinates and is deliberately simple and fast. Quotations
are the dialogue model's business (`stylecheck/dialogue/`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stylecheck.diagnostics import Span
from stylecheck.document import Paragraph

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")

# Abbreviations whose full stop does not end a sentence ("no" is left out: "No." is speech).
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "messrs",
        "mme",
        "mlle",
        "dr",
        "st",
        "jr",
        "sr",
        "prof",
        "capt",
        "col",
        "gen",
        "lt",
        "sgt",
        "cpl",
        "rev",
        "hon",
        "mt",
        "ft",
        "vs",
        "etc",
        "esq",
        "gov",
        "sen",
        "rep",
        "fr",
        "br",
        "bros",
        "co",
        "inc",
        "ltd",
        "dept",
        "univ",
        "approx",
        "e.g",
        "i.e",
        "cf",
        "viz",
        "al",
    }
)

# A run of terminal punctuation, any closing quotes or brackets, then whitespace or a dash
# (older novels join sentences with one: "as possible.--Emma", "strangers.—Would").
_BOUNDARY = re.compile(r"(?:[.!?]+|…|\.\s\.\s\.)[\"'”’)\]]*(?=\s|--|—)")
# What may start the next sentence: optional opening quotes, brackets or a plain-text
# emphasis underscore ("_She_ was"), then a capital or digit.
_NEXT_START = re.compile(r"(?:\s+|(?:--|—)\s*)[\"'“‘(\[_]*[A-Z0-9\u00C0-\u00DE]")
# Whitespace, or a joining dash, between two sentences: it belongs to neither.
_GAP = re.compile(r"\s*(?:(?:--|—)\s*)?")
_LAST_WORD = re.compile(r"([^\W\d_][\w.]*)\.$")


@dataclass(frozen=True)
class Sentence:
    """A sentence in prose coordinates, with the paragraph it belongs to."""

    span: Span
    paragraph: Paragraph

    def text(self, prose: str) -> str:
        """Return the sentence text."""
        return prose[self.span.start : self.span.end]


def words(text: str) -> list[str]:
    """Return the words of `text` (letters and digits, with inner hyphens and apostrophes)."""
    return WORD.findall(text)


def word_spans(text: str, offset: int = 0) -> list[Span]:
    """Return the spans of the words of `text`, shifted by `offset`."""
    return [Span(m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]


def _ends_with_abbreviation(text: str) -> bool:
    match = _LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lower()
    # Single letters are initials ("J. R. R. Tolkien"); the rest are listed abbreviations.
    return len(word) == 1 or word in ABBREVIATIONS


def split_sentences(prose: str, paragraph: Paragraph) -> list[Sentence]:
    """Split one paragraph into sentences; whitespace between sentences belongs to none."""
    start, end = paragraph.span.start, paragraph.span.end
    text = prose[start:end]
    sentences: list[Sentence] = []
    sentence_start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        cut = match.end()
        if cut <= sentence_start or not _NEXT_START.match(text, cut):
            continue
        if match.group(0).startswith(".") and _ends_with_abbreviation(text[sentence_start:cut]):
            continue
        sentences.append(Sentence(Span(start + sentence_start, start + cut), paragraph))
        sentence_start = _skip_gap(text, cut)
    tail_end = len(text.rstrip())
    if sentence_start < tail_end:
        sentences.append(Sentence(Span(start + sentence_start, start + tail_end), paragraph))
    return sentences


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _skip_gap(text: str, pos: int) -> int:
    match = _GAP.match(text, pos)
    return match.end() if match else pos
