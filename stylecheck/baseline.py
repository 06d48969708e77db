"""A baseline of known findings: `check --write-baseline FILE` and `check --baseline FILE`.

A writer adopting stylecheck on a finished manuscript records what it finds today and from then
on sees only new findings. A finding is known by its fingerprint: the rule, the file, the
flagged text and up to three words on either side within its paragraph, never its line or
column, so a paragraph added above or below it changes nothing. The same fingerprint twice in
the baseline excuses two findings.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from stylecheck.atomic import write_text_atomically
from stylecheck.diagnostics import Finding
from stylecheck.results import RunResult

VERSION = 1
CONTEXT_WORDS = 3
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_REACH = 200  # characters either side searched for the context words
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


class BaselineError(ValueError):
    """The baseline file cannot be read; the message names it and the problem."""


def fingerprint(finding: Finding, text: str) -> str:
    """Return what identifies a finding across edits elsewhere in its file."""
    start, end = finding.span.start, finding.span.end
    # Context stops at a blank line: a paragraph added before or after leaves it alone.
    before = _BLANK_LINE.split(text[max(0, start - _REACH) : start])[-1]
    after = _BLANK_LINE.split(text[end : end + _REACH])[0]
    before_words = _WORD.findall(before)[-CONTEXT_WORDS:]
    after_words = _WORD.findall(after)[:CONTEXT_WORDS]
    flagged = " ".join(text[start:end].split())
    parts = [finding.rule_id, finding.path, " ".join(before_words), flagged, " ".join(after_words)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass
class Baseline:
    """How many findings of each fingerprint are known."""

    known: Counter[str]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file written by `write`."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise BaselineError(f"{path}: cannot be read ({err.strerror or err})") from None
        except ValueError as err:
            raise BaselineError(f"{path}: is not a stylecheck baseline ({err})") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: is not a stylecheck baseline (version {VERSION})")
        entries = data.get("findings")
        if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
        ):
            raise BaselineError(f"{path}: is not a stylecheck baseline (bad 'findings')")
        return cls(Counter(e["fingerprint"] for e in entries))

    def drop_known(self, result: RunResult) -> int:
        """Remove the known findings from `result`; return how many were removed."""
        left = Counter(self.known)
        removed = 0
        for file_result in result.files:
            kept = []
            for finding in file_result.findings:
                key = fingerprint(finding, result.texts[finding.path])
                if left[key] > 0:
                    left[key] -= 1
                    removed += 1
                else:
                    kept.append(finding)
            file_result.findings = kept
        return removed


def write(path: Path, result: RunResult) -> int:
    """Record every finding of `result` in a baseline file; return how many."""
    texts = result.texts
    entries = [
        {
            "path": finding.path,
            "rule": finding.rule_id,
            "text": texts[finding.path][finding.span.start : finding.span.end],
            "fingerprint": fingerprint(finding, texts[finding.path]),
        }
        for file_result in result.files
        for finding in file_result.findings
    ]
    document = {"version": VERSION, "tool": "stylecheck", "findings": entries}
    write_text_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return len(entries)
