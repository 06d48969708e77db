"""Findings per 10,000 words and time per Harper rule on the novels (run by hand, not a test).

    python bench/harper_rules.py [NOVELS_DIR] [--all-rules] [--us] [--no-names] [--jobs N]
    python bench/harper_rules.py --timing [NOVELS_DIR] [--words 20000]

The first form checks every novel through the engine with only the harper pack, in its
author's dialect (`--us`: all in en-US), with names learned from the book unless `--no-names`,
and prints one row per rule: findings, per 10k words, severity, and how many findings are
capitalised words that do not start a sentence (what the vocabulary's learned names target).
The last line is the total at severity warning or above: the issue's budget is 10 per 10k.

`--timing` lints a sample of the novels with every rule on, then with each frequent or
suspected-slow rule off in turn, and prints the seconds each rule costs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from precision import DEFAULT_NOVELS, DIALECT_OF

from stylecheck.config import Config, ConfigFinder, VocabularySettings
from stylecheck.diagnostics import Severity
from stylecheck.engine import Engine, Source, build_registry
from stylecheck.nlp import words
from stylecheck.packs.harper import HarperPack

# Rules whose cost `--timing` measures: the frequent ones and the ones that look words up.
TIMED = (
    "SpellCheck",
    "LongSentences",
    "SentenceCapitalization",
    "MissingPreposition",
    "MassNouns",
    "CompoundNouns",
    "SplitWords",
    "DisjointPrefixes",
    "MergeWords",
    "PronounVerbAgreement",
    "OrthographicConsistency",
)


@dataclass(frozen=True)
class Settings:
    """What one measurement run checks with."""

    all_rules: bool = False
    us_only: bool = False
    learn_names: bool = True


@dataclass
class Measurement:
    """Words checked, findings per rule, capitalised non-initial findings per rule."""

    words: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    capitalised: Counter[str] = field(default_factory=Counter)

    def per_10k(self, count: float) -> float:
        """Return a count per 10,000 words."""
        return 10_000 * count / max(self.words, 1)


def _check_one(args: tuple[Path, Settings]) -> tuple[int, Counter[str], Counter[str]]:
    path, settings = args
    language = "en-US" if settings.us_only else DIALECT_OF.get(path.stem, "en-US")
    config = Config(
        language=language, vocabulary=VocabularySettings(learn_names=settings.learn_names)
    )
    registry = build_registry([HarperPack()])
    select = (
        tuple(r for r in registry.rules if r.startswith("harper.")) if settings.all_rules else None
    )
    engine = Engine(registry, ConfigFinder.fixed(config), select)
    text = path.read_text(encoding="utf-8")
    result = engine.check_source(Source(path.name, path))
    if result.error:
        raise RuntimeError(result.error)
    found = Counter(f.rule_id for f in result.findings)
    capitalised = Counter(
        f.rule_id for f in result.findings if _capitalised_inside_sentence(text, f.span.start)
    )
    return len(words(text)), found, capitalised


def _capitalised_inside_sentence(text: str, start: int) -> bool:
    """Tell whether a finding starts with a capital that does not open a sentence."""
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?\"“‘'(—-:"


def measure(novels: list[Path], settings: Settings, jobs: int = 2) -> Measurement:
    """Check each novel and count the harper findings per rule."""
    total = Measurement()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for count, found, capitalised in pool.map(_check_one, [(n, settings) for n in novels]):
            total.words += count
            total.findings.update(found)
            total.capitalised.update(capitalised)
    return total


def warnings_per_10k(result: Measurement) -> float:
    """Return the findings at severity warning or above per 10,000 words."""
    rules = {rule.id: rule for rule in HarperPack().rules()}
    serious = sum(
        n for rid, n in result.findings.items() if rules[rid].severity >= Severity.WARNING
    )
    return result.per_10k(serious)


def measure_defaults(novels: list[Path]) -> float:
    """Return warnings and errors per 10k words of the default set (dialects, names on)."""
    return warnings_per_10k(measure(novels, Settings()))


def print_table(result: Measurement, count: int) -> None:
    """Print one row per rule, most frequent first, and the warning total."""
    rules = {rule.id: rule for rule in HarperPack().rules()}
    print(f"{count} novels, {result.words:,} words")
    print(f"{'rule':<40} {'findings':>8} {'per 10k':>8} {'caps/10k':>8} severity")
    for rid, n in result.findings.most_common():
        caps = result.per_10k(result.capitalised[rid])
        severity = rules[rid].severity.label
        print(f"{rid:<40} {n:>8} {result.per_10k(n):>8.2f} {caps:>8.2f} {severity}")
    print(f"warning or above per 10k words: {warnings_per_10k(result):.2f}")


def time_rules(novels: list[Path], sample_words: int, rounds: int = 3) -> None:
    """Print the CPU seconds each TIMED rule adds to linting a sample with every rule on.

    Wall time on a shared machine is too noisy for one rule's share, so this counts the process's
    CPU time, alternates each measurement with the all-rules baseline (drift cancels out) and
    reports the median difference over `rounds`.
    """
    import harper

    from stylecheck.document.text import parse_text

    paragraphs: list[str] = []
    for path in novels:
        document = parse_text(path.name, path.read_text(encoding="utf-8"))
        paragraphs += [document.paragraph_text(p) for p in document.paragraphs[200:400]]
    sample = paragraphs[: max(1, sample_words // 60)]
    linter = harper.Linter()
    every = dict.fromkeys(linter.get_default_lint_config(), True)
    defaults = {
        rule.id.removeprefix("harper."): rule.enabled_by_default for rule in HarperPack().rules()
    }

    def seconds(config: dict[str, bool]) -> float:
        # A fresh linter each time: a linter remembers the lints of text it has seen, so a
        # second pass over the same sample costs almost nothing.
        fresh = harper.Linter()
        fresh.set_lint_config(config)
        start = time.process_time()
        for text in sample:
            fresh.organized_lints(text, language="plaintext")
        return time.process_time() - start

    def cost(config: dict[str, bool]) -> float:
        """Return the median CPU seconds the all-rules baseline takes beyond `config`."""
        return statistics.median(seconds(every) - seconds(config) for _ in range(rounds))

    base = statistics.median(seconds(every) for _ in range(rounds))
    print(f"{sum(len(words(p)) for p in sample):,} words, CPU seconds (median of {rounds}):")
    print(f"{'every rule':<28} {base:6.2f}s")
    default_config = {name: defaults.get(name, False) for name in every}
    print(f"{'stylecheck default set':<28} {base - cost(default_config):6.2f}s")
    print(f"{'no rule':<28} {base - cost(dict.fromkeys(every, False)):6.2f}s")
    whole = " \n\n".join(sample)
    linter.set_lint_config(every)
    start = time.process_time()
    linter.organized_lints(whole, language="plaintext")  # text this linter has not seen
    print(f"{'every rule, one call':<28} {time.process_time() - start:6.2f}s")
    for name in TIMED:
        print(f"{name:<28} costs {cost({**every, name: False}):6.2f}s")


def main(argv: list[str]) -> int:
    """Parse the arguments and print the table or the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="?", type=Path, default=DEFAULT_NOVELS)
    parser.add_argument("--all-rules", action="store_true")
    parser.add_argument("--us", action="store_true", help="check every novel as en-US")
    parser.add_argument("--no-names", action="store_true", help="do not learn names")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--words", type=int, default=20_000)
    args = parser.parse_args(argv)
    novels = sorted(args.novels.glob("*.txt"))
    if args.timing:
        time_rules(novels, args.words)
        return 0
    settings = Settings(args.all_rules, args.us, not args.no_names)
    print_table(measure(novels, settings, args.jobs), len(novels))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
