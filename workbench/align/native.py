"""The aligner's optional C part (``_dpcore``, built by setup.py when a compiler is there):
the coverage tables' instance loop, the link costs' cells (a large band's rows in two halves
at once), the search's and the posteriors' row loops, IBM model 1's iterations, the numbering
of each group's words and of its word pairs. ``core`` is None without it, and the callers
run the same computations in NumPy with the same results."""

from __future__ import annotations

from types import ModuleType

import numpy as np

core: ModuleType | None
try:
    from workbench.align import _dpcore as core
except ImportError:  # pragma: no cover - no compiler at install
    core = None


def i64(a: np.ndarray) -> np.ndarray:
    """``a`` as the core takes an array of integers: contiguous int64 (no copy when it is)."""
    return np.ascontiguousarray(a, dtype=np.int64)


def f64(a: np.ndarray) -> np.ndarray:
    """``a`` as contiguous float64 for the core."""
    return np.ascontiguousarray(a, dtype=np.float64)


def f32(a: np.ndarray) -> np.ndarray:
    """``a`` as contiguous float32 for the core."""
    return np.ascontiguousarray(a, dtype=np.float32)
