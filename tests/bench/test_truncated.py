"""The literary texts cut short for the bench's robust mean (bench/align.py ``truncated``)."""

from __future__ import annotations

import pytest

from bench.align import LITERARY, truncated


@pytest.mark.parametrize("cut", [3, 6])
def test_a_text_cut_short_ends_where_a_gold_link_ends(cut: int) -> None:
    for name, make in LITERARY:
        whole = make()
        ar, en, gold = truncated(whole, cut)
        assert len(whole[0]) - len(ar) >= cut, name  # at least that many Arabic sentences go
        assert (ar, en) == (whole[0][: len(ar)], whole[1][: len(en)])
        assert sorted(i for a, _ in gold for i in a) == list(range(len(ar))), name
        assert sorted(j for _, e in gold for j in e) == list(range(len(en))), name
        assert gold == whole[2][: len(gold)]
    assert truncated(whole, 0) is whole
