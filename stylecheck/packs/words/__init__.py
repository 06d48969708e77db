"""The `words` pack: repeated and doubled words (fiction rules).

Its Python rules are `words.doubled`, `words.echo` and `words.repeated-start`; the data rules
in `rules/words/*.yml` (`words.confused`, `words.filter-words`) join them in the same pack
(see `stylecheck.packs.data.merge_packs`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stylecheck.diagnostics import Violation
from stylecheck.document import Document
from stylecheck.packs.words.doubled import DOUBLED, check_doubled
from stylecheck.packs.words.echo import ECHO, check_echoes
from stylecheck.packs.words.starts import REPEATED_START, check_repeated_starts
from stylecheck.rules import CheckContext, Rule


class WordsPack:
    """Check for words repeated by accident or too close together."""

    name = "words"

    def rules(self) -> Sequence[Rule]:
        """Return the pack's Python rules."""
        return [DOUBLED, ECHO, REPEATED_START]

    def check(self, document: Document, context: CheckContext) -> Iterator[Violation]:
        """Run the enabled rules."""
        if context.is_enabled(DOUBLED.id):
            yield from check_doubled(document)
        if context.is_enabled(ECHO.id):
            yield from check_echoes(document, context)
        if context.is_enabled(REPEATED_START.id):
            yield from check_repeated_starts(document, context)
