"""The harper pack: seeds, offsets, dialects, enabled rules, fixes, one linter, docs, precision."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

from stylecheck.config import Config, ConfigFinder
from stylecheck.diagnostics import Applicability, Severity, Violation
from stylecheck.document import Document
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs import harper as pack_module
from stylecheck.packs.harper import DOCS_PATH, HarperPack, load_entries, rule_id
from stylecheck.rules import CheckContext

PACK = HarperPack()
RULES = {rule.id: rule for rule in PACK.rules()}
DEFAULTS = frozenset(rid for rid, rule in RULES.items() if rule.enabled_by_default)


def _check(
    text: str,
    enabled: Iterable[str] = DEFAULTS,
    *,
    language: str = "en-US",
    markdown: bool = True,
) -> list[Violation]:
    document = parse("example.md", text, markdown=markdown)
    context = CheckContext(enabled=frozenset(enabled), options={}, language=language)
    return list(PACK.check(document, context))


def _found(violations: Iterable[Violation], document_prose: str) -> dict[str, str]:
    return {v.rule_id: document_prose[v.span.start : v.span.end] for v in violations}


def test_seeds_copy_flags_updating_and_added_typos() -> None:
    source = (SEEDS / "chapter-01.md").read_text(encoding="utf-8")
    source += "\nShe did not recieve teh letter.\n"
    document = parse("chapter-01.md", source)
    context = CheckContext(enabled=DEFAULTS, options={})
    violations = list(PACK.check(document, context))
    flagged = {document.prose[v.span.start : v.span.end]: v for v in violations}
    updating = flagged["up-dating"]
    assert updating.rule_id == "harper.DisjointPrefixes"
    assert "updating" in [fix.edits[0].replacement for fix in updating.fixes]
    assert flagged["recieve"].rule_id == "harper.SpellCheck"
    assert flagged["teh"].rule_id == "harper.The"


def test_offsets_are_exact_after_markdown_markup(tmp_path: Path) -> None:
    source = "# The *first* chapter\n\nShe said [hello](http://x.test) and `code`, then teh end.\n"
    registry = build_registry([PACK])
    engine = Engine(registry, ConfigFinder.fixed(Config()), cli_select=("harper.The",))
    result = engine.check_source(Source("a.md", Path("a.md"), source.encode()))
    (finding,) = result.findings
    assert source[finding.span.start : finding.span.end] == "teh"
    assert (finding.start.line, finding.start.column) == (
        3,
        source.splitlines()[2].index("teh") + 1,
    )


def test_prose_offsets_cover_the_problem_text() -> None:
    text = "He *walked* home.\n\nThen he saw the the dog and recieve a letter.\n"
    document = parse("a.md", text)
    violations = _check(text)
    assert {document.prose[v.span.start : v.span.end] for v in violations} >= {
        "the the",
        "recieve",
    }


def test_dialect_follows_the_language_setting() -> None:
    text = "The colour of the sky was grey.\n"
    spell = {"harper.SpellCheck"}
    assert _check(text, spell, language="en-US")
    assert not _check(text, spell, language="en-GB")
    assert _check("The color of the sky was gray.\n", spell, language="en-GB")


def test_only_enabled_rules_run() -> None:
    text = "She did not recieve teh letter.\n"
    assert {v.rule_id for v in _check(text, {"harper.The"})} == {"harper.The"}
    assert {v.rule_id for v in _check(text, {"harper.SpellCheck"})} == {"harper.SpellCheck"}
    assert _check(text, set()) == []


def test_spelling_fixes_are_never_safe_and_alternatives_only_shown() -> None:
    (violation,) = _check("She did not recieve it.\n", {"harper.SpellCheck"})
    first, *rest = violation.fixes
    assert first.edits[0].replacement == "receive"
    assert first.applicability is Applicability.DISPLAY
    assert rest and all(fix.applicability is Applicability.DISPLAY for fix in rest)


def test_removal_and_replacement_fixes_map_to_edits() -> None:
    (repeated,) = _check("She saw the the dog.\n", {"harper.RepeatedWords"})
    assert repeated.fixes[0].applicability is Applicability.UNSAFE
    (oxford,) = _check("I bought apples, pears, and plums.\n", {"harper.NoOxfordComma"})
    (edit,) = oxford.fixes[0].edits
    assert edit.replacement == "" and len(edit.span) == 1


def test_dialogue_policy_per_rule() -> None:
    text = 'She said, "I catched the ball and recieve it."\n'
    enabled = {"harper.RegularIrregulars", "harper.SpellCheck"}
    assert {v.rule_id for v in _check(text, enabled)} == {"harper.SpellCheck"}
    narration = "She catched the ball.\n"
    assert {v.rule_id for v in _check(narration, enabled)} == {"harper.RegularIrregulars"}


SPELL = {"harper.SpellCheck"}


@pytest.mark.parametrize(
    "text",
    [
        "M. Poirot wrote to J. S. Bach in A.D. 1750.",  # initials
        "CHAPTER XLI",  # Roman numerals
        "\u2019Tis late, and he was goin\u2019 home.",  # elisions
        "The barouche stopped, and she looked out unastonished.",  # rare and derived words
        "He had pre-empted the question.",  # a part of a hyphenated word
        "\u201cI\u2019m gwyne home,\u201d said Jim.",  # dialect in dialogue
    ],
)
def test_spelling_leaves_correct_fiction_alone(text: str) -> None:
    assert _check(text + "\n", SPELL, markdown=False) == []


def test_spelling_still_catches_slips_in_narration_and_dialogue() -> None:
    narration = "She did not recieve the lettre, and it was nto her fault.\n"
    assert len(_check(narration, SPELL)) == 3
    dialogue = "\u201cI never recieve letters,\u201d she said.\n"
    (violation,) = _check(dialogue, SPELL)
    assert violation.message == "Did you mean to spell `recieve` this way?"


def test_spelling_reports_another_dialects_spelling() -> None:
    text = "\u201cWhat a colour,\u201d she said.\n"
    assert len(_check(text, SPELL, language="en-US")) == 1
    assert _check(text, SPELL, language="en-GB") == []


def test_doubled_words_skip_grammatical_pairs_and_dialogue() -> None:
    repeated = {"harper.RepeatedWords"}
    assert _check("What she had had was gone.\n", repeated) == []
    assert _check("\u201cYou you liar!\u201d he said.\n", repeated) == []
    assert len(_check("She saw the the dog.\n", repeated)) == 1


def test_prefix_rule_reports_hyphenated_prefixes_only() -> None:
    prefixes = {"harper.DisjointPrefixes"}
    assert len(_check("She was up-dating the ledger.\n", prefixes)) == 1
    assert _check("She re-entered the room and swam under water.\n", prefixes) == []


def test_seeds_with_default_settings(tmp_path: Path) -> None:
    """The issue's done-when: names pass, up-dating is caught, added typos are caught."""
    source = (SEEDS / "chapter-01.md").read_text(encoding="utf-8")
    copy = tmp_path / "chapter-01.md"
    copy.write_text(source + "\nShe did not recieve teh letter.\n", encoding="utf-8")
    engine = Engine(build_registry(default_packs()), ConfigFinder())
    findings = engine.check_source(Source(copy.name, copy)).findings
    text = copy.read_text(encoding="utf-8")
    flagged = {text[f.span.start : f.span.end]: f for f in findings}
    assert "updating" in [fix.edits[0].replacement for fix in flagged["up-dating"].fixes]
    assert flagged["recieve"].rule_id == "harper.SpellCheck"
    assert "teh" in flagged
    names = "Izzie Iz Meredith Alex Rebecca Denny Olivia Sloan Bailey Hunter Derek Shepherd Westin"
    assert all(name in source for name in names.split())
    assert set(flagged).isdisjoint(names.split())


def test_severity_follows_the_lint_kind() -> None:
    assert RULES["harper.SpellCheck"].severity is Severity.ERROR
    assert RULES["harper.RegularIrregulars"].severity is Severity.WARNING
    assert RULES["harper.NoOxfordComma"].severity is Severity.NOTE
    assert RULES["harper.SpellCheck"].spelling


def test_linter_is_built_once_per_dialect(monkeypatch: pytest.MonkeyPatch) -> None:
    import harper

    built: list[object] = []
    real = harper.Linter

    def counting(*args: object) -> harper.Linter:
        built.append(args)
        return real(*args)

    pack_module._linter.cache_clear()
    monkeypatch.setattr(harper, "Linter", counting)
    try:
        for _ in range(3):
            _check("She did not recieve it.\n")
        _check("Nothing to see.\n", {"harper.SpellCheck"}, language="en-GB")
        _check("   \n", {"harper.SpellCheck"}, language="en-AU")
    finally:
        pack_module._linter.cache_clear()
    assert len(built) == 2


def test_lint_config_is_set_only_when_the_enabled_rules_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    linter = pack_module._linter("en-US")
    calls: list[int] = []
    monkeypatch.setattr(linter, "linter", _Spy(linter.linter, calls))
    monkeypatch.setattr(linter, "_configured", None)
    for _ in range(3):
        _check("One.\n", {"harper.SpellCheck"})
    _check("Two.\n", {"harper.The"})
    assert len(calls) == 2


class _Spy:
    """Count set_lint_config calls on a real linter."""

    def __init__(self, inner: object, calls: list[int]) -> None:
        self._inner = inner
        self._calls = calls

    def set_lint_config(self, config: dict[str, bool]) -> None:
        self._calls.append(1)
        self._inner.set_lint_config(config)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def test_docs_cover_exactly_the_exposed_rules() -> None:
    data = yaml.safe_load(DOCS_PATH.read_text(encoding="utf-8"))
    assert {rule_id(name) for name in data} == set(RULES)
    assert set(load_entries()) == set(data)


def test_every_default_off_rule_says_why() -> None:
    for rule in RULES.values():
        if not rule.enabled_by_default:
            assert rule.doc.ignore_when.startswith("Off by default:"), rule.id


def test_rule_docs_examples_run_through_the_engine() -> None:
    registry = build_registry([PACK])
    failures = []
    for rid, rule in RULES.items():
        engine = Engine(registry, ConfigFinder.fixed(Config()), cli_select=(rid,))
        for text, expected in ((rule.doc.bad, True), (rule.doc.good, False)):
            result = engine.check_source(Source("example.md", Path("example.md"), text.encode()))
            assert result.error is None
            if (rid in {f.rule_id for f in result.findings}) != expected:
                failures.append((rid, "bad" if expected else "good"))
    assert failures == []


def test_empty_prose_builds_no_linter(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(language: str) -> None:
        raise AssertionError("linter built for empty prose")

    monkeypatch.setattr(pack_module, "_linter", refuse)
    document: Document = parse("a.md", "```\ncode only\n```\n")
    assert list(PACK.check(document, CheckContext(enabled=DEFAULTS, options={}))) == []


def test_vocabulary_words_reach_harpers_dictionary() -> None:
    from stylecheck.vocabulary import Vocabulary, WordList

    pack = HarperPack()
    document = parse("v.md", "Then Glimmerwick smiled at the crowd.\n")
    spell = "harper.SpellCheck"
    bare = CheckContext(enabled=frozenset({spell}), options={})
    assert [v.rule_id for v in pack.check(document, bare)] == [spell]
    words = Vocabulary(accept=WordList.load([], ["Glimmerwick"]))
    known = CheckContext(enabled=frozenset({spell}), options={}, vocabulary=words)
    assert list(pack.check(document, known)) == []
    assert list(pack.check(document, bare)) != []  # the words are dropped again


def test_problems_harper_shares_with_proselint_are_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("She slid the the key under a very unique mat.\n", encoding="utf-8")
    engine = Engine(build_registry(default_packs()), ConfigFinder())
    findings = engine.check_source(Source(path.name, path)).findings
    # The doubled word goes to the most specialised pack listed first (words), not to Harper or
    # proselint, which both flag it too.
    assert [f.rule_id for f in findings] == [
        "words.doubled",
        "proselint.uncomparables",
    ]
    # Each pack on its own does flag both.
    harper_only = Engine(build_registry([HarperPack()]), ConfigFinder())
    assert len(harper_only.check_source(Source(path.name, path)).findings) == 2


def test_harpers_debug_prints_never_reach_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # harper-py 0.2's LookingForwardTo prints a debugging line for this sentence, straight to
    # file descriptor 1, where the JSON report goes.
    from stylecheck.cli import main

    (tmp_path / "a.md").write_text("But he was looking forward to snow.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "a.md", "--format", "json"])
    out = capfd.readouterr().out
    assert json.loads(out)["files"][0]["path"] == "a.md"
    assert "gerund_form" not in out
