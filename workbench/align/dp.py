"""The dynamic-programming search over a band of the alignment matrix (numpy, row by row).

Cell ``(i, j)`` means "the first i Arabic and the first j English sentences are aligned".
Row ``i`` holds only the cells ``lo[i] <= j <= hi[i]`` (the band), stored at ``j - lo[i]``, so
time and memory grow with ``n × width`` instead of ``n × m``. Every move ``(k, l)`` with
``k >= 1`` comes from an earlier row; the English-only move ``(0, 1)`` is a running minimum
along the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INF = np.inf


@dataclass
class Band:
    """Column range ``lo[i]..hi[i]`` (inclusive) of every row ``i = 0..n``."""

    lo: np.ndarray
    hi: np.ndarray
    m: int

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        """Every cell."""
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64), m)

    @classmethod
    def around(cls, centre: np.ndarray, half_width: float, m: int) -> Band:
        """Cells within ``half_width`` columns of ``centre[i]`` (made monotone, ends included)."""
        n = len(centre) - 1
        lo = np.floor(centre - half_width).astype(np.int64)
        hi = np.ceil(centre + half_width).astype(np.int64)
        lo = np.clip(lo, 0, m)
        hi = np.clip(hi, 0, m)
        lo[0] = 0
        hi[n] = m
        lo = np.maximum.accumulate(lo)
        hi = np.minimum.accumulate(hi[::-1])[::-1].copy()
        hi = np.maximum(hi, lo)
        return cls(lo, hi, m)

    def columns(self) -> np.ndarray:
        """``J[i, d] = lo[i] + d``: the global column of every stored cell."""
        return self.lo[:, None] + np.arange(self.width, dtype=np.int64)[None, :]

    def touches(self, path: list[tuple[int, int]], margin: int = 2) -> bool:
        """Whether a path runs along an inner edge of the band (the band may be too narrow)."""
        for i, j in path:
            if j - self.lo[i] < margin and self.lo[i] > 0:
                return True
            if self.hi[i] - j < margin and self.hi[i] < self.m:
                return True
        return False


def search(
    band: Band,
    moves: list[tuple[int, int]],
    link_costs: list[np.ndarray],
    skip_en: np.ndarray,
) -> list[tuple[int, int]] | None:
    """The cheapest path from (0, 0) to (n, m) as its list of moves, in order.

    None when the band holds no path at all (it is too narrow).

    ``link_costs[x][i, d]`` is the cost of ending move ``moves[x]`` at cell ``(i, lo[i] + d)``
    (inf where impossible); ``skip_en[e]`` is the cost of leaving English sentence e unlinked.
    """
    n, m = band.n, band.m
    width = band.width
    lo, hi = band.lo, band.hi
    max_k = max(k for k, _ in moves)
    max_l = max(l for _, l in moves)
    shifts = [lo[i] - lo[max(i - max_k, 0)] for i in range(n + 1)]
    pad = int(max(shifts)) + max_l + 1
    cost = np.full((n + 1, width + 2 * pad), INF)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    skip_cum = np.concatenate([[0.0], np.cumsum(skip_en)])
    cols = np.arange(width)
    skip_code = len(moves)

    j0 = lo[0] + cols
    row0 = np.where(j0 <= hi[0], skip_cum[np.minimum(j0, m)], INF)
    cost[0, pad : pad + width] = row0
    back[0] = np.where(cols > 0, skip_code, -1)

    buf = np.empty((len(moves), width))
    for i in range(1, n + 1):
        buf.fill(INF)
        for x, (k, l) in enumerate(moves):
            if k > i:
                continue
            start = pad + int(lo[i] - lo[i - k] - l)
            np.add(cost[i - k, start : start + width], link_costs[x][i], out=buf[x])
        best_move = buf.argmin(axis=0)
        best = buf[best_move, cols]
        j = lo[i] + cols
        inside = j <= hi[i]
        base = skip_cum[np.minimum(j, m)]
        vals = np.where(inside, best - base, INF)
        run = np.minimum.accumulate(vals)
        from_left = run < vals
        row = np.where(inside, run + base, INF)
        cost[i, pad : pad + width] = row
        back[i] = np.where(from_left, skip_code, best_move)

    if not np.isfinite(cost[n, pad + m - lo[n]]):
        return None
    path: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        code = int(back[i, j - lo[i]])
        if code < 0:
            raise RuntimeError("alignment search found no path")  # pragma: no cover
        k, l = (0, 1) if code == skip_code else moves[code]
        path.append((k, l))
        i, j = i - k, j - l
    path.reverse()
    return path
