"""Render a report in one of its formats: text, json or html."""

from __future__ import annotations

import io

from stylecheck.report.model import Report

FORMATS = ("text", "json", "html")


def render(report: Report, format_: str, *, terminal_width: int | None = None) -> str:
    """Return the report in `format_`; text gets colours and fits `terminal_width` if given."""
    if format_ == "json":
        from stylecheck.report.json_format import render_json

        return render_json(report)
    if format_ == "html":
        from stylecheck.report.html import render_html

        return render_html(report)
    from rich.console import Console

    from stylecheck.report.text import WIDTH, render_text

    buffer = io.StringIO()
    terminal = terminal_width is not None
    console = Console(
        file=buffer,
        width=min(WIDTH, terminal_width or WIDTH),
        force_terminal=terminal,
        color_system="standard" if terminal else None,
    )
    render_text(report, console)
    # Rich pads every line to the console's width; the padding is noise in a file.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
