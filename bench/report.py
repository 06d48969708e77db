"""How long `stylecheck report` takes on the public-domain novels (run by hand, not a test).

    python bench/report.py [NOVELS_DIR] [--with-lint-on-all]

Runs the console script, as a writer would, and prints a table of wall times. The report's
own statistics are measured on all 18 novels (2.1 million words, as one manuscript) and on one
novel; the report with its lint pass is measured on one novel beside `stylecheck check` on the
same novel, so the table shows what the statistics add to a lint run. `--with-lint-on-all`
also runs the full report over all 18 novels (several minutes: Harper checks about 5,000
words a second).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_NOVELS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "novels"
ONE_NOVEL = "austen-pride.txt"


def timed(argv: list[str]) -> float:
    """Run `stylecheck ARGV` and return its wall time in seconds (any exit code but 2)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "stylecheck", *argv], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode == 2:
        raise SystemExit(f"stylecheck {' '.join(argv)} failed:\n{result.stderr}")
    return elapsed


def main() -> int:
    """Time the runs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="?", type=Path, default=DEFAULT_NOVELS)
    parser.add_argument("--with-lint-on-all", action="store_true")
    args = parser.parse_args()
    novels = sorted(str(p) for p in args.novels.glob("*.txt"))
    one = str(args.novels / ONE_NOVEL)
    with tempfile.TemporaryDirectory() as scratch:
        html = str(Path(scratch) / "report.html")
        runs = [
            ("report --no-lint, 18 novels, html", ["report", "--no-lint", *novels, "-o", html]),
            ("report --no-lint, 1 novel, html", ["report", "--no-lint", one, "-o", html]),
            ("report, 1 novel, html", ["report", one, "--format", "html", "-o", html]),
            ("check, 1 novel", ["check", one]),
        ]
        if args.with_lint_on_all:
            runs.append(("report, 18 novels, html", ["report", *novels, "-o", html]))
        timed(["report", "--no-lint", one, "-o", html])  # warm the CMU dictionary cache
        print(f"# stylecheck report on {platform.node()} ({platform.machine()}), {time.ctime()}")
        print(f"{'run':<40} {'seconds':>8}")
        results = {}
        for label, argv in runs:
            results[label] = timed(argv)
            print(f"{label:<40} {results[label]:>8.1f}", flush=True)
    ratio = results["report, 1 novel, html"] / results["check, 1 novel"]
    print(f"report / check on one novel: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
