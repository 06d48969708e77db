"""Data-rule packs: one pack per folder of `rules/`, one rule per YAML file in it.

`rules/words/confused.yml` becomes the rule `words.confused` of the pack `words`. The shipped
folder sits at the top of the repository and is packaged as `stylecheck/_shipped_rules`. A
writer's own folders (config `rules-dirs`) have the same layout and go through the same loader.

Packs that share a name become one pack (`merge_packs`): the Python rules of the `words` pack,
the shipped `rules/words/*.yml` and a writer's `words/*.yml` are all rules of `words`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from stylecheck.config import Config, ConfigError
from stylecheck.diagnostics import Violation
from stylecheck.document import Document
from stylecheck.kinds import DataRule, DataRuleError, load_rule_file
from stylecheck.kinds.common import read_word_list
from stylecheck.rules import CheckContext, DuplicateRuleError, Pack, Rule


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


class MergedPack:
    """Packs of one name acting as one: the union of their rules, each part checking its own."""

    def __init__(self, name: str, parts: Sequence[Pack]) -> None:
        self.name = name
        self.parts = tuple(parts)
        self._rules = [rule for part in self.parts for rule in part.rules()]
        seen: set[str] = set()
        for rule in self._rules:
            if rule.id in seen:
                raise DuplicateRuleError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)

    def rules(self) -> list[Rule]:
        """Return the rules of every part."""
        return list(self._rules)

    def check(self, document: Document, context: CheckContext) -> Iterator[Violation]:
        """Run every part over the document."""
        for part in self.parts:
            yield from part.check(document, context)


# The pack of stylecheck's own findings about suppression comments (engine.build_registry).
RESERVED_PACK = "stylecheck"


def merge_packs(packs: Iterable[Pack]) -> list[Pack]:
    """Return `packs` with those sharing a name merged into one, at the first one's place.

    Raises DuplicateRuleError when two of them declare the same rule id, or when a pack whose
    rules are made at run time (LanguageTool's) would be merged: its ids are not known up front.
    """
    groups: dict[str, list[Pack]] = {}
    for pack in packs:
        parts = pack.parts if isinstance(pack, MergedPack) else (pack,)
        groups.setdefault(pack.name, []).extend(parts)
    merged: list[Pack] = []
    for name, parts in groups.items():
        if len(parts) == 1:
            merged.append(parts[0])
            continue
        if any(hasattr(part, "make_rule") for part in parts):
            raise DuplicateRuleError(f"the {name!r} pack cannot take more rules")
        merged.append(MergedPack(name, parts))
    return merged


def with_rule_folders(packs: Sequence[Pack], configs: Iterable[Config]) -> list[Pack]:
    """Return `packs` merged with the data packs of every config's `rules-dirs`.

    A folder named by several configs is loaded once. A missing folder, a malformed rule file
    or a rule id that already exists is a ConfigError (the run stops, exit 2).
    """
    result = merge_packs(packs)
    loaded: set[Path] = set()
    for config in configs:
        where = f"{config.path or 'configuration'}: rules-dirs"
        for entry in config.rules_dirs:
            folder = (config.root / entry).resolve()
            if folder in loaded:
                continue
            loaded.add(folder)
            if not folder.is_dir():
                raise ConfigError(f"{where}: no folder {entry!r} ({folder})")
            try:
                found = load_packs(folder)
                if any(pack.name == RESERVED_PACK for pack in found):
                    raise DuplicateRuleError(f"the {RESERVED_PACK!r} pack name is reserved")
                result = merge_packs([*result, *found])
            except DataRuleError as err:
                raise ConfigError(str(err)) from None
            except DuplicateRuleError as err:
                raise ConfigError(f"{where}: {entry!r}: {err}") from None
            # Pointing at a pack folder itself (`rules/words`) would otherwise load nothing.
            if not found:
                raise ConfigError(f"{where}: {entry!r} holds no <pack>/<name>.yml rule files")
    return result
