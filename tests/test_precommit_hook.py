"""The pre-commit hook, installed from this repository into a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

BAD = "# Notes\n\nIt was a very unique plan, and she knew it.\n"
GOOD = "# Notes\n\nIt was an odd plan, and she knew it.\n"


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Return a git repository with one bad and one clean chapter, and the hook environment."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("manuscript")
    env = dict(os.environ)
    # Keep pre-commit's environments out of the user's cache, and git quiet and identity-free.
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t")
    env["GIT_COMMITTER_EMAIL"] = "t@e"
    _run(["git", "init", "-q"], repo, env)
    (repo / "bad.md").write_text(BAD, encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    _run(["git", "add", "."], repo, env)
    return repo, env


def _try_repo(sandbox: tuple[Path, dict[str, str]], name: str) -> subprocess.CompletedProcess[str]:
    repo, env = sandbox
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "stylecheck"]
    return _run([*command, "--files", name], repo, env)


def test_hook_fails_on_a_manuscript_with_findings(sandbox: tuple[Path, dict[str, str]]) -> None:
    result = _try_repo(sandbox, "bad.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "bad.md:3:10: warning:" in output
    assert "[proselint.uncomparables]" in output


def test_hook_passes_on_a_clean_manuscript(sandbox: tuple[Path, dict[str, str]]) -> None:
    result = _try_repo(sandbox, "good.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_the_hook_gets_every_staged_file_in_one_process() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # Names are learned across the manuscript, and stylecheck runs its own workers (--jobs).
    assert hook["require_serial"] is True
