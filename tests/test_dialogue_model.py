"""The dialogue model: quotation pairing over paragraphs, apostrophes, and tags after speech."""

from __future__ import annotations

import pytest
from conftest import NOVELS, require_shared

from stylecheck.dialogue import Dialogue, Problem, VerbClass
from stylecheck.dialogue.quotes import SINGLE
from stylecheck.document.load import parse


def model(text: str) -> tuple[str, Dialogue]:
    document = parse("a.md", text)
    return document.prose, document.dialogue


def problems(text: str) -> list[tuple[str, str]]:
    """Return each problem with the text from its mark to the end of the word after it."""
    prose, dialogue = model(text)
    return [(p.problem.value, prose[p.offset : p.offset + 6]) for p in dialogue.problems]


def quoted(text: str) -> list[str]:
    prose, dialogue = model(text)
    return [prose[q.span.start : q.span.end] for q in dialogue.quotations]


@pytest.mark.parametrize(
    "text",
    [
        # One speech over three paragraphs: each opens, only the last closes.
        "\u201cI came home late,\u201d she said. \u201cThe train stalled.\n\n"
        "\u201cThen the bus never came.\n\n\u201cSo I walked.\u201d\n",
        '"I came home late," she said. "The train stalled.\n\n"So I walked."\n',
        # Nested quotations, in the other style or (in older books) in the same one.
        "\u201cShe told me, \u2018Never again,\u2019 and left.\u201d\n",
        "\u201cHe says, \u201cI want to see the man.\u201d Lord bless you.\u201d\n",
        # Apostrophes are not quotation marks, straight or curly.
        "\u201cWe\u2019re goin\u2019 to the Joneses\u2019 in the \u201990s,\u201d he said.\n",
        "\"Rock 'n' roll, 'tis the season,\" he said. She was 5'10\" tall.\n",
        # A verse set as a block inside the speech, which then resumes.
        "\u201cAs the poet says,\n\nFull many a flower is born to blush unseen,\n\n"
        "and so it is with her.\u201d\n",
        # Ditto marks in a table quote nothing.
        "Monday   6:00 \u201d   Study\n",
    ],
)
def test_correct_quotations_have_no_problems(text: str) -> None:
    assert problems(text) == []


def test_multi_paragraph_speech_is_one_speech_continued() -> None:
    _, dialogue = model('"The train stalled.\n\n"So I walked."\n')
    first, second = dialogue.quotations
    assert first.close is None and first.continues
    assert second.close is not None and not second.continues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Where are you going? she asked.\n', [("unclosed", '"Where')]),
        # Left open, and the next paragraph is narration, not more speech.
        ('"Where are you going?\n\nShe left.\n', [("unclosed", '"Where')]),
        ("Where are you going?\u201d she asked.\n", [("unopened", "\u201d she ")]),
        # Glued: a closing mark touching the next word closes one line and opens another.
        ('"Careful," he said, "Izzie\'s\u2026"baking?" Alex guessed.\n', [("glued", '"bakin')]),
        ("\u201cIzzie\u2019s\u2026\u201dbaking?\u201d Alex guessed.\n", [("glued", "\u201dbakin")]),
    ],
)
def test_unbalanced_and_glued_marks(text: str, expected: list[tuple[str, str]]) -> None:
    assert problems(text) == expected


def test_a_glued_mark_splits_two_quotations() -> None:
    assert quoted('"Izzie\'s\u2026"baking?" Alex guessed.\n') == [
        '"Izzie\'s\u2026"',
        '"baking?"',
    ]


def test_british_single_quotes_are_paired_and_apostrophes_skipped() -> None:
    text = (
        "\u2018Go away,\u2019 he said, \u2018and don\u2019t come back.\u2019\n\n"
        "\u2018The dogs\u2019 bowls are goin\u2019 out,\u2019 she said.\n\n"
        "\u2018It\u2019s the \u201990s, and \u201cmodern\u201d,\u2019 he said.\n"
    )
    prose, dialogue = model(text)
    assert dialogue.style is SINGLE
    assert dialogue.problems == ()
    assert [prose[q.span.start : q.span.end] for q in dialogue.quotations] == [
        "\u2018Go away,\u2019",
        "\u2018and don\u2019t come back.\u2019",
        "\u2018The dogs\u2019 bowls are goin\u2019 out,\u2019",
        "\u2018It\u2019s the \u201990s, and \u201cmodern\u201d,\u2019",
    ]


def test_dialogue_spans_are_what_in_quotation_reports() -> None:
    document = parse("a.md", '"Go," she said.\n')
    assert document.in_quotation(1) and not document.in_quotation(6)


@pytest.mark.parametrize(
    ("after", "subject", "verb", "verb_class", "inverted", "adverb"),
    [
        (" she whispered.", "she", "whispered", VerbClass.SPEECH, False, None),
        (" said Tom.", "Tom", "said", VerbClass.SPEECH, True, None),
        (" said Mr. Darcy, smiling.", "Mr. Darcy", "said", VerbClass.SPEECH, True, None),
        (
            " the old man went on quietly.",
            "the old man",
            "went on",
            VerbClass.SPEECH,
            False,
            "quietly",
        ),
        (" Izzie asked quietly, leaning.", "Izzie", "asked", VerbClass.SPEECH, False, "quietly"),
        (" she laughed.", "she", "laughed", VerbClass.SOUND, False, None),
        (" he opined.", "he", "opined", VerbClass.BOOKISM, False, None),
        (" He shrugged.", "He", "shrugged", VerbClass.ACTION, False, None),
        (" she said only once.", "she", "said", VerbClass.SPEECH, False, None),
    ],
)
def test_the_tag_or_beat_after_a_quotation(
    after: str,
    subject: str,
    verb: str,
    verb_class: VerbClass,
    inverted: bool,
    adverb: str | None,
) -> None:
    prose, dialogue = model(f'"Fine,"{after}\n')
    found = dialogue.quotations[0].attribution
    assert found is not None
    assert (found.subject, found.verb, found.verb_class, found.inverted) == (
        subject,
        verb,
        verb_class,
        inverted,
    )
    assert (prose[found.adverb.start : found.adverb.end] if found.adverb else None) == adverb


@pytest.mark.parametrize(
    "after", [" Then she left.", " Presently Tom said so.", " and left.", ", she said."]
)
def test_no_tag_where_none_directly_follows(after: str) -> None:
    _, dialogue = model(f'"Fine."{after}\n')
    found = dialogue.quotations[0].attribution
    assert found is None or (found.subject, found.ends_clause) == ("Tom", False)


def test_speakers_pronouns_and_names() -> None:
    _, dialogue = model('"A," Tom said. "B," she said. "C," the man said.\n')
    speakers = [q.attribution.speaker for q in dialogue.quotations if q.attribution]
    assert speakers == ["Tom", "she", None]


@pytest.mark.slow
def test_published_novels_pair_almost_every_quotation() -> None:
    """Multi-paragraph speech, nesting and apostrophes in 18 novels are not problems."""
    marks = unpaired = 0
    for path in sorted(require_shared(NOVELS).glob("*.txt")):
        document = parse(path.name, path.read_text(encoding="utf-8"), markdown=False)
        marks += 2 * len(document.dialogue.quotations)
        unpaired += sum(p.problem is not Problem.GLUED for p in document.dialogue.problems)
    assert marks > 50_000
    assert unpaired / marks < 0.0005
