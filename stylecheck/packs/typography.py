"""The typography pack: how a manuscript types its punctuation (fiction rules).

The rules live in one module per subject; this pack lists them all and runs them:

- `typography_dashes`: spaced-hyphen, dash-spacing, double-hyphen, dash-style.
- `typography_quotes`: quote-glyphs, reversed-quote.
- `typography_ellipses`: ellipsis-style, ellipsis-length.
- `typography_caps`: caps-emphasis.

Consistency rules infer the manuscript's own house style per document (its most used dash, for
example) and flag the minority, with the house style as the fix. Dialogue is checked like
narration: these rules are about typing, not style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stylecheck.diagnostics import Violation
from stylecheck.document import Document
from stylecheck.packs import (
    typography_caps,
    typography_dashes,
    typography_ellipses,
    typography_quotes,
)
from stylecheck.rules import CheckContext, Rule

_MODULES = (typography_dashes, typography_quotes, typography_ellipses, typography_caps)


class TypographyPack:
    """Check how punctuation is typed."""

    name = "typography"

    def rules(self) -> Sequence[Rule]:
        """Return the pack's rules."""
        return [rule for module in _MODULES for rule in module.RULES]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Flag badly typed and inconsistent punctuation, with the manuscript's own as the fix."""
        for module in _MODULES:
            yield from module.check(document, context)
