"""A word-translation table induced from confidently aligned sentence groups (IBM model 1).

The first alignment pass gives groups of Arabic and English sentences that surely translate
each other; a few EM iterations of IBM model 1 in both directions over their content-word
stems give t(english | arabic) and t(arabic | english). A pair's weight is the geometric
mean of the two, so that a pair must be likely both ways.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import chain, count
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from workbench.align import native as _native
from workbench.align.native import i64
from workbench.numeric import unique, unique_inverse
from workbench.threads import beside

ITERATIONS = 6
MIN_WEIGHT = 0.08
TOP = 3


def _ibm1(
    pair_src: np.ndarray, slots: tuple[np.ndarray, np.ndarray],
    pairs: tuple[np.ndarray, np.ndarray], n_src: int, number: np.ndarray | None = None,
    native: bool = True,
) -> np.ndarray:
    """t(target | source) for every distinct pair, by EM over pair instances.

    ``pair_src`` gives each distinct pair's source word (below ``n_src``); ``slots`` number
    the (link, target word) each instance explains, ``pairs`` its distinct pair, each in two
    parts (the instances are the first parts' then the second parts'; ``native``: the
    iterations in C when it is built and the indices are int32, the parts never joined; else
    in NumPy, the same sums). ``number``: the word pairs' numbers in ``pairs`` by their ranks
    (the first ranks; the null pairs after them are numbered as they are), see
    :func:`_first_numbers`; t comes by rank.
    """
    n_pairs = len(pair_src)
    t = np.ones(n_pairs)  # (by rank or by number alike)
    # (a core built before ibm1_numbered was added has none: NumPy's way then)
    if (native and hasattr(_native.core, "ibm1_numbered") and len(slots[0]) + len(slots[1])
            and all(part.dtype == np.int32 for part in (*slots, *pairs, pair_src))):
        numbers = np.zeros(0, dtype=np.int32) if number is None else number
        top = max(int(part.max()) for part in slots if len(part))
        _native.core.ibm1_numbered(t, numbers, slots[0], pairs[0], slots[1], pairs[1],
                                   pair_src, top + 1, n_src, ITERATIONS)
        if number is not None:
            t[:len(number)] = t[number]  # (by rank)
        return t
    slot, pair = np.concatenate(slots), np.concatenate(pairs)
    if number is not None:  # the instances' pairs by rank again
        rank = np.arange(n_pairs, dtype=pair.dtype)
        rank[number] = np.arange(len(number), dtype=pair.dtype)
        pair = rank[pair]
    for _ in range(ITERATIONS):
        p = t[pair]
        norm = np.bincount(slot, weights=p)
        post = p / norm[slot]
        counts = np.bincount(pair, weights=post, minlength=n_pairs)
        totals = np.bincount(pair_src, weights=counts, minlength=n_src)
        t = counts / np.maximum(totals[pair_src], 1e-12)
    return t


def _first_numbers(pair: np.ndarray, n_pairs: int) -> np.ndarray | None:
    """The pairs (``pair``: each instance's rank, below ``n_pairs``) numbered in the order the
    instances first name them, in place: the EM then finds a link's new pairs side by side in
    its tables, not spread over them by rank (5k: a sixth less CPU an EM, the same sums).
    Each rank's number; None (``pair`` unchanged) without the core's function or int32."""
    core = _native.core
    if core is None or not hasattr(core, "first_numbers") or pair.dtype != np.int32:
        return None
    number = np.empty(n_pairs, dtype=np.int32)
    core.first_numbers(pair, number)
    return number


class Numbered(NamedTuple):
    """Groups of words as numbers: group g's words are ``ids[start[g]:start[g + 1]]``, word
    i is ``words[i]`` (numbers in the order words first occur, as :meth:`of` gives them)."""

    ids: np.ndarray
    start: np.ndarray
    words: list[str]

    @classmethod
    def of(cls, groups: Sequence[Sequence[str]]) -> Numbered:
        """``groups`` numbered."""
        sizes = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
        number: defaultdict[str, int] = defaultdict(count().__next__)  # a new word: the next
        ids = np.fromiter(map(number.__getitem__, chain.from_iterable(groups)), dtype=np.int64,
                          count=int(sizes.sum()))
        return cls(ids, np.concatenate([[0], np.cumsum(sizes)]), list(number))


def _group_ids(
    groups: Numbered, native: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(group, word id) of every distinct word of every group, sorted by group then id, with
    ids renumbered in the order words first occur; and each new id's number in ``groups``
    (``native``: in one pass in C where it is built, a few short sorts; else NumPy's sorts)."""
    ids = groups.ids
    core = _native.core
    if native and hasattr(core, "group_words") and len(ids):  # (not in a core built before)
        out = np.empty((3, len(ids)), dtype=np.int64)
        counts = core.group_words(i64(ids), i64(groups.start), out[0], out[1], out[2])
        if counts is not None:
            entries, words = counts
            return out[0, :entries], out[1, :entries], out[2, :words]
    order = np.argsort(ids, kind="stable")
    ranked = ids[order]
    first = np.empty(len(ids), dtype=bool)
    first[:1] = True
    np.not_equal(ranked[1:], ranked[:-1], out=first[1:])
    seen = ranked[first][np.argsort(order[first])]  # the numbers, by where they first occur
    renumber = np.zeros(int(seen.max()) + 1 if len(seen) else 0, dtype=np.int64)
    renumber[seen] = np.arange(len(seen))
    owner = np.repeat(np.arange(len(groups.start) - 1, dtype=np.int64), np.diff(groups.start))
    key = unique(owner * (len(seen) + 1) + renumber[ids])
    return key // (len(seen) + 1), key % (len(seen) + 1), seen


def _cross(
    a_g: np.ndarray, e_g: np.ndarray, n_groups: int, dtype: type = np.int64
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of an Arabic and an English word entry of one group, group by group, Arabic
    entry major (as ``meshgrid(..., indexing="ij")`` gives them): the entries' indices."""
    count_e = np.bincount(e_g, minlength=n_groups)
    start_e = np.cumsum(count_e) - count_e
    per_a = count_e[a_g]
    before = np.cumsum(per_a) - per_a  # the pairs of the Arabic entries before each
    total = int(before[-1] + per_a[-1]) if len(per_a) else 0
    a_pos = np.repeat(np.arange(len(a_g), dtype=dtype), per_a)
    # the English entry: its group's first, plus how far into the Arabic entry's run it is
    e_pos = np.arange(total, dtype=dtype)
    e_pos += np.repeat((start_e[a_g] - before).astype(dtype), per_a)
    return a_pos, e_pos


def _pair_numbers(
    a_w: np.ndarray, e_w: np.ndarray, a_pos: np.ndarray, e_pos: np.ndarray, n_a: int, n_e: int,
    dtype: type,
) -> tuple[np.ndarray, np.ndarray]:
    """``unique_inverse(a_w[a_pos] * (n_e + 1) + e_w[e_pos], dtype)``: the distinct word pairs'
    keys and each instance's pair. In C where it is built, the keys never stored, by a bitmap
    of the keys present (no larger than the instances): a 5k text's million instances 25 ms
    in NumPy (two gathers, the keys, a rank table that outgrows the caches), ≈ 6 ms."""
    core = _native.core
    width = n_e + 1
    if (core is None or not hasattr(core, "pair_ranks") or dtype != np.int32
            or a_pos.dtype != np.int32 or e_pos.dtype != np.int32 or not len(a_pos)
            or n_a * width >= 64 * len(a_pos)):  # (a core built before it: NumPy's way)
        return unique_inverse(a_w[a_pos] * width + e_w[e_pos], dtype)
    inverse = np.empty(len(a_pos), dtype=np.int32)
    uniq = np.empty(len(a_pos), dtype=np.int64)
    count = core.pair_ranks(i64(a_w), i64(e_w), a_pos, e_pos, n_a, width, inverse, uniq)
    return uniq[:count].copy(), inverse  # (a copy: not the whole room kept)


def induce_table(
    ar_groups: Sequence[Sequence[str]], en_groups: Sequence[Sequence[str]]
) -> dict[str, list[tuple[str, float]]]:
    """For each Arabic stem, its likely English stems with weights, from aligned groups.

    ``ar_groups[g]`` and ``en_groups[g]`` are the stems of the g-th pair of aligned groups.
    """
    return numbered_table(Numbered.of(ar_groups), Numbered.of(en_groups))


def numbered_table(ar: Numbered, en: Numbered) -> dict[str, list[tuple[str, float]]]:
    """:func:`induce_table` of groups already numbered (a text's stems are numbered once for
    every table; the numbers need not be those :meth:`Numbered.of` gives the groups)."""
    n_groups = len(ar.start) - 1
    a_g, a_w, ar_seen = _group_ids(ar)
    e_g, e_w, en_seen = _group_ids(en)
    n_a, n_e = len(ar_seen), len(en_seen)
    # Instance and pair indices in int32 (half the memory the EM reads) while they fit.
    total = int(np.bincount(e_g, minlength=n_groups)[a_g].sum())
    index = np.int32 if total + n_a + n_e < 2**31 else np.int64
    a_pos, e_pos = _cross(a_g, e_g, n_groups, index)
    if not len(a_pos):
        return {}
    # Every instance of a distinct pair; a word entry of a group (a slot) is explained by the
    # other side's words of its group or by that side's null word (one per group and side):
    # null pairs are numbered after the word pairs, by the word they explain, and have the
    # null word (n_a, n_e) as their source.
    uniq, pair = _pair_numbers(a_w, e_w, a_pos, e_pos, n_a, n_e, index)
    n_real = len(uniq)
    number = _first_numbers(pair, n_real)
    e_in = np.flatnonzero(np.bincount(a_g, minlength=n_groups)[e_g] > 0)
    a_in = np.flatnonzero(np.bincount(e_g, minlength=n_groups)[a_g] > 0)
    src_a = np.concatenate([uniq // (n_e + 1), np.full(n_e, n_a)]).astype(index)
    src_e = np.concatenate([uniq % (n_e + 1), np.full(n_a, n_e)]).astype(index)
    # The two directions at once: their EM runs in C without the interpreter's lock. The
    # null instances follow the word pairs' (``pair``, shared by both, is not copied).
    with beside(  # t(e | a)
        _ibm1, src_a, (e_pos, e_in.astype(index)), (pair, (n_real + e_w[e_in]).astype(index)),
        n_a + 1, number,
    ) as forward:
        t_bw = _ibm1(  # t(a | e)
            src_e, (a_pos, a_in.astype(index)), (pair, (n_real + a_w[a_in]).astype(index)),
            n_e + 1, number,
        )
        t_fw = forward.result()
    weight = np.sqrt(t_fw[:n_real] * t_bw[:n_real])
    keep = weight >= MIN_WEIGHT
    src = uniq[keep] // (n_e + 1)
    tgt = uniq[keep] % (n_e + 1)
    weight = weight[keep]
    ok = (src < n_a) & (tgt < n_e)
    ar_words, en_words = ar.words, en.words
    table: dict[str, list[tuple[str, float]]] = {}
    for s, t, w in zip(ar_seen[src[ok]].tolist(), en_seen[tgt[ok]].tolist(),
                       weight[ok].tolist(), strict=True):
        table.setdefault(ar_words[s], []).append((en_words[t], w))
    for key, options in table.items():
        options.sort(key=itemgetter(1), reverse=True)  # stable: ties keep their order
        table[key] = options[:TOP]
    return table
