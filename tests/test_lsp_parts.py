"""The language server's parts without the protocol: positions, the checker, the word list."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from stylecheck.config import load_config
from stylecheck.document.load import is_markdown
from stylecheck.lsp.actions import code_actions
from stylecheck.lsp.checker import Buffer, EditorChecker
from stylecheck.lsp.positions import UTF8, UTF16, UTF32, LineIndex
from stylecheck.lsp.wordlist import VocabularyEditError, add_accepted_word, entry_for

# -- positions -------------------------------------------------------------------------------

_PIECES = st.sampled_from(["a", "é", "\N{GRINNING FACE}", "東", "\n", "\r\n", "\r", " "])
_UNITS = {
    UTF8: lambda s: len(s.encode("utf-8")),
    UTF16: lambda s: len(s.encode("utf-16-le")) // 2,
    UTF32: len,
}


def _lines(text: str) -> list[tuple[int, str]]:
    """Return each line's start offset and text, split the protocol's way (LF, CRLF, CR)."""
    out, start, i = [], 0, 0
    while i < len(text):
        if text[i] in "\r\n":
            out.append((start, text[start:i]))
            i += 2 if text.startswith("\r\n", i) else 1
            start = i
        else:
            i += 1
    out.append((start, text[start:]))
    return out


@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from([UTF8, UTF16, UTF32]))
def test_positions_count_code_units_of_the_agreed_encoding(text: str, encoding: str) -> None:
    index = LineIndex(text, encoding)
    for number, (start, line) in enumerate(_lines(text)):
        for column in range(len(line) + 1):
            position = index.position(start + column)
            expected = types.Position(line=number, character=_UNITS[encoding](line[:column]))
            assert position == expected
            assert index.offset(position) == start + column


def test_a_position_past_the_end_of_its_line_means_the_line_end() -> None:
    index = LineIndex("ab\r\ncd")
    assert index.offset(types.Position(line=0, character=99)) == 2
    assert index.offset(types.Position(line=7, character=0)) == 6


def test_offsets_skip_a_byte_order_mark_as_the_checked_text_does() -> None:
    index = LineIndex("\ufeffShe went.")
    assert index.position(0) == types.Position(line=0, character=1)
    assert index.offset(types.Position(line=0, character=1)) == 0


# -- the checker -----------------------------------------------------------------------------

BOOK = {
    "chapter-1.md": "# One\n\nShe walked to the harbour with Zorblax and did not recieve him.\n",
    "chapter-2.md": (
        "# Two\n\nZorblax went home.\n\nThe old man looked at the sea for a long time.\n\n"
        "It was a very unique plan, and she knew it.\n"
    ),
}


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("STYLECHECK_NO_CACHE", raising=False)
    folder = tmp_path / "book"
    folder.mkdir()
    for name, text in BOOK.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _buffer(folder: Path, name: str, text: str | None = None) -> Buffer:
    path = folder / name
    text = path.read_text(encoding="utf-8") if text is None else text
    return Buffer(path, text, folder, markdown=is_markdown(path))


def _cli_findings(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Return `stylecheck check` on the whole folder, per file: (rule, line, column)."""
    import json

    result = subprocess.run(
        [sys.executable, "-m", "stylecheck", "check", "--format", "json", "--no-cache", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return {
        file["path"]: [(f["rule"], f["line"], f["column"]) for f in file["findings"]]
        for file in json.loads(result.stdout)["files"]
    }


def test_a_chapter_in_the_editor_gets_what_the_command_line_gives_it(book: Path) -> None:
    # "Zorblax" starts its only sentence in chapter 2: it is known as a name from chapter 1.
    checker = EditorChecker()
    cli = _cli_findings(book)
    for name in BOOK:
        checked = checker.check(_buffer(book, name), {})
        assert checked.error is None
        found = [(f.rule_id, f.start.line, f.start.column) for f in checked.findings]
        assert found == cli[name], name
    assert not any("Zorblax" in str(f) for f in cli["chapter-2.md"])


def test_names_come_from_the_open_buffers_unsaved_text(book: Path) -> None:
    checker = EditorChecker()
    chapter_2 = _buffer(book, "chapter-2.md")
    assert not [f for f in checker.check(chapter_2, {}).findings if f.rule_id.endswith("Check")]
    # In the editor, chapter 1 no longer names Zorblax: chapter 2's Zorblax is unknown now.
    chapter_1 = _buffer(book, "chapter-1.md", BOOK["chapter-1.md"].replace(" with Zorblax", ""))
    checked = checker.check(chapter_2, {chapter_1.path: chapter_1})
    flagged = [chapter_2.text[f.span.start : f.span.end] for f in checked.findings]
    assert "Zorblax" in flagged


def test_a_folder_with_too_many_prose_files_is_not_read_for_names(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stylecheck.lsp.checker as checker_module

    walks: list[str] = []
    original = checker_module.discover

    def counting(paths, finder, *, force_exclude):  # type: ignore[no-untyped-def]
        walks.append(paths[0])
        return original(paths, finder, force_exclude=force_exclude)

    monkeypatch.setattr(checker_module, "discover", counting)
    monkeypatch.setattr(checker_module, "MAX_MANUSCRIPT_FILES", 1)
    checker = EditorChecker()
    buffer = _buffer(book, "chapter-2.md")
    for _ in range(2):
        checked = checker.check(buffer, {})
        assert "Zorblax" in [buffer.text[f.span.start : f.span.end] for f in checked.findings]
    assert walks == [str(book)]  # walked once, then known to be too large


def test_an_edit_is_checked_by_harper_in_the_edited_paragraph_only(
    book: Path, harper_paragraphs: list[str]
) -> None:
    checker = EditorChecker()
    buffer = _buffer(book, "chapter-2.md")
    checker.check(buffer, {})
    assert len(harper_paragraphs) == 4  # the heading and three paragraphs
    harper_paragraphs.clear()
    edited = buffer.text.replace("The old man looked", "The old man stared")
    checker.check(Buffer(buffer.path, edited, book), {})
    assert harper_paragraphs == ["The old man stared at the sea for a long time."]


def _rows(folder: Path) -> int:
    with sqlite3.connect(folder / ".stylecheck_cache" / "results.sqlite3") as connection:
        return int(connection.execute("SELECT count(*) FROM results").fetchone()[0])


def test_unsaved_text_adds_only_paragraph_results_to_the_cache(book: Path) -> None:
    checker = EditorChecker()
    buffer = _buffer(book, "chapter-2.md")
    checker.check(buffer, {})  # saved: every pack's whole-file result is kept
    saved = _rows(book)
    assert saved > 3
    draft = buffer.text.replace("The old man looked", "The old man stared")
    checker.check(Buffer(buffer.path, draft, book), {})
    assert _rows(book) == saved + 1  # Harper's result for the edited paragraph, nothing else


def test_a_config_edit_counts_at_the_next_check(book: Path) -> None:
    checker = EditorChecker()
    buffer = _buffer(book, "chapter-2.md")
    assert "proselint.uncomparables" in {f.rule_id for f in checker.check(buffer, {}).findings}
    (book / "stylecheck.toml").write_text('ignore = ["proselint"]\n', encoding="utf-8")
    rules = {f.rule_id for f in checker.check(buffer, {}).findings}
    assert rules and not any(rule.startswith("proselint.") for rule in rules)


def test_a_bad_config_is_one_error_naming_the_file(book: Path) -> None:
    (book / "stylecheck.toml").write_text("selct = []\n", encoding="utf-8")
    checked = EditorChecker().check(_buffer(book, "chapter-2.md"), {})
    assert checked.findings == []
    assert checked.error is not None and "stylecheck.toml: selct: unknown key" in checked.error


def test_an_excluded_file_is_not_checked(book: Path) -> None:
    (book / "stylecheck.toml").write_text('extend-exclude = ["chapter-2.md"]\n', encoding="utf-8")
    checked = EditorChecker().check(_buffer(book, "chapter-2.md"), {})
    assert checked.findings == [] and checked.error is None


# -- code actions ----------------------------------------------------------------------------


def _titles_at(folder: Path, name: str, text: str, phrase: str) -> list[str]:
    """Return the titles of the code actions at the first occurrence of `phrase`."""
    (folder / name).write_text(text, encoding="utf-8")
    checked = EditorChecker().check(_buffer(folder, name), {})
    index = LineIndex(text)
    at = text.index(phrase)
    actions = code_actions(checked, index, "file:///x", 1, index.range(at, at + len(phrase)))
    return [action.title for action in actions]


def test_a_rule_is_ignored_by_a_comment_above_a_paragraph_that_starts_a_line(book: Path) -> None:
    text = "# One\n\nIt was very unique, very unique indeed.\n"
    titles = _titles_at(book, "top.md", text, "very unique, very unique")
    assert titles.count("Ignore proselint.uncomparables in this paragraph") == 1
    quoted = "# One\n\n> It was a very unique plan.\n"
    titles = _titles_at(book, "quoted.md", quoted, "very unique")
    assert "Ignore proselint.uncomparables in this paragraph" not in titles  # inside the quote
    titles = _titles_at(book, "plain.txt", "It was a very unique plan.\n", "very unique")
    assert not [t for t in titles if t.startswith("Ignore")]  # plain text has no comments


def test_a_fix_that_would_edit_markup_is_not_offered(book: Path) -> None:
    titles = _titles_at(book, "emphasis.md", "It was the *the* end.\n", "the *the*")
    plain = _titles_at(book, "plain.md", "It was the the end.\n", "the the")
    fix = [t for t in plain if not t.startswith("Ignore")]
    assert fix and not set(fix) & set(titles)


# -- adding a word to the vocabulary ---------------------------------------------------------


def test_a_word_list_entry_matches_the_word_literally() -> None:
    assert entry_for("Grey's") == "Grey's"
    assert entry_for("Mr.Fox") == "Mr\\.Fox"
    assert entry_for("C++") == "C\\+\\+"


def test_a_word_goes_into_the_configured_accept_list(book: Path) -> None:
    (book / "stylecheck.toml").write_text('[vocabulary]\naccept = ["style/names.txt"]\n')
    (book / "style").mkdir()
    (book / "style" / "names.txt").write_text("# names\nIzzie")  # no final newline
    config = load_config(book / "stylecheck.toml")
    assert add_accepted_word(config, "recieve", book) == book / "style" / "names.txt"
    add_accepted_word(config, "recieve", book)  # twice: one entry
    assert (book / "style" / "names.txt").read_text() == "# names\nIzzie\nrecieve\n"


def test_without_a_config_the_word_list_and_a_config_naming_it_are_created(book: Path) -> None:
    checker = EditorChecker()
    buffer = _buffer(book, "chapter-1.md")
    assert "recieve" in [
        buffer.text[f.span.start : f.span.end] for f in checker.check(buffer, {}).findings
    ]
    config = checker.finder(buffer).for_path(buffer.path)
    add_accepted_word(config, "recieve", book)
    assert (book / "vocabulary.txt").read_text() == "recieve\n"
    flagged = [buffer.text[f.span.start : f.span.end] for f in checker.check(buffer, {}).findings]
    assert "recieve" not in flagged


def test_a_config_without_a_vocabulary_table_gets_one(book: Path) -> None:
    pyproject = book / "pyproject.toml"
    pyproject.write_text('[project]\nname = "novel"\n\n[tool.stylecheck]\nfail-on = "error"')
    add_accepted_word(load_config(pyproject), "Zorblax", book)
    config = load_config(pyproject)
    assert config.vocabulary.accept == ("vocabulary.txt",) and config.fail_on == "error"
    assert (book / "vocabulary.txt").read_text() == "Zorblax\n"


def test_a_vocabulary_table_without_an_accept_list_is_left_to_the_writer(book: Path) -> None:
    config_file = book / "stylecheck.toml"
    config_file.write_text('[vocabulary]\nreject-words = ["alright"]\n')
    with pytest.raises(VocabularyEditError, match=r"stylecheck.toml: vocabulary names no accept"):
        add_accepted_word(load_config(config_file), "Zorblax", book)
    assert config_file.read_text() == '[vocabulary]\nreject-words = ["alright"]\n'
    assert not (book / "vocabulary.txt").exists()
