"""`stylecheck lsp`: the language server, over standard input and output (pygls).

Documents are checked when opened or saved, and after the writer pauses typing (debounced);
only the edited paragraphs go through Harper again, through the result cache. Checks run one
at a time on a thread of their own, so the server keeps answering while one runs; a result for
a version the writer has since edited is dropped, since a newer check is on its way.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from stylecheck import __version__
from stylecheck.config import CONFIG_NAMES, DEFAULT_INCLUDE, ConfigError
from stylecheck.document.load import is_markdown
from stylecheck.lsp.actions import ADD_WORD_COMMAND, code_actions
from stylecheck.lsp.checker import Buffer, Checked, EditorChecker
from stylecheck.lsp.convert import to_diagnostic
from stylecheck.lsp.positions import UTF16, LineIndex
from stylecheck.lsp.wordlist import VocabularyEditError, add_accepted_word

logger = logging.getLogger(__name__)

# Seconds without an edit before a changed document is checked again.
DEBOUNCE_SECONDS = 0.4
PROSE_LANGUAGES = frozenset({"markdown", "plaintext", "text"})
# Files whose change can change every document's findings: configs, word lists, rule files.
SETTINGS_SUFFIXES = (".txt", ".yml")
WATCHED = (
    *(f"**/{name}" for name in CONFIG_NAMES),
    *(f"**/*{suffix}" for suffix in SETTINGS_SUFFIXES),
)


def is_settings_file(path: Path) -> bool:
    """Tell whether a file may be a config, a word list or a rule file."""
    return path.name in CONFIG_NAMES or path.suffix in SETTINGS_SUFFIXES


class StylecheckServer(LanguageServer):
    """The language server's state: open documents' last results and pending checks."""

    def __init__(self) -> None:
        super().__init__("stylecheck", __version__)
        self.checker = EditorChecker(warn=self.warn)
        # One thread: the checker, its caches (SQLite connections) and Harper stay on it.
        self.check_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stylecheck")
        self.results: dict[str, tuple[int | None, Checked]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.running: set[asyncio.Task[None]] = set()  # held so they are not collected early
        self.shown_errors: set[str] = set()
        self.debounce = DEBOUNCE_SECONDS
        self.loop: asyncio.AbstractEventLoop | None = None  # the protocol's, once initialised

    # -- documents -------------------------------------------------------------------------

    def is_prose(self, document: TextDocument) -> bool:
        """Tell whether a document is one stylecheck checks (Markdown or plain text)."""
        return (
            document.language_id in PROSE_LANGUAGES
            # The files a folder expands to by default (`include`): Markdown and plain text.
            or any(
                fnmatchcase(PurePosixPath(document.uri).name.lower(), p) for p in DEFAULT_INCLUDE
            )
        )

    def buffer(self, document: TextDocument) -> Buffer:
        """Return what the checker needs to know about an open document."""
        path = _path(document.uri)
        folder = self.folder_of(path)
        if path is None:  # an untitled buffer: named like `<stdin>`, in its workspace folder
            path = (folder or Path.cwd()) / f"<{document.uri.replace('/', '_')}>"
        markdown = document.language_id == "markdown" or is_markdown(path)
        return Buffer(path.absolute(), document.source, folder, markdown)

    def folder_of(self, path: Path | None) -> Path | None:
        """Return the innermost workspace folder holding `path` (the first one for None)."""
        folders = [p for f in self.workspace.folders.values() if (p := _path(f.uri))]
        if not folders and self.workspace.root_path:
            folders = [Path(self.workspace.root_path)]
        if path is None:
            return folders[0] if folders else None
        holding = [f for f in folders if path.is_relative_to(f)]
        return max(holding, key=lambda f: len(f.parts)) if holding else None

    def index(self, text: str) -> LineIndex:
        """Return a line index in the position encoding agreed at initialisation."""
        encoding = self.server_capabilities.position_encoding or UTF16
        # An lsprotocol enum member or a plain string; str() of the member would be its name.
        return LineIndex(text, getattr(encoding, "value", encoding))

    # -- checking --------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Check a document after `delay` seconds, replacing a check already waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()

        def start() -> None:
            task = loop.create_task(self.check(uri))
            self.running.add(task)
            task.add_done_callback(self.running.discard)

        self.pending[uri] = loop.call_later(delay, start)

    def schedule_all(self) -> None:
        """Check every open document again (a config or word list changed)."""
        for uri, document in self.workspace.text_documents.items():
            if self.is_prose(document):
                self.schedule(uri, 0)

    async def check(self, uri: str) -> None:
        """Check a document on the check thread and publish its diagnostics."""
        self.pending.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version = document.version
        buffer = self.buffer(document)
        others = {
            b.path: b
            for u, d in self.workspace.text_documents.items()
            if u != uri and self.is_prose(d)
            for b in [self.buffer(d)]
        }
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        try:
            checked = await loop.run_in_executor(
                self.check_thread, self.checker.check, buffer, others
            )
        except Exception as err:  # a bug must not take the server down; say so once
            logger.exception("checking %s failed", uri)
            self.show_error(f"stylecheck: internal error ({type(err).__name__}: {err})")
            return
        seconds = time.monotonic() - started
        self.window_log_message(
            types.LogMessageParams(
                types.MessageType.Log,
                f"checked {uri} version {version} in {seconds:.2f} s: "
                f"{len(checked.findings)} finding(s)",
            )
        )
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed, or edited while it was checked: a newer check is scheduled
        self.results[uri] = (version, checked)
        if checked.error:
            self.show_error(checked.error)
        index = self.index(buffer.text)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=version,
                diagnostics=[to_diagnostic(f, index) for f in checked.findings],
            )
        )

    def show_error(self, message: str) -> None:
        """Log an error, and show it to the writer the first time it happens."""
        self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
        if message not in self.shown_errors:
            self.shown_errors.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))

    def warn(self, message: str) -> None:
        """Log a warning from the checker.

        It is called on the check thread, and messages are written by the event loop's thread.
        """
        params = types.LogMessageParams(types.MessageType.Warning, f"stylecheck: {message}")
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.window_log_message, params)

    async def add_word(self, uri: str, word: str) -> str:
        """Add a word to the vocabulary of a document's project; return what was done."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            raise VocabularyEditError(f"{uri}: not an open document")
        if not word or any(ch.isspace() for ch in word):
            raise VocabularyEditError(f"{word!r}: not a word")
        buffer = self.buffer(document)

        def add() -> Path:
            try:
                config = self.checker.finder(buffer).for_path(buffer.path)
            except ConfigError as err:
                raise VocabularyEditError(str(err)) from None
            return add_accepted_word(config, word, buffer.folder or buffer.path.parent)

        written = await asyncio.get_running_loop().run_in_executor(self.check_thread, add)
        self.schedule_all()
        return f"Added '{word}' to {written}"


def _path(uri: str) -> Path | None:
    """Return the file a URI names, or None for other schemes (untitled buffers)."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def create_server() -> StylecheckServer:
    """Return the language server with its features registered."""
    server = StylecheckServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: StylecheckServer, params: types.InitializedParams) -> None:
        ls.loop = asyncio.get_running_loop()
        await _watch_config_files(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: StylecheckServer, params: types.DidOpenTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        if ls.is_prose(document):
            ls.schedule(document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: StylecheckServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        if ls.is_prose(document):
            ls.schedule(document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: StylecheckServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None and is_settings_file(path):
            ls.schedule_all()  # a config, a word list or a rule: any document may change
            return
        document = ls.workspace.get_text_document(params.text_document.uri)
        if ls.is_prose(document):
            ls.schedule(document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: StylecheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: StylecheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.schedule_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def settings_changed(ls: StylecheckServer, params: types.DidChangeConfigurationParams) -> None:
        ls.schedule_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: StylecheckServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        stored = ls.results.get(params.text_document.uri)
        if stored is None:
            return None
        version, checked = stored
        index = ls.index(checked.buffer.text)
        uri = params.text_document.uri
        return code_actions(checked, index, uri, version, params.range) or None

    @server.command(ADD_WORD_COMMAND)
    async def add_to_vocabulary(ls: StylecheckServer, uri: str, word: str) -> Any:
        try:
            done = await ls.add_word(uri, word)
        except VocabularyEditError as err:
            ls.show_error(str(err))
            return None
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Info, done))
        return done

    @server.feature(types.SHUTDOWN)
    async def shutdown(ls: StylecheckServer, params: None) -> None:
        for waiting in ls.pending.values():
            waiting.cancel()
        ls.pending.clear()
        await asyncio.get_running_loop().run_in_executor(ls.check_thread, ls.checker.close)

    return server


async def _watch_config_files(ls: StylecheckServer) -> None:
    """Ask the client to report changes to configs, word lists and rule files, if it can."""
    capabilities = ls.client_capabilities.workspace
    watch = capabilities and capabilities.did_change_watched_files
    if not (watch and watch.dynamic_registration):
        return  # every check reads the config afresh anyway; saving a document re-checks it
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
    )
    registration = types.Registration(
        id="stylecheck-watch",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams([registration]))
    except Exception as err:  # the client refused; checks still read the config afresh
        logger.info("file watching not registered: %s", err)


def main() -> int:
    """Serve over standard input and output until the client says exit.

    The protocol gets its own copy of standard output, and file descriptor 1 then points at
    standard error: a stray print, or an engine's native debugging output, would otherwise
    corrupt the stream of messages.
    """
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    create_server().start_io(sys.stdin.buffer, protocol_out)
    return 0
