"""A free translation's borders between links, reconsidered sentence by sentence by the words.

The largest kind of wrong literary link is a border one sentence off: a sentence given to the
neighbouring link instead of its own. After the search, each border between two two-sided
links is looked at again: a sentence at the border may move to the other link (the last of
the first link's Arabic or English to the second, the first of the second's to the first),
and the move that raises the two links' coverage most (their words found on their other
sides: anchors, dictionary, basic vocabulary and the induced word table, as
:meth:`Scorer.link_stats` counts it) is made when it raises it by at least ``CLEAR``. Borders
are taken left to right, each after the one before has moved.

Lengths are not weighed here: the search weighed them with the words already, and the move is
made only where the words alone are clear. At the right borders of corpora/hayy, hayy2,
nights, frame and fisherman (plain and with FreeDict; 370 moves that would break a right
pair of links) no move raises the coverage by 0.1; most border errors, though, have no clear
word evidence either way (BENCHMARKS.md, stop 53).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.scoring import Scorer

Link = tuple[Sequence[int], Sequence[int]]

# The least rise of the two links' summed coverage (each 0..1) for which a border sentence
# moves. At the five literary sets' right borders (plain and FreeDict) the largest rise a move
# would bring is 0.098; the moves at or above 0.2 are 3, all toward the gold's border.
CLEAR = 0.2


def _presence(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, first: int, stop: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """The columns of sentences ``first..stop-1`` and each one's presence (summed, at most 1)."""
    lo, hi = np.searchsorted(rows, [first, stop], side="left")
    uniq, inv = np.unique(cols[lo:hi], return_inverse=True)
    return uniq, np.minimum(np.bincount(inv, weights=data[lo:hi], minlength=len(uniq)), 1.0)


def coverage(scorer: Scorer, ar: Sequence[int], en: Sequence[int]) -> float:
    """The coverage of one two-sided link of consecutive sentences, as
    :meth:`Scorer.link_stats` gives it (its two sides' shares of their concept mass found on
    the other side, averaged)."""
    x, y = scorer.x, scorer.y
    ca, va = _presence(x.row, x.col, x.data, ar[0], ar[-1] + 1)
    ce, ve = _presence(y.row, y.col, y.data, en[0], en[-1] + 1)
    wa, we = scorer.weight[ca], scorer.we[ce]
    _, ia, ie = np.intersect1d(ca, ce, assume_unique=True, return_indices=True)
    both = np.minimum(va[ia], ve[ie])
    p = scorer.params
    smooth = p.eps * p.tau
    share_a = (float(both @ wa[ia]) + smooth) / (float(va @ wa) + p.eps)
    share_e = (float(both @ we[ie]) + smooth) / (float(ve @ we) + p.eps)
    return min((share_a + share_e) / 2, 1.0)


def _moves(first: Link, second: Link) -> list[tuple[Link, Link]]:
    """The two links after each move of one sentence across their border (each side keeps at
    least one sentence)."""
    (a0, e0), (a1, e1) = ([list(a), list(e)] for a, e in (first, second))
    out: list[tuple[Link, Link]] = []
    if len(a0) > 1:
        out.append(((a0[:-1], e0), ([a0[-1], *a1], e1)))
    if len(a1) > 1:
        out.append(((a0 + a1[:1], e0), (a1[1:], e1)))
    if len(e0) > 1:
        out.append(((a0, e0[:-1]), (a1, [e0[-1], *e1])))
    if len(e1) > 1:
        out.append(((a0, e0 + e1[:1]), (a1, e1[1:])))
    return out


def reconsidered(links: Sequence[Link], scorer: Scorer) -> list[Link]:
    """``links`` (monotone, in order) with each border sentence between two two-sided links
    moved to the other link where that raises their summed coverage by at least ``CLEAR``."""
    out = [(list(a), list(e)) for a, e in links]
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if not (first[0] and first[1] and second[0] and second[1]):
            continue
        now = coverage(scorer, *first) + coverage(scorer, *second)
        best, gain = None, CLEAR
        for pair in _moves(first, second):
            rise = coverage(scorer, *pair[0]) + coverage(scorer, *pair[1]) - now
            if rise >= gain:
                best, gain = pair, rise
        if best is not None:
            out[k], out[k + 1] = ((list(a), list(e)) for a, e in best)
    return out
