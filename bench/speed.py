"""Wall time and peak memory of stylecheck against its engines alone (run by hand, not a test).

    python bench/speed.py [NOVELS_DIR] [--quick]

Every measurement runs in a fresh process, so each pays its own start-up, and its peak
resident memory comes from the kernel (`wait4`). Rows:

- Harper alone: harper-py's linter built once, then one call over each novel's whole text;
- proselint alone: proselint's own `LintFile(...).lint()` with its default checks and no cap on
  the number of results;
- stylecheck: `stylecheck check` with every default pack, on the same novel and on all novels.

The ratios at the end compare stylecheck with the engines on the same text, in the same run,
so a busy machine slows both sides. `--quick` skips the run over all novels.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
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


def measure(label: str, argv: list[str]) -> Measured:
    """Run `argv` in a new process and return its wall time and peak resident memory."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: stylecheck found something, as it will on novels
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{label}: exit code {code}\n{error}")
    return Measured(label, seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def main() -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="?", type=Path, default=DEFAULT_NOVELS)
    parser.add_argument("--quick", action="store_true", help="skip the run over all novels")
    args = parser.parse_args()
    one = str(args.novels / ONE_NOVEL)
    novels = sorted(str(p) for p in args.novels.glob("*.txt"))
    python = sys.executable
    stylecheck = [python, "-m", "stylecheck", "check", "--format", "json"]
    plan = [
        ("Harper alone, 1 novel", [python, "-c", HARPER_ALONE, one]),
        ("proselint alone, 1 novel", [python, "-c", PROSELINT_ALONE, one]),
        ("stylecheck check, 1 novel", [*stylecheck, one]),
    ]
    if not args.quick:
        plan += [
            ("Harper alone, all novels", [python, "-c", HARPER_ALONE, *novels]),
            ("proselint alone, all novels", [python, "-c", PROSELINT_ALONE, *novels]),
            ("stylecheck check, all novels", [*stylecheck, *novels]),
        ]
    print(f"# {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}; {len(novels)} novels in {args.novels}")
    print(f"{'run':<34} {'seconds':>8} {'peak MB':>8}")
    results: dict[str, Measured] = {}
    for label, argv in plan:
        result = measure(label, argv)
        results[label] = result
        print(f"{label:<34} {result.seconds:>8.1f} {result.peak_mb:>8.0f}", flush=True)
    _ratios(results)
    return 0


def _ratios(results: dict[str, Measured]) -> None:
    one = results["stylecheck check, 1 novel"].seconds / results["Harper alone, 1 novel"].seconds
    print(f"stylecheck / Harper alone, 1 novel: {one:.2f}x (target: at most 0.6x)")
    if "stylecheck check, all novels" not in results:
        return
    cores = os.cpu_count() or 1
    engines = (
        results["Harper alone, all novels"].seconds + results["proselint alone, all novels"].seconds
    ) / cores
    ratio = results["stylecheck check, all novels"].seconds / engines
    print(
        f"stylecheck / ((Harper + proselint) / {cores} cores), all novels: {ratio:.2f}x "
        "(target: at most 1.2x)"
    )
    peak = results["stylecheck check, all novels"].peak_mb
    print(f"peak memory, all novels: {peak:.0f} MB (target: under 500 MB)")


if __name__ == "__main__":
    raise SystemExit(main())
