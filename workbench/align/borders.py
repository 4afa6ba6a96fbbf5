"""A free translation's borders between links, reconsidered sentence by sentence by the words.

The largest kind of wrong literary link is a border one sentence off: a sentence given to the
neighbouring link instead of its own. After the search, each border between two two-sided
links is looked at again: a sentence at the border may move to the other link (the last of
the first link's Arabic or English to the second, the first of the second's to the first).
Borders are taken left to right, each after the one before has moved.

A move is made where the words clearly say so, in two ways at once: the two links' coverage
(each side's concept mass found on the other side — anchors, dictionary, basic vocabulary and
the induced word table — as a share, averaged over the sides, as :meth:`Scorer.link_stats`
gives it), summed over the two links, rises by at least ``CLEAR_COVER``; and the concept mass
found, as a share of the two links' whole mass, rises by at least ``CLEAR_FOUND``. The first
alone would move a sentence out of a small link that does not share its words into a large one
where it costs the coverage little; the second alone, a long sentence whose words are found a
little better elsewhere. Of the moves passing both, the one raising the coverage most is made.

Lengths are not weighed again: the search weighed them with the words. Most border errors of
corpora/hayy, hayy2, nights and frame have no clear word evidence either way; this rights the
few that have (BENCHMARKS.md, stop 53).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.scoring import Scorer

Link = tuple[Sequence[int], Sequence[int]]

# The least rises for a move. Over every one-sentence move at the borders of corpora/hayy,
# hayy2, nights and frame (free translations), plain, with FreeDict and with FreeDict thinned
# (10 % / 20 % of its keys left out, seeds 1-3), and of a modern literary translation (local
# only): anywhere in 0.12-0.15 x 0.03-0.05 the same links move and no right pair of links is
# broken; the coverage alone breaks one at 0.2 and below, the mass alone one at 0.09 and below
# (BENCHMARKS.md, stop 53).
CLEAR_COVER = 0.15
CLEAR_FOUND = 0.04


def _presence(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, first: int, stop: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """The columns of sentences ``first..stop-1`` and each one's presence (summed, at most 1)."""
    lo, hi = np.searchsorted(rows, [first, stop], side="left")
    uniq, inv = np.unique(cols[lo:hi], return_inverse=True)
    return uniq, np.minimum(np.bincount(inv, weights=data[lo:hi], minlength=len(uniq)), 1.0)


def _found(scorer: Scorer, ar: Sequence[int], en: Sequence[int]
           ) -> tuple[float, float, float, float]:
    """Of one two-sided link of consecutive sentences: its Arabic concept mass found in its
    English, the Arabic's whole mass, and the same of its English (each side's concepts
    counted once, weighted as :meth:`Scorer.link_stats` weighs them)."""
    x, y = scorer.x, scorer.y
    ca, va = _presence(x.row, x.col, x.data, ar[0], ar[-1] + 1)
    ce, ve = _presence(y.row, y.col, y.data, en[0], en[-1] + 1)
    wa, we = scorer.weight[ca], scorer.we[ce]
    _, ia, ie = np.intersect1d(ca, ce, assume_unique=True, return_indices=True)
    both = np.minimum(va[ia], ve[ie])
    return float(both @ wa[ia]), float(va @ wa), float(both @ we[ie]), float(ve @ we)


def evidence(scorer: Scorer, links: Sequence[Link]) -> tuple[float, float, float]:
    """Of two-sided links of consecutive sentences: their summed coverage (each link's as
    :meth:`Scorer.link_stats` gives it), their concept mass found on the other side, and
    their whole mass."""
    p = scorer.params
    smooth = p.eps * p.tau
    cover = found = mass = 0.0
    for ar, en in links:
        fa, ma, fe, me = _found(scorer, ar, en)
        cover += min(((fa + smooth) / (ma + p.eps) + (fe + smooth) / (me + p.eps)) / 2, 1.0)
        found, mass = found + fa + fe, mass + ma + me
    return cover, found, mass


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
    moved to the other link where the words clearly say so (``CLEAR_COVER``, ``CLEAR_FOUND``)."""
    out = [(list(a), list(e)) for a, e in links]
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if not (first[0] and first[1] and second[0] and second[1]):
            continue
        cover, found, mass = evidence(scorer, [first, second])
        best, rise = None, CLEAR_COVER
        for pair in _moves(first, second):
            moved_cover, moved_found, _ = evidence(scorer, pair)
            if moved_cover - cover >= rise and moved_found - found >= CLEAR_FOUND * mass:
                best, rise = pair, moved_cover - cover
        if best is not None:
            out[k], out[k + 1] = ((list(a), list(e)) for a, e in best)
    return out
