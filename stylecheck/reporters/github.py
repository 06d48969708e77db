"""GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding.

The runner turns each line into an annotation on the file. Escaping follows the runner's
rules: `%`, CR and LF in the message; also `:` and `,` in property values.
"""

from __future__ import annotations

from stylecheck.diagnostics import Finding, Severity
from stylecheck.results import RunResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (`file=...`, `title=...`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(finding: Finding) -> str:
    """Return the workflow command for one finding, without the newline.

    GitHub accepts a column range only within one line, so `col` and `endColumn` are given
    only when the finding starts and ends on the same line. `endColumn` is exclusive, like
    the other formats' end columns.
    """
    start, end = finding.start, finding.end
    same_line = start.line == end.line
    props = [("file", finding.path), ("line", str(start.line))]
    if same_line:
        props.append(("col", str(start.column)))
    props.append(("endLine", str(end.line)))
    if same_line:
        props.append(("endColumn", str(end.column)))
    props.append(("title", finding.rule_id))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


class GithubReporter:
    """Print one workflow command per finding, sorted by path and position."""

    name = "github"

    def render(self, result: RunResult) -> str:
        """Return one command line per finding, or the empty string when there are none."""
        return "".join(format_finding(f) + "\n" for f in result.findings)
