"""A translation that moves a paragraph break by a sentence or two: its paragraphs still pair
1–1 by their lengths, and the pairs, as evidence rather than bounds, neither force the links
across the moved break nor stop counting where the breaks are shared."""

from __future__ import annotations

import numpy as np

from bench.align import Link, fisherman_set, strict_f1
from workbench.align import align_paragraphs
from workbench.align.dp import Band
from workbench.align.paragraphs import pair_paragraphs


def _paragraphs(gold: list[Link], cuts: set[int], sentences: list[str], side: int
                ) -> list[list[str]]:
    """One side's sentences in paragraphs that break before the gold links ``cuts``."""
    out: list[list[str]] = [[]]
    for k, link in enumerate(gold):
        if k in cuts and out[-1]:
            out.append([])
        out[-1].extend(sentences[i] for i in link[side])
    return out


def test_a_moved_break_keeps_the_links_the_shared_breaks_give() -> None:
    """Lane's fisherman in paragraphs of eight gold links; in the English the middle break
    comes one link later. Bound to the pairs, the links around it were forced wrong (strict
    F1 0.766, 0.822 with the breaks shared)."""
    ar, en, gold = fisherman_set()
    cuts = set(range(8, len(gold), 8))
    middle = sorted(cuts)[len(cuts) // 2]
    ar_pars = _paragraphs(gold, cuts, ar, 0)
    shared = _paragraphs(gold, cuts, en, 1)
    moved = _paragraphs(gold, (cuts - {middle}) | {middle + 1}, en, 1)
    lengths = [sum(map(len, p)) for p in ar_pars]
    assert pair_paragraphs(lengths, [sum(map(len, p)) for p in moved]) is not None
    f1 = strict_f1(align_paragraphs(ar_pars, moved).links, gold)
    assert f1 >= strict_f1(align_paragraphs(ar_pars, shared).links, gold) >= 0.82


def test_the_search_keeps_within_a_paragraph_of_the_pair() -> None:
    """Three paired paragraphs of two sentences a side: after Arabic sentence 0 (paragraph 0)
    the path may reach the end of English paragraph 1 (4), not paragraph 2; after Arabic 4
    (paragraph 2), back to the start of paragraph 1 (2), not paragraph 0. A long text's path
    cannot slip far from the pairs (on repeated text, by whole repeats)."""
    pair = np.array([0, 0, 1, 1, 2, 2])
    band = Band.paragraphs(pair, pair)
    assert band.hi.tolist() == [4, 4, 6, 6, 6, 6, 6]
    assert band.lo.tolist() == [0, 0, 0, 0, 0, 2, 2]
