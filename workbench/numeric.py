"""Array helpers the text engine and the translation memory share (numpy only)."""

from __future__ import annotations

import numpy as np


def unique(values: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-d integer array, sorted: ``np.unique(values)``.

    numpy 2.3+ answers a plain ``np.unique`` with a hash table that is about a hundred times
    slower than sorting on the arrays the aligner builds (0.5 s against 5 ms for 680,000
    keys); this sorts a copy and drops repeats.
    """
    dense = _dense_marks(values)
    if dense is not None:
        return np.flatnonzero(dense).astype(values.dtype, copy=False)
    out = np.sort(values, kind="stable")
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def unique_inverse(
    values: np.ndarray, dtype: type = np.intp
) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for a 1-d array of integers, the inverse as
    ``dtype`` (np.int32 where the caller keeps it so: no wider copy).

    Each value is sorted together with its position, packed in one int64 (value above,
    position below): a plain sort of those is about a third quicker than the argsort numpy
    does (the aligner's word-pair keys: 55 → 38 ms for a million). Negative values, or values
    too large to pack, are left to numpy.
    """
    n = len(values)
    dense = _dense_marks(values)
    if dense is not None:
        uniq = np.flatnonzero(dense)
        rank = np.empty(len(dense), dtype=np.int32)  # read only where a value is
        rank[uniq] = np.arange(len(uniq), dtype=np.int32)
        return uniq.astype(values.dtype, copy=False), rank[values].astype(dtype, copy=False)
    bits = max(1, int(n).bit_length())
    top = int(values.max()) if n else 0
    if n < 2 or int(values.min()) < 0 or top.bit_length() + bits > 62:
        uniq, inverse = np.unique(values, return_inverse=True)
        return uniq, inverse.reshape(-1).astype(dtype, copy=False)
    packed = np.sort((values.astype(np.int64) << bits) | np.arange(n, dtype=np.int64))
    keys = packed >> bits
    first = np.empty(n, dtype=bool)
    first[0] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    inverse = np.empty(n, dtype=dtype)
    inverse[packed & ((1 << bits) - 1)] = np.cumsum(first) - 1
    return keys[first].astype(values.dtype, copy=False), inverse


def median(values: np.ndarray) -> float:
    """``float(np.median(values))`` of a 1-d array, the same value (NaN when one is NaN or
    there are none): numpy's median imports numpy.ma on its first call, 10–25 ms of a
    command's start."""
    ordered = np.sort(values)
    half = len(ordered) // 2
    if not len(ordered) or np.isnan(ordered[-1]):  # (NaNs sort last)
        return float("nan")
    if len(ordered) % 2:
        return float(ordered[half])
    return float((ordered[half - 1] + ordered[half]) / 2)


def sorted_intersection(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.intersect1d(a, b, return_indices=True)`` for two sorted 1-d arrays of distinct
    values (as :func:`unique` gives them): each of ``a`` looked up in ``b`` by bisection, not
    the whole of both sorted again (150,000 keys each: 7 → 3 ms)."""
    at = np.searchsorted(b, a)
    if not len(b):
        return a[:0], at[:0], at[:0]
    hit = np.flatnonzero(b[np.minimum(at, len(b) - 1)] == a)
    return a[hit], hit, at[hit]

# A range of values up to this many times the count (and under DENSE_MAX_RANGE) is marked in
# an array of flags instead of sorted: linear time, the same answer (measured on a 5k alignment:
# the aligner's word-pair keys, 980,000 in a range of 4 million, 60 -> 12-15 ms).
DENSE_RANGE_FACTOR = 8
DENSE_MAX_RANGE = 1 << 23


def _dense_marks(values: np.ndarray) -> np.ndarray | None:
    """Flags over ``0..max(values)`` of the values present, when the integers are
    non-negative and their range is small for their count (else None: sort them)."""
    n = len(values)
    if n < 1024 or values.dtype.kind not in "iu":
        return None
    top = int(values.max())
    if top >= min(DENSE_RANGE_FACTOR * n, DENSE_MAX_RANGE) or int(values.min()) < 0:
        return None
    marks = np.zeros(top + 1, dtype=bool)
    marks[values] = True
    return marks
