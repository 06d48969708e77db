"""The editorial report: exact counts on small chapters, textstat's own values, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from stylecheck.cli import main
from stylecheck.config import ConfigFinder
from stylecheck.document.load import load_bytes
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.packs.readability import FORMULAS
from stylecheck.report.bands import dale_chall_band, flesch_band, school_band
from stylecheck.report.build import ReportOptions, build_report
from stylecheck.report.measure import measure
from stylecheck.report.summary import histogram
from stylecheck.textstat_offline import load_textstat

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))

# 19 words outside the heading, 7 of them inside quotation marks; three quotations, two of
# them tagged with "said", one of the tags with an adverb.
SPEECH = """# Chapter One

"Come here," she said. He did not move.

"Now," she said quietly, "before the tide turns."

The boat drifted.
"""

PARAGRAPHS_ONE = (
    "The harbour was quiet when Marguerite came down to the water. She counted the boats "
    "twice and found one missing, which worried her more than she would admit to anyone.",
    "By noon the wind had turned. The gulls went inland, and the old men on the wall stopped "
    "talking about the weather and started talking about the sea.",
)
PARAGRAPHS_TWO = (
    "Her brother returned after dark, soaked and cheerful, with a basket of fish that nobody "
    "had asked for. He told the story of the storm three different ways before supper.",
)


def chapter(paragraphs: tuple[str, ...], title: str) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def report_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code = main(["report", "--format", "json", *argv])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    return data


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_dialogue_share_and_tags_are_exact() -> None:
    counts = measure(load_bytes("one.md", SPEECH.encode(), markdown=True)).counts
    assert (counts.words, counts.dialogue_words, counts.narration_words) == (19, 7, 12)
    assert (counts.quotations, counts.tagged, counts.adverb_tags) == (3, 2, 1)
    assert counts.tag_verbs == {"said": 2}
    assert counts.paragraphs == 3


def test_dialogue_share_in_the_json(workdir: Path, capsys) -> None:
    write(workdir / "book" / "one.md", SPEECH)
    data = report_json(capsys, "book", "--no-lint")
    speech = data["chapters"][0]["dialogue"]
    assert data["chapters"][0]["title"] == "Chapter One"
    assert speech["words"] == 7
    assert speech["share"] == round(7 / 19, 4)
    assert speech["said_asked_share"] == 1.0
    assert speech["adverb_tags_per_1000"] == round(1 / 19 * 1000, 2)
    assert data["manuscript"]["dialogue"] == speech


def test_word_use_counts() -> None:
    text = (
        "She was taken to the harbour. The letters were never sent. It was indeed late. "
        "He was quickly forgotten! Wow!! She saw the lamp and felt the cold.\n\n"
        '"I saw nothing," he said.\n'
    )
    counts = measure(load_bytes("use.md", text.encode(), markdown=True)).counts
    # was taken, were never sent, was quickly forgotten; not "was indeed".
    assert counts.passive == 3
    assert counts.exclamations == 2  # "!!" is one
    assert counts.filter_words == 2  # saw, felt; not the "saw" spoken in dialogue
    assert counts.adverbs == 1  # quickly; not "indeed"


def test_openings_and_repeated_starts() -> None:
    text = "She ran. She hid. She waited. Then it came.\n\nShe slept.\n"
    counts = measure(load_bytes("starts.md", text.encode(), markdown=True)).counts
    assert counts.openings == {"She": 4, "Then": 1}
    assert counts.repeated_starts == 1


def test_readability_matches_textstat(workdir: Path, capsys) -> None:
    write(workdir / "book" / "chapter-1.md", chapter(PARAGRAPHS_ONE, "One"))
    write(workdir / "book" / "chapter-2.md", chapter(PARAGRAPHS_TWO, "Two"))
    data = report_json(capsys, "book")
    textstat = load_textstat()
    one = "\n\n".join(PARAGRAPHS_ONE)
    two = "\n\n".join(PARAGRAPHS_TWO)
    expected = {
        "chapter-1.md": one,
        "chapter-2.md": two,
        "": one + "\n\n" + two,  # the whole manuscript: every chapter's prose
    }
    sections = [data["manuscript"], *data["chapters"]]
    for section in sections:
        text = expected[section["path"].rsplit("/", 1)[-1]]
        readability = section["readability"]
        assert set(readability) - {"textstat_words", "textstat_sentences"} == set(FORMULAS)
        for formula in FORMULAS:
            assert readability[formula]["value"] == round(getattr(textstat, formula)(text), 2)
        assert readability["textstat_words"] == textstat.lexicon_count(text)
        assert readability["textstat_sentences"] == textstat.sentence_count(text)
    assert data["manuscript"]["words"] == sum(c["words"] for c in data["chapters"])


def test_report_and_check_agree_on_findings(workdir: Path, capsys) -> None:
    write(workdir / "book" / "a.md", '"It\'s fine" she whispered. It was a very unique plan.\n')
    write(workdir / "book" / "b.md", "He chocked back tears and and left.\n")
    data = report_json(capsys, "book")
    main(["check", "--format", "json", "book"])
    checked = json.loads(capsys.readouterr().out)
    for file, section in zip(checked["files"], data["chapters"], strict=True):
        counts: dict[str, int] = {}
        for finding in file["findings"]:
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
        assert section["lint"]["by_rule"] == counts
        assert counts  # the fixture has findings in both files
    total = sum(data["manuscript"]["lint"]["by_severity"].values())
    assert total == len([f for file in checked["files"] for f in file["findings"]])


def test_lint_follows_select_and_no_lint_leaves_it_out(workdir: Path, capsys) -> None:
    write(workdir / "a.md", "He chocked back tears and and left. It was a very unique plan.\n")
    data = report_json(capsys, "a.md", "--select", "words")
    assert set(data["chapters"][0]["lint"]["by_rule"]) == {"words.confused", "words.doubled"}
    data = report_json(capsys, "a.md", "--no-lint")
    assert data["chapters"][0]["lint"] is None and data["manuscript"]["lint"] is None


def test_overused_words(workdir: Path, capsys) -> None:
    lantern = (
        "Marguerite lifted the lantern. The lantern swung, and the lantern light fell on "
        "the water. She set the lantern down beside the nets and looked at the boats. "
    )
    write(workdir / "a.md", (lantern * 3) + "\n")
    data = report_json(capsys, "a.md", "--no-lint")
    overused = data["manuscript"]["word_use"]["overused"]
    words = [entry["word"] for entry in overused]
    assert words[0] == "lantern"
    assert overused[0]["count"] == 12
    assert "marguerite" not in words  # a name
    assert "the" not in words and "she" not in words  # the commonest words of English


def test_histogram_bins() -> None:
    bins = histogram([1, 5, 6, 50, 51, 120])
    assert [(b.low, b.high) for b in bins][:2] == [(1, 5), (6, 10)]
    assert (bins[-1].low, bins[-1].high, bins[-1].count) == (51, None, 2)
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2]


@pytest.mark.parametrize(
    ("function", "value", "words"),
    [
        (flesch_band, 95, "very easy"),
        (flesch_band, 65, "standard"),
        (flesch_band, 10, "very difficult"),
        (school_band, 5.9, "elementary school (grades 1–5)"),
        (school_band, 7.6, "middle school (grades 6–8)"),
        (school_band, 12.9, "high school (grades 9–12)"),
        (school_band, 18, "graduate school"),
        (dale_chall_band, 4.9, "grade 4 and below"),
        (dale_chall_band, 8.1, "grades 11–12"),
        (dale_chall_band, 10.5, "college graduate"),
    ],
)
def test_bands(function, value: float, words: str) -> None:
    assert function(value) == words


def test_chapters_in_natural_or_configured_order(workdir: Path, capsys) -> None:
    for name in ("chapter-10.md", "chapter-2.md", "prologue.md"):
        write(workdir / "book" / name, f"# {name}\n\nShe walked home in the rain.\n")
    data = report_json(capsys, "book", "--no-lint")
    assert [c["path"] for c in data["chapters"]] == [
        "book/chapter-2.md",
        "book/chapter-10.md",
        "book/prologue.md",
    ]
    write(
        workdir / ".stylecheck.toml",
        '[report]\nchapters = ["book/prologue.md", "book/chapter-2.md"]\nwords-per-minute = 100\n',
    )
    data = report_json(capsys, "--no-lint")  # no path: the configured chapters
    assert [c["path"] for c in data["chapters"]] == ["book/prologue.md", "book/chapter-2.md"]
    assert data["words_per_minute"] == 100
    assert data["manuscript"]["reading_minutes"] == round(12 / 100, 1)
    data = report_json(capsys, "book", "--no-lint")  # a folder: listed chapters first
    assert [c["path"] for c in data["chapters"]] == [
        "book/prologue.md",
        "book/chapter-2.md",
        "book/chapter-10.md",
    ]


def test_bad_report_config(workdir: Path, capsys) -> None:
    write(workdir / "a.md", "She walked home.\n")
    write(workdir / ".stylecheck.toml", "[report]\nwords-per-minute = 0\n")
    assert main(["report", "a.md"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "report.words-per-minute: expected a whole number of at least 1" in err


def test_unreadable_chapter_is_reported_and_the_rest_goes_on(workdir: Path, capsys) -> None:
    write(workdir / "book" / "1.md", "She walked home in the rain.\n")
    (workdir / "book" / "2.md").write_bytes(b"caf\xff\n")
    assert main(["report", "book", "--format", "json", "--no-lint"]) == 2
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [c["path"] for c in data["chapters"]] == ["book/1.md"]
    assert len(data["errors"]) == 1 and "book/2.md" in data["errors"][0]
    assert "stylecheck: error: book/2.md" in captured.err


def test_nothing_readable_writes_no_report(workdir: Path, capsys) -> None:
    (workdir / "2.md").write_bytes(b"caf\xff\n")
    out = workdir / "report.html"
    assert main(["report", "2.md", "--format", "html", "-o", str(out)]) == 2
    assert not out.exists()
    assert "no chapter could be read" in capsys.readouterr().err


def current_umask() -> int:
    import os

    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_output_file_is_written_and_never_a_chapter(workdir: Path, capsys) -> None:
    chapter_path = write(workdir / "a.md", "She walked home in the rain.\n")
    out = workdir / "report.json"
    assert main(["report", "a.md", "--format", "json", "-o", str(out), "--no-lint"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["manuscript"]["words"] == 6
    assert out.stat().st_mode & 0o777 == 0o666 & ~current_umask()  # not a temporary file's 0600
    out.chmod(0o640)
    assert main(["report", "a.md", "--format", "json", "-o", str(out), "--no-lint"]) == 0
    assert out.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    assert main(["report", "a.md", "-o", "a.md"]) == 2
    assert "is one of the chapters" in capsys.readouterr().err
    assert chapter_path.read_text(encoding="utf-8") == "She walked home in the rain.\n"
    assert main(["report", "a.md", "-o", str(workdir / "missing" / "r.txt")]) == 2
    assert "cannot write the report" in capsys.readouterr().err
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []


def test_text_report_fits_100_columns(capsys) -> None:
    assert main(["report", str(ROOT / "seeds")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].startswith("Editorial report: 1 chapter, 2,581 words")
    for heading in ("Readability (textstat)", "Sentences", "Dialogue", "Word use", "Chapters"):
        assert heading in lines
    assert "\x1b[" not in out  # no colour codes when piped


def test_report_without_prose(workdir: Path, capsys) -> None:
    write(workdir / "a.md", "# Only a heading\n")
    data = report_json(capsys, "a.md")
    section = data["chapters"][0]
    assert section["words"] == 0 and section["readability"] is None
    assert section["sentence_lengths"]["mean"] == 0.0
    assert main(["report", "a.md"]) == 0
    assert "no prose to measure" in capsys.readouterr().out


def test_same_numbers_through_the_api() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.md"))
    engine = Engine(build_registry(default_packs()), ConfigFinder())
    report = build_report(
        [Source(p.name, p) for p in seeds], engine, ReportOptions(lint=False), on_chapter=None
    )
    assert report.manuscript.words == sum(c.words for c in report.chapters) == 2581
    assert 0.1 < report.manuscript.dialogue.share < 0.4


NOVELS = ROOT.parent / "shared" / "corpus" / "novels"


def stderr_on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run the CLI with standard error on a pseudo-terminal; return what it printed there."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "stylecheck", *argv],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_progress_bar_only_on_a_terminal_outside_ci(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    # Three novels take a few seconds: long enough for the bar to appear.
    argv = ["report", "--no-lint", "--format", "json", "-o", str(tmp_path / "r.json")]
    argv += [str(NOVELS / name) for name in ("austen-pride.txt", "carroll-alice.txt")]
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    shown = stderr_on_a_terminal(argv, {"TERM": "xterm", "CI": ""})  # CI empty: not set
    assert "Reading chapters" in shown
    assert "Reading chapters" not in stderr_on_a_terminal(argv, {"CI": "true"})
    piped = subprocess.run(
        [sys.executable, "-m", "stylecheck", *argv], capture_output=True, text=True, env=env
    )
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.slow
def test_novels_give_plausible_numbers() -> None:
    paths = sorted(NOVELS.glob("*.txt"))
    assert len(paths) == 18
    engine = Engine(build_registry(default_packs()), ConfigFinder())
    report = build_report([Source(p.name, p) for p in paths], engine, ReportOptions(lint=False))
    book = {chapter.path.removesuffix(".txt"): chapter for chapter in report.chapters}

    def grade(name: str) -> float:
        readability = book[name].readability
        assert readability is not None
        return readability.flesch_kincaid_grade.value

    # Alice is written for children; Moby-Dick and Frankenstein are not.
    assert grade("carroll-alice") < grade("melville-mobydick")
    assert grade("carroll-alice") < grade("shelley-frankenstein")
    for name, chapter in book.items():
        readability = chapter.readability
        assert readability is not None
        assert 4 < readability.flesch_kincaid_grade.value < 12, name
        assert 55 < readability.flesch_reading_ease.value < 90, name
        assert 10 < chapter.sentence_lengths.mean < 30, name
        assert 0.15 < chapter.dialogue.share < 0.85, name
        assert chapter.dialogue.tagged > 50, name
    # Holmes' clients tell their stories in quotation marks; Ishmael mostly narrates.
    assert book["doyle-adventures"].dialogue.share > 2 * book["melville-mobydick"].dialogue.share
    # Twain tags with "says"; Wilde and Fitzgerald vary their verbs.
    assert book["twain-huckfinn"].dialogue.said_asked_share > 0.9
    assert book["wilde-dorian"].dialogue.said_asked_share < 0.6
    assert "whale" in [w.word for w in book["melville-mobydick"].word_use.overused[:3]]
    assert 2_100_000 < report.manuscript.words < 2_200_000
    assert report.manuscript.words == sum(chapter.words for chapter in report.chapters)
