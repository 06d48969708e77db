"""The dialogue pack: punctuation around speech, quotation pairing, and tag style.

Every check reads the document's dialogue model (`Document.dialogue`, see
`stylecheck/dialogue/`): the paired quotations and the tag or beat after each. The rules and
their documentation are in `dialogue_rules.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from stylecheck.diagnostics import Applicability, Edit, Fix, Span, Violation
from stylecheck.dialogue import Attribution, Dialogue, Problem, Quotation, VerbClass
from stylecheck.dialogue.quotes import QuoteStyle
from stylecheck.dialogue.tags import PRONOUNS, attribution_after
from stylecheck.document import Document
from stylecheck.packs.dialogue_rules import (
    ACTION_TAG,
    ADVERB_TAG,
    CONTINUATION,
    GLUED_QUOTE,
    MARK_OUTSIDE,
    NEW_SPEAKER,
    RULES,
    SAID_BOOKISM,
    TAG_CAPITAL,
    TAG_PUNCTUATION,
    UNBALANCED_QUOTE,
)
from stylecheck.rules import CheckContext, Rule

# Speech ending in one of these may be followed by a tag without a comma.
_TAG_READY = frozenset(",?!—–…-")
# Speech that starts with one of these is probably a question ("Where" she asked → "?").
_QUESTION_WORDS = frozenset(
    {
        "who",
        "what",
        "where",
        "when",
        "why",
        "how",
        "which",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "shall",
        "may",
        "might",
        "have",
        "has",
        "had",
    }
)
# A trailing or cut-off mark typed after the closing quote: "I"… or "I"—.
_OUTSIDE_MARK = re.compile(r"(?:…|\.\s?\.\s?\.|—|–|--)")
# Closed-class words that cannot start a resumed sentence with a capital ("she said, "The…").
_CONTINUING_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "so",
        "if",
        "then",
        "because",
        "when",
        "to",
        "in",
        "for",
        "of",
        "that",
        "this",
    }
)
_GENDERED = frozenset({"he", "she"})
# The parts of a speaker's name that identify the person: not a title such as "Mr."
_NAME_PART = re.compile(r"\b[^\W\d_]{2,}\b(?!\.)")
# Words after a verb that make it narration rather than a tag: an object, an infinitive, a
# participle ("She said it", "He began to tremble", "She went on sketching").
_NARRATION_AFTER_VERB = re.compile(
    r"\s+(?:nothing|her|him|it|them|me|us|you|the|a|an|his|their|my|our|its|this|that|to|"
    r"for|so|[a-z]+ing)\b"
)
# What follows a tag that introduces speech: a colon, or a quotation mark after a comma.
_INTRODUCES_SPEECH = re.compile(r"\s*(?::|[,.;]?\s*(?:--|—)?\s*[\"“‘'])")


class DialoguePack:
    """Check punctuation and style around speech."""

    name = "dialogue"

    def rules(self) -> Sequence[Rule]:
        """Return the pack's rules."""
        return RULES

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Run the enabled dialogue rules over the document's dialogue model."""
        prose, dialogue = document.prose, document.dialogue
        if context.is_enabled(UNBALANCED_QUOTE.id) or context.is_enabled(GLUED_QUOTE.id):
            yield from _mark_problems(prose, dialogue, context)
        for quotations in dialogue.by_paragraph.values():
            for index, quotation in enumerate(quotations):
                following = quotations[index + 1] if index + 1 < len(quotations) else None
                for violation in _quotation_checks(prose, quotation, following):
                    if context.is_enabled(violation.rule_id):
                        yield violation
            if context.is_enabled(NEW_SPEAKER.id):
                yield from _new_speakers(prose, quotations)


def _quotation_checks(
    prose: str, quotation: Quotation, following: Quotation | None
) -> Iterator[Violation]:
    """Yield every finding about one closed quotation and what follows it."""
    if quotation.close is None:
        return
    yield from _mark_outside(prose, quotation)
    yield from _question_comma(prose, quotation)
    yield from _comma_outside(prose, quotation)
    attribution = quotation.attribution
    if attribution is None:
        return
    yield from _tag_punctuation(prose, quotation, attribution)
    yield from _tag_capital(prose, quotation, attribution)
    yield from _tag_style(prose, quotation, attribution)
    if following is not None and attribution.is_tag:
        yield from _continuation(prose, attribution, following)


def _mark_problems(prose: str, dialogue: Dialogue, context: CheckContext) -> Iterator[Violation]:
    """Yield unbalanced and glued quotation marks."""
    for found in dialogue.problems:
        span = Span(found.offset, found.offset + 1)
        if found.problem is Problem.GLUED:
            if context.is_enabled(GLUED_QUOTE.id):
                yield _glued(prose, span, dialogue.style)
        elif context.is_enabled(UNBALANCED_QUOTE.id):
            message = (
                "This quotation is never closed: add the closing quotation mark"
                if found.problem is Problem.UNCLOSED
                else "This closing quotation mark closes nothing: an opening mark is missing"
            )
            yield Violation(UNBALANCED_QUOTE.id, span, message)


def _glued(prose: str, span: Span, style: QuoteStyle) -> Violation:
    """Return the finding for a mark glued to a word, with a space as the fix."""
    closing = prose[span.end : span.end + 1].isalnum()
    side = "the next word" if closing else "the word before it"
    if closing:  # '…"baking' becomes '…" "baking': one line closes, the next opens
        mark = prose[span.start]
        opening = mark if mark == style.straight else style.opening
        fix = Fix("Close and reopen the quotation", (Edit(span, f"{mark} {opening}"),))
    else:
        fix = Fix("Insert a space", (Edit(Span(span.start, span.start), " "),))
    fix = replace(fix, applicability=Applicability.UNSAFE)
    message = (
        f"The quotation mark is glued to {side}: a space is missing, and perhaps a new "
        "line of speech (and a new paragraph) starts here"
    )
    return Violation(GLUED_QUOTE.id, span, message, (fix,))


def _tag_punctuation(prose: str, quotation: Quotation, tag: Attribution) -> Iterator[Violation]:
    """Flag speech that ends without a comma, or with a full stop, before its tag."""
    close = quotation.close
    assert close is not None
    before = prose[close - 1]
    if prose[close + 1 : tag.span.start].strip():
        return  # something other than spaces between the quote and the tag
    if (
        before.isalnum()
        and (_lower_case_start(prose, tag) or tag.ends_clause)
        and _is_speech(prose, quotation)
    ):
        yield _missing_comma(prose, quotation, tag)
    elif (
        before == "."
        and prose[close - 2 : close - 1] != "."
        and tag.verb_class in (VerbClass.SPEECH, VerbClass.BOOKISM)
        and (_lower_case_start(prose, tag) or _ends_own_sentence(prose, tag, quotation))
    ):
        edits = [Edit(Span(close - 1, close), ",")]
        lowered = _lowered_pronoun(prose, tag)
        if lowered:
            edits.append(lowered)
        message = (
            f"A full stop ends the speech before the tag '{_text(prose, tag.span)}': "
            "a tag needs a comma inside the closing quote"
        )
        fix = Fix("Replace the full stop with a comma", tuple(edits), Applicability.SAFE)
        yield Violation(TAG_PUNCTUATION.id, Span(close - 1, close + 1), message, (fix,))


def _missing_comma(prose: str, quotation: Quotation, tag: Attribution) -> Violation:
    """Return the finding for speech with no punctuation before its tag or beat."""
    close = quotation.close
    assert close is not None
    first = re.match(r"\W*(\w+)", prose[quotation.open + 1 : close])
    question = bool(first) and first[1].lower() in _QUESTION_WORDS
    mark = "?" if question else ","
    said = _text(prose, tag.span)
    if not tag.is_tag:
        message = f"No punctuation between the speech and '{said}'"
        return Violation(TAG_PUNCTUATION.id, Span(close - 1, close + 1), message)
    message = (
        f"No punctuation before the dialogue tag '{said}': end the speech with "
        f"'{mark}' inside the closing quote"
    )
    applicability = Applicability.UNSAFE if question else Applicability.SAFE
    fix = Fix(f"Insert '{mark}'", (Edit(Span(close, close), mark),), applicability)
    return Violation(TAG_PUNCTUATION.id, Span(close - 1, close + 1), message, (fix,))


def _question_comma(prose: str, quotation: Quotation) -> Iterator[Violation]:
    """Flag a comma after a question or exclamation mark at the end of speech."""
    close = quotation.close
    assert close is not None
    inside = prose[close - 2 : close]
    if len(inside) == 2 and inside[0] in "?!" and inside[1] == ",":
        comma = Span(close - 1, close)
    elif prose[close - 1] in "?!" and prose[close + 1 : close + 2] == ",":
        comma = Span(close + 1, close + 2)
    else:
        return
    mark = prose[comma.start - 1] if comma.start < close else prose[close - 1]
    message = f"No comma after '{mark}': the '{mark}' already separates the speech from the tag"
    fix = Fix("Remove the comma", (Edit(comma, ""),), Applicability.SAFE)
    yield Violation(TAG_PUNCTUATION.id, comma, message, (fix,))


def _comma_outside(prose: str, quotation: Quotation) -> Iterator[Violation]:
    """Flag a tag's comma typed after the closing quote ("Fine", he said)."""
    close = quotation.close
    assert close is not None
    if not prose[close - 1].isalnum() or prose[close + 1 : close + 2] != ",":
        return
    tag = _attribution_at(prose, close + 2, quotation)
    if tag is None or not tag.is_tag or not (_lower_case_start(prose, tag) or tag.ends_clause):
        return
    if not _is_speech(prose, quotation):
        return
    mark = prose[close]
    message = "The comma before a dialogue tag goes inside the closing quote"
    fix = Fix(
        "Move the comma inside", (Edit(Span(close, close + 2), f",{mark}"),), Applicability.SAFE
    )
    yield Violation(TAG_PUNCTUATION.id, Span(close, close + 2), message, (fix,))


def _tag_capital(prose: str, quotation: Quotation, tag: Attribution) -> Iterator[Violation]:
    """Flag a tag capitalised after speech ending in ? ! , — or …."""
    close = quotation.close
    assert close is not None
    if prose[close - 1] not in _TAG_READY or tag.verb_class not in (
        VerbClass.SPEECH,
        VerbClass.BOOKISM,
    ):
        return
    # "He said, "Are you sure?"" may start a new sentence that introduces the next speech, and
    # a verb with an object ("She said it to the Knave", "He began to tremble") is narration;
    # a tag may go on with a phrase ("He asked with a deep voice", "He asked again").
    introduced = _introduced_speech(prose, tag, quotation)
    if introduced and prose[introduced.end() : introduced.end() + 1].isupper():
        return
    if _NARRATION_AFTER_VERB.match(prose, tag.span.end, quotation.paragraph.span.end):
        return
    lowered = _lowered_pronoun(prose, tag) or _lowered_verb(prose, tag)
    if lowered is None:
        return
    word = _text(prose, lowered.span)
    message = (
        f"The tag continues the sentence of the speech: write '{lowered.replacement}', not '{word}'"
    )
    fix = Fix(f"Write '{lowered.replacement}'", (lowered,), Applicability.SAFE)
    yield Violation(TAG_CAPITAL.id, lowered.span, message, (fix,))


def _lowered_pronoun(prose: str, tag: Attribution) -> Edit | None:
    """Return the edit that lower-cases a capitalised pronoun subject (not I), if any."""
    word = _text(prose, tag.subject_span)
    if tag.inverted or word.lower() not in PRONOUNS or word == "I" or not word[0].isupper():
        return None
    return Edit(tag.subject_span, word.lower())


def _lowered_verb(prose: str, tag: Attribution) -> Edit | None:
    """Return the edit that lower-cases the verb of an inverted tag ("Asked Tom")."""
    word = _text(prose, tag.verb_span)
    if not tag.inverted or not word[0].isupper():
        return None
    return Edit(tag.verb_span, word[0].lower() + word[1:])


def _tag_style(prose: str, quotation: Quotation, tag: Attribution) -> Iterator[Violation]:
    """Yield the style notes: adverb tags, said-bookisms, actions used as tags."""
    close = quotation.close
    assert close is not None
    ending = prose[close - 1]
    # Punctuated as a tag: a comma, or a lower-case subject after ? ! — or ….
    as_tag = ending == "," or (ending in _TAG_READY and _lower_case_start(prose, tag))
    said = _text(prose, tag.span)
    if tag.verb_class is VerbClass.ACTION:
        if as_tag and tag.ends_clause:
            message = (
                f"'{said}' is an action, not a way of speaking: end the speech with a full stop "
                "and make the action its own sentence (a beat), or use a speech verb"
            )
            yield Violation(ACTION_TAG.id, tag.span, message)
        return
    if tag.verb_class is VerbClass.BOOKISM or (tag.verb_class is VerbClass.SOUND and as_tag):
        kind = "a sound, not speech" if tag.verb_class is VerbClass.SOUND else "a showy tag"
        message = f"'{_text(prose, tag.verb_span)}' is {kind}: 'said' is nearly invisible"
        yield Violation(SAID_BOOKISM.id, tag.verb_span, message)
    if quotation.has_adverb_tag(prose):
        assert tag.adverb is not None
        adverb = _text(prose, tag.adverb)
        message = (
            f"Adverb on a dialogue tag ('{said}'): let the line itself, or a beat, show "
            f"that it was said {adverb}"
        )
        yield Violation(ADVERB_TAG.id, tag.span, message)


def _continuation(prose: str, tag: Attribution, following: Quotation) -> Iterator[Violation]:
    """Flag speech resuming after a tag with the wrong punctuation or capital."""
    between = prose[tag.span.end : following.open]
    first = re.match(r"[^\W\d_]+", prose[following.open + 1 : following.end])
    if not between.strip() and between and first:
        message = f"Put a comma after the tag '{_text(prose, tag.span)}' before the speech resumes"
        end = tag.span.end
        fix = Fix("Insert a comma", (Edit(Span(end, end), ","),), Applicability.SAFE)
        yield Violation(CONTINUATION.id, Span(tag.span.start, following.open + 1), message, (fix,))
    elif between.strip() == "." and first and first[0].islower() and first[0] != "i":
        stop = Span(tag.span.end, tag.span.end + 1)
        message = (
            "The speech resumes in lower case after a full stop: put a comma after the tag if "
            "the sentence continues, or start the new sentence with a capital"
        )
        fix = Fix("Replace the full stop with a comma", (Edit(stop, ","),), Applicability.UNSAFE)
        yield Violation(CONTINUATION.id, Span(tag.span.start, following.open + 2), message, (fix,))
    elif (
        between.strip() == ","
        and first
        and first[0].lower() in _CONTINUING_WORDS
        and first[0][0].isupper()
    ):
        # "I think," she said, "That we…": a comma-interrupted sentence resumes in lower case.
        word = Span(following.open + 1 + first.start(), following.open + 1 + first.end())
        message = (
            f"The speech resumes the interrupted sentence: write '{first[0].lower()}' "
            "in lower case, or end the tag with a full stop"
        )
        fix = Fix(
            f"Write '{first[0].lower()}'", (Edit(word, first[0].lower()),), Applicability.UNSAFE
        )
        yield Violation(CONTINUATION.id, word, message, (fix,))


def _mark_outside(prose: str, quotation: Quotation) -> Iterator[Violation]:
    """Flag an ellipsis or dash typed after the closing quote of unfinished speech."""
    close = quotation.close
    assert close is not None
    if not prose[close - 1].isalnum():
        return
    match = _OUTSIDE_MARK.match(prose, close + 1)
    if not match:
        return
    rest = prose[match.end() : quotation.paragraph.span.end]
    is_dash = match[0][0] in "—–-"
    tag = _attribution_at(prose, match.end(), quotation)
    if is_dash:
        # A dash glued to narration opens an interruption ("and"—his voice—"I won't").
        if not rest[:1].isspace() or tag is None or not tag.is_tag:
            return
    elif rest.strip() and not rest[:1].isspace():
        return
    mark = prose[close]
    moved = match[0]
    message = f"The '{moved.strip()}' belongs to the speech: put it inside the closing quote"
    fix = Fix(
        "Move it inside the quote",
        (Edit(Span(close, match.end()), moved + mark),),
        Applicability.SAFE,
    )
    yield Violation(MARK_OUTSIDE.id, Span(close, match.end()), message, (fix,))


def _new_speakers(prose: str, quotations: Sequence[Quotation]) -> Iterator[Violation]:
    """Flag a tagged line whose speaker clearly differs from the last tagged one."""
    last: str | None = None
    for quotation in quotations:
        tag = quotation.attribution
        speaker = tag.speaker if tag is not None and tag.is_tag else None
        if speaker is None:
            continue
        if last is not None and _different(last, speaker):
            message = (
                f"New speaker in the same paragraph ({last}, then {speaker}): "
                "start a new paragraph for each speaker"
            )
            yield Violation(NEW_SPEAKER.id, Span(quotation.open, quotation.open + 1), message)
            return  # once per paragraph: the writer splits it, then sees the next change
        last = speaker


def _different(first: str, second: str) -> bool:
    """Tell whether two speakers are clearly different people."""
    pronouns = {first, second} & PRONOUNS
    if not pronouns:  # two names: different unless they share a name ("Mr. Darcy", "Darcy")
        return not set(_NAME_PART.findall(first)) & set(_NAME_PART.findall(second))
    if len(pronouns) == 2 or {first, second} <= PRONOUNS:
        return {first, second} == _GENDERED
    # A pronoun and a name may be the same person, except "I" and a name.
    return "i" in pronouns


def _is_speech(prose: str, quotation: Quotation) -> bool:
    """Tell whether a quotation reads as speech: it starts a sentence or has two words or more."""
    close = quotation.close
    assert close is not None
    before = prose[quotation.paragraph.span.start : quotation.open].rstrip()
    starts_sentence = not before or before[-1] in ".!?:…—\"'”’"
    return starts_sentence or len(prose[quotation.open + 1 : close].split()) >= 2


def _ends_own_sentence(prose: str, tag: Attribution, quotation: Quotation) -> bool:
    """Tell whether a capitalised tag after a full stop is a sentence that only attributes.

    "Mara said." is a tag cut off from its speech, but "He repeated, "No."" and "The other
    added:" introduce the next speech, and "Mara said nothing" is narration.
    """
    return tag.ends_clause and not _introduced_speech(prose, tag, quotation)


def _introduced_speech(prose: str, tag: Attribution, quotation: Quotation) -> re.Match[str] | None:
    """Return the colon or opening mark by which a tag introduces more speech, if it does."""
    return _INTRODUCES_SPEECH.match(prose, tag.span.end, quotation.paragraph.span.end)


def _lower_case_start(prose: str, tag: Attribution) -> bool:
    """Tell whether the tag starts in lower case (a pronoun or an inverted verb)."""
    return prose[tag.span.start].islower()


def _attribution_at(prose: str, start: int, quotation: Quotation) -> Attribution | None:
    """Return a tag or beat starting at `start`, after punctuation typed outside the quote."""
    return attribution_after(prose, start, quotation.paragraph.span.end)


def _text(prose: str, span: Span) -> str:
    return prose[span.start : span.end]
