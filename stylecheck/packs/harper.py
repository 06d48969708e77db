"""The harper pack: Harper's grammar and spelling rules, offline and in process.

Each Harper rule that `harper_docs.yml` documents becomes `harper.<RuleName>`, under Harper's own
rule name (`harper.SpellCheck`, `harper.RepeatedWords`). A Harper rule the file does not
document is not exposed: every stylecheck rule must have examples that are tested.

The summary and the "what it flags" text of each rule are Harper's own descriptions, read from
the installed package (and cached on disk per harper-py version: asking Harper for them loads
its dictionary, which takes a second or two). The YAML file holds the examples, the lint kind,
and the per-rule overrides of severity, default state, dialogue policy and fix applicability.

One `harper.Linter` per dialect and process, built on the first paragraph that is not cached.
Its lint config is set so that exactly the enabled stylecheck rules run, and set again only
when the enabled set changes. Prose is linted one paragraph at a time as plain text (markup is
already gone), by `lint_paragraph`, which a worker process can run (`--jobs`): Harper's spans
are code points of the paragraph, so a prose offset is the paragraph's start plus Harper's
offset.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from stylecheck.atomic import write_text_atomically
from stylecheck.diagnostics import Applicability, Edit, Fix, Severity, Span, Violation
from stylecheck.document import Document, Paragraph, in_speech
from stylecheck.packs.docs_yaml import load_docs_yaml
from stylecheck.packs.harper_filters import Lint, is_false_alarm
from stylecheck.rules import CheckContext, ParagraphTask, Rule, RuleDoc, dialogue_policy

if TYPE_CHECKING:
    import harper

PACK = "harper"
DOCS_PATH = Path(__file__).with_name("harper_docs.yml")
DIST = "harper-py"
LANGUAGE = "plaintext"

# stylecheck's `language` setting -> the name of Harper's Dialect member.
DIALECTS: Mapping[str, str] = {
    "en-US": "AMERICAN",
    "en-GB": "BRITISH",
    "en-AU": "AUSTRALIAN",
    "en-CA": "CANADIAN",
    "en-IN": "INDIAN",
}
DEFAULT_LANGUAGE = "en-US"

REQUIRED = frozenset({"kind", "bad", "good"})
OPTIONAL = frozenset(
    {"severity", "default", "off_because", "dialogue", "fix", "why", "ignore_when", "spelling"}
)


@dataclass(frozen=True)
class KindPolicy:
    """What a Harper lint kind implies for a rule's defaults."""

    severity: Severity
    checks_dialogue: bool
    why: str
    ignore_when: str


_TYPO_WHY = "A misspelt or mistyped word looks careless and pulls the reader out of the story."
_USAGE_WHY = "Readers and editors notice a wrong word or construction; it can change the meaning."
_STYLE_WHY = "Style advice: tighter wording usually reads better, but it is a matter of taste."
_DIALOGUE_IGNORE = (
    "Narration in a deliberately ungrammatical or period voice. Dialogue is not checked: "
    "characters may speak however they speak."
)

# Harper's lint kinds (`Lint.lint_kind`). Spelling and typos are errors, grammar and usage
# warnings, style notes. Speech may be ungrammatical on purpose; a typo in it is still a typo.
KINDS: Mapping[str, KindPolicy] = {
    "Spelling": KindPolicy(
        Severity.ERROR,
        True,
        _TYPO_WHY,
        "The word is a name, an invented word or deliberate dialect: add it to the vocabulary.",
    ),
    "Typo": KindPolicy(Severity.ERROR, True, _TYPO_WHY, "The odd form is deliberate."),
    "Repetition": KindPolicy(
        Severity.ERROR,
        True,
        "A doubled word is nearly always a slip made while editing.",
        "The repetition is deliberate, as in a stammer or for emphasis.",
    ),
    "Agreement": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "BoundaryError": KindPolicy(
        Severity.WARNING,
        True,
        "Words wrongly joined or split are read as typos.",
        "Both forms exist and the other one is meant here.",
    ),
    "Capitalization": KindPolicy(Severity.WARNING, True, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Eggcorn": KindPolicy(Severity.WARNING, True, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Grammar": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Malapropism": KindPolicy(Severity.WARNING, True, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Miscellaneous": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Nonstandard": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Punctuation": KindPolicy(Severity.WARNING, True, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Usage": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "WordChoice": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "WordOrder": KindPolicy(Severity.WARNING, False, _USAGE_WHY, _DIALOGUE_IGNORE),
    "Formatting": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
    "Enhancement": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
    "Readability": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
    "Redundancy": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
    "Regionalism": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
    "Style": KindPolicy(Severity.NOTE, False, _STYLE_WHY, _DIALOGUE_IGNORE),
}


class DocsError(ValueError):
    """harper_docs.yml is malformed; the message names the entry and key."""


@dataclass(frozen=True)
class Entry:
    """What harper_docs.yml says about one Harper rule, defaults from its kind applied."""

    name: str
    kind: str
    bad: str
    good: str
    severity: Severity
    enabled_by_default: bool
    off_because: str
    checks_dialogue: bool
    applicability: Applicability
    why: str
    ignore_when: str
    spelling: bool


def rule_id(name: str) -> str:
    """Return the stylecheck rule id of a Harper rule name."""
    return f"{PACK}.{name}"


def rule_name(rule_id_: str) -> str:
    """Return the Harper rule name of a rule id."""
    return rule_id_.removeprefix(f"{PACK}.")


@functools.cache
def load_entries() -> Mapping[str, Entry]:
    """Read and validate harper_docs.yml (once per process)."""
    data = load_docs_yaml(DOCS_PATH)
    if not isinstance(data, dict):
        raise DocsError(f"{DOCS_PATH.name}: expected a mapping of Harper rule names")
    return {str(name): _parse_entry(str(name), value) for name, value in data.items()}


def _parse_entry(name: str, raw: object) -> Entry:
    """Validate one entry; errors name the rule and the key."""
    where = f"{DOCS_PATH.name}: {name}"
    if not isinstance(raw, dict):
        raise DocsError(f"{where}: expected a mapping")
    keys = set(raw)
    if not REQUIRED <= keys <= REQUIRED | OPTIONAL:
        missing, unknown = sorted(REQUIRED - keys), sorted(keys - REQUIRED - OPTIONAL)
        raise DocsError(f"{where}: missing {missing}, unknown {unknown}")
    if not all(isinstance(v, str) and v.strip() for k, v in raw.items() if k in REQUIRED):
        raise DocsError(f"{where}: kind, bad and good must be non-empty text")
    policy = KINDS.get(raw["kind"])
    if policy is None:
        raise DocsError(f"{where}: unknown kind {raw['kind']!r}; use one of {sorted(KINDS)}")
    # Quoted on purpose: YAML 1.1 would read a bare on/off as a boolean.
    if raw.get("default", "on") not in ("on", "off"):
        raise DocsError(f'{where}: default must be "on" or "off"')
    if (raw.get("default") == "off") != bool(raw.get("off_because")):
        raise DocsError(f"{where}: a rule is off by default exactly when off_because says why")
    try:
        severity = Severity.parse(str(raw.get("severity", policy.severity.label)))
        applicability = Applicability(raw.get("fix", _default_fix(raw["kind"]).value))
    except ValueError as err:
        raise DocsError(f"{where}: {err}") from None
    return Entry(
        name=name,
        kind=raw["kind"],
        bad=raw["bad"],
        good=raw["good"],
        severity=severity,
        enabled_by_default=raw.get("default", "on") == "on",
        off_because=str(raw.get("off_because", "")).strip(),
        checks_dialogue=bool(raw.get("dialogue", policy.checks_dialogue)),
        applicability=applicability,
        why=str(raw.get("why", policy.why)).strip(),
        ignore_when=str(raw.get("ignore_when", policy.ignore_when)).strip(),
        spelling=bool(raw.get("spelling", raw["kind"] == "Spelling")),
    )


def _default_fix(kind: str) -> Applicability:
    """Return the applicability of a rule's first suggestion when the docs do not say.

    A spelling suggestion is a guess among look-alike words: shown, never applied.
    """
    return Applicability.DISPLAY if kind == "Spelling" else Applicability.UNSAFE


@functools.cache
def harper_version() -> str:
    """Return the installed harper-py version (asked once: the lookup reads package metadata)."""
    return version(DIST)


@functools.cache
def harper_descriptions() -> Mapping[str, str]:
    """Return every installed Harper rule's Markdown description, by rule name.

    Asking Harper loads its dictionary (a second or two), so the answer is cached on disk per
    harper-py version: listing the rules must not cost that on every run.
    """
    path = _descriptions_cache()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    descriptions = _linter(DEFAULT_LANGUAGE).linter.get_lint_descriptions()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, json.dumps(descriptions, sort_keys=True))
    except OSError:
        pass  # a cache that cannot be written only costs the next run a second
    return descriptions


def _descriptions_cache() -> Path:
    """Return the cache file of Harper's rule descriptions for the installed version."""
    from stylecheck.cache import cache_dir

    return cache_dir() / "harper" / f"descriptions-{harper_version()}.json"


def _summary(description: str) -> str:
    """Return the first sentence of a Harper description."""
    first = " ".join(description.split()).split(". ")[0].rstrip(".")
    return first + "."


def _doc(entry: Entry, description: str) -> RuleDoc:
    """Build a rule's documentation from Harper's description and the docs entry."""
    ignore_when = entry.ignore_when
    if not entry.enabled_by_default:
        ignore_when = f"Off by default: {entry.off_because} {ignore_when}"
    return RuleDoc(
        summary=_summary(description),
        flags=f"{' '.join(description.split())} {dialogue_policy(entry.checks_dialogue)}",
        why=entry.why,
        bad=entry.bad,
        good=entry.good,
        ignore_when=ignore_when,
        source=f"Harper ({DIST} {harper_version()}), rule `{entry.name}`.",
    )


# Problems other packs flag too: the engine reports each once (see engine.drop_overlaps).
TOPICS = {"RepeatedWords": "doubled-word", "LongSentences": "long-sentence"}


@functools.cache
def _rules() -> tuple[Rule, ...]:
    """Build the pack's rules once per process: documented rules Harper still has."""
    descriptions = harper_descriptions()
    return tuple(
        Rule(
            id=rule_id(name),
            severity=entry.severity,
            doc=_doc(entry, descriptions[name]),
            enabled_by_default=entry.enabled_by_default,
            spelling=entry.spelling,
            topic=TOPICS.get(name, "spelling" if entry.spelling else None),
        )
        for name, entry in load_entries().items()
        if name in descriptions
    )


class _Linter:
    """A Harper linter for one dialect and the rule set it was last configured with."""

    def __init__(self, linter: harper.Linter) -> None:
        self.linter = linter
        self._configured: frozenset[str] | None = None
        self._words: tuple[str, ...] = ()
        self._known: dict[str, bool] = {}

    def configure(self, names: frozenset[str]) -> None:
        """Make exactly `names` run (a no-op when they already do)."""
        if names == self._configured:
            return
        all_rules = self.linter.get_default_lint_config()
        self.linter.set_lint_config({name: name in names for name in all_rules})
        self._configured = names

    def use_words(self, words: tuple[str, ...]) -> None:
        """Make the dictionary hold exactly the curated words plus `words` (the vocabulary)."""
        if words == self._words:
            return
        self.linter.clear_words()
        if words:
            self.linter.import_words(list(words))
        self._words = words
        self._known.clear()

    def knows(self, word: str) -> bool:
        """Tell whether Harper's spelling check accepts `word` on its own (needs SpellCheck on)."""
        if word not in self._known:
            self._known[word] = not self.lint(word).get("SpellCheck")
        return self._known[word]

    def lint(self, text: str) -> dict[str, list[harper.Lint]]:
        """Return the lints of `text`, keyed by the rule that produced them."""
        return self.linter.organized_lints(text, language=LANGUAGE)


@functools.cache
def _linter(language: str) -> _Linter:
    """Build the linter for a `language` setting (once per dialect and process)."""
    import harper

    dialect = harper.Dialect[DIALECTS.get(language, DIALECTS[DEFAULT_LANGUAGE])]
    return _Linter(harper.Linter(dialect))


class HarperPack:
    """Run Harper over a document's prose, one stylecheck rule per Harper rule."""

    name = PACK
    # Its paragraphs can be checked in worker processes (see stylecheck.parallel).
    paragraph_tasks = True

    def rules(self) -> list[Rule]:
        """Return one rule per documented Harper rule."""
        return list(_rules())

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        """Return the violations of the enabled Harper rules, in prose coordinates."""
        names = frozenset(rule_name(r.id) for r in _rules() if context.is_enabled(r.id))
        if not names or not document.prose.strip():
            return
        words = tuple(context.vocabulary.dictionary_words())
        with _native_stdout_silenced():
            violations = [
                violation
                for paragraph in document.paragraphs
                for violation in context.per_paragraph(
                    document, paragraph, _task(document, paragraph, context.language, names, words)
                )
            ]
        yield from violations


def _task(
    document: Document,
    paragraph: Paragraph,
    language: str,
    names: frozenset[str],
    words: tuple[str, ...],
) -> ParagraphTask:
    """Return the work of linting one paragraph, which a worker process can do."""
    text = document.paragraph_text(paragraph)
    speech = document.paragraph_speech(paragraph)
    return ParagraphTask(lint_paragraph, (language, names, words, text, speech), len(text))


def lint_paragraph(
    language: str,
    names: frozenset[str],
    words: tuple[str, ...],
    text: str,
    speech: tuple[tuple[int, int], ...],
) -> list[Violation]:
    """Lint one paragraph's text with the rules `names` and the vocabulary's `words`.

    Violations are relative to the paragraph's start; `speech` holds its spans of dialogue.
    The linter is built on the first paragraph that needs it: a cached run never loads Harper.
    """
    if not text.strip():
        return []
    linter = _linter(language)
    linter.configure(names)
    linter.use_words(words)
    return list(_check_paragraph(text, speech, linter, load_entries()))


@contextlib.contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Send whatever Harper's native code prints to standard output to /dev/null meanwhile.

    Some Harper rules print debugging lines (harper-py 0.2's LookingForwardTo prints
    "gerund_form: ..." for "looking forward to snow"), which would corrupt JSON and SARIF on
    standard output. They write to file descriptor 1 directly, so `sys.stdout` cannot catch them.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no standard output at all: nothing to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _check_paragraph(
    text: str,
    speech: tuple[tuple[int, int], ...],
    linter: _Linter,
    entries: Mapping[str, Entry],
) -> Iterator[Violation]:
    """Lint one paragraph; spans are Harper's, code points of the paragraph."""
    for name, lints in linter.lint(text).items():
        entry = entries.get(name)
        if entry is None:  # Harper ran a rule we did not ask for; never report it.
            continue
        for lint in lints:
            span = Span(lint.span.start, lint.span.end)
            in_dialogue = in_speech(span.start, speech)
            # Style and grammar advice does not apply to what characters say.
            if not entry.checks_dialogue and in_dialogue:
                continue
            found = Lint(name, text, span.start, span.end, in_dialogue)
            if is_false_alarm(found, linter.knows):
                continue
            yield Violation(rule_id(name), span, _message(lint), _fixes(entry, lint, span))


def _message(lint: harper.Lint) -> str:
    """Return Harper's message on one line."""
    return " ".join(lint.message.split())


def _fixes(entry: Entry, lint: harper.Lint, span: Span) -> tuple[Fix, ...]:
    """Turn Harper's suggestions into fixes; only the first, most likely, may be applied."""
    fixes = []
    for index, suggestion in enumerate(lint.suggestions):
        applicability = entry.applicability if index == 0 else Applicability.DISPLAY
        fixes.append(_fix(suggestion, lint.problem_text, span, applicability))
    return tuple(fixes)


def _fix(
    suggestion: harper.Suggestion, problem: str, span: Span, applicability: Applicability
) -> Fix:
    """Turn one Harper suggestion into a fix."""
    import harper

    text = suggestion.replacement_text
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return Fix(f"Remove '{problem}'", (Edit(span, ""),), applicability)
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return Fix(f"Insert '{text}'", (Edit(Span(span.end, span.end), text),), applicability)
    return Fix(f"Replace with '{text}'", (Edit(span, text),), applicability)
