"""`--jobs`: paragraph work in worker processes gives exactly the serial run's output."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOVELS, ROOT, require_shared

from stylecheck import parallel
from stylecheck.cli import main
from stylecheck.diagnostics import Span, Violation
from stylecheck.document.load import parse
from stylecheck.resultcache import NO_CACHE_ENV
from stylecheck.rules import ParagraphTask

# harper-py 0.2's LookingForwardTo rule prints a debugging line on standard output for this.
NATIVE_PRINT = "She was looking forward to snow."


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """Three chapters cut from two novels, enough text for the workers to be used."""
    alice = require_shared(NOVELS / "carroll-alice.txt").read_text(encoding="utf-8")
    pride = require_shared(NOVELS / "austen-pride.txt").read_text(encoding="utf-8")
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "chapter-1.txt").write_text(alice[:45_000], encoding="utf-8")
    (folder / "chapter-2.txt").write_text(pride[:35_000], encoding="utf-8")
    (folder / "chapter-3.md").write_text(
        f"# Three\n\n{NATIVE_PRINT}\n\n{pride[35_000:45_000]}", encoding="utf-8"
    )
    assert len(alice[:45_000]) + 45_000 > parallel.MIN_PARALLEL_CHARS
    return folder


def check(folder: Path, *argv: str, cache: bool = False, stdin: str | None = None) -> str:
    """Run the installed command in a new process and return its JSON output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache:
        env.pop(NO_CACHE_ENV, None)
    result = subprocess.run(
        [sys.executable, "-m", "stylecheck", "check", "--format", "json", folder.name, *argv],
        capture_output=True,
        text=True,
        cwd=folder.parent,
        env=env,
        input=stdin,
    )
    assert result.returncode == 1, result.stderr
    json.loads(result.stdout)  # nothing but the report on standard output
    return result.stdout


def test_workers_give_the_serial_output_in_the_same_order(book: Path) -> None:
    serial = check(book, "--jobs", "1")
    assert check(book, "--jobs", "2") == serial
    files = json.loads(serial)["files"]
    assert [f["path"] for f in files] == [
        "book/chapter-1.txt",
        "book/chapter-2.txt",
        "book/chapter-3.md",
    ]
    assert any(f["rule"].startswith("harper.") for fr in files for f in fr["findings"])


def test_two_texts_under_one_name_get_their_own_answers(book: Path) -> None:
    # Standard input named like a file on disk, its paragraphs where the file's are but with
    # typos in them: the workers' answers must not be swapped.
    other = (book / "chapter-1.txt").read_text(encoding="utf-8").replace(" the ", " teh ")
    argv = ("book/chapter-1.txt", "-", "--stdin-filename", "book/chapter-1.txt")
    serial = check(book, *argv, "--jobs", "1", stdin=other)
    assert check(book, *argv, "--jobs", "2", stdin=other) == serial


def test_workers_fill_the_cache_that_later_runs_read(book: Path) -> None:
    serial = check(book, "--jobs", "1")
    assert check(book, "--jobs", "2", cache=True) == serial  # cold: the workers check
    assert check(book, "--jobs", "2", cache=True) == serial  # warm
    chapter = book / "chapter-2.txt"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n\nThe the end.\n", "utf-8")
    assert check(book, "--jobs", "2", cache=True) == check(book, "--jobs", "1")


def test_workers_are_used_for_a_large_run_only(
    book: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted: list[int] = []
    original = parallel.WorkerPool.submit

    def counting(pool: parallel.WorkerPool, recorded: parallel.Recorded) -> parallel.Prefetched:
        submitted.append(len(recorded.tasks))
        return original(pool, recorded)

    monkeypatch.setattr(parallel.WorkerPool, "submit", counting)
    monkeypatch.chdir(book.parent)
    assert main(["check", "--format", "json", "--jobs", "2", "book/chapter-3.md"]) == 1
    assert submitted == []  # 10,000 characters: checked here
    assert main(["check", "--format", "json", "--jobs", "2", "book"]) == 1
    # One task per paragraph with words (the heading is one), none for blank ones.
    assert len(submitted) == 1 and submitted[0] > 100
    assert main(["check", "--format", "json", "--jobs", "1", "book"]) == 1
    assert len(submitted) == 1
    capsys.readouterr()


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_a_bad_jobs_value_is_one_clear_error(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--jobs", value, "."])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--jobs" in err and "at least 1" in err


def dies_in_a_worker(word: str) -> list[Violation]:
    """A paragraph task whose worker is killed, as the kernel kills one out of memory."""
    if multiprocessing.parent_process() is not None:
        os._exit(9)
    return [Violation("test.word", Span(0, len(word)), f"found {word}")]


def test_the_work_of_a_dead_worker_is_done_here() -> None:
    document = parse("a.md", "Tomas slept.\n")
    (paragraph,) = document.paragraphs
    task = ParagraphTask(dies_in_a_worker, ("Tomas",), 12)
    pool = parallel.WorkerPool(1)
    try:
        prefetched = pool.submit(parallel.Recorded([(("test", task), task)]))
        assert prefetched.take(("test", task)) is None  # the worker died: no answer
        work = parallel.ParagraphWork("test", None, prefetched)
        found = work.violations(document, paragraph, task)
    finally:
        pool.close()
    assert found == [Violation("test.word", Span(0, 5), "found Tomas")]
