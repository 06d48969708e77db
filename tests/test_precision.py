"""Precision on published fiction: default rules stay quiet on 18 edited novels (slow)."""

from __future__ import annotations

import sys

import pytest
from conftest import NOVELS, ROOT, require_shared

from stylecheck.diagnostics import Severity
from stylecheck.engine import build_registry, default_packs

sys.path.insert(0, str(ROOT / "bench"))
from precision import Measurement, measure

pytestmark = pytest.mark.slow

# Per 10,000 words. Long sentences are a note about period style (Austen, Melville); every
# other default rule must be rare on professionally edited prose, and errors rarer still.
LONG_SENTENCE_BUDGET = 30.0
RULE_BUDGET = 1.0
ERROR_BUDGET = 0.25


@pytest.fixture(scope="module")
def corpus() -> Measurement:
    return measure(sorted(require_shared(NOVELS).glob("*.txt")))


def test_corpus_is_the_whole_set(corpus: Measurement) -> None:
    assert len(corpus.books) == 18 and corpus.words > 2_000_000


def test_every_default_rule_is_quiet_on_published_fiction(corpus: Measurement) -> None:
    noisy = {
        rule_id: round(corpus.per_10k(rule_id), 2)
        for rule_id in corpus.findings
        if rule_id != "readability.long-sentence" and corpus.per_10k(rule_id) > RULE_BUDGET
    }
    assert noisy == {}
    assert corpus.per_10k("readability.long-sentence") <= LONG_SENTENCE_BUDGET


def test_errors_are_rarest(corpus: Measurement) -> None:
    registry = build_registry(default_packs())
    errors = sum(
        count
        for rule_id, count in corpus.findings.items()
        if registry.get(rule_id).severity is Severity.ERROR
    )
    assert 10_000 * errors / corpus.words <= ERROR_BUDGET
