"""Picking a few hundred candidate units out of a million from the stems' posting lists.

The query's stems are looked up in the posting lists (unit ids, with each unit's word count).
A unit can only reach a score ``p`` if it shares at least ``p``% of the query's words and its
length lies within ``[n·p/100, n·100/p]`` (the edit distance is at least the difference in
length). So the rarest stems are taken first — enough of them that every unit sharing that
share of the query's stems holds at least one (prefix filtering) — and more while the lists
stay short; units outside the length window are dropped, the rest are ranked by the summed
rarity (idf) of the stems they share, and the best ``k`` go on to be scored exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Posting entries read for one query at most, beyond those prefix filtering needs.
BUDGET = 400_000
MAX_LEN = 255


@dataclass(frozen=True)
class Postings:
    """The posting list of one stem: unit ids (sorted uint32) and word counts (uint8)."""

    ids: np.ndarray
    lens: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def length_window(n: int, min_score: int) -> tuple[int, int]:
    """The word counts a unit may have to reach ``min_score`` against ``n`` words."""
    if min_score <= 0 or n == 0:
        return 0, MAX_LEN
    low = math.ceil(n * min_score / 100)
    high = math.floor(n * 100 / min_score)
    return min(low, MAX_LEN), min(high, MAX_LEN)


def choose_stems(
    stems: Sequence[int], sizes: Mapping[int, int], min_score: int, budget: int = BUDGET
) -> list[int]:
    """The stems whose posting lists to read: the rarest first, enough for prefix filtering,
    then more while the lists read stay within ``budget`` entries."""
    distinct = [s for s in dict.fromkeys(stems) if sizes.get(s)]
    distinct.sort(key=lambda s: sizes[s])
    needed = len(distinct) - math.ceil(len(distinct) * min_score / 100) + 1
    chosen: list[int] = []
    total = 0
    for stem in distinct:
        size = sizes[stem]
        if len(chosen) >= max(needed, 1) and total + size > budget:
            break
        chosen.append(stem)
        total += size
    return chosen


def rank(
    lists: Sequence[tuple[float, Postings]], window: tuple[int, int], k: int
) -> np.ndarray:
    """The ids of the (at most ``k``) units sharing the most weight, best first.

    ``lists`` are (weight, postings) pairs; units outside the word-count ``window`` are left
    out.
    """
    low, high = window
    ids_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    for weight, post in lists:
        if not len(post):
            continue
        mask = (post.lens >= low) & (post.lens <= high)
        ids = post.ids[mask]
        if len(ids):
            ids_parts.append(ids)
            weight_parts.append(np.full(len(ids), weight))
    if not ids_parts:
        return np.zeros(0, np.int64)
    ids = np.concatenate(ids_parts)
    weights = np.concatenate(weight_parts)
    base = int(ids.min())
    totals = np.bincount(ids - base, weights=weights)
    hit = np.flatnonzero(totals)
    scores = totals[hit]
    if len(hit) > k:
        top = np.argpartition(-scores, k - 1)[:k]
        hit, scores = hit[top], scores[top]
    order = np.argsort(-scores, kind="stable")
    return hit[order].astype(np.int64) + base


def idf(size: int, total: int) -> float:
    """The weight of a stem held by ``size`` of ``total`` units."""
    return math.log(1.0 + total / max(size, 1))
