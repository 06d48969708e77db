"""Golden test: findings in a Markdown chapter land only in prose, at exact positions."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from stylecheck.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "golden" / "chapter.md"
EXPECTED = FIXTURE.with_suffix(".expected.txt")


def test_text_output_matches_golden(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    code = main(
        ["check", "tests/fixtures/golden/chapter.md", "--select", "proselint.uncomparables"]
    )
    assert code == 1
    assert capsys.readouterr().out == EXPECTED.read_text(encoding="utf-8")


def test_span_across_emphasis_and_line_break(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    main(["check", str(FIXTURE), "--select", "proselint.uncomparables", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    source = FIXTURE.read_text(encoding="utf-8")
    crossing = next(f for f in findings if f["line"] == 24)
    # "*very*\n> unique": starts at "very" on line 24 and ends after "unique" on line 25.
    assert (crossing["column"], crossing["end_line"], crossing["end_column"]) == (19, 25, 9)
    assert source[crossing["offset"] : crossing["end_offset"]] == "very*\n> unique"
    for finding in findings:
        flagged = source[finding["offset"] : finding["end_offset"]]
        words = flagged.replace("*", " ").replace(">", " ").lower().split()
        assert words == ["very", "unique"], finding
