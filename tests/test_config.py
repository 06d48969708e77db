"""Config discovery and validation: errors name the file and key and suggest a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from stylecheck.config import Config, ConfigError, ConfigFinder, find_config_file, load_config
from stylecheck.diagnostics import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    pyproject = write(
        tmp_path / "pyproject.toml",
        '[tool.stylecheck]\nselect = ["proselint"]\nfail-on = "error"\n'
        '[tool.stylecheck.rules."readability.long-sentence"]\nseverity = "note"\nmax-words = 30\n',
    )
    config = load_config(pyproject)
    assert config.select == ("proselint",)
    assert config.fail_on == "error"
    settings = config.rules["readability.long-sentence"]
    assert settings.severity is Severity.NOTE
    assert settings.options == {"max-words": 30}
    assert config.root == tmp_path


def test_discovery_walks_up_and_prefers_stylecheck_files(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.stylecheck]
    assert find_config_file(tmp_path / "book" / "part1") is None
    write(tmp_path / "pyproject.toml", "[tool.stylecheck]\n")
    assert find_config_file(tmp_path / "book") == tmp_path / "pyproject.toml"
    write(tmp_path / "book" / "stylecheck.toml", "")
    (tmp_path / "book" / "part1").mkdir()
    assert find_config_file(tmp_path / "book" / "part1") == tmp_path / "book" / "stylecheck.toml"
    write(tmp_path / "book" / ".stylecheck.toml", "")
    assert find_config_file(tmp_path / "book") == tmp_path / "book" / ".stylecheck.toml"


def test_finder_uses_nearest_config_per_file(tmp_path: Path) -> None:
    write(tmp_path / "stylecheck.toml", 'fail-on = "note"\n')
    write(tmp_path / "sub" / "stylecheck.toml", 'fail-on = "error"\n')
    chapter = write(tmp_path / "sub" / "ch1.md", "Text.\n")
    finder = ConfigFinder()
    assert finder.for_path(chapter).fail_on == "error"
    assert finder.for_path(tmp_path).fail_on == "note"
    override = ConfigFinder(tmp_path / "stylecheck.toml")
    assert override.for_path(chapter).fail_on == "note"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = []\n", r"stylecheck.toml: selct: unknown key; did you mean 'select'\?"),
        ('fail-on = "warnings"\n', r"fail-on: 'warnings' is not one of .*did you mean 'warning'"),
        ('language = "en-UK"\n', r"language: 'en-UK' is not one of"),
        ("select = 'proselint'\n", "select: expected a list of strings"),
        ('[rules."x.y"]\nseverity = "fatal"\n', r"rules.x.y.severity: 'fatal' is not one of"),
        ("[per-file-ignores]\n'a.md' = 'x'\n", "per-file-ignores.a.md: expected a list"),
        ("select = [\n", "invalid TOML"),
        ("rules-dirs = 'style'\n", "rules-dirs: expected a list of strings"),
        ("rules-dir = ['style']\n", r"rules-dir: unknown key; did you mean 'rules-dirs'\?"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "stylecheck.toml", text)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.stylecheck]\nignoer = []\n")
    with pytest.raises(ConfigError, match=r"tool.stylecheck.ignoer: unknown key; did you mean"):
        load_config(path)


def test_rules_dirs_are_read_relative_to_the_config(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", '[tool.stylecheck]\nrules-dirs = ["style"]\n')
    config = load_config(path)
    assert config.rules_dirs == ("style",) and config.root == tmp_path


def test_defaults() -> None:
    config = Config()
    assert config.rules_dirs == ()
    assert config.select is None
    assert config.fail_on == "warning"
    assert "*.md" in config.include and "*.txt" in config.include
