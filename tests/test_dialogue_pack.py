"""The dialogue pack: each rule on flagged and correct dialogue, its fixes, the sample chapter."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from stylecheck.config import ConfigFinder
from stylecheck.diagnostics import Severity
from stylecheck.document.load import parse
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs.dialogue import DialoguePack
from stylecheck.packs.dialogue_rules import RULES
from stylecheck.rules import CheckContext

CONTEXT = CheckContext(enabled=frozenset(rule.id for rule in RULES), options={})
PUNCTUATION_RULES = {
    "dialogue.tag-punctuation",
    "dialogue.tag-capital",
    "dialogue.continuation",
    "dialogue.unbalanced-quote",
    "dialogue.glued-quote",
    "dialogue.mark-outside",
}


def findings(text: str) -> list[tuple[str, str]]:
    """Return (rule name, flagged text) for each finding."""
    document = parse("a.md", text)
    return [
        (v.rule_id.split(".", 1)[1], document.prose[v.span.start : v.span.end])
        for v in DialoguePack().check(document, CONTEXT)
    ]


def fixed(text: str, rule: str) -> str:
    """Return `text` with the first fix of the rule's first finding applied."""
    document = parse("a.md", text)
    violation = next(v for v in DialoguePack().check(document, CONTEXT) if v.rule_id == rule)
    result = document.prose
    for edit in sorted(violation.fixes[0].edits, key=lambda e: -e.span.start):
        result = result[: edit.span.start] + edit.replacement + result[edit.span.end :]
    return result + "\n"  # prose drops the final line break


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"It\'s okay" she whispered.\n', '"It\'s okay," she whispered.\n'),
        ('"We should go." he whispered.\n', '"We should go," he whispered.\n'),
        ('"Go." said Tom.\n', '"Go," said Tom.\n'),
        ('"Stop." Mara said.\n', '"Stop," Mara said.\n'),
        ('"We should go." He said.\n', '"We should go," he said.\n'),
        ('"Who?," she asked.\n', '"Who?" she asked.\n'),
        ('"Run!", he shouted.\n', '"Run!" he shouted.\n'),
        ('"Fine", he said.\n', '"Fine," he said.\n'),
        (
            "\u201cIt\u2019s okay\u201d she whispered.\n",
            "\u201cIt\u2019s okay,\u201d she whispered.\n",
        ),
    ],
)
def test_tag_punctuation_and_its_fix(text: str, expected: str) -> None:
    assert fixed(text, "dialogue.tag-punctuation") == expected


def test_a_question_without_its_mark_is_fixed_with_one_but_not_automatically() -> None:
    document = parse("a.md", '"Where are you going" she asked.\n')
    (violation,) = DialoguePack().check(document, CONTEXT)
    assert violation.fixes[0].edits[0].replacement == "?"
    assert violation.fixes[0].applicability.value == "unsafe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Really?" She asked.\n', '"Really?" she asked.\n'),
        ('"Who?" Asked Tom.\n', '"Who?" asked Tom.\n'),
        ('"Wait\u2014" He said.\n', '"Wait\u2014" he said.\n'),
        (
            '"You had my note?" He asked with a deep voice.\n',
            '"You had my note?" he asked with a deep voice.\n',
        ),
        ('"Why?" He said, "and why now?"\n', '"Why?" he said, "and why now?"\n'),
        # The next paragraph's speech is not introduced by this tag.
        (
            '"I don\'t know\u2026" She said.\n\n"Come here."\n',
            '"I don\'t know\u2026" she said.\n\n"Come here."\n',
        ),
    ],
)
def test_tag_capital_and_its_fix(text: str, expected: str) -> None:
    assert fixed(text, "dialogue.tag-capital") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"I think," she said "that we should go."\n',
            '"I think," she said, "that we should go."\n',
        ),
        ('"Come here," she said. "and bring it."\n', '"Come here," she said, "and bring it."\n'),
        (
            '"I think," she said, "That we should go."\n',
            '"I think," she said, "that we should go."\n',
        ),
    ],
)
def test_continuation_and_its_fix(text: str, expected: str) -> None:
    assert fixed(text, "dialogue.continuation") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"I"\u2026 he stammered.\n', '"I\u2026" he stammered.\n'),
        ('"I"... he stammered.\n', '"I..." he stammered.\n'),
        (
            '"If you would just let me"\u2014 he began.\n',
            '"If you would just let me\u2014" he began.\n',
        ),
    ],
)
def test_mark_outside_and_its_fix(text: str, expected: str) -> None:
    assert fixed(text, "dialogue.mark-outside") == expected


def test_a_glued_quote_gets_a_space() -> None:
    text = '"Careful," he said, "Izzie\'s\u2026"baking?" Alex guessed.\n'
    assert ("glued-quote", '"') in findings(text)
    assert fixed(text, "dialogue.glued-quote") == (
        '"Careful," he said, "Izzie\'s\u2026" "baking?" Alex guessed.\n'
    )


@pytest.mark.parametrize(
    "text",
    [
        '"It\'s fine," he mumbled.\n',
        '"Alex\u2026" she said gently.\n',
        '"How\'s your arm?" Izzie asked quietly.\n',
        '"Fine." She shrugged.\n',
        '"Really?" She laughed.\n',
        '"Stop." He said nothing more.\n',
        '"Stop." Mara said nothing more.\n',
        '"Why?" She said nothing.\n',
        '"Only don\'t\u2014" She nearly said, "Don\'t protect him."\n',
        '"Yes." He repeated, "No. What made you think so?"\n',
        '"Fine." The other added:\n\n"He is young."\n',
        '"I think," she said, "that we should go."\n',
        '"Yes," he said. "Let\'s go."\n',
        '"Well," she said, "Tom is here."\n',
        # An interruption by narration keeps its dashes outside the quotes.
        "\u201cSomeday, and\u201d\u2014his voice turned\u2014\u201cI won\u2019t be there.\u201d\n",
        '"I thought I might\u2014" she began.\n',
        '"Who?" she asked. "Me?"\n',
        'He called it "rubbish" and left.\n',
        '"It\'s okay," she whispered.\n',
        "\u2018Go away,\u2019 he said, \u2018and don\u2019t come back.\u2019\n",
        # One speech over two paragraphs.
        '"I came home late," she said. "The train stalled.\n\n"So I walked."\n',
    ],
)
def test_correct_dialogue_punctuation_is_not_flagged(text: str) -> None:
    assert [f for f in findings(text) if f"dialogue.{f[0]}" in PUNCTUATION_RULES] == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ('"Stop what?" Alex asked. "You know what," Meredith said.\n', True),
        ('"Stop," he said. "Why?" she asked.\n', True),
        ('"Stop," I said. "Why?" Tom asked.\n', True),
        # A pronoun and a name may be one person; untagged lines say nothing.
        ('"Stop," Tom said. "Now," he added.\n', False),
        ('"Stop," Mr. Darcy said. "Now," Darcy added.\n', False),
        ('"Stop," Tom said. "Why?"\n', False),
        ('"Stop," Tom said.\n\n"Why?" Mary asked.\n', False),
    ],
)
def test_new_speaker(text: str, flagged: bool) -> None:
    assert (("new-speaker", '"') in findings(text)) is flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Get out," he said angrily.\n', [("adverb-tag", "he said angrily")]),
        ('"Get out," he angrily said.\n', [("adverb-tag", "he angrily said")]),
        ('"Get out," he said only once.\n', []),
        ('"Fine," Emily said.\n', []),
        ('"I disagree," she opined.\n', [("said-bookism", "opined")]),
        ('"Fine," she laughed.\n', [("said-bookism", "laughed")]),
        ('"Fine." She laughed.\n', []),
        ('"Fine," she shrugged.\n', [("action-tag", "she shrugged")]),
        ('"Stop what?" he scowled.\n', [("action-tag", "he scowled")]),
        ('"Fine," she smiled and said.\n', []),
        ('"Fine." He nodded wordlessly.\n', []),
    ],
)
def test_tag_style_notes(text: str, expected: list[tuple[str, str]]) -> None:
    notes = {"adverb-tag", "said-bookism", "action-tag"}
    assert [f for f in findings(text) if f[0] in notes] == expected


def test_seed_chapter_dialogue() -> None:
    """The issue's done-when: the seed's dialogue errors are found, its correct lines are not."""
    engine = Engine(build_registry(default_packs()), ConfigFinder(), cli_select=("dialogue",))
    result = engine.check_source(Source("chapter-01.md", SEEDS / "chapter-01.md"))
    found = {(f.rule_id, f.start.line) for f in result.findings}
    assert {
        ("dialogue.tag-punctuation", 49),  # apology" she repeated
        ("dialogue.tag-punctuation", 75),  # okay" she whispered
        ("dialogue.glued-quote", 51),  # "Izzie's…"baking?"
        ("dialogue.new-speaker", 51),  # Meredith called … Alex guessed
        ("dialogue.mark-outside", 73),  # "I"… he stammered
        ("dialogue.adverb-tag", 1),  # asked quietly
    } <= found
    punctuation = {(rule, line) for rule, line in found if rule in PUNCTUATION_RULES}
    assert punctuation == {
        ("dialogue.tag-punctuation", 49),
        ("dialogue.tag-punctuation", 75),
        ("dialogue.glued-quote", 51),
        ("dialogue.mark-outside", 73),
    }
    severities = {f.rule_id: f.severity for f in result.findings}
    assert severities["dialogue.adverb-tag"] is Severity.NOTE
