"""Picking a few hundred candidate units out of a million from the stems' posting lists.

The query's stems are looked up in the posting lists (unit ids, with each unit's word count).
The rarest stems are read first, more while the lists read stay within a budget (at least a
few are always read): a unit worth proposing shares the query's rare words. A unit can only
reach a score ``p`` if its length lies within ``[n·p/100, n·100/p]`` (the edit distance is at
least the difference in length), so others are dropped. The rest are ranked by an estimate of
their similarity — the summed rarity (idf) of the stems they share, scaled by how close their
length is to the query's — and the best ``k`` go on to be scored exactly. Units with the same
word sequence as the query are found by hash elsewhere, so 95–101% matches never depend on
this estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

#: Posting entries read for one query (beyond the few rarest stems always read).
BUDGET = 60_000
#: The rarest stems read whatever their size.
MIN_STEMS = 3
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
    stems: Sequence[int], sizes: Mapping[int, int], budget: int = BUDGET,
    minimum: int = MIN_STEMS,
) -> list[int]:
    """The stems whose posting lists to read: the rarest first, while the entries read stay
    within ``budget`` (the ``minimum`` rarest always)."""
    distinct = [s for s in dict.fromkeys(stems) if sizes.get(s)]
    distinct.sort(key=lambda s: sizes[s])
    chosen: list[int] = []
    total = 0
    for stem in distinct:
        size = sizes[stem]
        if len(chosen) >= minimum and total + size > budget:
            break
        chosen.append(stem)
        total += size
    return chosen


def rank(
    lists: Sequence[tuple[float, Postings]], window: tuple[int, int], n: int, k: int
) -> np.ndarray:
    """The ids of the (at most ``k``) most promising units for a query of ``n`` words, best
    first. ``lists`` are (weight, postings) pairs; units outside the word-count ``window``
    are left out."""
    low, high = window
    ids_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    lens_parts: list[np.ndarray] = []
    for weight, post in lists:
        if not len(post):
            continue
        mask = (post.lens >= low) & (post.lens <= high)
        if mask.all():
            ids, lens = post.ids, post.lens
        else:
            ids, lens = post.ids[mask], post.lens[mask]
        if len(ids):
            ids_parts.append(ids)
            lens_parts.append(lens)
            weight_parts.append(np.full(len(ids), weight))
    if not ids_parts:
        return np.zeros(0, np.int64)
    units, inverse = np.unique(np.concatenate(ids_parts), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weight_parts))
    entries = np.bincount(inverse)
    length = np.bincount(inverse, weights=np.concatenate(lens_parts)) / entries
    query = max(n, 1)
    estimate = shared * np.minimum(length, query) / np.maximum(length, query)
    if len(units) > k:
        top = np.argpartition(-estimate, k - 1)[:k]
        units, estimate = units[top], estimate[top]
    return units[np.argsort(-estimate, kind="stable")].astype(np.int64)


def idf(size: int, total: int) -> float:
    """The weight of a stem held by ``size`` of ``total`` units."""
    return math.log(1.0 + total / max(size, 1))
