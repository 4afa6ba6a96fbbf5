"""The aligner's C loops (``workbench/align/_dpcore.c``, optional) compute exactly what the
NumPy loops compute: the same coverage tables, paths, posteriors and word tables, and the
same alignments."""

from __future__ import annotations

import numpy as np
import pytest

import workbench.align.aligner as aligner
import workbench.align.lexicon as lexicon
import workbench.align.scoring as scoring
from bench.align import hayy_set, layout_set, scale_set
from workbench.align import align_sentences, native

needs_core = pytest.mark.skipif(native.core is None, reason="the C part is not built here")

TEXTS = {
    "hayy": lambda: hayy_set()[:2],
    "news, 3,000 lines (coarse pass, blocks of rows)": lambda: scale_set(3000),
}


@needs_core
@pytest.mark.parametrize("name", list(TEXTS))
def test_every_table_search_posterior_and_word_table_is_the_same_in_c_and_numpy(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {"search": 0, "posteriors": 0, "ibm1": 0, "coverage": 0}
    search, posteriors, ibm1 = aligner.search, aligner.posteriors, lexicon._ibm1
    coverage = scoring.coverage_table

    def both_coverage(*args: object) -> np.ndarray:
        fast = coverage(*args)
        assert np.array_equal(fast, coverage(*args, native=False))
        seen["coverage"] += 1
        return fast

    def both_search(*args: object) -> object:
        path = search(*args)
        assert path == search(*args, native=False)
        seen["search"] += 1
        return path

    def both_posteriors(*args: object, **kwargs: object) -> object:
        fast = posteriors(*args, **kwargs)
        assert fast == posteriors(*args, **kwargs, native=False)
        seen["posteriors"] += 1
        return fast

    def both_ibm1(*args: object) -> np.ndarray:
        fast = ibm1(*args)
        assert np.array_equal(fast, ibm1(*args, native=False))
        seen["ibm1"] += 1
        return fast

    monkeypatch.setattr(aligner, "search", both_search)
    monkeypatch.setattr(aligner, "posteriors", both_posteriors)
    monkeypatch.setattr(lexicon, "_ibm1", both_ibm1)
    monkeypatch.setattr(scoring, "coverage_table", both_coverage)
    ar, en = TEXTS[name]()
    align_sentences(ar, en)
    assert seen["search"] >= 3 and seen["posteriors"] == 1 and seen["ibm1"] >= 4
    assert seen["coverage"] >= 6


def test_without_the_c_part_the_alignment_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    ar, en, _, marks = layout_set(5, both=False)
    before = align_sentences(ar, en, continues=marks)
    monkeypatch.setattr(native, "core", None)
    after = align_sentences(ar, en, continues=marks)
    assert after.links == before.links
    assert after.confidence == before.confidence
