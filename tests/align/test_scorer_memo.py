"""A scorer computes its sentences' concept masses once, and keeps its last links' stats
(workbench/align/scoring.py): what it gives again is what it computes afresh, for other
links, for a scorer made from it with other weights, and it cannot be changed in place."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from workbench.align.scoring import LengthModel, Params, Scorer
from workbench.align.sparse import SparseRows

ARABIC = [{0: 1.0, 1: 1.0}, {2: 1.0, 3: 0.5}, {4: 1.0}]
ENGLISH = [{0: 1.0}, {1: 1.0, 2: 1.0}, {3: 1.0, 4: 1.0}]


def _scorer(weight: np.ndarray) -> Scorer:
    return Scorer(np.arange(4.0), np.arange(4.0), SparseRows.from_dicts(ARABIC),
                  SparseRows.from_dicts(ENGLISH), weight, LengthModel(1.0, 1.0), Params())


def _fresh(scorer: Scorer, links: list[tuple[list[int], list[int]]]) -> tuple[np.ndarray, ...]:
    """The stats of ``links`` by a scorer of the same fields that kept nothing."""
    return dataclasses.replace(scorer).link_stats(links)


def test_the_last_links_stats_are_kept_and_others_computed() -> None:
    scorer = _scorer(np.ones(5))
    one = [([0], [0, 1]), ([1], [2]), ([2], [])]
    other = [([0], [0]), ([1], [1]), ([2], [2])]
    first = scorer.link_stats(one)
    assert scorer.link_stats([(list(a), list(e)) for a, e in one]) is first  # equal links
    again = scorer.link_stats(other)
    assert not np.array_equal(first[1], again[1])
    for links, got in ((other, again), (one, scorer.link_stats(one))):
        for mine, theirs in zip(got, _fresh(scorer, links), strict=True):
            assert np.array_equal(mine, theirs)


def test_kept_links_changed_afterwards_are_computed_again() -> None:
    """The links are compared by value with a copy: a list changed in place after the call
    is not taken for the links it was."""
    scorer = _scorer(np.ones(5))
    links = [([0], [0]), ([1], [1]), ([2], [2])]
    first = scorer.link_stats(links)
    links[0][1].append(1)
    links[1][1].remove(1)
    moved = scorer.link_stats(links)
    assert moved is not first
    assert np.array_equal(moved[1], _fresh(scorer, links)[1])


def test_masses_are_the_scorers_own_and_read_only() -> None:
    scorer = _scorer(np.ones(5))
    mass_a, mass_e = scorer.masses()
    assert scorer.masses()[0] is mass_a
    assert np.array_equal(mass_a, [2.0, 1.5, 1.0]) and np.array_equal(mass_e, [1.0, 2.0, 2.0])
    heavier = dataclasses.replace(scorer, weight=np.full(5, 2.0))
    assert np.array_equal(heavier.masses()[0], [4.0, 3.0, 2.0])
    assert np.array_equal(scorer.masses()[0], [2.0, 1.5, 1.0])
    with pytest.raises(ValueError):
        mass_a[0] = 0.0
    with pytest.raises(ValueError):
        scorer.link_stats([([0], [0])])[1][0] = 0.0
