"""What the typography rules share: the majority vote that infers a manuscript's house style,
and the violation whose fix replaces the flagged text."""

from __future__ import annotations

from collections import Counter
from typing import TypeVar

from stylecheck.diagnostics import Applicability, Edit, Fix, Span, Violation

T = TypeVar("T")


def majority(counts: Counter[T]) -> T | None:
    """Return the value counted most often; None when nothing was counted or two tie for first."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def replacing(
    rule_id: str,
    span: Span,
    message: str,
    replacement: str,
    applicability: Applicability = Applicability.UNSAFE,
) -> Violation:
    """Return a violation whose one fix puts `replacement` in place of `span`."""
    title = f"Replace with '{replacement.strip() or replacement}'"
    fix = Fix(title, (Edit(span, replacement),), applicability)
    return Violation(rule_id, span, message, (fix,))


def line_around(prose: str, offset: int) -> Span:
    """Return the span of the line that holds `offset`, without its line break."""
    end = prose.find("\n", offset)
    return Span(prose.rfind("\n", 0, offset) + 1, len(prose) if end == -1 else end)
