"""Turn config and command-line selectors into the rules, severities and options of a file."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath

from stylecheck.config import Config, ConfigError, suggest
from stylecheck.diagnostics import Severity
from stylecheck.rules import Registry, Rule


def specificity(selector: str) -> int:
    """Return how specific a selector is: the number of dotted parts it names."""
    return selector.count(".") + 1


def matches(selector: str, rule_id: str) -> bool:
    """Tell whether a selector (pack, dotted prefix or id) names a rule."""
    return rule_id == selector or rule_id.startswith(selector + ".")


def check_selectors(registry: Registry, where: str, selectors: Iterable[str]) -> None:
    """Raise ConfigError for a selector that names no rule, suggesting the nearest one.

    Selectors under a pack whose rules are made at run time cannot be checked in advance.
    """
    known = known_selectors(registry)
    for selector in selectors:
        if selector not in known and not registry.is_open(selector):
            raise ConfigError(
                f"{where}: unknown rule or pack '{selector}'{suggest(selector, known)}"
            )


def known_selectors(registry: Registry) -> set[str]:
    """Return every pack, dotted prefix and id that names at least one rule."""
    known: set[str] = set(registry.open_packs)
    for rule_id in registry.rules:
        parts = rule_id.split(".")
        known.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return known


@dataclass(frozen=True)
class EnabledRules:
    """The rules that run on one file: known ids, plus run-time ids an open pack may report."""

    static: frozenset[str]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    open_packs: frozenset[str]

    def __contains__(self, rule_id: object) -> bool:
        if rule_id in self.static:
            return True
        if not isinstance(rule_id, str) or rule_id.split(".", 1)[0] not in self.open_packs:
            return False
        # A run-time rule is on unless a selector turns it off (open packs opt in by config).
        return _is_enabled(rule_id, True, self.select, self.ignore)


@dataclass(frozen=True)
class Selection:
    """The resolved rules of one config plus command-line options."""

    enabled: frozenset[str]
    severities: Mapping[str, Severity]
    options: Mapping[str, Mapping[str, object]]
    per_file_ignores: Mapping[str, tuple[str, ...]]
    root: PurePath
    config: Config
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    open_packs: frozenset[str] = frozenset()

    def enabled_for(self, path: PurePath) -> EnabledRules:
        """Return the rules enabled for one file, after per-file ignores."""
        ignored = tuple(
            sel
            for pattern, sels in self.per_file_ignores.items()
            if _glob_match(path, self.root, pattern)
            for sel in sels
        )
        static = frozenset(r for r in self.enabled if not any(matches(s, r) for s in ignored))
        return EnabledRules(static, self.select, self.ignore + ignored, self.open_packs)

    def severity_of(self, rule: Rule) -> Severity:
        """Return a rule's severity: the most specific config override, or its default."""
        if rule.id in self.severities:
            return self.severities[rule.id]
        return _severity(self.config, rule)


def _glob_match(path: PurePath, root: PurePath, pattern: str) -> bool:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)


def resolve(
    registry: Registry,
    config: Config,
    cli_select: tuple[str, ...] | None = None,
    cli_ignore: tuple[str, ...] = (),
) -> Selection:
    """Resolve which rules run, at what severity, with which options.

    `--select` replaces the config's `select`; `--ignore` adds to its `ignore`. For each rule
    the most specific matching selector wins, and `ignore` wins a tie. Without any `select`,
    every rule that is on by default runs. A rule that is off by default is switched on only
    by a selector more specific than its pack name (`proselint.restricted`, or the full id).
    """
    select = cli_select if cli_select is not None else config.select
    ignore = config.ignore + cli_ignore
    where = str(config.path) if config.path else "configuration"
    check_selectors(registry, "--select/--ignore", [*(cli_select or ()), *cli_ignore])
    for where_key, selector in config.selectors():
        check_selectors(registry, f"{where}: {where_key}", [selector])
    enabled = frozenset(
        rule.id
        for rule in registry.rules.values()
        if _is_enabled(rule.id, rule.enabled_by_default, select, ignore)
    )
    return Selection(
        enabled=enabled,
        severities=_severities(registry, config),
        options=_options(registry, config, where),
        per_file_ignores=config.per_file_ignores,
        root=config.root,
        config=config,
        select=select,
        ignore=ignore,
        open_packs=frozenset(registry.open_packs),
    )


def _is_enabled(
    rule_id: str, by_default: bool, select: tuple[str, ...] | None, ignore: tuple[str, ...]
) -> bool:
    best: tuple[int, int, str] | None = None  # (specificity, ignore wins ties, selector)
    for priority, selectors in ((0, select or ()), (1, ignore)):
        for sel in selectors:
            if matches(sel, rule_id):
                candidate = (specificity(sel), priority, sel)
                best = max(best, candidate) if best else candidate
    if best is None:
        return select is None and by_default
    spec, is_ignore, _ = best
    if is_ignore:
        return False
    return by_default or spec > 1


def _severities(registry: Registry, config: Config) -> dict[str, Severity]:
    return {rule.id: _severity(config, rule) for rule in registry.rules.values()}


def _severity(config: Config, rule: Rule) -> Severity:
    winner: tuple[int, Severity] | None = None
    for selector, settings in config.rules.items():
        if settings.severity is None or not matches(selector, rule.id):
            continue
        if winner is None or specificity(selector) > winner[0]:
            winner = (specificity(selector), settings.severity)
    return winner[1] if winner else rule.severity


def _options(registry: Registry, config: Config, where: str) -> dict[str, dict[str, object]]:
    result: dict[str, dict[str, object]] = {}
    for selector, settings in config.rules.items():
        if not settings.options:
            continue
        if selector not in registry:
            raise ConfigError(
                f"{where}: rules.{selector}: options need a full rule id, not a pack or prefix"
            )
        rule = registry.get(selector)
        names = [o.name for o in rule.options]
        for name, value in settings.options.items():
            option = rule.option(name)
            key = f"rules.{selector}.{name}"
            if option is None:
                known = ", ".join(["severity", *names])
                raise ConfigError(
                    f"{where}: {key}: unknown option{suggest(name, names)} (valid: {known})"
                )
            try:
                result.setdefault(selector, {})[name] = option.validate(value)
            except ValueError as err:
                raise ConfigError(f"{where}: {key}: {err}") from None
    return result
