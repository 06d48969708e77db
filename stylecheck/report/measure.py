"""Count what the report needs in one chapter: the raw material that `summary` turns into numbers.

Everything is counted on the chapter's prose outside headings. Words are stylecheck's words
(`stylecheck.nlp.words`: a hyphenated word or a contraction is one word), sentences are
`Document.sentences`, and speech is the dialogue model's quotations, so the report counts
what the rules see. Counts add up across chapters, which is how the whole manuscript is
summarised.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from stylecheck.diagnostics import Span
from stylecheck.dialogue.tags import is_derived_adverb, is_manner_adverb
from stylecheck.document import Document, in_speech
from stylecheck.kinds.common import phrase_pattern
from stylecheck.lexicon import normalise
from stylecheck.nlp import WORD
from stylecheck.packs.data import word_list
from stylecheck.packs.readability import metrics_text, sentence_stats
from stylecheck.packs.words.starts import sentence_start_runs

# Hemingway Editor's thresholds: sentences of at least 14 words with a per-sentence ARI of 10
# or more are hard to read, 14 or more very hard (docs/report.md).
HARD_MIN_WORDS = 14
HARD_ARI = 10.0
VERY_HARD_ARI = 14.0
# A run of this many sentences starting with the same word is counted (words.repeated-start).
REPEATED_START_RUN = 3
# Longest sentences are quoted up to about this many characters.
QUOTE_LENGTH = 200

_BE = r"(?:am|is|are|was|were|be|been|being)"
# A form of "be", an optional "not", "never" or -ly adverb, then the word that may be a
# participle ("was taken", "were not told", "is being quietly watched").
_PASSIVE = re.compile(
    rf"(?<![\w'’-]){_BE}\s+(?:(?:not|never|[a-z]+ly)\s+)?([a-z]+)(?![\w'’-])", re.IGNORECASE
)
_EXCLAMATION = re.compile(r"!+")
PLAIN_TAG_VERBS = frozenset({"said", "says", "say", "asked", "asks", "ask"})


@dataclass(frozen=True)
class SentenceInfo:
    """One sentence: its length, its ARI, where it starts and its text."""

    path: str
    words: int
    ari: float
    line: int
    column: int
    text: str


@dataclass
class ChapterCounts:
    """The raw counts of one chapter (or several, added together)."""

    words: int = 0
    paragraphs: int = 0
    sentences: list[SentenceInfo] = field(default_factory=list)
    dialogue_words: int = 0
    narration_words: int = 0
    quotations: int = 0
    tagged: int = 0
    tag_verbs: Counter[str] = field(default_factory=Counter)
    adverb_tags: int = 0
    adverbs: int = 0
    filter_words: int = 0
    exclamations: int = 0
    passive: int = 0
    repeated_starts: int = 0
    openings: Counter[str] = field(default_factory=Counter)
    # Every word (normalised: lower case, no possessive), and how often each was written in
    # lower case: a word seldom written so is a name or a title, not an overused word.
    vocabulary: Counter[str] = field(default_factory=Counter)
    lower_case: Counter[str] = field(default_factory=Counter)

    def add(self, other: ChapterCounts) -> None:
        """Add another chapter's counts to these."""
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, Counter):
                mine.update(theirs)
            elif isinstance(mine, list):
                mine.extend(theirs)
            else:
                setattr(self, name, mine + theirs)


@dataclass(frozen=True)
class Chapter:
    """A measured chapter: its title, file, counts and the text textstat measures."""

    path: str
    title: str
    counts: ChapterCounts
    metrics_text: str


def measure(document: Document) -> Chapter:
    """Count everything the report needs in one document."""
    counts = ChapterCounts()
    _count_words(document, counts)
    _count_sentences(document, counts)
    _count_dialogue(document, counts)
    counts.repeated_starts = sum(
        len(run) >= REPEATED_START_RUN for run in sentence_start_runs(document)
    )
    return Chapter(document.path, _title(document), counts, metrics_text(document))


def _title(document: Document) -> str:
    """Return the chapter's first heading, or its file name without the folder."""
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading":
            heading = " ".join(document.paragraph_text(paragraph).split())
            if heading:
                return heading
    return document.path.rsplit("/", 1)[-1]


def _count_words(document: Document, counts: ChapterCounts) -> None:
    prose = document.prose
    filters = _filter_words()
    written: Counter[str] = Counter()  # each word as written; normalised once per spelling
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading":
            continue
        start, end = paragraph.span.start, paragraph.span.end
        found = [(match.start(), match[0]) for match in WORD.finditer(prose, start, end)]
        if not found:
            continue
        counts.paragraphs += 1
        counts.words += len(found)
        speech = document.paragraph_speech(paragraph)
        spoken = sum(in_speech(at - start, speech) for at, _ in found)
        counts.dialogue_words += spoken
        counts.narration_words += len(found) - spoken
        written.update(word for _, word in found)
        counts.exclamations += len(_EXCLAMATION.findall(prose, start, end))
        counts.passive += sum(_is_participle(m[1]) for m in _PASSIVE.finditer(prose, start, end))
        counts.filter_words += sum(
            not in_speech(m.start() - start, speech) for m in filters.finditer(prose, start, end)
        )
    for word, count in written.items():
        key = normalise(word)
        counts.vocabulary[key] += count
        if word.islower():
            counts.lower_case[key] += count
        if _is_adverb(word):
            counts.adverbs += count


def _is_adverb(word: str) -> bool:
    """Tell whether a word is an -ly manner adverb; a capitalised one must come from a word."""
    lower = word.lower()
    if word == lower:
        return is_manner_adverb(word)
    return word[0].isupper() and is_manner_adverb(lower) and is_derived_adverb(lower)


def _is_participle(word: str) -> bool:
    """Tell whether the word after a form of "be" looks like a past participle."""
    lower = word.lower()
    if lower in word_list("report", "irregular-participles"):
        return True
    return (
        lower.endswith("ed")
        and len(lower) > 3
        and lower not in word_list("report", "not-participles")
    )


@functools.cache
def _filter_words() -> re.Pattern[str]:
    return phrase_pattern(word_list("words", "filter-words"))


def _count_sentences(document: Document, counts: ChapterCounts) -> None:
    prose = document.prose
    for stats in sentence_stats(document):
        span = stats.sentence.span
        position = document.position(document.source_offset(span.start))
        counts.sentences.append(
            SentenceInfo(
                document.path,
                stats.words,
                stats.ari,
                position.line,
                position.column,
                _quote(prose, span),
            )
        )
        first = WORD.search(prose, span.start, span.end)
        if first is not None:
            # One key per word in any case, shown as it starts a sentence ("He", "I", "Alex").
            counts.openings[first[0].capitalize()] += 1


def _quote(prose: str, span: Span) -> str:
    """Return a sentence on one line, cut at a word boundary near QUOTE_LENGTH."""
    text = " ".join(prose[span.start : span.end].split())
    if len(text) <= QUOTE_LENGTH:
        return text
    cut = text.rfind(" ", 0, QUOTE_LENGTH)
    return text[: cut if cut > QUOTE_LENGTH // 2 else QUOTE_LENGTH].rstrip(",;:—– ") + "…"


def _count_dialogue(document: Document, counts: ChapterCounts) -> None:
    prose = document.prose
    for quotation in document.dialogue.quotations:
        if quotation.paragraph.kind == "heading":
            continue
        counts.quotations += 1
        tag = quotation.attribution
        if tag is None or not tag.is_tag:
            continue
        counts.tagged += 1
        counts.tag_verbs[tag.verb] += 1
        counts.adverb_tags += quotation.has_adverb_tag(prose)
