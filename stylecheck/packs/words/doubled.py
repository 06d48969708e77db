"""`words.doubled`: the same word written twice in a row ("the the"), a slip made while editing.

The two copies may sit on either side of a line break or of emphasis markers (`*the* the`):
markup leaves nothing in the prose, so they are neighbours there too. Punctuation between them
("Go, go!") means the repetition is written on purpose, and so is everything in
`is_deliberate_double`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.lexicon import is_english_word, normalise
from stylecheck.nlp import WORD
from stylecheck.packs.data import word_list
from stylecheck.rules import Rule, RuleDoc

DOUBLED = Rule(
    id="words.doubled",
    severity=Severity.ERROR,
    topic="doubled-word",
    doc=RuleDoc(
        summary='The same word twice in a row ("the the"), also across a line break.',
        flags=(
            "A word followed by the same word (in any case) with only white space between, "
            "within a paragraph, across line breaks and emphasis markers. Left alone: words "
            "correctly doubled (`had had`, `told you you`, `gave her her`, `so so`, `very very`: "
            "the list in `words/legitimate-doubles.txt`), a word said three times or more "
            "(`no no no`), a capital second copy (`Walla Walla`), numbers and words the "
            "dictionary lacks (dialect: `dat dat`), stammers typed with a hyphen (`I-I`) and, "
            "in speech, a pair followed by `!`, a dash or an ellipsis (`Run run!`). Dialogue is "
            "checked too: a doubled `the` is a typo whoever speaks."
        ),
        why=(
            "The eye skips the second copy, especially across a line break, so a doubled word "
            "survives many proofreadings and is among the slips readers notice most."
        ),
        bad="She slid the the key under the mat\nand and left.\n",
        good="She slid the key under the mat\nand left. Oh, it was a long long time ago.\n",
        ignore_when=(
            "The repetition is deliberate (a stammer, a chant): suppress the rule for that "
            "paragraph. The fix deletes the second copy; `--fix` applies it unless markup "
            "lies between the copies."
        ),
        source=(
            "Proofreaders' lexical illusion (the eye reads a doubled word once); proselint's "
            "`lexical_illusions` check, after the write-good linter."
        ),
    ),
)

# In speech, a pair followed by one of these is emphasis or faltering ("Run run!", "I I—").
_EMPHATIC_AFTER = re.compile(r"\s*[!—…]")
_SPACES = re.compile(r"[ \t]+")


def is_legitimate_double(word: str) -> bool:
    """Tell whether `word` may be written twice in a row ("had had", "so so")."""
    return normalise(word) in word_list("words", "legitimate-doubles")


def check_doubled(document: Document) -> Iterator[Violation]:
    """Yield a violation, with a fix deleting it, at the second copy of each doubled word."""
    prose = document.prose
    for paragraph in document.paragraphs:
        found = list(WORD.finditer(prose, paragraph.span.start, paragraph.span.end))
        run_start = 0
        for index in range(1, len(found) + 1):
            # A run is a stretch of the same word with only white space between the copies.
            if index < len(found) and _continues(prose, found[index - 1], found[index]):
                continue
            if index - run_start == 2:
                first, second = found[run_start], found[index - 1]
                if not _is_deliberate(document, first, second):
                    yield _violation(prose, first, second)
            run_start = index


def _continues(prose: str, previous: re.Match[str], current: re.Match[str]) -> bool:
    """Tell whether `current` repeats `previous` with only white space between."""
    between = prose[previous.end() : current.start()]
    return (not between or between.isspace()) and current[0].lower() == previous[0].lower()


def _is_deliberate(document: Document, first: re.Match[str], second: re.Match[str]) -> bool:
    """Tell whether a pair is written on purpose rather than slipped in."""
    word = first[0]
    if is_legitimate_double(word):
        return True
    # Numbers ("10 10") and words the dictionary lacks (dialect "dat dat", invented words)
    # may be doubled on purpose; a misspelt word is the spelling rules' to report.
    if not is_english_word(word):
        return True
    # A typo copies the word as it was ("The the"); a capital second copy is a name
    # ("Walla Walla", "Sing Sing") or a heading's repeated title word.
    if second[0][:1].isupper():
        return True
    return document.in_quotation(first.start()) and bool(
        _EMPHATIC_AFTER.match(document.prose, second.end())
    )


def _violation(prose: str, first: re.Match[str], second: re.Match[str]) -> Violation:
    """Return the finding for a doubled word (both copies), fixed by deleting the second."""
    span = Span(first.start(), second.end())
    # Delete the second copy with the spaces after it, so that the edit stays on its line
    # ("the\nthe key" -> "the\nkey"); at the end of a clause, with the space before it.
    after = _SPACES.match(prose, second.end())
    if after and after.end() > second.end():
        edit = Edit(Span(second.start(), after.end()), "")
    else:
        edit = Edit(Span(first.end(), second.end()), "")
    # Safe: the word is a dictionary word that is never correctly doubled (see _is_deliberate),
    # and the engine demotes an edit that would touch markup to a suggestion.
    fix = Fix(f"Delete the second '{second[0]}'", (edit,), Applicability.SAFE)
    return Violation(DOUBLED.id, span, f"'{first[0]}' is written twice", (fix,))
