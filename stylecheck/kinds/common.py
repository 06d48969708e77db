"""What every data-rule kind shares: the common keys, whole-word matching, word-list files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stylecheck.diagnostics import Severity
from stylecheck.rules import Rule, RuleDoc, dialogue_policy


@dataclass(frozen=True)
class Common:
    """The keys every kind shares, validated."""

    rule_id: str
    severity: Severity
    enabled_by_default: bool
    checks_dialogue: bool
    summary: str
    why: str
    bad: str
    good: str
    ignore_when: str
    source: str

    def rule(self, flags: str) -> Rule:
        """Return the rule's metadata, with `flags` saying what the kind flags."""
        doc = RuleDoc(
            summary=self.summary,
            flags=f"{flags} {dialogue_policy(self.checks_dialogue)}",
            why=self.why,
            bad=self.bad,
            good=self.good,
            ignore_when=self.ignore_when or "The wording is deliberate.",
            source=self.source,
        )
        return Rule(self.rule_id, self.severity, doc, enabled_by_default=self.enabled_by_default)


# A match must be whole words: no letter, digit, apostrophe or hyphen glued on either side.
_BEFORE = r"(?<![\w'’-])"
_AFTER = r"(?![\w'’-])"


def whole_words(pattern: str) -> re.Pattern[str]:
    """Compile `pattern` to match whole words only, in any case (raises re.error)."""
    return re.compile(_BEFORE + f"(?:{pattern})" + _AFTER, re.IGNORECASE)


def required_text(pattern: re.Pattern[str]) -> str:
    """Return the longest run of ASCII text that every match of `pattern` contains, in lower
    case ("" when none is known): a document without it in `folded(prose)` cannot match.

    Scanning a novel with a pattern that starts with an alternation takes the regex engine
    tens of milliseconds; looking for a plain string first takes a fraction of one. Only the
    pattern's top-level sequence (and groups in it) is read: a literal under a repeat, a
    branch or a character class is not required and ends the run.
    """
    try:
        from re import _constants as op  # type: ignore[attr-defined]
        from re import _parser

        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (ImportError, AttributeError, re.error):  # another Python's internals: no shortcut
        return ""
    runs: list[str] = [""]

    def walk(items: Iterable[tuple[object, object]]) -> None:
        for code, value in items:
            if code is op.LITERAL and isinstance(value, int) and value < 128:
                runs[-1] += chr(value).lower()
            elif code is op.SUBPATTERN and isinstance(value, tuple):
                walk(value[-1])  # a group without a repeat is required as it stands
            else:
                runs.append("")

    walk(parsed)
    return max(runs, key=len)


# What an ASCII letter matches without regard to case besides itself (`re.IGNORECASE`):
# mapped before lower-casing so that `folded` keeps every possible match of `required_text`.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def folded(text: str) -> str:
    """Return `text` as `required_text` compares with it."""
    return text.translate(_CASE_TWINS).lower()


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Compile literal words and phrases into one whole-word pattern, in any case.

    The words of a phrase may be separated by any white space (a line break too); longer
    phrases are tried first, so "could see" wins over "see".
    """
    ordered = sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))
    return whole_words("|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered))


def read_word_list(path: Path) -> tuple[str, ...]:
    """Return the entries of a word-list file: one word or phrase a line, `#` starts a comment.

    Raises OSError or UnicodeDecodeError when the file cannot be read.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )
