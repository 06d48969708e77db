"""Rules, packs and the per-run registry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from stylecheck.diagnostics import Severity, Violation
from stylecheck.document import Document
from stylecheck.vocabulary import Vocabulary

RULE_ID = re.compile(r"^[a-z][a-z0-9_-]*(\.[A-Za-z0-9_-]+)+$")


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation; `bad` must trigger the rule and `good` must not (tested)."""

    summary: str
    flags: str
    why: str
    bad: str
    good: str
    ignore_when: str
    source: str
    # TOML settings (as in .stylecheck.toml) the examples need, e.g. a reject-words list.
    config: str = ""


@dataclass(frozen=True)
class Option:
    """A configurable rule option with its type and default."""

    name: str
    default: int | float | bool | str | tuple[str, ...]
    help: str

    def validate(self, value: object) -> object:
        """Return `value` converted to this option's type, or raise ValueError."""
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if expected is tuple:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return tuple(value)
            raise ValueError("expected a list of strings")
        if type(value) is not expected:
            raise ValueError(f"expected {expected.__name__}, got {type(value).__name__}")
        return value


@dataclass(frozen=True)
class Rule:
    """A rule's metadata; packs do the checking."""

    id: str
    severity: Severity
    doc: RuleDoc
    options: tuple[Option, ...] = ()
    enabled_by_default: bool = True
    # Flags a word's spelling: the vocabulary (accept lists, learned names) silences it.
    spelling: bool = False
    # What problem the rule flags; when rules of two packs flag the same topic at overlapping
    # places, only the most specific finding is kept (see engine.drop_overlaps).
    topic: str | None = None

    @property
    def pack(self) -> str:
        """Return the pack name, the first dotted part of the id."""
        return self.id.split(".", 1)[0]

    def option(self, name: str) -> Option | None:
        """Return the option called `name`, if the rule has one."""
        return next((o for o in self.options if o.name == name), None)


@dataclass
class CheckContext:
    """What a pack needs to check one document: which rules run, with which options."""

    enabled: frozenset[str]
    options: Mapping[str, Mapping[str, object]]
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    language: str = "en-US"
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def is_enabled(self, rule_id: str) -> bool:
        """Tell whether the rule runs on this document."""
        return rule_id in self.enabled

    def option(self, rule: Rule, name: str) -> object:
        """Return the configured value of a rule option, or its default."""
        value = self.options.get(rule.id, {}).get(name)
        if value is not None:
            return value
        opt = rule.option(name)
        if opt is None:
            raise KeyError(f"{rule.id} has no option {name!r}")
        return opt.default


class Pack(Protocol):
    """A named provider of rules. Every source of findings is a pack."""

    name: str

    def rules(self) -> Sequence[Rule]:
        """Return every rule this pack can report, enabled or not."""
        ...

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Return violations (in prose coordinates) for the enabled rules."""
        ...


class DuplicateRuleError(ValueError):
    """Two packs (or one pack twice) declared the same rule id."""


class Registry:
    """The rules of one run, built from explicit packs; rejects duplicate ids."""

    def __init__(self, packs: Iterable[Pack]) -> None:
        self.packs: tuple[Pack, ...] = tuple(packs)
        self.rules: dict[str, Rule] = {}
        self.rule_ids_by_pack: dict[str, frozenset[str]] = {}
        for pack in self.packs:
            if pack.name in self.rule_ids_by_pack:
                raise DuplicateRuleError(f"duplicate pack name {pack.name!r}")
            pack_rules = pack.rules()
            self.rule_ids_by_pack[pack.name] = frozenset(rule.id for rule in pack_rules)
            for rule in pack_rules:
                if not RULE_ID.match(rule.id) or rule.pack != pack.name:
                    raise ValueError(f"rule id {rule.id!r} is not '<{pack.name}>.<name>'")
                if rule.id in self.rules:
                    raise DuplicateRuleError(f"duplicate rule id {rule.id!r}")
                self.rules[rule.id] = rule

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self.rules

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id."""
        return self.rules[rule_id]

    def selector_matches(self, selector: str) -> list[str]:
        """Return the ids a selector (pack, dotted prefix or id) names."""
        return [rid for rid in self.rules if rid == selector or rid.startswith(selector + ".")]
