"""The proselint pack: docs cover every check, examples run, no caps, dialogue, offsets, fixes."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterable

import pytest
from conftest import ROOT, SHARED, require_shared

from stylecheck.diagnostics import Applicability, Severity, Violation
from stylecheck.document import Document
from stylecheck.document.load import parse
from stylecheck.packs import proselint as pack_module
from stylecheck.packs.proselint import (
    DocsError,
    ProselintPack,
    check_path,
    checks_by_path,
    load_docs,
    rule_id,
)
from stylecheck.rules import CheckContext, Registry

PACK = ProselintPack()
RULES = {rule.id: rule for rule in PACK.rules()}
DOCS = load_docs()
PROSELINT_TESTS = SHARED / "corpus" / "linter-tests" / "proselint_tests.tsv"

# proselint 0.14 test modules whose checks were renamed in 0.16 (the TSV keeps the old name).
RENAMED = {
    "consistency.spacing": "typography.punctuation.spacing",
    "consistency.spelling": "spelling.consistency",
    "corporate_speak.misc": "industrial_language.corporate_speak",
    "cursing.nword": "social_awareness.nword",
    "hyperbole.misc": "typography.punctuation.hyperbole",
    "jargon.misc": "industrial_language.jargon",
    "lgbtq.offensive_terms": "social_awareness.lgbtq.offensive",
    "lgbtq.terms": "social_awareness.lgbtq.terms",
    "misc.bureaucratese": "industrial_language.bureaucratese",
    "misc.chatspeak": "industrial_language.chatspeak",
    "misc.commercialese": "industrial_language.commercialese",
    "misc.phrasal_adjectives.check_ly": "misc.phrasal_adjectives.ly",
    "misc.punctuation": "typography.punctuation",
    "sexism.misc": "social_awareness.sexism",
    "typography.symbols.check_copyright_symbol": "typography.symbols.copyright",
    "typography.symbols.check_curly_quotes": "typography.symbols.curly_quotes",
    "typography.symbols.check_ellipsis": "typography.symbols.ellipsis",
    "typography.symbols.check_multiplication_symbol": "typography.symbols.multiplication",
    "typography.symbols.check_registered_trademark_symbol": "typography.symbols.trademark",
    "typography.symbols.check_sentence_spacing": "typography.symbols.sentence_spacing",
    "typography.symbols.check_trademark_symbol": "typography.symbols.trademark",
}
# proselint 0.14 checks that 0.16 no longer has.
REMOVED = frozenset({"cursing.filth", "cursing.nfl", "security.credit_card", "security.password"})


def check(text: str, *rule_ids: str, markdown: bool = False) -> list[Violation]:
    """Run the pack over `text` with only the given rules (all rules when none are given)."""
    document = parse("example.md" if markdown else "example.txt", text, markdown=markdown)
    return run(document, rule_ids or tuple(RULES))


def run(document: Document, rule_ids: Iterable[str]) -> list[Violation]:
    """Run the pack over a parsed document with the given rules enabled."""
    context = CheckContext(enabled=frozenset(rule_ids), options={})
    return list(PACK.check(document, context))


def flagged(violations: Iterable[Violation], prose: str) -> list[str]:
    """Return the prose text each violation points at."""
    return [prose[v.span.start : v.span.end] for v in violations]


# Documentation


def test_docs_cover_every_installed_check_path() -> None:
    installed = set(checks_by_path())
    assert sorted(installed - set(DOCS)) == [], "document these in proselint_docs.yml"
    assert sorted(set(DOCS) - installed) == [], "these are not proselint 0.16 check paths"


def test_one_rule_per_check_path_with_valid_ids() -> None:
    assert sorted(RULES) == sorted(rule_id(path) for path in checks_by_path())
    registry = Registry([PACK])
    assert len(registry.rules) == len(checks_by_path()) == 106


@pytest.mark.parametrize("path", sorted(DOCS))
def test_rule_takes_severity_default_and_doc_from_the_yaml(path: str) -> None:
    entry, rule = DOCS[path], RULES[rule_id(path)]
    assert (rule.severity, rule.enabled_by_default, rule.doc) == (
        entry.severity,
        entry.enabled_by_default,
        entry.doc,
    )


@pytest.mark.parametrize("path", sorted(DOCS))
def test_docs_state_the_dialogue_decision(path: str) -> None:
    flags = DOCS[path].doc.flags
    assert "Dialogue" in flags
    assert ("not checked" in flags) is not DOCS[path].checks_dialogue


@pytest.mark.parametrize("path", sorted(p for p in DOCS if not DOCS[p].enabled_by_default))
def test_default_off_rules_say_why(path: str) -> None:
    assert "Off by default" in DOCS[path].doc.ignore_when


def test_restricted_word_lists_are_off_like_in_proselint() -> None:
    restricted = [rule for rid, rule in RULES.items() if rid.startswith("proselint.restricted.")]
    assert restricted
    assert not any(rule.enabled_by_default for rule in restricted)


def test_only_wrong_usage_is_an_error() -> None:
    errors = {check_path(rid) for rid, rule in RULES.items() if rule.severity is Severity.ERROR}
    assert errors <= {p for p in DOCS if p.startswith("spelling.")} | {
        "misc.capitalization.months",
        "misc.capitalization.days",
        "misc.false_plurals.misc",
        "nonwords",
    }
    assert RULES["proselint.hedging"].severity is Severity.NOTE
    assert RULES["proselint.weasel_words.very"].severity is Severity.NOTE


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("path", sorted(DOCS))
def test_flagged_example_triggers_only_checked_rule(path: str, markdown: bool) -> None:
    doc = DOCS[path].doc
    found = check(doc.bad, rule_id(path), markdown=markdown)
    assert found
    assert {v.rule_id for v in found} == {rule_id(path)}


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
@pytest.mark.parametrize("path", sorted(DOCS))
def test_corrected_example_does_not_trigger(path: str, markdown: bool) -> None:
    assert check(DOCS[path].doc.good, rule_id(path), markdown=markdown) == []


def test_malformed_docs_entry_names_the_path_and_key() -> None:
    entry = {field: "text" for field in pack_module.DOC_FIELDS}
    entry |= {"checks_dialogue": True, "default": False, "severity": "note"}
    with pytest.raises(DocsError, match=r"archaism: default must be"):
        pack_module._parse_entry("archaism", entry)
    entry |= {"default": "on", "severity": "fatal"}
    with pytest.raises(DocsError, match=r"archaism: unknown severity 'fatal'"):
        pack_module._parse_entry("archaism", entry)
    del entry["why"]
    with pytest.raises(DocsError, match=r"archaism: missing \['why'\]"):
        pack_module._parse_entry("archaism", entry)


# Running the checks


def test_importing_the_pack_does_not_import_proselint() -> None:
    code = "import sys, stylecheck.packs.proselint; sys.exit('proselint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_nothing_to_check() -> None:
    assert check("") == []
    assert check("   \n\n  ") == []
    assert check("It was very late.", "proselint.hedging") == []


@pytest.mark.parametrize(
    ("rule", "word"), [("proselint.weasel_words.very", "very"), ("proselint.archaism", "nigh")]
)
def test_no_silent_cap_on_findings(rule: str, word: str) -> None:
    text = "\n\n".join(f"It was {word} dark, said witness {n}." for n in range(1600))
    found = check(text, rule)
    assert len(found) == 1600
    assert set(flagged(found, text)) == {word}


def test_threshold_check_reports_once_per_document() -> None:
    text = " ".join(f"Stop {n}!" for n in range(200))
    found = check(text, "proselint.typography.punctuation.exclamation")
    assert len(found) == 1
    assert "30 ppm" in found[0].message


def test_style_advice_skips_dialogue() -> None:
    text = '"It is very cold," she said, very quietly.\n\n"Very, very cold, so to speak."'
    found = check(text, "proselint.weasel_words.very", "proselint.hedging")
    assert [(v.rule_id, v.span.start) for v in found] == [
        ("proselint.weasel_words.very", text.index("very quietly"))
    ]


def test_speech_running_over_paragraphs_is_dialogue() -> None:
    text = '"I was very young,\n\n"and very foolish," he said.'
    assert check(text, "proselint.weasel_words.very") == []


def test_written_form_is_checked_in_dialogue() -> None:
    text = 'He nodded. "I accidently broke it on tuesday," she said.'
    found = check(text, "proselint.spelling.ally_ly", "proselint.misc.capitalization.days")
    assert sorted(flagged(found, text)) == ["accidently", "tuesday"]
    assert all(text.index('"') < v.span.start for v in found)


def test_spans_point_at_the_flagged_words_in_markdown_prose() -> None:
    source = "# Very *late*\n\nShe was *very* tired,\nand nigh asleep. Very well.\n"
    document = parse("chapter.md", source, markdown=True)
    found = run(document, ["proselint.weasel_words.very", "proselint.archaism"])
    found.sort(key=lambda v: v.span)
    assert flagged(found, document.prose) == ["Very", "very", "nigh"]
    assert [document.source[document.source_span(v.span).start] for v in found] == ["V", "v", "n"]


def test_spans_at_the_very_start_and_end_of_the_prose() -> None:
    text = "Irregardless"
    (found,) = check(text, "proselint.nonwords")
    assert (found.span.start, found.span.end) == (0, len(text))


def test_restricted_spans_cover_the_whole_word() -> None:
    text = "The ornithologist scrutinized the plumage."
    found = check(text, "proselint.restricted.top1000")
    assert flagged(found, text) == ["ornithologist", "scrutinized", "plumage"]


def test_list_checks_match_whole_words_only() -> None:
    text = "By midnight the household custom of collaboration had ended. Labour won."
    rules = (
        "proselint.archaism",
        "proselint.redundancy.misc.after_the_deadline",
        "proselint.spelling.consistency",
    )
    assert check(text, *rules) == []
    assert flagged(check("It was nigh on midnight.", *rules), "It was nigh on midnight.") == [
        "nigh"
    ]


def test_phrases_are_found_across_a_soft_line_break() -> None:
    text = "The lights went out and all hell broke\nloose in the hall."
    (found,) = check(text, "proselint.cliches.hell")
    assert text[found.span.start : found.span.end] == "all hell broke\nloose"


def test_a_dash_typed_as_two_hyphens_is_not_a_phrasal_adjective() -> None:
    text = "He was plain, undoubtedly--remarkably plain. It was a badly-built house."
    found = check(text, "proselint.misc.phrasal_adjectives.ly")
    assert flagged(found, text) == ["badly-"]


def test_messages_are_proselints_cleaned() -> None:
    (found,) = check("The pupil had somewhat of a temper.", "proselint.misc.tense_present")
    assert found.message == "'somewhat of a'."
    for violation in check("She was   very tired.  He left. Then he came back. The end."):
        assert violation.message == " ".join(violation.message.split())


# Fixes


def test_replacement_becomes_an_unsafe_fix_with_matching_case() -> None:
    text = "Irregardless of the rain, they went."
    (found,) = check(text, "proselint.nonwords")
    (fix,) = found.fixes
    assert fix.title == "Replace with 'Regardless'"
    assert fix.applicability is Applicability.UNSAFE
    assert [(e.span, e.replacement) for e in fix.edits] == [(found.span, "Regardless")]


def test_case_sensitive_rules_keep_their_replacement_case() -> None:
    (found,) = check("They spent the long Winter indoors.", "proselint.misc.capitalization.seasons")
    assert [fix.edits[0].replacement for fix in found.fixes] == ["winter"]


def test_weekday_capitalisation_is_the_one_safe_fix() -> None:
    (found,) = check("They left on a cold tuesday.", "proselint.misc.capitalization.days")
    assert [(f.edits[0].replacement, f.applicability) for f in found.fixes] == [
        ("Tuesday", Applicability.SAFE)
    ]
    unsafe_or_none = check(
        " ".join(DOCS[p].doc.bad for p in DOCS if p != "misc.capitalization.days")
    )
    assert all(f.applicability is Applicability.UNSAFE for v in unsafe_or_none for f in v.fixes)


def test_alternatives_become_separate_fixes() -> None:
    (found,) = check("She felt a certain discomforture.", "proselint.nonwords")
    assert [fix.edits[0].replacement for fix in found.fixes] == ["discomfort", "discomfiture"]


def test_pattern_replacements_are_not_offered_as_fixes() -> None:
    text = "He left.  She stayed. The door shut. It rained."
    (found,) = check(text, "proselint.typography.punctuation.spacing")
    assert found.fixes == ()


@pytest.mark.parametrize(
    ("rule", "text", "replacement"),
    [
        ("proselint.redundancy.misc.nordquist", "We met at 9 p.m. at night.", "p.m."),
        ("proselint.redundancy.ras_syndrome", "Please RSVP by Friday.", "RSVP"),
    ],
)
def test_replacements_for_pattern_keys_are_found(rule: str, text: str, replacement: str) -> None:
    (found,) = check(text, rule)
    assert [fix.edits[0].replacement for fix in found.fixes] == [replacement]
    assert f"'{replacement}'" in found.message
    assert "None" not in found.message


# Agreement with proselint's own test sentences


def _proselint_rows() -> list[tuple[str, str, bool]]:
    """Return (check path prefix, text, should flag) for rows whose check still exists."""
    with require_shared(PROSELINT_TESTS).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [
        (
            RENAMED.get(row["rule"], row["rule"].removesuffix(".misc")),
            row["text"],
            row["should_flag"] == "yes",
        )
        for row in rows
        if row["rule"] not in REMOVED
    ]


def _flags_path(prefix: str, text: str) -> bool:
    rule = rule_id(prefix)
    return any(v.rule_id == rule or v.rule_id.startswith(rule + ".") for v in check(text))


def test_agrees_with_proselints_test_sentences() -> None:
    rows = _proselint_rows()
    should = [(prefix, text) for prefix, text, flag in rows if flag]
    should_not = [(prefix, text) for prefix, text, flag in rows if not flag]
    hits = [t for p, t in should if _flags_path(p, t)]
    false_alarms = [t for p, t in should_not if _flags_path(p, t)]
    print(f"flagged {len(hits)}/{len(should)}; false alarms {len(false_alarms)}/{len(should_not)}")
    assert len(should) > 200
    assert len(hits) / len(should) >= 0.95
    assert len(false_alarms) / len(should_not) <= 0.05
