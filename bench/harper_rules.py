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
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.config import Config, ConfigFinder, VocabularySettings
from stylecheck.diagnostics import Severity
from stylecheck.engine import Engine, Source, build_registry
from stylecheck.nlp import words
from stylecheck.packs.harper import HarperPack

DEFAULT_NOVELS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "novels"

# The dialect each novel is written in (the translation of Leroux is British).
DIALECT_OF = {
    "alcott-littlewomen": "en-US",
    "austen-emma": "en-GB",
    "austen-pride": "en-GB",
    "austen-sense": "en-GB",
    "bronte-janeeyre": "en-GB",
    "carroll-alice": "en-GB",
    "dickens-expectations": "en-GB",
    "dickens-twocities": "en-GB",
    "doyle-adventures": "en-GB",
    "fitzgerald-gatsby": "en-US",
    "forster-roomwithaview": "en-GB",
    "leroux-phantom": "en-GB",
    "melville-mobydick": "en-US",
    "shelley-frankenstein": "en-GB",
    "stoker-dracula": "en-GB",
    "twain-huckfinn": "en-US",
    "twain-tomsawyer": "en-US",
    "wilde-dorian": "en-GB",
}

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


def time_rules(novels: list[Path], sample_words: int) -> None:
    """Print the seconds each TIMED rule adds to linting a sample with every rule on."""
    import harper

    from stylecheck.document.text import parse_text

    paragraphs: list[str] = []
    for path in novels:
        document = parse_text(path.name, path.read_text(encoding="utf-8"))
        paragraphs += [document.paragraph_text(p) for p in document.paragraphs[200:400]]
    sample = paragraphs[: max(1, sample_words // 60)]
    linter = harper.Linter()
    every = dict.fromkeys(linter.get_default_lint_config(), True)

    def seconds(config: dict[str, bool]) -> float:
        linter.set_lint_config(config)
        start = time.perf_counter()
        for text in sample:
            linter.organized_lints(text, language="plaintext")
        return time.perf_counter() - start

    base = seconds(every)
    nothing = seconds(dict.fromkeys(every, False))
    print(
        f"{sum(len(words(p)) for p in sample):,} words: all rules {base:.2f}s, none {nothing:.2f}s"
    )
    whole = " \n\n".join(sample)
    linter.set_lint_config(every)
    start = time.perf_counter()
    linter.organized_lints(whole, language="plaintext")
    print(f"the same text in one call: {time.perf_counter() - start:.2f}s")
    for name in TIMED:
        print(f"{name:<28} costs {base - seconds({**every, name: False}):6.2f}s")


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
