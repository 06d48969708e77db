"""The command line through `main(argv)`: exit codes, formats, bad input, no tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from stylecheck import __version__
from stylecheck.cli import main

FLAGGED = "It was a very unique plan.\n"  # proselint.uncomparables, a warning
CLEAN = "She walked home in the rain.\n"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"stylecheck {__version__}"


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2 and "usage: stylecheck" in err


def test_findings_exit_1_and_fail_on_controls_it(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", FLAGGED)
    code, out, err = run(["check", "ch1.md"], capsys)
    assert code == 1
    assert out.startswith("ch1.md:1:10: warning: ")
    assert out.rstrip().endswith("[proselint.uncomparables]")
    assert "1 finding (1 warning) in 1 file" in err
    assert run(["check", "ch1.md", "--fail-on", "error"], capsys)[0] == 0
    assert run(["check", "ch1.md", "--fail-on", "never"], capsys)[0] == 0
    assert run(["check", "ch1.md", "--fail-on", "note"], capsys)[0] == 1


def test_clean_file_exits_0_silently(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", CLEAN)
    assert run(["check", "ch1.md"], capsys) == (0, "", "")


def test_directory_expands_to_prose_files_in_order(workdir: Path, capsys) -> None:
    write(workdir / "book" / "b.md", FLAGGED)
    write(workdir / "book" / "a.txt", FLAGGED)
    write(workdir / "book" / "notes.rst", FLAGGED)
    write(workdir / "book" / ".hidden" / "c.md", FLAGGED)
    code, out, _ = run(["check", "book"], capsys)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["book/a.txt", "book/b.md"]


def test_directory_order_is_natural(workdir: Path, capsys) -> None:
    # Chapters numbered without leading zeros come in reading order: 2 before 10.
    for name in ("chapter-10.md", "chapter-2.md", "Chapter-3.md", "chapter-1.md", "epilogue.md"):
        write(workdir / "book" / name, FLAGGED)
    write(workdir / "book" / "part-10" / "a.md", FLAGGED)
    write(workdir / "book" / "part-9" / "a.md", FLAGGED)
    _, out, _ = run(["check", "book"], capsys)
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "book/chapter-1.md",
        "book/chapter-2.md",
        "book/Chapter-3.md",
        "book/chapter-10.md",
        "book/epilogue.md",
        "book/part-9/a.md",
        "book/part-10/a.md",
    ]


def test_folder_given_through_parent_path(workdir: Path, capsys, monkeypatch) -> None:
    write(workdir / "book" / "ch1.md", FLAGGED)
    (workdir / "tools").mkdir()
    monkeypatch.chdir(workdir / "tools")
    code, out, _ = run(["check", "../book/"], capsys)
    assert code == 1 and out.startswith("../book/ch1.md:1:10: warning:")


def test_select_and_ignore(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", FLAGGED)
    # Harper flags "very unique" too: ignoring both packs leaves nothing.
    assert run(["check", "ch1.md", "--ignore", "proselint,harper"], capsys)[:2] == (0, "")
    code, out, _ = run(
        ["check", "ch1.md", "--select", "readability,proselint.uncomparables"], capsys
    )
    assert code == 1 and "[proselint.uncomparables]" in out


def test_unknown_rule_in_select_is_a_usage_error(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", CLEAN)
    code, out, err = run(["check", "ch1.md", "--select", "proselint.uncomparable"], capsys)
    assert code == 2 and out == ""
    assert err == (
        "stylecheck: error: --select/--ignore: unknown rule or pack 'proselint.uncomparable'; "
        "did you mean 'proselint.uncomparables'?\n"
    )


def test_invalid_toml_config(workdir: Path, capsys) -> None:
    write(workdir / "pyproject.toml", "[tool.stylecheck\nselect = 1\n")
    write(workdir / "ch1.md", CLEAN)
    code, _, err = run(["check", "ch1.md"], capsys)
    assert code == 2
    assert err.startswith("stylecheck: error: ") and "pyproject.toml: invalid TOML" in err
    assert "Traceback" not in err and len(err.splitlines()) == 1


def test_missing_path_and_other_files_still_checked(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", FLAGGED)
    code, out, err = run(["check", "missing.md", "ch1.md"], capsys)
    assert code == 2
    assert "ch1.md:1:10: warning:" in out
    assert "stylecheck: error: missing.md: no such file or directory" in err


def test_directory_without_prose_files(workdir: Path, capsys) -> None:
    write(workdir / "empty" / "image.png", b"\x89PNG")
    code, _, err = run(["check", "empty"], capsys)
    assert code == 2
    assert "stylecheck: error: empty: no prose files (*.md, *.markdown, *.txt)" in err


def test_binary_and_invalid_utf8_files(workdir: Path, capsys) -> None:
    write(workdir / "cover.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(workdir / "latin1.txt", "Caf\u00e9 au lait.\n".encode("latin-1"))
    write(workdir / "ch1.md", FLAGGED)
    code, out, err = run(["check", "."], capsys)
    assert code == 2
    assert "ch1.md:1:10" in out
    assert "stylecheck: error: cover.md: looks like a binary file" in err
    assert "stylecheck: error: latin1.txt: is not valid UTF-8: byte 0xe9 at byte offset 3" in err
    assert "Traceback" not in err


def test_unreadable_file(workdir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(workdir / "locked.md", CLEAN)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.md":  # root can read anything, so simulate the OS refusing
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, _, err = run(["check", str(locked.name)], capsys)
    assert code == 2
    assert err.strip() == "stylecheck: error: locked.md: permission denied"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\ntitle: A very unique title\n---\n",
        "```\nIt was a very unique plan.\n```\n",
        "+++\ntitle = 'a very unique plan'\n+++\n",
    ],
    ids=["empty", "only-yaml-front-matter", "only-code", "only-toml-front-matter"],
)
def test_files_without_prose(workdir: Path, capsys, text: str) -> None:
    write(workdir / "ch1.md", text)
    assert run(["check", "ch1.md", "--format", "json"], capsys)[0] == 0


def test_five_megabyte_single_line(workdir: Path, capsys) -> None:
    sentence = "The rain fell on the quiet town and the river rose slowly. "
    write(workdir / "big.txt", sentence * (5_000_000 // len(sentence)))
    code, _, err = run(["check", "big.txt", "--format", "json"], capsys)
    assert code in (0, 1) and "error" not in err


def test_input_files_are_never_written(workdir: Path, capsys) -> None:
    chapter = write(workdir / "ch1.md", "---\ntitle: x\n---\r\n" + FLAGGED * 3)
    before = (chapter.read_bytes(), chapter.stat().st_mtime_ns)
    for fmt in ("text", "json", "sarif", "github"):
        run(["check", "ch1.md", "--format", fmt], capsys)
    assert (chapter.read_bytes(), chapter.stat().st_mtime_ns) == before


def test_stdin_with_filename(workdir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    write(workdir / "book" / "stylecheck.toml", 'ignore = ["readability"]\n')
    stdin = io.TextIOWrapper(io.BytesIO(("\n" + FLAGGED).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["check", "-", "--stdin-filename", "book/ch9.md"], capsys)
    assert code == 1
    assert out.startswith("book/ch9.md:2:10: warning:")


def test_stdin_without_filename(workdir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FLAGGED.encode())))
    code, out, _ = run(["check", "-"], capsys)
    assert code == 1 and out.startswith("<stdin>:1:10: warning:")


def test_force_exclude(workdir: Path, capsys) -> None:
    write(workdir / "stylecheck.toml", 'extend-exclude = ["drafts"]\n')
    write(workdir / "drafts" / "old.md", FLAGGED)
    assert run(["check", "drafts/old.md"], capsys)[0] == 1
    assert run(["check", "drafts/old.md", "--force-exclude"], capsys)[:2] == (0, "")
    assert run(["check", "."], capsys)[0] == 2  # the only prose file is excluded


def test_statistics(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", "\n".join([FLAGGED] * 3))  # three paragraphs: no repeated start
    code, out, _ = run(["check", "ch1.md", "--statistics"], capsys)
    assert code == 1
    assert out == "     3  warning  proselint.uncomparables\n"
    assert run(["check", "ch1.md", "--statistics", "--format", "json"], capsys)[0] == 2


def test_json_has_metrics_and_summary(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", FLAGGED)
    code, out, _ = run(["check", "ch1.md", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    (file,) = data["files"]
    assert file["metrics"]["readability"]["words"] == 6
    assert data["summary"]["by_rule"] == {"proselint.uncomparables": 1}


def test_rules_and_rule(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    assert any(line.startswith("readability.long-sentence ") for line in out.splitlines())
    code, out, _ = run(["rule", "readability.long-sentence"], capsys)
    assert code == 0 and "Example (flagged)" in out and "max-words" in out
    code, _, err = run(["rule", "readability.long-sentense"], capsys)
    assert code == 2 and "did you mean 'readability.long-sentence'" in err
    code, out, _ = run(["rule", "languagetool.COULD_OF"], capsys)
    assert code == 0 and "community.languagetool.org/rule/show/COULD_OF" in out


def test_python_dash_m_and_console_script_agree(tmp_path: Path) -> None:
    chapter = write(tmp_path / "ch1.md", FLAGGED)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "stylecheck", "check", str(chapter)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("ch1.md:1:10: warning:")


def test_missing_config_file(workdir: Path, capsys) -> None:
    write(workdir / "ch1.md", CLEAN)
    code, _, err = run(["check", "ch1.md", "--config", "nope.toml"], capsys)
    assert code == 2
    assert err == "stylecheck: error: nope.toml: cannot be read (No such file or directory)\n"


def test_readme_example_output_is_what_the_sample_gives(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ stylecheck check seeds/\n"
    start = readme.index(command) + len(command)
    expected = readme[start : readme.index("```", start)]
    monkeypatch.chdir(ROOT)
    code = main(["check", "seeds/"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out + captured.err == expected
