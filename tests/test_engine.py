"""The engine: locating findings, selection per file, fixes that touch markup, bad input."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from fakes import DOC, WordPack

from stylecheck.config import ConfigFinder
from stylecheck.diagnostics import Applicability, Severity, Span, Violation
from stylecheck.engine import Engine, Source, build_registry
from stylecheck.rules import Rule


def run(tmp_path: Path, name: str, data: bytes, **kwargs: object):
    path = tmp_path / name
    path.write_bytes(data)
    engine = Engine(build_registry([WordPack()]), ConfigFinder(), **kwargs)  # type: ignore[arg-type]
    return engine.check_source(Source(name, path))


def positions(result) -> list[tuple[int, int, int, int]]:
    return [(f.start.line, f.start.column, f.end.line, f.end.column) for f in result.findings]


def test_lines_and_columns_count_code_points(tmp_path: Path) -> None:
    text = "ok\n\tcafe\u0301 😀 bad\nbad\n"
    result = run(tmp_path, "a.txt", text.encode())
    assert positions(result) == [(2, 10, 2, 13), (3, 1, 3, 4)]


def test_crlf_cr_and_bom(tmp_path: Path) -> None:
    for newline in ("\r\n", "\r"):
        text = f"ok{newline}{newline}the bad{newline}bad".encode()
        result = run(tmp_path, "a.txt", b"\xef\xbb\xbf" + text)
        assert positions(result) == [(3, 5, 3, 8), (4, 1, 4, 4)], newline
        assert result.findings[0].span.start == len(f"ok{newline}{newline}the ")


def test_options_and_severity_from_config(tmp_path: Path) -> None:
    (tmp_path / "stylecheck.toml").write_text(
        '[rules."fake.word"]\nword = "dire"\nseverity = "error"\n', encoding="utf-8"
    )
    result = run(tmp_path, "a.txt", b"bad and dire\n")
    assert [(f.rule_id, f.severity.label, f.start.column) for f in result.findings] == [
        ("fake.word", "error", 9)
    ]


def test_fix_on_verbatim_prose_stays_safe(tmp_path: Path) -> None:
    result = run(tmp_path, "a.txt", b"a bad day\n")
    (fix,) = result.findings[0].fixes
    assert fix.applicability is Applicability.SAFE
    assert (fix.edits[0].span.start, fix.edits[0].span.end) == (2, 5)


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    result = run(tmp_path, "a.txt", b"good text\n\xff\xfe more")
    assert result.error == "a.txt: is not valid UTF-8: byte 0xff at byte offset 10"
    assert result.findings == []


def test_binary_file_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert result.error is not None and "binary" in result.error


def test_empty_file_has_no_findings(tmp_path: Path) -> None:
    result = run(tmp_path, "a.txt", b"")
    assert result.error is None and result.findings == []


def test_disabled_rules_are_not_reported(tmp_path: Path) -> None:
    result = run(tmp_path, "a.txt", b"bad one two\n", cli_ignore=("fake.group",))
    assert [f.rule_id for f in result.findings] == ["fake.word"]


def test_a_crashing_pack_is_reported_and_other_packs_still_run(tmp_path: Path) -> None:
    class Broken(WordPack):
        name = "broken"

        def rules(self):
            return [replace(r, id=r.id.replace("fake.", "broken.")) for r in super().rules()]

        def check(self, document, context):
            raise ValueError("boom")

    path = tmp_path / "a.txt"
    path.write_text("bad\n", encoding="utf-8")
    engine = Engine(build_registry([WordPack(), Broken()]), ConfigFinder())
    result = engine.check_source(Source("a.txt", path))
    assert [f.rule_id for f in result.findings] == ["fake.word"]
    assert result.error == (
        "a.txt: internal error in the broken pack (ValueError: boom); please report it"
    )


def test_the_same_text_flagged_by_two_packs_is_reported_once(tmp_path: Path) -> None:
    class Flagger(WordPack):
        """Flag every 'bad'; pack `second` also flags 'word' and the whole 'bad word'."""

        def __init__(self, name: str) -> None:
            self.name = name

        def rules(self):
            return [Rule(f"{self.name}.flag", Severity.WARNING, DOC)]

        def check(self, document, context):
            targets = ["bad"] + (["word", "bad word"] if self.name == "second" else [])
            for target in targets:
                start = document.prose.index(target)
                span = Span(start, start + len(target))
                yield Violation(f"{self.name}.flag", span, f"Flagged {target}.")

    path = tmp_path / "a.txt"
    path.write_text("A bad word.\n", encoding="utf-8")
    engine = Engine(build_registry([Flagger("first"), Flagger("second")]), ConfigFinder())
    findings = engine.check_source(Source("a.txt", path)).findings
    # No topics declared: only exactly the same text makes two findings one problem.
    assert [(f.rule_id, f.message) for f in findings] == [
        ("first.flag", "Flagged bad."),
        ("second.flag", "Flagged bad word."),
        ("second.flag", "Flagged word."),
    ]


def test_the_same_problem_from_two_packs_is_reported_once(tmp_path: Path) -> None:
    class Doubled(WordPack):
        """Flag doubled words: `first` reports the pair, `second` the whole phrase."""

        def __init__(self, name: str, whole_phrase: bool) -> None:
            self.name = name
            self.whole_phrase = whole_phrase

        def rules(self):
            return [Rule(f"{self.name}.doubled", Severity.WARNING, DOC, topic="doubled-word")]

        def check(self, document, context):
            for m in re.finditer(r"\b(\w+) \1\b", document.prose):
                start = m.start() if self.whole_phrase else m.start(1) + len(m[1]) + 1
                yield Violation(f"{self.name}.doubled", Span(start, m.end()), "Doubled.")

    path = tmp_path / "a.txt"
    path.write_text("He saw the the dog.\n", encoding="utf-8")
    for packs in (
        [Doubled("first", True), Doubled("second", False)],
        [Doubled("first", False), Doubled("second", True)],
    ):
        engine = Engine(build_registry(packs), ConfigFinder())
        findings = engine.check_source(Source("a.txt", path)).findings
        # The narrower span is the more specific finding, whichever pack comes first.
        assert [(f.rule_id, f.start.column) for f in findings] == [
            (next(p.name for p in packs if not p.whole_phrase) + ".doubled", 12)
        ]
