"""A length-based dynamic-programming sentence aligner (Gale-Church style)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from workbench.align.model import Alignment

_MOVES = {(1, 1): 0.0, (1, 0): 4.5, (0, 1): 4.5, (2, 1): 2.3, (1, 2): 2.3, (2, 2): 3.5}


def _length_cost(ar_len: int, en_len: int, ratio: float) -> float:
    expected = ar_len * ratio
    if expected == 0 and en_len == 0:
        return 0.0
    delta = (en_len - expected) / math.sqrt(max(expected, 1.0) * 6.8)
    return delta * delta / 2


def align_sentences(ar: Sequence[str], en: Sequence[str]) -> Alignment:
    """Align two lists of sentences by character length."""
    n, m = len(ar), len(en)
    if n == 0 or m == 0:
        links = [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
        return Alignment(links, [0.0] * len(links))
    ratio = sum(map(len, en)) / max(sum(map(len, ar)), 1)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            base = cost[i][j]
            if base == inf:
                continue
            for (di, dj), penalty in _MOVES.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                a = sum(len(s) for s in ar[i:ni])
                e = sum(len(s) for s in en[j:nj])
                c = base + penalty + (_length_cost(a, e, ratio) if di and dj else 0.0)
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    links: list[tuple[list[int], list[int]]] = []
    conf: list[float] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        step = cost[i][j] - cost[i - di][j - dj]
        links.append((list(range(i - di, i)), list(range(j - dj, j))))
        conf.append(round(math.exp(-step / 4), 4))
        i, j = i - di, j - dj
    links.reverse()
    conf.reverse()
    return Alignment(links, conf)


def align_paragraphs(ar: Sequence[Sequence[str]], en: Sequence[Sequence[str]]) -> Alignment:
    """Align paragraph by paragraph when the counts agree, else the whole text at once."""
    flat_ar = [s for p in ar for s in p]
    flat_en = [s for p in en for s in p]
    if len(ar) != len(en):
        return align_sentences(flat_ar, flat_en)
    out = Alignment()
    ai = ei = 0
    for pa, pe in zip(ar, en, strict=True):
        out.extend(align_sentences(pa, pe).shifted(ai, ei))
        ai += len(pa)
        ei += len(pe)
    return out
