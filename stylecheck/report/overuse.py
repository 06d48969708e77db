"""Words a manuscript uses far more often than general English does.

The expected rate of each word comes from `wordfreq` (Robyn Speer's word frequencies, built
from subtitles, books, news, Wikipedia and the web; shipped inside the package, so nothing is
downloaded). Words are ranked by Dunning's log-likelihood (G²), which weighs how much more
often a word occurs than expected against how often it occurs at all: a word used 40 times at
five times its usual rate outranks one used twice at fifty times.

Left out, because a writer cannot act on them:
- the commonest words of English (Zipf frequency 6 or more: "the", "she", "said", "was"),
  which every novel uses more than the web does;
- names and titles: words written in lower case less than half the time ("Darcy", "Miss");
- contractions ("he'd", "didn't"), words unknown to wordfreq (invented words, dialect
  spellings), words of one or two letters, and words with digits;
- words used fewer than `MIN_COUNT` times.
"""

from __future__ import annotations

import math
from collections import Counter

from stylecheck.report.model import Overused

LANGUAGE = "en"
# Zipf 6 is once per thousand words: roughly the 100 commonest words of English.
MAX_ZIPF = 6.0
MIN_COUNT = 3
MIN_LENGTH = 3
# The word must be used at least this many times more often than in general English.
MIN_RATIO = 2.0


def overused_words(
    vocabulary: Counter[str], lower_case: Counter[str], total: int, limit: int
) -> tuple[Overused, ...]:
    """Return up to `limit` overused words, the most distinctive first."""
    from wordfreq import word_frequency, zipf_frequency

    scored: list[tuple[float, Overused]] = []
    for word, count in vocabulary.items():
        if count < MIN_COUNT or len(word) < MIN_LENGTH or not word.replace("-", "").isalpha():
            continue
        if lower_case[word] * 2 < count:
            continue
        if zipf_frequency(word, LANGUAGE) >= MAX_ZIPF:
            continue
        frequency = word_frequency(word, LANGUAGE)
        if frequency == 0:
            continue
        expected = frequency * total
        ratio = count / expected
        if ratio < MIN_RATIO:
            continue
        score = 2 * (count * math.log(ratio) - (count - expected))
        scored.append(
            (score, Overused(word, count, round(count / total * 10_000, 2), round(ratio, 1)))
        )
    scored.sort(key=lambda item: (-item[0], item[1].word))
    return tuple(entry for _, entry in scored[:limit])
