"""How long the language server takes to answer an edit (run by hand, not a test).

    python bench/editor.py [NOVEL]

Cuts chapters of about 2,000, 5,000 and 10,000 words from a novel (Pride and Prejudice by
default) into a fresh workspace folder and times the language server's checker
(`stylecheck.lsp.checker.EditorChecker`, the protocol left out) on each:

- open: the first check of the chapter (Harper's dictionary was loaded by a warm-up check);
- reopen: the saved chapter checked again, answered from the result cache;
- edit: one paragraph changed in the editor and not saved, so Harper re-checks that paragraph
  and the other packs read the whole chapter;
- Harper alone: harper-py's linter over the same chapter in one call, for comparison.

Each number is the best of three runs, so a busy machine shows less.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import harper

from stylecheck.lsp.checker import Buffer, EditorChecker

DEFAULT_NOVEL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "novels"
SIZES = (2_000, 5_000, 10_000)
RUNS = 3


def _chapter(text: str, words: int) -> str:
    """Return whole paragraphs from the middle of the novel, about `words` words long."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    start = len(paragraphs) // 3
    out: list[str] = []
    count = 0
    for paragraph in paragraphs[start:]:
        out.append(paragraph.strip())
        count += len(paragraph.split())
        if count >= words:
            break
    return "\n\n".join(out) + "\n"


def _best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _time_chapter(
    checker: EditorChecker, folder: Path, text: str, size: int
) -> tuple[float, float, float]:
    """Return the open, reopen and edit times of one chapter."""
    path = folder / f"chapter-{size}.md"
    path.write_text(text, encoding="utf-8")
    buffer = Buffer(path, text, folder)
    started = time.perf_counter()
    checker.check(buffer, {})
    opened = time.perf_counter() - started
    reopened = _best(lambda: checker.check(buffer, {}))
    paragraphs = text.split("\n\n")
    middle = len(paragraphs) // 2
    edits = iter(range(1_000))  # a new text each time, so the edit is never in the cache

    def edit() -> None:
        changed = [*paragraphs[:middle], f"{paragraphs[middle]} It rained {next(edits)} times."]
        changed += paragraphs[middle + 1 :]
        checker.check(Buffer(path, "\n\n".join(changed), folder), {})

    return opened, reopened, _best(edit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novel", nargs="?", type=Path, default=DEFAULT_NOVEL / "austen-pride.txt")
    novel = parser.parse_args().novel.read_text(encoding="utf-8")
    os.environ.pop("STYLECHECK_NO_CACHE", None)  # the editor's checks use the cache
    linter = harper.Linter(harper.Dialect.AMERICAN)
    rows = []
    with tempfile.TemporaryDirectory() as workspace:
        folder = Path(workspace)
        checker = EditorChecker()
        warm_up = folder / "warm-up.md"
        warm_up.write_text("She walked home.\n", encoding="utf-8")
        checker.check(Buffer(warm_up, "She walked home.\n", folder), {})
        for size in SIZES:
            text = _chapter(novel, size)
            times = _time_chapter(checker, folder, text, size)
            alone = _best(lambda t=text: linter.organized_lints(t, language="plaintext"))
            rows.append((size, len(text.split()), *times, alone))
        checker.close()

    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| chapter | words | open | reopen | edit one paragraph | Harper alone |")
    print("|---|---|---|---|---|---|")
    for size, words, opened, reopened, edited, alone in rows:
        print(
            f"| ~{size:,} | {words:,} | {opened:.2f} s | {reopened:.2f} s | {edited:.2f} s "
            f"| {alone:.2f} s |"
        )


if __name__ == "__main__":
    main()
