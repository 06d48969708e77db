"""Shared fixtures: paths to the repository, the sample manuscript and ../shared."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NOVELS = SHARED / "corpus" / "novels"
SEEDS = ROOT / "seeds"

# Keep the test run's offline CMU dictionary out of the user's cache (subprocesses inherit it).
os.environ.setdefault("STYLECHECK_CACHE_DIR", tempfile.mkdtemp(prefix="stylecheck-test-cache-"))
# Tests replace packs and engines in-process, so a result one test cached must not answer for
# another: the result cache is off unless a test turns it on (tests/test_result_cache.py).
os.environ.setdefault("STYLECHECK_NO_CACHE", "1")


def require_shared(path: Path) -> Path:
    """Skip the test with a clear reason when ../shared is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is missing: ../shared must sit beside the checkout")
    return path


@pytest.fixture(autouse=True)
def _no_network_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt by NLTK to download data fail loudly in every test."""
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)


@pytest.fixture
def harper_paragraphs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the list of paragraph texts Harper checks from now on (filled as it runs)."""
    import stylecheck.packs.harper as harper_pack

    checked: list[str] = []
    original = harper_pack._check_paragraph

    def counting(text, speech, linter, entries):  # type: ignore[no-untyped-def]
        checked.append(text)
        return original(text, speech, linter, entries)

    monkeypatch.setattr(harper_pack, "_check_paragraph", counting)
    return checked
