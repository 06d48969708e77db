"""In-text suppression comments in Markdown, through the engine."""

from __future__ import annotations

from pathlib import Path

from fakes import WordPack

from stylecheck.config import ConfigFinder
from stylecheck.engine import Engine, Source, build_registry


def findings(text: str) -> list[tuple[int, str]]:
    engine = Engine(build_registry([WordPack()]), ConfigFinder())
    result = engine.check_source(Source("ch.md", Path("ch.md"), text.encode()))
    return [(f.start.line, f.rule_id) for f in result.findings]


def test_disable_and_enable_a_rule() -> None:
    text = (
        "bad one\n\n<!-- stylecheck: disable fake.word -->\n\nbad one\n\n"
        "<!-- stylecheck: enable fake.word -->\n\nbad\n"
    )
    assert findings(text) == [
        (1, "fake.word"),
        (1, "fake.group.one"),
        (5, "fake.group.one"),
        (9, "fake.word"),
    ]


def test_disable_by_pack_prefix_and_without_ids_lasts_to_the_end() -> None:
    text = "<!-- stylecheck: disable fake.group -->\n\nbad one two\n"
    assert findings(text) == [(3, "fake.word")]
    assert findings("<!-- stylecheck: disable -->\n\nbad one two\n\nbad\n") == []


def test_ignore_next_silences_only_the_next_paragraph() -> None:
    text = "<!-- stylecheck: ignore-next -->\nbad one\nbad\n\nbad\n"
    assert findings(text) == [(5, "fake.word")]
    text = "<!-- stylecheck: ignore-next fake.word -->\n\nbad one\n\nbad\n"
    assert findings(text) == [(3, "fake.group.one"), (5, "fake.word")]


def test_inline_comment_directive() -> None:
    text = "bad <!-- stylecheck: disable fake.word --> bad\n"
    assert findings(text) == [(1, "fake.word")]


def test_bad_directives_are_reported_where_they_are() -> None:
    text = (
        "Fine.\n\n<!-- stylecheck: disabel fake.word -->\n\n"
        "<!-- stylecheck: disable fake.wrod -->\n"
    )
    engine = Engine(build_registry([WordPack()]), ConfigFinder())
    result = engine.check_source(Source("ch.md", Path("ch.md"), text.encode()))
    located = [(f.rule_id, f.start.line, f.start.column, f.message) for f in result.findings]
    assert [row[:3] for row in located] == [
        ("stylecheck.invalid-suppression", 3, 1),
        ("stylecheck.invalid-suppression", 5, 1),
    ]
    assert "fake.wrod" in located[1][3]


def test_plain_text_comments_are_just_text() -> None:
    engine = Engine(build_registry([WordPack()]), ConfigFinder())
    text = b"<!-- stylecheck: disable -->\n\nbad\n"
    result = engine.check_source(Source("ch.txt", Path("ch.txt"), text))
    assert [f.rule_id for f in result.findings] == ["fake.word"]
