"""The `substitution` kind: a phrase that is wrong in this context, and what to write instead.

    kind: substitution
    fix: unsafe            # optional: how sure the replacement is (safe, unsafe or display)
    entries:
      - match: baited breath          # a regular expression, matched as whole words, any case
        replace: bated breath          # may use the match's groups: \\1, \\g<name>
        example: She waited with baited breath.   # optional; the tests run it
        note: "Bated" is "abated", held back.     # optional; added to the message

The context that makes a phrase safe to flag belongs in `match` ("chocked back", never a bare
"chocked"): a real word is flagged only where it cannot be right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stylecheck.diagnostics import Applicability, Edit, Fix, Span, Violation
from stylecheck.document import Document
from stylecheck.kinds.common import Common, folded, required_text, whole_words
from stylecheck.kinds.schema import DataRuleError, Node, check_keys
from stylecheck.rules import CheckContext, Rule

KEYS = frozenset({"entries"})
OPTIONAL = frozenset({"fix"})
ENTRY_REQUIRED = frozenset({"match", "replace"})
ENTRY_OPTIONAL = frozenset({"example", "note"})
_GROUP_REFERENCE = re.compile(r"\\(\d+)|\\g<(\w+)>")


@dataclass(frozen=True)
class Entry:
    """One wrong phrase and its replacement."""

    pattern: re.Pattern[str]
    replace: str
    example: str
    note: str
    required: str  # text every match contains, lower case (see `required_text`)

    def replacement(self, match: re.Match[str]) -> str:
        """Return the replacement for `match`, capitalised as the match was."""
        text = match.expand(self.replace)
        return text[:1].upper() + text[1:] if match[0][:1].isupper() else text


@dataclass(frozen=True)
class Substitution:
    """A substitution rule loaded from a file."""

    rule: Rule
    entries: tuple[Entry, ...]
    applicability: Applicability
    checks_dialogue: bool

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Yield a violation, with its replacement as a fix, for every entry's match."""
        searchable = folded(document.prose)
        for entry in self.entries:
            if entry.required not in searchable:
                continue
            for match in entry.pattern.finditer(document.prose):
                if not self.checks_dialogue and document.in_quotation(match.start()):
                    continue
                yield self._violation(entry, match)

    def _violation(self, entry: Entry, match: re.Match[str]) -> Violation:
        span = Span(match.start(), match.end())
        replacement = entry.replacement(match)
        message = f"'{match[0]}' should be '{replacement}'"
        if entry.note:
            message += f": {entry.note}"
        fix = Fix(f"Replace with '{replacement}'", (Edit(span, replacement),), self.applicability)
        return Violation(self.rule.id, span, message, (fix,))


def parse(common: Common, node: Node, path: Path) -> Substitution:
    """Build a substitution rule from a validated file."""
    fix = node.text("fix") if node.has("fix") else Applicability.UNSAFE.value
    try:
        applicability = Applicability(fix)
    except ValueError:
        raise DataRuleError(
            f"{node.where('fix')}: key 'fix' must be safe, unsafe or display"
        ) from None
    entries = tuple(_entry(item) for item in node.mappings("entries"))
    flags = (
        f"The {len(entries)} phrases listed in `{path.parent.name}/{path.name}`, each only in a "
        "context that shows it is wrong, with its replacement."
    )
    return Substitution(common.rule(flags), entries, applicability, common.checks_dialogue)


def _entry(node: Node) -> Entry:
    """Validate one entry: a compilable pattern and a replacement that uses only its groups."""
    check_keys(node, ENTRY_REQUIRED, ENTRY_OPTIONAL)
    source = node.text("match")
    try:
        pattern = whole_words(source)
    except re.error as err:
        raise DataRuleError(
            f"{node.where('match')}: key 'match' is not a valid pattern ({err})"
        ) from None
    replace = node.text("replace")
    for number, name in _GROUP_REFERENCE.findall(replace):
        if (number and int(number) > pattern.groups) or (name and name not in pattern.groupindex):
            raise DataRuleError(
                f"{node.where('replace')}: key 'replace' refers to a group 'match' lacks"
            )
    example = node.text("example") if node.has("example") else ""
    note = node.text("note") if node.has("note") else ""
    return Entry(pattern, replace, example, note, required_text(pattern))
