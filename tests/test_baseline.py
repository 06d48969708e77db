"""`check --write-baseline` and `--baseline`: adopt stylecheck on a finished manuscript."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from stylecheck.cli import main

CHAPTER = (ROOT / "tests" / "fixtures" / "fix" / "chapter.md").read_text(encoding="utf-8")
NEW_OPENING = (
    "# Prologue\n\nIt began long before, in another country.\n\nNothing is wrong here.\n\n"
)
NEW_ERROR = "She waited with baited breath again.\n"


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["check", "--format", "json", *argv])
    captured = capsys.readouterr()
    findings = json.loads(captured.out)["files"][0]["findings"] if captured.out else []
    return code, findings, captured.err


def test_only_new_findings_are_reported_after_paragraphs_are_added_around_old_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    chapter = Path("chapter.md")
    chapter.write_text(CHAPTER, encoding="utf-8")
    code, _, err = check(capsys, "--write-baseline", "baseline.json", "chapter.md")
    assert code == 0
    assert "wrote 8 finding(s) to the baseline baseline.json" in err
    assert check(capsys, "--baseline", "baseline.json", "chapter.md")[:2] == (0, [])

    # Paragraphs above every old finding and one after the last, which holds a new error.
    chapter.write_text(NEW_OPENING + CHAPTER + "\n" + NEW_ERROR, encoding="utf-8")
    code, findings, err = check(capsys, "--baseline", "baseline.json", "chapter.md")
    assert code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("words.confused", 21, 17)]
    assert "8 finding(s) in the baseline not shown" in err
    # Without the baseline everything is there, the old findings on their new lines.
    assert len(check(capsys, "chapter.md")[1]) == 9


def test_a_finding_repeated_is_new_beyond_the_count_the_baseline_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    line = "He held his breath. She waited with baited breath.\n"
    Path("a.md").write_text(line, encoding="utf-8")
    check(capsys, "--write-baseline", "b.json", "a.md", "--select", "words.confused")
    Path("a.md").write_text(line + "\n" + line, encoding="utf-8")
    _, findings, _ = check(capsys, "--baseline", "b.json", "a.md", "--select", "words.confused")
    assert [f["line"] for f in findings] == [3]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "baseline.json: cannot be read"),
        ("not json", "baseline.json: is not a stylecheck baseline"),
        ('{"version": 2, "findings": []}', "baseline.json: is not a stylecheck baseline"),
        ('{"version": 1, "findings": [{"path": "a.md"}]}', "bad 'findings'"),
    ],
)
def test_a_bad_baseline_is_one_error_line_before_any_checking(
    content: str | None,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n", encoding="utf-8")
    if content is not None:
        Path("baseline.json").write_text(content, encoding="utf-8")
    assert main(["check", "--baseline", "baseline.json", "a.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("stylecheck: error: ") and problem in line


def test_no_baseline_is_written_when_a_path_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("The the end.\n", encoding="utf-8")
    assert main(["check", "--write-baseline", "b.json", "a.md", "missing.md"]) == 2
    err = capsys.readouterr().err
    assert "missing.md" in err and "b.json: not written" in err
    assert not Path("b.json").exists()
