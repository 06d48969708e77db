"""The manuscript vocabulary: word lists, learned names, the reject rule, recurring words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from conftest import SEEDS
from fakes import DOC

from stylecheck.config import Config, ConfigError, ConfigFinder, load_config
from stylecheck.diagnostics import Severity, Span, Violation
from stylecheck.document import Document
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry
from stylecheck.packs.vocabulary import VocabularyPack
from stylecheck.rules import CheckContext, Rule
from stylecheck.vocabulary import NameLearner, Vocabulary, VocabularyError, WordList

# The sample chapter's characters and places (the list).
SEED_NAMES = frozenset(
    "Izzie Iz Meredith Alex Rebecca Denny Olivia Sloan Bailey Hunter Derek Shepherd Westin".split()  # noqa: SIM905
)


class CapitalsPack:
    """Pack `spell`: flags every capitalised word as unknown, like a spelling checker would."""

    name = "spell"
    RULE = Rule("spell.unknown", Severity.ERROR, DOC, spelling=True, topic="spelling")

    def rules(self) -> Sequence[Rule]:
        return [self.RULE]

    def check(self, document: Document, context: CheckContext) -> Iterable[Violation]:
        for m in re.finditer(r"\b[A-Z][a-z]+(?:'s)?", document.prose):
            yield Violation(self.RULE.id, Span(m.start(), m.end()), f"Unknown word '{m[0]}'.")


def check(files: dict[str, str], tmp_path: Path, config: str = "") -> dict[str, list[str]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "stylecheck.toml").write_text(config, encoding="utf-8")
    engine = Engine(build_registry([CapitalsPack(), VocabularyPack()]), ConfigFinder())
    result = engine.run([Source(name, tmp_path / name) for name in files])
    return {fr.path: [f.message for f in fr.findings] for fr in result.files}


def test_word_lists_hold_words_and_patterns(tmp_path: Path) -> None:
    path = tmp_path / "accept.txt"
    path.write_text("# characters\nIzzie\n\n[Ww]erewolf(s)?\n", encoding="utf-8")
    words = WordList.load([path], ["Grey's"])
    assert words.matches("Izzie") and words.matches("werewolfs") and words.matches("Grey's")
    assert not words.matches("izzie") and not words.matches("Izzies")
    assert words.plain_words == {"Izzie", "Grey's"}


def test_bad_word_list_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "accept.txt"
    path.write_text("ok\n[unclosed\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"accept.txt:2: invalid entry '\[unclosed'"):
        WordList.load([path])
    with pytest.raises(VocabularyError, match=r"missing\.txt: word list not found"):
        WordList.load([tmp_path / "missing.txt"])


def test_names_are_learned_from_the_sample_manuscript() -> None:
    text = (SEEDS / "chapter-01.md").read_text(encoding="utf-8")
    names = NameLearner([parse("chapter-01.md", text)]).names()
    assert names >= SEED_NAMES
    assert not names & {"The", "He", "She", "But", "You", "YOU", "WAS", "I", "Not"}


def test_possessives_and_counts() -> None:
    doc = parse("a.md", "She met Tomas at noon. Later she saw Tomas's boat and a tomas.\n")
    assert "Tomas" not in NameLearner([doc]).names()  # also written lower-case
    doc = parse("a.md", "She met Tomas at noon. Later she saw Tomas's boat.\n")
    assert NameLearner([doc]).names() == {"Tomas"}
    assert NameLearner([doc]).names(min_count=3) == frozenset()
    assert Vocabulary(names=frozenset({"Tomas"})).accepts("Tomas’s")


def test_learned_names_silence_spelling_rules_across_files(tmp_path: Path) -> None:
    files = {"a.md": "Yesterday she met Ferrant.\n", "b.md": "Ferrant left. Nobody cried.\n"}
    assert check(files, tmp_path) == {
        "a.md": ["Unknown word 'Yesterday'."],
        "b.md": ["Unknown word 'Nobody'."],
    }
    config = "[vocabulary]\nlearn-names = false\n"
    assert check(files, tmp_path, config)["b.md"] == [
        "Unknown word 'Ferrant'.",
        "Unknown word 'Nobody'.",
    ]


def test_accept_lists_silence_and_reject_lists_report(tmp_path: Path) -> None:
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "accept.txt").write_text("Yester.*\n", encoding="utf-8")
    config = (
        '[vocabulary]\naccept = ["style/accept.txt"]\naccept-words = ["Nobody"]\n'
        'reject-words = ["alright"]\n'
    )
    files = {"a.md": "Yesterday it was alright.\n", "b.md": "Nobody came.\n"}
    assert check(files, tmp_path, config) == {
        "a.md": ["'alright' is on your reject list"],
        "b.md": [],
    }


def test_a_word_flagged_again_and_again_is_reported_once(tmp_path: Path) -> None:
    text = "".join(f"she saw Zorba {n} times.\n\n" for n in range(6))
    (messages,) = check({"a.md": text}, tmp_path, "[vocabulary]\nlearn-names = false\n").values()
    assert messages == [
        "Unknown word 'Zorba'. ('Zorba' is flagged 6 times; if it is right, add it to the "
        "vocabulary)"
    ]


def test_vocabulary_config_forms_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "stylecheck.toml"
    path.write_text('vocabulary = ["a.txt", "b.txt"]\n', encoding="utf-8")
    assert load_config(path).vocabulary.accept == ("a.txt", "b.txt")
    path.write_text("[vocabulary]\nlearn-name = false\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"vocabulary\.learn-name: unknown key; did you mean"):
        load_config(path)
    path.write_text("[vocabulary]\nnames-min-count = 0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="names-min-count: expected a whole number"):
        load_config(path)
    assert Config().vocabulary.learn_names is True


def test_a_missing_word_list_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.txt: word list not found"):
        check({"a.md": "Text.\n"}, tmp_path, 'vocabulary = ["nope.txt"]\n')


def test_names_belong_to_each_run(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Yesterday she met Ferrant.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Ferrant left.\n", encoding="utf-8")
    engine = Engine(build_registry([CapitalsPack()]), ConfigFinder())
    together = engine.run([Source("a.md", tmp_path / "a.md"), Source("b.md", tmp_path / "b.md")])
    assert [f.message for f in together.files[1].findings] == []
    alone = engine.run([Source("b.md", tmp_path / "b.md")])  # Ferrant starts its only sentence
    assert [f.message for f in alone.files[0].findings] == ["Unknown word 'Ferrant'."]
