"""Data-rule packs: one pack per folder of `rules/`, one rule per YAML file in it.

`rules/words/confused.yml` becomes the rule `words.confused` of the pack `words`. The shipped
folder sits at the top of the repository and is packaged as `stylecheck/_shipped_rules`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from stylecheck.diagnostics import Violation
from stylecheck.document import Document
from stylecheck.kinds import DataRule, load_rule_file
from stylecheck.kinds.common import read_word_list
from stylecheck.rules import CheckContext, Rule


class WordListError(ValueError):
    """A shipped word list is missing or malformed."""


def shipped_rules_dir() -> Path:
    """Return the shipped `rules/` folder: inside the installed package, or in the checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_shipped_rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "rules"


@functools.cache
def word_list(pack: str, name: str) -> frozenset[str]:
    """Return the entries of the shipped word list `rules/<pack>/<name>.txt`.

    One entry per line (a word or a phrase), lower case, sorted; `#` starts a comment line.
    The test suite checks every list is sorted and free of duplicates.
    """
    path = shipped_rules_dir() / pack / f"{name}.txt"
    try:
        return frozenset(read_word_list(path))
    except (OSError, UnicodeDecodeError) as err:
        raise WordListError(f"{path}: cannot read the word list ({err})") from None


class DataPack:
    """The data rules of one folder."""

    def __init__(self, name: str, rules: Sequence[DataRule]) -> None:
        self.name = name
        self._rules = tuple(rules)

    def rules(self) -> list[Rule]:
        """Return the metadata of every rule file in the folder."""
        return [data_rule.rule for data_rule in self._rules]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Run every enabled rule of the folder."""
        for data_rule in self._rules:
            if context.is_enabled(data_rule.rule.id):
                yield from data_rule.check(document, context)


def load_packs(folder: Path) -> list[DataPack]:
    """Load one pack per subfolder of `folder` that holds rule files, in name order."""
    packs = []
    for pack_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        files = sorted(pack_dir.glob("*.yml"))
        if files:
            packs.append(DataPack(pack_dir.name, [load_rule_file(f, pack_dir.name) for f in files]))
    return packs


@functools.cache
def shipped_packs() -> tuple[DataPack, ...]:
    """Return the shipped data-rule packs (loaded once per process; they hold no run state)."""
    return tuple(load_packs(shipped_rules_dir()))
