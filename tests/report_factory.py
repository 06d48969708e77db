"""Build editorial `Report` objects by hand, so renderers are tested without the statistics."""

from __future__ import annotations

from dataclasses import replace

from stylecheck.report.model import (
    Count,
    Dialogue,
    HistogramBin,
    Lint,
    LongSentence,
    Opening,
    Overused,
    Rate,
    Readability,
    Report,
    Score,
    Section,
    SentenceLengths,
    WordUse,
)


def readability(grade: float = 6.2, ease: float = 74.5) -> Readability:
    """Return plausible readability scores around a Flesch–Kincaid `grade`."""
    return Readability(
        flesch_reading_ease=Score(ease, "fairly easy"),
        flesch_kincaid_grade=Score(grade, "middle school (grades 6-8)"),
        gunning_fog=Score(grade + 2.1, "high school"),
        smog_index=Score(grade + 1.4, "middle school"),
        coleman_liau_index=Score(grade + 0.8, "middle school"),
        automated_readability_index=Score(grade + 0.3, "middle school"),
        dale_chall_readability_score=Score(6.9, "grades 7-8"),
        textstat_words=1000,
        textstat_sentences=70,
    )


def section(
    title: str = "Chapter One",
    path: str = "chapter-01.md",
    *,
    words: int = 2400,
    grade: float | None = 6.2,
    dialogue_share: float = 0.32,
    adverbs: float = 4.5,
    filter_words: float = 2.25,
    longest_text: str = "She ran, and ran, and ran until the road gave out beneath her.",
    lint: bool = True,
) -> Section:
    """Return one chapter's (or the manuscript's) numbers; `grade` None means no prose."""
    per = max(words, 1) / 1000  # keep counts consistent with the rates
    return Section(
        title=title,
        path=path,
        words=words,
        sentences=words // 14,
        paragraphs=words // 90,
        reading_minutes=words / 250,
        readability=None if grade is None else readability(grade, 100 - grade * 6),
        sentence_lengths=SentenceLengths(
            mean=14.3,
            stdev=7.8,
            median=12.0,
            histogram=(
                HistogramBin(1, 5, 21),
                HistogramBin(6, 10, 48),
                HistogramBin(11, 15, 55),
                HistogramBin(16, 20, 33),
                HistogramBin(21, 30, 19),
                HistogramBin(31, 40, 6),
                HistogramBin(41, None, 2),
            ),
            longest=(
                LongSentence(path or "chapter-01.md", 12, 1, 48, longest_text),
                LongSentence(path or "chapter-01.md", 40, 5, 41, "A second, shorter sentence."),
            ),
            hard_share=0.12,
            very_hard_share=0.035,
        ),
        dialogue=Dialogue(
            words=round(words * dialogue_share),
            share=dialogue_share,
            quotations=41,
            tagged=23,
            said_asked_share=0.74,
            tag_verbs=(Count("said", 14), Count("asked", 3), Count("whispered", 2)),
            adverb_tags=2,
            adverb_tags_per_1000=round(2 / per, 1),
        ),
        word_use=WordUse(
            adverbs=Rate(round(adverbs * per), adverbs),
            filter_words=Rate(round(filter_words * per), filter_words),
            exclamations=Rate(7, 2.9),
            passive=Rate(5, 2.1),
            repeated_starts=2,
            openings=(Opening("She", 31, 0.18), Opening("He", 22, 0.13), Opening("The", 9, 0.05)),
            overused=(
                Overused("bandage", 6, 25.0, 180.0),
                Overused("hospital", 9, 37.5, 12.4),
                Overused("gingerly", 2, 8.3, 4.2),
            ),
        ),
        lint=Lint(
            {"error": 1, "warning": 4, "note": 9}, {"dialogue.tag-capital": 3, "words.echo": 2}
        )
        if lint
        else None,
    )


def report(chapters: int = 2, *, lint: bool = True, errors: tuple[str, ...] = ()) -> Report:
    """Return a report of `chapters` plain chapters and their manuscript."""
    parts = tuple(
        section(
            f"Chapter {number}",
            f"chapters/chapter-{number:02d}.md",
            grade=4 + (number * 7 % 9),
            dialogue_share=(number * 13 % 50) / 100,
            adverbs=2 + number * 5 % 7,
            filter_words=1 + number * 3 % 5,
            lint=lint,
        )
        for number in range(1, chapters + 1)
    )
    whole = section("", "", words=sum(part.words for part in parts) or 0, lint=lint)
    return Report(
        version="0.1.0",
        schema_version=1,
        words_per_minute=250,
        manuscript=whole,
        chapters=parts,
        errors=errors,
    )


def with_chapters(base: Report, *chapters: Section) -> Report:
    """Return `base` with these chapters instead of its own."""
    return replace(base, chapters=chapters)
