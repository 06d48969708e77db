"""Tests for the readability pack and the offline CMU dictionary behind textstat."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import nltk
import pytest
from conftest import NOVELS, ROOT, require_shared

from stylecheck import textstat_offline
from stylecheck.diagnostics import Span, Violation
from stylecheck.document import BlockKind, Document, Paragraph, Segment
from stylecheck.document.text import parse_text
from stylecheck.nlp import split_sentences, words
from stylecheck.packs.readability import (
    FILE_GRADE,
    FORMULAS,
    HARD_SENTENCE,
    LONG_SENTENCE,
    RULES,
    ReadabilityPack,
)
from stylecheck.rules import CheckContext, Registry, Rule
from stylecheck.textstat_offline import (
    OfflineDataError,
    ensure_cmudict,
    load_textstat,
    nltk_entry,
)

ALL = frozenset(rule.id for rule in RULES)
TWELVE_WORDS = "The old ferry left the quay at dawn with nine passengers aboard."


def make_document(*blocks: tuple[str, BlockKind]) -> Document:
    """Return a plain document whose blocks are separated by blank lines."""
    prose = "\n\n".join(text for text, _ in blocks)
    paragraphs = []
    start = 0
    for text, kind in blocks:
        paragraphs.append(Paragraph(Span(start, start + len(text)), kind))
        start += len(text) + 2
    segments = (Segment(Span(0, len(prose)), Span(0, len(prose)), True),) if prose else ()
    return Document("test.md", prose, prose, segments, tuple(paragraphs), "markdown")


def run(
    document: Document,
    enabled: frozenset[str] = ALL,
    options: Mapping[str, Mapping[str, object]] | None = None,
) -> tuple[list[Violation], CheckContext]:
    """Check `document` with the readability pack; return violations and the context."""
    context = CheckContext(enabled=enabled, options=options or {})
    return list(ReadabilityPack().check(document, context)), context


def ids(violations: list[Violation]) -> list[str]:
    """Return the rule ids of `violations`, in order."""
    return [v.rule_id for v in violations]


# Rule docs


def test_registry_accepts_pack() -> None:
    assert set(Registry([ReadabilityPack()]).rules) == set(ALL)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("enabled", ["alone", "all"])
def test_doc_examples(rule: Rule, enabled: str) -> None:
    on = frozenset({rule.id}) if enabled == "alone" else ALL
    bad, _ = run(parse_text("bad.txt", rule.doc.bad), on)
    good, _ = run(parse_text("good.txt", rule.doc.good), on)
    assert rule.id in ids(bad)
    assert rule.id not in ids(good)


def test_examples_need_no_settings() -> None:
    # Completeness of every rule's docs is tested in test_rule_docs.py.
    for rule in RULES:
        assert rule.doc.config == "", rule.id
        assert "stylecheck" not in rule.doc.bad.lower()


# Metrics


def test_metrics_equal_textstat_on_the_same_text() -> None:
    paragraphs = [
        "Rain came in from the west. The fishermen pulled their boats up the shingle.",
        "Nobody spoke at supper. Afterwards the children were sent to bed early, and the "
        "adults sat by the stove listening to the shutters bang against the walls.",
    ]
    document = make_document(("Chapter One", "heading"), *((p, "paragraph") for p in paragraphs))
    _, context = run(document, frozenset({LONG_SENTENCE}))
    textstat = load_textstat()
    text = "\n\n".join(paragraphs)  # headings are left out of the metrics
    metrics = context.metrics["readability"]
    assert set(metrics) == {*FORMULAS, "words", "sentences"}
    for name in FORMULAS:
        assert metrics[name] == round(getattr(textstat, name)(text), 2), name
    assert metrics["words"] == textstat.lexicon_count(text) == len(words(text))
    assert metrics["sentences"] == textstat.sentence_count(text) == 4


def test_metrics_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, context = run(make_document(("Short.", "paragraph")))
    assert context.metrics["readability"]["words"] == 1


@pytest.mark.parametrize("prose", ["", "   \n\n  ", "… — …"])
def test_empty_document_gives_nothing(prose: str) -> None:
    document = make_document((prose, "paragraph")) if prose else make_document()
    violations, context = run(document)
    assert violations == []
    assert context.metrics == {}


def test_headings_only_gives_nothing() -> None:
    violations, context = run(make_document(("Part One", "heading")))
    assert violations == []
    assert context.metrics == {}


# Sentence rules


def test_long_sentence_span_is_the_sentence() -> None:
    long = RULES[0].doc.bad.strip()
    document = make_document(("Title", "heading"), (f"She waited.  {long}", "paragraph"))
    violations, _ = run(document, frozenset({LONG_SENTENCE}))
    assert len(violations) == 1
    span = violations[0].span
    assert document.prose[span.start : span.end] == long
    assert violations[0].message == "Sentence has 68 words (more than 50); consider splitting it"


def test_max_words_option() -> None:
    document = make_document((TWELVE_WORDS, "paragraph"))
    assert len(words(TWELVE_WORDS)) == 12
    assert run(document, frozenset({LONG_SENTENCE}))[0] == []
    options = {LONG_SENTENCE: {"max-words": 10}}
    flagged, _ = run(document, frozenset({LONG_SENTENCE}), options)
    assert ids(flagged) == [LONG_SENTENCE]
    assert "12 words (more than 10)" in flagged[0].message
    options = {LONG_SENTENCE: {"max-words": 12}}
    assert run(document, frozenset({LONG_SENTENCE}), options)[0] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Go now.--Emma stayed.", ["Go now.", "Emma stayed."]),
        ("Would us, Pip?”—Miss Havisham nodded.", ["Would us, Pip?”", "Miss Havisham nodded."]),
        ("He paused. _She_ did not.", ["He paused.", "_She_ did not."]),
        ("He stopped.—and went on.", ["He stopped.—and went on."]),
        ("Ask Mr.—what is his name.", ["Ask Mr.—what is his name."]),
    ],
)
def test_sentences_joined_by_dashes_are_split(text: str, expected: list[str]) -> None:
    # Long-sentence counts rely on this: Emma alone joins 1,150 sentence pairs with ".--".
    paragraph = Paragraph(Span(0, len(text)))
    assert [s.text(text) for s in split_sentences(text, paragraph)] == expected


def test_headings_are_not_sentences() -> None:
    document = make_document((TWELVE_WORDS, "heading"), ("A short line.", "paragraph"))
    options = {LONG_SENTENCE: {"max-words": 3}}
    assert run(document, frozenset({LONG_SENTENCE}), options)[0] == []


def test_hard_sentence_reports_ari_to_one_decimal() -> None:
    text = RULES[1].doc.bad.strip()
    letters = sum(ch.isalnum() for w in words(text) for ch in w)
    ari = 4.71 * letters / 20 + 0.5 * 20 - 21.43
    violations, _ = run(make_document((text, "paragraph")), frozenset({HARD_SENTENCE}))
    assert ids(violations) == [HARD_SENTENCE]
    assert f"ARI {ari:.1f} (at least 14)" in violations[0].message


def test_hard_sentence_options() -> None:
    document = make_document((RULES[1].doc.bad, "paragraph"))
    raised = {HARD_SENTENCE: {"max-ari": 40}}
    assert run(document, frozenset({HARD_SENTENCE}), raised)[0] == []
    longer = {HARD_SENTENCE: {"min-words": 21}}
    assert run(document, frozenset({HARD_SENTENCE}), longer)[0] == []


def test_long_sentence_is_not_also_reported_as_hard() -> None:
    document = make_document((RULES[0].doc.bad, "paragraph"))
    both, _ = run(document, frozenset({LONG_SENTENCE, HARD_SENTENCE}))
    assert ids(both) == [LONG_SENTENCE]
    hard_only, _ = run(document, frozenset({HARD_SENTENCE}))
    assert ids(hard_only) == [HARD_SENTENCE]


def test_hard_sentence_is_off_by_default() -> None:
    rule = next(r for r in RULES if r.id == HARD_SENTENCE)
    assert not rule.enabled_by_default


# File grade


def test_file_grade_anchors_on_first_block() -> None:
    text = RULES[2].doc.bad.strip()
    document = make_document(("Appendix", "heading"), (text, "paragraph"))
    violations, context = run(document, frozenset({FILE_GRADE}))
    assert ids(violations) == [FILE_GRADE]
    assert violations[0].span == Span(0, 1)
    grade = context.metrics["readability"]["flesch_kincaid_grade"]
    assert f"grade level is {grade:.1f} (above 14)" in violations[0].message


def test_file_grade_options() -> None:
    document = make_document((RULES[2].doc.bad, "paragraph"))
    assert run(document, frozenset({FILE_GRADE}), {FILE_GRADE: {"max-grade": 40}})[0] == []
    assert run(document, frozenset({FILE_GRADE}), {FILE_GRADE: {"min-words": 500}})[0] == []


def test_file_grade_needs_enough_words() -> None:
    first_sentence = RULES[2].doc.bad.split(". ")[0] + "."
    violations, context = run(make_document((first_sentence, "paragraph")))
    assert context.metrics["readability"]["flesch_kincaid_grade"] > 14
    assert FILE_GRADE not in ids(violations)


# Offline CMU dictionary


def test_textstat_uses_cmudict_from_the_package_without_downloading(tmp_path: Path) -> None:
    # A fresh process: textstat caches the dictionary per process, NLTK caches the corpus.
    script = textwrap.dedent(
        """
        import nltk

        def fail(*args, **kwargs):
            raise SystemExit("nltk.download was called")

        nltk.download = fail
        nltk.data.path[:] = []  # nothing but stylecheck's cache can supply the corpus

        from stylecheck.textstat_offline import load_textstat, nltk_data_dir

        textstat = load_textstat()
        # CMU: fire = F AY1 ER0, area = EH1 R IY0 AH0; Pyphen's hyphenation says 1 each.
        print(textstat.syllable_count("fire"), textstat.syllable_count("area"))
        print(nltk.data.find("corpora/cmudict"))
        print(nltk_data_dir())
        print(textstat.flesch_reading_ease("The fire spread across the area."))
        """
    )
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k not in {"NLTK_DATA", "XDG_CACHE_HOME"}}
    env |= {"STYLECHECK_CACHE_DIR": str(cache), "HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    syllables, corpus, data_dir, ease = done.stdout.splitlines()
    assert syllables == "2 3"
    assert Path(corpus) == Path(data_dir) / "corpora" / "cmudict"
    assert Path(data_dir).parent == cache / "nltk_data"
    assert (Path(corpus) / "cmudict").read_text(encoding="utf-8").startswith("'BOUT 1 B AW1 T\n")
    assert (Path(corpus) / "README").is_file()
    assert float(ease) > 0
    assert not [p for p in (cache / "nltk_data").iterdir() if p.name.startswith(".")]


def test_nltk_download_is_refused_after_loading() -> None:
    load_textstat()
    with pytest.raises(OfflineDataError, match="never downloads"):
        nltk.download("cmudict")


def test_corpus_is_written_in_nltk_format(tmp_path: Path) -> None:
    root = ensure_cmudict(tmp_path / "data")
    entries = (root / "corpora" / "cmudict" / "cmudict").read_text(encoding="utf-8")
    assert "\nA 1 AH0\nA 2 EY1\n" in entries
    assert "\nAALBORG 1 AO1 L B AO0 R G\nAALBORG 2 AA1 L B AO0 R G\n" in entries
    assert "#" not in entries
    assert ensure_cmudict(tmp_path / "data") == root  # already built: nothing to do


def test_nltk_entry_drops_comments_and_numbers_variants() -> None:
    assert nltk_entry("aalborg(2) AA1 L B AO0 R G # place, danish\n") == "AALBORG 2 AA1 L B AO0 R G"
    assert nltk_entry("'em AH0 M\n") == "'EM 1 AH0 M"
    assert nltk_entry("   \n") is None


def test_losing_the_build_race_is_harmless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data"
    write = textstat_offline._write_corpus

    def write_while_another_process_wins(corpus: Path) -> None:
        write(corpus)
        write(root / "corpora" / "cmudict")  # the other process's rename lands first

    monkeypatch.setattr(textstat_offline, "_write_corpus", write_while_another_process_wins)
    assert ensure_cmudict(root) == root
    assert (root / "corpora" / "cmudict" / "cmudict").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # the staging tree is gone


def test_unwritable_cache_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(OfflineDataError, match="STYLECHECK_CACHE_DIR"):
        ensure_cmudict(blocker / "nltk_data" / "cmudict")


def test_cache_dir_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STYLECHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert textstat_offline.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("STYLECHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert textstat_offline.cache_dir() == tmp_path / "xdg" / "stylecheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert textstat_offline.cache_dir() == tmp_path / "home" / ".cache" / "stylecheck"


# Published novels

# Findings per 10,000 words on each novel (all readability rules enabled, default options).
# Measured maxima: long-sentence 42.1 (Sense and Sensibility), hard-sentence 101.0
# (Frankenstein, opt-in), file-grade 0 (whole novels score 5.3 to 10.5).
NOISE_BUDGET = {LONG_SENTENCE: 45.0, HARD_SENTENCE: 105.0, FILE_GRADE: 0.0}
NovelResults = dict[str, tuple[int, Counter[str], dict[str, float]]]


@pytest.fixture(scope="module")
def novel_results() -> NovelResults:
    """Check every novel once: words, findings per rule, metrics."""
    results = {}
    for path in sorted(require_shared(NOVELS).glob("*.txt")):
        document = parse_text(path.name, path.read_text(encoding="utf-8"))
        violations, context = run(document)
        counts = Counter(ids(violations))
        results[path.stem] = (len(words(document.prose)), counts, context.metrics["readability"])
    return results


@pytest.mark.slow
def test_alice_reads_easier_than_moby_dick(novel_results: NovelResults) -> None:
    alice = novel_results["carroll-alice"][2]["flesch_kincaid_grade"]
    moby = novel_results["melville-mobydick"][2]["flesch_kincaid_grade"]
    assert alice < moby


@pytest.mark.slow
@pytest.mark.parametrize("rule_id", sorted(NOISE_BUDGET))
def test_novels_stay_under_noise_budget(novel_results: NovelResults, rule_id: str) -> None:
    assert len(novel_results) == 18
    rates = {
        name: 10_000 * counts[rule_id] / word_count
        for name, (word_count, counts, _) in novel_results.items()
    }
    noisy = {name: round(rate, 1) for name, rate in rates.items() if rate > NOISE_BUDGET[rule_id]}
    assert not noisy, f"{rule_id} over {NOISE_BUDGET[rule_id]} per 10k words: {noisy}"
