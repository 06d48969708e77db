"""Turn measured chapters into the report's numbers: one `Section` per chapter and one overall.

A section of several chapters adds their counts, so the manuscript's rates are over all its
words, not averages of chapter rates. Readability is textstat's, on the section's own text:
for the manuscript, every chapter's text joined by blank lines.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from stylecheck.report.bands import band
from stylecheck.report.measure import (
    HARD_ARI,
    HARD_MIN_WORDS,
    PLAIN_TAG_VERBS,
    VERY_HARD_ARI,
    Chapter,
    ChapterCounts,
    SentenceInfo,
)
from stylecheck.report.model import (
    Count,
    Dialogue,
    HistogramBin,
    Lint,
    LongSentence,
    Opening,
    Rate,
    Readability,
    Score,
    Section,
    SentenceLengths,
    WordUse,
)
from stylecheck.report.overuse import overused_words

BIN_WIDTH = 5  # words per histogram bar
LAST_BIN = 51  # sentences this long or longer share the last bar
LONGEST = 5
TAG_VERBS = 8
OPENINGS = 5


def summarise(
    chapters: Sequence[Chapter],
    *,
    title: str,
    path: str,
    metrics: Mapping[str, float] | None,
    lint: Lint | None,
    words_per_minute: int,
    overused: int,
) -> Section:
    """Return the section for one chapter, or for several added together."""
    counts = ChapterCounts()
    for chapter in chapters:
        counts.add(chapter.counts)
    return Section(
        title=title,
        path=path,
        words=counts.words,
        sentences=len(counts.sentences),
        paragraphs=counts.paragraphs,
        reading_minutes=round(counts.words / words_per_minute, 1),
        readability=readability(metrics) if metrics else None,
        sentence_lengths=sentence_lengths(counts.sentences),
        dialogue=dialogue(counts),
        word_use=word_use(counts, overused),
        lint=lint,
    )


def readability(metrics: Mapping[str, float]) -> Readability:
    """Return textstat's scores, each with its band in words."""

    def score(formula: str) -> Score:
        return Score(metrics[formula], band(formula, metrics[formula]))

    return Readability(
        flesch_reading_ease=score("flesch_reading_ease"),
        flesch_kincaid_grade=score("flesch_kincaid_grade"),
        gunning_fog=score("gunning_fog"),
        smog_index=score("smog_index"),
        coleman_liau_index=score("coleman_liau_index"),
        automated_readability_index=score("automated_readability_index"),
        dale_chall_readability_score=score("dale_chall_readability_score"),
        textstat_words=int(metrics["words"]),
        textstat_sentences=int(metrics["sentences"]),
    )


def sentence_lengths(sentences: Sequence[SentenceInfo]) -> SentenceLengths:
    """Return the length statistics, histogram and longest sentences."""
    lengths = [s.words for s in sentences]
    if not lengths:
        return SentenceLengths(0.0, 0.0, 0.0, histogram(lengths), (), 0.0, 0.0)
    long_enough = [s for s in sentences if s.words >= HARD_MIN_WORDS]
    very_hard = sum(s.ari >= VERY_HARD_ARI for s in long_enough)
    hard = sum(HARD_ARI <= s.ari < VERY_HARD_ARI for s in long_enough)
    # The longest first; of equal length, the earlier (sentences are in reading order).
    longest = sorted(range(len(sentences)), key=lambda i: -sentences[i].words)[:LONGEST]
    return SentenceLengths(
        mean=round(statistics.fmean(lengths), 2),
        stdev=round(statistics.pstdev(lengths), 2),
        median=float(statistics.median(lengths)),
        histogram=histogram(lengths),
        longest=tuple(_long(sentences[i]) for i in longest),
        hard_share=_share(hard, len(lengths)),
        very_hard_share=_share(very_hard, len(lengths)),
    )


def histogram(lengths: Sequence[int]) -> tuple[HistogramBin, ...]:
    """Return the sentence-length histogram: bars of BIN_WIDTH words, the last open-ended."""
    bins = Counter(min((n - 1) // BIN_WIDTH, (LAST_BIN - 1) // BIN_WIDTH) for n in lengths)
    last = (LAST_BIN - 1) // BIN_WIDTH
    return tuple(
        HistogramBin(
            low=index * BIN_WIDTH + 1,
            high=None if index == last else (index + 1) * BIN_WIDTH,
            count=bins.get(index, 0),
        )
        for index in range(last + 1)
    )


def _long(sentence: SentenceInfo) -> LongSentence:
    return LongSentence(
        sentence.path, sentence.line, sentence.column, sentence.words, sentence.text
    )


def dialogue(counts: ChapterCounts) -> Dialogue:
    """Return the speech numbers: share of words, tags, the verbs of the tags."""
    plain = sum(counts.tag_verbs[verb] for verb in PLAIN_TAG_VERBS)
    verbs = sorted(counts.tag_verbs.items(), key=lambda kv: (-kv[1], kv[0]))[:TAG_VERBS]
    return Dialogue(
        words=counts.dialogue_words,
        share=_share(counts.dialogue_words, counts.words),
        quotations=counts.quotations,
        tagged=counts.tagged,
        said_asked_share=_share(plain, counts.tagged),
        tag_verbs=tuple(Count(verb, n) for verb, n in verbs),
        adverb_tags=counts.adverb_tags,
        adverb_tags_per_1000=_per_1000(counts.adverb_tags, counts.words),
    )


def word_use(counts: ChapterCounts, overused: int) -> WordUse:
    """Return the word-use rates, sentence openings and overused words."""
    openings = sorted(counts.openings.items(), key=lambda kv: (-kv[1], kv[0]))[:OPENINGS]
    sentences = len(counts.sentences)
    return WordUse(
        adverbs=_rate(counts.adverbs, counts.words),
        filter_words=_rate(counts.filter_words, counts.narration_words),
        exclamations=_rate(counts.exclamations, counts.words),
        passive=_rate(counts.passive, counts.words),
        repeated_starts=counts.repeated_starts,
        openings=tuple(Opening(word, n, _share(n, sentences)) for word, n in openings),
        overused=overused_words(counts.vocabulary, counts.lower_case, counts.words, overused),
    )


def _rate(count: int, words: int) -> Rate:
    return Rate(count, _per_1000(count, words))


def _per_1000(count: int, words: int) -> float:
    return round(count / words * 1000, 2) if words else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
