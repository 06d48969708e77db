"""The vocabulary pack: words on the writer's reject lists (see stylecheck.vocabulary)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.nlp import WORD
from stylecheck.rules import CheckContext, Rule, RuleDoc

REJECTED = Rule(
    id="vocabulary.rejected",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="A word on your reject list.",
        flags=(
            "Words matching an entry of the `reject` word lists or `reject-words` in the "
            "`vocabulary` settings, in narration and dialogue alike."
        ),
        why=(
            "A house style bans some words outright: a character's name spelled the old way, "
            "a crutch word you have promised to cut, a brand you must not name."
        ),
        bad="Greg said it was alright.\n",
        good="Greg said it was all right.\n",
        ignore_when="Take the word off the reject list instead.",
        source="Your own vocabulary (see Configuration in the README).",
        config='[vocabulary]\nreject-words = ["alright"]\n',
    ),
)


class VocabularyPack:
    """Report the words of the writer's reject lists."""

    name = "vocabulary"

    def rules(self) -> Sequence[Rule]:
        """Return the single rule of this pack."""
        return [REJECTED]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Yield a violation for every prose word a reject entry matches."""
        reject = context.vocabulary.reject
        if not reject.patterns:
            return
        for match in WORD.finditer(document.prose):
            if reject.matches(match.group()):
                yield Violation(
                    REJECTED.id,
                    Span(match.start(), match.end()),
                    f"'{match.group()}' is on your reject list",
                )
