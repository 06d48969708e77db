"""Strict reading of YAML rule files: every error names the file, line and key.

The files are composed (not loaded) with PyYAML so that each value keeps its line number.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from stylecheck.config import suggest


class DataRuleError(ValueError):
    """A rule file is malformed; the message is `file:line: problem`, naming the key."""


class Node:
    """A YAML mapping from a rule file, with its keys' line numbers."""

    def __init__(self, node: yaml.MappingNode, path: Path) -> None:
        self.node = node
        self.path = path
        self.items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in self.items:
                raise DataRuleError(f"{path}:{key.start_mark.line + 1}: key '{name}' repeated")
            self.items[name] = (key, value)

    @property
    def line(self) -> int:
        """Return the 1-based line where the mapping starts."""
        return self.node.start_mark.line + 1

    def has(self, key: str) -> bool:
        """Tell whether the mapping has `key`."""
        return key in self.items

    def value(self, key: str) -> yaml.Node:
        """Return the value node of `key` (the key must exist)."""
        return self.items[key][1]

    def where(self, key: str) -> str:
        """Return `file:line` of `key`."""
        return f"{self.path}:{self.items[key][0].start_mark.line + 1}"

    def text(self, key: str) -> str:
        """Return the non-empty text value of `key`."""
        try:
            return _text_of(self.value(key), key)
        except DataRuleError as err:
            raise DataRuleError(f"{self.where(key)}: {err}") from None

    def boolean(self, key: str, *, default: bool) -> bool:
        """Return the true/false value of `key`, or `default` when it is absent."""
        if not self.has(key):
            return default
        value = self.value(key)
        if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":bool"):
            return value.value.lower() == "true"
        raise DataRuleError(f"{self.where(key)}: key '{key}' must be true or false")

    def strings(self, key: str) -> list[str]:
        """Return the value of `key` as a non-empty list of non-empty texts."""
        value = self.value(key)
        if not isinstance(value, yaml.SequenceNode) or not value.value:
            raise DataRuleError(f"{self.where(key)}: key '{key}' must be a non-empty list")
        texts = []
        for item in value.value:
            try:
                texts.append(_text_of(item, key))
            except DataRuleError:
                line = item.start_mark.line + 1
                raise DataRuleError(
                    f"{self.path}:{line}: each item of '{key}' must be non-empty text"
                ) from None
        return texts

    def mappings(self, key: str) -> list[Node]:
        """Return the value of `key` as a non-empty list of mappings."""
        value = self.value(key)
        if not isinstance(value, yaml.SequenceNode) or not value.value:
            raise DataRuleError(f"{self.where(key)}: key '{key}' must be a non-empty list")
        items = []
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                line = item.start_mark.line + 1
                raise DataRuleError(f"{self.path}:{line}: each item of '{key}' must be a mapping")
            items.append(Node(item, self.path))
        return items


def _text_of(value: yaml.Node, key: str) -> str:
    """Return a scalar node's text; it must not be empty or a list or mapping."""
    if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
        raise DataRuleError(f"key '{key}' must be non-empty text")
    return str(value.value).strip()


def check_keys(node: Node, required: frozenset[str], optional: frozenset[str]) -> None:
    """Reject unknown keys (suggesting the nearest) and report the first missing one."""
    known = required | optional
    for name in node.items:
        if name not in known:
            hint = suggest(name, known)
            raise DataRuleError(f"{node.where(name)}: unknown key '{name}'{hint}")
    missing = sorted(required - set(node.items))
    if missing:
        raise DataRuleError(f"{node.path}:{node.line}: missing key '{missing[0]}'")
