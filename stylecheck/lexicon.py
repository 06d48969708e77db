"""A second opinion on words a spelling checker does not know.

Harper's dictionary is modest, and fiction is full of rare, period and derived words that are
spelt correctly ("barouche", "unastonished", "slopingly"). Before a spelling finding is
reported, this module answers three questions:

- is the word in a broad English word list (pyspellchecker's, about 160,000 words, curated to
  leave out common misspellings)?
- is it regularly derived from a word in that list (`un` + `astonished`, `sloping` + `ly`),
  without also being a known word with one letter dropped, doubled or swapped, which is what
  a misspelt derivation ("truely", "untill", "occured") looks like?
- does it look like a slip of the keyboard: two adjacent letters swapped ("recieve", "teh")?

It also lists a word's British/American spelling variants, so that "colour" in an en-US text
can be told apart from a word the checker does not know at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# Derivational affixes of English that build new words from whole words.
PREFIXES = (
    "counter",
    "inter",
    "under",
    "super",
    "over",
    "fore",
    "semi",
    "dis",
    "mis",
    "non",
    "out",
    "pre",
    "sub",
    "un",
    "re",
)
SUFFIXES = (
    "nesses",
    "ingly",
    "wards",
    "ments",
    "edly",
    "ness",
    "less",
    "ings",
    "ment",
    "ward",
    "like",
    "isms",
    "ists",
    "ful",
    "ish",
    "ism",
    "ist",
    "ers",
    "est",
    "eth",
    "ing",
    "ly",
    "er",
    "ed",
    "es",
    "s",
)
# A derivation needs a stem at least this long: short stems match by accident ("un" + "til").
MIN_STEM = 4

# British -> American spelling patterns (each also read the other way).
DIALECT_PATTERNS = (
    ("our", "or"),
    ("tre", "ter"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ll", "l"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("ae", "e"),
    ("oe", "e"),
    ("mould", "mold"),
    ("grey", "gray"),
)

APOSTROPHES = "'\u2019"
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)


@functools.cache
def _frequencies() -> dict[str, int]:
    """Load pyspellchecker's English words (lower case) with their counts, once per process."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


@functools.cache
def _english() -> frozenset[str]:
    """Return the broad English word list (lower case)."""
    return frozenset(_frequencies())


@functools.cache
def common_words(count: int) -> frozenset[str]:
    """Return the `count` most frequent words of the list: function words and everyday ones.

    The counts are pyspellchecker's (from a large corpus of film subtitles, so everyday and
    spoken words rank high); they tell a common word from a distinctive one.
    """
    return frozenset(_by_frequency()[:count])


@functools.cache
def _by_frequency() -> tuple[str, ...]:
    """Return the words of the list, the most frequent first (sorted once per process)."""
    ranked = sorted(_frequencies().items(), key=lambda item: (-item[1], item[0]))
    return tuple(word for word, _ in ranked)


def normalise(word: str) -> str:
    """Return the form looked up: lower case, straight apostrophe, no possessive 's."""
    return _POSSESSIVE.sub("", word.replace("\u2019", "'")).lower()


def is_english_word(word: str) -> bool:
    """Tell whether the broad word list has `word` (case and possessive ignored)."""
    return normalise(word) in _english()


def is_derived_word(word: str) -> bool:
    """Tell whether `word` is a regular derivation of a known word, and not a misspelling of one.

    A derivation counts only when no known word other than its stem is one dropped, doubled or
    swapped letter away: "truely" is "true" + "ly", but it is also "truly" with an extra "e".
    """
    lower = normalise(word)
    stems = set(_stems(lower))
    # The singular of a plural derivation ("gropings") is not a rival spelling.
    rivals = {slip for slip in _slips(lower) - stems if slip + "s" != lower}
    return bool(stems) and not rivals


def is_word(word: str) -> bool:
    """Tell whether `word` is in the broad list or regularly derived from a word in it."""
    return is_english_word(word) or is_derived_word(word)


def looks_like_typo(word: str) -> bool:
    """Tell whether swapping two adjacent letters of `word` gives a known word."""
    lower = normalise(word)
    return bool((_swaps(lower) - {lower}) & _english())


def dialect_variants(word: str) -> Iterator[str]:
    """Yield the spellings of `word` in the other English dialects (one pattern changed)."""
    lower = word.lower()
    for british, american in DIALECT_PATTERNS:
        for old, new in ((british, american), (american, british)):
            for match in re.finditer(re.escape(old), lower):
                yield lower[: match.start()] + new + lower[match.end() :]


def _stems(word: str) -> Iterator[str]:
    """Yield the words `word` is derived from by a prefix, a suffix, or both."""
    english = _english()
    for prefix in PREFIXES:
        rest = word[len(prefix) :]
        if (
            word.startswith(prefix)
            and len(rest) >= MIN_STEM
            and (rest in english or any(_suffix_stems(rest)))
        ):
            yield rest
    yield from _suffix_stems(word)


def _suffix_stems(word: str) -> Iterator[str]:
    """Yield the known words `word` is derived from by one suffix."""
    english = _english()
    for suffix in SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= MIN_STEM - 1:
            yield from (form for form in _restored(stem) if form in english)


def _restored(stem: str) -> Iterator[str]:
    """Yield what a stem may have looked like before a suffix changed it."""
    yield stem
    yield stem + "e"  # slope -> sloping
    if stem.endswith("i"):
        yield stem[:-1] + "y"  # planetary -> planetarily
    if len(stem) > 2 and stem[-1] == stem[-2]:
        yield stem[:-1]  # pad -> padded


def _slips(word: str) -> set[str]:
    """Return the known words one dropped, doubled or swapped letter away from `word`.

    The first letter is left alone: misspellings happen inside words, and "gropings" minus its
    "g" is another word by accident.
    """
    candidates = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
    candidates |= {word[:i] + word[i] + word[i:] for i in range(1, len(word))}
    candidates |= _swaps(word, first=1)
    candidates.discard(word)
    return candidates & _english()


def _swaps(word: str, first: int = 0) -> set[str]:
    """Return `word` with each pair of adjacent letters from index `first` on swapped."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(first, len(word) - 1)}
