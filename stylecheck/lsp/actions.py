"""Quick fixes for the findings under the cursor.

For each finding in the requested range:
- each of its fixes that edits prose only ("Replace with 'choked'"); the first safe one is
  marked preferred. Fixes that would edit markup are never offered;
- for spelling-like rules, adding the word to the vocabulary (a command the server runs, since
  it may create the word list);
- in Markdown, silencing the rule for the finding's paragraph with an
  `<!-- stylecheck: ignore-next RULE -->` comment above it.
"""

from __future__ import annotations

import bisect

from lsprotocol import types

from stylecheck.diagnostics import Applicability, Finding
from stylecheck.lsp.checker import Checked
from stylecheck.lsp.convert import to_diagnostic
from stylecheck.lsp.positions import LineIndex

ADD_WORD_COMMAND = "stylecheck.addToVocabulary"


def code_actions(
    checked: Checked, index: LineIndex, uri: str, version: int | None, wanted: types.Range
) -> list[types.CodeAction]:
    """Return the quick fixes for the findings that overlap `wanted` in a checked buffer.

    `index` is the buffer's line index in the position encoding of the session.
    """
    start, end = index.offset(wanted.start), index.offset(wanted.end)
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    actions: list[types.CodeAction] = []
    # Two findings of one rule in a paragraph, or of one word: one action for both.
    offered: set[tuple[str, int]] = set()
    for finding in checked.findings:
        if not (finding.span.start <= end and start <= finding.span.end):
            continue
        diagnostic = to_diagnostic(finding, index)
        actions += _fix_actions(finding, diagnostic, document, index)
        word = _single_word(checked, finding)
        if word is not None and (word, -1) not in offered:
            offered.add((word, -1))
            actions.append(_add_word_action(word, diagnostic, uri))
        comment_at = _paragraph_line_start(checked, finding)
        if comment_at is not None and (finding.rule_id, comment_at) not in offered:
            offered.add((finding.rule_id, comment_at))
            actions.append(_suppress_action(finding, diagnostic, document, index, comment_at))
    return actions


def _fix_actions(
    finding: Finding,
    diagnostic: types.Diagnostic,
    document: types.OptionalVersionedTextDocumentIdentifier,
    index: LineIndex,
) -> list[types.CodeAction]:
    actions = []
    preferred_given = False
    for fix in finding.fixes:
        if fix.touches_markup:
            continue
        preferred = fix.applicability is Applicability.SAFE and not preferred_given
        preferred_given |= preferred
        edits = [
            types.TextEdit(range=index.range(e.span.start, e.span.end), new_text=e.replacement)
            for e in fix.edits
        ]
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=preferred or None,
                edit=_edit(document, edits),
            )
        )
    return actions


def _single_word(checked: Checked, finding: Finding) -> str | None:
    """Return the word a spelling-like finding flags; None for other findings and phrases."""
    registry, document = checked.registry, checked.document
    if registry is None or document is None or not registry.get(finding.rule_id).spelling:
        return None
    word = document.source[finding.span.start : finding.span.end]
    return word if word and not any(ch.isspace() for ch in word) else None


def _add_word_action(word: str, diagnostic: types.Diagnostic, uri: str) -> types.CodeAction:
    title = f"Add '{word}' to the vocabulary"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        command=types.Command(title=title, command=ADD_WORD_COMMAND, arguments=[uri, word]),
    )


def _suppress_action(
    finding: Finding,
    diagnostic: types.Diagnostic,
    document: types.OptionalVersionedTextDocumentIdentifier,
    index: LineIndex,
    offset: int,
) -> types.CodeAction:
    comment = f"<!-- stylecheck: ignore-next {finding.rule_id} -->\n\n"
    insert = types.TextEdit(range=index.range(offset, offset), new_text=comment)
    return types.CodeAction(
        title=f"Ignore {finding.rule_id} in this paragraph",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_edit(document, [insert]),
    )


def _paragraph_line_start(checked: Checked, finding: Finding) -> int | None:
    """Return where a suppression comment for a finding's paragraph goes, if it can go anywhere.

    Markdown only (plain text has no comments), and only for a paragraph that starts a line: a
    comment inserted after a list marker or a quotation's `>` would end up inside it.
    """
    document = checked.document
    if document is None or document.format != "markdown":
        return None
    spans = [document.source_span(p.span) for p in document.paragraphs]
    at = bisect.bisect_right([s.start for s in spans], finding.span.start) - 1
    if at < 0 or finding.span.start > spans[at].end:
        return None
    start = spans[at].start
    if start and document.source[start - 1] not in "\r\n":
        return None
    return start


def _edit(
    document: types.OptionalVersionedTextDocumentIdentifier, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    """Return a workspace edit that the client applies only to the version that was checked."""
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
    )
