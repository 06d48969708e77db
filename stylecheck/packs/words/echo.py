"""`words.echo`: a distinctive word used again a few words later (an "echo").

Only narration is read, and not its dialogue tags ("cried Emma" repeats like "said"). Function
words and everyday words (the most frequent of the English word list), names, words outside
the dictionary and the rule's `exceptions` are never echoes. Repetition that is clearly
deliberate is left alone:

- a phrase said twice around one linking word ("again and again", "laughed and laughed",
  "awkward pause for awkward pause"), or a word straight after itself across punctuation;
- the same word beside both uses: parallelism ("the extensive grounds … the extensive
  grounds") or a term ("sperm whale");
- the idioms in `words/echo-idioms.txt` ("an eye for an eye");
- a word used three times or more in one sentence, a figure ("not grief baking, not
  compassion baking, not friendship baking").

Measured on 18 edited novels (`bench/precision.py --select words`), these choices and the
defaults (a 40-word window, the 3,000 commonest words skipped) give about 13 findings per
10,000 words, most of them real echoes the authors kept.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.kinds.common import phrase_pattern
from stylecheck.lexicon import common_words, is_english_word, normalise
from stylecheck.nlp import WORD
from stylecheck.packs.data import word_list
from stylecheck.rules import CheckContext, Option, Rule, RuleDoc, dialogue_policy

WINDOW = Option("window", 40, "how many words apart two uses of a word are an echo")
EXCEPTIONS = Option("exceptions", (), "more words never reported (lower case)")

ECHO = Rule(
    id="words.echo",
    severity=Severity.NOTE,
    options=(WINDOW, EXCEPTIONS),
    doc=RuleDoc(
        summary="A distinctive word used again within a few words (an echo).",
        flags=(
            "A word of four letters or more used again within `window` words (40 by default), "
            "reported once at its second use, naming the first. Never echoes: the 3,000 most "
            "frequent English words, names, words outside the dictionary, the `exceptions`, "
            "dialogue tags, and deliberate repetition: a phrase said twice around one linking "
            "word (`again and again`, `awkward pause for awkward pause`), the same word beside "
            "both uses (`the extensive grounds … the extensive grounds`), the idioms in "
            "`words/echo-idioms.txt` and a word used three times or more in one sentence. A "
            f"heading or a scene break starts afresh. {dialogue_policy(False)}"
        ),
        why=(
            "A distinctive word used twice close together catches the reader's ear and reads as "
            "an oversight, and it is hard to see in one's own draft."
        ),
        bad=(
            "The kitchen smelt of baking. She stood in the doorway and watched the baking "
            "trays cool on the rack.\n"
        ),
        good=(
            "The kitchen smelt of baking. She stood in the doorway and watched the trays cool "
            "on the rack.\n"
        ),
        ignore_when=(
            "The repetition is a deliberate effect, or the word is a term with no good "
            "synonym: add it to `exceptions`."
        ),
        source=(
            "ProWritingAid's and AutoCrit's echo (repeated word) reports; LanguageTool's "
            "STYLE_REPEATED_WORD_RULE."
        ),
    ),
)

# Words shorter than this are function words or too plain to echo ("cat" twice is rarely heard).
MIN_LENGTH = 4
# This many of the most frequent English words are everyday words that repeat unnoticed.
COMMON = 3000
# A word used this often in one sentence is a rhetorical figure, not a slip.
FIGURE = 3
# The longest phrase whose repetition around one linking word is idiomatic ("awkward pause for
# awkward pause"); a single word ("day after day") is the commonest case.
LINKED_PHRASE = 3
# Neighbours that make two uses one repeated phrase must be rarer than this many top words.
NEIGHBOUR = 300
ARTICLES = frozenset({"a", "an", "the"})


@dataclass(frozen=True)
class _Word:
    """A word of a section: its looked-up form, where it is, and whether it may echo."""

    key: str
    span: Span
    candidate: bool


def check_echoes(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Yield a violation at the second use of each echoed word."""
    window = int(context.option(ECHO, "window"))
    skip = common_words(COMMON) | {normalise(w) for w in context.option(ECHO, "exceptions")}
    for section in _sections(document, context, skip):
        yield from _echoes(section, window)


def _echoes(words: list[_Word], window: int) -> Iterator[Violation]:
    """Yield the echoes in one section, once per chain of uses each within `window` of the last."""
    last: dict[str, int] = {}  # key -> the index of its latest use in the current chain
    reported: set[str] = set()  # keys whose current chain has been reported
    for index, word in enumerate(words):
        if not word.candidate:
            continue
        previous = last.get(word.key)
        last[word.key] = index
        if previous is None or index - previous > window:
            reported.discard(word.key)  # a new chain
            continue
        if (
            word.key in reported
            or _linked_repetition(words, previous, index)
            or _repeated_phrase(words, previous, index)
        ):
            continue
        reported.add(word.key)
        message = f"'{word.key}' was used {index - previous} words earlier"
        yield Violation(ECHO.id, word.span, message)


def _linked_repetition(words: list[_Word], first: int, second: int) -> bool:
    """Tell whether the two uses are one phrase said twice around a linking word.

    "day after day", "laughed and laughed", "awkward pause for awkward pause": the copies are
    the same words, one word links them, and each use sits at the same place in its copy.
    """
    length = second - first - 1
    if length == 0:
        # Straight after itself, across punctuation ("deserve encouragement. Encouragement
        # should be given"), a word is repeated for effect; without it, words.doubled reports it.
        return True
    if length > LINKED_PHRASE:
        return False
    for offset in range(min(length, first + 1)):
        copy = words[first - offset : first - offset + length]
        again = words[second - offset : second - offset + length]
        if [w.key for w in copy] == [w.key for w in again]:
            return True
    return False


def _repeated_phrase(words: list[_Word], first: int, second: int) -> bool:
    """Tell whether both uses sit in the same phrase: the same word beside each.

    A phrase said twice is parallelism ("the extensive grounds … the extensive grounds of
    anybody else", "followed the candle down, as I had followed the candle up") or a fixed term
    ("sperm whale"), written on purpose. Articles do not count as neighbours, nor do the
    commonest words ("in the garden … in the garden" is still an echo).
    """
    for step in (-1, 1):
        before, again = _neighbour(words, first, step), _neighbour(words, second, step)
        if before is not None and before == again and before not in common_words(NEIGHBOUR):
            return True
    return False


def _neighbour(words: list[_Word], index: int, step: int) -> str | None:
    """Return the nearest word before (step -1) or after (+1) `index` that is not an article."""
    index += step
    while 0 <= index < len(words) and words[index].key in ARTICLES:
        index += step
    return words[index].key if 0 <= index < len(words) else None


def _sections(
    document: Document, context: CheckContext, skip: frozenset[str]
) -> Iterator[list[_Word]]:
    """Yield the words of each stretch between headings and scene breaks, in order.

    Every word counts towards the distance, dialogue too, but only the narration's distinctive
    words are candidates: not dialogue or its tags, not a listed idiom, not a word used three
    times in its sentence, not a common, short or excepted word, a name or an unknown word.
    """
    prose = document.prose
    in_idioms = _words_in_idioms(prose)
    in_tags = _words_in_tags(document)
    section: list[_Word] = []
    for sentence in _sentences_and_breaks(document):
        if sentence is None:
            if section:
                yield section
            section = []
            continue
        found = list(WORD.finditer(prose, sentence.start, sentence.end))
        keys = [normalise(m[0]) for m in found]
        figures = {key for key, n in Counter(keys).items() if n >= FIGURE}
        for position, (match, key) in enumerate(zip(found, keys, strict=True)):
            candidate = (
                key not in figures
                and key not in skip
                and len(key) >= MIN_LENGTH
                and match.start() not in in_idioms
                and match.start() not in in_tags
                and not document.in_quotation(match.start())
                and _is_plain_word(match[0], key, position == 0, context)
            )
            section.append(_Word(key, Span(match.start(), match.end()), candidate))
    if section:
        yield section


def _sentences_and_breaks(document: Document) -> Iterator[Span | None]:
    """Yield each sentence's span, and None for a heading or a scene break."""
    by_paragraph: dict[int, list[Span]] = {}
    for sentence in document.sentences:
        by_paragraph.setdefault(sentence.paragraph.span.start, []).append(sentence.span)
    for paragraph in document.paragraphs:
        text = document.paragraph_text(paragraph)
        if paragraph.kind == "heading" or not any(ch.isalpha() for ch in text):
            yield None
            continue
        yield from by_paragraph.get(paragraph.span.start, ())


def _is_plain_word(word: str, key: str, starts_sentence: bool, context: CheckContext) -> bool:
    """Tell whether a word is an ordinary dictionary word, not a name or an invented word."""
    # Words in capitals are shouted or a heading's ("CHAPTER"); accepted words are names.
    if word.isupper() or context.vocabulary.accepts(word):
        return False
    # A capital inside a sentence marks a name or a title ("the Pit", "Residents").
    if word[:1].isupper() and not starts_sentence:
        return False
    return is_english_word(key)


def _words_in_idioms(prose: str) -> set[int]:
    """Return the start offsets of the words inside the listed idioms ("side by side")."""
    return {
        word.start()
        for idiom in _idioms().finditer(prose)
        for word in WORD.finditer(prose, idiom.start(), idiom.end())
    }


def _words_in_tags(document: Document) -> set[int]:
    """Return the start offsets of the words of dialogue tags ("cried Emma", "he answered").

    Speech verbs repeat in tags by convention, like "said"; a beat ("he shrugged") is
    narration and may echo.
    """
    return {
        word.start()
        for quotation in document.dialogue.quotations
        if quotation.attribution is not None and quotation.attribution.is_tag
        for word in WORD.finditer(
            document.prose, quotation.attribution.span.start, quotation.attribution.span.end
        )
    }


@functools.cache
def _idioms() -> re.Pattern[str]:
    """Return one pattern for every listed idiom."""
    return phrase_pattern(word_list("words", "echo-idioms"))
