"""Command-line interface: argument parsing and exit codes only."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from stylecheck import __version__
from stylecheck.config import FAIL_ON, Config, ConfigError, ConfigFinder, suggest
from stylecheck.diagnostics import Severity
from stylecheck.rules import PackUnavailable

if TYPE_CHECKING:
    from stylecheck.baseline import Baseline
    from stylecheck.engine import Engine, Source
    from stylecheck.resultcache import ResultCache
    from stylecheck.results import RunResult
    from stylecheck.rules import Registry, Rule

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github")


class UsageError(Exception):
    """A mistake on the command line; the message is one sentence."""


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="stylecheck", description="A writing-style linter for prose manuscripts."
    )
    parser.add_argument("--version", action="version", version=f"stylecheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check Markdown and text files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' is stdin")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format")
    check.add_argument(
        "--fail-on", choices=FAIL_ON, help="lowest severity that makes the exit code 1"
    )
    check.add_argument(
        "--select", action="append", metavar="RULES", help="only these packs, prefixes or ids"
    )
    check.add_argument(
        "--ignore", action="append", metavar="RULES", help="also skip these packs, prefixes or ids"
    )
    check.add_argument("--config", type=Path, metavar="FILE", help="use this config file only")
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="skip excluded files even when they are named explicitly",
    )
    check.add_argument("--statistics", action="store_true", help="print counts per rule")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="apply unsafe fixes too (implies --fix)"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in FILE"
    )
    check.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="record today's findings in FILE"
    )
    check.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    _add_jobs(check)
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="path to report (and find config) for stdin"
    )

    report = commands.add_parser(
        "report", help="write an editorial report on a manuscript, chapter by chapter"
    )
    report.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="chapters in reading order, or folders (default: config report.chapters, or '.')",
    )
    report.add_argument(
        "--format", choices=("text", "json", "html"), default="text", help="output format"
    )
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    report.add_argument(
        "--select", action="append", metavar="RULES", help="lint with only these rules"
    )
    report.add_argument(
        "--ignore", action="append", metavar="RULES", help="lint without these rules"
    )
    report.add_argument(
        "--no-lint", action="store_true", help="leave out lint findings (faster on a long book)"
    )
    report.add_argument("--config", type=Path, metavar="FILE", help="use this config file only")
    report.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    _add_jobs(report)

    cache = commands.add_parser("cache", help="manage the result cache")
    cache.add_argument("action", choices=("clear",), help="clear: delete the cache")
    cache.add_argument("--config", type=Path, metavar="FILE", help="use this config file only")

    lsp = commands.add_parser(
        "lsp", help="run the language server (for editors) over standard input and output"
    )
    # Some clients (vscode-languageclient's stdio transport) add --stdio; it is the only one.
    lsp.add_argument("--stdio", action="store_true", help="accepted; stdio is the transport")
    commands.add_parser("rules", help="list every rule")
    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("rule_id", metavar="ID")
    return parser


def _add_jobs(command: argparse.ArgumentParser) -> None:
    """Add --jobs: how many worker processes may check paragraphs (default: the cores)."""
    command.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="worker processes for large runs (default: one per core; 1: none)",
    )


def _jobs(value: str) -> int:
    """Parse --jobs: a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _engine(
    args: argparse.Namespace, registry: Registry, finder: ConfigFinder, cache: ResultCache | None
) -> Engine:
    """Return the engine of a check or report run, with its selection and workers."""
    from stylecheck.engine import Engine
    from stylecheck.parallel import default_jobs

    jobs = args.jobs if args.jobs is not None else default_jobs()
    return Engine(registry, finder, _split(args.select), _split(args.ignore) or (), cache, jobs)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "check":
            return _check(args, sys.stdout, sys.stderr)
        if args.command == "report":
            return _report(args, sys.stdout, sys.stderr)
        if args.command == "cache":
            return _clear_cache(args, sys.stdout)
        if args.command == "lsp":
            from stylecheck.lsp.server import main as serve

            return serve()
        if args.command == "rules":
            return _list_rules(sys.stdout)
        return _show_rule(args.rule_id, sys.stdout)
    except (ConfigError, UsageError, PackUnavailable) as err:
        print(f"stylecheck: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("stylecheck: interrupted", file=sys.stderr)
        return 130


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from stylecheck.discovery import discover
    from stylecheck.engine import Source
    from stylecheck.reporters import get_reporter

    if args.statistics and args.format != "text":
        raise UsageError("--statistics prints a text table; JSON and SARIF carry counts already")
    paths: list[str] = args.paths or ["."]
    if paths.count("-") > 1:
        raise UsageError("'-' (standard input) can be given only once")
    if args.stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename needs '-' among the paths")

    finder = ConfigFinder(args.config)
    discovery = discover([p for p in paths if p != "-"], finder, force_exclude=args.force_exclude)
    sources = [Source.from_target(t) for t in discovery.targets]
    if "-" in paths:
        sources.append(_stdin_source(args.stdin_filename))
    fixing = args.fix or args.unsafe_fixes or args.diff
    if fixing and "-" in paths and not args.diff:
        raise UsageError("--fix cannot write to standard input; use --diff to see the fixes")
    registry = _registry(finder.for_path(source.path) for source in sources)
    baseline = _read_baseline(args.baseline)
    fix_errors: list[str] = []
    with _run_cache(finder, args.no_cache, err) as cache:
        engine = _engine(args, registry, finder, cache)
        if fixing:
            result, fix_errors = _fix(engine, sources, args, out, err)
        else:
            result = engine.run(sources)
    if args.write_baseline is not None:
        problems = [*discovery.errors, *fix_errors]
        return _write_baseline(args.write_baseline, result, problems, err)
    if baseline is not None:
        known = baseline.drop_known(result)
        print(f"stylecheck: {known} finding(s) in the baseline not shown", file=err)

    reporter = get_reporter(args.format)
    if args.diff:
        pass  # the diff is the output
    elif args.statistics:
        out.write(_statistics(result.counts_by_rule(), result.rules))
    else:
        out.write(reporter.render(result))
    errors = [*discovery.errors, *fix_errors, *(fr.error for fr in result.files if fr.error)]
    for message in errors:
        print(f"stylecheck: error: {message}", file=err)
    if args.format == "text":
        _summary(result.counts_by_severity(), len(result.files), err)
    if errors:
        return EXIT_ERROR
    fail_on = args.fail_on or finder.for_path(Path.cwd()).fail_on
    return _exit_code(result.counts_by_severity(), fail_on)


def _read_baseline(path: Path | None) -> Baseline | None:
    """Read --baseline before the run, so that a bad file costs no checking."""
    from stylecheck.baseline import Baseline, BaselineError

    if path is None:
        return None
    try:
        return Baseline.load(path)
    except BaselineError as error:
        raise UsageError(str(error)) from None


def _write_baseline(path: Path, result: RunResult, problems: list[str], err: TextIO) -> int:
    """Record the run's findings in a baseline file instead of reporting them.

    Not when a path was missing or a file could not be checked: the baseline would forget
    its findings, and they would all be new the next time.
    """
    from stylecheck import baseline

    errors = [*problems, *(fr.error for fr in result.files if fr.error)]
    for message in errors:
        print(f"stylecheck: error: {message}", file=err)
    if errors:
        print(f"stylecheck: error: {path}: not written, some files were not checked", file=err)
        return EXIT_ERROR
    try:
        count = baseline.write(path, result)
    except OSError as error:
        raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
    print(f"stylecheck: wrote {count} finding(s) to the baseline {path}", file=err)
    return EXIT_OK


def _fix(
    engine: Engine, sources: list[Source], args: argparse.Namespace, out: TextIO, err: TextIO
) -> tuple[RunResult, list[str]]:
    """Apply fixes (or print them as a diff); return the findings that remain and any errors."""
    from stylecheck.fixes import allowed_fixes, fix_sources, unified_diff, write_fixed

    run = fix_sources(engine, sources, allowed_fixes(args.unsafe_fixes))
    if args.diff:
        out.write("".join(unified_diff(text) for text in run.changed))
        print(
            f"stylecheck: {_fixes_phrase(run.applied)} to {len(run.changed)} file(s) would be made",
            file=err,
        )
        return run.result, []
    errors = [e for e in (write_fixed(text) for text in run.changed) if e is not None]
    written = len(run.changed) - len(errors)
    print(f"stylecheck: {_fixes_phrase(run.applied)} made in {written} file(s)", file=err)
    return run.result, errors


def _fixes_phrase(count: int) -> str:
    return f"{count} fix" if count == 1 else f"{count} fixes"


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from stylecheck.atomic import write_text_atomically
    from stylecheck.discovery import discover
    from stylecheck.engine import Source
    from stylecheck.report.build import ReportOptions, build_report, manuscript_order
    from stylecheck.report.progress import ChapterProgress
    from stylecheck.report.render import render

    finder = ConfigFinder(args.config)
    config = finder.for_path(Path(args.paths[0]) if args.paths else Path.cwd())
    listed = [config.root / name for name in config.report.chapters]
    paths: list[str] = args.paths or [str(p) for p in listed] or ["."]
    if "-" in paths:
        raise UsageError("the report reads chapter files, not standard input")
    discovery = discover(paths, finder, force_exclude=False)
    targets = manuscript_order(discovery.targets, listed)
    if args.output is not None:
        _refuse_to_overwrite_a_chapter(args.output, [t.path for t in targets])
    sources = [Source.from_target(t) for t in targets]
    registry = _registry(finder.for_path(source.path) for source in sources)
    options = ReportOptions(words_per_minute=config.report.words_per_minute, lint=not args.no_lint)
    with (
        _run_cache(finder, args.no_cache or args.no_lint, err) as cache,
        ChapterProgress(len(sources), err) as progress,
    ):
        engine = _engine(args, registry, finder, cache)
        report = build_report(sources, engine, options, on_chapter=progress.advance)
    errors = [*discovery.errors, *report.errors]
    for message in errors:
        print(f"stylecheck: error: {message}", file=err)
    if not report.chapters:
        print("stylecheck: error: no chapter could be read; no report written", file=err)
        return EXIT_ERROR
    if args.output is None:
        width = shutil.get_terminal_size().columns if out.isatty() else None
        out.write(render(report, args.format, terminal_width=width))
    else:
        try:
            write_text_atomically(args.output, render(report, args.format))
        except OSError as error:
            problem = error.strerror or str(error)
            raise UsageError(f"{args.output}: cannot write the report ({problem})") from None
    return EXIT_ERROR if errors else EXIT_OK


def _refuse_to_overwrite_a_chapter(output: Path, chapters: list[Path]) -> None:
    resolved = output.resolve()
    if any(resolved == chapter.resolve() for chapter in chapters):
        raise UsageError(f"{output}: is one of the chapters; choose another output file")


def _cache_folder(finder: ConfigFinder) -> Path:
    """Return the cache folder of the config that governs the working folder."""
    config = finder.for_path(Path.cwd())
    return config.root / config.cache_dir


@contextlib.contextmanager
def _run_cache(finder: ConfigFinder, disabled: bool, err: TextIO) -> Iterator[ResultCache | None]:
    """Give the run its result cache (None with --no-cache or STYLECHECK_NO_CACHE).

    What the run found is written when it ends normally; an interrupted run writes nothing.
    """
    from stylecheck.resultcache import ResultCache, cache_disabled

    if disabled or cache_disabled():
        yield None
        return
    cache = ResultCache(
        _cache_folder(finder), lambda line: print(f"stylecheck: warning: {line}", file=err)
    )
    try:
        yield cache
        cache.flush()
    finally:
        cache.close()


def _clear_cache(args: argparse.Namespace, out: TextIO) -> int:
    from stylecheck.resultcache import clear

    folder = _cache_folder(ConfigFinder(args.config))
    cleared = clear(folder)
    out.write(f"{'cleared' if cleared else 'no cache in'} {folder}\n")
    return EXIT_OK


def _stdin_source(filename: str | None) -> Source:
    from stylecheck.discovery import display_path
    from stylecheck.document.load import is_markdown
    from stylecheck.engine import Source

    data = sys.stdin.buffer.read()
    if filename is None:
        # Without a name, stdin is Markdown (plain prose parses the same way) from here.
        return Source("<stdin>", Path.cwd() / "<stdin>", data, markdown=True)
    path = Path(filename)
    return Source(display_path(path), path.absolute(), data, markdown=is_markdown(path))


def _exit_code(counts: dict[str, int], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(fail_on)
    failing = sum(n for label, n in counts.items() if Severity.parse(label) >= threshold)
    return EXIT_FINDINGS if failing else EXIT_OK


def _summary(counts: dict[str, int], files: int, err: TextIO) -> None:
    total = sum(counts.values())
    if not total:
        return
    parts = ", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items() if n)
    noun = "file" if files == 1 else "files"
    print(
        f"stylecheck: {total} finding{'s' if total != 1 else ''} ({parts}) in {files} {noun}",
        file=err,
    )


def _statistics(counts: dict[str, int], rules: dict[str, Rule]) -> str:
    return "".join(
        f"{count:>6}  {rules[rule_id].severity.label:<7}  {rule_id}\n"
        for rule_id, count in counts.items()
    )


def _registry(configs: Iterable[Config]) -> Registry:
    """Return the run's registry: the built-in packs plus the configs' own rule folders.

    One run has one set of rules, so the folders of every config the run uses are loaded.
    """
    from stylecheck.engine import build_registry, default_packs
    from stylecheck.packs.data import with_rule_folders

    return build_registry(with_rule_folders(default_packs(), configs))


def _list_rules(out: TextIO) -> int:
    registry = _registry([ConfigFinder().for_path(Path.cwd())])
    width = max(len(rid) for rid in registry.rules)
    for rule in sorted(registry.rules.values(), key=lambda r: r.id):
        default = "on " if rule.enabled_by_default else "off"
        out.write(f"{rule.id:<{width}}  {rule.severity.label:<7}  {default}  {rule.doc.summary}\n")
    return EXIT_OK


def _show_rule(rule_id: str, out: TextIO) -> int:
    from stylecheck.ruledocs import render_text

    registry = _registry([ConfigFinder().for_path(Path.cwd())])
    if rule_id not in registry and not registry.is_open(rule_id):
        raise UsageError(f"unknown rule '{rule_id}'{suggest(rule_id, registry.rules)}")
    try:
        rule = registry.get(rule_id)
    except KeyError:
        raise UsageError(f"'{rule_id}' is not a valid rule id") from None
    out.write(render_text(rule))
    return EXIT_OK
