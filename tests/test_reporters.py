"""Reporters: exact output per format (golden files), schema validity and escaping.

Run with UPDATE_GOLDEN=1 to rewrite tests/golden/reporters/ after an intended change, then
read the diff before committing it.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SHARED, require_shared

from stylecheck.cli import FORMATS
from stylecheck.diagnostics import Applicability, Edit, Finding, Fix, Position, Severity, Span
from stylecheck.reporters import REPORTERS, get_reporter
from stylecheck.reporters.github import escape_data, escape_property
from stylecheck.reporters.json_reporter import result_to_dict
from stylecheck.reporters.text import one_line
from stylecheck.results import FileResult, RunResult
from stylecheck.rules import Rule, RuleDoc

GOLDEN = ROOT / "tests" / "golden" / "reporters"
GOLDEN_FILES = {
    "text": "text.txt",
    "json": "json.json",
    "sarif": "sarif.json",
    "github": "github.txt",
}
OUTPUT_SCHEMA = ROOT / "docs" / "stylecheck-output.schema.json"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note): "
    r"(?P<message>.*) \[(?P<rule>[^\]]+)\]$"
)

ONE_PATH = "chapters/one.md"
ONE = "# One\n\nShe was very tired.\nThe rain\nfell and fell.\n"
TWO_PATH = "notes/café 🎉.txt"
TWO = "Café 🎉 party, “é” time.\n"


def _position(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1, offset)


def _finding(
    path: str,
    text: str,
    rule: str,
    severity: Severity,
    span: tuple[int, int],
    message: str,
    fixes: tuple[Fix, ...] = (),
) -> Finding:
    start, end = (_position(text, offset) for offset in span)
    return Finding(path, rule, severity, message, Span(*span), start, end, fixes)


def _rule(rule_id: str, severity: Severity, summary: str) -> Rule:
    doc = RuleDoc(
        summary=summary,
        flags=f"What {rule_id} flags.",
        why="Readers notice it.",
        bad="She was very tired.\n",
        good="She was exhausted.\n",
        ignore_when="In dialogue.",
        source="Tests.",
    )
    return Rule(rule_id, severity, doc)


RULES = {
    r.id: r
    for r in (
        _rule("style.emoji", Severity.NOTE, "Flags emoji in prose."),
        _rule("style.heading", Severity.ERROR, "Flags odd headings."),
        _rule("style.repeat", Severity.WARNING, "Flags repeated words."),
        _rule("style.unused", Severity.WARNING, "Never fires in these tests."),
        _rule("style.very", Severity.WARNING, "Flags 'very'."),
    )
}


def sample_run() -> RunResult:
    """Return a run over two files and an unreadable one, covering every output feature."""
    very_fix = Fix("Remove 'very'", (Edit(Span(15, 20), ""),), Applicability.SAFE)
    heading = "Heading reads oddly,\nsee 100% of it: fix, please."
    one = [
        ("style.heading", Severity.ERROR, (0, 5), heading, ()),
        ("style.very", Severity.WARNING, (15, 19), "Cut 'very'.", (very_fix,)),
        # Configured down to a note (the rule's default is warning); spans two lines.
        ("style.repeat", Severity.NOTE, (27, 40), "'fell' twice.", ()),
    ]
    words_fix = Fix("Describe the feeling in words", ())
    two = [
        ("style.very", Severity.WARNING, (7, 12), "Is a “party” très?", ()),
        ("style.emoji", Severity.NOTE, (5, 6), "Emoji “🎉” in prose; é is fine.", (words_fix,)),
    ]
    metrics = {"readability": {"flesch_reading_ease": 97.03, "smog_index": 0.0, "words": 8}}
    files = [
        # Files are printed in the run's order (chapter order), each one's findings by position.
        FileResult(ONE_PATH, [_finding(ONE_PATH, ONE, *args) for args in reversed(one)], metrics),
        FileResult(TWO_PATH, [_finding(TWO_PATH, TWO, *args) for args in two]),
        FileResult("broken.md", error="broken.md: is not valid UTF-8: byte 0xff at offset 3"),
    ]
    return RunResult(files, RULES, "1.2.3")


def empty_run() -> RunResult:
    """Return a run over one clean file."""
    return RunResult([FileResult("clean.md")], {"style.very": RULES["style.very"]}, "1.2.3")


def test_sample_positions_are_what_the_goldens_claim() -> None:
    run = sample_run()
    texts = {ONE_PATH: ONE, TWO_PATH: TWO}
    spans = {f.rule_id + f.path: texts[f.path][f.span.start : f.span.end] for f in run.findings}
    assert spans["style.very" + ONE_PATH] == "very"
    assert spans["style.repeat" + ONE_PATH] == "The rain\nfell"
    assert spans["style.emoji" + TWO_PATH] == "🎉"
    assert spans["style.very" + TWO_PATH] == "party"


def test_registry_matches_the_cli_formats() -> None:
    assert tuple(REPORTERS) == FORMATS
    for name in FORMATS:
        assert get_reporter(name).name == name


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'; use one of text, json"):
        get_reporter("xml")


@pytest.mark.parametrize("name", list(GOLDEN_FILES))
def test_output_matches_golden_file(name: str) -> None:
    output = get_reporter(name).render(sample_run())
    golden = GOLDEN / GOLDEN_FILES[name]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8", newline="")
    assert output == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", ["text", "github"])
def test_line_formats_print_nothing_without_findings(name: str) -> None:
    assert get_reporter(name).render(empty_run()) == ""


def test_every_text_line_matches_the_gcc_shape() -> None:
    lines = get_reporter("text").render(sample_run()).splitlines()
    assert len(lines) == 5
    matches = [TEXT_LINE.match(line) for line in lines]
    assert all(matches), lines
    first = matches[0]
    assert first is not None
    expected = (ONE_PATH, "1", "1", "error", "style.heading")
    assert first.group("path", "line", "col", "severity", "rule") == expected
    assert first.group("message") == "Heading reads oddly, see 100% of it: fix, please."


def test_one_line_joins_every_kind_of_line_break() -> None:
    assert one_line("a\r\nb\rc\n\n  d\u2028e ") == "a b c d e"


def test_github_escaping() -> None:
    assert escape_data("100%,\r\n: ok") == "100%25,%0D%0A: ok"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_omits_columns_for_multi_line_findings() -> None:
    lines = get_reporter("github").render(sample_run()).splitlines()
    repeat = next(line for line in lines if "title=style.repeat" in line)
    assert repeat == (
        "::notice file=chapters/one.md,line=4,endLine=5,title=style.repeat::'fell' twice."
    )


def _validator(schema_path: Path) -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # This copy of the SARIF schema keeps the log's own shape in definitions/Root and
        # constrains nothing at the top level; validate against Root, or nothing is checked.
        schema = {**schema, "allOf": [{"$ref": "#/definitions/Root"}]}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("make_run", [sample_run, empty_run])
def test_json_validates_against_the_documented_schema(make_run: Callable[[], RunResult]) -> None:
    output = get_reporter("json").render(make_run())
    assert output.endswith("}\n")
    _validator(OUTPUT_SCHEMA).validate(json.loads(output))


def test_json_summary_counts() -> None:
    summary = json.loads(get_reporter("json").render(sample_run()))["summary"]
    assert summary == {
        "files": 3,
        "findings": 5,
        "by_severity": {"error": 1, "warning": 2, "note": 2},
        "by_rule": {"style.very": 2, "style.emoji": 1, "style.heading": 1, "style.repeat": 1},
        "errors": 1,
    }


def test_json_turns_undefined_metrics_into_null() -> None:
    run = RunResult([FileResult("a.md", metrics={"readability": {"x": math.nan}})], {}, "1")
    data = result_to_dict(run)
    assert data["files"][0]["metrics"] == {"readability": {"x": None}}
    _validator(OUTPUT_SCHEMA).validate(json.loads(get_reporter("json").render(run)))


@pytest.mark.parametrize("make_run", [sample_run, empty_run])
def test_sarif_validates_against_the_official_schema(make_run: Callable[[], RunResult]) -> None:
    validator = _validator(require_shared(SARIF_SCHEMA))
    validator.validate(json.loads(get_reporter("sarif").render(make_run())))


def test_sarif_schema_check_is_not_vacuous() -> None:
    validator = _validator(require_shared(SARIF_SCHEMA))
    log = json.loads(get_reporter("sarif").render(sample_run()))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    log["runs"][0]["columnKind"] = "bytes"
    del log["version"]
    errors = {error.message for error in validator.iter_errors(log)}
    assert errors == {
        "0 is less than the minimum of 1",
        "'bytes' is not one of ['utf16CodeUnits', 'unicodeCodePoints']",
        "'version' is a required property",
    }


def test_sarif_rule_indexes_and_file_errors() -> None:
    run = json.loads(get_reporter("sarif").render(sample_run()))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"].startswith("broken.md: ")


def test_sarif_uris() -> None:
    from stylecheck.reporters.sarif import artifact_location

    assert artifact_location("notes/café 🎉.txt") == {
        "uri": "notes/caf%C3%A9%20%F0%9F%8E%89.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("/tmp/a b.md") == {"uri": "file:///tmp/a%20b.md"}
    assert artifact_location("C:/Users/a b.md") == {"uri": "file:///C:/Users/a%20b.md"}
