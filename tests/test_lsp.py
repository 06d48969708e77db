"""The language server in a real session: a pygls client talks to `stylecheck lsp` over stdio.

The client is independent of the server's code: it applies edits and measures positions in
UTF-16 itself.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

TIMEOUT = 300  # seconds for one answer: the first check loads Harper's dictionary

CHAPTER = (
    "# One\n"
    "\n"
    "She chocked back tears and did not recieve the letter.\n"
    "\n"
    "It was \N{GRINNING FACE} a very unique plan and she knew it.\n"
    "\n"
    '"Fine," she shrugged.\n'
)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _offset(text: str, position: types.Position) -> int:
    """Return the code-point offset of an LSP (UTF-16) position, computed independently."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    units = lines[position.line].encode("utf-16-le")[: position.character * 2]
    return before + len(units.decode("utf-16-le"))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits the way a client does: all ranges refer to the text before them."""
    spans = [(_offset(text, e.range.start), _offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Session:
    """A client session with the server, collecting the diagnostics it publishes."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.changed = asyncio.Event()
        self.messages: list[str] = []
        self.log: list[str] = []
        self.stderr = ""

    async def diagnostics(
        self, uri: str, accept: Callable[[list[types.Diagnostic]], bool] = lambda d: True
    ) -> list[types.Diagnostic]:
        """Wait for a publication for `uri` that `accept` likes, and return its diagnostics."""

        async def wait() -> list[types.Diagnostic]:
            seen = 0
            while True:
                batches = self.published.get(uri, [])
                for batch in batches[seen:]:
                    if accept(list(batch.diagnostics)):
                        return list(batch.diagnostics)
                seen = len(batches)
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    def open(self, uri: str, text: str) -> None:
        item = types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def actions(self, uri: str, where: types.Range) -> list[types.CodeAction]:
        answer = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=where,
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        return [a for a in answer or [] if isinstance(a, types.CodeAction)]


def _tell_code_actions_from_commands(client: LanguageClient) -> None:
    """Read a code action that carries only a command as a code action, not as a command.

    pygls's client reads such an action as a Command, since both have `title` and `command`;
    the protocol tells them apart by the type of `command`: a string in a Command.
    """
    converter = client.protocol._converter

    def structure(value: Any, _: object) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(value.get("command"), str) else types.CodeAction
        return converter.structure(value, kind)

    converter.register_structure_hook(types.Command | types.CodeAction, structure)  # type: ignore[arg-type]


def _run_session(
    folders: list[Path], body: Callable[[Session], Awaitable[None]], *options: str
) -> int:
    """Start the server, initialise it with workspace folders, run `body`, shut down cleanly.

    Returns the server's exit status.
    """

    async def main() -> int:
        client = LanguageClient("stylecheck-tests", "1")
        _tell_code_actions_from_commands(client)
        session = Session(client)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            session.published.setdefault(params.uri, []).append(params)
            session.changed.set()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            session.log.append(params.message)

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            session.messages.append(params.message)

        env = {k: v for k, v in os.environ.items() if k != "STYLECHECK_NO_CACHE"}
        await client.start_io(sys.executable, "-m", "stylecheck", "lsp", *options, env=env)
        # The server's standard error is a pipe: read it, or a chatty server would block.
        assert client._server is not None and client._server.stderr is not None
        stderr = asyncio.create_task(client._server.stderr.read())
        capabilities = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    version_support=True
                ),
            ),
            workspace=types.WorkspaceClientCapabilities(workspace_folders=True),
        )
        workspace = [types.WorkspaceFolder(from_fs_path(str(f)), f.name) for f in folders]
        result = await client.initialize_async(
            types.InitializeParams(
                capabilities=capabilities,
                process_id=os.getpid(),
                workspace_folders=workspace,
            )
        )
        assert result.server_info is not None and result.server_info.name == "stylecheck"
        client.initialized(types.InitializedParams())
        try:
            await body(session)
        finally:
            await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
            client.exit(None)
            await asyncio.wait_for(client.stop(), TIMEOUT)
            session.stderr = (await stderr).decode("utf-8", "replace")
            print(session.stderr, file=sys.stderr)  # pytest shows it when the test fails
        return await client._server.wait()

    return asyncio.run(main())


def _rules(diagnostics: list[types.Diagnostic]) -> list[Any]:
    return [d.code for d in diagnostics]


def test_a_session_gives_diagnostics_and_quick_fixes_that_clear_them(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    chapter = folder / "chapter.md"
    chapter.write_text(CHAPTER, encoding="utf-8")
    uri = from_fs_path(str(chapter))

    async def body(session: Session) -> None:
        text = CHAPTER
        session.open(uri, text)
        diagnostics = await session.diagnostics(uri)
        by_rule = {d.code: d for d in diagnostics}
        assert {"words.confused", "harper.SpellCheck", "proselint.uncomparables"} <= set(by_rule)

        # Positions: 0-based lines, UTF-16 characters (the emoji before "very unique" is 2).
        confused = by_rule["words.confused"]
        assert (confused.range.start.line, confused.range.start.character) == (2, 4)
        assert (confused.range.end.line, confused.range.end.character) == (2, 16)
        line = text.split("\n")[4]
        action_tag = by_rule["dialogue.action-tag"]
        assert action_tag.range.start.line == 6
        unique = by_rule["proselint.uncomparables"]
        assert unique.range.start.character == _utf16(line[: line.index("very unique")]) == 12
        # Severities map to the protocol's; the code links to the rule's documentation.
        assert confused.severity == types.DiagnosticSeverity.Error
        assert unique.severity == types.DiagnosticSeverity.Warning
        assert action_tag.severity == types.DiagnosticSeverity.Information
        assert confused.source == "stylecheck"
        assert confused.code_description is not None
        href = confused.code_description.href
        assert href.startswith("file://") and href.endswith("rules.md#wordsconfused")
        assert Path(to_path(href)).is_file()

        # A quick fix, applied by the client, makes the diagnostic go away.
        actions = await session.actions(uri, confused.range)
        replace = next(a for a in actions if a.title == "Replace with 'choked back'")
        assert replace.edit is not None and replace.edit.document_changes
        change = replace.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.version == 1
        text = _apply(text, list(change.edits))  # type: ignore[arg-type]
        assert "She choked back tears" in text
        session.change(uri, 2, text)
        diagnostics = await session.diagnostics(uri, lambda d: "words.confused" not in _rules(d))
        assert "harper.SpellCheck" in _rules(diagnostics)

        # Suppressing a rule for the paragraph inserts a comment above it.
        unique = next(d for d in diagnostics if d.code == "proselint.uncomparables")
        actions = await session.actions(uri, unique.range)
        ignore = next(a for a in actions if a.title.startswith("Ignore proselint.uncomparables"))
        assert ignore.edit is not None and ignore.edit.document_changes
        change = ignore.edit.document_changes[0]
        assert isinstance(change, types.TextDocumentEdit)
        text = _apply(text, list(change.edits))  # type: ignore[arg-type]
        assert "<!-- stylecheck: ignore-next proselint.uncomparables -->\n\nIt was" in text
        session.change(uri, 3, text)
        diagnostics = await session.diagnostics(
            uri, lambda d: "proselint.uncomparables" not in _rules(d)
        )
        assert "harper.SpellCheck" in _rules(diagnostics)

        # Adding a word to the vocabulary: the server writes the word list, then re-checks.
        spelling = next(d for d in diagnostics if d.code == "harper.SpellCheck")
        actions = await session.actions(uri, spelling.range)
        add = next(a for a in actions if a.title == "Add 'recieve' to the vocabulary")
        assert add.command is not None
        await session.client.workspace_execute_command_async(
            types.ExecuteCommandParams(add.command.command, add.command.arguments)
        )
        await session.diagnostics(uri, lambda d: "harper.SpellCheck" not in _rules(d))
        assert (folder / "vocabulary.txt").read_text(encoding="utf-8") == "recieve\n"
        assert 'accept = ["vocabulary.txt"]' in (folder / ".stylecheck.toml").read_text()

        # A config change counts without a restart.
        config = folder / ".stylecheck.toml"
        config.write_text('ignore = ["dialogue"]\n' + config.read_text(), encoding="utf-8")
        session.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(from_fs_path(str(config)), types.FileChangeType.Changed)]
            )
        )
        await session.diagnostics(uri, lambda d: "dialogue.action-tag" not in _rules(d))

    assert _run_session([folder], body) == 0
    assert chapter.read_text(encoding="utf-8") == CHAPTER  # the client owns the buffer


def to_path(uri: str) -> str:
    from pygls.uris import to_fs_path

    path = to_fs_path(uri.split("#", 1)[0])
    assert path is not None
    return path


def test_each_workspace_folder_has_its_config_and_edits_are_debounced(tmp_path: Path) -> None:
    strict, relaxed = tmp_path / "strict", tmp_path / "relaxed"
    for folder in (strict, relaxed):
        folder.mkdir()
        (folder / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    (relaxed / "stylecheck.toml").write_text('ignore = ["words", "dialogue"]\n', encoding="utf-8")
    (strict / ".stylecheck_cache").mkdir()
    (strict / ".stylecheck_cache" / "results.sqlite3").write_text("not a database")
    strict_uri = from_fs_path(str(strict / "chapter.md"))
    relaxed_uri = from_fs_path(str(relaxed / "chapter.md"))

    async def body(session: Session) -> None:
        session.open(strict_uri, CHAPTER)
        session.open(relaxed_uri, CHAPTER)
        strict_rules = _rules(await session.diagnostics(strict_uri))
        relaxed_rules = _rules(await session.diagnostics(relaxed_uri))
        assert "words.confused" in strict_rules and "dialogue.action-tag" in strict_rules
        assert "words.confused" not in relaxed_rules
        assert not [r for r in relaxed_rules if r.startswith("dialogue.")]
        assert "harper.SpellCheck" in relaxed_rules

        # A new buffer, not yet saved anywhere, is checked too.
        session.open("untitled:Untitled-1", "She chocked back tears.\n")
        assert "words.confused" in _rules(await session.diagnostics("untitled:Untitled-1"))

        # The cache's warning, raised on the check thread, reaches the client's log.
        assert any("not a usable stylecheck cache" in line for line in session.log)

        # Typing: five quick edits give one check, of the last version.
        text = CHAPTER
        for version, word in enumerate(["did", "not", "ever", "recieve", "it"], start=2):
            text = text.replace("the letter", f"the letter {word}")
            session.change(strict_uri, version, text)
        await session.diagnostics(strict_uri, lambda d: len(session.published[strict_uri]) > 1)
        assert [p.version for p in session.published[strict_uri]] == [1, 6]
        checks = [line for line in session.log if line.startswith(f"checked {strict_uri} ")]
        assert [line.split()[3] for line in checks] == ["1", "6"]  # "checked URI version N ..."
        last = session.published[strict_uri][-1].diagnostics
        spelling = [d for d in last if d.code == "harper.SpellCheck" and d.range.start.line == 2]
        assert len(spelling) == 2  # version 6 says "recieve" twice on that line

        # Closing a document clears its diagnostics.
        session.client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(strict_uri))
        )
        assert await session.diagnostics(strict_uri, lambda d: d == []) == []

    # --stdio, which some clients add, changes nothing.
    assert _run_session([strict, relaxed], body, "--stdio") == 0
