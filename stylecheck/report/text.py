"""The report in the terminal: rich tables that fit in 100 columns.

The whole manuscript in detail, then one row per chapter. JSON and HTML carry every chapter's
details; this view is for a quick read.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from stylecheck.report.model import Report, Section
from stylecheck.report.numbers import FORMULAS, count, percent, plural, rate, reading_time

WIDTH = 100
HISTOGRAM_BAR = 40  # characters for the longest histogram bar
TOP_RULES = 10


def render_text(report: Report, console: Console) -> None:
    """Print the report on `console` (its width should be at most WIDTH)."""
    whole = report.manuscript
    console.print(
        Text(
            f"Editorial report: {plural(len(report.chapters), 'chapter')}, "
            f"{plural(whole.words, 'word')}, about {reading_time(whole.reading_minutes)} to read "
            f"at {report.words_per_minute} words a minute",
            style="bold",
        )
    )
    for part in _manuscript(whole):
        console.print()
        console.print(part)
    console.print()
    console.print(_chapters(report))


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _titled(title: str, *parts: RenderableType) -> Group:
    return Group(Text(title, style="bold"), *parts)


def _manuscript(section: Section) -> list[RenderableType]:
    parts: list[RenderableType] = [_readability(section), _sentences(section)]
    parts.extend([_dialogue(section), _word_use(section), _overused(section)])
    if section.lint is not None:
        parts.append(_lint(section))
    return parts


def _readability(section: Section) -> RenderableType:
    table = _table("formula", "score", "band")
    table.columns[2].justify = "left"
    readability = section.readability
    if readability is None:
        table.add_row("no prose to measure", "", "")
        return _titled("Readability (textstat)", table)
    for attribute, label, _ in FORMULAS:
        score = getattr(readability, attribute)
        table.add_row(label, rate(score.value), score.band)
    return _titled("Readability (textstat)", table)


def _sentences(section: Section) -> RenderableType:
    lengths = section.sentence_lengths
    summary = Text(
        f"{plural(section.sentences, 'sentence')}, mean {rate(lengths.mean)} words "
        f"(variety: standard deviation {rate(lengths.stdev)}, median {lengths.median:g}); "
        f"hard to read {percent(lengths.hard_share)}, "
        f"very hard {percent(lengths.very_hard_share)}"
    )
    histogram = _table("words", "sentences", "")
    histogram.columns[2].justify = "left"
    peak = max((b.count for b in lengths.histogram), default=0) or 1
    for bin_ in lengths.histogram:
        label = f"{bin_.low}+" if bin_.high is None else f"{bin_.low}-{bin_.high}"
        bar = "█" * round(bin_.count / peak * HISTOGRAM_BAR)
        histogram.add_row(label, count(bin_.count), bar)
    longest = _table("where", "words", "sentence")
    longest.columns[2].justify = "left"
    longest.columns[2].overflow = "fold"
    for sentence in lengths.longest:
        where = f"{sentence.path}:{sentence.line}:{sentence.column}"
        longest.add_row(Text(where), str(sentence.words), Text(sentence.text))
    gap = Text("")
    return _titled(
        "Sentences", summary, gap, histogram, gap, Text("Longest sentences", style="bold"), longest
    )


def _dialogue(section: Section) -> RenderableType:
    speech = section.dialogue
    verbs = ", ".join(f"{verb.word} {verb.count}" for verb in speech.tag_verbs) or "none"
    table = _table("measure", "value")
    table.columns[1].justify = "left"
    table.add_row("share of words in speech", percent(speech.share))
    table.add_row("quotations / tagged", f"{count(speech.quotations)} / {count(speech.tagged)}")
    table.add_row("tags with 'said' or 'asked'", percent(speech.said_asked_share))
    table.add_row("commonest tag verbs", Text(verbs))
    table.add_row(
        "adverb tags",
        f"{count(speech.adverb_tags)} ({rate(speech.adverb_tags_per_1000)} per 1,000)",
    )
    return _titled("Dialogue", table)


def _word_use(section: Section) -> RenderableType:
    use = section.word_use
    table = _table("measure", "count", "per 1,000 words")
    for label, measured in (
        ("-ly adverbs", use.adverbs),
        ("filter words (narration)", use.filter_words),
        ("exclamation marks", use.exclamations),
        ("passive constructions (estimate)", use.passive),
    ):
        table.add_row(label, count(measured.count), rate(measured.per_1000))
    table.add_row("runs of 3+ sentences starting alike", count(use.repeated_starts), "")
    openings = ", ".join(f"{o.word} {percent(o.share)}" for o in use.openings) or "none"
    return _titled("Word use", table, Text(f"Commonest sentence openings: {openings}"))


def _overused(section: Section) -> RenderableType:
    table = _table("word", "count", "per 10,000", "× usual")
    for word in section.word_use.overused:
        table.add_row(
            Text(word.word), count(word.count), rate(word.per_10000), f"{word.times_expected:g}"
        )
    if not section.word_use.overused:
        table.add_row("none", "", "", "")
    return _titled("Overused words, against general English (wordfreq)", table)


def _lint(section: Section) -> RenderableType:
    lint = section.lint
    assert lint is not None
    counts = ", ".join(plural(n, label) for label, n in lint.by_severity.items())
    table = _table("rule", "findings")
    for rule_id, findings in list(lint.by_rule.items())[:TOP_RULES]:
        table.add_row(rule_id, count(findings))
    if len(lint.by_rule) > TOP_RULES:
        table.add_row(f"... and {len(lint.by_rule) - TOP_RULES} more rules", "")
    return _titled(f"Lint findings: {counts}", table)


def _chapters(report: Report) -> RenderableType:
    table = _table(
        "Chapters",
        "chapter",
        "words",
        "FK grade",
        "mean len",
        "speech",
        "adv/1k",
        "filt/1k",
        "pass/1k",
    )
    if report.chapters and report.chapters[0].lint is not None:
        table.add_column("findings", justify="right")
    table.columns[0].overflow = "ellipsis"
    table.columns[0].max_width = 34
    for chapter in report.chapters:
        grade = chapter.readability.flesch_kincaid_grade.value if chapter.readability else None
        row = [
            Text(chapter.title),
            count(chapter.words),
            "-" if grade is None else rate(grade),
            rate(chapter.sentence_lengths.mean),
            percent(chapter.dialogue.share),
            rate(chapter.word_use.adverbs.per_1000),
            rate(chapter.word_use.filter_words.per_1000),
            rate(chapter.word_use.passive.per_1000),
        ]
        if chapter.lint is not None:
            row.append(count(sum(chapter.lint.by_rule.values())))
        table.add_row(*row)
    return _titled("Chapters", table)
