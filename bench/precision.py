"""Findings per 10,000 words per rule on the public-domain novels (run by hand, not a test).

    python bench/precision.py [NOVELS_DIR] [--all-rules] [--select dialogue,words,typography]

Published, professionally edited fiction is where false alarms show: what fires there is
likely noise. Each book is checked in its author's dialect (`language`), the rest at defaults.
Prints a table, most frequent rule first. `--all-rules` also measures the rules
that are off by default; `--select` measures only some packs or rules (the fiction packs take
a minute, Harper a quarter of an hour). The slow test tests/test_precision.py uses `measure` too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.config import Config, ConfigFinder
from stylecheck.diagnostics import Severity
from stylecheck.engine import Engine, Source, build_registry, default_packs
from stylecheck.nlp import words

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


@dataclass
class Measurement:
    """Words checked and findings per rule, overall and per book."""

    words: int = 0
    findings: Counter[str] = field(default_factory=Counter)
    books: dict[str, Counter[str]] = field(default_factory=dict)

    def per_10k(self, rule_id: str) -> float:
        """Return the rule's findings per 10,000 words."""
        return 10_000 * self.findings[rule_id] / max(self.words, 1)


def _check_one(args: tuple[Path, tuple[str, ...] | None]) -> tuple[str, int, Counter[str]]:
    path, select = args
    # Each book is checked in its author's dialect, as its writer would configure it.
    config = Config(language=DIALECT_OF.get(path.stem, "en-US"))
    engine = Engine(build_registry(default_packs()), ConfigFinder.fixed(config), select)
    result = engine.check_source(Source(path.name, path))
    if result.error:
        raise RuntimeError(result.error)
    counts = Counter(f.rule_id for f in result.findings)
    return path.name, len(words(path.read_text(encoding="utf-8"))), counts


def measure(
    novels: list[Path],
    *,
    all_rules: bool = False,
    select: tuple[str, ...] | None = None,
    jobs: int = 2,
) -> Measurement:
    """Check each novel with the default rules (or every rule, or `select`) and count findings."""
    if all_rules:
        select = tuple(build_registry(default_packs()).rules)
    total = Measurement()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for name, word_count, counts in pool.map(_check_one, [(n, select) for n in novels]):
            total.words += word_count
            total.findings.update(counts)
            total.books[name] = counts
    return total


def main(argv: list[str]) -> int:
    """Print the per-rule table for the novels folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("novels", nargs="?", type=Path, default=DEFAULT_NOVELS)
    parser.add_argument("--all-rules", action="store_true")
    parser.add_argument("--select", help="comma-separated packs, prefixes or rule ids")
    args = parser.parse_args(argv)
    novels = sorted(args.novels.glob("*.txt"))
    select = tuple(args.select.split(",")) if args.select else None
    result = measure(novels, all_rules=args.all_rules, select=select)
    print(f"{len(novels)} novels, {result.words:,} words")
    print(f"{'rule':<48} {'findings':>9} {'per 10k':>8} {'books':>6}")
    registry = build_registry(default_packs())
    serious = 0
    for rule_id, count in result.findings.most_common():
        books = sum(1 for counts in result.books.values() if counts[rule_id])
        print(f"{rule_id:<48} {count:>9} {result.per_10k(rule_id):>8.2f} {books:>6}")
        serious += count if registry.get(rule_id).severity >= Severity.WARNING else 0
    print(f"{'warnings and errors':<48} {serious:>9} {10_000 * serious / result.words:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
