"""Rules, packs and the per-run registry."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from stylecheck.config import Config
from stylecheck.diagnostics import Severity, Violation
from stylecheck.document import Document, Paragraph
from stylecheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from stylecheck.parallel import ParagraphWork

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


def dialogue_policy(checked: bool) -> str:
    """Return the sentence a rule's docs use to say whether dialogue is checked."""
    return "Dialogue is checked too." if checked else "Dialogue is not checked."


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


@dataclass(frozen=True)
class ParagraphTask:
    """One paragraph's work for a pack: `function(*args)`, its violations relative to the
    paragraph's start.

    The function is module-level and the arguments plain data, so that the task can be sent
    to a worker process.
    """

    function: Callable[..., list[Violation]]
    args: tuple[object, ...]
    size: int  # characters of text, to balance the workers' batches

    def run(self) -> list[Violation]:
        """Do the work here."""
        return self.function(*self.args)


@dataclass
class CheckContext:
    """What a pack needs to check one document: which rules run, with which options."""

    enabled: Container[str]
    options: Mapping[str, Mapping[str, object]]
    metrics: dict[str, dict[str, float]] = field(default_factory=dict)
    language: str = "en-US"
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    config: Config = field(default_factory=Config)  # engine settings, e.g. config.languagetool
    # Set by the engine for each pack: the cache and worker processes; see `per_paragraph`.
    paragraph_work: ParagraphWork | None = None

    def per_paragraph(
        self, document: Document, paragraph: Paragraph, task: ParagraphTask
    ) -> list[Violation]:
        """Return the violations of one paragraph (in prose offsets) that `task` finds.

        For packs whose findings in a paragraph depend only on that paragraph's text and on
        which of its words are in dialogue (Harper). The engine may answer from the result
        cache, so an edited document re-checks only its edited paragraphs, or from a worker
        process that ran the task earlier (`--jobs`).
        """
        work = self.paragraph_work
        found = task.run() if work is None else work.violations(document, paragraph, task)
        return [violation.shifted(paragraph.span.start) for violation in found]

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


def has_paragraph_tasks(pack: Pack) -> bool:
    """Tell whether a pack checks paragraphs through `CheckContext.per_paragraph` only, so that
    worker processes may do its work ahead of time (it says so with `paragraph_tasks = True`)."""
    return bool(getattr(pack, "paragraph_tasks", False))


class OpenPack(Pack, Protocol):
    """A pack whose rule ids are only known at run time (LanguageTool's come from its server).

    Any id under the pack's name is valid; the pack makes its Rule when it is first needed.
    """

    def make_rule(self, rule_id: str) -> Rule:
        """Return the rule for an id this pack reported."""
        ...


class PackUnavailable(Exception):
    """A configured engine cannot be used (a dead server, Java missing); the run stops, exit 2.

    The message is one sentence for the user, saying what failed and how to fix it.
    """


class DuplicateRuleError(ValueError):
    """Two packs (or one pack twice) declared the same rule id."""


class Registry:
    """The rules of one run, built from explicit packs; rejects duplicate ids."""

    def __init__(self, packs: Iterable[Pack]) -> None:
        self.packs: tuple[Pack, ...] = tuple(packs)
        self.rules: dict[str, Rule] = {}
        self.rule_ids_by_pack: dict[str, frozenset[str]] = {}
        self.open_packs: dict[str, OpenPack] = {}
        self._made: dict[str, Rule] = {}
        for pack in self.packs:
            if pack.name in self.rule_ids_by_pack:
                raise DuplicateRuleError(f"duplicate pack name {pack.name!r}")
            if hasattr(pack, "make_rule"):
                self.open_packs[pack.name] = pack  # type: ignore[assignment]
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

    def is_open(self, rule_id: str) -> bool:
        """Tell whether an id (or selector) falls under a pack whose rules are made at run time."""
        return rule_id.split(".", 1)[0] in self.open_packs

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id, asking an open pack to make it if need be."""
        if rule_id in self.rules:
            return self.rules[rule_id]
        if rule_id not in self._made:
            if not self.is_open(rule_id) or not RULE_ID.match(rule_id):
                raise KeyError(rule_id)
            self._made[rule_id] = self.open_packs[rule_id.split(".", 1)[0]].make_rule(rule_id)
        return self._made[rule_id]
