"""A free translation's borders between links, reconsidered sentence by sentence by the words.

The largest kind of wrong literary link is a border one sentence off: a sentence given to the
neighbouring link instead of its own. After the search, each border between two two-sided
links is looked at again: a sentence at the border may move to the other link (the last of
the first link's Arabic or English to the second, the first of the second's to the first).
The move that finds most of the two links' words on their other sides (anchors, dictionary,
basic vocabulary and the induced word table, weighted as :meth:`Scorer.link_stats` weighs
them) is made when it finds at least ``CLEAR`` of the two links' whole concept mass more.
Borders are taken left to right, each after the one before has moved.

Lengths are not weighed again: the search weighed them with the words, and a move is made only
where the words alone are clear. Most border errors of corpora/hayy, hayy2, nights, frame and
fisherman have no clear word evidence either way; this rights the few that have
(BENCHMARKS.md, stop 53).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.scoring import Scorer

Link = tuple[Sequence[int], Sequence[int]]

# The least share of the two links' concept mass a move must find more. Over every single-
# sentence move at the borders of corpora/hayy, hayy2, nights and frame (free translations),
# plain, with FreeDict and with FreeDict thinned (10 % / 20 % of its keys left out, seeds 1-3):
# a move breaking a right pair of links finds at most 0.065 more; the moves to the gold's
# links find 0.092-0.166 more where they find any (six; the others 0.03 or less).
CLEAR = 0.08


def _presence(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, first: int, stop: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """The columns of sentences ``first..stop-1`` and each one's presence (summed, at most 1)."""
    lo, hi = np.searchsorted(rows, [first, stop], side="left")
    uniq, inv = np.unique(cols[lo:hi], return_inverse=True)
    return uniq, np.minimum(np.bincount(inv, weights=data[lo:hi], minlength=len(uniq)), 1.0)


def found(scorer: Scorer, ar: Sequence[int], en: Sequence[int]) -> tuple[float, float]:
    """Of one two-sided link of consecutive sentences: the weighted concept mass of both its
    sides found on the other side, and both sides' whole mass (each side's concepts counted
    once, as :meth:`Scorer.link_stats` counts them)."""
    x, y = scorer.x, scorer.y
    ca, va = _presence(x.row, x.col, x.data, ar[0], ar[-1] + 1)
    ce, ve = _presence(y.row, y.col, y.data, en[0], en[-1] + 1)
    wa, we = scorer.weight[ca], scorer.we[ce]
    _, ia, ie = np.intersect1d(ca, ce, assume_unique=True, return_indices=True)
    both = np.minimum(va[ia], ve[ie])
    return float(both @ (wa[ia] + we[ie])), float(va @ wa + ve @ we)


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
    moved to the other link where that raises the share of the two links' concept mass found
    on their other sides by at least ``CLEAR``."""
    out = [(list(a), list(e)) for a, e in links]
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if not (first[0] and first[1] and second[0] and second[1]):
            continue
        (f0, m0), (f1, m1) = found(scorer, *first), found(scorer, *second)
        best, gain = None, CLEAR * (m0 + m1)
        for pair in _moves(first, second):
            rise = found(scorer, *pair[0])[0] + found(scorer, *pair[1])[0] - f0 - f1
            if rise >= gain:
                best, gain = pair, rise
        if best is not None:
            out[k], out[k + 1] = ((list(a), list(e)) for a, e in best)
    return out
