"""Bleualign's idea with a dictionary instead of a machine translation: every Arabic sentence
is glossed word by word in English (its words' dictionary senses and the induced word table's
translations, as content stems), each gloss is compared with the English sentences near the
earlier pass's path by a character n-gram F-score (chrF's, recall weighted by ``BETA``), and
the pairs that are each other's best by a clear ``MARGIN`` are anchors: each such pair shares
a concept of its own in the next pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

NGRAMS = (3, 4, 5)  # character n-grams of each stem, "#" at both ends
BETA = 2.0  # chrF's: recall (of the English) weighs twice precision (of the gloss)
import os
WINDOW = int(os.environ.get("GW", 6))  # English sentences compared on either side of the earlier path
MARGIN = float(os.environ.get("GM", 1.25))  # a pair's score over the next best of its row and of its column
FLOOR = float(os.environ.get("GF", 0.15))  # the least score of an anchor


def grams(stems: Sequence[str]) -> Counter[str]:
    """The character n-grams of ``stems``."""
    out: Counter[str] = Counter()
    for stem in stems:
        padded = f"#{stem}#"
        for n in NGRAMS:
            out.update(padded[k:k + n] for k in range(len(padded) - n + 1))
    return out


def f_score(hyp: Counter[str], ref: Counter[str]) -> float:
    """chrF's F-score of a gloss ``hyp`` against an English sentence ``ref`` (n-grams
    pooled)."""
    if not hyp or not ref:
        return 0.0
    if len(hyp) > len(ref):
        common = sum(min(c, hyp[g]) for g, c in ref.items() if g in hyp)
    else:
        common = sum(min(c, ref[g]) for g, c in hyp.items() if g in ref)
    if not common:
        return 0.0
    p, r = common / sum(hyp.values()), common / sum(ref.values())
    b2 = BETA * BETA
    return (1 + b2) * p * r / (b2 * p + r)


def anchors(glosses: Sequence[Sequence[str]], english: Sequence[Sequence[str]],
            centre: np.ndarray) -> list[tuple[int, int]]:
    """(Arabic, English) sentence pairs whose gloss and English match best both ways
    (``centre[i]``: the English sentence the earlier path puts Arabic sentence ``i`` at)."""
    n, m = len(glosses), len(english)
    if not n or not m:
        return []
    en_grams = [grams(s) for s in english]
    score: dict[tuple[int, int], float] = {}
    for i, stems in enumerate(glosses):
        hyp = grams(stems)
        if not hyp:
            continue
        c = int(centre[i])
        for j in range(max(0, c - WINDOW), min(m, c + WINDOW + 1)):
            s = f_score(hyp, en_grams[j])
            if s > 0:
                score[i, j] = s
    best_row: dict[int, list[float]] = {}
    best_col: dict[int, list[float]] = {}
    for (i, j), s in score.items():
        for table, k in ((best_row, i), (best_col, j)):
            top = table.setdefault(k, [0.0, 0.0])
            if s > top[0]:
                top[:] = [s, top[0]]
            elif s > top[1]:
                top[1] = s
    return [(i, j) for (i, j), s in sorted(score.items())
            if s >= FLOOR and s == best_row[i][0] == best_col[j][0]
            and s >= MARGIN * best_row[i][1] and s >= MARGIN * best_col[j][1]]
