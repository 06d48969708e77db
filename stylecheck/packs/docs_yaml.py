"""Read the packs' documentation files (harper_docs.yml, proselint_docs.yml) quickly.

Every run lists the rules, so these files are read on every run: libyaml's C parser, when
PyYAML has it, reads them in a tenth of the time of the pure-Python one.
"""

from __future__ import annotations

from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_docs_yaml(path: Path) -> object:
    """Return the data of a YAML file, read safely (plain data, no Python objects)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
