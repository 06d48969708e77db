"""The typography pack: how dashes, quotes and ellipses are typed (fiction rules, issue 4).

So far two rules about dashes: `typography.spaced-hyphen`, a hyphen with a space on each side
between words, which is a dash typed the quick way ("really - had"), and
`typography.dash-spacing`, an en dash with a space on one side only ("mind –again– when").
Their fixes use the dash the manuscript already uses most: a closed em dash ("really—had") or a
spaced en dash ("really – had").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.rules import CheckContext, Rule, RuleDoc

SPACED_HYPHEN = Rule(
    id="typography.spaced-hyphen",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='A hyphen with spaces around it, used as a dash ("really - had").',
        flags=(
            "A single hyphen with a space on each side between a word (or a comma, semicolon "
            "or colon) and a word. A hyphen between numbers is left alone (it is a range), and "
            "so is one at the start of a line. Dialogue is checked too."
        ),
        why=(
            "A hyphen joins words; a dash separates them. Typed with spaces, a hyphen is the "
            "mark of an unedited draft, and typesetters and e-book converters keep it as it is."
        ),
        bad="She had really - had enough of him.\n",
        good="She had really—had enough of him.\n",
        ignore_when=(
            "Never in prose. The fix follows the manuscript's own dashes: a closed em dash, or a "
            "spaced en dash if that is what the text uses most."
        ),
        source="The Chicago Manual of Style, 6.85 (em dashes); New Hart's Rules, 4.11 (dashes).",
    ),
)

DASH_SPACING = Rule(
    id="typography.dash-spacing",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='An en dash with a space on one side only ("mind \u2013again\u2013 when").',
        flags=(
            "An en dash with a space on one side and a letter or digit on the other. A dash that "
            "opens a line is left alone. Dialogue is checked too."
        ),
        why=(
            "A dash is spaced on both sides or on neither; spaced on one side only, it is glued "
            "to a word, and a line break can strand it at the start of a line."
        ),
        bad="She ran it through her mind \u2013again\u2013 when the phone rang.\n",
        good="She ran it through her mind \u2013 again \u2013 when the phone rang.\n",
        ignore_when=(
            "Never in prose. The fix follows the manuscript's own dashes: a spaced en dash if "
            "that is what the text uses most, otherwise a closed em dash."
        ),
        source="The Chicago Manual of Style, 6.85 (em dashes); New Hart's Rules, 4.11 (dashes).",
    ),
)

# A hyphen between a letter (or , ; :) and a letter, with one space or more on each side.
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]|[,;:]) +- +(?=[^\W\d_])")
_SPACED_EN_DASH = re.compile(r" \u2013 ")
# An en dash with the horizontal space around it.
_EN_DASH = re.compile(r"(?P<before>[ \t]*)\u2013(?P<after>[ \t]*)")
_EM_DASH = "\u2014"


class TypographyPack:
    """Check how punctuation is typed."""

    name = "typography"

    def rules(self) -> Sequence[Rule]:
        """Return the pack's rules."""
        return [SPACED_HYPHEN, DASH_SPACING]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Flag badly typed dashes, with the manuscript's usual dash as the fix."""
        dash = _house_dash(document.prose)
        if context.is_enabled(SPACED_HYPHEN.id):
            yield from _spaced_hyphens(document.prose, dash)
        if context.is_enabled(DASH_SPACING.id):
            yield from _lopsided_en_dashes(document.prose, dash)


def _spaced_hyphens(prose: str, dash: str) -> Iterator[Violation]:
    """Yield a violation for every hyphen typed with spaces as a dash."""
    message = f"A hyphen with spaces around it is a dash typed as a hyphen; use '{dash.strip()}'"
    for match in _SPACED_HYPHEN.finditer(prose):
        yield _dash_violation(SPACED_HYPHEN, Span(match.start(), match.end()), message, dash)


def _lopsided_en_dashes(prose: str, dash: str) -> Iterator[Violation]:
    """Yield a violation for every en dash spaced on one side only."""
    message = "An en dash with a space on one side only; space it on both sides or neither"
    for match in _EN_DASH.finditer(prose):
        spaced_before, spaced_after = bool(match["before"]), bool(match["after"])
        start, end = match.start(), match.end()
        # The unspaced side must touch a word: not a line start, not other punctuation.
        glued_to = prose[start - 1 : start] if spaced_after else prose[end : end + 1]
        if spaced_before == spaced_after or not glued_to.isalnum():
            continue
        yield _dash_violation(DASH_SPACING, Span(start, end), message, dash)


def _dash_violation(rule: Rule, span: Span, message: str, dash: str) -> Violation:
    """Return a violation whose fix puts the manuscript's usual dash in `span`."""
    fix = Fix(f"Replace with '{dash.strip()}'", (Edit(span, dash),), Applicability.UNSAFE)
    return Violation(rule.id, span, message, (fix,))


def _house_dash(prose: str) -> str:
    """Return the dash this text uses most: a spaced en dash, or (by default) a closed em dash."""
    spaced_en = len(_SPACED_EN_DASH.findall(prose))
    return " \u2013 " if spaced_en > prose.count(_EM_DASH) else _EM_DASH
