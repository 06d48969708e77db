"""Every rule's documented examples run: the flagged one triggers it, the corrected one doesn't."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from stylecheck.config import Config, ConfigFinder, load_config
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.ruledocs import README_END, README_START, render_markdown, render_table

REGISTRY = build_registry(default_packs())
RULES = sorted(REGISTRY.rules)


def _config_for(rule_id: str, folder: Path) -> Config:
    settings = REGISTRY.get(rule_id).doc.config
    if not settings:
        return Config()
    path = folder / "stylecheck.toml"
    path.write_text(settings, encoding="utf-8")
    return load_config(path)


def _rule_ids_found(rule_id: str, text: str, folder: Path) -> list[str]:
    engine = Engine(
        REGISTRY, ConfigFinder.fixed(_config_for(rule_id, folder)), cli_select=(rule_id,)
    )
    result = engine.check_source(Source("example.md", Path("example.md"), text.encode()))
    assert result.error is None
    return [f.rule_id for f in result.findings]


@pytest.mark.parametrize("rule_id", RULES)
def test_flagged_example_triggers_the_rule(rule_id: str, tmp_path: Path) -> None:
    assert rule_id in _rule_ids_found(rule_id, REGISTRY.get(rule_id).doc.bad, tmp_path)


@pytest.mark.parametrize("rule_id", RULES)
def test_corrected_example_does_not(rule_id: str, tmp_path: Path) -> None:
    assert rule_id not in _rule_ids_found(rule_id, REGISTRY.get(rule_id).doc.good, tmp_path)


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
