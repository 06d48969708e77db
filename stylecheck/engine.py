"""Files -> documents -> packs -> findings.

This is the only place where prose offsets become file positions, and where selection,
severities, per-file ignores and suppression comments are applied.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from stylecheck import __version__, resultcache
from stylecheck.config import Config, ConfigError, ConfigFinder
from stylecheck.diagnostics import Applicability, Edit, Finding, Fix, Severity, Span, Violation
from stylecheck.discovery import Target
from stylecheck.document import Document
from stylecheck.document.load import InputError, is_markdown, load_bytes, read_file
from stylecheck.parallel import (
    MIN_PARALLEL_CHARS,
    ParagraphWork,
    Prefetched,
    Recorded,
    WorkerPool,
)
from stylecheck.resultcache import ResultCache
from stylecheck.results import FileResult, RunResult
from stylecheck.rules import CheckContext, Pack, PackUnavailable, Registry, has_paragraph_tasks
from stylecheck.selection import EnabledRules, Selection, known_selectors, resolve
from stylecheck.suppressions import SuppressionPack, Suppressions
from stylecheck.vocabulary import NameLearner, Vocabulary, VocabularyError, WordList


def default_packs() -> list[Pack]:
    """Return a fresh instance of every built-in pack, the most specialised first.

    The order decides which finding is kept when two packs flag the same problem at the same
    place (see `drop_overlaps`).
    """
    from stylecheck.packs.data import merge_packs, shipped_packs
    from stylecheck.packs.dialogue import DialoguePack
    from stylecheck.packs.harper import HarperPack
    from stylecheck.packs.languagetool import LanguageToolPack
    from stylecheck.packs.proselint import ProselintPack
    from stylecheck.packs.readability import ReadabilityPack
    from stylecheck.packs.typography import TypographyPack
    from stylecheck.packs.vocabulary import VocabularyPack
    from stylecheck.packs.words import WordsPack

    packs: list[Pack] = [
        VocabularyPack(),
        DialoguePack(),
        WordsPack(),  # merged with the shipped rules/words data pack
        *shipped_packs(),
        TypographyPack(),
        ProselintPack(),
        HarperPack(),
        ReadabilityPack(),
        LanguageToolPack(),
    ]
    return merge_packs(packs)


def build_registry(packs: Sequence[Pack]) -> Registry:
    """Build the run's registry: the given packs plus the suppression-comment checker."""
    base = Registry(packs)
    known = known_selectors(base) | {"stylecheck", "stylecheck.invalid-suppression"}
    return Registry([*packs, SuppressionPack(lambda s: s in known or base.is_open(s))])


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


# Called by `Engine.run` as each file is done: its document, or None when it was unreadable.
FileCallback = Callable[[Document | None], None]


class Engine:
    """Check sources with one registry and config finder.

    With `jobs` above 1, paragraph work (Harper) may go to that many worker processes; the
    output is the same as with one job (see `stylecheck.parallel`).
    """

    def __init__(
        self,
        registry: Registry,
        finder: ConfigFinder,
        cli_select: tuple[str, ...] | None = None,
        cli_ignore: tuple[str, ...] = (),
        cache: ResultCache | None = None,
        jobs: int = 1,
    ) -> None:
        self.registry = registry
        self.finder = finder
        self.cli_select = cli_select
        self.cli_ignore = cli_ignore
        self.cache = cache
        self.jobs = jobs
        # Whether each pack's result for a whole file goes into the cache. The language server
        # turns it off for text not yet saved: a draft between keystrokes is never seen again.
        # Paragraph results are kept either way (an edit leaves the other paragraphs alone).
        self.remember_files = True
        self._prefetched: Prefetched | None = None
        self._selections: dict[Path | None, Selection] = {}
        self._vocabularies: dict[Path | None, Vocabulary] = {}
        self._fingerprints: dict[Path | None, str] = {}
        self._names = NameLearner([])

    def selection_for(self, path: Path) -> Selection:
        """Return the resolved selection for the config that governs `path`."""
        config = self.finder.for_path(path)
        # Configs are keyed by their file; every folder without one shares the defaults.
        key = config.path
        if key not in self._selections:
            self._selections[key] = resolve(self.registry, config, self.cli_select, self.cli_ignore)
        return self._selections[key]

    def run(
        self,
        sources: Sequence[Source],
        on_file: FileCallback | None = None,
        manuscript: NameLearner | None = None,
    ) -> RunResult:
        """Check every source and collect the results in the given order.

        Every file is read first, so that names learned from the whole manuscript are known
        before any file is checked. `manuscript` adds names learned from files outside the run
        (the language server checks one chapter of a manuscript). `on_file` is called as each
        file is done, with its parsed document (None when it could not be read); the editorial
        report measures it there.
        """
        loaded = deque((source, self.load(source)) for source in sources)
        documents = [doc for _, doc in loaded if isinstance(doc, Document)]
        self._names = NameLearner(documents)
        if manuscript is not None:
            self._names = NameLearner.combined([self._names, manuscript])
        texts = {doc.path: doc.source for doc in documents}
        # Each document is let go once checked: a whole manuscript's parses need not all be
        # held at once.
        del documents
        self._vocabularies = {}  # they hold the names, which belong to this run's files
        self._fingerprints = {}  # and so do these
        files: list[FileResult] = []
        pool = self._start_workers(loaded)
        try:
            while loaded:
                source, doc = loaded.popleft()
                if isinstance(doc, Document):
                    selection = self.selection_for(source.path)
                    files.append(self.check_document(doc, selection, source.path))
                else:
                    files.append(doc)
                if on_file is not None:
                    on_file(doc if isinstance(doc, Document) else None)
        finally:
            self._prefetched = None
            if pool is not None:
                pool.close()
        report_recurring_once(files, texts, self.registry)
        used = {f.rule_id for fr in files for f in fr.findings}
        enabled = {rid for sel in self._selections.values() for rid in sel.enabled} | used
        rules = {rid: self.registry.get(rid) for rid in sorted(enabled)}
        return RunResult(files=files, rules=rules, version=__version__, texts=texts)

    def _start_workers(
        self, loaded: Sequence[tuple[Source, Document | FileResult]]
    ) -> WorkerPool | None:
        """Give the run's uncached paragraph work to worker processes, when it is worth it.

        Every pack with paragraph tasks is asked, document by document, which paragraphs it
        would check; the tasks go to the workers in that order, so the first documents' answers
        come first. Returns the pool, or None when the run is checked here alone.
        """
        if self.jobs < 2:
            return None
        recorded = Recorded([])
        for source, doc in loaded:
            if not isinstance(doc, Document):
                continue
            selection = self.selection_for(source.path)
            context = self._context(selection, source.path)
            for pack in self.registry.packs:
                if has_paragraph_tasks(pack) and self._runs(pack, context):
                    try:
                        self._pack_violations(pack, doc, context, selection, recorded)
                    except Exception:  # the second pass runs the pack again and reports it
                        continue
        if recorded.size < MIN_PARALLEL_CHARS:
            return None
        pool = WorkerPool(self.jobs)
        self._prefetched = pool.submit(recorded)
        return pool

    def check_source(self, source: Source) -> FileResult:
        """Read, parse and check one source on its own (names are learned from it alone)."""
        return self.run([source]).files[0]

    def load(self, source: Source) -> Document | FileResult:
        """Read and parse one source; an input problem becomes a FileResult with its error."""
        try:
            data = source.data if source.data is not None else read_file(source.path)
            markdown = source.markdown if source.markdown is not None else is_markdown(source.path)
            return load_bytes(source.display, data, markdown=markdown)
        except InputError as err:
            return FileResult(source.display, error=f"{source.display}: {err}")

    def vocabulary_for(self, selection: Selection) -> Vocabulary:
        """Return the vocabulary of a config: its word lists plus the learned names."""
        key = selection.config.path
        if key not in self._vocabularies:
            settings = selection.config.vocabulary
            root = selection.config.root
            where = f"{key or 'configuration'}: vocabulary"
            try:
                accept = WordList.load(
                    [root / p for p in settings.accept], settings.accept_words, where
                )
                reject = WordList.load(
                    [root / p for p in settings.reject], settings.reject_words, where
                )
            except VocabularyError as err:
                raise ConfigError(str(err)) from None
            names = (
                self._names.names(settings.names_min_count) if settings.learn_names else frozenset()
            )
            self._vocabularies[key] = Vocabulary(accept, reject, names)
        return self._vocabularies[key]

    def check_document(self, document: Document, selection: Selection, path: Path) -> FileResult:
        """Run every pack with enabled rules over a document and locate the findings."""
        context = self._context(selection, path)
        enabled, vocabulary = context.enabled, context.vocabulary
        suppressions = Suppressions(document)
        findings: list[Finding] = []
        failures: list[str] = []
        packs = [pack for pack in self.registry.packs if self._runs(pack, context)]
        outcomes = self._run_packs(packs, document, context, selection)
        for pack in packs:  # in the registry's order, whatever order they ran in
            violations = outcomes[pack.name]
            if isinstance(violations, str):
                failures.append(violations)
                continue
            for violation in violations:
                if violation.rule_id not in enabled:
                    continue
                rule = self.registry.get(violation.rule_id)
                if rule.spelling and vocabulary.accepts(
                    document.prose[violation.span.start : violation.span.end]
                ):
                    continue
                finding = locate(document, violation, selection.severity_of(rule))
                if suppressions and suppressions.is_suppressed(finding.rule_id, finding.span.start):
                    continue
                findings.append(finding)
        findings = drop_overlaps(findings, self.registry)
        findings.sort(key=lambda f: f.sort_key)
        error = f"{document.path}: {'; '.join(failures)}" if failures else None
        metrics = {p.name: context.metrics[p.name] for p in packs if p.name in context.metrics}
        return FileResult(document.path, findings, metrics, error)

    def _run_packs(
        self,
        packs: Sequence[Pack],
        document: Document,
        context: CheckContext,
        selection: Selection,
    ) -> dict[str, list[Violation] | str]:
        """Run the packs over a document: each one's violations, or its failure message.

        Packs whose paragraphs the workers may be checking run last, so that this process does
        the other packs' work meanwhile instead of waiting for the workers' answers.
        """
        outcomes: dict[str, list[Violation] | str] = {}
        for pack in sorted(packs, key=has_paragraph_tasks):
            try:
                outcomes[pack.name] = self._pack_violations(pack, document, context, selection)
            except PackUnavailable:
                raise  # a configured engine that cannot run stops the run: no partial results
            except Exception as err:  # a bug in one pack must not lose the other packs' work
                outcomes[pack.name] = (
                    f"internal error in the {pack.name} pack ({type(err).__name__}: "
                    f"{err}); please report it"
                )
        return outcomes

    def _context(self, selection: Selection, path: Path) -> CheckContext:
        """Return what the packs need to check the file at `path`."""
        return CheckContext(
            enabled=selection.enabled_for(path),
            options=selection.options,
            language=selection.config.language,
            vocabulary=self.vocabulary_for(selection),
            config=selection.config,
        )

    def _runs(self, pack: Pack, context: CheckContext) -> bool:
        """Tell whether a pack has enabled rules (an open pack's are only known as it runs)."""
        enabled = context.enabled
        assert isinstance(enabled, EnabledRules)
        static_ids = self.registry.rule_ids_by_pack[pack.name]
        return pack.name in self.registry.open_packs or not enabled.static.isdisjoint(static_ids)

    def _pack_violations(
        self,
        pack: Pack,
        document: Document,
        context: CheckContext,
        selection: Selection,
        recorded: Recorded | None = None,
    ) -> list[Violation]:
        """Run a pack over a document, or take what it found last time from the cache.

        LanguageTool's results depend on a server, which may change, so they are not cached.
        With `recorded`, nothing is checked: the paragraph tasks the pack would run are
        recorded for the workers (see `_start_workers`).
        """
        memo = None
        if self.cache is None or pack.name in self.registry.open_packs:
            entry = None
        else:
            prefix, entry = self._cache_keys(pack, document, context, selection)
            stored = self.cache.get(entry)
            if stored is not None and recorded is not None:
                return []  # nothing for the workers; the second pass decodes it
            if stored is not None:
                violations, metrics = resultcache.decode(stored)
                if metrics is not None:
                    context.metrics[pack.name] = metrics
                return violations
            memo = resultcache.ParagraphMemo(self.cache, prefix)
        context.paragraph_work = ParagraphWork(pack.name, memo, self._prefetched, recorded)
        try:
            violations = list(pack.check(document, context))
        finally:
            context.paragraph_work = None
        if entry is not None and recorded is None and self.remember_files:
            self.cache.put(entry, resultcache.encode(violations, context.metrics.get(pack.name)))
        return violations

    def _cache_keys(
        self, pack: Pack, document: Document, context: CheckContext, selection: Selection
    ) -> tuple[str, str]:
        """Return a pack's cache key without the document (for paragraphs) and with it."""
        enabled = context.enabled
        assert isinstance(enabled, EnabledRules)
        rule_ids = sorted(enabled.static & self.registry.rule_ids_by_pack[pack.name])
        options = {rid: selection.options[rid] for rid in rule_ids if rid in selection.options}
        prefix = resultcache.key(
            self._fingerprint(selection),
            pack.name,
            json.dumps(rule_ids),
            json.dumps(options, sort_keys=True, default=repr),
        )
        return prefix, resultcache.key(prefix, document.format, document.source)

    def _fingerprint(self, selection: Selection) -> str:
        """Return the hash of what a config's results depend on besides the document.

        The code, the config itself, the writer's rule folders and the vocabulary with the
        names learned from this run's files.
        """
        config = selection.config
        if config.path not in self._fingerprints:
            vocabulary = self.vocabulary_for(selection)
            self._fingerprints[config.path] = resultcache.key(
                resultcache.code_fingerprint(),
                repr(config),
                rule_folders_fingerprint(config),
                vocabulary.fingerprint(),
            )
        return self._fingerprints[config.path]


def rule_folders_fingerprint(config: Config) -> str:
    """Return a hash of the files in a config's `rules-dirs` (the writer's own rules)."""
    parts: list[str] = []
    for folder in config.rules_dirs:
        root = config.root / folder
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            if path.is_file():
                parts += [path.relative_to(root).as_posix(), path.read_bytes().hex()]
    return resultcache.key(*parts)


def locate(document: Document, violation: Violation, severity: Severity) -> Finding:
    """Turn a violation in prose coordinates into a finding with file positions."""
    span = violation.markup or document.source_span(violation.span)
    return Finding(
        path=document.path,
        rule_id=violation.rule_id,
        severity=severity,
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
    return replace(fix, edits=edits, applicability=applicability, touches_markup=touches_markup)


# A spelling-like finding for the same word this many times in one run is reported once: a
# typo is rarely made the same way three times, a deliberate word usually recurs.
RECURRING_UNKNOWN = 3


def report_recurring_once(
    files: Sequence[FileResult], texts: Mapping[str, str], registry: Registry
) -> None:
    """Keep only the first finding for a word a spelling rule flags again and again.

    A word flagged many times is usually right (a name, an invented word) and belongs in the
    vocabulary; repeating the finding at every occurrence would bury everything else.
    """
    groups: dict[tuple[str, str], list[Finding]] = {}
    for result in files:
        for finding in result.findings:
            if registry.get(finding.rule_id).spelling:
                word = texts[finding.path][finding.span.start : finding.span.end]
                groups.setdefault((finding.rule_id, word), []).append(finding)
    dropped: set[int] = set()
    replaced: dict[int, Finding] = {}
    for (_, word), group in groups.items():
        if len(group) < RECURRING_UNKNOWN:
            continue
        first, *rest = group
        dropped.update(id(f) for f in rest)
        note = (
            f" ('{word}' is flagged {len(group)} times; if it is right, add it to the vocabulary)"
        )
        replaced[id(first)] = replace(first, message=first.message + note)
    for result in files:
        result.findings = [replaced.get(id(f), f) for f in result.findings if id(f) not in dropped]


def drop_overlaps(findings: list[Finding], registry: Registry) -> list[Finding]:
    """Report a problem once when rules of different packs flag it at the same place.

    Two findings are the same problem when their rules declare the same topic and their spans
    overlap, or when they flag exactly the same text ("very unique" seen by proselint and
    Harper). Of such findings the one with the narrowest span is kept; on a tie, the rule of
    the pack listed first in the registry (the more specialised pack).
    """
    pack_order = {pack.name: index for index, pack in enumerate(registry.packs)}
    kept: set[int] = set()
    pack_at: dict[Span, str] = {}  # span -> the pack whose finding there was kept
    kept_by_topic: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (len(f.span), pack_order[_pack(f)])):
        pack = _pack(finding)
        if pack_at.get(finding.span, pack) != pack:
            continue
        topic = registry.get(finding.rule_id).topic
        if topic is not None:
            rivals = kept_by_topic.setdefault(topic, [])
            if any(_pack(k) != pack and _overlaps(finding, k) for k in rivals):
                continue
            rivals.append(finding)
        pack_at.setdefault(finding.span, pack)
        kept.add(id(finding))
    return [f for f in findings if id(f) in kept]


def _pack(finding: Finding) -> str:
    return finding.rule_id.split(".", 1)[0]


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end
