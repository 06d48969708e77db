"""Where stylecheck keeps data it builds for itself (the offline CMU dictionary, Harper's rule
descriptions): one per-user folder, cheap to import.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "STYLECHECK_CACHE_DIR"


def cache_dir() -> Path:
    """Return stylecheck's per-user cache directory (not created).

    `STYLECHECK_CACHE_DIR` wins; otherwise `$XDG_CACHE_HOME/stylecheck`, falling back to
    `~/.cache/stylecheck`.
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "stylecheck"
