"""Check editor buffers: the language server's engine, without the protocol.

Each check discovers the configuration afresh from the document's folder (within its workspace
folder), so an edited config file, word list or rule folder counts from the next check on: no
restart. What is expensive to build is kept between checks: the registry of rules (with Harper's
dictionary) while the writer's own rule folders are unchanged, one result cache per project, and
the names learned from each manuscript file until the file changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.config import Config, ConfigError, ConfigFinder
from stylecheck.diagnostics import Finding
from stylecheck.discovery import discover, is_excluded
from stylecheck.document import Document
from stylecheck.document.load import InputError, is_markdown, load_bytes
from stylecheck.engine import (
    Engine,
    Source,
    build_registry,
    default_packs,
    rule_folders_fingerprint,
)
from stylecheck.packs.data import with_rule_folders
from stylecheck.resultcache import ResultCache, cache_disabled
from stylecheck.rules import PackUnavailable, Registry
from stylecheck.vocabulary import NameLearner

logger = logging.getLogger(__name__)

# Names are learned from every file of a workspace folder's manuscript, as `stylecheck check`
# on the folder would; a folder with more prose files than this (a home folder opened by
# mistake) is not read, and names come from the open documents alone.
MAX_MANUSCRIPT_FILES = 1000
# Registries kept at once; each holds its own Harper (about 150 MB).
MAX_REGISTRIES = 2


@dataclass(frozen=True)
class Buffer:
    """An editor's text to check, and where it lives."""

    path: Path  # absolute; an unsaved buffer gets a path in its workspace folder
    text: str
    folder: Path | None  # the workspace folder holding it, if any
    markdown: bool = True

    def is_saved(self) -> bool:
        """Tell whether the text is what the file on disk holds."""
        try:
            return self.path.read_bytes() == self.text.encode("utf-8")
        except OSError:
            return False


@dataclass
class Checked:
    """The outcome of checking one buffer."""

    buffer: Buffer
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    config: Config | None = None
    registry: Registry | None = None
    error: str | None = None  # why the buffer could not be checked (fully), one line


class EditorChecker:
    """Check buffers one at a time; not thread-safe (the server runs it on one thread)."""

    def __init__(self, warn: Callable[[str], None] = logger.warning) -> None:
        self._warn = warn
        self._registries: dict[tuple[str, ...], Registry] = {}
        self._caches: dict[Path, ResultCache] = {}
        self._learned: dict[Path, tuple[object, NameLearner]] = {}  # by file stamp or text
        self._too_large: set[Path] = set()  # workspace folders with too many files for names

    def finder(self, buffer: Buffer) -> ConfigFinder:
        """Return a fresh config finder: a config edited since the last check counts."""
        return ConfigFinder(default_root=buffer.folder or buffer.path.parent)

    def check(self, buffer: Buffer, open_buffers: Mapping[Path, Buffer]) -> Checked:
        """Check a buffer; `open_buffers` are the editor's texts, newer than the files on disk."""
        checked = Checked(buffer)
        finder = self.finder(buffer)
        try:
            config = checked.config = finder.for_path(buffer.path)
            if is_excluded(buffer.path, config):
                return checked  # as `check --force-exclude` (the pre-commit hook) would
            registry = checked.registry = self.registry(config)
            engine = Engine(registry, finder, cache=self._cache(config, buffer), jobs=1)
            engine.remember_files = buffer.is_saved()
            manuscript = self._manuscript_names(buffer, finder, open_buffers)
            source = Source(
                self._display(buffer), buffer.path, buffer.text.encode("utf-8"), buffer.markdown
            )
            result = engine.run([source], on_file=_keep(checked), manuscript=manuscript)
        except (ConfigError, PackUnavailable) as err:
            checked.error = str(err)
            return checked
        finally:
            for cache in self._caches.values():
                cache.flush()
        file = result.files[0]
        checked.findings = file.findings
        checked.error = file.error
        return checked

    def registry(self, config: Config) -> Registry:
        """Return the rules for a config: the built-in packs and its own rule folders."""
        key = (
            *(str((config.root / folder).resolve()) for folder in config.rules_dirs),
            rule_folders_fingerprint(config),
        )
        if key not in self._registries:
            if len(self._registries) >= MAX_REGISTRIES:
                self._registries.pop(next(iter(self._registries)))
            self._registries[key] = build_registry(with_rule_folders(default_packs(), [config]))
        return self._registries[key]

    def close(self) -> None:
        """Write and close the result caches."""
        for cache in self._caches.values():
            cache.flush()
            cache.close()
        self._caches.clear()

    def _cache(self, config: Config, buffer: Buffer) -> ResultCache | None:
        """Return the project's result cache, as the command line would use it there.

        A buffer outside every workspace folder and without a config file has no project, and
        no cache is written beside it.
        """
        if cache_disabled() or (config.path is None and buffer.folder is None):
            return None
        folder = config.root / config.cache_dir
        if folder not in self._caches:
            self._caches[folder] = ResultCache(folder, self._warn)
        return self._caches[folder]

    def _display(self, buffer: Buffer) -> str:
        if buffer.folder is not None:
            try:
                return buffer.path.relative_to(buffer.folder).as_posix()
            except ValueError:
                pass
        return buffer.path.name

    def _manuscript_names(
        self, buffer: Buffer, finder: ConfigFinder, open_buffers: Mapping[Path, Buffer]
    ) -> NameLearner:
        """Learn names from the other files of the buffer's manuscript (its workspace folder).

        Open buffers count with their unsaved text; other files as they are on disk.
        """
        learners = [
            self._learn_buffer(other)
            for path, other in open_buffers.items()
            if path != buffer.path and other.folder == buffer.folder
        ]
        folder = buffer.folder
        if folder is not None and folder not in self._too_large:
            targets = discover([str(folder)], finder, force_exclude=False).targets
            if len(targets) > MAX_MANUSCRIPT_FILES:
                self._too_large.add(folder)  # not walked again in this session
                targets = []
            for target in targets:
                path = target.path.absolute()
                if path != buffer.path and path not in open_buffers:
                    learners.append(self._learn_file(path))
        return NameLearner.combined(learners)

    def _learn_file(self, path: Path) -> NameLearner:
        """Return what a file on disk teaches about names, read again only when it changes."""
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if path in self._learned and self._learned[path][0] == stamp:
                return self._learned[path][1]
            data = path.read_bytes()
        except OSError:
            return NameLearner([])  # the file's own check reports it
        return self._learn(path, stamp, data, is_markdown(path))

    def _learn_buffer(self, buffer: Buffer) -> NameLearner:
        """Return what an open buffer teaches about names, parsed again only when edited."""
        if buffer.path in self._learned and self._learned[buffer.path][0] == buffer.text:
            return self._learned[buffer.path][1]
        return self._learn(buffer.path, buffer.text, buffer.text.encode(), buffer.markdown)

    def _learn(self, path: Path, stamp: object, data: bytes, markdown: bool) -> NameLearner:
        try:
            learner = NameLearner([load_bytes(path.name, data, markdown=markdown)])
        except InputError:
            learner = NameLearner([])  # the file's own check reports it
        self._learned[path] = (stamp, learner)
        return learner


def _keep(checked: Checked) -> Callable[[Document | None], None]:
    """Return an `on_file` callback that keeps the checked document (for code actions)."""

    def keep(document: Document | None) -> None:
        checked.document = document

    return keep
