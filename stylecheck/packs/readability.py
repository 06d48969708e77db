"""The readability pack: long and very hard sentences, a file's grade, and readability metrics.

Metrics. Every check of a document with prose stores textstat's formulas, rounded to two
decimals, in `context.metrics["readability"]`, whichever of the pack's rules are enabled. They
are computed on the prose of the non-heading blocks joined by blank lines: a heading ("Chapter
Seven") is not a sentence and would only pull the averages down. `words` and `sentences` are
textstat's own counts, the ones its formulas use (textstat ignores "sentences" of two words or
fewer). The SMOG formula is meant for samples of 30 sentences or more; textstat applies it to
any text (0.0 only when there is no sentence), so treat it with care on short files.

Sentences. The sentence rules read `Document.sentences` and count words with
`stylecheck.nlp.words` (hyphenated words and contractions are one word). Headings are skipped.
A sentence gets at most one finding: when `readability.long-sentence` is enabled and flags a
sentence, `readability.hard-sentence` does not report it again.

Per-sentence ARI is computed here, not by textstat, because textstat re-splits its input into
sentences of its own ("Mr. Darcy" ends one): `4.71 * letters / words + 0.5 * words - 21.43`
with one sentence, letters being the letters and digits of the sentence's words.

Defaults were measured on 18 published novels (about 2.1 million words; see
tests/test_readability_pack.py for the noise budget): what fires on professionally edited
fiction is mostly noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.nlp import Sentence, words
from stylecheck.rules import CheckContext, Option, Rule, RuleDoc

PACK = "readability"
LONG_SENTENCE = "readability.long-sentence"
HARD_SENTENCE = "readability.hard-sentence"
FILE_GRADE = "readability.file-grade"

# textstat functions stored in the metrics, under their own names.
FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)

_SOURCE_HEMINGWAY = (
    "Hemingway Editor (hemingwayapp.com): sentences of 14 or more words are 'very hard to read' "
    "at a per-sentence Automated Readability Index of 14 or more, as reconstructed by "
    "open-source clones; ARI from Smith and Senter, 'Automated Readability Index' (1967)."
)

LONG_DOC = RuleDoc(
    summary="Sentence is very long.",
    flags=(
        "A sentence with more than `max-words` words (default 50). Words are runs of letters "
        "and digits; hyphenated words and contractions count once. Headings are skipped."
    ),
    why=(
        "Readers hold a sentence in working memory until it ends. Past fifty words even a "
        "well-built sentence asks a lot, and in a draft it is usually several sentences joined "
        "by 'and' and commas. Harper flags sentences over 40 words; on published novels that "
        "fires about once every 220 words, so the default is higher."
    ),
    bad=(
        "When the storm finally reached the harbour, Marguerite dragged the nets up from the "
        "jetty, shouted to her brother to bring the lanterns down from the loft, checked twice "
        "that the boat was tied to both iron rings, and then stood in the doorway of the "
        "boathouse with her coat pulled tight, watching the grey water climb the steps one by "
        "one while the gulls went quiet overhead.\n"
    ),
    good=(
        "When the storm reached the harbour, Marguerite dragged the nets up from the jetty. She "
        "shouted to her brother to bring the lanterns down from the loft and checked twice that "
        "the boat was tied to both iron rings. Then she stood in the doorway of the boathouse "
        "with her coat pulled tight. The grey water climbed the steps one by one, and the gulls "
        "went quiet overhead.\n"
    ),
    ignore_when=(
        "The length is the point: a breathless run-on in a moment of panic, a character who "
        "never stops talking, a deliberate period style. Raise `max-words` for a whole "
        "manuscript written that way."
    ),
    source=(
        "Harper's LongSentences lint (more than 40 words); Hemingway Editor's hard-sentence "
        "highlights; threshold measured by stylecheck on 18 published novels."
    ),
)

HARD_DOC = RuleDoc(
    summary="Sentence is very hard to read (Hemingway's red highlight).",
    flags=(
        "A sentence of at least `min-words` words (default 14) whose Automated Readability "
        "Index, computed on the sentence alone, is `max-ari` or more (default 14): "
        "4.71 x letters per word + 0.5 x words - 21.43. Long words and long sentences both "
        "raise it. Headings, and sentences already reported by readability.long-sentence, "
        "are skipped. Off by default: published novels trip it every 100 to 250 words."
    ),
    why=(
        "A sentence packed with long abstract words reads like a report, and in fiction it "
        "holds up the scene. Hemingway Editor marks these sentences red; this rule brings the "
        "same check to a manuscript for writers who want it."
    ),
    bad=(
        "Her grandmother's uncompromising determination to reconstruct the dilapidated "
        "conservatory transformed every conversation into an interminable negotiation about "
        "responsibilities and inheritances.\n"
    ),
    good=(
        "Grandmother was set on rebuilding the old glasshouse. Every talk turned into a long "
        "fight about who would pay for it and who would inherit it.\n"
    ),
    ignore_when=(
        "The voice calls for it: a pompous narrator, a lawyer's letter, a scholar's lecture. "
        "ARI counts letters, so one long invented compound can push a short sentence over."
    ),
    source=_SOURCE_HEMINGWAY,
)

GRADE_DOC = RuleDoc(
    summary="File reads above the chosen Flesch-Kincaid grade level.",
    flags=(
        "A file of at least `min-words` words (default 100) whose Flesch-Kincaid grade level, "
        "computed by textstat on its prose without headings, is above `max-grade` (default "
        "14, college level). Reported once, at the start of the file."
    ),
    why=(
        "Published novels sit far lower: whole novels from Austen to Melville score 5 to 10.5, "
        "and 99% of their 3,000-word stretches stay below 14.5. A chapter above 14 reads like "
        "an academic paper. Fewer than 100 words are too few for the formula, whose authors "
        "sampled 100-word passages."
    ),
    bad=(
        "The phenomenological investigation of institutional memory necessitates a "
        "comprehensive reconsideration of the epistemological assumptions underlying "
        "conventional historiographical methodologies. Contemporary theoretical frameworks, "
        "particularly those emphasising intersubjective interpretation, characteristically "
        "conceptualise organisational documentation as an inherently ambiguous manifestation "
        "of negotiated institutional authority rather than as a transparent representation of "
        "administrative reality. Consequently, methodological rigour requires systematic "
        "triangulation of archival evidence with ethnographic observation, supplemented by "
        "longitudinal comparative analysis of documentary practices across heterogeneous "
        "administrative environments. Such interdisciplinary integration, although "
        "considerably more labour-intensive than traditional documentary approaches, "
        "substantially improves the reliability of interpretative conclusions concerning "
        "institutional continuity. Future research should therefore prioritise collaborative "
        "investigation.\n"
    ),
    good=(
        "To understand how an office remembers its past, you cannot just read its files. Files "
        "are not plain records of what happened. They show what people agreed to write down, "
        "and who had the power to decide. So a careful study checks the files against what "
        "people do and say at work. It also looks at how record keeping changes over the "
        "years, and compares one office with another. This takes more time than reading the "
        "files alone. It is slow work. But it gives answers you can trust much more about how "
        "an office keeps going from one year to the next.\n"
    ),
    ignore_when=(
        "The chapter is meant to be dense: an in-world treatise, a legal document, an essay "
        "chapter in the manner of Moby-Dick's whaling chapters."
    ),
    source=(
        "Kincaid, Fishburne, Rogers and Chissom, 'Derivation of New Readability Formulas for "
        "Navy Enlisted Personnel' (1975); computed with textstat's flesch_kincaid_grade."
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        LONG_SENTENCE,
        Severity.NOTE,
        LONG_DOC,
        (Option("max-words", 50, "flag sentences with more words than this"),),
    ),
    Rule(
        HARD_SENTENCE,
        Severity.NOTE,
        HARD_DOC,
        (
            Option("min-words", 14, "ignore sentences with fewer words than this"),
            Option("max-ari", 14.0, "flag sentences whose ARI is this or more"),
        ),
        enabled_by_default=False,
    ),
    Rule(
        FILE_GRADE,
        Severity.NOTE,
        GRADE_DOC,
        (
            Option("max-grade", 14.0, "flag files whose Flesch-Kincaid grade is above this"),
            Option("min-words", 100, "ignore files with fewer words than this"),
        ),
    ),
)
_BY_ID = {rule.id: rule for rule in RULES}


@dataclass(frozen=True)
class SentenceStats:
    """A sentence with its word and letter counts."""

    sentence: Sentence
    words: int
    letters: int

    @property
    def ari(self) -> float:
        """Return the Automated Readability Index of this sentence on its own."""
        return 4.71 * self.letters / self.words + 0.5 * self.words - 21.43


def sentence_stats(document: Document) -> list[SentenceStats]:
    """Return the counts of every non-heading sentence that has words."""
    stats: list[SentenceStats] = []
    for sentence in document.sentences:
        if sentence.paragraph.kind == "heading":
            continue
        found = words(sentence.text(document.prose))
        if found:
            letters = sum(ch.isalnum() for word in found for ch in word)
            stats.append(SentenceStats(sentence, len(found), letters))
    return stats


def metrics_text(document: Document) -> str:
    """Return the prose the metrics are computed on: non-heading blocks, blank-line separated."""
    blocks = (document.paragraph_text(p) for p in document.paragraphs if p.kind != "heading")
    return "\n\n".join(blocks)


def compute_metrics(text: str) -> dict[str, float]:
    """Return textstat's formulas (rounded to 2 decimals) and counts for `text`."""
    # Imported here: it loads NLTK, which a run answered from the cache never needs.
    from stylecheck.textstat_offline import load_textstat

    textstat = load_textstat()
    metrics: dict[str, float] = {
        name: round(float(getattr(textstat, name)(text)), 2) for name in FORMULAS
    }
    metrics["words"] = textstat.lexicon_count(text)
    metrics["sentences"] = textstat.sentence_count(text)
    return metrics


def _number_option(context: CheckContext, rule_id: str, name: str) -> float:
    value = context.option(_BY_ID[rule_id], name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{rule_id} option {name!r} must be a number, got {value!r}")
    return float(value)


class ReadabilityPack:
    """Pack `readability`: long and very hard sentences, file grade level, metrics."""

    name = PACK

    def rules(self) -> Sequence[Rule]:
        """Return the readability rules."""
        return RULES

    def check(self, document: Document, context: CheckContext) -> list[Violation]:
        """Store the document's metrics and return violations of the enabled rules."""
        text = metrics_text(document)
        if not words(text):
            return []
        metrics = compute_metrics(text)
        context.metrics[PACK] = metrics
        violations = self._file_grade(document, context, metrics)
        if context.is_enabled(LONG_SENTENCE) or context.is_enabled(HARD_SENTENCE):
            violations.extend(self._sentences(document, context))
        return violations

    def _file_grade(
        self, document: Document, context: CheckContext, metrics: dict[str, float]
    ) -> list[Violation]:
        if not context.is_enabled(FILE_GRADE):
            return []
        grade = metrics["flesch_kincaid_grade"]
        max_grade = _number_option(context, FILE_GRADE, "max-grade")
        min_words = _number_option(context, FILE_GRADE, "min-words")
        if metrics["words"] < min_words or grade <= max_grade:
            return []
        # The first block's first character: the engine maps it to the first prose line.
        start = document.paragraphs[0].span.start
        message = (
            f"Flesch-Kincaid grade level is {grade:.1f} (above {max_grade:g}); "
            "shorter sentences and plainer words would make the file easier to read"
        )
        return [Violation(FILE_GRADE, Span(start, start + 1), message)]

    def _sentences(self, document: Document, context: CheckContext) -> list[Violation]:
        long_on = context.is_enabled(LONG_SENTENCE)
        hard_on = context.is_enabled(HARD_SENTENCE)
        max_words = int(_number_option(context, LONG_SENTENCE, "max-words"))
        min_words = _number_option(context, HARD_SENTENCE, "min-words")
        max_ari = _number_option(context, HARD_SENTENCE, "max-ari")
        violations: list[Violation] = []
        for stats in sentence_stats(document):
            span = stats.sentence.span
            if long_on and stats.words > max_words:
                message = (
                    f"Sentence has {stats.words} words (more than {max_words}); "
                    "consider splitting it"
                )
                violations.append(Violation(LONG_SENTENCE, span, message))
            elif hard_on and stats.words >= min_words and stats.ari >= max_ari:
                message = (
                    f"Sentence is very hard to read: ARI {stats.ari:.1f} (at least "
                    f"{max_ari:g}) over {stats.words} words; use shorter words or split it"
                )
                violations.append(Violation(HARD_SENTENCE, span, message))
        return violations
