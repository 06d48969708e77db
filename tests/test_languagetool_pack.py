"""The languagetool pack against a loopback LanguageTool 6.x stand-in (tests/languagetool_server).

Nothing here reaches any address but 127.0.0.1, and nothing starts or downloads LanguageTool.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from languagetool_server import FakeLanguageTool, utf16_len

import stylecheck.engine
import stylecheck.packs.languagetool as lt
from stylecheck.cli import main
from stylecheck.config import Config, ConfigFinder, LanguageToolSettings
from stylecheck.diagnostics import Applicability, Finding, Severity
from stylecheck.document.load import load_bytes
from stylecheck.engine import Engine, Source, build_registry
from stylecheck.packs.languagetool import LanguageToolPack, Utf16Index, make_batches
from stylecheck.results import FileResult
from stylecheck.rules import CheckContext, Pack

MARKDOWN = (
    "---\n"
    "title: Chapter One\n"
    "---\n"
    "\n"
    "# The *Long* Night 🌙\n"
    "\n"
    "She said it was **fine** [by her](https://example.com/teh) 😀 and teh rain fell.\n"
    "\n"
    "`teh code` aside, he could of gone.\n"
)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that connects anywhere but 127.0.0.1."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        assert host == "127.0.0.1", f"a test tried to connect to {address!r}"
        connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def server() -> Iterator[FakeLanguageTool]:
    with FakeLanguageTool() as fake:
        yield fake


def write_config(folder: Path, body: str) -> Path:
    path = folder / ".stylecheck.toml"
    path.write_text(body, encoding="utf-8")
    return path


def lt_config(url: str, extra: str = "") -> str:
    return f'[languagetool]\nurl = "{url}"\n{extra}'


def check(folder: Path, text: str, config: str, name: str = "ch1.md") -> FileResult:
    """Check one file with only the languagetool pack, through the engine."""
    config_path = write_config(folder, config)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    engine = Engine(build_registry([LanguageToolPack()]), ConfigFinder(config_path))
    result = engine.check_source(Source(name, path))
    assert result.error is None
    return result


def by_rule(result: FileResult, rule: str) -> list[Finding]:
    return [f for f in result.findings if f.rule_id == f"languagetool.{rule}"]


def position_of(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) of a needle, counting code points."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- offsets -----------------------------------------------------------------------------------


def test_markdown_matches_land_on_exact_line_and_column(
    tmp_path: Path, server: FakeLanguageTool
) -> None:
    result = check(tmp_path, MARKDOWN, lt_config(server.url))
    [typo] = by_rule(result, "MORFOLOGIK_RULE_EN_US")
    line, column = position_of(MARKDOWN, "teh rain")
    assert (typo.start.line, typo.start.column) == (line, column) == (7, 66)
    assert (typo.end.line, typo.end.column) == (line, column + 3)
    assert MARKDOWN[typo.span.start : typo.span.end] == "teh"
    [could] = by_rule(result, "COULD_OF")
    assert MARKDOWN[could.span.start : could.span.end] == "could of"
    assert (could.start.line, could.start.column) == position_of(MARKDOWN, "could of")


def test_text_sent_is_prose_without_markup(tmp_path: Path, server: FakeLanguageTool) -> None:
    check(tmp_path, MARKDOWN, lt_config(server.url))
    [form] = server.checks
    text = form["text"]
    assert text.startswith("The Long Night 🌙\n\nShe said it was fine by her 😀 and teh")
    for markup in ("---", "title:", "#", "*", "[", "](", "https://", "`"):
        assert markup not in text
    assert form["language"] == "en-US"
    assert server.requests[0].path == "/v2/languages"


def test_utf16_offsets_become_code_points() -> None:
    text = "😀a😀bc"
    index = Utf16Index(text)
    utf16 = [utf16_len(text[:i]) for i in range(len(text) + 1)]
    assert [index.code_points(u) for u in utf16] == list(range(len(text) + 1))


def test_many_paragraphs_go_in_few_requests_with_exact_offsets(
    tmp_path: Path, server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lt, "MAX_BATCH", 300)
    paragraphs = [
        f"Paragraph {n} 😀 *could of* been, {'🌙' * (n % 3)} then more." for n in range(60)
    ]
    text = "\n\n".join(paragraphs) + "\n"
    result = check(tmp_path, text, lt_config(server.url))
    assert 5 <= len(server.checks) < 20
    assert all(utf16_len(form["text"]) <= 300 for form in server.checks)
    # Grammar, not spelling: the engine reports a misspelling flagged many times only once.
    found = [(f.start.line, f.start.column) for f in by_rule(result, "COULD_OF")]
    assert found == [position_of(text, "could of", n) for n in range(60)]


def test_one_huge_paragraph_is_split_at_sentence_boundaries(
    tmp_path: Path, server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lt, "MAX_BATCH", 200)
    sentences = [f"Sentence {n} could of said 😀 plainly." for n in range(40)]
    text = " ".join(sentences) + "\n"
    result = check(tmp_path, text, lt_config(server.url))
    assert len(server.checks) > 5
    for form in server.checks:
        assert utf16_len(form["text"]) <= 200
        assert form["text"].startswith("Sentence ") and form["text"].endswith("plainly.")
    found = [(f.start.line, f.start.column) for f in by_rule(result, "COULD_OF")]
    assert found == [position_of(text, "could of", n) for n in range(40)]


@pytest.mark.parametrize("word", ["word", "😀😀😀😀"])
def test_a_sentence_longer_than_a_request_is_cut_at_spaces(word: str) -> None:
    words = " ".join(f"{word}{n}" for n in range(100))
    document = load_bytes("long.txt", words.encode(), markdown=False)
    batches = make_batches(document, 50)
    assert all(utf16_len(b.text) <= 50 for b in batches)
    assert " ".join(b.text for b in batches) == words


def test_match_in_joining_blank_line_is_dropped() -> None:
    document = load_bytes("a.txt", b"One.\n\nTwo.\n", markdown=False)
    [batch] = make_batches(document, 100)
    assert batch.text == "One.\n\nTwo."
    assert batch.to_prose(4, 6) is None
    mapped = batch.to_prose(2, 8)
    assert mapped is not None
    span, cut = mapped
    assert (document.prose[span.start : span.end], cut) == ("e.", True)


# --- settings, severities, fixes, selection ----------------------------------------------------


def test_rules_categories_and_picky_are_passed_through(
    tmp_path: Path, server: FakeLanguageTool
) -> None:
    extra = (
        'enabled-rules = ["EN_QUOTES"]\n'
        'disabled-rules = ["COULD_OF", "WHITESPACE_RULE"]\n'
        'enabled-categories = ["TYPOGRAPHY"]\n'
        'disabled-categories = ["MISC"]\n'
        "picky = true\n"
    )
    text = 'He said "very well" and could of left the the room.\n'
    result = check(tmp_path, text, lt_config(server.url, extra))
    [form] = server.checks
    assert form["enabledRules"] == "EN_QUOTES"
    assert form["disabledRules"] == "COULD_OF,WHITESPACE_RULE"
    assert form["enabledCategories"] == "TYPOGRAPHY"
    assert form["disabledCategories"] == "MISC"
    assert form["level"] == "picky"
    assert "enabledOnly" not in form
    rules = {f.rule_id.split(".", 1)[1] for f in result.findings}
    assert rules == {"EN_QUOTES", "VERY_STYLE"}


def test_defaults_send_no_rule_lists_and_no_picky_level(
    tmp_path: Path, server: FakeLanguageTool
) -> None:
    check(tmp_path, "It was very fine.\n", lt_config(server.url))
    [form] = server.checks
    assert set(form) == {"text", "language"}


def test_language_setting_is_sent(tmp_path: Path, server: FakeLanguageTool) -> None:
    result = check(tmp_path, "teh end\n", f'language = "en-GB"\n{lt_config(server.url)}')
    assert server.checks[0]["language"] == "en-GB"
    assert [f.rule_id for f in result.findings] == ["languagetool.MORFOLOGIK_RULE_EN_GB"]


def test_severity_comes_from_the_issue_type(tmp_path: Path, server: FakeLanguageTool) -> None:
    text = "He could of seen teh the the  end, very clearly.\n"
    result = check(tmp_path, text, lt_config(server.url, "picky = true\n"))
    severities = {f.rule_id.split(".", 1)[1]: f.severity for f in result.findings}
    assert severities == {
        "COULD_OF": Severity.ERROR,  # grammar
        "MORFOLOGIK_RULE_EN_US": Severity.ERROR,  # misspelling
        "ENGLISH_WORD_REPEAT_RULE": Severity.WARNING,  # duplication
        "WHITESPACE_RULE": Severity.WARNING,  # whitespace
        "VERY_STYLE": Severity.NOTE,  # style
    }


def test_rules_are_made_from_what_languagetool_said(server: FakeLanguageTool) -> None:
    pack = LanguageToolPack()
    assert pack.rules() == []
    document = load_bytes("a.txt", b"teh the the end\n", markdown=False)
    config = Config(languagetool=LanguageToolSettings(url=server.url))
    context = CheckContext(enabled=_Everything(), options={}, config=config)
    assert len(pack.check(document, context)) == 2
    spelling = pack.make_rule("languagetool.MORFOLOGIK_RULE_EN_US")
    assert spelling.spelling and spelling.topic == "spelling"
    assert spelling.doc.summary == "Possible spelling mistake"
    assert "Possible Typo" in spelling.doc.flags
    assert "community.languagetool.org/rule/show/MORFOLOGIK_RULE_EN_US" in spelling.doc.source
    repeat = pack.make_rule("languagetool.ENGLISH_WORD_REPEAT_RULE")
    assert not repeat.spelling and repeat.topic == "doubled-word"
    unseen = pack.make_rule("languagetool.NEVER_SEEN")
    assert unseen.severity is Severity.WARNING and unseen.doc.summary


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_replacements_become_fixes(tmp_path: Path, server: FakeLanguageTool) -> None:
    text = "A wierd man could of known.\n"
    result = check(tmp_path, text, lt_config(server.url))
    [typo] = by_rule(result, "MORFOLOGIK_RULE_EN_US")
    assert [f.edits[0].replacement for f in typo.fixes] == [
        "weird",
        "wired",
        "wield",
        "wide",
        "word",
    ]
    assert {f.applicability for f in typo.fixes} == {Applicability.DISPLAY}
    assert typo.fixes[0].edits[0].span == typo.span
    [could] = by_rule(result, "COULD_OF")
    assert [f.edits[0].replacement for f in could.fixes] == ["could have", "could've"]
    assert {f.applicability for f in could.fixes} == {Applicability.UNSAFE}
    assert could.message == "Did you mean “could have”? The verb form is ‘have’."


def test_ignored_rule_is_not_reported(tmp_path: Path, server: FakeLanguageTool) -> None:
    config = f'ignore = ["languagetool.COULD_OF"]\n{lt_config(server.url)}'
    result = check(tmp_path, "He could of seen teh end.\n", config)
    assert [f.rule_id for f in result.findings] == ["languagetool.MORFOLOGIK_RULE_EN_US"]


def test_selecting_other_packs_sends_nothing(tmp_path: Path, server: FakeLanguageTool) -> None:
    result = check(tmp_path, "teh end\n", f'ignore = ["languagetool"]\n{lt_config(server.url)}')
    assert result.findings == [] and server.requests == []


def test_accepted_word_is_not_a_misspelling(tmp_path: Path, server: FakeLanguageTool) -> None:
    config = f'[vocabulary]\naccept-words = ["glimmerwisp"]\n\n{lt_config(server.url)}'
    result = check(tmp_path, "The glimmerwisp saw teh moon.\n", config)
    words = [result_text(tmp_path, f) for f in by_rule(result, "MORFOLOGIK_RULE_EN_US")]
    assert words == ["teh"]


def result_text(folder: Path, finding: Finding) -> str:
    return (folder / finding.path).read_text(encoding="utf-8")[
        finding.span.start : finding.span.end
    ]


# --- not configured ------------------------------------------------------------------------------


def test_not_configured_sends_nothing_and_imports_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m.startswith("language_tool_python")]:
        monkeypatch.delitem(sys.modules, name)

    def no_network(self: socket.socket, address: object) -> None:
        raise AssertionError(f"unexpected connection to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(lt.subprocess, "run", no_network)
    result = check(tmp_path, "teh end\n", "[languagetool]\n")
    assert result.findings == []
    assert not any(m.startswith("language_tool_python") for m in sys.modules)


# --- errors through the command line -------------------------------------------------------------


@pytest.fixture
def cli_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path with the languagetool pack among the default packs."""
    original = stylecheck.engine.default_packs

    def packs() -> list[Pack]:
        found = original()
        if not any(p.name == "languagetool" for p in found):
            found.append(LanguageToolPack())
        return found

    monkeypatch.setattr(stylecheck.engine, "default_packs", packs)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ch1.md").write_text("She saw teh rain.\n", encoding="utf-8")
    return tmp_path


def run_cli(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    code = main(["check", "ch1.md"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def dead_url() -> str:
    """Return a loopback URL on a port that was just free (nothing listens there)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_cli_reports_findings_from_languagetool(
    cli_dir: Path, server: FakeLanguageTool, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(cli_dir, lt_config(server.url))
    # Harper flags "teh" too and, as the more specialised pack, would be the one reported.
    code = main(["check", "ch1.md", "--ignore", "harper"])
    out = capsys.readouterr().out
    assert code == 1
    expected = (
        "ch1.md:1:9: error: Possible spelling mistake found. [languagetool.MORFOLOGIK_RULE_EN_US]"
    )
    assert out.splitlines() == [expected]


def test_cli_dead_url_exits_2_with_one_sentence(
    cli_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = dead_url()
    write_config(cli_dir, lt_config(url))
    code, out, err = run_cli(capsys)
    assert (code, out) == (2, "")
    port = url.rsplit(":", 1)[1]
    assert err == [
        f"stylecheck: error: LanguageTool at {url} is unreachable (connection refused); "
        "start a server with `java -cp languagetool-server.jar "
        f"org.languagetool.server.HTTPServer --port {port}` or remove url from [languagetool] "
        f"in {cli_dir / '.stylecheck.toml'}"
    ]


@pytest.mark.parametrize(
    ("mode", "problem"),
    [
        ("error500", "answered HTTP 500 (java.lang.OutOfMemoryError: Java heap space)"),
        ("slow", "did not answer within 0.5 seconds (the timeout setting)"),
        ("malformed", "sent a response that is not valid JSON"),
        ("incomplete", "reported incomplete results (its time limit per text ran out)"),
    ],
)
def test_cli_server_failures_exit_2_with_one_sentence(
    cli_dir: Path,
    server: FakeLanguageTool,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    problem: str,
) -> None:
    server.mode = mode  # type: ignore[assignment]
    write_config(cli_dir, lt_config(server.url, "timeout = 0.5\n"))
    code, out, err = run_cli(capsys)
    assert (code, out, len(err)) == (2, "", 1)
    assert err[0].startswith(f"stylecheck: error: LanguageTool at {server.url} {problem}; ")
    assert "org.languagetool.server.HTTPServer" in err[0]


def test_pyproject_settings_are_named_by_their_table(
    cli_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = dead_url()
    pyproject = cli_dir / "pyproject.toml"
    pyproject.write_text(f'[tool.stylecheck.languagetool]\nurl = "{url}"\n', encoding="utf-8")
    code, _, err = run_cli(capsys)
    assert code == 2
    assert err[0].endswith(f"or remove url from [tool.stylecheck.languagetool] in {pyproject}")


def test_server_without_the_language_is_an_error(server: FakeLanguageTool) -> None:
    client = lt.Server(server.url, "xx-XX")
    with pytest.raises(lt.ServerProblem, match="does not offer the language xx-XX"):
        client.check("text", LanguageToolSettings(url=server.url))


# --- local = true --------------------------------------------------------------------------------


def fake_java(folder: Path, version: str) -> None:
    """Put a `java` on PATH that reports `version` the way OpenJDK does (on stderr)."""
    java = folder / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2024-01-16' >&2\n")
    java.chmod(0o755)


def test_local_without_java_exits_2_saying_java_17_is_needed(
    cli_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = cli_dir / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    write_config(cli_dir, "[languagetool]\nlocal = true\n")
    code, out, err = run_cli(capsys)
    assert (code, out, len(err)) == (2, "", 1)
    assert "needs Java 17 or newer (no java was found on PATH)" in err[0]
    assert "downloads LanguageTool, about 260 MB, on first use" in err[0]
    assert "set url in [languagetool]" in err[0]


def test_local_with_old_java_names_the_version(
    cli_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = cli_dir / "bin"
    bin_dir.mkdir()
    fake_java(bin_dir, "11.0.22")
    monkeypatch.setenv("PATH", str(bin_dir))
    write_config(cli_dir, "[languagetool]\nlocal = true\n")
    code, _, err = run_cli(capsys)
    assert code == 2
    assert "needs Java 17 or newer (found Java 11)" in err[0]


def test_local_uses_the_server_language_tool_python_starts(
    tmp_path: Path, server: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import language_tool_python

    started: list[str] = []

    class FakeTool:
        """Stands in for language_tool_python.LanguageTool: no download, no Java process."""

        def __init__(self, language: str) -> None:
            started.append(language)
            self.url = f"{server.url}/v2/"

    fake_java(tmp_path, "17.0.15")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(language_tool_python, "LanguageTool", FakeTool)
    lt.local_server.cache_clear()
    try:
        result = check(tmp_path, "teh end\n", "[languagetool]\nlocal = true\n")
        again = check(tmp_path, "teh again\n", "[languagetool]\nlocal = true\n")
    finally:
        lt.local_server.cache_clear()
    assert started == ["en-US"]  # one server per process and language
    assert len(result.findings) == len(again.findings) == 1
    assert len(server.checks) == 2
