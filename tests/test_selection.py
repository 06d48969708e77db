"""Selection: select/ignore by pack, prefix or id; severities and options from config."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import DOC, WordPack

from stylecheck.config import Config, ConfigError, RuleSettings
from stylecheck.diagnostics import Severity
from stylecheck.engine import build_registry
from stylecheck.rules import DuplicateRuleError, Registry, Rule
from stylecheck.selection import resolve

REGISTRY = build_registry([WordPack()])
ALL_ON = {"fake.word", "fake.group.one", "fake.group.two", "stylecheck.invalid-suppression"}


def enabled(config: Config | None = None, cli_select=None, cli_ignore=()) -> set[str]:
    config = config or Config()
    return set(resolve(REGISTRY, config, cli_select, cli_ignore).enabled)


def test_defaults_enable_every_default_rule() -> None:
    assert enabled() == ALL_ON


def test_select_is_a_whitelist() -> None:
    assert enabled(Config(select=("fake.group",))) == {"fake.group.one", "fake.group.two"}


def test_most_specific_selector_wins() -> None:
    config = Config(select=("fake.group.one",), ignore=("fake",))
    assert enabled(config) == {"fake.group.one"}
    config = Config(select=("fake",), ignore=("fake.group",))
    assert enabled(config) == {"fake.word"}


def test_ignore_wins_a_tie() -> None:
    assert enabled(Config(select=("fake.word",), ignore=("fake.word",))) == set()


def test_default_off_rule_needs_a_specific_selector() -> None:
    assert "fake.off" not in enabled(Config(select=("fake",)))
    assert "fake.off" in enabled(Config(select=("fake.off",)))


def test_cli_select_replaces_config_select_and_cli_ignore_adds() -> None:
    config = Config(select=("fake.word",), ignore=("fake.group.two",))
    assert enabled(config, cli_select=("fake.group",)) == {"fake.group.one"}
    assert enabled(Config(), cli_ignore=("fake.group", "stylecheck")) == {"fake.word"}


def test_unknown_selector_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(
        ConfigError, match=r"unknown rule or pack 'fake.wrod'; did you mean 'fake.word'"
    ):
        resolve(REGISTRY, Config(select=("fake.wrod",)))
    with pytest.raises(ConfigError, match="--select/--ignore: unknown rule or pack 'nope'"):
        resolve(REGISTRY, Config(), ("nope",))


def test_severity_most_specific_wins() -> None:
    config = Config(
        rules={
            "fake": RuleSettings(Severity.NOTE),
            "fake.group.two": RuleSettings(Severity.WARNING),
        }
    )
    severities = resolve(REGISTRY, config).severities
    assert severities["fake.word"] is Severity.NOTE
    assert severities["fake.group.two"] is Severity.WARNING
    assert severities["stylecheck.invalid-suppression"] is Severity.WARNING


def test_options_are_validated() -> None:
    good = Config(rules={"fake.word": RuleSettings(None, {"word": "dire"})})
    assert resolve(REGISTRY, good).options == {"fake.word": {"word": "dire"}}
    with pytest.raises(
        ConfigError, match=r"rules.fake.word.wrd: unknown option; did you mean 'word'"
    ):
        resolve(REGISTRY, Config(rules={"fake.word": RuleSettings(None, {"wrd": "x"})}))
    with pytest.raises(ConfigError, match="expected str, got int"):
        resolve(REGISTRY, Config(rules={"fake.word": RuleSettings(None, {"word": 3})}))
    with pytest.raises(ConfigError, match="options need a full rule id"):
        resolve(REGISTRY, Config(rules={"fake": RuleSettings(None, {"word": "x"})}))


def test_per_file_ignores(tmp_path: Path) -> None:
    config = Config(root=tmp_path, per_file_ignores={"drafts/*.md": ("fake.group",)})
    selection = resolve(REGISTRY, config)
    assert "fake.group.one" not in selection.enabled_for(tmp_path / "drafts" / "a.md")
    assert "fake.group.one" in selection.enabled_for(tmp_path / "final" / "a.md")


def test_registry_rejects_duplicate_packs_and_ids() -> None:
    with pytest.raises(DuplicateRuleError, match=r"duplicate pack name 'fake'"):
        Registry([WordPack(), WordPack()])
    with pytest.raises(DuplicateRuleError, match=r"duplicate rule id 'fake\.word'"):
        Registry([_DoubleRule()])


def test_registry_rejects_ids_outside_the_pack() -> None:
    class Other(WordPack):
        name = "other"

    with pytest.raises(ValueError, match=r"rule id 'fake\.word' is not '<other>\.<name>'"):
        Registry([Other()])


class _DoubleRule(WordPack):
    def rules(self):
        rule = super().rules()[0]
        return [rule, rule]


class _OpenPack:
    """Pack `open`: reports rule ids invented at run time, as LanguageTool does."""

    name = "open"

    def rules(self):
        return []

    def make_rule(self, rule_id: str) -> Rule:
        return Rule(rule_id, Severity.ERROR, DOC)

    def check(self, document, context):
        return []


def test_open_pack_ids_are_valid_selectors_and_on_unless_ignored(tmp_path: Path) -> None:
    registry = build_registry([WordPack(), _OpenPack()])
    config = Config(ignore=("open.NOISY",), rules={"open": RuleSettings(Severity.NOTE)})
    selection = resolve(registry, config)
    enabled = selection.enabled_for(tmp_path / "a.md")
    assert "open.SPELLING_RULE" in enabled and "open.NOISY" not in enabled
    assert "fake.word" in enabled and "nope.word" not in enabled
    assert selection.severity_of(registry.get("open.SPELLING_RULE")) is Severity.NOTE
    only_fake = resolve(registry, Config(select=("fake",))).enabled_for(tmp_path / "a.md")
    assert "open.SPELLING_RULE" not in only_fake
    with pytest.raises(KeyError):
        registry.get("nope.word")
