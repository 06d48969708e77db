"""Reporters: turn a `RunResult` into the text one output format prints on stdout.

The CLI picks one by name and writes what it returns::

    reporter = get_reporter(args.format)  # "text", "json", "sarif" or "github"
    out.write(reporter.render(result))

A reporter prints findings only. File errors go to stderr through the CLI (JSON and SARIF
also carry them in their own fields), and so do summary lines.
"""

from __future__ import annotations

from typing import Protocol

from stylecheck.reporters.github import GithubReporter
from stylecheck.reporters.json_reporter import JsonReporter
from stylecheck.reporters.sarif import SarifReporter
from stylecheck.reporters.text import TextReporter
from stylecheck.results import RunResult


class Reporter(Protocol):
    """Render a whole run as one string, ending in a newline unless it is empty."""

    name: str

    def render(self, result: RunResult) -> str:
        """Return the output for `result`."""
        ...


REPORTERS: dict[str, type[Reporter]] = {
    TextReporter.name: TextReporter,
    JsonReporter.name: JsonReporter,
    SarifReporter.name: SarifReporter,
    GithubReporter.name: GithubReporter,
}


def get_reporter(name: str) -> Reporter:
    """Return a new reporter for the format called `name`; raise ValueError if unknown."""
    try:
        return REPORTERS[name]()
    except KeyError:
        known = ", ".join(REPORTERS)
        raise ValueError(f"unknown output format {name!r}; use one of {known}") from None


__all__ = ["REPORTERS", "Reporter", "get_reporter"]
