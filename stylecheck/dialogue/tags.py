"""Dialogue tags and beats: who speaks, with which verb, right after a closing quote.

A tag is a subject and a verb of utterance in either order (`she said`, `said Tom`, `the old
man asked`), with an optional manner adverb (`asked quietly`). The same shape with an action
verb (`she shrugged`) is reported too, as a beat, so that rules can tell a beat punctuated as a
tag. The verb lists are data: `rules/dialogue/*.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from stylecheck.diagnostics import Span
from stylecheck.lexicon import is_english_word
from stylecheck.nlp import ABBREVIATIONS
from stylecheck.packs.data import word_list


class VerbClass(Enum):
    """How a verb after a quotation relates to speech."""

    SPEECH = "speech"  # said, asked, whispered
    BOOKISM = "bookism"  # opined, expostulated: speech, but showy
    SOUND = "sound"  # laughed, sighed: a sound, not words
    ACTION = "action"  # shrugged, nodded: nobody speaks with these

    @property
    def is_tag(self) -> bool:
        """Tell whether a subject with this verb after a quotation attributes the speech."""
        return self is not VerbClass.ACTION


PRONOUNS = frozenset({"he", "she", "they", "we", "you", "i", "it"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "my", "their", "our", "your", "its"})
# Capitalised words that start a clause and never name a speaker.
_NOT_NAMES = frozenset(
    {"and", "but", "or", "so", "then", "now", "when", "while", "as", "if", "yet", "still"}
    | DETERMINERS
    | {"this", "that", "there", "here", "what", "who", "why", "how", "oh", "yes", "no"}
)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?…—–)\"'“”‘’]|-{2}|$)")
# A name may follow a title: "Mr. Darcy said", "said Mrs. Bennet".
_TITLES = frozenset(a for a in ABBREVIATIONS if a.isalpha() and len(a) <= 4)


@cache
def verb_classes() -> dict[str, VerbClass]:
    """Return every listed verb (or two-word verb such as `went on`) with its class."""
    classes: dict[str, VerbClass] = {}
    for name, verb_class in (
        ("action-verbs", VerbClass.ACTION),
        ("sound-verbs", VerbClass.SOUND),
        ("bookism-verbs", VerbClass.BOOKISM),
        ("speech-verbs", VerbClass.SPEECH),
    ):
        classes.update(dict.fromkeys(word_list("dialogue", name), verb_class))
    return classes


@dataclass(frozen=True)
class Attribution:
    """A tag or beat directly after a quotation: `she whispered`, `said Tom`, `he shrugged`."""

    span: Span  # subject, verb and any adverb
    subject: str  # as written: "she", "Izzie", "the old man"
    subject_span: Span
    verb: str  # lower case
    verb_span: Span
    verb_class: VerbClass
    inverted: bool  # "said Tom"
    adverb: Span | None  # "quietly" in "asked quietly" or "quietly asked"
    # The clause ends right after it ("she said." or "she said, smiling"), so it cannot be
    # the start of a longer sentence such as "She said nothing".
    ends_clause: bool

    @property
    def is_tag(self) -> bool:
        """Tell whether this attributes the speech (a tag) rather than being a beat."""
        return self.verb_class.is_tag

    @property
    def speaker(self) -> str | None:
        """Return who speaks, when that is clear: a pronoun (lower case) or a name."""
        first = self.subject.split()[0]
        if first.lower() in PRONOUNS:
            return first.lower()
        return None if first.lower() in DETERMINERS else self.subject


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def attribution_after(prose: str, start: int, end: int) -> Attribution | None:
    """Return the tag or beat that starts at `start` (after whitespace), up to `end`."""
    tokens = [
        _Token(m[0], m.start(), m.end())
        for m in _TOKEN.finditer(prose, start, min(end, start + 80))
    ]
    if not tokens or prose[start : tokens[0].start].strip():
        return None
    found = _inverted(tokens) or _normal(tokens)
    if found is None:
        return None
    subject, verb, verb_len, inverted, adverb_at = found
    adverb = None
    last = max(subject[-1].end, tokens[verb + verb_len - 1].end)
    after_verb = verb + verb_len if not inverted else verb + verb_len + len(subject)
    if adverb_at is None and after_verb < len(tokens) and is_manner_adverb(tokens[after_verb].text):
        adverb_at = after_verb
    if adverb_at is not None:
        adverb = Span(tokens[adverb_at].start, tokens[adverb_at].end)
        last = max(last, adverb.end)
    verb_tokens = tokens[verb : verb + verb_len]
    verb_text = _join(verb_tokens)
    return Attribution(
        span=Span(min(subject[0].start, verb_tokens[0].start), last),
        subject=prose[subject[0].start : subject[-1].end],
        subject_span=Span(subject[0].start, subject[-1].end),
        verb=verb_text,
        verb_span=Span(verb_tokens[0].start, verb_tokens[-1].end),
        verb_class=verb_classes()[verb_text],
        inverted=inverted,
        adverb=adverb,
        ends_clause=bool(_CLAUSE_END.match(prose, last)),
    )


_Found = tuple[list[_Token], int, int, bool, int | None]


def _verb_at(tokens: list[_Token], i: int) -> int:
    """Return how many tokens form a listed verb at `i` (two for `went on`), or 0."""
    classes = verb_classes()
    if i + 1 < len(tokens) and f"{tokens[i].lower} {tokens[i + 1].lower}" in classes:
        return 2
    return 1 if i < len(tokens) and tokens[i].lower in classes else 0


def _inverted(tokens: list[_Token]) -> _Found | None:
    """Match `said Tom`, `asked the old man`, `said he`: only speech-like verbs invert."""
    verb_len = _verb_at(tokens, 0)
    if not verb_len or not verb_classes()[_join(tokens[:verb_len])].is_tag:
        return None
    subject = _subject(tokens, verb_len)
    return (subject, 0, verb_len, True, None) if subject else None


def _normal(tokens: list[_Token]) -> _Found | None:
    """Match `she said`, `Izzie asked`, `the boy quietly replied`."""
    subject = _subject(tokens, 0)
    if not subject:
        return None
    verb = len(subject)
    adverb_at = None
    if verb < len(tokens) and is_manner_adverb(tokens[verb].text):
        adverb_at, verb = verb, verb + 1
    verb_len = _verb_at(tokens, verb)
    return (subject, verb, verb_len, False, adverb_at) if verb_len else None


def _subject(tokens: list[_Token], i: int) -> list[_Token]:
    """Return the subject tokens starting at `i`: a pronoun, a name, or a short noun phrase."""
    if i >= len(tokens):
        return []
    first = tokens[i]
    if first.lower in PRONOUNS:
        return [first]
    if first.lower in DETERMINERS:
        # "the old man": up to three lower-case words, the last being the head noun.
        phrase = [first]
        for j in range(i + 1, min(i + 4, len(tokens))):
            if not tokens[j].text.isalpha() or not tokens[j].text.islower() or _verb_at(tokens, j):
                break
            phrase.append(tokens[j])
        return phrase if len(phrase) > 1 else []
    return _name(tokens, i)


def _name(tokens: list[_Token], i: int) -> list[_Token]:
    """Return a capitalised name, optionally after a title, of at most three words."""
    name: list[_Token] = []
    if tokens[i].lower in _TITLES and i + 1 < len(tokens) and tokens[i + 1].text == ".":
        name, i = tokens[i : i + 2], i + 2
    for token in tokens[i : i + 2]:
        if not (token.text[:1].isupper() and token.text.isalpha()) or _not_a_name(token.lower):
            break
        name.append(token)
    return name if name and name[-1].text.isalpha() else []


def _not_a_name(word: str) -> bool:
    """Tell whether a capitalised word cannot name a speaker ("Then", "Presently")."""
    # An adverb made from an adjective opens the sentence ("Presently Tom said").
    return word in _NOT_NAMES or is_derived_adverb(word)


def is_derived_adverb(word: str) -> bool:
    """Tell whether a lower-case -ly word is made from an English word (`angrily`, `presently`).

    Names in -ly (`Emily`, `Holly`) are not, so a capitalised word passing this is an adverb.
    """
    if word.endswith("ily"):
        return is_english_word(word[:-3] + "y")  # angrily
    stem = word[:-2]
    return word.endswith("ly") and len(stem) > 3 and is_english_word(stem)


def is_manner_adverb(word: str) -> bool:
    """Tell whether a word is a lower-case -ly manner adverb (`quietly`), not `only` or `family`."""
    return (
        word.islower()
        and word.endswith("ly")
        and len(word) > 4
        and word not in word_list("dialogue", "not-adverbs")
    )


def _join(tokens: list[_Token]) -> str:
    return " ".join(t.lower for t in tokens)
