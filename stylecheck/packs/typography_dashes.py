"""The typography pack's dash rules: how a manuscript types its dashes.

- `typography.spaced-hyphen`: a hyphen with a space on each side used as a dash ("really - had").
- `typography.dash-spacing`: an en dash spaced on one side only ("mind –again– when").
- `typography.double-hyphen`: `--` or `---` typed for a dash ("stopped--and").
- `typography.dash-style`: one manuscript mixing closed em dashes, spaced em dashes, spaced en
  dashes and double hyphens.

A dash between two words is a vote for its style; `house_dash` alone decides, from those votes,
which dash the fixes put in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.packs.typography_common import line_around, majority, replacing
from stylecheck.rules import CheckContext, Rule, RuleDoc, dialogue_policy

_DASH_SOURCE = "The Chicago Manual of Style, 6.85 (em dashes); New Hart's Rules, 4.11 (dashes)."

SPACED_HYPHEN = Rule(
    id="typography.spaced-hyphen",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='A hyphen with spaces around it, used as a dash ("really - had").',
        flags=(
            "A single hyphen with a space on each side between a word (or a comma, semicolon "
            "or colon) and a word. A hyphen between numbers is left alone (it is a range), and "
            f"so is one at the start of a line. {dialogue_policy(True)}"
        ),
        why=(
            "A hyphen joins words; a dash separates them. Typed with spaces, a hyphen is the "
            "mark of an unedited draft, and typesetters and e-book converters keep it as it is."
        ),
        bad="She had really - had enough of him.\n",
        good="She had really\u2014had enough of him.\n",
        ignore_when=(
            "Never in prose. The fix follows the manuscript's own dashes: a closed em dash, or a "
            "spaced em or en dash if that is what the text uses most."
        ),
        source=_DASH_SOURCE,
    ),
)

DASH_SPACING = Rule(
    id="typography.dash-spacing",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary='An en dash with a space on one side only ("mind \u2013again\u2013 when").',
        flags=(
            "An en dash with a space on one side and a letter or digit on the other. A dash that "
            f"opens a line is left alone. {dialogue_policy(True)}"
        ),
        why=(
            "A dash is spaced on both sides or on neither; spaced on one side only, it is glued "
            "to a word, and a line break can strand it at the start of a line."
        ),
        bad="She ran it through her mind \u2013again\u2013 when the phone rang.\n",
        good="She ran it through her mind \u2013 again \u2013 when the phone rang.\n",
        ignore_when=(
            "Never in prose. The fix follows the manuscript's own dashes: a spaced en dash if "
            "that is what the text uses most, otherwise a closed em dash."
        ),
        source=_DASH_SOURCE,
    ),
)

DOUBLE_HYPHEN = Rule(
    id="typography.double-hyphen",
    severity=Severity.NOTE,
    doc=RuleDoc(
        summary='Two or three hyphens typed for a dash ("stopped--and").',
        flags=(
            "A run of two or three hyphens on a line that has words on it. A line of hyphens "
            "alone (a scene break such as `--`) is left alone, and so are Markdown horizontal "
            "rules, arrows (`-->`), table rules (`|---|`) and hyphens for letters or a word "
            "left out (Miss F--, D--n, in ---shire), which stand for a 2-em or 3-em dash. "
            f"{dialogue_policy(True)}"
        ),
        why=(
            "A double hyphen is how a typewriter spelt a dash. Typesetters and e-book converters "
            "do not always turn it into one, and a line break can split it."
        ),
        bad="She stopped--and turned.\n",
        good="She stopped\u2014and turned.\n",
        ignore_when=(
            "Off by default: standard manuscript format accepts `--` for a dash, and a text that "
            "uses it throughout is consistent (eight of the 18 novels used to measure false "
            "alarms do, 40 times per 10,000 words). While it is off, typography.dash-style "
            "counts `--` as a dash style of its own and flags it where the manuscript mostly "
            "uses real dashes. Select it to prepare a text for typesetting; the fix puts in the "
            "manuscript's own dash (a closed em dash unless it mostly uses spaced ones)."
        ),
        source=(
            "The Chicago Manual of Style, 6.85 (em dashes; 2-em and 3-em dashes, 6.95); "
            "New Hart's Rules, 4.11."
        ),
    ),
    enabled_by_default=False,
)

DASH_STYLE = Rule(
    id="typography.dash-style",
    severity=Severity.WARNING,
    doc=RuleDoc(
        summary="One manuscript mixing dash styles (word\u2014word, word \u2014 word, "
        "word \u2013 word).",
        flags=(
            "A dash between two words in a style the manuscript uses less often than another: "
            "closed em dashes (word\u2014word), spaced em dashes (word \u2014 word) and spaced "
            "en dashes (word \u2013 word) are counted, and the most used is the house style. "
            "Double hyphens count as a style of their own only when typography.double-hyphen "
            "is off (otherwise it reports them). A dash at the start of a line, an en dash "
            "between numbers (1914\u20131918) or inside a compound (London\u2013Paris), and "
            "the dashes typography.spaced-hyphen and typography.dash-spacing report are not "
            f"counted. A document with one style gives nothing. {dialogue_policy(True)}"
        ),
        why=(
            "Chicago closes em dashes up, some American styles space them, and British houses "
            "use a spaced en dash: any of these is right, but a manuscript should use one. "
            "Mixed dashes usually come from pasting between programs."
        ),
        bad="He had\u2014at last\u2014said it. She waited \u2013 nothing.\n",
        good="He had\u2014at last\u2014said it. She waited\u2014nothing.\n",
        ignore_when=(
            "When two styles are meant to differ (a spaced dash for a pause, a closed one for "
            "an aside). The fix puts in the house style's dash."
        ),
        source=(
            "The Chicago Manual of Style, 6.85 (closed em dash); New Hart's Rules, 4.11 "
            "(spaced en rule); The Associated Press Stylebook, dash (spaced em dash)."
        ),
    ),
)

RULES = (SPACED_HYPHEN, DASH_SPACING, DOUBLE_HYPHEN, DASH_STYLE)

_EM_DASH = "\u2014"
_EN_DASH = "\u2013"


@dataclass(frozen=True)
class DashStyle:
    """A way of typing a dash between two words."""

    name: str  # in the plural, for messages
    text: str  # what goes between the two words

    @property
    def sample(self) -> str:
        """Return the style shown between two words."""
        return f"word{self.text}word"


CLOSED_EM = DashStyle("closed em dashes", _EM_DASH)
SPACED_EM = DashStyle("spaced em dashes", f" {_EM_DASH} ")
SPACED_EN = DashStyle("spaced en dashes", f" {_EN_DASH} ")
DOUBLE_HYPHENS = DashStyle("double hyphens", "--")


@dataclass(frozen=True)
class DashVote:
    """A dash between two words (its spaces included) and the style it is typed in."""

    span: Span
    style: DashStyle


# A dash between a letter or digit and a letter or digit on the same line, closed on both sides
# or spaced on both. A closed en dash is a range or a compound ("London–Paris"), not a dash.
_BETWEEN_WORDS = re.compile(
    rf"(?<=[^\W_])(?:{_EM_DASH}|-{{2,3}}| (?:[{_EM_DASH}{_EN_DASH}]|-{{2,3}}) )"
    r"(?=[^\W_])"
)
# A hyphen between a letter (or , ; :) and a letter, with one space or more on each side.
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]|[,;:]) +- +(?=[^\W\d_])")
# An en dash with the horizontal space around it.
_EN_DASH_SPACED = re.compile(rf"(?P<before>[ \t]*){_EN_DASH}(?P<after>[ \t]*)")
# Two or three hyphens, not part of a longer run.
_HYPHEN_RUN = re.compile(r"(?<!-)-{2,3}(?!-)")
# Next to these, hyphens are an arrow (-->), an HTML comment (<!--) or a table rule (|---|).
_NOT_A_DASH_BESIDE = frozenset("<>|!")


def check(document: Document, context: CheckContext) -> Iterator[Violation]:
    """Flag badly typed and inconsistent dashes, with the manuscript's house dash as the fix."""
    prose = document.prose
    votes = dash_votes(prose)
    dash = house_dash(votes)
    if context.is_enabled(SPACED_HYPHEN.id):
        yield from _spaced_hyphens(prose, dash)
    if context.is_enabled(DASH_SPACING.id):
        yield from _lopsided_en_dashes(prose, dash)
    typed_dashes = context.is_enabled(DOUBLE_HYPHEN.id)
    if typed_dashes:
        yield from _double_hyphens(prose, dash)
    if context.is_enabled(DASH_STYLE.id):
        # While double-hyphen reports every `--`, they are dashes typed the quick way, not a
        # style; when it is off, a writer has chosen `--`, and it is counted like the others.
        ballots = [v for v in votes if not (typed_dashes and v.style is DOUBLE_HYPHENS)]
        yield from _minority_dashes(ballots)


def dash_votes(prose: str) -> list[DashVote]:
    """Return every dash between two words, with its style."""
    votes = []
    for match in _BETWEEN_WORDS.finditer(prose):
        start, end = match.start(), match.end()
        # A dash between two numbers is a range ("1914 – 1918", "10--20").
        if prose[start - 1].isdigit() and prose[end].isdigit():
            continue
        votes.append(DashVote(Span(start, end), _style(match.group())))
    return votes


def house_dash(votes: Sequence[DashVote]) -> str:
    """Return the dash a fix puts in: the manuscript's most used dash, or a closed em dash.

    Double hyphens are left out: they stand for a dash, and the fix is the dash they stand for.
    """
    counts = Counter(v.style for v in votes if v.style is not DOUBLE_HYPHENS)
    return (majority(counts) or CLOSED_EM).text


def _style(dash: str) -> DashStyle:
    glyph = dash.strip()
    if glyph.startswith("-"):
        return DOUBLE_HYPHENS
    if glyph == _EN_DASH:
        return SPACED_EN  # only a spaced en dash is a vote
    return SPACED_EM if dash != glyph else CLOSED_EM


def _spaced_hyphens(prose: str, dash: str) -> Iterator[Violation]:
    """Yield a violation for every hyphen typed with spaces as a dash."""
    message = f"A hyphen with spaces around it is a dash typed as a hyphen; use '{dash.strip()}'"
    for match in _SPACED_HYPHEN.finditer(prose):
        yield replacing(SPACED_HYPHEN.id, Span(match.start(), match.end()), message, dash)


def _lopsided_en_dashes(prose: str, dash: str) -> Iterator[Violation]:
    """Yield a violation for every en dash spaced on one side only."""
    message = "An en dash with a space on one side only; space it on both sides or neither"
    for match in _EN_DASH_SPACED.finditer(prose):
        spaced_before, spaced_after = bool(match["before"]), bool(match["after"])
        start, end = match.start(), match.end()
        # The unspaced side must touch a word: not a line start, not other punctuation.
        glued_to = prose[start - 1 : start] if spaced_after else prose[end : end + 1]
        if spaced_before == spaced_after or not glued_to.isalnum():
            continue
        yield replacing(DASH_SPACING.id, Span(start, end), message, dash)


def _double_hyphens(prose: str, dash: str) -> Iterator[Violation]:
    """Yield a violation for every `--` or `---` typed for a dash."""
    for match in _HYPHEN_RUN.finditer(prose):
        start, end = match.start(), match.end()
        between_words = _between_words(prose, start, end)
        if not _is_typed_dash(prose, start, end) or _is_omission(
            prose, start, end, between_words=between_words is not None
        ):
            continue
        if prose[start - 1 : start].isdigit() and prose[end : end + 1].isdigit():
            span, replacement = Span(start, end), _EN_DASH  # a range: "pages 10--20"
        elif between_words:
            span, replacement = between_words, dash
        else:
            # Beside a quote, a line end or punctuation the spacing stays as it is.
            span, replacement = Span(start, end), dash.strip()
        message = f"A dash typed as hyphens; use '{replacement.strip()}'"
        yield replacing(DOUBLE_HYPHEN.id, span, message, replacement)


def _between_words(prose: str, start: int, end: int) -> Span | None:
    """Return the span of the hyphens at start..end with their spaces, if they join two words."""
    # Spaced hyphens join words only with one space on each side: start the match at the first.
    at = start - 1 if prose[start - 1 : start] == " " else start
    match = _BETWEEN_WORDS.match(prose, at)
    return Span(match.start(), match.end()) if match and match.end() in (end, end + 1) else None


def _is_typed_dash(prose: str, start: int, end: int) -> bool:
    """Tell whether the hyphens at start..end are a dash, not a scene break, arrow or rule."""
    line = line_around(prose, start)
    if not prose[line.start : line.end].strip(" \t-"):
        return False  # a line of hyphens alone is a scene break
    beside = prose[start - 1 : start] + prose[end : end + 1]
    return not _NOT_A_DASH_BESIDE.intersection(beside)


def _is_omission(prose: str, start: int, end: int, *, between_words: bool) -> bool:
    """Tell whether hyphens stand for letters or a word left out, not for a dash.

    Two hyphens after a lone capital are a 2-em dash for missing letters ("Miss F--", "D--n"),
    though "I--" and "A--" are a word and a dash; three hyphens not between two words are a
    3-em dash for a missing word ("in ---shire", "A.D. ---").
    """
    if end - start == 3:
        return not between_words
    initial = prose[max(start - 2, 0) : start]
    return (
        initial[-1:].isupper()
        and initial[-1] not in "IA"
        and (len(initial) < 2 or not initial[0].isalpha())
    )


def _minority_dashes(votes: Sequence[DashVote]) -> Iterator[Violation]:
    """Yield a violation for every dash typed in a style other than the manuscript's usual one."""
    house = majority(Counter(v.style for v in votes))
    if house is None:
        return
    for vote in votes:
        if vote.style is house:
            continue
        message = (
            f"A dash in a different style: this manuscript mostly uses {house.name} "
            f"('{house.sample}'), this is one of its {vote.style.name}"
        )
        yield replacing(DASH_STYLE.id, vote.span, message, house.text)
