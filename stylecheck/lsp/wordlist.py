"""Add a word to a project's vocabulary: the editor's "Add to vocabulary" quick fix.

The word goes into the first `accept` word list of the config that governs the document. A
project without one gets one, `vocabulary.txt` beside the config file, named in the config:
a new `.stylecheck.toml` where there is no config file, or a `vocabulary` table added at the end
of one that has none. A config whose `vocabulary` table exists but names no accept list is not
edited (its layout is the writer's); the error says what to add. Files are written atomically.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from stylecheck.atomic import write_text_atomically
from stylecheck.config import Config

NEW_LIST = "vocabulary.txt"
NEW_CONFIG = ".stylecheck.toml"
# Characters that make a word-list entry a regular expression (see README: Vocabulary).
_SPECIAL = re.compile(r"([.^$*+?{}\[\]\\|()])")


class VocabularyEditError(Exception):
    """The word could not be added; the message names the file and the problem."""


def entry_for(word: str) -> str:
    """Return the word-list entry that accepts exactly `word` (entries are regexes)."""
    return _SPECIAL.sub(r"\\\1", word)


def add_accepted_word(config: Config, word: str, project: Path) -> Path:
    """Accept `word` in the vocabulary of `config`; return the word list written.

    `project` is where a new config file goes when `config` has none (the workspace folder).
    """
    try:
        if config.vocabulary.accept:
            target = config.root / config.vocabulary.accept[0]
        elif config.path is None:
            target = project / NEW_LIST
            _create_config(project / NEW_CONFIG)
        else:
            target = config.root / NEW_LIST
            _name_word_list(config.path)
        _append_line(target, entry_for(word))
    except OSError as err:
        where = err.filename or "vocabulary"
        raise VocabularyEditError(f"{where}: cannot be written ({err.strerror or err})") from None
    return target


def _append_line(path: Path, line: str) -> None:
    """Add a line to a word list unless it is there already; create the file if need be."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in text.splitlines():
        return
    if text and not text.endswith("\n"):
        text += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, f"{text}{line}\n")


def _create_config(path: Path) -> None:
    write_text_atomically(
        path,
        "# Created when a word was added to the vocabulary from an editor (see the README's\n"
        "# Configuration section for the other settings).\n"
        f'[vocabulary]\naccept = ["{NEW_LIST}"]\n',
    )


def _name_word_list(config_path: Path) -> None:
    """Add `accept = ["vocabulary.txt"]` to a config file that has no vocabulary table."""
    text = config_path.read_text(encoding="utf-8")
    pyproject = config_path.name == "pyproject.toml"
    table = "tool.stylecheck.vocabulary" if pyproject else "vocabulary"
    data = tomllib.loads(text)
    settings = data.get("tool", {}).get("stylecheck", {}) if pyproject else data
    if "vocabulary" in settings:
        raise VocabularyEditError(
            f"{config_path}: {table} names no accept word list; add "
            f'accept = ["{NEW_LIST}"] there and try again'
        )
    separator = "" if not text or text.endswith("\n") else "\n"
    write_text_atomically(config_path, f'{text}{separator}\n[{table}]\naccept = ["{NEW_LIST}"]\n')
