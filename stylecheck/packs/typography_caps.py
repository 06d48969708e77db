"""The typography pack's `typography.caps-emphasis`: a word in capitals for emphasis.

"Izzie WAS baking": print sets emphasis in italics. A word in capitals is taken for emphasis
only when it is an ordinary word the manuscript also writes in lower case, so acronyms and
initialisms (NASA, DVD) are left alone; and only when it stands alone, so headings, signs,
shouted lines and chapter titles (CHAPTER XII) are left alone too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.lexicon import is_english_word, normalise
from stylecheck.nlp import WORD, words
from stylecheck.packs.typography_common import line_around
from stylecheck.rules import CheckContext, Rule, RuleDoc, dialogue_policy

CAPS_EMPHASIS = Rule(
    id="typography.caps-emphasis",
    severity=Severity.NOTE,
    doc=RuleDoc(
        summary='A word in capitals for emphasis ("Izzie WAS baking").',
        flags=(
            "A word of two letters or more in capitals whose lower-case form is an English "
            "word that the manuscript also writes in lower case. Left alone: acronyms and "
            "initialisms (NASA, DVD; US, OK, AM, PM, OR, ER, ID and AD, which are spelt like "
            "words), Roman numerals (III), I and single letters, a run of two or more words in "
            "capitals (a sign, a shouted line), a word before a number (CHAPTER XII, PART 2), a "
            "name after an initial (W. RABBIT), a line with no lower-case letters (a heading, a "
            "signature), a label opening a line (ALL. Aye!, NOTE:), a word that is the whole of "
            f"a quotation (\u201cSTOP!\u201d) and headings. {dialogue_policy(True)}"
        ),
        why=(
            "Print sets emphasis in italics; capitals read as shouting and look like a draft "
            "typed without formatting. Italics also survive conversion to an e-book."
        ),
        bad="Izzie WAS baking. She was not cooking.\n",
        good="Izzie *was* baking. She was not cooking.\n",
        ignore_when=(
            "When the capitals are meant: shouting, a sign or a label quoted in the text, a "
            "house style that uses small capitals. There is no automatic fix: italics are "
            "markup."
        ),
        source=(
            "The Chicago Manual of Style, 7.50 (italics for emphasis); New Hart's Rules, "
            "chapter 7 (italic for emphasis)."
        ),
    ),
)

RULES = (CAPS_EMPHASIS,)

# Initialisms that are spelt like English words: "the US", "OK", "9 AM", "in the OR".
_INITIALISMS = frozenset({"US", "OK", "AM", "PM", "OR", "ER", "ID", "AD"})
_OPENING = "\"'\u201c\u2018"
_CLOSING = "\"'\u201d\u2019"
_ROMAN_NUMERAL = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def check(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Flag single words in capitals that stand for emphasis."""
    if not context.is_enabled(CAPS_EMPHASIS.id):
        return
    prose = document.prose
    in_lower_case = {normalise(word) for word in words(prose) if word.islower()}
    for paragraph in document.paragraphs:
        if paragraph.kind == "heading":
            continue
        found = list(WORD.finditer(prose, paragraph.span.start, paragraph.span.end))
        for index, match in enumerate(found):
            if _is_emphasis(prose, found, index, in_lower_case):
                word = match.group()
                message = (
                    f"'{word}' in capitals for emphasis; print uses italics (*{word.lower()}*)"
                )
                yield Violation(CAPS_EMPHASIS.id, Span(match.start(), match.end()), message)


def _is_emphasis(
    prose: str, found: Sequence[re.Match[str]], index: int, in_lower_case: set[str]
) -> bool:
    """Tell whether the word at `index` is an ordinary word in capitals, standing alone."""
    word = found[index].group()
    if not _in_capitals(word) or _is_number(word) or word in _INITIALISMS:
        return False
    if normalise(word) not in in_lower_case or not is_english_word(word):
        return False  # an acronym, an initialism or a name
    return _stands_alone(prose, found, index)


def _stands_alone(prose: str, found: Sequence[re.Match[str]], index: int) -> bool:
    """Tell whether a word in capitals is set among ordinary words, not in a title or label."""
    match = found[index]
    before = found[index - 1] if index > 0 else None
    after = found[index + 1] if index + 1 < len(found) else None
    if any(_in_capitals(m.group()) or _is_initial(prose, m) for m in (before, after) if m):
        return False  # a run of capitals (a heading, a sign, a shouted line) or a name (W. RABBIT)
    if after and _is_number(after.group()) and prose[match.end() : after.start()].isspace():
        return False  # a title: CHAPTER XII, PART 2
    line = line_around(prose, match.start())
    text_after = prose[match.end() : after.start() if after else line.end]
    return not (
        not any(ch.islower() for ch in prose[line.start : line.end])  # a heading, a signature
        or _is_label(prose, match, line)
        or _is_whole_quotation(prose, match, text_after)
    )


def _is_whole_quotation(prose: str, match: re.Match[str], text_after: str) -> bool:
    """Tell whether a word is all of a quotation: a shout or a quoted sign ("STOP!")."""
    opened = match.start() > 0 and prose[match.start() - 1] in _OPENING
    return opened and any(ch in _CLOSING for ch in text_after)


def _is_label(prose: str, match: re.Match[str], line: Span) -> bool:
    """Tell whether a word opens its line and ends in a stop or colon: ALL. Aye! / NOTE: it."""
    opens_line = not prose[line.start : match.start()].strip()
    return opens_line and prose.startswith((".", ":"), match.end())


def _in_capitals(word: str) -> bool:
    """Tell whether `word` is two or more letters, all capitals ("I" and "A" are not)."""
    return word.isupper() and sum(ch.isalpha() for ch in word) >= 2


def _is_number(word: str) -> bool:
    return word.isdigit() or bool(word and _ROMAN_NUMERAL.fullmatch(word))


def _is_initial(prose: str, match: re.Match[str]) -> bool:
    """Tell whether a word is an initial: one capital and a full stop (W. RABBIT)."""
    return (
        len(match.group()) == 1 and match.group().isupper() and prose.startswith(".", match.end())
    )
