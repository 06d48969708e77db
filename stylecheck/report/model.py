"""What the editorial report holds: plain frozen dataclasses, one per section of a chapter.

The same `Section` describes one chapter and the whole manuscript, so every renderer (text,
JSON, HTML) prints both with one piece of code. Rates are per 1,000 words unless the field
name says otherwise; shares are fractions from 0 to 1. The JSON format is `dataclasses.asdict`
of a `Report` (see docs/report.md and docs/report.schema.json).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """One readability formula's value and what it means in words."""

    value: float
    band: str  # "fairly easy", "middle school (grades 6-8)"


@dataclass(frozen=True)
class Readability:
    """textstat's formulas over the chapter's prose (headings left out)."""

    flesch_reading_ease: Score
    flesch_kincaid_grade: Score
    gunning_fog: Score
    smog_index: Score
    coleman_liau_index: Score
    automated_readability_index: Score
    dale_chall_readability_score: Score
    # textstat's own counts, the ones its formulas use (they differ from stylecheck's words).
    textstat_words: int
    textstat_sentences: int


@dataclass(frozen=True)
class HistogramBin:
    """Sentences of `low` to `high` words (`high` None: `low` words or more)."""

    low: int
    high: int | None
    count: int


@dataclass(frozen=True)
class LongSentence:
    """One of the longest sentences, where it starts, and its text."""

    path: str
    line: int
    column: int
    words: int
    text: str  # shortened to about 200 characters, with "…" where it was cut


@dataclass(frozen=True)
class SentenceLengths:
    """Sentence length in words, its variety, and how many sentences are hard to read."""

    mean: float
    stdev: float  # population standard deviation: ProWritingAid's "sentence variety"
    median: float
    histogram: tuple[HistogramBin, ...]
    longest: tuple[LongSentence, ...]
    # Hemingway Editor's highlights: 14 words or more and a per-sentence ARI of 10 to 14
    # (hard) or 14 and above (very hard).
    hard_share: float
    very_hard_share: float


@dataclass(frozen=True)
class Count:
    """A verb or word and how often it occurs."""

    word: str
    count: int


@dataclass(frozen=True)
class Dialogue:
    """How much of the chapter is speech and how the speech is tagged."""

    words: int  # words inside quotations
    share: float  # of all words
    quotations: int
    tagged: int  # quotations followed by a tag ("she said", "asked Tom")
    said_asked_share: float  # of tags: the share whose verb is "said" or "asked"
    tag_verbs: tuple[Count, ...]  # the commonest tag verbs, most frequent first
    adverb_tags: int  # tags with a manner adverb ("said quietly")
    adverb_tags_per_1000: float


@dataclass(frozen=True)
class Rate:
    """How often something occurs, in all and per 1,000 words."""

    count: int
    per_1000: float


@dataclass(frozen=True)
class Overused:
    """A word used far more often than in general English (wordfreq's frequencies)."""

    word: str
    count: int
    per_10000: float
    times_expected: float  # its rate here divided by its rate in general English


@dataclass(frozen=True)
class Opening:
    """A word that starts sentences, and the share of sentences it starts."""

    word: str
    count: int
    share: float


@dataclass(frozen=True)
class WordUse:
    """Adverbs, filter words, exclamations, the passive, openings and overused words."""

    adverbs: Rate  # -ly manner adverbs, narration and dialogue
    filter_words: Rate  # in narration, per 1,000 words of narration
    exclamations: Rate  # exclamation marks
    passive: Rate  # estimated passive constructions ("was taken")
    repeated_starts: int  # runs of 3+ sentences in a row starting with the same word
    openings: tuple[Opening, ...]  # the commonest sentence-opening words
    overused: tuple[Overused, ...]


@dataclass(frozen=True)
class Lint:
    """What `stylecheck check` finds in the chapter with the same configuration."""

    by_severity: dict[str, int]
    by_rule: dict[str, int]  # most frequent first


@dataclass(frozen=True)
class Section:
    """The numbers of one chapter, or of the whole manuscript."""

    title: str  # the first heading, else the file name
    path: str  # the file; "" for the whole manuscript
    words: int
    sentences: int
    paragraphs: int
    reading_minutes: float
    readability: Readability | None  # None when there is no prose to measure
    sentence_lengths: SentenceLengths
    dialogue: Dialogue
    word_use: WordUse
    lint: Lint | None  # None when the report ran without the linter


@dataclass(frozen=True)
class Report:
    """The editorial report of a manuscript: the whole, then each chapter in order."""

    version: str  # stylecheck's version
    schema_version: int
    words_per_minute: int  # the reading speed behind `reading_minutes`
    manuscript: Section
    chapters: tuple[Section, ...]
    errors: tuple[str, ...]  # files that could not be read or checked, one line each
