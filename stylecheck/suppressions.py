"""In-text suppression comments (Markdown only) and the pack that reports bad ones.

`<!-- stylecheck: disable ID ... -->` switches rules off until `<!-- stylecheck: enable ID -->`
(or the end of the file); `<!-- stylecheck: ignore-next [ID ...] -->` silences the next
paragraph. Without ids a directive applies to every rule. Ids may be packs or prefixes.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Directive, Document
from stylecheck.rules import CheckContext, Rule, RuleDoc
from stylecheck.selection import matches


def _applies(directive: Directive, rule_id: str) -> bool:
    return not directive.selectors or any(matches(s, rule_id) for s in directive.selectors)


class Suppressions:
    """Answer whether a finding at a source offset is silenced by a directive."""

    def __init__(self, document: Document) -> None:
        self._regions = [d for d in document.directives if d.action != "ignore-next"]
        self._region_ends = [d.source.end for d in self._regions]
        self._next: list[tuple[Span, Directive]] = []
        paragraph_spans = [document.source_span(p.span) for p in document.paragraphs]
        starts = [span.start for span in paragraph_spans]
        for directive in document.directives:
            if directive.action != "ignore-next":
                continue
            index = bisect.bisect_left(starts, directive.source.end)
            if index < len(paragraph_spans):
                self._next.append((paragraph_spans[index], directive))

    def __bool__(self) -> bool:
        return bool(self._regions or self._next)

    def is_suppressed(self, rule_id: str, offset: int) -> bool:
        """Tell whether `rule_id` is silenced at source offset `offset`."""
        for span, directive in self._next:
            if span.start <= offset < max(span.end, span.start + 1) and _applies(
                directive, rule_id
            ):
                return True
        disabled = False
        for directive in self._regions[: bisect.bisect_right(self._region_ends, offset)]:
            if _applies(directive, rule_id):
                disabled = directive.action == "disable"
        return disabled


INVALID_SUPPRESSION = Rule(
    id="stylecheck.invalid-suppression",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="A `stylecheck:` comment that is malformed or names no known rule.",
        flags=(
            "HTML comments starting with `stylecheck:` whose action is not `disable`, `enable` "
            "or `ignore-next`, or that name a rule, pack or prefix that does not exist."
        ),
        why="A mistyped suppression silently suppresses nothing, so the warning you meant "
        "to silence keeps coming back, or a typo hides nothing at all.",
        bad="<!-- stylecheck: disabel proselint -->\n\nShe walked home.\n",
        good="<!-- stylecheck: disable proselint -->\n\nShe walked home.\n",
        ignore_when="Never: fix the comment or delete it.",
        source="stylecheck's own suppression syntax (see the README).",
    ),
)


class SuppressionPack:
    """Report malformed suppression comments and ones that name unknown rules."""

    name = "stylecheck"

    def __init__(self, is_known: Callable[[str], bool]) -> None:
        self._is_known = is_known

    def rules(self) -> Sequence[Rule]:
        """Return the single rule of this pack."""
        return [INVALID_SUPPRESSION]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Yield one violation per bad directive, anchored on the comment's first character."""
        problems = [(bad.source, bad.problem) for bad in document.bad_directives]
        for directive in document.directives:
            for selector in directive.selectors:
                if not self._is_known(selector):
                    problems.append((directive.source, f"names no known rule or pack '{selector}'"))
        for source_span, problem in sorted(problems, key=lambda p: p[0].start):
            yield Violation(
                INVALID_SUPPRESSION.id,
                Span(0, 0),
                f"Suppression comment {problem}",
                markup=source_span,
            )
