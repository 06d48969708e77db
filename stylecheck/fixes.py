"""Apply the fixes of findings to files: `check --fix`, `--unsafe-fixes` and `--diff`.

A run checks the files, applies at most one fix per finding (its first fix that is allowed),
checks the fixed texts again, and goes on until nothing more can be fixed; the findings that
remain are the last check's. Files are only written at the end, atomically, keeping the BOM and
the line endings (edits replace only what they span), and only when the file on disk is still
what was checked. Fixes that would touch markup were made display-only by the engine.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from stylecheck.atomic import write_bytes_atomically
from stylecheck.diagnostics import Applicability, Edit, Finding, Fix, Span
from stylecheck.document import Document
from stylecheck.document.load import BOM, is_markdown
from stylecheck.engine import Engine, Source
from stylecheck.results import RunResult

# A fix can make another possible (or, with a rule bug, undo one): stop after this many rounds.
MAX_ROUNDS = 10


@dataclass
class FixedText:
    """One file's text before and after its fixes."""

    source: Source
    original: str  # as read, without the BOM
    fixed: str
    has_bom: bool
    applied: int  # fixes applied over all rounds


@dataclass
class FixRun:
    """What a fixing run found in the fixed texts, and the texts it changed."""

    result: RunResult
    changed: list[FixedText]

    @property
    def applied(self) -> int:
        """Return the number of fixes applied."""
        return sum(text.applied for text in self.changed)


def allowed_fixes(unsafe: bool) -> frozenset[Applicability]:
    """Return the kinds of fix a run applies: safe ones, and unsafe ones when asked."""
    if unsafe:
        return frozenset({Applicability.SAFE, Applicability.UNSAFE})
    return frozenset({Applicability.SAFE})


def fix_sources(
    engine: Engine, sources: Sequence[Source], allowed: frozenset[Applicability]
) -> FixRun:
    """Check `sources`, apply their fixes in memory round after round, and check again."""
    current = list(sources)
    texts: dict[int, FixedText] = {}  # by the source's place in the run
    documents: list[Document | None] = []
    result = engine.run(current, on_file=documents.append)
    for _ in range(MAX_ROUNDS):
        changed = False
        for index, (document, file_result) in enumerate(zip(documents, result.files, strict=True)):
            if document is None or file_result.error:
                continue  # unreadable, or a pack failed: its findings are incomplete
            edits = choose_edits(file_result.findings, allowed)
            if not edits:
                continue
            fixed = apply_edits(document.source, [edit for _, edit in edits])
            entry = texts.setdefault(
                index,
                FixedText(current[index], document.source, fixed, document.has_bom, 0),
            )
            entry.fixed = fixed
            entry.applied += len({id(fix) for fix, _ in edits})
            current[index] = _in_memory(current[index], fixed, document.has_bom)
            changed = True
        if not changed:
            break
        documents = []
        result = engine.run(current, on_file=documents.append)
    changed_texts = [text for text in texts.values() if text.fixed != text.original]
    return FixRun(result, changed_texts)


def choose_edits(
    findings: Iterable[Finding], allowed: frozenset[Applicability]
) -> list[tuple[Fix, Edit]]:
    """Pick each finding's first allowed fix, leaving out fixes that clash with one picked.

    Fixes are taken in the order of their first edit, then rule id and title, so the choice
    between two overlapping fixes is the same on every run: the earlier one wins.
    """
    candidates = []
    for finding in findings:
        fix = next((f for f in finding.fixes if f.applicability in allowed and f.edits), None)
        if fix is not None:
            first = min(edit.span for edit in fix.edits)
            candidates.append((first, finding.rule_id, fix.title, fix))
    chosen: list[tuple[Fix, Edit]] = []
    for *_, fix in sorted(candidates, key=lambda c: c[:3]):
        if any(_clash(edit.span, taken.span) for edit in fix.edits for _, taken in chosen):
            continue
        chosen += [(fix, edit) for edit in fix.edits]
    return chosen


def _clash(a: Span, b: Span) -> bool:
    """Tell whether two edits cannot both be made: they overlap, or start at one place."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Return `text` with non-clashing edits made (source coordinates of `text`)."""
    parts: list[str] = []
    position = len(text)
    for edit in sorted(edits, key=lambda e: e.span, reverse=True):
        parts += [text[edit.span.end : position], edit.replacement]
        position = edit.span.start
    parts.append(text[:position])
    return "".join(reversed(parts))


def _in_memory(source: Source, text: str, has_bom: bool) -> Source:
    """Return the source with its fixed text, to be checked again."""
    markdown = source.markdown if source.markdown is not None else is_markdown(source.path)
    return replace(source, data=_encode(text, has_bom), markdown=markdown)


def _encode(text: str, has_bom: bool) -> bytes:
    return ((BOM if has_bom else "") + text).encode("utf-8")


def unified_diff(text: FixedText) -> str:
    """Return the change to one file as a unified diff.

    Relative paths get git's `a/` and `b/` prefixes (`patch -p1`); absolute ones are given as
    they are (`patch -p0`), since `a//tmp/...` names no file.
    """
    name = text.source.display
    absolute = Path(name).is_absolute()
    lines = difflib.unified_diff(
        text.original.splitlines(keepends=True),
        text.fixed.splitlines(keepends=True),
        fromfile=name if absolute else f"a/{name}",
        tofile=name if absolute else f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_fixed(text: FixedText) -> str | None:
    """Write a fixed file atomically; return an error line instead when it cannot be done.

    A file that changed on disk since it was read is left alone: the writer's edit wins.
    """
    path: Path = text.source.path
    try:
        if path.read_bytes() != _encode(text.original, text.has_bom):
            return f"{text.source.display}: changed while it was being fixed; not written"
        write_bytes_atomically(path, _encode(text.fixed, text.has_bom))
    except OSError as err:
        return f"{text.source.display}: cannot be written ({err.strerror or err})"
    return None
