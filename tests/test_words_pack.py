"""The words pack: doubled words, echoes and repeated sentence starts on real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from stylecheck.config import ConfigFinder, load_config
from stylecheck.diagnostics import Applicability, Finding
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs.data import shipped_packs
from stylecheck.packs.words import WordsPack
from stylecheck.rules import CheckContext
from stylecheck.vocabulary import Vocabulary

REGISTRY = build_registry(default_packs())


def flagged(
    text: str, rule_id: str, vocabulary: Vocabulary | None = None, **options: object
) -> list[tuple[str, str]]:
    """Return (flagged text, message) for each violation of one words rule."""
    document = parse("a.md", text)
    context = CheckContext(
        enabled=frozenset({rule_id}),
        options={rule_id: options},
        vocabulary=vocabulary or Vocabulary(),
    )
    violations = sorted(WordsPack().check(document, context), key=lambda v: v.span.start)
    return [(document.prose[v.span.start : v.span.end], v.message) for v in violations]


def check(text: str, *selectors: str, config_text: str = "", folder: Path | None = None):
    """Check `text` as a Markdown file through the engine, with an optional config file."""
    if config_text and folder is not None:
        path = folder / "stylecheck.toml"
        path.write_text(config_text, encoding="utf-8")
        finder = ConfigFinder.fixed(load_config(path))
    else:
        finder = ConfigFinder()
    engine = Engine(REGISTRY, finder, cli_select=selectors)
    result = engine.check_source(Source("ch.md", Path("ch.md"), text.encode()))
    assert result.error is None
    return result.findings


def applied(text: str, finding: Finding) -> str:
    """Return `text` with the finding's first fix applied."""
    for edit in sorted(finding.fixes[0].edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


# words.doubled


def test_the_words_pack_is_one_pack_with_the_shipped_data_rules() -> None:
    (words,) = [pack for pack in REGISTRY.packs if pack.name == "words"]
    ids = {rule.id for rule in words.rules()}
    assert {"words.doubled", "words.echo", "words.repeated-start"} <= ids
    assert {rule.id for pack in shipped_packs() for rule in pack.rules()} <= ids


def test_doubled_word_across_a_line_break_is_fixed_by_keeping_one() -> None:
    (finding,) = check("She slid the\nthe key under the mat.\n", "words.doubled")
    assert (finding.start.line, finding.start.column) == (1, 10)
    assert finding.message == "'the' is written twice"
    (fix,) = finding.fixes
    assert fix.applicability is Applicability.SAFE
    assert applied("She slid the\nthe key under the mat.\n", finding) == (
        "She slid the\nkey under the mat.\n"
    )


def test_doubled_word_at_a_clause_end_is_fixed_with_the_space_before() -> None:
    text = "She left the room room.\n"
    (finding,) = check(text, "words.doubled")
    assert applied(text, finding) == "She left the room.\n"


def test_doubled_word_across_emphasis_is_found_and_the_plain_copy_deleted() -> None:
    text = "She slid *the* the key under the mat.\n"
    (finding,) = check(text, "words.doubled")
    assert finding.fixes[0].applicability is Applicability.SAFE
    assert applied(text, finding) == "She slid *the* key under the mat.\n"


def test_an_edit_that_would_touch_markup_is_only_shown() -> None:
    (finding,) = check("She slid the *the*.\n", "words.doubled")
    assert finding.fixes[0].applicability is Applicability.DISPLAY


def test_case_does_not_hide_a_doubled_word() -> None:
    assert flagged("The the key was gone.\n", "words.doubled") == [
        ("The the", "'The' is written twice")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "What he had had was gone.\n",
        "She said that that was all.\n",
        "I told you you were late.\n",
        "Mary insisted on lending her her watch.\n",
        "The food was so so, and it was a long long time ago.\n",
        "“No no no,” she said.\n",
        "“Run run!” he shouted. “I— I—”\n",
        "He had lived in Walla Walla for years.\n",
        "“I-I can’t,” she said.\n",
        "“Go, go!” she cried.\n",
        "Page 10 10 is blank.\n",
        "“I zay to you, fellow-critters, dat dat woraciousness.”\n",
        "The rain fell.\n\nFell the trees, he thought.\n",
    ],
)
def test_deliberate_and_correct_doubles_are_left_alone(text: str) -> None:
    assert flagged(text, "words.doubled") == []


def test_a_typo_in_dialogue_is_still_a_typo() -> None:
    assert flagged("“Give me the the key,” she said.\n", "words.doubled") == [
        ("the the", "'the' is written twice")
    ]


def test_harper_and_proselint_doubled_words_give_way_to_words_doubled() -> None:
    findings = check(
        "She slid the the key under the mat.\n",
        "words.doubled",
        "harper.RepeatedWords",
        "proselint.lexical_illusions",
    )
    assert [f.rule_id for f in findings] == ["words.doubled"]


# words.echo


BAKING = (
    "The kitchen smelt of baking. She stood in the doorway and watched the baking trays "
    "cool on the rack.\n"
)


def test_echo_names_the_earlier_use() -> None:
    assert flagged(BAKING, "words.echo") == [("baking", "'baking' was used 9 words earlier")]


def test_echo_window_option() -> None:
    assert flagged(BAKING, "words.echo", window=8) == []
    assert flagged(BAKING, "words.echo", window=9) != []


def test_echo_exceptions_option() -> None:
    assert flagged(BAKING, "words.echo", exceptions=("Baking",)) == []


def test_echo_window_is_validated_and_set_in_config(tmp_path: Path) -> None:
    config = '[rules."words.echo"]\nwindow = 5\n'
    assert check(BAKING, "words.echo", config_text=config, folder=tmp_path) == []
    assert [f.rule_id for f in check(BAKING, "words.echo")] == ["words.echo"]


def test_a_chain_of_echoes_is_reported_once() -> None:
    text = (
        "The lantern swung. He raised the lantern higher, and the lantern went out in the "
        "wind that came off the sea.\n"
    )
    assert [word for word, _ in flagged(text, "words.echo")] == ["lantern"]


@pytest.mark.parametrize(
    "text",
    [
        "They walked side by side along the shore until the dunes ended.\n",
        "The waves rolled again and again over the rocks below the cliff.\n",
        "He laughed and laughed until the tears came.\n",
        "She matched his silence awkward pause for awkward pause.\n",
        "An eye for an eye, the old man said to nobody.\n",
        "Not grief baking, not compassion baking, not friendship baking, but angry baking.\n",
        "She had extensive grounds herself and cared little for the extensive grounds of "
        "anybody else.\n",
    ],
)
def test_deliberate_repetition_is_not_an_echo(text: str) -> None:
    assert flagged(text, "words.echo") == []


def test_names_and_common_words_are_not_echoes() -> None:
    text = "Meredith opened the door and called Meredith's sister in from the door.\n"
    assert flagged(text, "words.echo") == []  # "door" is an everyday word
    names = "They drove to Westin at dawn, and the road to Westin was empty.\n"
    assert flagged(names, "words.echo") == []
    learned = "Bailey frowned. At last Bailey smiled.\n"
    assert flagged(learned, "words.echo", Vocabulary(names=frozenset({"Bailey"}))) == []


def test_dialogue_is_not_read_for_echoes() -> None:
    text = "“The walnuts are stale,” she said. “Throw the walnuts out.”\n"
    assert flagged(text, "words.echo") == []


def test_speech_tags_are_not_echoes_but_beats_are() -> None:
    tags = "“Go away,” cried Emma. “Stay,” cried Harriet.\n"
    assert flagged(tags, "words.echo") == []
    beats = "“Fine.” She shrugged. “Whatever.” He shrugged.\n"
    assert flagged(beats, "words.echo") == [("shrugged", "'shrugged' was used 3 words earlier")]


def test_a_heading_starts_afresh() -> None:
    text = "He found the lantern.\n\n# Two\n\nThe lantern was gone.\n"
    assert flagged(text, "words.echo") == []


# words.repeated-start


SHE = "She made cookies. She made a pie. She threw out the chicken. She hogged the remote.\n"


def test_repeated_starts_are_reported_once_per_run() -> None:
    assert flagged(SHE, "words.repeated-start") == [
        ("She", "4 sentences in a row start with 'She'")
    ]


def test_repeated_start_count_option() -> None:
    assert flagged(SHE, "words.repeated-start", count=5) == []
    two = "It rained. It poured. Then it stopped.\n"
    assert flagged(two, "words.repeated-start", count=2) == [
        ("It", "2 sentences in a row start with 'It'")
    ]


def test_seed_sentences_it_would_be_easier() -> None:
    text = (
        "It would be easier to get up, she thought. It would be easier to leave. It would be "
        "easier to leave, if his steady breathing was only less soothing.\n"
    )
    assert flagged(text, "words.repeated-start") == [("It", "3 sentences in a row start with 'It'")]


@pytest.mark.parametrize(
    "text",
    [
        "She made cookies. She made a pie.\n\nShe threw out the chicken.\n",
        "She made cookies. She made a pie. “She never bakes,” he said. She hogged the remote.\n",
        "“No.” “No.” “No.”\n",
    ],
)
def test_a_paragraph_break_or_dialogue_ends_the_run(text: str) -> None:
    assert flagged(text, "words.repeated-start") == []
