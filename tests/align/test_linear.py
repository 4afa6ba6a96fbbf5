"""The alignment's cost stays linear: blocks of rows priced alone equal the whole band, and a
coarse pass keeps the band narrow however long the text (no timing: the band is measured)."""

from __future__ import annotations

import numpy as np
import pytest

import workbench.align.aligner as aligner_module
from tests.align.wordsets import second_pass_scorer
from tests.conftest import CORPORA
from workbench.align.aligner import TwoPassAligner, _diagonal
from workbench.align.dictionary import ConceptRows
from workbench.align.dp import Band, search
from workbench.align.scoring import MOVES, BlockCosts


def _texts(size: int) -> tuple[list[str], list[str]]:
    ar = (CORPORA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
    en = (CORPORA / "ntrex128" / "en.txt").read_text(encoding="utf-8").splitlines()
    reps = size // len(ar) + 1
    return (ar * reps)[:size], (en * reps)[:size]


def test_blocks_of_rows_price_exactly_the_whole_band(monkeypatch: pytest.MonkeyPatch) -> None:
    ar, en = _texts(150)
    en = [*en[:40], en[40] + " " + en[41], *en[42:]]  # a 2-1 link, so the path bends
    aligner = TwoPassAligner(ar, en)
    scorer = second_pass_scorer(aligner)
    centre, half = _diagonal(scorer)
    band = Band.around(centre, half, scorer.m)
    whole = BlockCosts(scorer, band, MOVES).get(0)  # one block: the whole band
    assert whole.shape[1] == band.n + 1
    monkeypatch.setattr(BlockCosts, "BUDGET", len(MOVES) * band.width * 4 * 20)
    blocks = BlockCosts(scorer, band, MOVES)
    assert len(blocks.blocks) >= 3
    parts = np.concatenate([blocks.get(k) for k in range(len(blocks.blocks))], axis=1)
    np.testing.assert_allclose(parts, whole, rtol=1e-5)
    skip = scorer.skip_en()
    assert search(band, MOVES, blocks, skip) == search(band, MOVES, whole, skip)


def test_the_band_does_not_widen_with_the_length(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aligner_module, "COARSE_ROWS", 150)
    monkeypatch.setattr(aligner_module, "FULL_DP_CELLS", 10_000)
    cells_per_row = []
    for size in (600, 1800):
        ar, en = _texts(size)
        en = [*en[:size // 2], en[size // 2] + " " + en[size // 2 + 1], *en[size // 2 + 2:]]
        aligner = TwoPassAligner(ar, en)
        result = aligner.run()
        mid = size // 2
        gold = {((i,), (i if i < mid else i - 1,)) for i in range(size) if i not in (mid, mid + 1)}
        gold.add(((mid, mid + 1), (mid,)))
        found = {(tuple(a), tuple(e)) for a, e in result.links}
        assert len(found & gold) >= len(gold) - 2
        assert max(aligner.widths) <= 2 * (aligner_module.COARSE_FACTOR + 4) + 4
        cells_per_row.append(aligner.cells / size)
    assert cells_per_row[1] <= cells_per_row[0] * 1.15  # linear, not n·sqrt(n)


def test_a_sentences_dictionary_concepts_join_its_row_without_merged_bags() -> None:
    """The first pass's rows hold each sentence's anchors and then its dictionary concepts,
    as rows of the two bags merged would (those merged copies of every bag took 150–220 MB
    that stayed, importing 100,000 sentences with FreeDict)."""
    from workbench.align.aligner import _Vectors

    ar = [{"N:5": 1.0}, {}, {"P:?": 1.0, "N:7": 1.0}]
    en = [{"N:5": 1.0}, {"N:7": 1.0}, {}]
    ar_more = [{"W:كتب": 1.0, "V:book": 0.5}, {"W:شمس": 1.0}, {}]
    en_more = [{"V:book": 1.0}, {}, {"W:شمس": 1.0, "V:sun": 1.0}]
    merged = _Vectors()
    want = merged.build([{**a, **d} for a, d in zip(ar, ar_more, strict=True)],
                        [{**e, **d} for e, d in zip(en, en_more, strict=True)])
    joined = _Vectors()
    names = ["V:sun", "V:book", "W:شمس", "W:كتب"]  # numbered in another order than used
    ar_rows, en_rows = ConceptRows(names), ConceptRows(names)
    for rows, bags in ((ar_rows, ar_more), (en_rows, en_more)):
        for bag in bags:
            rows.append({names.index(c): v for c, v in bag.items()})
        assert list(rows) == bags
    got = joined.build(ar, en, (ar_rows, en_rows))
    assert joined.ids == merged.ids
    for g, w in zip(got, want, strict=True):
        assert g.n_rows == w.n_rows
        for name in ("row", "col", "data"):
            np.testing.assert_array_equal(getattr(g, name), getattr(w, name))
