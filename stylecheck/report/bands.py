"""Readability scores in words: what a Flesch score or a grade level means for a reader.

Flesch reading ease uses Flesch's own table (Rudolf Flesch, "A New Readability Yardstick",
1948). The grade-level formulas (Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau, ARI) give a
US school grade, named here by school stage. The Dale-Chall score has its own table (Chall and
Dale, 1995), the one textstat's `text_standard` uses.
"""

from __future__ import annotations

# (lowest score, words), highest first.
_FLESCH = (
    (90.0, "very easy"),
    (80.0, "easy"),
    (70.0, "fairly easy"),
    (60.0, "standard"),
    (50.0, "fairly difficult"),
    (30.0, "difficult"),
)
_FLESCH_LOWEST = "very difficult"

# (grade below which the band applies, words), lowest first.
_SCHOOL = (
    (6.0, "elementary school (grades 1–5)"),
    (9.0, "middle school (grades 6–8)"),
    (13.0, "high school (grades 9–12)"),
    (17.0, "college"),
)
_SCHOOL_HIGHEST = "graduate school"

# (score below which the band applies, words), lowest first.
_DALE_CHALL = (
    (5.0, "grade 4 and below"),
    (6.0, "grades 5–6"),
    (7.0, "grades 7–8"),
    (8.0, "grades 9–10"),
    (9.0, "grades 11–12"),
    (10.0, "college (grades 13–15)"),
)
_DALE_CHALL_HIGHEST = "college graduate"

FLESCH_READING_EASE = "flesch_reading_ease"
DALE_CHALL = "dale_chall_readability_score"


def flesch_band(score: float) -> str:
    """Return Flesch's description of a reading-ease score."""
    for lowest, words in _FLESCH:
        if score >= lowest:
            return words
    return _FLESCH_LOWEST


def school_band(grade: float) -> str:
    """Return the school stage a US grade level corresponds to."""
    for below, words in _SCHOOL:
        if grade < below:
            return words
    return _SCHOOL_HIGHEST


def dale_chall_band(score: float) -> str:
    """Return the grades a Dale-Chall score corresponds to."""
    for below, words in _DALE_CHALL:
        if score < below:
            return words
    return _DALE_CHALL_HIGHEST


def band(formula: str, value: float) -> str:
    """Return the band in words for a value of one of textstat's formulas."""
    if formula == FLESCH_READING_EASE:
        return flesch_band(value)
    if formula == DALE_CHALL:
        return dale_chall_band(value)
    return school_band(value)
