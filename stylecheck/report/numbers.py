"""How the report writes its numbers, the same way in the terminal and on the HTML page."""

from __future__ import annotations

# (attribute of `Readability`, name, what its numbers mean), in the order the report lists them.
FORMULAS = (
    ("flesch_reading_ease", "Flesch reading ease", "0–100; higher is easier"),
    ("flesch_kincaid_grade", "Flesch–Kincaid grade", "US school grade"),
    ("gunning_fog", "Gunning fog", "years of schooling"),
    ("smog_index", "SMOG index", "years of schooling"),
    ("coleman_liau_index", "Coleman–Liau index", "US school grade"),
    ("automated_readability_index", "Automated readability index", "US school grade"),
    ("dale_chall_readability_score", "Dale–Chall score", "under 5 is easy"),
)


def count(value: int) -> str:
    """Return a count with thousands separators: 12,345."""
    return f"{value:,}"


def rate(value: float) -> str:
    """Return a rate with one decimal: 3.4."""
    return f"{value:,.1f}"


def percent(share: float) -> str:
    """Return a share (0 to 1) as a percentage: one decimal under 10%, none above."""
    value = share * 100
    if value == 0:
        return "0%"
    return f"{value:.1f}%" if value < 10 else f"{value:.0f}%"


def reading_time(minutes: float) -> str:
    """Return a reading time in words a reader takes in at a glance: 12 min, 3 h 05 min."""
    whole = round(minutes)
    if whole < 1:
        return "under 1 min"
    if whole < 60:
        return f"{whole} min"
    return f"{whole // 60} h {whole % 60:02d} min"


def noun(number: int, word: str) -> str:
    """Return `word`, with an s unless `number` is 1."""
    return word if number == 1 else word + "s"


def plural(number: int, word: str) -> str:
    """Return "1 chapter", "2,581 words"."""
    return f"{number:,} {noun(number, word)}"
