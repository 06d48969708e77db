"""The default text format: `path:line:col: severity: message [rule-id]`, one per line.

This is the gcc shape, which Vim's errorformat, Emacs compilation mode and VS Code's `$gcc`
problem matcher read as is. Columns count Unicode code points, starting at 1.
"""

from __future__ import annotations

import re

from stylecheck.diagnostics import Finding
from stylecheck.results import RunResult

_LINE_BREAKS = re.compile(r"\s*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])\s*")


def one_line(message: str) -> str:
    """Return `message` with every line break (and the spaces around it) as one space."""
    return _LINE_BREAKS.sub(" ", message).strip()


def format_finding(finding: Finding) -> str:
    """Return the text line for one finding, without the newline."""
    start = finding.start
    return (
        f"{finding.path}:{start.line}:{start.column}: {finding.severity.label}: "
        f"{one_line(finding.message)} [{finding.rule_id}]"
    )


class TextReporter:
    """Print one gcc-style line per finding, sorted by path and position; nothing else."""

    name = "text"

    def render(self, result: RunResult) -> str:
        """Return one line per finding, or the empty string when there are none."""
        return "".join(format_finding(f) + "\n" for f in result.findings)
