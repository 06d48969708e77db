"""The proselint pack: every check of the installed proselint as a stylecheck rule.

One rule per distinct proselint check path (`proselint.<path>`); several proselint checks may
share a path and the rule runs them all. The pack calls `Check.check_with_flags` itself instead
of `LintFile.lint`: that method goes through proselint's class-level `CheckRegistry` and applies
`max_errors` before sorting, silently dropping findings on long manuscripts.

Documentation, default severity, default state and the dialogue policy of each rule live in
`proselint_docs.yml` beside this module, which is also the list of check paths: listing the
rules does not import proselint (a test keeps the file equal to the installed checks).

proselint is imported lazily, only when a document is checked with one of its rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.packs.docs_yaml import load_docs_yaml
from stylecheck.rules import CheckContext, Rule, RuleDoc

if TYPE_CHECKING:
    from proselint.registry.checks import Check, CheckResult

PACK = "proselint"
DOCS_PATH = Path(__file__).with_name("proselint_docs.yml")
DOC_FIELDS = ("summary", "flags", "why", "bad", "good", "ignore_when", "source")
ENTRY_FIELDS = frozenset({*DOC_FIELDS, "checks_dialogue", "default", "severity"})

# The only replacement that is mechanical and always right: a lower-case weekday name.
# (Months are not: "august" is also an adjective, and "may" and "march" are verbs.)
SAFE_FIXES = frozenset({"misc.capitalization.days"})

# Checks about the spaces themselves must see line breaks as line breaks (see soft_wrapped).
SPACING_CHECKS = frozenset(
    {"typography.punctuation.spacing", "typography.symbols.sentence_spacing"}
)

# proselint lints "\n" + text + "\n" (LintFile does the same); its spans are in that text.
PAD = "\n"

_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_PLAIN_WORD = re.compile(r"^[A-Za-z]+$")
_DATE_GOES_ON = re.compile(r"[^\s\w.]\d")
_ALTERNATIVES = re.compile(r"' or '| / ")
_REGEX_ESCAPE = re.compile(r"\\(.)")
_REGEX_SYNTAX = frozenset("[](){}|*+?^$\\")


class DocsError(ValueError):
    """proselint_docs.yml is malformed; the message names the entry and key."""


@dataclass(frozen=True)
class CheckDoc:
    """What proselint_docs.yml says about one check path."""

    doc: RuleDoc
    severity: Severity
    enabled_by_default: bool
    checks_dialogue: bool


def rule_id(path: str) -> str:
    """Return the stylecheck rule id of a proselint check path."""
    return f"{PACK}.{path}"


def check_path(rule_id_: str) -> str:
    """Return the proselint check path of a rule id."""
    return rule_id_.removeprefix(f"{PACK}.")


@functools.cache
def checks_by_path() -> Mapping[str, tuple[Check, ...]]:
    """Return proselint's checks grouped by path, in registration order (built once)."""
    from proselint.checks import __register__

    grouped: dict[str, list[Check]] = {}
    for check in __register__:
        grouped.setdefault(check.path, []).append(_repaired(check))
    return {path: tuple(checks) for path, checks in grouped.items()}


def _repaired(check: Check) -> Check:
    """Return the check with an engine that works around proselint 0.16's boundary bugs.

    1. `FastSet.finditer` asks RE2 which padded patterns match, then re-runs the *unpadded*
       pattern: "nigh" is found inside "night", "old custom" inside "household custom". The
       repaired engine's sets apply the padding in both steps; this covers every list check,
       including the function checks that build their sets from `check.engine`.
    2. `Consistency` searches its terms with no padding at all: "labor" is found inside
       "collaboration". A consistency check whose terms are plain words gets an engine that
       matches whole words only (the punctuation-spacing pairs are patterns and keep theirs).
    """
    from proselint.registry.checks.engine import Fast
    from proselint.registry.checks.types import Consistency

    if type(check.engine) is not Fast:
        return check
    padded_sets, whole_words = _repaired_engines()
    kind = check.check_type
    if isinstance(kind, Consistency) and all(
        _PLAIN_WORD.match(t) for p in kind.term_pairs for t in p
    ):
        return check._replace(engine=whole_words(check.engine.opts))
    return check._replace(engine=padded_sets(check.engine.opts))


@functools.cache
def _repaired_engines() -> tuple[type, type]:
    """Build (once, lazily: they subclass proselint) the two repaired engines."""
    from itertools import chain

    from proselint.registry.checks.engine import Anchor, Fast, FastSet, Padding

    class PaddedFastSet(FastSet):
        def finditer(self, text: str) -> Iterator[Any]:
            indices = self._set.Match(text)
            if indices is None:
                return iter(())
            patterns = (self.padding.format(self._patterns[i]) for i in indices)
            return chain.from_iterable(self.engine.finditer(p, text) for p in patterns)

    class PaddedSetsFast(Fast):
        def make_set(
            self,
            padding: Padding,
            patterns: Collection[str],
            anchor: Anchor = Anchor.UNANCHORED,
        ) -> FastSet:
            return PaddedFastSet(self, padding, patterns, anchor)

    class WholeWordsFast(PaddedSetsFast):
        def finditer(self, pattern: str, text: str) -> Iterator[Any]:
            return super().finditer(Padding.WORDS_IN_TEXT.format(pattern), text)

    return PaddedSetsFast, WholeWordsFast


@functools.cache
def load_docs() -> Mapping[str, CheckDoc]:
    """Read and validate proselint_docs.yml (once per process)."""
    data = load_docs_yaml(DOCS_PATH)
    if not isinstance(data, dict):
        raise DocsError(f"{DOCS_PATH.name}: expected a mapping of check paths")
    return {str(key): _parse_entry(str(key), value) for key, value in data.items()}


def _parse_entry(path: str, entry: object) -> CheckDoc:
    """Validate one entry of proselint_docs.yml; errors name the check path and key."""
    if not isinstance(entry, dict):
        raise DocsError(f"{DOCS_PATH.name}: {path}: expected a mapping")
    keys = set(entry)
    if keys != ENTRY_FIELDS:
        missing, unknown = sorted(ENTRY_FIELDS - keys), sorted(keys - ENTRY_FIELDS)
        raise DocsError(f"{DOCS_PATH.name}: {path}: missing {missing}, unknown {unknown}")
    texts = {name: entry[name] for name in DOC_FIELDS}
    if not all(isinstance(text, str) and text.strip() for text in texts.values()):
        raise DocsError(f"{DOCS_PATH.name}: {path}: every doc field must be non-empty text")
    # Quoted on purpose: YAML 1.1 would read a bare on/off as a boolean.
    if entry["default"] not in ("on", "off"):
        raise DocsError(f'{DOCS_PATH.name}: {path}: default must be "on" or "off"')
    if not isinstance(entry["checks_dialogue"], bool):
        raise DocsError(f"{DOCS_PATH.name}: {path}: checks_dialogue must be true or false")
    try:
        severity = Severity.parse(str(entry["severity"]))
    except ValueError as err:
        raise DocsError(f"{DOCS_PATH.name}: {path}: {err}") from None
    return CheckDoc(
        doc=RuleDoc(**{name: text.strip() for name, text in texts.items()}),
        severity=severity,
        enabled_by_default=entry["default"] == "on",
        checks_dialogue=entry["checks_dialogue"],
    )


def doc_for(path: str) -> CheckDoc:
    """Return the documentation of a check path."""
    return load_docs()[path]


@functools.cache
def _rules() -> tuple[Rule, ...]:
    """Build the pack's rules once per process, one per documented check path.

    The docs file, not proselint, lists the paths, so that listing the rules (which every run
    does) does not import proselint's checks; a test keeps the list equal to proselint's.
    """
    rules = []
    for path in load_docs():
        entry = doc_for(path)
        rules.append(
            Rule(
                id=rule_id(path),
                severity=entry.severity,
                doc=entry.doc,
                enabled_by_default=entry.enabled_by_default,
                topic=_topic(path),
            )
        )
    return tuple(rules)


def _topic(path: str) -> str | None:
    """Return the problem a check shares with other packs' rules (see engine.drop_overlaps)."""
    if path == "lexical_illusions":
        return "doubled-word"
    # spelling.consistency flags mixed dialects, not a misspelt word.
    if path.startswith("spelling.") and path != "spelling.consistency":
        return "spelling"
    return None


class ProselintPack:
    """Run proselint's checks over a document's prose, one rule per check path."""

    name = PACK

    def rules(self) -> list[Rule]:
        """Return one rule per proselint check path."""
        return list(_rules())

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Return the violations of every enabled proselint rule, in prose coordinates."""
        paths = [check_path(r.id) for r in _rules() if context.is_enabled(r.id)]
        if not paths or not document.prose.strip():
            return
        texts = _LintTexts(document.prose)
        for path in paths:
            skip_dialogue = not doc_for(path).checks_dialogue
            for violation in _run_path(path, texts):
                # Advice about the author's own style does not apply to what characters say.
                if skip_dialogue and document.in_quotation(violation.span.start):
                    continue
                yield violation


class _LintTexts:
    """The padded texts proselint's checks read, built once per document."""

    def __init__(self, prose: str) -> None:
        self.prose = prose
        self.exact = PAD + prose + PAD

    @functools.cached_property
    def soft_wrapped(self) -> str:
        """Return the padded prose with lone line breaks turned into spaces.

        A hard-wrapped paragraph ("at the end\\nof the day") then matches multi-word phrases.
        Paragraph breaks ("\\n\\n") stay, and offsets do not move (one character for one).
        """
        return PAD + _LONE_NEWLINE.sub(" ", self.prose) + PAD

    def for_path(self, path: str) -> str:
        """Return the text a check path should read."""
        return self.exact if path in SPACING_CHECKS else self.soft_wrapped


def _dash_not_hyphen(prose: str, span: Span) -> bool:
    """Tell whether an "-ly-" match is really "-ly--", a typed dash."""
    return prose.startswith("-", span.end)


def _no_letters(prose: str, span: Span) -> bool:
    """Tell whether a match has no letters (italic underscores in plain text: "_ _")."""
    return not any(ch.isalpha() for ch in prose[span.start : span.end])


def _ends_inside_word(prose: str, span: Span) -> bool:
    """Tell whether a match stops inside a word ("8 am" in "8 amino acids")."""
    return span.end < len(prose) and prose[span.end].isalpha()


def _date_not_range(prose: str, span: Span) -> bool:
    """Tell whether "from 2026-02" goes on as a date or time ("-24", ":00"), not a range."""
    return _DATE_GOES_ON.match(prose, span.end) is not None


# Known false alarms of single checks (the novels corpus and proselint's own test sentences).
FALSE_ALARMS: Mapping[str, Callable[[str, Span], bool]] = {
    "misc.phrasal_adjectives.ly": _dash_not_hyphen,
    "lexical_illusions": _no_letters,
    "dates_times.am_pm.lowercase_periods": _ends_inside_word,
    "dates_times.dates.dash_and_from": _date_not_range,
}


def _run_path(path: str, texts: _LintTexts) -> Iterator[Violation]:
    """Run every proselint check registered under `path`."""
    text = texts.for_path(path)
    false_alarm = FALSE_ALARMS.get(path)
    for check in checks_by_path()[path]:
        for result in check.check_with_flags(text):
            violation = _violation(path, check, result, texts.prose)
            if false_alarm and false_alarm(texts.prose, violation.span):
                continue
            yield violation


def _violation(path: str, check: Check, result: CheckResult, prose: str) -> Violation:
    """Turn a proselint result into a violation in prose coordinates."""
    span = _prose_span(check, result.span, prose)
    matched = prose[span.start : span.end]
    if result.replacements is None:
        result = _with_missed_replacement(check, result, matched)
    fixes = _fixes(path, check, matched, span, result.replacements)
    return Violation(rule_id(path), span, " ".join(result.message.split()), fixes)


def _with_missed_replacement(check: Check, result: CheckResult, matched: str) -> CheckResult:
    """Find the replacement proselint 0.16 misses when a preferred form's key is a pattern.

    `PreferredFormsSimple` looks the replacement up by the lower-cased matched text, which
    fails for keys like "p\\.m\\. at night" or "please RSVP": the message then says 'None'.
    """
    from proselint.registry.checks.types import PreferredFormsSimple

    kind = check.check_type
    if not isinstance(kind, PreferredFormsSimple):
        return result
    original = " ".join(matched.split())
    flags = re.IGNORECASE if check.engine.opts.case_insensitive else 0
    found = (v for k, v in kind.items.items() if re.fullmatch(k, original, flags))
    replacement = next(found, None)
    if replacement is None:
        return result
    message = check.message.format(_REGEX_ESCAPE.sub(r"\1", replacement), original)
    return result._replace(replacements=replacement, message=message)


def _prose_span(check: Check, padded: tuple[int, int], prose: str) -> Span:
    """Shift a span out of the padded text and clamp it to the prose."""
    from proselint.registry.checks.types import ReverseExistence

    start, end = padded[0] - len(PAD), padded[1] - len(PAD)
    length = len(prose)
    # proselint 0.16's ReverseExistence adds 1 to the start, cutting the word's first letter.
    cut_word = 0 < start <= length and prose[start - 1].isalpha()
    if isinstance(check.check_type, ReverseExistence) and cut_word:
        start -= 1
    start = min(max(start, 0), length)
    return Span(start, min(max(end, start), length))


def _fixes(
    path: str, check: Check, matched: str, span: Span, replacements: str | None
) -> tuple[Fix, ...]:
    """Offer each literal replacement proselint suggests as a fix."""
    if not replacements or not matched:
        return ()
    applicability = Applicability.SAFE if path in SAFE_FIXES else Applicability.UNSAFE
    fixes = []
    for option in _ALTERNATIVES.split(replacements):
        replacement = _literal(option)
        if replacement is None:
            continue
        replacement = _match_case(check, matched, replacement)
        if replacement == matched:
            continue
        edit = Edit(span, replacement)
        fixes.append(Fix(f"Replace with '{replacement}'", (edit,), applicability))
    return tuple(fixes)


def _literal(replacement: str) -> str | None:
    """Return a replacement as plain text, or None when it is a regex (no usable fix)."""
    text = _REGEX_ESCAPE.sub(r"\1", replacement.strip())
    # Some replacements are patterns (consistency checks), which no edit can apply.
    if not text or _REGEX_SYNTAX.intersection(replacement.replace("\\.", "")):
        return None
    return text


def _match_case(check: Check, matched: str, replacement: str) -> str:
    """Capitalise a lower-case replacement for a capitalised match of a case-blind check."""
    # A case-sensitive check's replacement casing is the point ("Winter" -> "winter").
    if not check.engine.opts.case_insensitive:
        return replacement
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
