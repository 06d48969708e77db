"""The dialogue model: quotations, how they pair up, and the tag or beat after each.

Built once per document (`Document.dialogue`) and shared by the dialogue rules, the spelling
filters that skip speech, and the editorial report.

Pairing follows the convention for speech that runs over several paragraphs: each paragraph
opens a quotation and only the last one closes it. A quotation left open at the end of a
paragraph is therefore correct when the next paragraph opens with a quotation mark, and
unclosed otherwise.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from stylecheck.diagnostics import Span
from stylecheck.dialogue.quotes import Mark, QuoteStyle, Role, paragraph_marks, speech_quotes
from stylecheck.dialogue.tags import Attribution, VerbClass, attribution_after
from stylecheck.document import Paragraph


@dataclass(frozen=True)
class Quotation:
    """A quotation of the speech family, from its opening mark to its closing mark."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when it is never closed
    end: int  # just past the closing mark, or where an unclosed quotation stops
    paragraph: Paragraph
    # Open at the paragraph's end, and the next paragraph opens a quotation: one speech
    # running over several paragraphs.
    continues: bool = False
    # The tag or beat right after the closing mark ("she said", "he shrugged").
    attribution: Attribution | None = None

    @property
    def span(self) -> Span:
        """Return the quotation's span, marks included."""
        return Span(self.open, self.end)

    def has_adverb_tag(self, prose: str) -> bool:
        """Tell whether a tag with a manner adverb attributes the speech ("she said quietly").

        After a full stop the verb starts a sentence of its own ("He said quietly." is a beat).
        """
        tag = self.attribution
        return (
            tag is not None
            and tag.is_tag
            and tag.adverb is not None
            and self.close is not None
            and prose[self.close - 1] != "."
        )


class Problem(Enum):
    """What is wrong with a quotation mark."""

    UNCLOSED = "unclosed"  # opened and never closed
    UNOPENED = "unopened"  # closes nothing
    GLUED = "glued"  # touching a word on the side where a space belongs


@dataclass(frozen=True)
class MarkProblem:
    """A quotation mark that does not pair up or is glued to a word."""

    problem: Problem
    offset: int


@dataclass(frozen=True)
class Dialogue:
    """A document's quotations and the marks that do not pair up."""

    style: QuoteStyle
    quotations: tuple[Quotation, ...]
    problems: tuple[MarkProblem, ...]
    by_paragraph: dict[Span, tuple[Quotation, ...]] = field(default_factory=dict)


def build_dialogue(prose: str, paragraphs: Sequence[Paragraph]) -> Dialogue:
    """Find and pair every speech quotation of a document and attribute each one."""
    style = speech_quotes(prose, paragraphs)
    marks = [paragraph_marks(prose, p.span, style) for p in paragraphs]
    opens_paragraph = [
        bool(m) and m[0].role is Role.OPEN and not prose[p.span.start : m[0].offset].strip()
        for p, m in zip(paragraphs, marks, strict=True)
    ]
    quotations: list[Quotation] = []
    problems: list[MarkProblem] = []
    # A speech left open at a paragraph's end, followed so far only by paragraphs without
    # speech marks: a verse or letter set as a block inside the speech may come next.
    pending: int | None = None
    for index, (paragraph, paragraph_marks_) in enumerate(zip(paragraphs, marks, strict=True)):
        resumes = False
        if pending is not None and paragraph_marks_:
            resumes = paragraph_marks_[0].role is Role.CLOSE
            if not resumes:
                problems.append(MarkProblem(Problem.UNCLOSED, pending))
            pending = None
        next_opens = _next_opens(prose, paragraphs, opens_paragraph, index)
        found, open_at = _pair(paragraph, paragraph_marks_, next_opens, resumes, problems)
        quotations.extend(found)
        if open_at is not None and not next_opens:
            pending = open_at
    if pending is not None:
        problems.append(MarkProblem(Problem.UNCLOSED, pending))
    attributed = _attribute(prose, quotations, marks, paragraphs)
    by_paragraph: dict[Span, list[Quotation]] = {}
    for quotation in attributed:
        by_paragraph.setdefault(quotation.paragraph.span, []).append(quotation)
    return Dialogue(
        style,
        tuple(attributed),
        tuple(sorted(problems, key=lambda p: p.offset)),
        {span: tuple(qs) for span, qs in by_paragraph.items()},
    )


def _next_opens(
    prose: str, paragraphs: Sequence[Paragraph], opens_paragraph: list[bool], index: int
) -> bool:
    """Tell whether the next paragraph with words opens a quotation (a speech continues).

    Paragraphs without letters, such as a scene break (`* * *`), are passed over.
    """
    for following in range(index + 1, len(paragraphs)):
        span = paragraphs[following].span
        if any(ch.isalpha() for ch in prose[span.start : span.end]):
            return opens_paragraph[following]
    return False


def _pair(
    paragraph: Paragraph,
    marks: list[Mark],
    next_opens: bool,
    resumes: bool,
    problems: list[MarkProblem],
) -> tuple[list[Quotation], int | None]:
    """Pair one paragraph's marks; return its quotations and the mark left open, if any.

    `resumes`: the paragraph's first mark closes a speech opened before a block quotation.
    An opening mark inside an open quotation nests (older books nest double quotes in double
    quotes); when the paragraph ends with the nesting unresolved, its last closing mark is
    taken to close both.
    """
    quotations: list[Quotation] = []
    open_at: int | None = None
    depth = 0  # nested quotations open inside the current one
    last_close: int | None = None
    for position, mark in enumerate(marks):
        if mark.glued or mark.role is Role.GLUED:
            problems.append(MarkProblem(Problem.GLUED, mark.offset))
        if open_at is None:
            if mark.role is not Role.CLOSE:
                open_at, depth, last_close = mark.offset, 0, None
            elif not (resumes and position == 0):
                problems.append(MarkProblem(Problem.UNOPENED, mark.offset))
        elif mark.role is Role.OPEN:
            depth += 1
        elif depth:
            last_close = mark.offset
            depth -= mark.role is Role.CLOSE  # a glued mark closes a nested one and reopens it
        else:
            quotations.append(Quotation(open_at, mark.offset, mark.offset + 1, paragraph))
            open_at = mark.offset if mark.role is Role.GLUED else None
    if open_at is not None and depth and last_close is not None:
        quotations.append(Quotation(open_at, last_close, last_close + 1, paragraph))
        open_at = None
    if open_at is not None:
        end = paragraph.span.end
        quotations.append(Quotation(open_at, None, end, paragraph, continues=next_opens))
    return quotations, open_at


def _attribute(
    prose: str,
    quotations: list[Quotation],
    marks: list[list[Mark]],
    paragraphs: Sequence[Paragraph],
) -> list[Quotation]:
    """Return the quotations with the tag or beat that follows each closed one."""
    limits: dict[int, int] = {}  # closing mark -> the next mark of its paragraph, or its end
    for paragraph, paragraph_marks_ in zip(paragraphs, marks, strict=True):
        offsets = [m.offset for m in paragraph_marks_] + [paragraph.span.end]
        limits.update(itertools.pairwise(offsets))
    result = []
    for quotation in quotations:
        if quotation.close is not None:
            limit = limits.get(quotation.close, quotation.paragraph.span.end)
            found = attribution_after(prose, quotation.close + 1, limit)
            quotation = replace(quotation, attribution=found)
        result.append(quotation)
    return result


__all__ = [
    "Attribution",
    "Dialogue",
    "MarkProblem",
    "Problem",
    "Quotation",
    "VerbClass",
    "build_dialogue",
]
