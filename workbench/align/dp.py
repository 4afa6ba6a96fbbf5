"""The dynamic-programming search over a band of the alignment matrix (numpy, row by row).

Cell ``(i, j)`` means "the first i Arabic and the first j English sentences are aligned".
Row ``i`` holds only the cells ``lo[i] <= j <= hi[i]`` (the band), stored at ``j - lo[i]``, so
time and memory grow with ``n × width`` instead of ``n × m``. Every move ``(k, l)`` with
``k >= 1`` comes from an earlier row; the English-only move ``(0, 1)`` is a running minimum
along the row.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from workbench.align import native as _native
from workbench.threads import beside

INF = np.inf
_HUGE = 1e300


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

    def up_to(self, n: int, m: int) -> Band:
        """The band's cells up to row n and column m (for a path ending at (n, m))."""
        return Band(np.minimum(self.lo[: n + 1], m), np.minimum(self.hi[: n + 1], m), m)

    def within(self, limits: Band | None) -> Band:
        """This band cut down to ``limits`` (e.g. the cells that paragraphs allow)."""
        if limits is None:
            return self
        lo = np.maximum(self.lo, limits.lo)
        hi = np.minimum(self.hi, limits.hi)
        bad = lo > hi  # the band misses the allowed cells of a row: take them all
        lo[bad] = limits.lo[bad]
        hi[bad] = limits.hi[bad]
        return Band(np.maximum.accumulate(lo), np.minimum.accumulate(hi[::-1])[::-1].copy(),
                    self.m)

    def touches(self, cells: np.ndarray, limits: Band | None = None, margin: int = 2) -> bool:
        """Whether a path (its ``cells``, rows of (i, j)) runs along an inner edge of the band
        (the band may be too narrow). Edges that are ``limits``' own (or the matrix's) do not
        count."""
        i, j = cells[:, 0], cells[:, 1]
        lo, hi = self.lo[i], self.hi[i]
        floor = limits.lo[i] if limits is not None else 0
        ceiling = limits.hi[i] if limits is not None else self.m
        return bool(np.any(((j - lo < margin) & (lo > floor))
                           | ((hi - j < margin) & (hi < ceiling))))

    @classmethod
    def paragraphs(cls, ar_par: np.ndarray, en_par: np.ndarray) -> Band:
        """The cells that keep paragraph p of one side within a paragraph of paragraph p of the
        other (p − 1 .. p + 1: a link may run over a break into the paragraph beside it).

        ``ar_par[a]`` / ``en_par[e]`` number each sentence's paragraph (in order, the same
        numbers on both sides). Row i may reach the English of the paragraphs beside those of
        Arabic sentences i−1 and i.
        """
        n, m = len(ar_par), len(en_par)
        count = int(max(ar_par.max(initial=-1), en_par.max(initial=-1))) + 1
        starts = np.searchsorted(en_par, np.arange(count) - 1, side="left")
        ends = np.searchsorted(en_par, np.arange(count) + 1, side="right")
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m, dtype=np.int64)
        if n:
            lo[1:] = starts[ar_par]
            hi[:-1] = ends[ar_par]
        return cls(np.maximum.accumulate(lo), np.minimum.accumulate(hi[::-1])[::-1].copy(), m)


class _Layout:
    """Index arithmetic shared by the forward and backward passes."""

    def __init__(self, band: Band, moves: list[tuple[int, int]]) -> None:
        self.band = band
        self.n, self.m, self.width = band.n, band.m, band.width
        self.ks = np.array([k for k, _ in moves], dtype=np.int64)
        self.ls = np.array([el for _, el in moves], dtype=np.int64)
        lo = band.lo
        max_k = int(self.ks.max())
        rows = np.arange(self.n + 1)
        span = int((lo[rows] - lo[np.maximum(rows - max_k, 0)]).max())
        self.pad = span + int(self.ls.max()) + 1
        self.stride = self.width + 2 * self.pad
        self.cols = np.arange(self.width)

    def row_starts(self) -> tuple[np.ndarray, np.ndarray]:
        """For every row at once: the flat index of each move's source cell for column 0
        (``sources`` without the columns) and the row's stored width ``hi - lo + 1``."""
        lo = self.band.lo
        rows = np.arange(self.n + 1)
        prev = np.maximum(rows[:, None] - self.ks[None, :], 0)
        start = prev * self.stride + self.pad + lo[:, None] - lo[prev] - self.ls[None, :]
        widths = np.minimum(self.band.hi - lo + 1, self.width)
        return start, widths

    def sources(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Flat indices (moves × width) of the cells each move at row ``i`` comes from."""
        lo = self.band.lo
        prev = np.maximum(i - self.ks, 0)
        start = prev * self.stride + self.pad + lo[i] - lo[prev] - self.ls
        return start[:, None] + self.cols[None, :], self.ks > i

    def row_targets(self, ring: int) -> np.ndarray:
        """For every row at once: the flat index, in a buffer of ``ring`` rows per move, of
        the cell each move from the row reaches, for column 0 (``targets`` without the
        columns, with each move's own buffer offset)."""
        lo = self.band.lo
        rows = np.arange(self.n + 1)
        nxt = np.minimum(rows[:, None] + self.ks[None, :], self.n)
        moves = np.arange(len(self.ks)) * (ring * self.stride)
        return moves + (nxt % ring) * self.stride + self.pad + lo[:, None] + self.ls - lo[nxt]


class _Rows:
    """Row access to link costs given whole (an array ``[move, row, d]``) or in blocks (an
    object with ``blocks``, a list of (start, stop) row ranges, and ``get(k)``)."""

    def __init__(self, link_costs: object) -> None:
        if hasattr(link_costs, "blocks") and hasattr(link_costs, "get"):
            self.source = link_costs
            self.starts = [start for start, _ in link_costs.blocks]  # type: ignore[attr-defined]
        else:
            arr = link_costs if isinstance(link_costs, np.ndarray) else np.stack(link_costs)  # type: ignore[arg-type]
            self.source = None
            self.starts = [0]
            self._arr = arr
        self._k = -1
        self._start = 0
        self._stop = 0
        self._block: np.ndarray | None = None

    def count(self) -> int:
        """How many blocks of rows there are."""
        return 1 if self.source is None else len(self.starts)

    def block(self, k: int) -> tuple[int, np.ndarray]:
        """Block ``k``: its first row and its costs ``[move, row - first, d]``."""
        if self.source is None:
            return 0, self._arr
        return self.starts[k], self.source.get(k)  # type: ignore[attr-defined]

    def native(self, width: int) -> bool:
        """Whether the C loops can read these costs (float32 blocks of the band's width,
        as :class:`~workbench.align.scoring.BlockCosts` gives them)."""
        if _native.core is None:
            return False
        if self.source is not None:  # blocks of the band's width, of the source's dtype
            return getattr(self.source, "DTYPE", None) is np.float32
        arr = self._arr
        return arr.dtype == np.float32 and arr.flags.c_contiguous and arr.shape[2] == width

    def row(self, i: int) -> np.ndarray:
        """``costs[:, i, :]`` (moves × band width)."""
        if self.source is None:
            return self._arr[:, i, :]
        if not (self._start <= i < self._stop):
            k = bisect_right(self.starts, i) - 1
            self._k = k
            self._start, self._stop = self.source.blocks[k]  # type: ignore[attr-defined]
            self._block = self.source.get(k)  # type: ignore[attr-defined]
        assert self._block is not None
        return self._block[:, i - self._start, :]


def search(
    band: Band,
    moves: list[tuple[int, int]],
    link_costs: np.ndarray | list[np.ndarray],
    skip_en: np.ndarray,
    native: bool = True,
    tails: tuple[np.ndarray, np.ndarray] | None = None,
    ends: list[tuple[int, int]] | None = None,
    head: np.ndarray | None = None,
) -> list[tuple[int, int]] | None:
    """The cheapest path from (0, 0) to (n, m) as its list of moves, in order (``native``:
    the row loop in C when it is built; False: in NumPy, the same results).

    None when the band holds no path at all (it is too narrow).

    ``link_costs[x, i, d]`` is the cost of ending move ``moves[x]`` at cell ``(i, lo[i] + d)``
    (inf where impossible); ``skip_en[e]`` is the cost of leaving English sentence e unlinked.
    ``tails``: the costs of ending early, ``tails[0][i]`` with the Arabic sentences i..
    unlinked once the English is done (a translation of the text's beginning only; 0 at n),
    ``tails[1][j]`` with the English sentences j.. unlinked once the Arabic is done (the
    translation of a longer text; 0 at m); the path then ends with those sentences unlinked.
    ``ends``: the cell where the path meets its tail is appended to it ((n, m) without one).
    ``head[j]``: the cost of starting late, at (0, j), the English sentences ..j-1 unlinked
    (the costs of an Arabic head are the link costs' (1, 0) down the first column).
    """
    costs = _Rows(link_costs)
    lay = _Layout(band, moves)
    n, m, width, pad = lay.n, lay.m, lay.width, lay.pad
    lo, hi = band.lo, band.hi
    cost = np.full((n + 1, lay.stride), INF)
    flat = cost.reshape(-1)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    skip_cum = np.concatenate([[0.0], np.cumsum(skip_en)])
    cols = lay.cols
    skip_code = len(moves)

    j0 = lo[0] + cols
    first = _first_row(skip_cum, head)
    cost[0, pad : pad + width] = np.where(j0 <= hi[0], first[np.minimum(j0, m)], INF)
    back[0] = np.where(cols > 0, skip_code, -1)
    # Row by row over the stored cells lo[i]..hi[i] only (the rest of a row stays inf).
    starts, widths = lay.row_starts()
    if native and costs.native(width):
        w64, lo64 = widths.astype(np.int64, copy=False), lo.astype(np.int64, copy=False)
        for k in range(costs.count()):
            first, block = costs.block(k)
            stop = min(first + block.shape[1], n + 1)
            _native.core.search_rows(
                flat, back, starts, w64, lo64, skip_cum, lay.ks, block, first, max(first, 1),
                stop, block.shape[2], pad, lay.stride, width, skip_code,
            )
    else:
        _search_rows(costs, lay, cost, back, starts, widths, skip_cum, skip_code)

    end_i, end_j = (n, m) if tails is None else _cheapest_end(cost, lo, hi, pad, tails)
    if not np.isfinite(cost[end_i, pad + end_j - lo[end_i]]):
        return None
    if ends is not None:
        ends.append((end_i, end_j))
    path: list[tuple[int, int]] = [(1, 0)] * (n - end_i) + [(0, 1)] * (m - end_j)
    i, j = end_i, end_j
    back_at, lo_at = back.reshape(-1).item, lo.tolist()  # Python ints: no NumPy scalar a step
    while i > 0 or j > 0:
        code = back_at(i * width + j - lo_at[i])
        if code < 0:
            raise RuntimeError("alignment search found no path")  # pragma: no cover
        k, el = (0, 1) if code == skip_code else moves[code]
        path.append((k, el))
        i, j = i - k, j - el
    path.reverse()
    return path


def _first_row(skip_cum: np.ndarray, head: np.ndarray | None) -> np.ndarray:
    """The cheapest way to each cell (0, j): skipping the English sentences one by one, or
    starting late at some (0, c) and skipping from there."""
    if head is None:
        return skip_cum
    return np.minimum.accumulate(head - skip_cum) + skip_cum


def _cheapest_end(
    cost: np.ndarray, lo: np.ndarray, hi: np.ndarray, pad: int,
    tails: tuple[np.ndarray, np.ndarray],
) -> tuple[int, int]:
    """The cell where the cheapest path ends before its tail: (i, m) with the Arabic
    sentences i.. unlinked or (n, j) with the English j.. unlinked ((n, m): no tail)."""
    n, m = len(lo) - 1, len(tails[1]) - 1
    rows = np.flatnonzero((lo <= m) & (m <= hi))[::-1]  # ties: the later end
    by_row = cost[rows, pad + m - lo[rows]] + tails[0][rows]
    cols = np.arange(hi[n], lo[n] - 1, -1)
    by_col = cost[n, pad + cols - lo[n]] + tails[1][cols]
    if by_col.min(initial=np.inf) < by_row.min(initial=np.inf):
        return n, int(cols[np.argmin(by_col)])
    return int(rows[np.argmin(by_row)]), m


def _search_rows(
    costs: _Rows, lay: _Layout, cost: np.ndarray, back: np.ndarray, starts: np.ndarray,
    widths: np.ndarray, skip_cum: np.ndarray, skip_code: int,
) -> None:
    """The row loop of :func:`search` in NumPy: rows 1..n of ``cost`` and ``back``."""
    flat, pad, cols, lo = cost.reshape(-1), lay.pad, lay.cols, lay.band.lo
    max_k = int(lay.ks.max())
    for i in range(1, lay.n + 1):
        w = int(widths[i])
        if w <= 0:
            continue
        c = cols[:w]
        cand = flat.take(starts[i][:, None] + c)
        cand += costs.row(i)[:, :w]
        if i < max_k:
            cand[lay.ks > i] = INF
        best_move = cand.argmin(axis=0)
        best = cand[best_move, c]
        base = skip_cum[lo[i] : lo[i] + w]
        vals = best - base
        run = np.minimum.accumulate(vals)
        cost[i, pad : pad + w] = run + base
        back[i, :w] = np.where(run < vals, skip_code, best_move)


def _softmin(stack: np.ndarray, temperature: float) -> np.ndarray:
    """−T·log Σ exp(−x/T) down axis 0, safe with inf."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return _softmin_raw(np.array(stack, dtype=np.float64), temperature)


def _softmin_raw(stack: np.ndarray, temperature: float) -> np.ndarray:
    """``_softmin`` for callers that already silence floating-point warnings; ``stack`` is
    overwritten. A column of inf only gives exp(−inf) = 0 terms, log 0 = −inf and inf out."""
    low = stack.min(axis=0)
    np.minimum(low, _HUGE, out=low)  # inf columns: a finite shift that keeps them inf
    np.subtract(low, stack, out=stack)  # −(x − low), exactly
    if temperature != 1.0:
        stack /= temperature
    np.exp(stack, out=stack)
    total = np.log(stack.sum(axis=0))
    if temperature != 1.0:
        total *= temperature
    return low - total


def _soft_scan(direct: np.ndarray, base: np.ndarray, temperature: float) -> np.ndarray:
    """``out[j] = softmin(direct[j], out[j−1] + base[j] − base[j−1])`` along the row."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        return _soft_scan_raw(direct, base, temperature)


def _soft_scan_raw(direct: np.ndarray, base: np.ndarray, temperature: float) -> np.ndarray:
    """``_soft_scan`` for callers that already silence floating-point warnings (``direct``
    holds no nan and no −inf, so inf cells need no special case: exp(−inf) = 0)."""
    vals = base - direct  # −(direct − base), exactly
    if temperature != 1.0:
        vals /= temperature
    acc = np.logaddexp.accumulate(vals)
    if temperature != 1.0:
        acc *= temperature
    return base - acc


def posteriors(
    band: Band,
    moves: list[tuple[int, int]],
    link_costs: np.ndarray | list[np.ndarray],
    skip_en: np.ndarray,
    path: list[tuple[int, int]],
    temperature: float = 1.0,
    native: bool = True,
    head: np.ndarray | None = None,
) -> list[float]:
    """The probability of each link of ``path`` among all paths of the band.

    Costs are read as −log probabilities (scaled by ``temperature``); forward and backward
    sums over the band give each link's posterior probability (``native``: the row loops in
    C when they are built; False: in NumPy). ``head``: as for :func:`search`.
    """
    costs = _Rows(link_costs)
    lay = _Layout(band, moves)
    n, m, width, pad = lay.n, lay.m, lay.width, lay.pad
    lo = band.lo
    index = {mv: x for x, mv in enumerate(moves)}
    # The cost of each link of the path, read while its end row is at hand.
    wanted: dict[int, list[tuple[int, int, int]]] = {}
    i = j = 0
    for number, (k, el) in enumerate(path):
        i2, j2 = i + k, j + el
        if k:
            wanted.setdefault(i2, []).append((number, index[(k, el)], j2 - lo[i2]))
        i, j = i2, j2
    path_cost = [0.0] * len(path)
    skip_cum = np.concatenate([[0.0], np.cumsum(skip_en)])
    fwd = np.full((n + 1, lay.stride), INF)
    bwd = np.full((n + 1, lay.stride), INF)
    # Backward sums need link cost + bwd of the target cell: kept for the last rows only.
    ring = int(lay.ks.max()) + 1
    ahead = np.full((len(moves), ring, lay.stride), INF)
    starts, widths = lay.row_starts()
    reach = lay.row_targets(ring)
    if native and costs.native(width):
        args = (widths.astype(np.int64, copy=False), lo.astype(np.int64, copy=False), skip_cum,
                lay.ks)
        w0 = int(widths[0])
        if w0 > 0:
            fwd[0, pad : pad + w0] = _soft_scan(_entries(head, lo[0], w0),
                                                skip_cum[lo[0] : lo[0] + w0], temperature)

        def forward(first: int, block: np.ndarray) -> None:
            stop = min(first + block.shape[1], n + 1)
            _native.core.forward_rows(fwd, starts, *args, block, first, max(first, 1), stop,
                                      width, pad, lay.stride, temperature)

        def backward(first: int, block: np.ndarray) -> None:
            stop = min(first + block.shape[1], n + 1)
            _native.core.backward_rows(bwd, ahead, reach, *args, block, first, stop, first,
                                       width, pad, lay.stride, width, ring, n, m, temperature)
            for i in range(first, stop):
                for number, x, at in wanted.get(i, ()):
                    path_cost[number] = float(block[x, i - first, at])

        if costs.count() == 1:
            # The forward sums in a thread while this one takes the backward sums: their row
            # loops run in C without the interpreter's lock, and neither writes what the
            # other reads.
            only = costs.block(0)
            with beside(forward, *only) as done:
                backward(*only)
                done.result()
        else:
            for k in range(costs.count()):
                forward(*costs.block(k))
            for k in reversed(range(costs.count())):
                backward(*costs.block(k))
    else:
        _posterior_rows(costs, lay, fwd, bwd, ahead, reach, starts, widths, skip_cum, wanted,
                        path_cost, temperature, _entries(head, lo[0], int(widths[0])))
    total = fwd[n, pad + m - lo[n]]

    def probability(value: np.ndarray) -> np.ndarray:
        return np.exp(-np.minimum(np.maximum(value, 0.0), 50.0) / temperature)

    # each link's cells (i, j) -> (i2, j2), all at once (the same sums, in the same order)
    steps = np.asarray(path, dtype=np.int64).reshape(-1, 2)
    after = np.cumsum(steps, axis=0)
    before = after - steps
    link = np.asarray(path_cost, dtype=np.float64)
    skips = steps[:, 0] == 0
    link[skips] = skip_en[before[skips, 1]]
    i, j, i2, j2 = before[:, 0], before[:, 1], after[:, 0], after[:, 1]
    out: list[float] = probability(
        fwd[i, pad + j - lo[i]] + link + bwd[i2, pad + j2 - lo[i2]] - total).tolist()
    if head is not None:  # English left before the first link: the paths entering after it too
        lead = next((t for t, (k, _) in enumerate(path) if k), len(path))
        w0 = min(int(widths[0]), m + 1)
        entry = np.zeros(max(w0, 0))
        entry[1:] = probability(head[1:w0] + bwd[0, pad + 1 : pad + w0] - total)
        later = np.concatenate([np.cumsum(entry[::-1])[::-1], [0.0]])
        for t in range(min(lead, w0 - 1)):
            out[t] = min(1.0, out[t] + float(later[t + 1]))
    return out


def _entries(head: np.ndarray | None, lo0: int, width: int) -> np.ndarray:
    """The costs of entering row 0 at each of its cells: 0 at (0, 0), ``head`` elsewhere
    (inf without one)."""
    direct = np.full(width, INF)
    if lo0 == 0 and width:
        direct[0] = 0.0
        if head is not None:
            direct[1:] = head[1:width]
    return direct


def _posterior_rows(
    costs: _Rows, lay: _Layout, fwd: np.ndarray, bwd: np.ndarray, ahead: np.ndarray,
    reach: np.ndarray, starts: np.ndarray, widths: np.ndarray, skip_cum: np.ndarray,
    wanted: dict[int, list[tuple[int, int, int]]], path_cost: list[float], temperature: float,
    entries: np.ndarray,
) -> None:
    """The forward and backward sums of :func:`posteriors`, row by row in NumPy (and the
    path's link costs, read on the way)."""
    n, m, width, pad = lay.n, lay.m, lay.width, lay.pad
    lo = lay.band.lo
    cols = lay.cols
    fwd_flat = fwd.reshape(-1)
    ring = ahead.shape[1]
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        max_k = int(lay.ks.max())
        # Rows are computed over their stored cells lo[i]..hi[i] only (the rest stays inf).
        for i in range(n + 1):
            w = int(widths[i])
            if w <= 0:
                continue
            base = skip_cum[lo[i] : lo[i] + w]
            if i == 0:
                direct = entries[:w]
            else:
                cand = fwd_flat.take(starts[i][:, None] + cols[:w])
                cand += costs.row(i)[:, :w]
                if i < max_k:
                    cand[lay.ks > i] = INF
                direct = _softmin_raw(cand, temperature)
            fwd[i, pad : pad + w] = _soft_scan_raw(direct, base, temperature)
        ahead_flat = ahead.reshape(-1)
        for i in range(n, -1, -1):
            w = int(widths[i])
            if w > 0:
                if i == n:
                    direct = np.where(lo[i] + cols[:w] == m, 0.0, INF)
                else:
                    cand = ahead_flat.take(reach[i][:, None] + cols[:w])
                    if i + max_k > n:
                        cand[i + lay.ks > n] = INF
                    direct = _softmin_raw(cand, temperature)
                base = -skip_cum[lo[i] : lo[i] + w]
                rev = _soft_scan_raw(direct[::-1], base[::-1], temperature)[::-1]
                bwd[i, pad : pad + w] = rev
            row = costs.row(i)
            for number, x, at in wanted.get(i, ()):
                path_cost[number] = float(row[x, at])
            ahead[:, i % ring, pad : pad + width] = row + bwd[i, pad : pad + width]
