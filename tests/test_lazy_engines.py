"""Engines are imported only when a run has work for them: Harper, proselint, LanguageTool.

Listing the rules needs no engine: proselint's check paths come from the docs file, and
Harper's rule descriptions from a file cached per user on the first run (see
`stylecheck.packs.harper.harper_descriptions`), which the fixture below makes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ENGINES = ("harper", "proselint", "language_tool_python")

# Runs the command line in a fresh interpreter and prints which engine modules it imported.
PROBE = """
import json, sys
from stylecheck.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit_:
    code = exit_.code
engines = sorted({name.split(".")[0] for name in sys.modules} & set(ENGINES))
print(json.dumps({"code": code, "engines": engines}))
"""


@pytest.fixture(scope="module", autouse=True)
def harper_descriptions_cached() -> None:
    # The first run on a machine asks Harper for its rule descriptions and caches them.
    subprocess.run([sys.executable, "-m", "stylecheck", "rules"], capture_output=True, check=True)


def imported_engines(argv: list[str], cwd: Path) -> list[str]:
    probe = f"ENGINES = {ENGINES!r}\n{PROBE}"
    result = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=cwd, check=True
    )
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["code"] in (0, 1), result.stderr  # ran and finished: no usage error
    return outcome["engines"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--version"], []),
        (["check", "--select", "words,dialogue,typography", "a.md"], []),
        (["check", "--select", "proselint", "a.md"], ["proselint"]),
        (["check", "--select", "harper", "a.md"], ["harper"]),
        (["report", "--no-lint", "a.md"], []),
    ],
)
def test_engines_are_imported_only_for_work(tmp_path: Path, argv, expected) -> None:
    (tmp_path / "a.md").write_text("He chocked back tears and and left.\n", encoding="utf-8")
    assert imported_engines(argv, tmp_path) == expected
