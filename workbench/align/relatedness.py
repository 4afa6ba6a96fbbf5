"""Do two texts translate each other? A check on an alignment, for warnings and confidence.

Both signals compare the linked groups with groups a few links away (shifted pairs):
- anchors: linked groups share numbers, names, Latin words or terms far more often; with a
  dictionary's words among them, far more of their anchors, each weighed by how rare it is
  (a common word, shared by shifted pairs nearly as often, says little);
- a word table induced (IBM model 1) from every other link predicts the English words of the
  remaining links far better than those of shifted links.
A signal says "unrelated" only when the upper confidence bound of its mean gain is small, so
that a short text, whose figures are uncertain, is not called unrelated.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Protocol

import numpy as np

from workbench.align.lexicon import induce_table

MIN_LINKS_TO_JUDGE = 16
MAX_LINKS = 8000
SHIFTS = (2, -2, 5)

Link = tuple[list[int], list[int]]
Stems = Callable[[], tuple[list[list[str]], list[list[str]]]]


class Concepts(Protocol):
    """Each sentence's concepts by its index (a list of anchor bags, say)."""

    def __getitem__(self, k: int, /) -> Iterable[str]: ...


def relatedness(
    links: Sequence[Link], ar_bags: Concepts, en_bags: Concepts, stems: Stems,
    words: bool = False,
) -> float:
    """0 (the texts do not translate each other) .. 1 (they do, or too short to tell).

    ``words``: the concepts hold a dictionary's words (see :func:`anchor_signal`); ``stems``
    gives the content-word stems of every Arabic and English sentence (only called
    when the anchors do not settle the question).
    """
    pairs = [(a, e) for a, e in links if a and e]
    if len(pairs) < MIN_LINKS_TO_JUDGE:
        return 1.0
    if len(pairs) > MAX_LINKS:
        step = len(pairs) / MAX_LINKS
        pairs = [pairs[int(t * step)] for t in range(MAX_LINKS)]
    related = anchor_signal(pairs, ar_bags, en_bags, words)
    if related < 1.0:
        related = max(related, table_signal(pairs, *stems()))
    return related


def anchor_signal(
    pairs: Sequence[Link], ar_bags: Concepts, en_bags: Concepts, words: bool = False
) -> float:
    """How much more often (or, with ``words``, how much more of their anchors) linked
    groups share anchors than shifted ones (0..1).

    With ``words`` a pair's share is the IDF-weighted Jaccard overlap of its two groups'
    concepts (the IDF over the groups of ``pairs``). The repository's eight literary and
    three legal texts, aligned to their own English and to another text's, with the basic
    vocabulary or FreeDict: the mean gain's upper bound was 0.111–0.53 for translations and
    0.013–0.074 for the others, where "any anchor shared" overlapped (0.30–0.83 against
    0.06–0.45: Ockley's Hayy with FreeDict was called unrelated). Without words the anchors
    are too few to weigh: a single shared name would make a pair's share 1.
    """
    ar = [{c for a in x for c in ar_bags[a] if c[0] != "P"} for x, _ in pairs]
    en = [{c for e in y for c in en_bags[e] if c[0] != "P"} for _, y in pairs]
    count = len(pairs)
    if not words:
        gain = [
            (not ar[k].isdisjoint(en[k]))
            - sum(not ar[k].isdisjoint(en[(k + d) % count]) for d in SHIFTS) / len(SHIFTS)
            for k in range(count)
        ]
        return _upper_bound_signal(gain, floor=0.2, scale=0.2)
    frequency = Counter(chain.from_iterable(ar + en))
    weight = {c: math.log(2 * count / n) for c, n in frequency.items()}
    ar_mass = [sum(map(weight.__getitem__, s)) for s in ar]
    en_mass = [sum(map(weight.__getitem__, s)) for s in en]

    def share(k: int, j: int) -> float:
        common = sum(map(weight.__getitem__, ar[k] & en[j]))
        return common / (ar_mass[k] + en_mass[j] - common) if common else 0.0

    gain = [
        share(k, k) - sum(share(k, (k + d) % count) for d in SHIFTS) / len(SHIFTS)
        for k in range(count)
    ]
    return _upper_bound_signal(gain, floor=0.07, scale=0.03)


def table_signal(
    pairs: Sequence[Link], ar_stems: Sequence[list[str]], en_stems: Sequence[list[str]]
) -> float:
    """How much better a table learnt on half the links predicts the other half (0..1)."""
    train, test = pairs[0::2], pairs[1::2]
    table = induce_table(
        [[w for a in ar for w in ar_stems[a]] for ar, _ in train],
        [[w for e in en for w in en_stems[e]] for _, en in train],
    )
    predicted = [
        {t for a in ar for w in ar_stems[a] for t, _ in table.get(w, ())} for ar, _ in test
    ]
    actual = [{w for e in en for w in en_stems[e]} for _, en in test]

    def hit(p: set[str], s: set[str]) -> float:
        return len(p & s) / len(s) if s else 0.0

    count = len(test)
    gain = [
        hit(predicted[k], actual[k])
        - sum(hit(predicted[k], actual[(k + d) % count]) for d in SHIFTS) / len(SHIFTS)
        for k in range(count)
    ]
    return _upper_bound_signal(gain, floor=0.05, scale=0.05)


def _upper_bound_signal(gain: list[float], floor: float, scale: float) -> float:
    """0 when the mean gain is surely below ``floor`` (its upper 2σ bound is), up to 1."""
    values = np.array(gain, dtype=np.float64)
    bound = values.mean() + 2 * values.std() / np.sqrt(len(values))
    return float(np.clip((bound - floor) / scale, 0.0, 1.0))
