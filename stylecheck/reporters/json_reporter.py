"""The JSON format: a versioned document described in docs/output-formats.md.

`SCHEMA_VERSION` changes only when a field is removed, renamed or changes meaning; new fields
may appear without a change. The JSON Schema is docs/stylecheck-output.schema.json.
"""

from __future__ import annotations

import json
import math
from typing import Any

from stylecheck.diagnostics import Edit, Finding, Fix
from stylecheck.results import FileResult, RunResult

SCHEMA_VERSION = 1
TOOL_NAME = "stylecheck"


def _metric(value: float) -> float | int | None:
    """Return a metric as JSON can hold it: NaN and infinities (undefined values) become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _edit(edit: Edit) -> dict[str, Any]:
    return {
        "offset": edit.span.start,
        "end_offset": edit.span.end,
        "replacement": edit.replacement,
    }


def _fix(fix: Fix) -> dict[str, Any]:
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [_edit(e) for e in fix.edits],
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """Return the JSON object for one finding."""
    return {
        "rule": finding.rule_id,
        "severity": finding.severity.label,
        "message": finding.message,
        "line": finding.start.line,
        "column": finding.start.column,
        "end_line": finding.end.line,
        "end_column": finding.end.column,
        "offset": finding.span.start,
        "end_offset": finding.span.end,
        "fixes": [_fix(f) for f in finding.fixes],
    }


def file_to_dict(file: FileResult) -> dict[str, Any]:
    """Return the JSON object for one file, its findings sorted by position."""
    findings = sorted(file.findings, key=lambda f: f.sort_key)
    return {
        "path": file.path,
        "metrics": {
            pack: {name: _metric(value) for name, value in values.items()}
            for pack, values in file.metrics.items()
        },
        "error": file.error,
        "findings": [finding_to_dict(f) for f in findings],
    }


def result_to_dict(result: RunResult) -> dict[str, Any]:
    """Return the whole JSON document for a run, as plain dicts and lists."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.version},
        "files": [file_to_dict(f) for f in result.files],
        "summary": {
            "files": len(result.files),
            "findings": sum(len(f.findings) for f in result.files),
            "by_severity": result.counts_by_severity(),
            "by_rule": result.counts_by_rule(),
            "errors": sum(1 for f in result.files if f.error is not None),
        },
    }


class JsonReporter:
    """Print the run as one pretty-printed JSON document (UTF-8, not ASCII-escaped)."""

    name = "json"

    def render(self, result: RunResult) -> str:
        """Return the JSON document with a two-space indent and a trailing newline."""
        return json.dumps(result_to_dict(result), indent=2, ensure_ascii=False) + "\n"
