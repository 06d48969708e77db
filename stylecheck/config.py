"""Configuration: discovery, defaults and validation.

Settings come from `[tool.stylecheck]` in `pyproject.toml`, or from `.stylecheck.toml` /
`stylecheck.toml` (top level, no table prefix), found by walking up from each checked file.
`--config FILE` overrides discovery. Defaults live here and nowhere else.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.diagnostics import Severity

CONFIG_NAMES = (".stylecheck.toml", "stylecheck.toml", "pyproject.toml")
LANGUAGES = ("en-US", "en-GB", "en-AU", "en-CA")
FAIL_ON = ("error", "warning", "note", "never")

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt")
# Hidden folders (.git, .venv, the cache) and dependency folders never hold the manuscript.
DEFAULT_EXCLUDE = (".*", "node_modules", "venv", "__pycache__")


class ConfigError(Exception):
    """A configuration problem; the message names the file and key."""


@dataclass(frozen=True)
class RuleSettings:
    """What config says about one selector: a severity and/or rule options."""

    severity: Severity | None = None
    options: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class VocabularySettings:
    """Word lists (paths relative to the config file) and name learning."""

    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    accept_words: tuple[str, ...] = ()  # entries written in the config itself
    reject_words: tuple[str, ...] = ()
    learn_names: bool = True
    names_min_count: int = 1


@dataclass(frozen=True)
class LanguageToolSettings:
    """How to reach LanguageTool; the pack runs only when `url` or `local` is set."""

    url: str | None = None  # a server the user runs, e.g. http://localhost:8081
    local: bool = False  # let language-tool-python start and manage a server (needs Java 17+)
    timeout: float = 30.0  # seconds per request
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False

    @property
    def configured(self) -> bool:
        """Tell whether the user asked for LanguageTool at all."""
        return self.url is not None or self.local


@dataclass(frozen=True)
class ReportSettings:
    """The editorial report: the manuscript's chapter order and the reading speed."""

    chapters: tuple[str, ...] = ()  # files in reading order, relative to the config file
    # Adults read fiction silently at about 260 words a minute (Brysbaert 2019); 250 is the
    # round figure publishers' reading-time estimates use.
    words_per_minute: int = 250


@dataclass(frozen=True)
class Config:
    """Validated settings from one config file (or the defaults when there is none)."""

    path: Path | None = None  # the file these settings came from
    root: Path = field(default_factory=Path.cwd)  # folder that relative patterns start from
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    language: str = "en-US"
    select: tuple[str, ...] | None = None  # None: every pack's default rules
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    vocabulary: VocabularySettings = field(default_factory=VocabularySettings)
    languagetool: LanguageToolSettings = field(default_factory=LanguageToolSettings)
    # Folders of the writer's own data rules, laid out like the shipped `rules/` (relative to
    # the config file); see stylecheck.packs.data.with_rule_folders.
    rules_dirs: tuple[str, ...] = ()
    report: ReportSettings = field(default_factory=ReportSettings)
    # Where the result cache lives, relative to the config file (see stylecheck.resultcache).
    cache_dir: str = ".stylecheck_cache"

    @property
    def excludes(self) -> tuple[str, ...]:
        """Return every exclude pattern: the base list plus `extend-exclude`."""
        return self.exclude + self.extend_exclude

    def selectors(self) -> Iterable[tuple[str, str]]:
        """Yield (where, selector) for every rule selector this config names."""
        for sel in self.select or ():
            yield "select", sel
        for sel in self.ignore:
            yield "ignore", sel
        for sel in self.rules:
            yield f"rules.{sel}", sel
        for pattern, sels in self.per_file_ignores.items():
            for sel in sels:
                yield f"per-file-ignores.{pattern}", sel


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Reader:
    """Validate one raw config table, raising ConfigError that names the file and key."""

    KEYS = (
        "include",
        "exclude",
        "extend-exclude",
        "language",
        "select",
        "ignore",
        "fail-on",
        "rules",
        "per-file-ignores",
        "vocabulary",
        "languagetool",
        "rules-dirs",
        "report",
        "cache-dir",
    )
    REPORT_KEYS = ("chapters", "words-per-minute")
    LANGUAGETOOL_KEYS = (
        "url",
        "local",
        "timeout",
        "enabled-rules",
        "disabled-rules",
        "enabled-categories",
        "disabled-categories",
        "picky",
    )
    VOCABULARY_KEYS = (
        "accept",
        "reject",
        "accept-words",
        "reject-words",
        "learn-names",
        "names-min-count",
    )

    def __init__(self, path: Path, table_name: str) -> None:
        self.path = path
        self.table_name = table_name

    def fail(self, key: str, problem: str) -> ConfigError:
        where = f"{self.table_name}.{key}" if self.table_name else key
        return ConfigError(f"{self.path}: {where}: {problem}")

    def string_list(
        self, raw: Mapping[str, object], key: str, where: str | None = None
    ) -> tuple[str, ...] | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where or key, "expected a list of strings")
        return tuple(value)

    def text(self, raw: Mapping[str, object], key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "expected a non-empty string")
        return value

    def choice(self, raw: Mapping[str, object], key: str, choices: tuple[str, ...]) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if value not in choices:
            options = ", ".join(choices)
            raise self.fail(key, f"{value!r} is not one of {options}{suggest(str(value), choices)}")
        return str(value)

    def rules(self, raw: Mapping[str, object]) -> dict[str, RuleSettings]:
        value = raw.get("rules", {})
        if not isinstance(value, dict):
            raise self.fail("rules", "expected a table of rule ids")
        result: dict[str, RuleSettings] = {}
        for selector, body in value.items():
            if not isinstance(body, dict):
                raise self.fail(f"rules.{selector}", "expected a table (severity and options)")
            options = {k: v for k, v in body.items() if k != "severity"}
            severity = body.get("severity")
            try:
                parsed = Severity.parse(severity) if severity is not None else None
            except (ValueError, AttributeError):
                raise self.fail(
                    f"rules.{selector}.severity",
                    f"{severity!r} is not one of error, warning, note"
                    + suggest(str(severity), ("error", "warning", "note")),
                ) from None
            result[selector] = RuleSettings(parsed, options)
        return result

    def per_file_ignores(self, raw: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
        value = raw.get("per-file-ignores", {})
        if not isinstance(value, dict):
            raise self.fail("per-file-ignores", "expected a table of glob = [rule ids]")
        result: dict[str, tuple[str, ...]] = {}
        for pattern, sels in value.items():
            if not isinstance(sels, list) or not all(isinstance(s, str) for s in sels):
                raise self.fail(f"per-file-ignores.{pattern}", "expected a list of rule ids")
            result[pattern] = tuple(sels)
        return result

    def vocabulary(self, raw: Mapping[str, object]) -> VocabularySettings:
        value = raw.get("vocabulary")
        if value is None:
            return VocabularySettings()
        if isinstance(value, list):  # the short form: a list of accept files
            return VocabularySettings(accept=self.string_list(raw, "vocabulary") or ())
        if not isinstance(value, dict):
            raise self.fail("vocabulary", "expected a list of word-list files or a table")
        for key in value:
            if key not in self.VOCABULARY_KEYS:
                problem = "unknown key" + suggest(key, self.VOCABULARY_KEYS)
                raise self.fail(f"vocabulary.{key}", problem)
        learn = value.get("learn-names", True)
        count = value.get("names-min-count", 1)
        if not isinstance(learn, bool):
            raise self.fail("vocabulary.learn-names", "expected true or false")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise self.fail("vocabulary.names-min-count", "expected a whole number of at least 1")
        return VocabularySettings(
            accept=self.string_list(value, "accept", "vocabulary.accept") or (),
            reject=self.string_list(value, "reject", "vocabulary.reject") or (),
            accept_words=self.string_list(value, "accept-words", "vocabulary.accept-words") or (),
            reject_words=self.string_list(value, "reject-words", "vocabulary.reject-words") or (),
            learn_names=learn,
            names_min_count=count,
        )

    def languagetool(self, raw: Mapping[str, object]) -> LanguageToolSettings:
        value = raw.get("languagetool", {})
        if not isinstance(value, dict):
            raise self.fail("languagetool", "expected a table")
        for key in value:
            if key not in self.LANGUAGETOOL_KEYS:
                raise self.fail(
                    f"languagetool.{key}", "unknown key" + suggest(key, self.LANGUAGETOOL_KEYS)
                )
        url = value.get("url")
        if url is not None and (
            not isinstance(url, str) or not url.startswith(("http://", "https://"))
        ):
            raise self.fail("languagetool.url", "expected an http:// or https:// URL")
        for key in ("local", "picky"):
            if not isinstance(value.get(key, False), bool):
                raise self.fail(f"languagetool.{key}", "expected true or false")
        timeout = value.get("timeout", 30.0)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise self.fail("languagetool.timeout", "expected a number of seconds above 0")
        if url is not None and value.get("local"):
            raise self.fail("languagetool", "set either url or local = true, not both")

        def names(key: str) -> tuple[str, ...]:
            return self.string_list(value, key, f"languagetool.{key}") or ()

        return LanguageToolSettings(
            url=url,
            local=bool(value.get("local", False)),
            timeout=float(timeout),
            enabled_rules=names("enabled-rules"),
            disabled_rules=names("disabled-rules"),
            enabled_categories=names("enabled-categories"),
            disabled_categories=names("disabled-categories"),
            picky=bool(value.get("picky", False)),
        )

    def report(self, raw: Mapping[str, object]) -> ReportSettings:
        value = raw.get("report", {})
        if not isinstance(value, dict):
            raise self.fail("report", "expected a table")
        for key in value:
            if key not in self.REPORT_KEYS:
                raise self.fail(f"report.{key}", "unknown key" + suggest(key, self.REPORT_KEYS))
        speed = value.get("words-per-minute", ReportSettings.words_per_minute)
        if not isinstance(speed, int) or isinstance(speed, bool) or speed < 1:
            raise self.fail("report.words-per-minute", "expected a whole number of at least 1")
        return ReportSettings(
            chapters=self.string_list(value, "chapters", "report.chapters") or (),
            words_per_minute=speed,
        )

    def read(self, raw: Mapping[str, object]) -> Config:
        for key in raw:
            if key not in self.KEYS:
                raise self.fail(key, "unknown key" + suggest(key, self.KEYS))
        base = Config(path=self.path, root=self.path.parent)
        return Config(
            path=self.path,
            root=self.path.parent,
            include=self.string_list(raw, "include") or base.include,
            exclude=_or(self.string_list(raw, "exclude"), base.exclude),
            extend_exclude=self.string_list(raw, "extend-exclude") or (),
            language=self.choice(raw, "language", LANGUAGES) or base.language,
            select=self.string_list(raw, "select"),
            ignore=self.string_list(raw, "ignore") or (),
            fail_on=self.choice(raw, "fail-on", FAIL_ON) or base.fail_on,
            rules=self.rules(raw),
            per_file_ignores=self.per_file_ignores(raw),
            vocabulary=self.vocabulary(raw),
            languagetool=self.languagetool(raw),
            rules_dirs=self.string_list(raw, "rules-dirs") or (),
            report=self.report(raw),
            cache_dir=self.text(raw, "cache-dir") or base.cache_dir,
        )


def _or(value: tuple[str, ...] | None, default: tuple[str, ...]) -> tuple[str, ...]:
    # An explicit empty list is a valid choice ("exclude nothing"), unlike a missing key.
    return default if value is None else value


def _load_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read ({err.strerror or err})") from None


def load_config(path: Path) -> Config:
    """Read and validate one config file (pyproject.toml or a stylecheck TOML file)."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("stylecheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.stylecheck: expected a table")
        return _Reader(path, "tool.stylecheck").read(table)
    return _Reader(path, "").read(data)


def _has_stylecheck_table(pyproject: Path) -> bool:
    tool = _load_toml(pyproject).get("tool", {})
    return isinstance(tool, dict) and "stylecheck" in tool


def find_config_file(start: Path) -> Path | None:
    """Return the nearest config file in `start` or its parents, if any."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_stylecheck_table(candidate):
                continue
            return candidate
    return None


class ConfigFinder:
    """Find the config for each checked file, caching per folder."""

    def __init__(self, override: Path | None = None, default_root: Path | None = None) -> None:
        self._override = load_config(override) if override else None
        # Where the defaults' relative patterns and cache start when no config file is found:
        # the working folder for the command line, a workspace folder for the language server.
        self._default_root = default_root
        self._by_folder: dict[Path, Config] = {}
        self._by_file: dict[Path, Config] = {}

    @classmethod
    def fixed(cls, config: Config) -> ConfigFinder:
        """Return a finder that ignores config files and always gives `config`.

        Benchmarks and rule examples use it to measure the shipped defaults.
        """
        finder = cls()
        finder._override = config
        return finder

    def for_path(self, path: Path) -> Config:
        """Return the config that applies to `path` (a file, or a folder being expanded)."""
        if self._override is not None:
            return self._override
        folder = path.resolve()
        if not folder.is_dir():
            folder = folder.parent
        if folder not in self._by_folder:
            found = find_config_file(folder)
            if found is None:
                root = self._default_root
                self._by_folder[folder] = Config() if root is None else Config(root=root)
            else:
                if found not in self._by_file:
                    self._by_file[found] = load_config(found)
                self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder]

    def loaded(self) -> list[Config]:
        """Return every config loaded so far (for validating selectors once)."""
        configs = list(self._by_file.values())
        if self._override is not None:
            configs.append(self._override)
        return configs
