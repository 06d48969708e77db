"""Wall time and peak memory of stylecheck against its engines alone (run by hand, not a test).

    python bench/speed.py [NOVELS_DIR] [--quick]

Every measurement runs in a fresh process, so each pays its own start-up. Peak memory is the
largest sum of resident memory of the process and all its descendants (stylecheck's worker
processes), sampled from /proc ten times a second. Rows:

- Harper alone: harper-py's linter built once, then one call over each novel's whole text;
- proselint alone: proselint's own `LintFile(...).lint()` with its default checks and no cap on
  the number of results;
- stylecheck: `stylecheck check` with every default pack on a copy of the novel, with an
  empty result cache (cold) with `--jobs 1` and with the default (one worker per core), again
  with nothing changed (warm), and after one paragraph was edited; and on all novels without
  the cache.

The ratios at the end compare stylecheck with the engines on the same text, in the same run,
so a busy machine slows both sides. `--quick` skips the runs over all novels.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_NOVELS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "novels"
ONE_NOVEL = "austen-pride.txt"

HARPER_ALONE = """
import sys, harper
linter = harper.Linter(harper.Dialect.AMERICAN)  # stylecheck's default, en-US
for path in sys.argv[1:]:
    linter.organized_lints(open(path, encoding="utf-8").read(), language="plaintext")
"""
PROSELINT_ALONE = """
import sys
from pathlib import Path
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)  # what proselint's command line does first
config = {**DEFAULT, "max_errors": 10**9}
for path in sys.argv[1:]:
    LintFile(Path(path)).lint(config)
"""


@dataclass(frozen=True)
class Measured:
    """One run: what it was, how long it took, how much memory it needed at its peak."""

    label: str
    seconds: float
    peak_mb: float


def measure(label: str, argv: list[str], cwd: Path | None = None) -> Measured:
    """Run `argv` in a new process and return its wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(process.pid, peak, done))
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: stylecheck found something, as it will on novels
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{label}: exit code {code}\n{error}")
    # ru_maxrss (KiB) is the process's own peak: the floor when sampling missed a short peak.
    return Measured(label, seconds, max(peak[0], usage.ru_maxrss * 1024) / 2**20)


def _sample_tree(root: int, peak: list[int], done: threading.Event) -> None:
    """Keep in `peak[0]` the largest resident memory (bytes) of `root` and its descendants.

    The tree is walked through /proc/PID/task/TID/children, so a sample reads a few files of a
    few processes: the sampler must not slow down what it measures.
    """
    page = os.sysconf("SC_PAGE_SIZE")
    while not done.wait(0.1):
        total, pending = 0, [root]
        while pending:
            pid = pending.pop()
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pending += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, IndexError, ValueError):
                continue  # the process ended meanwhile
        peak[0] = max(peak[0], total)


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="?", type=Path, default=DEFAULT_NOVELS)
    parser.add_argument("--quick", action="store_true", help="skip the run over all novels")
    args = parser.parse_args()
    novels = sorted(str(p) for p in args.novels.glob("*.txt"))
    python = sys.executable
    stylecheck = [python, "-m", "stylecheck", "check", "--format", "json"]
    print(f"# {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}; {len(novels)} novels in {args.novels}")
    print(f"{'run':<42} {'seconds':>8} {'peak MB':>8}")
    results: dict[str, Measured] = {}

    def row(label: str, argv: list[str], cwd: Path | None = None) -> None:
        results[label] = measure(label, argv, cwd)
        print(f"{label:<42} {results[label].seconds:>8.1f} {results[label].peak_mb:>8.0f}")

    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryDirectory() as serial:
        # Copies, so the edit below touches no shared file; each cache goes beside its copy.
        copy = Path(scratch) / ONE_NOVEL
        shutil.copyfile(args.novels / ONE_NOVEL, copy)
        shutil.copyfile(args.novels / ONE_NOVEL, Path(serial) / ONE_NOVEL)
        row("Harper alone, 1 novel", [python, "-c", HARPER_ALONE, str(copy)])
        row("proselint alone, 1 novel", [python, "-c", PROSELINT_ALONE, str(copy)])
        row("stylecheck, 1 novel, cold, --jobs 1", [*stylecheck, "-j1", ONE_NOVEL], Path(serial))
        row("stylecheck, 1 novel, cold", [*stylecheck, copy.name], Path(scratch))
        row("stylecheck, 1 novel, warm", [*stylecheck, copy.name], Path(scratch))
        _edit_one_paragraph(copy)
        row("stylecheck, 1 novel, 1 paragraph edited", [*stylecheck, copy.name], Path(scratch))
    if not args.quick:
        row("Harper alone, all novels", [python, "-c", HARPER_ALONE, *novels])
        row("proselint alone, all novels", [python, "-c", PROSELINT_ALONE, *novels])
        row("stylecheck, all novels, no cache", [*stylecheck, "--no-cache", *novels])
    _ratios(results)
    return 0


def _edit_one_paragraph(path: Path) -> None:
    """Change one word in the middle of the novel, as a writer fixing a typo would."""
    text = path.read_text(encoding="utf-8")
    middle = text.index("\n\n", len(text) // 2) + 2
    path.write_text(text[:middle] + "Then " + text[middle:], encoding="utf-8")


def _ratios(results: dict[str, Measured]) -> None:
    harper = results["Harper alone, 1 novel"].seconds
    one = results["stylecheck, 1 novel, cold"].seconds / harper
    serial = results["stylecheck, 1 novel, cold, --jobs 1"].seconds / harper
    print(
        f"stylecheck cold / Harper alone, 1 novel: {one:.2f}x (target: at most 0.6x); "
        f"with --jobs 1: {serial:.2f}x"
    )
    warm = results["stylecheck, 1 novel, warm"].seconds
    edited = results["stylecheck, 1 novel, 1 paragraph edited"].seconds
    print(
        f"warm: {warm:.1f} s (target: under 1 s); 1 paragraph edited: {edited:.1f} s (under 1.5 s)"
    )
    if "stylecheck, all novels, no cache" not in results:
        return
    cores = os.cpu_count() or 1
    engines = (
        results["Harper alone, all novels"].seconds + results["proselint alone, all novels"].seconds
    ) / cores
    ratio = results["stylecheck, all novels, no cache"].seconds / engines
    print(
        f"stylecheck / ((Harper + proselint) / {cores} cores), all novels: {ratio:.2f}x "
        "(target: at most 1.2x)"
    )
    peak = results["stylecheck, all novels, no cache"].peak_mb
    print(f"peak memory, all novels: {peak:.0f} MB (target: under 500 MB)")


if __name__ == "__main__":
    raise SystemExit(main())
