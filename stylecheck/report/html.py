"""Render the editorial report as one self-contained HTML page with inline SVG charts.

The page loads nothing: one inline stylesheet, no script, no font, no image, no URL. A
Content-Security-Policy meta tag forbids scripts and every outside resource, so even an
escape this module missed could not run anything. Every string that comes from the manuscript
(titles, paths, words, sentences, error lines) goes through `svg.text`, which escapes it.

Numbers are written one way throughout: counts with thousands separators, rates with one
decimal, shares as percentages with one decimal under 10% and none above.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from stylecheck.report import svg
from stylecheck.report.model import Readability, Report, Score, Section
from stylecheck.report.numbers import (
    FORMULAS,
    count,
    noun,
    percent,
    plural,
    rate,
    reading_time,
)
from stylecheck.report.svg import BAR, BAR_2, Bar, Reference, Series, text

DASH = "—"  # what a missing number shows
TOP_RULES = 8
TOP_OVERUSED = 12
CHART_IDS = (
    "chart-readability",
    "chart-reading-ease",
    "chart-dialogue",
    "chart-density",
    "chart-sentence-lengths",
    "chart-overused",
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #5f6b7a; --line: #e3e6ea;
  --paper: #ffffff; --ground: #f5f6f4; --accent: #3b6ea5; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--ground); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; font-variant-numeric: tabular-nums; }
.page { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
header { margin-bottom: 20px; }
h1 { margin: 2px 0 4px; font-size: 30px; line-height: 1.2; font-weight: 700; }
.lede { margin: 0; color: var(--muted); font-size: 16px; }
h2 { font-size: 20px; margin: 34px 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr));
  gap: 12px; margin: 0 0 14px; padding: 0; list-style: none; }
.cards li, .panel, figure { background: var(--paper); border: 1px solid var(--line);
  border-radius: 10px; }
.cards li { padding: 12px 14px; }
.cards .value { display: block; font-size: 23px; font-weight: 650; line-height: 1.2;
  white-space: nowrap; }
.cards .label { display: block; color: var(--muted); font-size: 13px; }
.cards .hint { display: block; color: var(--muted); font-size: 12px; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
  gap: 12px; }
.panel { padding: 14px 16px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
  gap: 14px; }
figure { margin: 0; padding: 14px 16px 10px; }
figcaption { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit;
  overflow: visible; }
svg.chart .bar:hover { fill-opacity: .75; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
tbody th { color: var(--ink); font-size: 14px; }
td.n, th.n { text-align: right; white-space: nowrap; }
tbody tr:last-child > * { border-bottom: 0; }
dl { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; margin: 0;
  font-size: 14px; }
dt { color: var(--muted); }
dd { margin: 0; text-align: right; font-weight: 600; }
.note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.wide { overflow-x: auto; background: var(--paper); border: 1px solid var(--line);
  border-radius: 10px; }
.wide table th:first-child, .wide table td:first-child { padding-left: 14px; }
.wide table th:last-child, .wide table td:last-child { padding-right: 14px; }
.path { display: block; color: var(--muted); font-size: 12px; font-weight: 400;
  word-break: break-all; }
.pill { display: inline-block; min-width: 1.6em; padding: 0 8px; border-radius: 999px;
  font-size: 13px; font-weight: 600; text-align: center; }
.pill.severity-error { background: #fde2e1; color: #9b1c1c; }
.pill.severity-warning { background: #fdf0d5; color: #8a5a00; }
.pill.severity-note { background: #e3ecf7; color: #2c5282; }
.severities { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px;
  margin: 0 0 10px; padding: 0; list-style: none; font-size: 14px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 12.5px; }
.longest { margin: 0; padding: 0; list-style: none; display: grid; gap: 10px; }
.longest li { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 12px 16px; }
.longest blockquote { margin: 0 0 6px; font-family: Georgia, "Times New Roman", serif;
  font-size: 15.5px; line-height: 1.55; }
.longest .where { margin: 0; color: var(--muted); font-size: 13px; }
.errors { background: #fff7f7; border: 1px solid #f3c9c9; border-radius: 10px;
  padding: 10px 16px 10px 34px; }
.errors li { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px;
  white-space: pre-wrap; word-break: break-word; }
footer { margin-top: 36px; color: var(--muted); font-size: 13px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .cards li, .panel, figure, .wide, .longest li { border-color: #ccc; break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  h2 { break-after: avoid; }
  svg.chart .bar { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def render_html(report: Report) -> str:
    """Return the report as one complete, self-contained HTML5 page."""
    whole = report.manuscript
    chapters = report.chapters
    heading = f"{plural(len(chapters), 'chapter')}, {plural(whole.words, 'word')}"
    body = [
        _header(report, heading),
        _summary(report),
        _charts(report),
        _details(whole),
        _chapter_table(report),
        _longest(whole),
        _errors(report.errors),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="stylecheck {text(report.version)}">\n'
        f"<title>Editorial report: {text(heading)}</title>\n"
        f"<style>{STYLE}</style>\n"
        '</head>\n<body>\n<div class="page">\n'
        + "\n".join(part for part in body if part)
        + f"\n<footer>Written by stylecheck {text(report.version)} · report schema "
        f"{report.schema_version} · reading time at {report.words_per_minute:,} words a minute."
        "</footer>\n</div>\n</body>\n</html>\n"
    )


def _score(readability: Readability | None, name: str) -> Score | None:
    return None if readability is None else getattr(readability, name)


def _value(score: Score | None) -> str:
    return DASH if score is None else rate(score.value)


def _total_findings(section: Section) -> int | None:
    return None if section.lint is None else sum(section.lint.by_severity.values())


# The page's parts, top to bottom.


def _header(report: Report, heading: str) -> str:
    whole = report.manuscript
    lede = (
        f"{heading} · {plural(whole.sentences, 'sentence')} · "
        f"{plural(whole.paragraphs, 'paragraph')} · about {reading_time(whole.reading_minutes)} "
        "of reading"
    )
    return f'<header><h1>Editorial report</h1><p class="lede">{text(lede)}</p></header>'


def _summary(report: Report) -> str:
    """Return the headline numbers as a row of cards."""
    whole = report.manuscript
    grade = _score(whole.readability, "flesch_kincaid_grade")
    ease = _score(whole.readability, "flesch_reading_ease")
    lengths = whole.sentence_lengths
    cards = [
        (count(whole.words), "words", f"{count(whole.sentences)} sentences"),
        (
            reading_time(whole.reading_minutes),
            "reading time",
            f"{count(report.words_per_minute)} words a minute",
        ),
        (_value(grade), "Flesch–Kincaid grade", grade.band if grade else "no prose"),
        (_value(ease), "reading ease", ease.band if ease else "no prose"),
        (rate(lengths.mean), "words per sentence", f"median {rate(lengths.median)}"),
        (
            percent(whole.dialogue.share),
            "dialogue",
            f"{count(whole.dialogue.quotations)} quotations",
        ),
    ]
    findings = _total_findings(whole)
    if findings is not None:
        cards.append((count(findings), "findings", "from stylecheck check"))
    items = "".join(
        f'<li><span class="value">{text(value)}</span><span class="label">{text(label)}</span>'
        f'<span class="hint">{text(hint)}</span></li>'
        for value, label, hint in cards
    )
    return (
        '<section id="summary" aria-label="The manuscript at a glance">'
        f'<ul class="cards">{items}</ul></section>'
    )


def _details(section: Section) -> str:
    panels = [
        _readability_panel(section.readability),
        _sentences_panel(section),
        _dialogue_panel(section),
        _word_use_panel(section),
        _openings_panel(section),
        _lint_panel(section),
    ]
    return (
        '<section id="details" aria-labelledby="details-title">'
        '<h2 id="details-title">The whole manuscript</h2>'
        f'<div class="panels">{"".join(panel for panel in panels if panel)}</div></section>'
    )


def _panel(title: str, content: str) -> str:
    return f'<div class="panel"><h3>{text(title)}</h3>{content}</div>'


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{text(a)}</dt><dd>{text(b)}</dd>" for a, b in rows) + "</dl>"


def _readability_panel(readability: Readability | None) -> str:
    if readability is None:
        return _panel("Readability", f'<p class="note">{DASH} No prose to measure.</p>')
    rows = "".join(
        f"<tr><td>{text(name)}</td><td class=n>{rate(score.value)}</td>"
        f"<td>{text(score.band)}</td></tr>"
        for attribute, name, _ in FORMULAS
        for score in [getattr(readability, attribute)]
    )
    table = (
        '<table><thead><tr><th>Formula</th><th class="n">Score</th><th>Band</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return _panel("Readability", table)


def _sentences_panel(section: Section) -> str:
    lengths = section.sentence_lengths
    return _panel(
        "Sentence length",
        _rows(
            [
                ("Mean", f"{rate(lengths.mean)} words"),
                ("Median", f"{rate(lengths.median)} words"),
                ("Variety (standard deviation)", rate(lengths.stdev)),
                ("Hard to read", percent(lengths.hard_share)),
                ("Very hard to read", percent(lengths.very_hard_share)),
            ]
        )
        + '<p class="note">Hard: 14 words or more and a reading level of grade 10–14; very '
        "hard: grade 14 or above.</p>",
    )


def _dialogue_panel(section: Section) -> str:
    dialogue = section.dialogue
    verbs = ", ".join(f"{verb.word} {count(verb.count)}" for verb in dialogue.tag_verbs[:6])
    rows = [
        ("Share of words", percent(dialogue.share)),
        ("Quotations", count(dialogue.quotations)),
        ("Tagged (“she said”)", count(dialogue.tagged)),
        ("Tags with said or asked", percent(dialogue.said_asked_share)),
        ("Adverb tags per 1,000 words", rate(dialogue.adverb_tags_per_1000)),
    ]
    note = f'<p class="note">Commonest tags: {text(verbs)}.</p>' if verbs else ""
    return _panel("Dialogue", _rows(rows) + note)


def _word_use_panel(section: Section) -> str:
    use = section.word_use
    rates = [
        ("Manner adverbs (-ly)", use.adverbs),
        ("Filter words (in narration)", use.filter_words),
        ("Exclamation marks", use.exclamations),
        ("Passive (estimated)", use.passive),
    ]
    rows = "".join(
        f"<tr><td>{text(name)}</td><td class=n>{count(one.count)}</td>"
        f"<td class=n>{rate(one.per_1000)}</td></tr>"
        for name, one in rates
    )
    rows += (
        "<tr><td>Runs of 3+ sentences with the same first word</td>"
        f"<td class=n>{count(use.repeated_starts)}</td><td class=n></td></tr>"
    )
    table = (
        '<table><thead><tr><th></th><th class="n">Count</th><th class="n">Per 1,000</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return _panel("Word use", table)


def _openings_panel(section: Section) -> str:
    openings = section.word_use.openings
    if not openings:
        return ""
    rows = [(one.word, f"{percent(one.share)} ({count(one.count)})") for one in openings[:8]]
    return _panel("Commonest sentence openings", _rows(rows))


def _lint_panel(section: Section) -> str:
    if section.lint is None:
        return ""
    # The model lists every severity, most serious first (report.build).
    pills = "".join(
        f'<li><span class="pill severity-{text(name)}">{count(number)}</span> '
        f"{text(noun(number, name))}</li>"
        for name, number in section.lint.by_severity.items()
    )
    rules = list(section.lint.by_rule.items())[:TOP_RULES]
    rows = "".join(
        f"<tr><td><code>{text(rule)}</code></td><td class=n>{count(number)}</td></tr>"
        for rule, number in rules
    )
    table = (
        '<table><thead><tr><th>Rule</th><th class="n">Findings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if rows
        else '<p class="note">No findings.</p>'
    )
    return _panel("Findings", f'<ul class="severities">{pills}</ul>{table}')


def _charts(report: Report) -> str:
    """Return the six charts: four by chapter, two over the whole manuscript."""
    figures = [
        (
            "Grade level by chapter",
            "Flesch–Kincaid grade: the school year a reader needs; lower is easier. The dashed "
            "line is the whole manuscript.",
            _score_chart(report, "flesch_kincaid_grade", "chart-readability", "grade"),
        ),
        (
            "Reading ease by chapter",
            "Flesch reading ease, from 0 to 100: higher is easier. The dashed line is the whole "
            "manuscript.",
            _score_chart(report, "flesch_reading_ease", "chart-reading-ease", "reading ease"),
        ),
        (
            "Dialogue by chapter",
            "The share of each chapter's words spoken inside quotation marks. The dashed line "
            "is the whole manuscript.",
            _dialogue_chart(report),
        ),
        (
            "Adverbs and filter words by chapter",
            "Manner adverbs per 1,000 words, and filter words (saw, felt, noticed) per 1,000 "
            "words of narration.",
            _density_chart(report.chapters),
        ),
        (
            "Sentence lengths",
            "How many sentences of the manuscript have each length, in words.",
            _sentence_chart(report.manuscript),
        ),
        (
            "Overused words",
            "Words used far more often than in general English: ×N is how many times as often "
            "(bars on a log scale).",
            _overused_chart(report.manuscript),
        ),
    ]
    if len(report.chapters) < 2:
        # With one chapter the "by chapter" charts show a single bar: lead with the two
        # charts of the whole text, which say more.
        figures = figures[4:] + figures[:4]
    inner = "".join(
        f"<figure><h3>{text(title)}</h3><figcaption>{text(caption)}</figcaption>{chart}</figure>"
        for title, caption, chart in figures
    )
    return (
        '<section id="charts" aria-labelledby="charts-title">'
        f'<h2 id="charts-title">Charts</h2><div class="charts">{inner}</div></section>'
    )


def _score_chart(report: Report, formula: str, chart_id: str, what: str) -> str:
    """Return one readability formula per chapter, the manuscript's value as a dashed line."""

    def value(section: Section) -> float | None:
        score = _score(section.readability, formula)
        return None if score is None else score.value

    bars = []
    for chapter in report.chapters:
        score = _score(chapter.readability, formula)
        if score is None:
            bars.append(Bar(chapter.title, None, f"{chapter.title}: no prose to measure"))
        else:
            tooltip = f"{chapter.title}: {what} {rate(score.value)} ({score.band})"
            bars.append(Bar(chapter.title, score.value, tooltip, rate(score.value)))
    whole = value(report.manuscript)
    reference = None if whole is None else Reference(whole, f"manuscript: {what} {rate(whole)}")
    return svg.column_chart(chart_id, f"{what.capitalize()} by chapter", bars, reference=reference)


def _sentence_chart(section: Section) -> str:
    bins = []
    for one in section.sentence_lengths.histogram:
        if one.high is None:
            label = f"{one.low}+"
        elif one.high == one.low:
            label = f"{one.low}"
        else:
            label = f"{one.low}–{one.high}"
        tooltip = f"{plural(one.count, 'sentence')} of {label} words"
        bins.append(Bar(label, one.count, tooltip, count(one.count)))
    return svg.histogram("chart-sentence-lengths", "Sentence lengths in words", bins)


def _dialogue_chart(report: Report) -> str:
    share = report.manuscript.dialogue.share
    bars = [
        Bar(
            chapter.title,
            chapter.dialogue.share * 100,
            f"{chapter.title}: {percent(chapter.dialogue.share)} of words in dialogue",
            percent(chapter.dialogue.share),
        )
        for chapter in report.chapters
    ]
    return svg.column_chart(
        "chart-dialogue",
        "Share of words in dialogue by chapter",
        bars,
        unit="%",
        reference=Reference(share * 100, f"manuscript: {percent(share)}"),
    )


def _density_chart(chapters: Sequence[Section]) -> str:
    def series(name: str, colour: str, attribute: str, what: str) -> Series:
        bars = []
        for chapter in chapters:
            value = getattr(chapter.word_use, attribute).per_1000
            tooltip = f"{chapter.title}: {rate(value)} {what} per 1,000 words"
            bars.append(Bar(chapter.title, value, tooltip, rate(value)))
        return Series(name, colour, tuple(bars))

    return svg.grouped_chart(
        "chart-density",
        "Adverbs and filter words per 1,000 words by chapter",
        [chapter.title for chapter in chapters],
        [
            series("adverbs per 1,000 words", BAR, "adverbs", "adverbs"),
            series("filter words per 1,000 words", BAR_2, "filter_words", "filter words"),
        ],
    )


def _overused_chart(section: Section) -> str:
    # The factors run from about 2 to the thousands, so the bars grow with their logarithm:
    # on a linear scale one rare word would shrink every other bar to nothing.
    bars = [
        Bar(
            one.word,
            math.log10(max(one.times_expected, 1.0)),
            f"{one.word}: {plural(one.count, 'use')}, {rate(one.per_10000)} per 10,000 words, "
            f"{_times(one.times_expected)} as often as in general English",
            f"{_times(one.times_expected)} · {plural(one.count, 'use')}",
        )
        for one in section.word_use.overused[:TOP_OVERUSED]
    ]
    return svg.bar_list(
        "chart-overused", "Overused words", bars, empty="No word stands out as overused."
    )


def _times(value: float) -> str:
    """Return "×14" for large factors and "×2.5" for small ones."""
    return f"×{value:,.0f}" if value >= 10 else f"×{value:.1f}"


def _chapter_table(report: Report) -> str:
    chapters = report.chapters
    if not chapters:
        return ""
    with_lint = report.manuscript.lint is not None or any(c.lint is not None for c in chapters)
    headings = [
        ("Chapter", ""),
        ("Words", "n"),
        ("FK grade", "n"),
        ("Reading ease", "n"),
        ("Words per sentence", "n"),
        ("Dialogue", "n"),
        ("Adverbs /1k", "n"),
        ("Filter words /1k", "n"),
        ("Passive /1k", "n"),
    ]
    if with_lint:
        headings.append(("Findings", "n"))
    head = "".join(
        f'<th class="{css}" scope="col">{text(name)}</th>' if css else f"<th>{text(name)}</th>"
        for name, css in headings
    )
    rows = []
    for chapter in chapters:
        use = chapter.word_use
        cells = [
            count(chapter.words),
            _value(_score(chapter.readability, "flesch_kincaid_grade")),
            _value(_score(chapter.readability, "flesch_reading_ease")),
            rate(chapter.sentence_lengths.mean),
            percent(chapter.dialogue.share),
            rate(use.adverbs.per_1000),
            rate(use.filter_words.per_1000),
            rate(use.passive.per_1000),
        ]
        if with_lint:
            findings = _total_findings(chapter)
            cells.append(DASH if findings is None else count(findings))
        path = f'<span class="path">{text(chapter.path)}</span>' if chapter.path else ""
        rows.append(
            f'<tr><th scope="row">{text(chapter.title)}{path}</th>'
            + "".join(f"<td class=n>{text(cell)}</td>" for cell in cells)
            + "</tr>"
        )
    return (
        '<section id="chapters" aria-labelledby="chapters-title">'
        f'<h2 id="chapters-title">Chapters</h2><div class="wide"><table>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _longest(section: Section) -> str:
    longest = section.sentence_lengths.longest
    if not longest:
        return ""
    items = "".join(
        f"<li><blockquote>{text(one.text)}</blockquote>"
        f'<p class="where"><code>{text(one.path)}:{one.line}</code> · '
        f"{plural(one.words, 'word')}</p></li>"
        for one in longest
    )
    return (
        '<section id="longest" aria-labelledby="longest-title">'
        f'<h2 id="longest-title">Longest sentences</h2><ol class="longest">{items}</ol></section>'
    )


def _errors(errors: Sequence[str]) -> str:
    if not errors:
        return ""
    items = "".join(f"<li>{text(line)}</li>" for line in errors)
    return (
        '<section id="errors" aria-labelledby="errors-title">'
        '<h2 id="errors-title">Files that could not be read or checked</h2>'
        f'<ul class="errors">{items}</ul></section>'
    )
