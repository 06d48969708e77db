"""Expand command-line paths into the prose files to check."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.config import Config, ConfigFinder


@dataclass(frozen=True)
class Target:
    """A file to check: where it is and how to name it in output."""

    path: Path
    display: str


@dataclass
class Discovery:
    """The files found, and one-line problems with paths that could not be used."""

    targets: list[Target] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """Name a file relative to the working folder when it is inside it, with `/` separators."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def is_excluded(path: Path, config: Config) -> bool:
    """Tell whether `path` matches an exclude pattern of its config.

    A pattern with a `/` is matched against the path relative to the config's folder; a
    pattern without one is matched against every component of that path (`drafts`, `.*`).
    """
    # abspath, unlike Path.absolute, folds "..": a ".." part must not match the pattern ".*".
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(os.path.abspath(config.root))
    except ValueError:
        relative = Path(absolute.name)
    text = relative.as_posix()
    for pattern in config.excludes:
        if "/" in pattern.rstrip("/"):
            if fnmatch.fnmatch(text, pattern.rstrip("/")) or fnmatch.fnmatch(text, pattern):
                return True
        elif any(fnmatch.fnmatch(part, pattern.rstrip("/")) for part in relative.parts):
            return True
    return False


def _is_included(path: Path, config: Config) -> bool:
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in config.include)


_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Return a sort key that orders numbers by value: `chapter-2` before `chapter-10`."""
    parts = _DIGITS.split(name)
    # Numbers and text alternate; tagging each keeps the comparison between like kinds. The
    # name itself comes last so that names differing only in case keep one order.
    key = tuple(
        (1, int(part)) if index % 2 else (0, part.casefold()) for index, part in enumerate(parts)
    )
    return (*key, (2, name))


def _walk(folder: Path, finder: ConfigFinder) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        config = finder.for_path(root_path)
        # Prune excluded folders in place so os.walk does not descend into them.
        dirs[:] = sorted(
            (d for d in dirs if not is_excluded(root_path / d, config)), key=natural_key
        )
        for name in sorted(files, key=natural_key):
            candidate = root_path / name
            if _is_included(candidate, config) and not is_excluded(candidate, config):
                found.append(candidate)
    return found


def discover(paths: list[str], finder: ConfigFinder, *, force_exclude: bool) -> Discovery:
    """Expand paths: folders to their prose files, files as given (unless force-excluded)."""
    result = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            result.targets.append(Target(path, display_path(path)))

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = _walk(path, finder)
            if not files:
                patterns = ", ".join(finder.for_path(path).include)
                result.errors.append(f"{raw}: no prose files ({patterns}) in this directory")
            for file in files:
                add(file)
        elif path.exists():
            if force_exclude and is_excluded(path, finder.for_path(path)):
                continue
            add(path)
        else:
            result.errors.append(f"{raw}: no such file or directory")
    return result
