"""Sparse sentence vectors and how much of one sentence a run of others covers (numpy only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from workbench.align import native as _native
from workbench.align.native import f64, i64

_CHUNK_PAIRS = 1_000_000


@dataclass
class SparseRows:
    """One sparse vector per sentence: ``row[k]`` has weight ``data[k]`` on column ``col[k]``.

    Entries are sorted by row.
    """

    row: np.ndarray
    col: np.ndarray
    data: np.ndarray
    n_rows: int

    @classmethod
    def from_dicts(cls, rows: Sequence[Mapping[int, float]]) -> SparseRows:
        """Build from one {column: weight} mapping per sentence."""
        r: list[int] = []
        c: list[int] = []
        d: list[float] = []
        for i, vec in enumerate(rows):
            for k, v in vec.items():
                if v:
                    r.append(i)
                    c.append(k)
                    d.append(v)
        return cls(
            np.array(r, dtype=np.int64), np.array(c, dtype=np.int64),
            np.array(d, dtype=np.float64), len(rows),
        )

    def rows(self, first: int, stop: int) -> SparseRows:
        """Rows ``first..stop-1`` as a matrix of their own (rows are kept in order)."""
        lo = int(np.searchsorted(self.row, first, side="left"))
        hi = int(np.searchsorted(self.row, stop, side="left"))
        return SparseRows(self.row[lo:hi] - first, self.col[lo:hi], self.data[lo:hi], stop - first)

    def scaled(self, column_weights: np.ndarray) -> SparseRows:
        """Each entry multiplied by its column's weight."""
        return SparseRows(self.row, self.col, self.data * column_weights[self.col], self.n_rows)


def coverage_table(
    src: SparseRows, dst: SparseRows, lo: np.ndarray, width: int, reach: int,
    native: bool = True,
) -> np.ndarray:
    """How much of each source sentence a run of destination sentences covers.

    ``out[s, t, l - 1]`` = Σ over the columns c of source row s of ``src[s, c] · dst[p, c]``,
    where p is the first destination row in ``lo[s] + t .. lo[s] + t + l - 1`` holding c
    (nothing when none does), for ``0 <= t < width`` and ``1 <= l <= reach``. A column counts
    once however many rows of the run hold it: this is coverage, not a sum of dot products.
    ``native``: the instance loop in C when it is built (False: NumPy; the same sums).
    """
    n, m = src.n_rows, dst.n_rows
    out = np.zeros(n * width * reach, dtype=np.float32)
    if len(src.row) == 0 or len(dst.row) == 0:
        return out.reshape(n, width, reach)
    s_lo = lo[src.row]
    s_hi = np.minimum(s_lo + width + reach - 1, m)
    # (a core built before column_runs was added has none: NumPy's way then)
    if native and hasattr(_native.core, "column_runs") and _ascending(dst.row):
        order, start, stop = _column_runs(dst, src.col, s_lo, s_hi)
    else:
        order, start, stop = _key_runs(dst, src.col, s_lo, s_hi, m)
    d_row = dst.row[order]
    d_col = dst.col[order]
    d_val = dst.data[order]
    prev = np.full(len(d_row), -(10**9), dtype=np.int64)
    same = d_col[1:] == d_col[:-1]
    prev[1:][same] = d_row[:-1][same]
    counts = np.maximum(stop - start, 0)
    ends = np.cumsum(counts)
    if native and _native.core is not None:
        _native.core.coverage_chunks(
            out, i64(counts), i64(ends), i64(start), i64(src.row), f64(src.data), i64(d_row),
            i64(prev), f64(d_val), i64(lo), width, reach, _CHUNK_PAIRS,
        )
        return _running_sum(out.reshape(n, width, reach), reach, native)
    first = 0
    while first < len(counts):
        done = ends[first - 1] if first else 0
        last = min(max(int(np.searchsorted(ends, done + _CHUNK_PAIRS // reach)), first + 1),
                   len(counts))
        c = counts[first:last]
        k = int(c.sum())
        first_next = last
        if k:
            which = np.repeat(np.arange(first, last), c)
            pos = start[which] + np.arange(k) - np.repeat(np.cumsum(c) - c, c)
            s = src.row[which]
            p = d_row[pos]
            t_lo = np.maximum(np.maximum(prev[pos] + 1, p - reach + 1), lo[s]) - lo[s]
            t_hi = np.minimum(p, lo[s] + width - 1) - lo[s]
            span = np.maximum(t_hi - t_lo + 1, 0)
            total = int(span.sum())
            if total:
                rep = np.repeat(np.arange(k), span)
                # The cell of start offset t = t_lo + u (u = 0 .. span − 1) and run length
                # index d = p − lo[s] − t is (s·width + t)·reach + d
                # = s·width·reach + p − lo[s] + t·(reach − 1): one gather per instance, then
                # a step of reach − 1 cells per u.
                step = reach - 1
                offset = np.cumsum(span) - span
                cell = s * (width * reach) + (p - lo[s]) + step * (t_lo - offset)
                flat = cell[rep] + step * np.arange(total)
                val = (src.data[which] * d_val[pos])[rep]
                first_cell = int(s[0]) * width * reach  # rows come in order: add to a slice
                part = np.bincount(flat - first_cell, weights=val)
                out[first_cell : first_cell + len(part)] += part
        first = first_next
    return _running_sum(out.reshape(n, width, reach), reach)


def _ascending(values: np.ndarray) -> bool:
    """Whether ``values`` never decrease (a SparseRows' rows, as its entries are kept)."""
    return bool(len(values) < 2 or (values[1:] >= values[:-1]).all())


def _column_runs(
    dst: SparseRows, src_col: np.ndarray, s_lo: np.ndarray, s_hi: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_key_runs` by ``_dpcore``'s counting sort of the columns and a bisection within
    each (``dst``'s rows ascending: the order a stable sort by column then row gives)."""
    assert _native.core is not None
    n_cols = int(max(dst.col.max(), src_col.max())) + 1
    order = np.empty(len(dst.col), dtype=np.int64)
    col_ptr = np.empty(n_cols + 1, dtype=np.int64)
    start = np.empty(len(src_col), dtype=np.int64)
    stop = np.empty(len(src_col), dtype=np.int64)
    _native.core.column_runs(order, col_ptr, start, stop, i64(dst.col), i64(dst.row),
                             i64(src_col), i64(s_lo), i64(s_hi))
    return order, start, stop


def _key_runs(
    dst: SparseRows, src_col: np.ndarray, s_lo: np.ndarray, s_hi: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``dst``'s entries in order of column, then row (``order``), and where the rows from
    ``s_lo`` and from ``s_hi`` of each source entry's column begin in that order."""
    # one sort of the entries' keys when they are distinct (as they are), a stable sort by
    # both otherwise (the sums keep the same order either way)
    key = dst.col * (m + 1) + dst.row
    order = np.argsort(key)
    d_key = key[order]
    if len(d_key) > 1 and not (d_key[1:] != d_key[:-1]).all():
        order = np.lexsort((dst.row, dst.col))
        d_key = key[order]
    base = src_col * (m + 1)
    # Searched in key order (twice as fast as in row order: each search starts where the last
    # one ended); the ends of the windows come in about the same order as their starts.
    lo_key = base + s_lo
    by_key = np.argsort(lo_key)
    start = np.empty_like(lo_key)
    stop = np.empty_like(lo_key)
    start[by_key] = np.searchsorted(d_key, lo_key[by_key], side="left")
    hi_key = base + s_hi
    stop[by_key] = np.searchsorted(d_key, hi_key[by_key], side="left")
    return order, start, stop


def _running_sum(table: np.ndarray, reach: int, native: bool = False) -> np.ndarray:
    """``table`` summed along its last axis, in place (np.cumsum is slow on so short an
    axis; ``native``: in C when it is built, one pass, the same additions)."""
    if native and hasattr(_native.core, "running_sums") and table.flags.c_contiguous:
        _native.core.running_sums(table, reach)
        return table
    for d in range(1, reach):
        table[:, :, d] += table[:, :, d - 1]
    return table
