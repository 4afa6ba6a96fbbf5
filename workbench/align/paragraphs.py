"""Pairing the paragraphs of two texts whose paragraph counts differ (a translation that joins
or splits a paragraph here and there).

Paragraphs are long, so their lengths say a lot: a Gale–Church search over paragraph lengths in
characters (links 1–1, 1–2, 2–1, 2–2, 1–3, 3–1; no paragraph left alone) groups them, and the
groups then serve the sentence aligner as paragraphs that face each other. The pairing is
trusted only when nearly every link is 1–1 (the texts share their paragraph structure);
otherwise the caller aligns the whole text at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MOVES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
PRIOR = {(1, 1): 0.0, (1, 2): 4.0, (2, 1): 4.0, (2, 2): 7.0, (1, 3): 8.0, (3, 1): 8.0}
SPREAD = 0.12  # the relative deviation of a paragraph's length from the expected one (1σ)
MIN_ONE_TO_ONE = 0.9


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
    cost[0, 0 - lo[0]] = 0.0
    cols = np.arange(width)
    for i in range(1, n + 1):
        j = lo[i] + cols
        best = np.full(width, inf)
        arg = np.full(width, -1, dtype=np.int8)
        for x, (k, el) in enumerate(MOVES):
            if k > i:
                continue
            pj = j - el
            d = pj - lo[i - k]
            ok = (pj >= 0) & (d >= 0) & (d < width) & (j <= m)
            prev = np.where(ok, cost[i - k, np.clip(d, 0, width - 1)], inf)
            a = ca[i] - ca[i - k]
            e = ce[np.minimum(j, m)] - ce[np.clip(pj, 0, m)]
            delta = (e - a) / (SPREAD * (a + e) / 2 + 50.0)
            c = prev + np.minimum(delta * delta / 2, 50.0) + PRIOR[(k, el)]
            better = c < best
            best[better] = c[better]
            arg[better] = x
        cost[i] = best
        back[i] = arg
    end = m - lo[n]
    if not (0 <= end < width) or not np.isfinite(cost[n, end]):
        return None
    links: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i > 0:
        k, el = MOVES[int(back[i, j - lo[i]])]
        links.append((list(range(i - k, i)), list(range(j - el, j))))
        i, j = i - k, j - el
    if j != 0:
        return None
    links.reverse()
    ones = sum(1 for a, e in links if len(a) == 1 and len(e) == 1)
    if ones < MIN_ONE_TO_ONE * len(links):
        return None
    return links


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
