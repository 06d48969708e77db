"""The report as JSON: every number of the model, described by docs/report.schema.json.

The document is `dataclasses.asdict` of the `Report`, so its fields are the model's. The
`schema_version` changes only when a field is removed, renamed or changes meaning; new fields
may appear without a change.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from stylecheck.report.model import Report


def render_json(report: Report) -> str:
    """Return the report as an indented JSON document ending in a newline."""
    return json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n"
