"""Data rules: the strict loader, the kinds, shipped lists, merged packs and `rules-dirs`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from stylecheck.cli import main
from stylecheck.config import ConfigFinder
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.kinds import DataRuleError, load_rule_file
from stylecheck.kinds.common import folded, required_text, whole_words
from stylecheck.kinds.substitution import Substitution
from stylecheck.packs.data import load_packs, merge_packs, shipped_packs, shipped_rules_dir
from stylecheck.packs.words import WordsPack
from stylecheck.rules import CheckContext, DuplicateRuleError

CONFUSED_PATH = shipped_rules_dir() / "words" / "confused.yml"
CONFUSED = load_rule_file(CONFUSED_PATH, "words")
assert isinstance(CONFUSED, Substitution)

HEADER = """\
kind: substitution
severity: warning
summary: Test rule.
why: Because.
bad: He took the reigns.
good: He took the reins.
source: A test.
"""
ENTRIES = """\
entries:
  - match: took the reigns
    replace: took the reins
"""


def write_rule(folder: Path, text: str, name: str = "mine.yml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_entries_are_sorted_and_have_examples() -> None:
    patterns = [entry.pattern.pattern for entry in CONFUSED.entries]
    assert patterns == sorted(patterns, key=str.casefold)
    assert len(patterns) == len(set(patterns))
    assert all(entry.example for entry in CONFUSED.entries)


@pytest.mark.parametrize("entry", CONFUSED.entries, ids=lambda e: e.example)
def test_each_example_triggers_its_entry_and_its_correction_nothing(entry) -> None:
    match = entry.pattern.search(entry.example)
    assert match is not None, "the example does not trigger its entry"
    corrected = (
        entry.example[: match.start()] + entry.replacement(match) + entry.example[match.end() :]
    )
    context = CheckContext(enabled=frozenset({CONFUSED.rule.id}), options={})
    # Through the rule's check, so the plain-text search before the pattern is tested too.
    flagged = CONFUSED.check(parse("a.md", entry.example + "\n"), context)
    assert (match.start(), match.end()) in [(v.span.start, v.span.end) for v in flagged]
    assert list(CONFUSED.check(parse("a.md", corrected + "\n"), context)) == []


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("baited breath", "baited breath"),
        ("(a|the) hoard of (people|fans)", " hoard of "),
        ("(wreck|reek)(s|ed|ing)? havoc", " havoc"),
        ("could(n't)? care less", " care less"),
        ("colou?r", "colo"),
        ("[Tt]ow the line|toe the lion", ""),
        ("caf\u00e9 au lait", " au lait"),  # only ASCII is compared
    ],
)
def test_required_text_is_what_every_match_contains(pattern: str, required: str) -> None:
    assert required_text(whole_words(pattern)) == required


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("mist", "The mi\u017ft rose."),
        ("keep", "\u212aEEP it"),
        ("in", "\u0130N"),
        ("in", "\u0131n"),
    ],
)
def test_a_case_twin_of_a_letter_is_still_found(word: str, text: str) -> None:
    # re.IGNORECASE matches "s" with the long s, "k" with the Kelvin sign, "i" with both
    # Turkish i's: the plain-text search must not rule such a match out.
    pattern = whole_words(word)
    assert pattern.search(text) is not None
    assert required_text(pattern) in folded(text)


def test_seed_chapter_choked_back_tears_is_flagged_with_its_fix(tmp_path: Path) -> None:
    engine = Engine(build_registry(default_packs()), ConfigFinder(), cli_select=("words.confused",))
    result = engine.check_source(Source("chapter-01.md", SEEDS / "chapter-01.md"))
    (finding,) = result.findings
    assert (finding.rule_id, finding.start.line) == ("words.confused", 53)
    assert finding.message == "'chocked back' should be 'choked back'"
    assert finding.fixes[0].edits[0].replacement == "choked back"


def test_capitals_follow_the_text_and_groups_carry_over() -> None:
    document = parse("a.md", "Bare with me. She rung her hands and wrung them again.\n")
    context = CheckContext(enabled=frozenset({CONFUSED.rule.id}), options={})
    violations = sorted(CONFUSED.check(document, context), key=lambda v: v.span.start)
    messages = [v.message for v in violations]
    assert messages == [
        "'Bare with me' should be 'Bear with me'",
        "'rung her hands' should be 'wrung her hands'",
    ]


def test_matches_are_whole_words_only() -> None:
    document = parse("a.md", "The sneak peaks and a piece of mind-reading.\n")
    context = CheckContext(enabled=frozenset({CONFUSED.rule.id}), options={})
    assert list(CONFUSED.check(document, context)) == []


def test_dialogue_setting_is_honoured(tmp_path: Path) -> None:
    rule = load_rule_file(write_rule(tmp_path, HEADER + "dialogue: false\n" + ENTRIES), "mine")
    context = CheckContext(enabled=frozenset({"mine.mine"}), options={})
    speech = parse("a.md", "“I took the reigns,” she said. Then she took the reigns.\n")
    (violation,) = rule.check(speech, context)
    assert speech.prose[violation.span.start : violation.span.end] == "took the reigns"
    assert violation.span.start > speech.prose.index("Then")


def test_a_folder_of_rules_becomes_a_pack(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    write_rule(tmp_path / "house", HEADER + ENTRIES, "reins.yml")
    (tmp_path / "empty").mkdir()
    (pack,) = load_packs(tmp_path)
    assert pack.name == "house" and [r.id for r in pack.rules()] == ["house.reins"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (HEADER + ENTRIES + "colour: red\n", ":11: unknown key 'colour'"),
        (
            HEADER + ENTRIES + "dialog: true\n",
            ":11: unknown key 'dialog'; did you mean 'dialogue'?",
        ),
        (HEADER.replace("why: Because.\n", "") + ENTRIES, ":1: missing key 'why'"),
        (HEADER.replace("warning", "fatal") + ENTRIES, ":2: key 'severity' must be"),
        (HEADER.replace("substitution", "exists") + ENTRIES, ":1: key 'kind' must be one of"),
        (HEADER + "entries: []\n", ":8: key 'entries' must be a non-empty list"),
        (HEADER + "entries:\n  - match: '(unclosed'\n    replace: x\n", ":9: key 'match' is not"),
        (HEADER + "entries:\n  - match: a\n    replace: \\1 b\n", ":10: key 'replace' refers"),
        (HEADER + "entries:\n  - match: a\n    replace: b\n    colour: c\n", ":11: unknown key"),
        (HEADER + "entries:\n  - match: a\n", ":9: missing key 'replace'"),
        (HEADER + ENTRIES + "fix: maybe\n", ":11: key 'fix' must be safe, unsafe or display"),
        (HEADER + ENTRIES + "dialogue: sometimes\n", ":11: key 'dialogue' must be true or false"),
        ("kind: [substitution\n", ":2: not valid YAML"),
        ("- a list\n", ":1: expected a mapping"),
    ],
)
def test_malformed_rule_files_name_the_file_line_and_key(
    tmp_path: Path, text: str, error: str
) -> None:
    path = write_rule(tmp_path, text)
    with pytest.raises(DataRuleError) as raised:
        load_rule_file(path, "mine")
    message = str(raised.value)
    assert message.startswith(str(path) + ":") and error in message


@pytest.mark.parametrize(
    "path", sorted(shipped_rules_dir().rglob("*.txt")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_shipped_word_lists_are_sorted_lower_case_and_unique(path: Path) -> None:
    entries = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert entries, f"{path} is empty"
    assert entries == sorted(entries), f"{path} is not sorted"
    assert len(entries) == len(set(entries)), f"{path} has duplicates"
    assert all(entry == entry.lower() for entry in entries), f"{path} has capitals"


# The existence kind

EXISTENCE = """\
kind: existence
severity: note
summary: Test rule.
why: Because.
bad: She noticed the door.
good: The door opened.
source: A test.
message: "'{match}' is listed"
"""


def test_existence_rule_from_a_word_list_beside_it(tmp_path: Path) -> None:
    (tmp_path / "perceive.txt").write_text("# a comment\ncould see\nnoticed\n", encoding="utf-8")
    rule = load_rule_file(write_rule(tmp_path, EXISTENCE + "words: perceive.txt\n"), "mine")
    assert "`" + tmp_path.name + "/perceive.txt`" in rule.rule.doc.flags
    document = parse("a.md", "She Noticed it. He could\nsee the sea, unnoticed.\n")
    context = CheckContext(enabled=frozenset({"mine.mine"}), options={})
    found = [
        (document.prose[v.span.start : v.span.end], v.message)
        for v in rule.check(document, context)
    ]
    assert sorted(found) == [
        ("Noticed", "'Noticed' is listed"),
        ("could\nsee", "'could\nsee' is listed"),
    ]


def test_existence_rule_with_inline_entries_and_no_dialogue(tmp_path: Path) -> None:
    text = EXISTENCE + "dialogue: false\nentries: [noticed]\n"
    rule = load_rule_file(write_rule(tmp_path, text), "mine")
    document = parse("a.md", "“I noticed,” she said. He noticed too.\n")
    context = CheckContext(enabled=frozenset({"mine.mine"}), options={})
    (violation,) = rule.check(document, context)
    assert violation.span.start == document.prose.index("noticed too")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (EXISTENCE, ":1: missing key 'entries' (or 'words')"),
        (EXISTENCE + "entries: [a]\nwords: a.txt\n", ":10: give key 'entries' or key 'words'"),
        (EXISTENCE + "entries: []\n", ":9: key 'entries' must be a non-empty list"),
        (EXISTENCE + "entries:\n  - [a]\n", ":10: each item of 'entries' must be non-empty text"),
        (EXISTENCE + "words: missing.txt\n", ":9: key 'words': cannot read missing.txt"),
        (EXISTENCE + "words: ../up.txt\n", ":9: key 'words' must name a .txt file beside"),
        (
            EXISTENCE.replace("{match}", "{word}") + "entries: [a]\n",
            ":8: key 'message' may use only the placeholder {match}",
        ),
        (EXISTENCE + "entries: [a]\nmatch: b\n", ":10: unknown key 'match'"),
    ],
)
def test_malformed_existence_rules(tmp_path: Path, text: str, error: str) -> None:
    path = write_rule(tmp_path, text)
    with pytest.raises(DataRuleError) as raised:
        load_rule_file(path, "mine")
    message = str(raised.value)
    assert message.startswith(str(path) + ":") and error in message


def test_shipped_filter_words_are_off_by_default_and_skip_dialogue() -> None:
    registry = build_registry(default_packs())
    assert not registry.get("words.filter-words").enabled_by_default
    text = "“I saw him,” she said. She heard the door slam.\n"
    engine = Engine(registry, ConfigFinder(), cli_select=("words.filter-words",))
    result = engine.check_source(Source("a.md", Path("a.md"), text.encode()))
    assert [f.message for f in result.findings] == [
        "'heard' is a filter word: consider showing what is perceived instead"
    ]


# Packs that share a name, and a writer's own rule folders (config `rules-dirs`)


def test_packs_of_one_name_merge_and_still_reject_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "words").mkdir()
    write_rule(tmp_path / "words", HEADER + ENTRIES, "reins.yml")
    (user_words,) = load_packs(tmp_path)
    merged = merge_packs([WordsPack(), *shipped_packs(), user_words])
    (words,) = merged
    assert {"words.doubled", "words.confused", "words.reins"} <= {r.id for r in words.rules()}
    document = parse("a.md", "He took the reigns and the the key.\n")
    context = CheckContext(enabled=frozenset({"words.reins", "words.doubled"}), options={})
    assert sorted(v.rule_id for v in words.check(document, context)) == [
        "words.doubled",
        "words.reins",
    ]
    with pytest.raises(DuplicateRuleError, match=r"duplicate rule id 'words\.reins'"):
        merge_packs([*merged, user_words])


def rules_dir_project(root: Path, config: str) -> None:
    """Write a manuscript with a config and a rule folder adding to `words` and a new pack."""
    (root / "style" / "words").mkdir(parents=True)
    (root / "style" / "house").mkdir()
    write_rule(root / "style" / "words", HEADER + ENTRIES, "reins.yml")
    house = EXISTENCE.replace("'{match}' is listed", "'{match}': house style says no")
    write_rule(root / "style" / "house", house + "entries: [okay]\n", "banned.yml")
    (root / "stylecheck.toml").write_text(config, encoding="utf-8")
    (root / "ch1.md").write_text("It was okay. He took the reigns.\n", encoding="utf-8")


def test_rules_dirs_add_rules_to_a_shipped_pack_and_new_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir_project(tmp_path, 'rules-dirs = ["style"]\nselect = ["words.reins", "house"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "ch1.md"]) == 1
    assert capsys.readouterr().out == (
        "ch1.md:1:8: note: 'okay': house style says no [house.banned]\n"
        "ch1.md:1:17: warning: 'took the reigns' should be 'took the reins' [words.reins]\n"
    )
    assert main(["rule", "house.banned"]) == 0
    assert "house/banned.yml" in capsys.readouterr().out


def test_a_malformed_user_rule_stops_the_run_with_file_line_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir_project(tmp_path, 'rules-dirs = ["style"]\n')
    write_rule(tmp_path / "style" / "house", EXISTENCE + "entries: [a]\ncolour: red\n", "x.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "ch1.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"stylecheck: error: {tmp_path / 'style' / 'house' / 'x.yml'}:10: unknown key 'colour'\n"
    )


@pytest.mark.parametrize(
    ("folders", "problem"),
    [
        ('["nowhere"]', "rules-dirs: no folder 'nowhere'"),
        ('["style/words"]', "rules-dirs: 'style/words' holds no <pack>/<name>.yml rule files"),
    ],
)
def test_a_missing_or_misplaced_rules_dir_names_the_config_and_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folders: str,
    problem: str,
) -> None:
    rules_dir_project(tmp_path, f"rules-dirs = {folders}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "ch1.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"stylecheck: error: {tmp_path / 'stylecheck.toml'}: {problem}")
    assert len(err.splitlines()) == 1


def test_a_user_rule_may_not_replace_a_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir_project(tmp_path, 'rules-dirs = ["style"]\n')
    write_rule(tmp_path / "style" / "words", HEADER + ENTRIES, "confused.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "ch1.md"]) == 2
    assert capsys.readouterr().err == (
        f"stylecheck: error: {tmp_path / 'stylecheck.toml'}: rules-dirs: 'style': "
        "duplicate rule id 'words.confused'\n"
    )


def test_a_rules_folder_may_not_take_stylechecks_own_pack_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir_project(tmp_path, 'rules-dirs = ["style"]\n')
    (tmp_path / "style" / "stylecheck").mkdir()
    write_rule(tmp_path / "style" / "stylecheck", HEADER + ENTRIES, "mine.yml")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "ch1.md"]) == 2
    assert capsys.readouterr().err == (
        f"stylecheck: error: {tmp_path / 'stylecheck.toml'}: rules-dirs: 'style': "
        "the 'stylecheck' pack name is reserved\n"
    )
