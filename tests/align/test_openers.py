"""Openers: a line of connectives with nothing to match it by ("Now, therefore,") joins the
link of the sentence it opens without a shape penalty, when that sentence shares a concept
with the link's other side."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import udhr_set
from workbench.align import align_sentences
from workbench.align.dp import Band
from workbench.align.scoring import LengthModel, Params, Scorer, openers
from workbench.align.sparse import SparseRows

MOVES = [(1, 1), (1, 2), (2, 1)]


def test_openers_are_bare_lines_ending_in_a_comma_or_colon() -> None:
    sentences = ["Now, therefore,", "The General Assembly", "Whereas peace is essential,",
                 "وعليه،", "Provided that:", "Now, therefore.", "In witness whereof, ”",
                 "Whereas they have agreed as follows,"]
    # sentence 2 holds a concept; 5 ends with a full stop; the last is no fragment (6 words:
    # a sentence the aligner has no word for, as in a long text without a dictionary)
    concepts = SparseRows.from_dicts([{}, {0: 1.0}, {1: 1.0}, {}, {}, {}, {}, {}])
    assert openers(sentences, concepts).tolist() == [True, False, False, True, True, False,
                                                     True, False]


@pytest.mark.parametrize("native", [True, False])
def test_an_english_opener_joins_the_next_sentences_link_without_its_shape_penalty(
    native: bool,
) -> None:
    band = Band.full(2, 3)
    opener = np.array([False, True, False])  # English 1 opens English 2
    x = SparseRows.from_dicts([{1: 1.0}, {0: 1.0}])
    y = SparseRows.from_dicts([{1: 1.0}, {}, {0: 1.0}])
    ar_cum, en_cum = np.array([0.0, 10.0, 14.0]), np.array([0.0, 12.0, 15.0, 20.0])

    def costs(open_: np.ndarray | None, y_: SparseRows = y) -> np.ndarray:
        return Scorer(ar_cum, en_cum, x, y_, np.ones(3), LengthModel(1.2, 2.0), Params(),
                      en_open=open_).link_costs(band, MOVES, native=native)

    before, after = costs(None), costs(opener)
    prior = Params().prior(1, 2)
    # the link of Arabic 1 with English 1-2 (move (1, 2) ending at row 2, column 3)
    assert after[1, 2, 3] == pytest.approx(before[1, 2, 3] - prior)
    # the opener at the end of a link, and every other cell, unchanged
    changed = np.argwhere(after != before)
    assert changed.tolist() == [[1, 2, 3]]
    # English 2 shares nothing with Arabic 1: nothing tells where the opener goes
    other = SparseRows.from_dicts([{1: 1.0}, {}, {2: 1.0}])
    assert np.array_equal(costs(opener, other), costs(None, other))


@pytest.mark.parametrize("native", [True, False])
def test_an_arabic_opener_joins_the_next_sentences_link(native: bool) -> None:
    band = Band.full(3, 2)
    x = SparseRows.from_dicts([{1: 1.0}, {}, {0: 1.0}])
    y = SparseRows.from_dicts([{1: 1.0}, {0: 1.0}])
    ar_cum, en_cum = np.array([0.0, 10.0, 12.0, 16.0]), np.array([0.0, 12.0, 18.0])

    def costs(open_: np.ndarray | None) -> np.ndarray:
        return Scorer(ar_cum, en_cum, x, y, np.ones(3), LengthModel(1.2, 2.0), Params(),
                      ar_open=open_).link_costs(band, MOVES, native=native)

    before, after = costs(None), costs(np.array([False, True, False]))
    assert after[2, 3, 2] == pytest.approx(before[2, 3, 2] - Params().prior(2, 1))
    assert np.argwhere(after != before).tolist() == [[2, 3, 2]]


def test_udhr_now_therefore_goes_with_the_general_assembly() -> None:
    """The UDHR's "Now, therefore," (no word a dictionary or the basic vocabulary gives) was
    joined by lengths to the preamble clause before it; it opens "The General Assembly",
    which "فإن الجمعية العامة" translates."""
    ar, en, _ = udhr_set()
    assert (en[9], en[10]) == ("Now, therefore,", "The General Assembly")
    links = align_sentences(ar, en).links
    assert ([8], [8]) in links
    assert ([9], [9, 10]) in links
