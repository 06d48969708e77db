"""The typography pack: how dashes, quotes and ellipses are typed (fiction rules, issue 4).

So far one rule, `typography.spaced-hyphen`: a hyphen with a space on each side between words
is a dash typed the quick way ("really - had"). The fix uses the dash the manuscript already
uses most: a closed em dash ("really—had") or a spaced en dash ("really – had").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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

# A hyphen between a letter (or , ; :) and a letter, with one space or more on each side.
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]|[,;:]) +- +(?=[^\W\d_])")
_SPACED_EN_DASH = re.compile(r" \u2013 ")
_EM_DASH = "\u2014"


class TypographyPack:
    """Check how punctuation is typed."""

    name = "typography"

    def rules(self) -> Sequence[Rule]:
        """Return the pack's rules."""
        return [SPACED_HYPHEN]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Flag spaced hyphens, with the manuscript's usual dash as the fix."""
        if not context.is_enabled(SPACED_HYPHEN.id):
            return
        prose = document.prose
        dash = _house_dash(prose)
        for match in _SPACED_HYPHEN.finditer(prose):
            span = Span(match.start(), match.end())
            fix = Fix(f"Replace with '{dash.strip()}'", (Edit(span, dash),), Applicability.UNSAFE)
            message = (
                f"A hyphen with spaces around it is a dash typed as a hyphen; use '{dash.strip()}'"
            )
            yield Violation(SPACED_HYPHEN.id, span, message, (fix,))


def _house_dash(prose: str) -> str:
    """Return the dash this text uses most: a spaced en dash, or (by default) a closed em dash."""
    spaced_en = len(_SPACED_EN_DASH.findall(prose))
    return " \u2013 " if spaced_en > prose.count(_EM_DASH) else _EM_DASH
