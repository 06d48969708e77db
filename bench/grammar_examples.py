"""How many of LanguageTool's example errors each pack catches, and how many correct sentences
it flags (run by hand, not a test).

    python bench/grammar_examples.py [EXAMPLES_TSV]

Reads `../shared/corpus/grammar/languagetool_examples.tsv`: `incorrect` rows mark the wrong
words (`marker_start`/`marker_end`); `correct` rows must not be flagged. An incorrect example
counts as caught when a finding overlaps its marked span; a correct example counts as wrongly
flagged when any finding lands in it. The default packs, Harper alone and proselint alone are
measured in the same run, per LanguageTool category, and printed as a table.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from stylecheck.config import Config, ConfigFinder
from stylecheck.diagnostics import Span
from stylecheck.document.text import parse_text
from stylecheck.engine import Engine, build_registry, default_packs
from stylecheck.selection import resolve

DEFAULT_TSV = (
    Path(__file__).resolve().parents[2] / "shared/corpus/grammar/languagetool_examples.tsv"
)
# Markers of the wrong words are absent from "triggers_error" rows: they are left out.
KINDS = ("incorrect", "correct")


@dataclass
class Example:
    """One sentence of the file, placed in the combined document."""

    kind: str
    category: str
    sentence: Span  # in the combined document
    marked: Span | None  # the wrong words, for incorrect examples


@dataclass
class Score:
    """Counts for one configuration and category."""

    incorrect: int = 0
    caught: int = 0
    correct: int = 0
    flagged: int = 0


@dataclass
class Scores:
    """Scores per category for one configuration."""

    by_category: dict[str, Score] = field(default_factory=dict)

    def score(self, category: str) -> Score:
        """Return (creating) the score of a category."""
        return self.by_category.setdefault(category, Score())


def load_examples(path: Path) -> tuple[str, list[Example]]:
    """Return one text with every example as its own paragraph, and where each lies."""
    parts: list[str] = []
    examples: list[Example] = []
    offset = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["kind"] not in KINDS or not row["sentence"].strip():
                continue
            sentence = row["sentence"].replace("\n", " ")
            marked = None
            if row["kind"] == "incorrect":
                if not row["marker_start"]:
                    continue
                start, end = int(row["marker_start"]), int(row["marker_end"])
                marked = Span(offset + start, offset + end)
            where = Span(offset, offset + len(sentence))
            examples.append(Example(row["kind"], row["category_id"] or "?", where, marked))
            parts.append(sentence)
            offset += len(sentence) + 2
    return "\n\n".join(parts), examples


def measure(text: str, examples: list[Example], select: tuple[str, ...] | None) -> Scores:
    """Check the combined text with one selection and score every example."""
    registry = build_registry(default_packs())
    engine = Engine(registry, ConfigFinder())
    selection = resolve(registry, Config(), select)
    document = parse_text("examples.txt", text)
    findings = engine.check_document(document, selection, Path("examples.txt")).findings
    starts = [e.sentence.start for e in examples]
    hits: dict[int, list[Span]] = {}
    for finding in findings:
        index = bisect.bisect_right(starts, finding.span.start) - 1
        hits.setdefault(index, []).append(finding.span)
    scores = Scores()
    for index, example in enumerate(examples):
        score = scores.score(example.category)
        found = hits.get(index, [])
        if example.marked is None:
            score.correct += 1
            score.flagged += bool(found)
        else:
            score.incorrect += 1
            marked = example.marked
            score.caught += any(s.start < marked.end and marked.start < s.end for s in found)
    return scores


def main(argv: list[str]) -> int:
    """Print caught and wrongly flagged examples per category for each configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    args = parser.parse_args(argv)
    text, examples = load_examples(args.tsv)
    packs = {pack.name for pack in default_packs()}
    configs: dict[str, tuple[str, ...] | None] = {"default packs": None}
    for name in ("harper", "proselint"):
        if name in packs:
            configs[f"{name} alone"] = (name,)  # the pack's default rules
    results = {name: measure(text, examples, select) for name, select in configs.items()}
    categories = Counter(e.category for e in examples)
    header = f"{'category':<30}{'incorrect':>10}{'correct':>9}"
    for name in results:
        header += f" | {name + ': caught / flagged':>36}"
    print(header)
    for category, _ in [*categories.most_common(), ("ALL", 0)]:
        first = next(iter(results.values()))
        rows = first.by_category.values() if category == "ALL" else [first.score(category)]
        line = (
            f"{category:<22}{sum(r.incorrect for r in rows):>10}{sum(r.correct for r in rows):>9}"
        )
        for scores in results.values():
            picked = (
                list(scores.by_category.values()) if category == "ALL" else [scores.score(category)]
            )
            caught = sum(s.caught for s in picked)
            flagged = sum(s.flagged for s in picked)
            line += f" | {caught:>17} / {flagged:<16}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
