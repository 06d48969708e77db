"""The manuscript vocabulary: words the writer accepts or rejects, and names learned from the text.

Word lists hold one entry per line; `#` starts a comment line. Each entry is a regular
expression matched against a whole word, case-sensitively (`Izzie`, `[Ww]erewolf(s)?`), so a
plain word is an entry too. Accepted words silence every spelling-like rule and are added to
Harper's dictionary; rejected words are reported by `vocabulary.rejected`.

Names are learned from the checked files themselves: a capitalised word that appears after the
start of a sentence and is never written in lower case is taken to be a name (Izzie, Westin).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.document import Document
from stylecheck.nlp import WORD

# A possessive ending, stripped before a word is looked up: Izzie's, James'.
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Characters after which a word starts a sentence or a quotation rather than continuing one.
_SENTENCE_OPENERS = frozenset("\"“‘'([{—–-")


class VocabularyError(Exception):
    """A word list that cannot be read or holds an invalid entry (names file and line)."""


@dataclass(frozen=True)
class WordList:
    """Compiled entries of one or more word-list files."""

    patterns: tuple[re.Pattern[str], ...] = ()
    plain_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, paths: Iterable[Path], words: Iterable[str] = (), where: str = "") -> WordList:
        """Read word-list files plus inline entries; errors name the file and line."""
        located = [
            (f"{path}:{number}", entry) for path in paths for number, entry in _entries(path)
        ]
        located += [(where, entry) for entry in words]
        patterns: list[re.Pattern[str]] = []
        plain: set[str] = set()
        for place, entry in located:
            try:
                patterns.append(re.compile(entry))
            except re.error as err:
                raise VocabularyError(f"{place}: invalid entry {entry!r}: {err}") from None
            if re.fullmatch(r"[\w'’-]+", entry):
                plain.add(entry)
        return cls(tuple(patterns), frozenset(plain))

    def matches(self, word: str) -> bool:
        """Tell whether a whole word matches an entry."""
        return any(p.fullmatch(word) for p in self.patterns)


def _entries(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise VocabularyError(f"{path}: word list not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise VocabularyError(f"{path}: word list cannot be read ({err})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield number, entry


@dataclass(frozen=True)
class Vocabulary:
    """What the writer accepts, rejects, and the names learned from the manuscript."""

    accept: WordList = field(default_factory=WordList)
    reject: WordList = field(default_factory=WordList)
    names: frozenset[str] = frozenset()

    def accepts(self, word: str) -> bool:
        """Tell whether a flagged word is a known name or on an accept list."""
        for candidate in {word, _POSSESSIVE.sub("", word)}:
            if candidate in self.names or self.accept.matches(candidate):
                return True
        return False

    def fingerprint(self) -> str:
        """Return a text that changes whenever what this vocabulary accepts or rejects does."""
        return "\n".join(
            [
                *(f"accept {p.pattern}" for p in self.accept.patterns),
                *(f"reject {p.pattern}" for p in self.reject.patterns),
                *(f"name {name}" for name in sorted(self.names)),
            ]
        )

    def dictionary_words(self) -> list[str]:
        """Return the plain words to add to a spelling dictionary, sorted."""
        return sorted(self.accept.plain_words | self.names)


class NameLearner:
    """Count capitalised words seen mid-sentence across documents, and words seen lower-case."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._mid_sentence: Counter[str] = Counter()
        self._lower_case: set[str] = set()
        for document in documents:
            for sentence in document.sentences:
                self._count(sentence.text(document.prose))

    def _count(self, text: str) -> None:
        for match in WORD.finditer(text):
            word = _POSSESSIVE.sub("", match.group())
            if word[:1].islower():
                self._lower_case.add(word)
            elif _is_name_shaped(word) and not _starts_clause(text, match.start()):
                self._mid_sentence[word] += 1

    @classmethod
    def combined(cls, learners: Iterable[NameLearner]) -> NameLearner:
        """Return a learner that has seen everything the given ones have seen."""
        merged = cls([])
        for learner in learners:
            merged._mid_sentence.update(learner._mid_sentence)
            merged._lower_case.update(learner._lower_case)
        return merged

    def names(self, min_count: int = 1) -> frozenset[str]:
        """Return words seen mid-sentence at least `min_count` times and never lower-case."""
        return frozenset(
            word
            for word, count in self._mid_sentence.items()
            if count >= min_count and word.lower() not in self._lower_case
        )


def _is_name_shaped(word: str) -> bool:
    # "Izzie", "McKinley", "O'Brien"; not "YOU" (shouting) or "I".
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word[1:])


def _starts_clause(text: str, start: int) -> bool:
    """Tell whether a word at `start` opens the sentence or a quotation inside it."""
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS
