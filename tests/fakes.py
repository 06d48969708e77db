"""A small pack for engine tests: flags a configurable word in prose."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.rules import CheckContext, Option, Rule, RuleDoc

DOC = RuleDoc(
    "Flags a word.", "The word.", "Tests.", "a bad word", "a good one", "Never.", "Tests."
)


class WordPack:
    """Pack `fake` with rules `fake.word` (option `word`), `fake.off` (off by default)."""

    name = "fake"

    def rules(self) -> Sequence[Rule]:
        """Return the fake rules."""
        return [
            Rule("fake.word", Severity.WARNING, DOC, (Option("word", "bad", "word to flag"),)),
            Rule("fake.group.one", Severity.NOTE, DOC),
            Rule("fake.group.two", Severity.ERROR, DOC),
            Rule("fake.off", Severity.WARNING, DOC, enabled_by_default=False),
        ]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Flag the configured word with a safe fix; other rules flag 'one'/'two'/'off'."""
        rules = {r.id: r for r in self.rules()}
        word = str(context.option(rules["fake.word"], "word"))
        targets = {"fake.word": word, "fake.group.one": "one", "fake.group.two": "two"}
        targets["fake.off"] = "off"
        for rule_id, target in targets.items():
            if not context.is_enabled(rule_id):
                continue
            for m in re.finditer(rf"\b{re.escape(target)}\b", document.prose):
                span = Span(m.start(), m.end())
                fix = Fix("Replace with 'fine'", (Edit(span, "fine"),), Applicability.SAFE)
                yield Violation(rule_id, span, f"Found '{target}'.", (fix,))
