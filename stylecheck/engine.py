"""Files -> documents -> packs -> findings.

This is the only place where prose offsets become file positions, and where selection,
severities, per-file ignores and suppression comments are applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from stylecheck import __version__
from stylecheck.config import ConfigFinder
from stylecheck.diagnostics import Applicability, Edit, Finding, Fix, Violation
from stylecheck.discovery import Target
from stylecheck.document import Document
from stylecheck.document.load import InputError, is_markdown, load_bytes, read_file
from stylecheck.results import FileResult, RunResult
from stylecheck.rules import CheckContext, Pack, Registry
from stylecheck.selection import Selection, known_selectors, resolve
from stylecheck.suppressions import SuppressionPack, Suppressions


def default_packs() -> list[Pack]:
    """Return a fresh instance of every built-in pack, in reporting order."""
    from stylecheck.packs.proselint import ProselintPack
    from stylecheck.packs.readability import ReadabilityPack

    return [ProselintPack(), ReadabilityPack()]


def build_registry(packs: Sequence[Pack]) -> Registry:
    """Build the run's registry: the given packs plus the suppression-comment checker."""
    known = known_selectors(Registry(packs)) | {"stylecheck", "stylecheck.invalid-suppression"}
    return Registry([*packs, SuppressionPack(known.__contains__)])


@dataclass
class Source:
    """Text to check: a file on disk, or bytes read from standard input."""

    display: str
    path: Path  # for config lookup and per-file ignores
    data: bytes | None = None  # None: read `path`
    markdown: bool | None = None  # None: decide by suffix

    @classmethod
    def from_target(cls, target: Target) -> Source:
        """Return the source for a discovered file."""
        return cls(target.display, target.path)


class Engine:
    """Check sources with one registry and config finder, serially."""

    def __init__(
        self,
        registry: Registry,
        finder: ConfigFinder,
        cli_select: tuple[str, ...] | None = None,
        cli_ignore: tuple[str, ...] = (),
    ) -> None:
        self.registry = registry
        self.finder = finder
        self.cli_select = cli_select
        self.cli_ignore = cli_ignore
        self._selections: dict[Path | None, Selection] = {}

    def selection_for(self, path: Path) -> Selection:
        """Return the resolved selection for the config that governs `path`."""
        config = self.finder.for_path(path)
        # Configs are keyed by their file; every folder without one shares the defaults.
        key = config.path
        if key not in self._selections:
            self._selections[key] = resolve(self.registry, config, self.cli_select, self.cli_ignore)
        return self._selections[key]

    def run(self, sources: Sequence[Source]) -> RunResult:
        """Check every source and collect the results in the given order."""
        files = [self.check_source(source) for source in sources]
        used = {f.rule_id for fr in files for f in fr.findings}
        enabled = {rid for sel in self._selections.values() for rid in sel.enabled} | used
        rules = {rid: self.registry.get(rid) for rid in sorted(enabled)}
        return RunResult(files=files, rules=rules, version=__version__)

    def check_source(self, source: Source) -> FileResult:
        """Read, parse and check one source; input problems become the result's error."""
        selection = self.selection_for(source.path)
        try:
            data = source.data if source.data is not None else read_file(source.path)
            markdown = source.markdown if source.markdown is not None else is_markdown(source.path)
            document = load_bytes(source.display, data, markdown=markdown)
        except InputError as err:
            return FileResult(source.display, error=f"{source.display}: {err}")
        return self.check_document(document, selection, source.path)

    def check_document(self, document: Document, selection: Selection, path: Path) -> FileResult:
        """Run every pack with enabled rules over a document and locate the findings."""
        enabled = selection.enabled_for(path)
        context = CheckContext(enabled=enabled, options=selection.options)
        suppressions = Suppressions(document)
        findings: list[Finding] = []
        failures: list[str] = []
        for pack in self.registry.packs:
            if enabled.isdisjoint(self.registry.rule_ids_by_pack[pack.name]):
                continue
            try:
                violations = list(pack.check(document, context))
            except Exception as err:  # a bug in one pack must not lose the other packs' work
                failures.append(
                    f"internal error in the {pack.name} pack ({type(err).__name__}: "
                    f"{err}); please report it"
                )
                continue
            for violation in violations:
                if violation.rule_id not in enabled:
                    continue
                finding = locate(document, violation, selection)
                if suppressions and suppressions.is_suppressed(finding.rule_id, finding.span.start):
                    continue
                findings.append(finding)
        findings.sort(key=lambda f: f.sort_key)
        error = f"{document.path}: {'; '.join(failures)}" if failures else None
        return FileResult(document.path, findings, dict(context.metrics), error)


def locate(document: Document, violation: Violation, selection: Selection) -> Finding:
    """Turn a violation in prose coordinates into a finding with file positions."""
    span = violation.markup or document.source_span(violation.span)
    return Finding(
        path=document.path,
        rule_id=violation.rule_id,
        severity=selection.severities[violation.rule_id],
        message=violation.message,
        span=span,
        start=document.position(span.start),
        end=document.position(span.end),
        fixes=tuple(_locate_fix(document, fix) for fix in violation.fixes),
    )


def _locate_fix(document: Document, fix: Fix) -> Fix:
    edits = tuple(Edit(document.source_span(e.span), e.replacement) for e in fix.edits)
    # An edit that would touch markup (or text the parser rewrote) is never applied.
    touches_markup = not all(document.is_verbatim(e.span) for e in edits)
    applicability = Applicability.DISPLAY if touches_markup else fix.applicability
    return replace(fix, edits=edits, applicability=applicability)
