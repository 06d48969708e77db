"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

One run; columns count Unicode code points (`run.columnKind`), as in every other format.
Relative paths are percent-encoded URIs relative to `%SRCROOT%`, the checked-out repository.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from stylecheck.diagnostics import Finding, Fix, Severity
from stylecheck.results import FileResult, RunResult
from stylecheck.rules import Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


def artifact_location(path: str) -> dict[str, str]:
    """Return a SARIF artifactLocation for a reported (posix) path.

    Relative paths are relative to `%SRCROOT%`; absolute ones become `file:` URIs.
    """
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if _WINDOWS_DRIVE.match(path):
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _help(rule: Rule) -> dict[str, str]:
    doc = rule.doc
    text = (
        f"{doc.why}\n\nFlagged:\n{doc.bad.rstrip()}\n\nCorrected:\n{doc.good.rstrip()}\n\n"
        f"When to ignore it: {doc.ignore_when}"
    )
    markdown = (
        f"{doc.why}\n\n**Flagged:**\n\n```text\n{doc.bad.rstrip()}\n```\n\n"
        f"**Corrected:**\n\n```text\n{doc.good.rstrip()}\n```\n\n"
        f"**When to ignore it.** {doc.ignore_when}"
    )
    return {"text": text, "markdown": markdown}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """Return the reportingDescriptor for one rule."""
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.doc.summary},
        "fullDescription": {"text": rule.doc.flags},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.pack]},
    }


def _fix(fix: Fix, location: dict[str, str]) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": {"charOffset": edit.span.start, "charLength": len(edit.span)},
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.value},
    }


def result_object(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """Return the SARIF result for one finding; fixes without edits are left out."""
    location = artifact_location(finding.path)
    region = {
        "startLine": finding.start.line,
        "startColumn": finding.start.column,
        "endLine": finding.end.line,
        "endColumn": finding.end.column,
    }
    result: dict[str, Any] = {"ruleId": finding.rule_id}
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    result["level"] = LEVELS[finding.severity]
    result["message"] = {"text": finding.message}
    result["locations"] = [{"physicalLocation": {"artifactLocation": location, "region": region}}]
    fixes = [_fix(f, location) for f in finding.fixes if f.edits]
    if fixes:
        result["fixes"] = fixes
    return result


def _invocation(files: list[FileResult]) -> dict[str, Any]:
    failed = [f for f in files if f.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not failed}
    if failed:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": f.error},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(f.path)}}
                ],
            }
            for f in failed
        ]
    return invocation


def sarif_log(result: RunResult) -> dict[str, Any]:
    """Return the SARIF log for a run, as plain dicts and lists."""
    rules = list(result.rules.values())
    rule_index = {rule.id: index for index, rule in enumerate(rules)}
    driver = {
        "name": "stylecheck",
        "version": result.version,
        "rules": [rule_descriptor(r) for r in rules],
    }
    run = {
        "tool": {"driver": driver},
        "invocations": [_invocation(result.files)],
        "columnKind": "unicodeCodePoints",
        "results": [result_object(f, rule_index) for f in result.findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter:
    """Print the run as a SARIF 2.1.0 log."""

    name = "sarif"

    def render(self, result: RunResult) -> str:
        """Return the SARIF log, pretty-printed, with a trailing newline."""
        return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
