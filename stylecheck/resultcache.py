"""Remember what each pack found in a document, so an unchanged document is not checked again.

One SQLite database per project (`.stylecheck_cache/results.sqlite3` beside the config file by
default). An entry maps a key to a pack's raw output for one document: its violations in prose
coordinates and the metrics it stored. The key is a hash of everything that output depends on
(see `Engine`): the document's source text and format, the pack, the enabled rules and their
options, the vocabulary (with the names learned from the whole manuscript), the config, and
the code: stylecheck's own files and shipped rules and the versions of the libraries it uses.
Selection, severities and suppressions are applied after the cache, so they never go stale.

Two processes may use one cache at once: SQLite's write-ahead log lets readers go on while
one writes, and writers wait for each other. A file that is not a stylecheck cache (corrupt,
truncated, or something else) is deleted and rebuilt, with one warning line.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from stylecheck.diagnostics import Applicability, Edit, Fix, Span, Violation
from stylecheck.document import Document, Paragraph

DIRECTORY = ".stylecheck_cache"
FILE = "results.sqlite3"
NO_CACHE_ENV = "STYLECHECK_NO_CACHE"
# Marks the database as stylecheck's (PRAGMA application_id); bump SCHEMA to start afresh.
APPLICATION_ID = 0x53544C43  # "STLC"
SCHEMA = 1
# Entries not used for this long are dropped when the cache is written.
KEEP_SECONDS = 30 * 24 * 3600
WAIT_SECONDS = 60.0  # how long a writer waits for another process's write to finish

Warn = Callable[[str], None]


class ResultCache:
    """A key-value store of pack results in SQLite, written once at the end of a run."""

    def __init__(self, folder: Path, warn: Warn) -> None:
        self.folder = folder
        self.path = folder / FILE
        self._warn = warn
        self._pending: dict[str, str] = {}
        self._used: set[str] = set()
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    def get(self, key: str) -> str | None:
        """Return the value stored under `key`, or None."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as err:
            self._failed(err)
            return None
        if row is None:
            return None
        self._used.add(key)
        return str(row[0])

    def put(self, key: str, value: str) -> None:
        """Remember `value` under `key` (written by `flush`)."""
        self._pending[key] = value

    def flush(self) -> None:
        """Write the new entries and the use times, and drop entries unused for long."""
        connection = self._connect()
        if connection is None or not (self._pending or self._used):
            return
        now = int(time.time())
        try:
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)",
                    [(key, value, now) for key, value in self._pending.items()],
                )
                connection.executemany(
                    "UPDATE results SET used = ? WHERE key = ?", [(now, k) for k in self._used]
                )
                connection.execute("DELETE FROM results WHERE used < ?", (now - KEEP_SECONDS,))
        except sqlite3.DatabaseError as err:
            self._failed(err)
        self._pending.clear()
        self._used.clear()

    def close(self) -> None:
        """Close the database."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or self._broken:
            return self._connection
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as err:
            self._failed(err)
        except OSError as err:
            self._give_up(f"cannot be created ({err.strerror or err})")
        return self._connection

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        _mark_folder(self.folder)
        connection = sqlite3.connect(self.path, timeout=WAIT_SECONDS)
        try:
            # The check and the creation form one write transaction, so a second process
            # opening a new cache waits for the first to finish it instead of seeing half of it.
            connection.execute("BEGIN IMMEDIATE")
            found = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables and (found != APPLICATION_ID or version != SCHEMA):
                raise sqlite3.DatabaseError("not a stylecheck cache of this version")
            if not tables:
                connection.execute(
                    "CREATE TABLE results "
                    "(key TEXT PRIMARY KEY, value TEXT NOT NULL, used INTEGER NOT NULL)"
                )
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA}")
            connection.commit()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        # The write-ahead log lets readers go on while another process writes. Switching to it
        # needs the database to itself, so while another process has it open the switch fails;
        # the default journal is slower with several processes but just as correct.
        with contextlib.suppress(sqlite3.OperationalError):
            connection.execute("PRAGMA journal_mode = WAL")
        return connection

    def _failed(self, err: sqlite3.DatabaseError) -> None:
        """Rebuild a damaged or foreign file; but a busy or full disk is no reason to delete."""
        if isinstance(err, sqlite3.OperationalError):
            self.close()
            self._give_up(f"cannot be used now ({err})")
        else:
            self._rebuild(err)

    def _rebuild(self, err: sqlite3.DatabaseError) -> None:
        """Delete an unusable database and start an empty one (once per run)."""
        self.close()
        if self._broken:
            return
        self._warn(f"{self.path}: not a usable stylecheck cache ({err}); rebuilding it")
        with contextlib.suppress(OSError):
            for path in _database_files(self.path):
                path.unlink(missing_ok=True)
        try:
            self._connection = self._open()
        except (sqlite3.DatabaseError, OSError) as again:
            self._give_up(f"cannot be rebuilt ({again})")

    def _give_up(self, problem: str) -> None:
        self._broken = True
        self._warn(f"{self.path}: {problem}; checking without a cache")


class ParagraphMemo:
    """One pack's per-paragraph results in the cache, for one document's context.

    The key is the pack's key without the document (`prefix`), the paragraph's text and the
    spans of dialogue inside it; violations are stored relative to the paragraph's start.
    """

    def __init__(self, cache: ResultCache, prefix: str) -> None:
        self._cache = cache
        self._prefix = prefix

    def lookup(
        self, document: Document, paragraph: Paragraph
    ) -> tuple[str, list[Violation] | None]:
        """Return the paragraph's cache entry and what is stored there (None: nothing)."""
        entry = key(
            self._prefix,
            document.paragraph_text(paragraph),
            json.dumps(document.paragraph_speech(paragraph)),
        )
        stored = self._cache.get(entry)
        return entry, None if stored is None else decode(stored)[0]

    def remember(self, entry: str, violations: list[Violation]) -> None:
        """Store a paragraph's violations (relative to its start) under its entry."""
        if all(v.markup is None for v in violations):  # markup is in source coordinates
            self._cache.put(entry, encode(violations, None))


def clear(folder: Path) -> bool:
    """Delete the cache in `folder`; return whether there was one."""
    found = [path for path in _database_files(folder / FILE) if path.exists()]
    for path in found:
        path.unlink()
    return bool(found)


def _database_files(path: Path) -> list[Path]:
    """Return the database and the write-ahead log and shared memory SQLite keeps beside it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]


def _mark_folder(folder: Path) -> None:
    """Keep the cache out of version control and backups, as other tools' caches do."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by stylecheck: its result cache.\n*\n", encoding="utf-8")
    tag = folder / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by stylecheck.\n",
            encoding="utf-8",
        )


@functools.cache
def code_fingerprint() -> str:
    """Return a hash of the code that produces results: stylecheck and its libraries.

    stylecheck's own files and shipped rules are hashed by content, so an edited checkout
    never reuses results of the code before the edit; libraries count by version.
    """
    from stylecheck.packs.data import shipped_rules_dir

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for root in (package, shipped_rules_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yml", ".txt"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for name in _libraries():
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


def _libraries() -> list[str]:
    """Return the distributions stylecheck depends on, by name."""
    try:
        requirements = metadata.requires("stylecheck") or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        name = requirement.split(";")[0]
        for stop in "<>=!~ [(":
            name = name.split(stop)[0]
        names.append(name.strip())
    return sorted(set(names))


def key(*parts: str) -> str:
    """Return the hash of the parts, in order."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def cache_disabled() -> bool:
    """Tell whether the environment turns the cache off (STYLECHECK_NO_CACHE=1)."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


# What a pack returned, as JSON.


def encode(violations: Iterable[Violation], metrics: dict[str, float] | None) -> str:
    """Return a pack's violations and metrics as a JSON string."""
    return json.dumps(
        {"violations": [_violation(v) for v in violations], "metrics": metrics},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(text: str) -> tuple[list[Violation], dict[str, float] | None]:
    """Return the violations and metrics stored by `encode`."""
    data = json.loads(text)
    return [_from_json(v) for v in data["violations"]], data["metrics"]


def _violation(violation: Violation) -> list[object]:
    markup = violation.markup
    return [
        violation.rule_id,
        violation.span.start,
        violation.span.end,
        violation.message,
        [
            [
                fix.title,
                fix.applicability.value,
                [[e.span.start, e.span.end, e.replacement] for e in fix.edits],
            ]
            for fix in violation.fixes
        ],
        None if markup is None else [markup.start, markup.end],
    ]


def _from_json(raw: list) -> Violation:  # type: ignore[type-arg]
    rule_id, start, end, message, fixes, markup = raw
    return Violation(
        rule_id,
        Span(start, end),
        message,
        tuple(
            Fix(title, tuple(Edit(Span(s, e), text) for s, e, text in edits), Applicability(kind))
            for title, kind, edits in fixes
        ),
        None if markup is None else Span(*markup),
    )
