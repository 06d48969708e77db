"""Second thoughts on Harper's lints: the false alarms it raises on correct fiction.

Measured on 18 edited novels (`bench/harper_rules.py`), most of Harper's spelling findings are
correct words its dictionary lacks, initials, Roman numerals, elisions and dialect in speech;
most doubled-word findings are "had had"; most prefix findings are "re-enter" and open
compounds. Each filter below drops one such class and nothing else, so a real slip still
comes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from stylecheck.lexicon import (
    APOSTROPHES,
    dialect_variants,
    is_english_word,
    is_word,
    looks_like_typo,
)
from stylecheck.nlp import WORD
from stylecheck.packs.words.doubled import is_legitimate_double


@dataclass(frozen=True)
class Lint:
    """One Harper lint in its paragraph, with what the filters need to judge it."""

    rule: str
    paragraph: str
    start: int
    end: int
    in_dialogue: bool

    @property
    def problem(self) -> str:
        """Return the flagged text."""
        return self.paragraph[self.start : self.end]


# Does Harper's dictionary (in the run's dialect, with the vocabulary) know this word?
Knows = Callable[[str], bool]

_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?|[A-Z]")
_VOWELS = frozenset("aeiouAEIOU")
_COMPOUND = re.compile(r"[^\W\d_]{2,}")


def is_false_alarm(lint: Lint, knows: Knows) -> bool:
    """Tell whether a lint belongs to a class of false alarms its rule raises on fiction."""
    check = FILTERS.get(lint.rule)
    return check is not None and check(lint, knows)


def _spelling_false_alarm(lint: Lint, knows: Knows) -> bool:
    """Tell whether an unknown word is most likely spelt as intended."""
    word = lint.problem
    if _ROMAN.fullmatch(word) or _INITIALS.fullmatch(word) or any(c.isdigit() for c in word):
        return True
    # An apostrophe that cuts the word short ('tis, goin', 'em) marks a deliberate elision.
    before = lint.paragraph[lint.start - 1 : lint.start]
    after = lint.paragraph[lint.end : lint.end + 1]
    if (before and before in APOSTROPHES) or (after and after in APOSTROPHES):
        return True
    # Another dialect's spelling ("colour" in en-US) is a real finding: the writer chose one.
    # (Asking Harper costs a lint call, so only variants that are words at all are asked about.)
    if any(is_english_word(v) and knows(v) for v in dialect_variants(word)):
        return False
    if is_word(word):
        return True
    # Harper checks the parts of a hyphenated word on their own: "empted" in "pre-empted".
    compound = _COMPOUND.fullmatch(_hyphenated_word(lint).replace("-", ""))
    if compound and is_word(compound[0]):
        return True
    # Characters speak in dialect ("gwyne", "sich"); only a slip of the keyboard is reported.
    return lint.in_dialogue and not looks_like_typo(word)


def _hyphenated_word(lint: Lint) -> str:
    """Return the whole word (hyphens and all) the lint's word is part of."""
    for match in WORD.finditer(lint.paragraph):
        if match.start() <= lint.start < match.end():
            return match[0]
    return lint.problem


def _doubled_word_false_alarm(lint: Lint, knows: Knows) -> bool:
    """Tell whether a doubled word is correctly doubled ("had had", "told you you")."""
    words = lint.problem.split()
    return bool(words) and is_legitimate_double(words[0])


def _prefix_false_alarm(lint: Lint, knows: Knows) -> bool:
    """Tell whether a split prefix is an open compound or a standard hyphen.

    Only a hyphenated prefix is reported ("up-dating"): two words ("under water") are often
    right, and a hyphen between two like vowels ("re-enter", "co-operate") is standard.
    """
    problem = lint.problem
    hyphen = problem.find("-")
    if hyphen <= 0 or hyphen + 1 >= len(problem):
        return True
    left, right = problem[hyphen - 1], problem[hyphen + 1]
    return left.lower() == right.lower() and left in _VOWELS


FILTERS: Mapping[str, Callable[[Lint, Knows], bool]] = {
    "SpellCheck": _spelling_false_alarm,
    "RepeatedWords": _doubled_word_false_alarm,
    "DisjointPrefixes": _prefix_false_alarm,
}
