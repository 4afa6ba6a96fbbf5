"""Pairing the paragraphs of two texts whose paragraph counts differ (a translation that joins
or splits a paragraph here and there).

Paragraphs are long, so their lengths say a lot: a Gale–Church search over paragraph lengths in
characters (links 1–1, 1–2, 2–1, 2–2, 1–3, 3–1, and 1–0 / 0–1: a paragraph the translation
leaves out or adds, for a flat cost instead of a length cost) groups them, and the
groups then serve the sentence aligner as paragraphs that face each other. The pairing is
trusted only when nearly every link is 1–1 (the texts share their paragraph structure);
otherwise the caller aligns the whole text at once, the paragraphs only soft evidence there: a
link that starts where both sides start a paragraph gains a bonus (:func:`paragraph_starts`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MOVES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0))
# An Arabic paragraph left out (1–0), or an English one added (0–1: a translator's note),
# costs LEFT_OUT whatever its length. Merged into a 2–1 (1–2) link with its neighbour
# instead, as before, one of a hundred characters or more beside one of 400 costs more, and
# the sentences of the pair were then linked shifted, most of them confidently (TICO-19).
LEFT_OUT = 4.5
ADDED = len(MOVES)  # the 0–1 step's code in the back pointers (taken along a row)
PRIOR = {(1, 1): 0.0, (1, 2): 4.0, (2, 1): 4.0, (2, 2): 7.0, (1, 3): 8.0, (3, 1): 8.0,
         (1, 0): LEFT_OUT}
SPREAD = 0.12  # the relative deviation of a paragraph's length from the expected one (1σ)
MIN_ONE_TO_ONE = 0.9
# Where the paragraphs do not pair (fewer than MIN_ONE_TO_ONE of the links 1–1), a link that
# starts where both sides start a paragraph costs this much less (a cost in the search's
# units). Strict link F1 through the real paragraph files, plain / FreeDict, of corpora/hayy,
# hayy2 and fisherman (0.707/0.713, 0.736/0.811, 0.822/0.889 without): at 0.75 hayy2
# 0.736/0.860 only; from 1.0 hayy 0.687 plain (one link) and fisherman 0.822/0.917; at 1.25
# hayy 0.687/0.740 and fisherman 0.852/0.917; at 1.5 hayy 0.646/0.720. Checked at 1.25 on frame
# (0.729/0.804 -> 0.742/0.845), nights (unchanged), udhr and companies (unchanged).
# BENCHMARKS.md, stop 54.
START_BONUS = 1.25
BLOCK = 2048  # rows whose move costs are computed at once


def pair_paragraphs(
    ar_lengths: Sequence[float], en_lengths: Sequence[float], band: int = 40
) -> list[tuple[list[int], list[int]]] | None:
    """Links of paragraphs (Arabic indices, English indices), or None when the texts do not
    share their paragraph structure (fewer than 90 % of the links 1–1)."""
    la = np.asarray(ar_lengths, dtype=np.float64)
    le = np.asarray(en_lengths, dtype=np.float64)
    n, m = len(la), len(le)
    if not n or not m:
        return None
    ratio = le.sum() / max(la.sum(), 1.0)
    ca = np.concatenate([[0.0], np.cumsum(la * ratio)])
    ce = np.concatenate([[0.0], np.cumsum(le)])
    width = 2 * band + 1 + abs(n - m)
    inf = np.inf
    cost = np.full((n + 1, width), inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    # row i holds columns j = lo[i] .. lo[i] + width - 1 around the diagonal
    lo = np.clip(np.round(np.arange(n + 1) * m / n).astype(np.int64) - band - max(0, n - m),
                 0, m)
    cost[0, : min(width, m + 1)] = LEFT_OUT * np.arange(min(width, m + 1))  # English added
    back[0, 1 : min(width, m + 1)] = ADDED
    flat = np.append(cost.reshape(-1), inf)  # the last cell: where impossible moves come from
    never = len(flat) - 1
    prior = np.array([PRIOR[mv] for mv in MOVES])[:, None]
    cols = np.arange(width)
    for first in range(1, n + 1, BLOCK):
        # Every move's source cell and length cost for a block of rows at once; then row by
        # row, only the sources' costs are read (each row needs the rows before it).
        rows = np.arange(first, min(first + BLOCK, n + 1))
        j = lo[rows][:, None] + cols  # (rows, width)
        source = np.empty((len(MOVES), len(rows), width), dtype=np.int64)
        length = np.empty((len(MOVES), len(rows), width))
        for x, (k, el) in enumerate(MOVES):
            before = np.maximum(rows - k, 0)[:, None]
            pj = j - el
            d = pj - lo[before]
            ok = (pj >= 0) & (d >= 0) & (d < width) & (j <= m) & (rows >= k)[:, None]
            source[x] = np.where(ok, before * width + np.clip(d, 0, width - 1), never)
            a = (ca[rows] - ca[before[:, 0]])[:, None]
            e = ce[np.minimum(j, m)] - ce[np.clip(pj, 0, m)]
            delta = (e - a) / (SPREAD * (a + e) / 2 + 50.0)
            length[x] = 0.0 if el == 0 else np.minimum(delta * delta / 2, 50.0)
        for r, i in enumerate(rows):
            c = flat.take(source[:, r])
            c += length[:, r]
            c += prior
            arg = c.argmin(axis=0)
            best = c[arg, cols]
            best, arg = _added_paragraphs(best, arg, lo[i] + cols <= m)
            flat[i * width : (i + 1) * width] = best
            back[i] = np.where(np.isfinite(best), arg, -1)
    cost = flat[:-1].reshape(n + 1, width)
    end = m - lo[n]
    if not (0 <= end < width) or not np.isfinite(cost[n, end]):
        return None
    links: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = int(back[i, j - lo[i]])
        if step < 0:
            return None
        k, el = (0, 1) if step == ADDED else MOVES[step]
        links.append((list(range(i - k, i)), list(range(j - el, j))))
        i, j = i - k, j - el
    if j != 0:
        return None
    links.reverse()
    ones = sum(1 for a, e in links if len(a) == 1 and len(e) == 1)
    if ones < MIN_ONE_TO_ONE * len(links):
        return None
    return links


def _added_paragraphs(best: np.ndarray, arg: np.ndarray,
                     valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A row's costs and moves with English paragraphs added (0–1 steps along the row, each
    LEFT_OUT) where that is cheaper: a running minimum of ``best`` less LEFT_OUT a column."""
    steps = LEFT_OUT * np.arange(len(best))
    run = np.where(valid, np.minimum.accumulate(best - steps) + steps, np.inf)
    took = run < best - 1e-9  # not where the sum only rounds below ``best`` itself
    return np.where(took, run, best), np.where(took, ADDED, arg)


def group_ids(
    links: list[tuple[list[int], list[int]]], ar: Sequence[Sequence[str]],
    en: Sequence[Sequence[str]],
) -> tuple[list[int], list[int]]:
    """The group (paragraph link) of every sentence of both sides."""
    ar_group = [0] * len(ar)
    en_group = [0] * len(en)
    for g, (a, e) in enumerate(links):
        for p in a:
            ar_group[p] = g
        for p in e:
            en_group[p] = g
    return ([ar_group[p] for p, par in enumerate(ar) for _ in par],
            [en_group[p] for p, par in enumerate(en) for _ in par])


def paragraph_starts(
    ar: Sequence[Sequence[str]], en: Sequence[Sequence[str]]
) -> tuple[np.ndarray, np.ndarray]:
    """Per Arabic and per English sentence, START_BONUS ** 0.5 where it starts a paragraph,
    else 0: a link starting at two such sentences gains START_BONUS."""
    def side(pars: Sequence[Sequence[str]]) -> np.ndarray:
        out = np.zeros(sum(map(len, pars)), dtype=np.float32)
        first = np.cumsum([0, *map(len, pars)])[:-1]
        out[first[[bool(p) for p in pars]]] = START_BONUS ** 0.5
        return out

    return side(ar), side(en)
