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
BUDGET = 20_000
#: The rarest stems read whatever their size.
MIN_STEMS = 3
#: Query words per stem read whatever its size (the rarest of each run of this many).
WINDOW = 12
#: Units found through the rare stems that are looked up in the other stems' lists.
POOL = 2000
#: Queries longer than this (in words) rank by ordered neighbour pairs instead.
LONGEST_ORDERED = 80
#: Units whose words in order are computed first, per unit wanted (more only when their
#: bound could beat the ones found).
ORDERED_FIRST = 2
#: Units alike for the ranking (as long, the query's words at the same places and written the
#: same: copies of one sentence) kept in the ranking whose best follow the ``k`` best: copies
#: do not crowd out the others.
ALIKE = 8
#: Units added after the ``k`` best from the ranking with few alike.
VARIED_EXTRA = 32
MAX_LEN = 255


@dataclass(frozen=True)
class Postings:
    """The posting list of one stem: unit ids (sorted uint32), their word counts, the stem's
    first position in each (uint8; 255 stands for 255 and more) and a one-byte hash of the
    word written there (see :func:`form_of`), and (when lists of several memories are
    merged) each unit's memory."""

    ids: np.ndarray
    lens: np.ndarray
    pos: np.ndarray
    form: np.ndarray
    memory: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def blobs(self) -> tuple[bytes, bytes, bytes]:
        """The stored form: ids, word counts, position and form (uint16: high, low byte)."""
        where = (self.pos.astype(np.uint16) << np.uint16(8)) | self.form
        return self.ids.tobytes(), self.lens.tobytes(), where.astype("<u2").tobytes()

    @classmethod
    def from_blobs(cls, ids: bytes, lens: bytes, where: bytes) -> Postings:
        """A list from its stored form."""
        both = np.frombuffer(where, "<u2")
        return cls(
            np.frombuffer(ids, np.uint32), np.frombuffer(lens, np.uint8),
            (both >> 8).astype(np.uint8), (both & 0xFF).astype(np.uint8),
        )

    def only(self, memories: frozenset[int] | None) -> Postings:
        """The entries of some memories only (all when None)."""
        if memories is None or self.memory is None:
            return self
        keep = np.isin(self.memory, list(memories))
        return Postings(
            self.ids[keep], self.lens[keep], self.pos[keep], self.form[keep], self.memory[keep]
        )


def form_of(codes: np.ndarray) -> np.ndarray:
    """A one-byte hash of word codes: two different words rarely share it."""
    return ((codes.astype(np.uint64) * np.uint64(0x9E3779B1)) >> np.uint64(24)).astype(np.uint8)


def merge(parts: Sequence[tuple[int, Postings]]) -> Postings:
    """One sorted list from the parts of a stem's lists (memory id, postings)."""
    if not parts:
        empty = np.zeros(0, np.uint8)
        return Postings(np.zeros(0, np.uint32), empty, empty, empty, np.zeros(0, np.int32))
    ids = np.concatenate([p.ids for _, p in parts])
    lens = np.concatenate([p.lens for _, p in parts])
    pos = np.concatenate([p.pos for _, p in parts])
    form = np.concatenate([p.form for _, p in parts])
    memory = np.concatenate([np.full(len(p), m, np.int32) for m, p in parts])
    if len(ids) > 1 and not bool((ids[1:] > ids[:-1]).all()):
        order = np.argsort(ids, kind="stable")
        ids, lens, pos, form, memory = (
            ids[order], lens[order], pos[order], form[order], memory[order]
        )
    return Postings(ids, lens, pos, form, memory)


def length_window(n: int, min_score: int) -> tuple[int, int]:
    """The word counts a unit may have to reach ``min_score`` against ``n`` words."""
    if min_score <= 0 or n == 0:
        return 0, MAX_LEN
    low = math.ceil(n * min_score / 100)
    high = math.floor(n * 100 / min_score)
    return min(low, MAX_LEN), min(high, MAX_LEN)


def choose_stems(
    stems: Sequence[int], sizes: Mapping[int, int], budget: int | None = None,
    minimum: int = MIN_STEMS,
) -> tuple[list[int], list[int]]:
    """(rare, other): the stems whose posting lists are read whole, and the others, which are
    only looked up for the candidates the rare ones found.

    ``stems`` are in query order. The rarest stem of every WINDOW words is read (so that each
    part of a long query, a sentence joined to another, has its say), then the rarest of the
    rest while the entries read stay within ``budget`` (per 25 query words; the ``minimum``
    rarest always).
    """
    budget = (BUDGET if budget is None else budget) * max(1.0, len(stems) / 25)
    known = [s for s in stems if sizes.get(s)]
    distinct = sorted(dict.fromkeys(known), key=lambda s: sizes[s])
    rare = list(dict.fromkeys(
        min(known[i : i + WINDOW], key=lambda s: sizes[s]) for i in range(0, len(known), WINDOW)
    ))
    total = sum(sizes[s] for s in rare)
    chosen = set(rare)
    for stem in distinct:
        if stem in chosen:
            continue
        size = sizes[stem]
        if len(rare) >= minimum and total + size > budget:
            break
        rare.append(stem)
        chosen.add(stem)
        total += size
    return rare, [s for s in distinct if s not in chosen]


def rank(
    stems: Sequence[int | None],
    forms: np.ndarray,
    lists: Mapping[int, Postings],
    rare: Sequence[tuple[int, float]],
    window: tuple[int, int],
    k: int,
    pool: int | None = None,
) -> np.ndarray:
    """The ids of the (at most ``k`` + :data:`VARIED_EXTRA`) most promising units for a
    query, best first.

    ``stems`` are the query's stem codes in order (None for a stem no memory holds),
    ``forms`` the :func:`form_of` of its words, ``lists`` the posting list of each stem,
    ``rare`` the (stem, weight) pairs read whole. The ``pool`` units sharing the most rare
    weight for their length are kept; each is then looked up in the lists of all the query's
    stems, which gives where each query stem first is in it and how its word is written there.
    The longest run of query stems found in the same order in the unit (a longest common
    subsequence, from those positions), less half the shared stems written differently
    (another clitic), over the longer length estimates the word-level score; the ``k`` best by
    it come first.
    """
    pool = POOL if pool is None else pool
    low, high = window
    n = len(stems)
    ids_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    lens_parts: list[np.ndarray] = []
    for stem, weight in rare:
        post = lists[stem]
        mask = (post.lens >= low) & (post.lens <= high)
        ids, lens = (post.ids, post.lens) if mask.all() else (post.ids[mask], post.lens[mask])
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
    longer = np.maximum(length, max(n, 1))
    estimate = shared / longer
    if len(units) > pool:
        top = np.argpartition(-estimate, pool - 1)[:pool]
        top.sort()  # units stay in id order for the look-ups
        units, longer, estimate = units[top], longer[top], estimate[top]
    rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for stem in dict.fromkeys(s for s in stems if s is not None):
        post = lists[stem]
        if not len(post):
            continue
        at = np.minimum(np.searchsorted(post.ids, units), len(post) - 1)
        rows[stem] = (np.where(post.ids[at] == units, post.pos[at].astype(np.int16), -1),
                      post.form[at])
    missing = (np.full(len(units), -1, np.int16), np.zeros(len(units), np.uint8))
    found = [rows.get(s, missing) if s is not None else missing for s in stems]
    positions = np.stack([f[0] for f in found])
    written = np.stack([f[1] for f in found])
    other_clitic = ((positions >= 0) & (written != forms[:, None])).sum(axis=0)
    similarity = _ordered_similarity(positions, longer, k, other_clitic)
    order = np.lexsort((-estimate, -similarity))
    if len(order) > k:  # the k best, then the best of those with few alike (copies of one
        # sentence crowd out no other match), VARIED_EXTRA at most
        varied = _few_alike(order, positions, written, longer)[:k]
        extra = varied[~np.isin(varied, order[:k])][:VARIED_EXTRA]
        order = np.concatenate([order[:k], extra])
    return units[order].astype(np.int64)


def _few_alike(
    order: np.ndarray, positions: np.ndarray, written: np.ndarray, longer: np.ndarray
) -> np.ndarray:
    """``order`` (units, best first) with at most :data:`ALIKE` of the units that have the
    same length and the query's words at the same places, written the same (told by a random
    weighting of those values: equal for copies, all but never for others): those ranked
    equal, the newest (highest ids) kept, as the matches list the newest first."""
    rows = len(positions)
    weights = np.resize(_WEIGHTS, 2 * rows)
    group = weights[:rows] @ positions + weights[rows:] @ written + longer
    # a group's units rank equal, so ``order`` holds them by id: backwards, the newest first
    backwards = order[::-1]
    by_group = np.argsort(group[backwards], kind="stable")
    grouped = group[backwards][by_group]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    nth = np.arange(len(grouped)) - np.repeat(starts, np.diff(np.r_[starts, len(grouped)]))
    keep = np.empty(len(order), bool)
    keep[by_group] = nth < ALIKE
    return order[keep[::-1]]


_WEIGHTS = np.random.default_rng(0).random(1024) + 1.0


def _ordered_similarity(
    positions: np.ndarray, longer: np.ndarray, k: int, penalty: np.ndarray
) -> np.ndarray:
    """(in_order(positions) - penalty / 2) / longer for the units that can be among the
    ``k`` best (-1 for the others). Each unit's bound (shared words less the penalty, never
    less than the value) orders them: the first ORDERED_FIRST·k are computed, then, in one more
    step, the others whose bound reaches the k-th value found."""
    bound = ((positions >= 0).sum(axis=0) - penalty / 2) / longer
    order = np.argsort(-bound, kind="stable")
    similarity = np.full(len(bound), -1.0)

    def compute(chosen: np.ndarray) -> None:
        similarity[chosen] = (in_order(positions[:, chosen]) - penalty[chosen] / 2) / longer[
            chosen
        ]

    first = order[: ORDERED_FIRST * k]
    compute(first)
    rest = order[len(first) :]
    if len(rest) and len(first) >= k:
        kth = np.partition(similarity[first], len(first) - k)[len(first) - k]
        rest = rest[bound[rest] >= kth]
        if len(rest):
            compute(rest)
    return similarity


def in_order(positions: np.ndarray) -> np.ndarray:
    """For each column (a unit), the longest run of rows (query words, in order) whose
    positions (-1: absent) increase: the words shared in the same order."""
    n = len(positions)
    if n > LONGEST_ORDERED:  # long queries: neighbouring pairs in order, a cheaper proxy
        present = positions >= 0
        pairs = (present[:-1] & (positions[1:] > positions[:-1])).sum(axis=0)
        return (present.sum(axis=0) + pairs) / 2
    best = np.zeros(positions.shape, np.int16)
    for i in range(n):
        here = positions[i]
        if i:
            before = positions[:i]
            chain = np.where((before >= 0) & (before < here), best[:i], 0).max(axis=0)
        else:
            chain = 0
        best[i] = np.where(here >= 0, chain + 1, 0)
    return best.max(axis=0)


def idf(size: int, total: int) -> float:
    """The weight of a stem held by ``size`` of ``total`` units."""
    return math.log(1.0 + total / max(size, 1))
