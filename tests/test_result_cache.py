"""The result cache: a cached run reports exactly what an uncached run does, and survives abuse."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from stylecheck.cli import main
from stylecheck.packs.harper import HarperPack
from stylecheck.resultcache import DIRECTORY, FILE, NO_CACHE_ENV

CHAPTERS = {
    "chapter-1.md": (
        "# One\n\n"
        '"It\'s fine" she whispered. Marguerite lifted the lantern and and looked at the '
        "harbour. It was a very unique evening, and the gulls went quiet.\n\n"
        '"Where is Tomas?" Marguerite asked quietly. Nobody answered.\n'
    ),
    "chapter-2.md": (
        "# Two\n\n"
        "Tomas came back at dusk. He chocked back tears when he saw the boat. The boat had "
        "drifted, and the boat was lost, and the boat would not come back to the harbour now.\n\n"
        "He walked up the hill to the house where Marguerite waited.\n"
    ),
    "chapter-3.md": "# Three\n\nThe storm came in the night. Tomas slept. Marguerite did not.\n",
}


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    for name, text in CHAPTERS.items():
        (tmp_path / "book" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "book" / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[dict, str]:
    code = main(["check", "--format", "json", "book", *argv])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    return json.loads(captured.out), captured.err


def assert_cached_equals_uncached(capsys: pytest.CaptureFixture[str]) -> dict:
    uncached, _ = run(capsys, "--no-cache")
    cold, _ = run(capsys)
    warm, err = run(capsys)
    assert cold == uncached and warm == uncached
    assert "warning" not in err
    return uncached


def test_cached_runs_report_what_uncached_runs_do(book: Path, capsys) -> None:
    first = assert_cached_equals_uncached(capsys)
    assert (book / DIRECTORY / FILE).is_file()
    rules = {f["rule"] for file in first["files"] for f in file["findings"]}
    assert {"words.doubled", "words.confused", "dialogue.tag-punctuation"} <= rules
    assert all(file["metrics"]["readability"] for file in first["files"])

    # Edit one paragraph of one chapter.
    chapter = book / "book" / "chapter-2.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("He walked up", "He walked up up"), "utf-8"
    )
    edited = assert_cached_equals_uncached(capsys)
    assert edited != first

    # Rename a character: the learned names, and so the spelling rules, change everywhere.
    for path in (book / "book").glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace("Tomas", "Tomasz"), "utf-8")
    assert_cached_equals_uncached(capsys)

    # Accept a word in the vocabulary, then change a rule option.
    (book / ".stylecheck.toml").write_text(
        '[vocabulary]\naccept-words = ["chocked"]\n', encoding="utf-8"
    )
    assert_cached_equals_uncached(capsys)
    (book / ".stylecheck.toml").write_text(
        '[vocabulary]\naccept-words = ["chocked"]\n\n'
        '[rules."readability.long-sentence"]\nmax-words = 10\n',
        encoding="utf-8",
    )
    optioned = assert_cached_equals_uncached(capsys)
    assert any(
        f["rule"] == "readability.long-sentence"
        for file in optioned["files"]
        for f in file["findings"]
    )


def test_a_warm_run_does_not_run_the_packs_again(book: Path, capsys, monkeypatch) -> None:
    cold, _ = run(capsys)

    def fail(*args: object) -> None:
        raise AssertionError("Harper ran although its results were cached")

    monkeypatch.setattr(HarperPack, "check", fail)
    warm, err = run(capsys)
    assert warm == cold and err.count("error") == 0
    uncached = main(["check", "book", "--no-cache"])  # Harper must run, and fails
    assert uncached == 2 and "internal error in the harper pack" in capsys.readouterr().err


def test_no_cache_writes_nothing_and_cache_clear_deletes(book: Path, capsys) -> None:
    run(capsys, "--no-cache")
    assert not (book / DIRECTORY).exists()
    run(capsys)
    assert (book / DIRECTORY / FILE).is_file()
    assert (book / DIRECTORY / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out.startswith("cleared ")
    assert not (book / DIRECTORY / FILE).exists()


def test_cache_dir_from_config(book: Path, capsys) -> None:
    (book / ".stylecheck.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    run(capsys)
    assert (book / "build" / "lint-cache" / FILE).is_file()
    assert not (book / DIRECTORY).exists()


@pytest.mark.parametrize("kind", ["garbage", "truncated", "foreign"])
def test_a_broken_cache_is_rebuilt_with_one_warning(book: Path, capsys, kind: str) -> None:
    expected, _ = run(capsys)
    database = book / DIRECTORY / FILE
    if kind == "garbage":
        database.write_bytes(b"this is not a database\n" * 100)
    elif kind == "truncated":
        database.write_bytes(database.read_bytes()[:1000])
    else:
        database.unlink()
        with sqlite3.connect(database) as other:
            other.execute("CREATE TABLE photos (name TEXT)")
    result, err = run(capsys)
    assert result == expected
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "rebuilding it" in warnings[0], err
    again, err = run(capsys)
    assert again == expected and "warning" not in err


def test_two_processes_share_one_cache(book: Path) -> None:
    argv = [sys.executable, "-m", "stylecheck", "check", "--format", "json", "book"]
    env = {key: value for key, value in os.environ.items() if key != NO_CACHE_ENV}
    first, second = (
        subprocess.Popen(argv, cwd=book, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    )
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [1, 1]
    assert outputs[0][0] == outputs[1][0]
    assert all(b"warning" not in err and b"error:" not in err for _, err in outputs)
    uncached = subprocess.run([*argv, "--no-cache"], cwd=book, env=env, capture_output=True)
    assert uncached.stdout == outputs[0][0]


def test_bad_cache_dir_setting(book: Path, capsys) -> None:
    (book / ".stylecheck.toml").write_text("cache-dir = 3\n", encoding="utf-8")
    assert main(["check", "book"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cache-dir: expected a non-empty string" in err


def test_an_unwritable_cache_folder_is_one_warning(book: Path, capsys) -> None:
    (book / "blocked").write_text("a file, not a folder\n", encoding="utf-8")
    (book / ".stylecheck.toml").write_text('cache-dir = "blocked/cache"\n', encoding="utf-8")
    expected, _ = run(capsys, "--no-cache")
    result, err = run(capsys)
    assert result == expected
    assert [line for line in err.splitlines() if "warning" in line] == [
        line for line in err.splitlines() if "checking without a cache" in line
    ]
    assert "checking without a cache" in err


def test_an_edited_file_rechecks_only_its_edited_paragraphs_with_harper(
    book: Path, capsys, harper_paragraphs: list[str]
) -> None:
    run(capsys)
    harper_paragraphs.clear()
    checked = harper_paragraphs
    chapter = book / "book" / "chapter-2.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("He walked up", "Later he walked up"), encoding="utf-8")
    cached, _ = run(capsys)
    assert [paragraph.startswith("Later he walked up") for paragraph in checked] == [True]
    assert cached == run(capsys, "--no-cache")[0]


def test_a_locked_cache_is_left_alone(book: Path, capsys, monkeypatch) -> None:
    import stylecheck.resultcache as resultcache

    run(capsys)  # creates the cache
    monkeypatch.setattr(resultcache, "WAIT_SECONDS", 0.1)
    (book / "book" / "chapter-3.md").write_text("# Three\n\nA new night came.\n", "utf-8")
    expected = run(capsys, "--no-cache")[0]
    holder = sqlite3.connect(book / DIRECTORY / FILE)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    try:
        result, err = run(capsys)
    finally:
        holder.rollback()
        holder.close()
    assert result == expected
    assert "checking without a cache" in err and "rebuilding" not in err
    assert (book / DIRECTORY / FILE).stat().st_size > 0  # not deleted
    assert run(capsys)[0] == expected
