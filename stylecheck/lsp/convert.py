"""Findings as LSP diagnostics."""

from __future__ import annotations

from lsprotocol import types

from stylecheck.diagnostics import Finding, Severity
from stylecheck.lsp.positions import LineIndex
from stylecheck.ruledocs import docs_uri

SOURCE = "stylecheck"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}


def to_diagnostic(finding: Finding, index: LineIndex) -> types.Diagnostic:
    """Return the diagnostic for a finding in the text `index` was made from.

    The rule id is the code, linked to the rule's documentation when there is one.
    """
    href = docs_uri(finding.rule_id)
    return types.Diagnostic(
        range=index.range(finding.span.start, finding.span.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule_id,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
    )
