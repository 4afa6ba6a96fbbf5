"""The aligner's optional C part (``_dpcore``, built by setup.py when a compiler is there):
the coverage tables' instance loop, the link costs' cells, the search's and the posteriors'
row loops and IBM model 1's iterations. ``core`` is None without it, and the callers run the
same computations in NumPy with the same results."""

from __future__ import annotations

from types import ModuleType

core: ModuleType | None
try:
    from workbench.align import _dpcore as core
except ImportError:  # pragma: no cover - no compiler at install
    core = None
