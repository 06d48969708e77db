"""The typography pack's ellipsis rules.

- `typography.ellipsis-style`: three full stops (...), the ellipsis character (…) and spaced
  full stops (. . .) mixed in one manuscript; the form it uses most is its house style.
- `typography.ellipsis-length`: two full stops ("Well..") or five and more ("Well....."), typed
  for an ellipsis. Four are right: a full stop and an ellipsis.

Harper's `EllipsisLength` flags the same dots with the same span; the engine keeps one finding.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.packs.typography_common import majority, replacing
from stylecheck.rules import CheckContext, Rule, RuleDoc, dialogue_policy

ELLIPSIS_STYLE = Rule(
    id="typography.ellipsis-style",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="Ellipses typed in two or three ways in one manuscript (..., \u2026, . . .).",
        flags=(
            "An ellipsis typed in a form the manuscript uses less often than another: three "
            "full stops (...), the ellipsis character (\u2026) or spaced full stops (. . .). A "
            "full stop before an ellipsis (four dots) counts as the same form. A document with "
            f"one form gives nothing. {dialogue_policy(True)}"
        ),
        why=(
            "Any of the three forms is acceptable in a manuscript, but one manuscript should "
            "use one: mixed forms look different in print and defeat a typesetter's search "
            "and replace."
        ),
        bad="\u201cWell\u2026 maybe\u2026\u201d she said. \u201cI don\u2019t know...\u201d\n",
        good="\u201cWell\u2026 maybe\u2026\u201d she said. \u201cI don\u2019t know\u2026\u201d\n",
        ignore_when=(
            "Never in prose. The fix puts in the house form; with spaced full stops you may "
            "also want a space before the ellipsis."
        ),
        source=(
            "The Chicago Manual of Style, 13.50\u201313.53 (ellipses); New Hart's Rules, "
            "chapter 4 (ellipsis)."
        ),
    ),
)

ELLIPSIS_LENGTH = Rule(
    id="typography.ellipsis-length",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='Two full stops, or five or more, typed for an ellipsis ("Well..").',
        flags=(
            "Two full stops after a word, or five and more. Four are left alone: a full stop "
            "that ends a sentence followed by an ellipsis. Two dots between digits (1..10) and "
            "a row of dots after a space (a dot leader in a table of contents) are left alone "
            f"too. {dialogue_policy(True)}"
        ),
        why=(
            "An ellipsis has three dots. Two look like a typo; five or more look like "
            "hesitation typed by hand, and a typesetter will make them three anyway."
        ),
        bad="\u201cWell..\u201d he said.\n",
        good="\u201cWell...\u201d he said.\n",
        ignore_when=(
            "Never in prose. The fix puts in the manuscript's usual ellipsis (three full stops "
            "when it has none)."
        ),
        source="The Chicago Manual of Style, 13.50 and 13.53 (three dots, four after a sentence).",
    ),
)

RULES = (ELLIPSIS_STYLE, ELLIPSIS_LENGTH)


@dataclass(frozen=True)
class EllipsisForm:
    """A way of typing an ellipsis."""

    name: str
    three: str  # the ellipsis
    four: str  # a full stop and the ellipsis
    four_after: str = ""  # the ellipsis and then the full stop, where that looks different


THREE_STOPS = EllipsisForm("three full stops", "...", "....")
CHARACTER = EllipsisForm("the ellipsis character", "\u2026", ".\u2026", "\u2026.")
SPACED_STOPS = EllipsisForm("spaced full stops", ". . .", ". . . .")
FORMS = (THREE_STOPS, CHARACTER, SPACED_STOPS)


@dataclass(frozen=True)
class Dots:
    """A run of dots (or ellipsis characters) in the prose."""

    span: Span
    text: str

    @property
    def form(self) -> EllipsisForm | None:
        """Return the form of a well-typed ellipsis, or None for a run of another length."""
        return next((f for f in FORMS if self.text in (f.three, f.four, f.four_after)), None)


# Spaced full stops (". . ."), or a run of full stops and ellipsis characters, never part of a
# longer run.
_DOTS = re.compile(r"(?<![.\u2026])(?:\.(?: \.){2,}(?![.\u2026])|[.\u2026]{2,}|\u2026)")


def check(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Flag ellipses of the minority form and runs of dots of the wrong length."""
    prose = document.prose
    runs = [Dots(Span(m.start(), m.end()), m.group()) for m in _DOTS.finditer(prose)]
    house = majority(Counter(run.form for run in runs if run.form is not None))
    if context.is_enabled(ELLIPSIS_STYLE.id) and house is not None:
        yield from _minority_ellipses(runs, house)
    if context.is_enabled(ELLIPSIS_LENGTH.id):
        yield from _wrong_lengths(prose, runs, house or THREE_STOPS)


def _minority_ellipses(runs: Sequence[Dots], house: EllipsisForm) -> Iterator[Violation]:
    """Yield a violation for every ellipsis not typed in the manuscript's usual form."""
    for run in runs:
        form = run.form
        if form is None or form is house:
            continue
        replacement = house.three if run.text == form.three else house.four
        message = (
            f"An ellipsis typed as {form.name} in a manuscript that mostly uses {house.name}; "
            f"use '{replacement}'"
        )
        yield replacing(ELLIPSIS_STYLE.id, run.span, message, replacement)


def _wrong_lengths(prose: str, runs: Sequence[Dots], house: EllipsisForm) -> Iterator[Violation]:
    """Yield a violation for every run of two, or five and more, full stops after a word."""
    for run in runs:
        count = len(run.text)
        if run.text != "." * count or count in (1, 3, 4):
            continue
        start, end = run.span.start, run.span.end
        before, after = prose[start - 1 : start], prose[end : end + 1]
        # Dots after a space are a leader ("Romeo ..... Mr. Garrick"); between digits, a range.
        if not before or before.isspace() or (before.isdigit() and after.isdigit()):
            continue
        message = f"{count} full stops; an ellipsis has three, or four after a full stop"
        yield replacing(ELLIPSIS_LENGTH.id, run.span, message, house.three)
