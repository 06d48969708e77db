"""`check --fix`, `--unsafe-fixes` and `--diff` on a chapter with safe, unsafe and markup fixes."""

from __future__ import annotations

import difflib
import io
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from stylecheck.cli import main
from stylecheck.diagnostics import Applicability, Edit, Finding, Fix, Position, Severity, Span
from stylecheck.engine import Source
from stylecheck.fixes import FixedText, apply_edits, choose_edits, write_fixed

FIXTURES = ROOT / "tests" / "fixtures" / "fix"
CHAPTER = (FIXTURES / "chapter.md").read_text(encoding="utf-8")
EXPECTED = {
    "--fix": (FIXTURES / "expected-safe.md").read_text(encoding="utf-8"),
    "--unsafe-fixes": (FIXTURES / "expected-unsafe.md").read_text(encoding="utf-8"),
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(["check", *argv])
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("flag", ["--fix", "--unsafe-fixes"])
def test_fixes_give_the_golden_result_and_a_second_run_changes_nothing(
    flag: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("chapter.md").write_text(CHAPTER, encoding="utf-8")
    code, out, err = run(flag, "chapter.md")
    assert Path("chapter.md").read_text(encoding="utf-8") == EXPECTED[flag]
    # What remains is reported, and decides the exit code: the doubled word inside emphasis
    # is never fixed, because its fix would edit markup.
    assert code == 1
    assert "chapter.md:13:8: error: 'the' is written twice [words.doubled]" in out
    assert ("words.confused" in out) == (flag == "--fix")
    assert f"{5 if flag == '--fix' else 7} fixes made in 1 file(s)" in err
    code, out_again, err = run(flag, "chapter.md")
    assert Path("chapter.md").read_text(encoding="utf-8") == EXPECTED[flag]
    assert (code, out_again) == (1, out)
    assert "0 fixes made in 0 file(s)" in err


def test_the_bom_and_windows_line_endings_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    crlf = CHAPTER.replace("\n", "\r\n")
    Path("chapter.md").write_bytes(b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    run("--unsafe-fixes", "chapter.md")
    expected = EXPECTED["--unsafe-fixes"].replace("\n", "\r\n")
    assert Path("chapter.md").read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


def test_diff_prints_the_change_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("chapter.md").write_text(CHAPTER, encoding="utf-8")
    code, out, err = run("--diff", "chapter.md")
    assert Path("chapter.md").read_text(encoding="utf-8") == CHAPTER
    expected = difflib.unified_diff(
        CHAPTER.splitlines(keepends=True),
        EXPECTED["--fix"].splitlines(keepends=True),
        "a/chapter.md",
        "b/chapter.md",
    )
    assert out == "".join(expected)
    assert code == 1  # findings would remain
    assert "5 fixes to 1 file(s) would be made" in err
    code, out, _ = run("--diff", "--unsafe-fixes", "chapter.md")
    assert "+She waited with bated breath, then Left.\n" in out


def test_diff_names_a_file_outside_the_working_folder_by_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = tmp_path / "book" / "chapter.md"
    chapter.parent.mkdir()
    chapter.write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    _, out, _ = run("--diff", str(chapter))
    assert out.startswith(f"--- {chapter.as_posix()}\n+++ {chapter.as_posix()}\n@@ ")


def test_standard_input_is_never_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHAPTER.encode())))
    code, _, err = run("--fix", "-")
    assert code == 2
    assert err.strip() == (
        "stylecheck: error: --fix cannot write to standard input; use --diff to see the fixes"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CHAPTER.encode())))
    _, out, _ = run("--diff", "-", "--stdin-filename", "chapter.md")
    assert '+"Fine," Marguerite answered, "explain it then."\n' in out


def finding(start: int, end: int, replacement: str, rule: str = "test.rule") -> Finding:
    span = Span(start, end)
    where = Position(1, start + 1, start)
    fix = Fix(f"Write '{replacement}'", (Edit(span, replacement),), Applicability.SAFE)
    return Finding("a.md", rule, Severity.ERROR, "m", span, where, where, (fix,))


def test_of_two_clashing_fixes_the_earlier_wins_whatever_the_order() -> None:
    findings = [finding(4, 9, "B"), finding(2, 6, "A"), finding(9, 9, "C"), finding(12, 12, "D")]
    for ordering in (findings, findings[::-1]):
        chosen = choose_edits(ordering, frozenset({Applicability.SAFE}))
        text = apply_edits("0123456789abcdef", [edit for _, edit in chosen])
        # A (2-6) beats B (4-9); C is inserted before "9" and D before "c".
        assert text == "01A678C9abDcdef"
    # Two insertions at one place clash too: the first by rule id is kept.
    same = [finding(3, 3, "y", "test.b"), finding(3, 3, "x", "test.a")]
    chosen = choose_edits(same, frozenset({Applicability.SAFE}))
    assert apply_edits("abcdef", [edit for _, edit in chosen]) == "abcxdef"


def test_a_file_changed_on_disk_meanwhile_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "chapter.md"
    path.write_text("The writer typed more.\n", encoding="utf-8")
    text = FixedText(Source("chapter.md", path), "Old text.\n", "New text.\n", False, 1)
    assert write_fixed(text) == "chapter.md: changed while it was being fixed; not written"
    assert path.read_text(encoding="utf-8") == "The writer typed more.\n"
