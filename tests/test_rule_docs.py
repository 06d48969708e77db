"""Every rule's documented examples run: the flagged one triggers it, the corrected one doesn't."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from stylecheck.config import Config, ConfigFinder
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.ruledocs import README_END, README_START, render_markdown, render_table

REGISTRY = build_registry(default_packs())
RULES = sorted(REGISTRY.rules)


class _FixedConfig(ConfigFinder):
    """Ignore any config on disk: examples run with every default option."""

    def for_path(self, path: Path) -> Config:
        return Config()


def _rule_ids_found(rule_id: str, text: str) -> list[str]:
    engine = Engine(REGISTRY, _FixedConfig(), cli_select=(rule_id,))
    result = engine.check_source(Source("example.md", Path("example.md"), text.encode()))
    assert result.error is None
    return [f.rule_id for f in result.findings]


@pytest.mark.parametrize("rule_id", RULES)
def test_flagged_example_triggers_the_rule(rule_id: str) -> None:
    assert rule_id in _rule_ids_found(rule_id, REGISTRY.get(rule_id).doc.bad)


@pytest.mark.parametrize("rule_id", RULES)
def test_corrected_example_does_not(rule_id: str) -> None:
    assert rule_id not in _rule_ids_found(rule_id, REGISTRY.get(rule_id).doc.good)


@pytest.mark.parametrize("rule_id", RULES)
def test_docs_are_complete(rule_id: str) -> None:
    doc = REGISTRY.get(rule_id).doc
    for field in ("summary", "flags", "why", "bad", "good", "ignore_when", "source"):
        assert getattr(doc, field).strip(), f"{rule_id}: empty {field}"
    assert doc.bad != doc.good


def test_generated_docs_are_up_to_date() -> None:
    rules = list(REGISTRY.rules.values())
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert reference == render_markdown(rules), "run `python -m stylecheck.ruledocs`"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(README_START) + len(README_START) : readme.index(README_END)]
    assert table.strip() == render_table(rules).strip(), "run `python -m stylecheck.ruledocs`"
