"""Data rules: YAML files in `rules/<pack>/<name>.yml`, each of one kind from a closed set.

A rule file names its `kind`; the kind's module validates the rest strictly (an unknown or
missing key is an error naming the file, line and key) and checks documents. The shipped
`rules/` folder and a writer's own folders go through this same loader.

Common keys, for every kind: `kind`, `severity` (error, warning or note), `default` ("on" or
"off"), `dialogue` (true: text inside quotation marks is checked too), and the documentation:
`summary`, `why`, `bad`, `good`, `ignore_when`, `source`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

import yaml

from stylecheck.diagnostics import Severity, Violation
from stylecheck.document import Document
from stylecheck.kinds import existence, substitution
from stylecheck.kinds.common import Common
from stylecheck.kinds.schema import DataRuleError, Node, check_keys
from stylecheck.rules import CheckContext, Rule

COMMON_REQUIRED = frozenset({"kind", "severity", "summary", "why", "bad", "good", "source"})
COMMON_OPTIONAL = frozenset({"default", "dialogue", "ignore_when"})


class DataRule(Protocol):
    """A loaded data rule: its metadata and its check."""

    rule: Rule

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Return the rule's violations in prose coordinates."""
        ...


# kind name -> (its own required keys, its optional keys, a builder of the loaded rule).
KindParser = Callable[[Common, Node, Path], DataRule]
KINDS: Mapping[str, tuple[frozenset[str], frozenset[str], KindParser]] = {
    "existence": (existence.KEYS, existence.OPTIONAL, existence.parse),
    "substitution": (substitution.KEYS, substitution.OPTIONAL, substitution.parse),
}


def load_rule_file(path: Path, pack: str) -> DataRule:
    """Load and validate one rule file; its id is `<pack>.<file stem>`."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise DataRuleError(f"{path}: cannot read the rule file ({err})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(err, "problem", err)
        raise DataRuleError(f"{path}{line}: not valid YAML ({problem})") from None
    if not isinstance(root, yaml.MappingNode):
        raise DataRuleError(f"{path}:1: expected a mapping of rule settings")
    node = Node(root, path)
    kind_name = node.text("kind") if node.has("kind") else ""
    if kind_name not in KINDS:
        where = node.where("kind") if node.has("kind") else f"{path}:1"
        raise DataRuleError(f"{where}: key 'kind' must be one of {sorted(KINDS)}")
    required, optional, parse = KINDS[kind_name]
    check_keys(node, COMMON_REQUIRED | required, COMMON_OPTIONAL | optional)
    return parse(_common(node, f"{pack}.{path.stem}"), node, path)


def _common(node: Node, rule_id: str) -> Common:
    """Validate the keys every kind shares."""
    try:
        severity = Severity.parse(node.text("severity"))
    except ValueError:
        raise DataRuleError(
            f"{node.where('severity')}: key 'severity' must be error, warning or note"
        ) from None
    default = node.text("default") if node.has("default") else "on"
    if default not in ("on", "off"):
        raise DataRuleError(f'{node.where("default")}: key \'default\' must be "on" or "off"')
    dialogue = node.boolean("dialogue", default=True)
    return Common(
        rule_id=rule_id,
        severity=severity,
        enabled_by_default=default == "on",
        checks_dialogue=dialogue,
        summary=node.text("summary"),
        why=node.text("why"),
        bad=node.text("bad"),
        good=node.text("good"),
        ignore_when=node.text("ignore_when") if node.has("ignore_when") else "",
        source=node.text("source"),
    )


__all__ = ["Common", "DataRule", "DataRuleError", "load_rule_file"]
