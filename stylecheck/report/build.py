"""Build the editorial report of a manuscript: measure each chapter, lint it, summarise.

The lint counts come from the same engine `stylecheck check` uses, with the same config and
selection, so the report and the linter agree. Each chapter is parsed once: the engine hands
its document to `measure` as soon as the chapter is checked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stylecheck import __version__
from stylecheck.diagnostics import Severity
from stylecheck.discovery import Target
from stylecheck.document import Document
from stylecheck.engine import Engine, Source
from stylecheck.packs.readability import compute_metrics
from stylecheck.report.measure import Chapter, measure
from stylecheck.report.model import Lint, Report
from stylecheck.report.summary import summarise
from stylecheck.results import FileResult

SCHEMA_VERSION = 1
OVERUSED_MANUSCRIPT = 20
OVERUSED_CHAPTER = 10


@dataclass(frozen=True)
class ReportOptions:
    """How to build the report."""

    words_per_minute: int = 250
    lint: bool = True  # False: statistics only, no lint counts (much faster on a long book)


def manuscript_order(targets: Sequence[Target], chapters: Sequence[Path]) -> list[Target]:
    """Put the files listed in `chapters` first, in that order; the rest keep their order."""
    rank = {path.resolve(): index for index, path in enumerate(chapters)}
    listed = sorted(
        (t for t in targets if t.path.resolve() in rank), key=lambda t: rank[t.path.resolve()]
    )
    return listed + [t for t in targets if t.path.resolve() not in rank]


def build_report(
    sources: Sequence[Source],
    engine: Engine,
    options: ReportOptions,
    on_chapter: Callable[[], None] | None = None,
) -> Report:
    """Measure (and unless told otherwise, lint) every source and return the report.

    `on_chapter` is called after each chapter, for a progress bar.
    """
    measured: list[Chapter | None] = []

    def done(document: Document | None) -> None:
        measured.append(measure(document) if document is not None else None)
        if on_chapter is not None:
            on_chapter()

    if options.lint:
        files = engine.run(sources, on_file=done).files
    else:
        files = []
        for source in sources:
            loaded = engine.load(source)
            files.append(loaded if isinstance(loaded, FileResult) else FileResult(loaded.path))
            done(loaded if isinstance(loaded, Document) else None)
    return _assemble(measured, files, options)


def _assemble(
    measured: Sequence[Chapter | None], files: Sequence[FileResult], options: ReportOptions
) -> Report:
    chapters = []
    kept: list[Chapter] = []
    lints: list[Lint] = []
    chapter_metrics: list[dict[str, float] | None] = []
    for chapter, file in zip(measured, files, strict=True):
        if chapter is None:
            continue
        lint = _lint(file) if options.lint else None
        # The readability pack has measured the same text when it ran; reuse its numbers.
        metrics = file.metrics.get("readability") or _metrics([chapter])
        chapter_metrics.append(metrics)
        chapters.append(
            summarise(
                [chapter],
                title=chapter.title,
                path=chapter.path,
                metrics=metrics,
                lint=lint,
                words_per_minute=options.words_per_minute,
                overused=OVERUSED_CHAPTER,
            )
        )
        kept.append(chapter)
        if lint is not None:
            lints.append(lint)
    manuscript = summarise(
        kept,
        title="Manuscript",
        path="",
        metrics=chapter_metrics[0] if len(kept) == 1 else _metrics(kept),
        lint=_total(lints) if options.lint else None,
        words_per_minute=options.words_per_minute,
        overused=OVERUSED_MANUSCRIPT,
    )
    return Report(
        version=__version__,
        schema_version=SCHEMA_VERSION,
        words_per_minute=options.words_per_minute,
        manuscript=manuscript,
        chapters=tuple(chapters),
        errors=tuple(file.error for file in files if file.error),
    )


def _metrics(chapters: Sequence[Chapter]) -> dict[str, float] | None:
    """Return textstat's metrics for the chapters' text joined by blank lines (None: no text)."""
    text = "\n\n".join(chapter.metrics_text for chapter in chapters if chapter.metrics_text)
    if not any(chapter.counts.words for chapter in chapters):
        return None
    return compute_metrics(text)


def _lint(file: FileResult) -> Lint:
    by_rule = Counter(finding.rule_id for finding in file.findings)
    by_severity = Counter(finding.severity.label for finding in file.findings)
    return _as_lint(by_rule, by_severity)


def _total(lints: Sequence[Lint]) -> Lint:
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for lint in lints:
        by_rule.update(lint.by_rule)
        by_severity.update(lint.by_severity)
    return _as_lint(by_rule, by_severity)


def _as_lint(by_rule: Counter[str], by_severity: Counter[str]) -> Lint:
    return Lint(
        by_severity={s.label: by_severity.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        by_rule=dict(sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
