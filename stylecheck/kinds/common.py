"""The keys every data-rule kind shares, validated, and the rule metadata built from them."""

from __future__ import annotations

from dataclasses import dataclass

from stylecheck.diagnostics import Severity
from stylecheck.rules import Rule, RuleDoc, dialogue_policy


@dataclass(frozen=True)
class Common:
    """The keys every kind shares, validated."""

    rule_id: str
    severity: Severity
    enabled_by_default: bool
    checks_dialogue: bool
    summary: str
    why: str
    bad: str
    good: str
    ignore_when: str
    source: str

    def rule(self, flags: str) -> Rule:
        """Return the rule's metadata, with `flags` saying what the kind flags."""
        doc = RuleDoc(
            summary=self.summary,
            flags=f"{flags} {dialogue_policy(self.checks_dialogue)}",
            why=self.why,
            bad=self.bad,
            good=self.good,
            ignore_when=self.ignore_when or "The wording is deliberate.",
            source=self.source,
        )
        return Rule(self.rule_id, self.severity, doc, enabled_by_default=self.enabled_by_default)
