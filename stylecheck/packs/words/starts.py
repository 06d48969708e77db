"""`words.repeated-start`: several sentences in a row that start with the same word."""

from __future__ import annotations

from collections.abc import Iterator

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.nlp import WORD
from stylecheck.rules import CheckContext, Option, Rule, RuleDoc, dialogue_policy

COUNT = Option("count", 3, "how many sentences in a row starting with one word are reported")

REPEATED_START = Rule(
    id="words.repeated-start",
    severity=Severity.NOTE,
    options=(COUNT,),
    doc=RuleDoc(
        summary="Three or more sentences in a row that start with the same word.",
        flags=(
            "A run of `count` (3 by default) or more consecutive sentences of one paragraph "
            "whose first words are the same, in any case (`She… She… She…`), reported once at "
            "the sentence that completes the run. A sentence of dialogue ends the run. "
            f"{dialogue_policy(False)}"
        ),
        why=(
            "Sentences that open alike fall into a drumbeat the reader hears before the "
            "meaning; varying the openings varies the rhythm."
        ),
        bad="She made cookies. She made a pie. She made meatloaf, with peas, which he hated.\n",
        good="She made cookies. Then a pie. Dinner was meatloaf, with peas, which he hated.\n",
        ignore_when="The repetition is a deliberate figure (anaphora), building a rhythm.",
        source=(
            "ProWritingAid's sentence-structure report and LanguageTool's "
            "WORD_REPEAT_BEGINNING_RULE (three successive sentences starting alike)."
        ),
    ),
)


def check_repeated_starts(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Yield one violation per run of sentences starting with the same word."""
    count = int(context.option(REPEATED_START, "count"))
    for run in sentence_start_runs(document):
        if len(run) < count:
            continue
        span = run[count - 1]
        word = document.prose[span.start : span.end]
        message = f"{len(run)} sentences in a row start with '{word}'"
        yield Violation(REPEATED_START.id, span, message)


def sentence_start_runs(document: Document) -> Iterator[list[Span]]:
    """Yield the first words of each run of narration sentences that start alike.

    A run is one sentence or more of one paragraph whose first words are the same in any case;
    a paragraph break, dialogue or a sentence without words ends it.
    """
    run: list[Span] = []  # the first words of the current run's sentences
    run_word = ""
    paragraph = None
    for sentence in document.sentences:
        first = WORD.search(document.prose, sentence.span.start, sentence.span.end)
        word = first[0].lower() if first else ""
        continues = (
            first is not None
            and sentence.paragraph == paragraph
            and word == run_word
            and not document.in_quotation(first.start())
        )
        if not continues and run:
            yield run
            run = []
        paragraph = sentence.paragraph
        if first is None or document.in_quotation(first.start()):
            run_word = ""
            continue
        run_word = word
        run.append(Span(first.start(), first.end()))
    if run:
        yield run
