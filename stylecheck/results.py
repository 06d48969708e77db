"""What a run produces, independent of how it is printed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from stylecheck.diagnostics import Finding, Severity
from stylecheck.rules import Rule


@dataclass
class FileResult:
    """Findings and metrics for one checked file, or the reason it could not be checked."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    # Per-pack metrics, e.g. {"readability": {"flesch_reading_ease": 71.2, ...}}.
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    error: str | None = None


@dataclass
class RunResult:
    """Everything one `stylecheck check` run found, in output order."""

    files: list[FileResult]
    rules: dict[str, Rule]  # every rule that was enabled for at least one file
    version: str
    # The text each readable file was checked in (source, without a BOM), by path: what the
    # findings' offsets point into.
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """Return all findings: file by file in the run's order (chapter order), by position."""
        return [f for fr in self.files for f in sorted(fr.findings, key=lambda f: f.sort_key)]

    def counts_by_severity(self) -> dict[str, int]:
        """Return the number of findings per severity word (all three keys present)."""
        counts = Counter(f.severity.label for f in self.findings)
        return {s.label: counts.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    def counts_by_rule(self) -> dict[str, int]:
        """Return the number of findings per rule id, most frequent first."""
        counts = Counter(f.rule_id for f in self.findings)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
