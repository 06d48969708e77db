"""The `existence` kind: words or phrases to flag wherever they appear.

    kind: existence
    message: "'{match}' is a filter word"   # what a finding says; {match} is the text found
    entries: [noticed, could see]            # the words or phrases, listed here ...
    words: filter-words.txt                  # ... or in a word list beside this file

Give either `entries` or `words`. Every entry is literal text (not a pattern), matched as whole
words in any case; the words of a phrase may be separated by any white space, line breaks too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stylecheck.diagnostics import Span, Violation
from stylecheck.document import Document
from stylecheck.kinds.common import Common, phrase_pattern, read_word_list
from stylecheck.kinds.schema import DataRuleError, Node
from stylecheck.rules import CheckContext, Rule

KEYS = frozenset({"message"})
# Exactly one of the two is given (checked in `parse`).
OPTIONAL = frozenset({"entries", "words"})


@dataclass(frozen=True)
class Existence:
    """An existence rule loaded from a file."""

    rule: Rule
    pattern: re.Pattern[str]
    message: str
    checks_dialogue: bool

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Yield a violation for every listed word or phrase in the prose."""
        for match in self.pattern.finditer(document.prose):
            if not self.checks_dialogue and document.in_quotation(match.start()):
                continue
            span = Span(match.start(), match.end())
            yield Violation(self.rule.id, span, self.message.format(match=match[0]))


def parse(common: Common, node: Node, path: Path) -> Existence:
    """Build an existence rule from a validated file."""
    if node.has("entries") and node.has("words"):
        raise DataRuleError(f"{node.where('words')}: give key 'entries' or key 'words', not both")
    if not node.has("entries") and not node.has("words"):
        raise DataRuleError(f"{path}:{node.line}: missing key 'entries' (or 'words')")
    if node.has("entries"):
        entries = node.strings("entries")
        where = f"`{path.parent.name}/{path.name}`"
    else:
        entries = _listed_words(node, path)
        where = f"`{path.parent.name}/{node.text('words')}`"
    message = node.text("message")
    try:
        message.format(match="")
    except (KeyError, IndexError, ValueError):
        raise DataRuleError(
            f"{node.where('message')}: key 'message' may use only the placeholder {{match}}"
        ) from None
    flags = f"The {len(entries)} words or phrases listed in {where}, as whole words in any case."
    return Existence(common.rule(flags), phrase_pattern(entries), message, common.checks_dialogue)


def _listed_words(node: Node, path: Path) -> list[str]:
    """Read the word list named by `words`, a file in the rule file's folder."""
    name = node.text("words")
    list_path = path.parent / name
    if Path(name).name != name or list_path.suffix != ".txt":
        raise DataRuleError(
            f"{node.where('words')}: key 'words' must name a .txt file beside the rule file"
        )
    try:
        entries = read_word_list(list_path)
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise DataRuleError(
            f"{node.where('words')}: key 'words': cannot read {name} ({reason})"
        ) from None
    if not entries:
        raise DataRuleError(f"{node.where('words')}: key 'words': {name} lists no words")
    return list(entries)
