"""Fixtures of the alignment tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workbench.align import Alignment, aligner


def _check_structure(result: Alignment, n: int, m: int) -> None:
    """Every index of both sides exactly once, in document order, confidences in [0, 1]."""
    ar = [a for link, _ in result.links for a in link]
    en = [e for _, link in result.links for e in link]
    assert ar == list(range(n))
    assert en == list(range(m))
    assert len(result.confidence) == len(result.links)
    assert all(0.0 <= c <= 1.0 for c in result.confidence)
    for a, e in result.links:
        assert a or e
        assert len(a) <= 9 and len(e) <= 9  # many-to-many too when made of clauses


@pytest.fixture
def check_structure() -> Callable[[Alignment, int, int], None]:
    """Asserts the structural promises of an alignment."""
    return _check_structure


def unchanged(links: list, confidence: list[float]) -> list[float]:
    """Stands in for :func:`workbench.align.calibration.recalibrated`: the aligner's own
    confidences, for the tests of the rules that set them."""
    return list(confidence)


@pytest.fixture
def own_confidences(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alignments keep the aligner's own confidences (not recalibrated against the text's
    median link)."""
    monkeypatch.setattr(aligner, "recalibrated", unchanged)
