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

A run of sentences the search left out on one side joins the link beside it, whole, by the same
two rises (:func:`runs_joined`): a translator who enlarges a passage gives one sentence a dozen,
which the search, by their lengths, links in part and leaves out in part (Lane's English 0-16
of the frame story's first Arabic sentence, 3,738 characters against 889: English 0-8 were
left out; corpora/frame 0.623 -> 0.701, with FreeDict 0.717 -> 0.804; BENCHMARKS.md, stop 54).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.scoring import WIDEST_GROUP, Scorer

Link = tuple[Sequence[int], Sequence[int]]
Found = tuple[float, float, float, float]

# The least rises for a move. Over every one-sentence move at the borders of corpora/hayy,
# hayy2, nights and frame (free translations), plain, with FreeDict and with FreeDict thinned
# (10 % / 20 % of its keys left out, seeds 1-3), and of a modern literary translation (local
# only): with the coverage's anywhere from 0.12 to 0.15 and the mass's from 0.03 to 0.05 the
# same links move, and no run's strict F1 falls. The coverage alone lowers a thinned run even
# at 0.25; the mass alone breaks a right pair of the modern text at 0.09 and below
# (BENCHMARKS.md, stop 53).
CLEAR_COVER = 0.15
CLEAR_FOUND = 0.04


class _Words:
    """The concepts of each sentence of a scorer's texts, as Python values (a border's links
    are a few sentences: NumPy's calls would cost more than their sums)."""

    def __init__(self, scorer: Scorer) -> None:
        p = scorer.params
        self.eps, self.smooth = p.eps, p.eps * p.tau
        self.sides: list[tuple[list[int], list[int], list[float], list[float]]] = []
        for rows, weight in ((scorer.x, scorer.weight), (scorer.y, scorer.we)):
            starts = np.searchsorted(rows.row, np.arange(rows.n_rows + 1)).tolist()
            self.sides.append((starts, rows.col.tolist(), rows.data.tolist(),
                               weight[rows.col].tolist()))
        self.known: dict[tuple[tuple[int, ...], tuple[int, ...]], Found] = {}

    def _bag(self, side: int, sentences: Sequence[int]) -> dict[int, tuple[float, float]]:
        """Each concept of ``sentences`` (consecutive): its presence (summed, at most 1) and
        its weight."""
        starts, cols, vals, weights = self.sides[side]
        out: dict[int, tuple[float, float]] = {}
        for k in range(starts[sentences[0]], starts[sentences[-1] + 1]):
            had = out.get(cols[k])
            out[cols[k]] = (vals[k] if had is None else min(had[0] + vals[k], 1.0), weights[k])
        return out

    def found(self, ar: Sequence[int], en: Sequence[int]) -> Found:
        """Of one two-sided link of consecutive sentences: its Arabic concept mass found in its
        English, the Arabic's whole mass, and the same of its English (each side's concepts
        counted once, weighted as :meth:`Scorer.link_stats` weighs them)."""
        key = (tuple(ar), tuple(en))
        if key not in self.known:
            bag_a, bag_e = self._bag(0, ar), self._bag(1, en)
            fa = fe = 0.0
            for c, (va, wa) in bag_a.items():
                if c in bag_e:
                    ve, we = bag_e[c]
                    both = min(va, ve)
                    fa, fe = fa + both * wa, fe + both * we
            self.known[key] = (fa, sum(v * w for v, w in bag_a.values()),
                               fe, sum(v * w for v, w in bag_e.values()))
        return self.known[key]

    def evidence(self, links: Sequence[Link]) -> tuple[float, float, float]:
        """Of two-sided links of consecutive sentences: their summed coverage (each link's as
        :meth:`Scorer.link_stats` gives it), their concept mass found on the other side, and
        their whole mass."""
        cover = found = mass = 0.0
        for ar, en in links:
            fa, ma, fe, me = self.found(ar, en)
            cover += min(((fa + self.smooth) / (ma + self.eps)
                          + (fe + self.smooth) / (me + self.eps)) / 2, 1.0)
            found, mass = found + fa + fe, mass + ma + me
        return cover, found, mass


def evidence(scorer: Scorer, links: Sequence[Link]) -> tuple[float, float, float]:
    """Of two-sided links of consecutive sentences: their summed coverage (each link's as
    :meth:`Scorer.link_stats` gives it), their concept mass found on the other side, and
    their whole mass."""
    return _Words(scorer).evidence(links)


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
    words = _Words(scorer)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if not (first[0] and first[1] and second[0] and second[1]):
            continue
        cover, found, mass = words.evidence([first, second])
        best, rise = None, CLEAR_COVER
        for pair in _moves(first, second):
            moved_cover, moved_found, _ = words.evidence(pair)
            if moved_cover - cover >= rise and moved_found - found >= CLEAR_FOUND * mass:
                best, rise = pair, moved_cover - cover
        if best is not None:
            out[k], out[k + 1] = ((list(a), list(e)) for a, e in best)
    return out


def _one_side(link: Link) -> int | None:
    """The side (0 Arabic, 1 English) of a link of one side only, else None."""
    if link[0] and not link[1]:
        return 0
    if link[1] and not link[0]:
        return 1
    return None


def runs_joined(links: Sequence[Link], confidence: Sequence[float], scorer: Scorer
                ) -> tuple[list[Link], list[float]]:
    """``links`` (monotone, in order) with a run of sentences left out on one side joined,
    whole, to the two-sided link beside it where the words clearly say so: the link's coverage
    rises by at least ``CLEAR_COVER`` and the concept mass it finds by ``CLEAR_FOUND`` of its
    whole mass (the larger rise of the links before and after the run; the link at most
    ``WIDEST_GROUP`` sentences on that side). Only a whole run joins: where one text
    translates part of the other, the sentences it lacks run on past the link, and those next
    to it may share its words. A joined link keeps the lowest confidence of the links it is
    made of."""
    out = [[list(a), list(e)] for a, e in links]
    conf = list(confidence)
    words: _Words | None = None  # (made when a run lies beside a link)
    k = 0
    while k < len(out):
        side = _one_side(out[k])
        if side is None:
            k += 1
            continue
        end = k
        while end < len(out) and _one_side(out[end]) == side:
            end += 1
        run = [s for link in out[k:end] for s in link[side]]
        best: tuple[float, int] | None = None  # (coverage rise, link)
        for at in (k - 1, end):
            if not (0 <= at < len(out) and out[at][0] and out[at][1]
                    and len(out[at][side]) + len(run) <= WIDEST_GROUP):
                continue
            words = words or _Words(scorer)
            a, e = out[at]
            cover, found, _ = words.evidence([(a, e)])
            wider = (sorted(a + run), e) if side == 0 else (a, sorted(e + run))
            w_cover, w_found, w_mass = words.evidence([wider])
            rise = w_cover - cover
            if (rise >= CLEAR_COVER and w_found - found >= CLEAR_FOUND * w_mass
                    and (best is None or rise > best[0])):
                best = (rise, at)
        if best is None:
            k = end
            continue
        at = best[1]
        out[at][side] = sorted(out[at][side] + run)
        conf[at] = min(*conf[k:end], conf[at])
        del out[k:end], conf[k:end]
        k = (at if at < k else at - (end - k)) + 1
    return [(a, e) for a, e in out], conf
