"""Paragraphs as evidence for the sentence aligner: a link that starts where both sides start a
paragraph gains a bonus (:func:`paragraph_starts`); no link is bound to a paragraph.

Paragraphs are long, so their lengths say a lot: a Gale–Church search over paragraph lengths in
characters (links 1–1, 1–2, 2–1, 2–2, 1–3, 3–1, and 1–0 / 0–1: a paragraph the translation
leaves out or adds, for a flat cost instead of a length cost) pairs them. Where nearly every
link is 1–1 (the texts share their paragraph structure) the starts of the paired paragraphs
gain PAIRED_BONUS, a link that runs over an end of a paragraph paired with none costs
CROSSING, and the search keeps within a paragraph of the pairs (a link may run over a paired
break into the paragraph beside it); otherwise every start of both sides gains the smaller
START_BONUS.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

MOVES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0))
# An Arabic paragraph left out (1–0), or an English one added (0–1: a translator's note),
# costs LEFT_OUT whatever its length. Merged into a 2–1 (1–2) link with its neighbour
# instead, as before, one of a hundred characters or more beside one of 400 costs more, and
# the sentences of the pair were then linked shifted, most of them confidently (TICO-19).
LEFT_OUT = 4.5
ADDED = len(MOVES)  # the 0–1 step's code in the back pointers (taken along a row)
PRIOR = {(1, 1): 0.0, (1, 2): 4.0, (2, 1): 4.0, (2, 2): 7.0, (1, 3): 8.0, (3, 1): 8.0,
         (1, 0): LEFT_OUT}
SPREAD = 0.12  # the relative deviation of a paragraph's length from the expected one (1σ)
MIN_ONE_TO_ONE = 0.9
# Where the paragraphs do not pair (fewer than MIN_ONE_TO_ONE of the links 1–1), a link that
# starts where both sides start a paragraph costs this much less (a cost in the search's
# units). Strict link F1 through the real paragraph files, plain / FreeDict, of corpora/hayy,
# hayy2 and fisherman (0.707/0.713, 0.736/0.811, 0.822/0.889 without): at 0.75 hayy2
# 0.736/0.860 only; from 1.0 hayy 0.687 plain (one link) and fisherman 0.822/0.917; at 1.25
# hayy 0.687/0.740 and fisherman 0.852/0.917; at 1.5 hayy 0.646/0.720. Checked at 1.25 on frame
# (0.729/0.804 -> 0.742/0.845), nights (unchanged), udhr and companies (unchanged).
# BENCHMARKS.md, stop 54.
START_BONUS = 1.25
# Where they pair, a link that starts at the starts of a paired Arabic and English paragraph
# costs this much less, and a link that runs over either end of a paragraph paired with none
# (one the translation leaves out, or adds) this much more. Binding every link inside its pair
# instead (before stop 55) forced wrong links wherever a translator moved a break by a
# sentence, which still pairs 1–1: the five literary texts cut into paragraphs every 4, 8 and
# 15 gold links, one English break moved by a link, strict F1 plain / FreeDict 0.704 / 0.748
# bound, 0.760 / 0.795 with the bonus (unmoved: 0.763 / 0.793 and 0.767 / 0.800). At 1.25
# (START_BONUS) 0.762 / 0.791, at 4 0.746 / 0.787; a held-out text (Hamadhani's Maqamat, local
# only) with its Arabic one sentence a paragraph and its English paragraphed as the gold links:
# 0.955 / 0.919 bound, 0.910 / 0.881 at 1.25, 0.940 / 0.910 at 2.5 (0.933 / 0.897 bound with
# one break moved, 0.940 / 0.910 at 2.5). Below 8, a paragraph of TICO-19's memo left out of
# its English was linked with its neighbour (a 5–1 link). The search still keeps within a
# paragraph of the pairs (dp.Band.paragraphs): unbounded, it slipped by whole repeats on
# bench import_translation's 100,000 lines (384 lines repeated) with FreeDict, 2.4 GB at its
# peak instead of 0.9. BENCHMARKS.md, stop 55.
PAIRED_BONUS = 2.5
CROSSING = 8.0
# Paragraphs say nothing unless one side's hold this many sentences on average: the lengths of
# one-sentence paragraphs pair them no better than the sentence aligner does (news lines, one a
# paragraph, a tenth of them joined: strict F1 0.98 -> 0.40 as groups, BENCHMARKS.md). Where
# they do not pair, both sides' must: against a side one sentence a paragraph, the bonus is
# one on the other side's starts alone (hayy2 0.736/0.811 -> 0.648/0.704 with its English so,
# hayy 0.707/0.713 -> 0.660/0.641 with its Arabic, plain / FreeDict).
PARAGRAPH_SENTENCES = 1.5
BLOCK = 2048  # rows whose move costs are computed at once


Paragraphs = tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]  # each side's, of sentences


class Starts(NamedTuple):
    """What paragraphs tell the sentence search, per sentence of each side (see
    :func:`paragraph_starts`)."""

    ar: np.ndarray  # the square root of the bonus of a link that starts there
    en: np.ndarray
    # the cost to a link that holds it after its first sentence (None: none anywhere)
    ar_crossing: np.ndarray | None
    en_crossing: np.ndarray | None
    # the paragraph pair it is in, where the paragraphs pair (None: they do not): the search
    # keeps within a pair of it (dp.Band.paragraphs)
    ar_pair: np.ndarray | None
    en_pair: np.ndarray | None


def pair_paragraphs(
    ar_lengths: Sequence[float], en_lengths: Sequence[float], band: int = 40
) -> list[tuple[list[int], list[int]]] | None:
    """Links of paragraphs (Arabic indices, English indices), or None when the texts do not
    share their paragraph structure (fewer than 90 % of the links 1–1)."""
    la = np.asarray(ar_lengths, dtype=np.float64)
    le = np.asarray(en_lengths, dtype=np.float64)
    n, m = len(la), len(le)
    if not n or not m:
        return None
    ratio = le.sum() / max(la.sum(), 1.0)
    ca = np.concatenate([[0.0], np.cumsum(la * ratio)])
    ce = np.concatenate([[0.0], np.cumsum(le)])
    width = 2 * band + 1 + abs(n - m)
    inf = np.inf
    cost = np.full((n + 1, width), inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    # row i holds columns j = lo[i] .. lo[i] + width - 1 around the diagonal
    lo = np.clip(np.round(np.arange(n + 1) * m / n).astype(np.int64) - band - max(0, n - m),
                 0, m)
    cost[0, : min(width, m + 1)] = LEFT_OUT * np.arange(min(width, m + 1))  # English added
    back[0, 1 : min(width, m + 1)] = ADDED
    flat = np.append(cost.reshape(-1), inf)  # the last cell: where impossible moves come from
    never = len(flat) - 1
    prior = np.array([PRIOR[mv] for mv in MOVES])[:, None]
    cols = np.arange(width)
    for first in range(1, n + 1, BLOCK):
        # Every move's source cell and length cost for a block of rows at once; then row by
        # row, only the sources' costs are read (each row needs the rows before it).
        rows = np.arange(first, min(first + BLOCK, n + 1))
        j = lo[rows][:, None] + cols  # (rows, width)
        source = np.empty((len(MOVES), len(rows), width), dtype=np.int64)
        length = np.empty((len(MOVES), len(rows), width))
        for x, (k, el) in enumerate(MOVES):
            before = np.maximum(rows - k, 0)[:, None]
            pj = j - el
            d = pj - lo[before]
            ok = (pj >= 0) & (d >= 0) & (d < width) & (j <= m) & (rows >= k)[:, None]
            source[x] = np.where(ok, before * width + np.clip(d, 0, width - 1), never)
            a = (ca[rows] - ca[before[:, 0]])[:, None]
            e = ce[np.minimum(j, m)] - ce[np.clip(pj, 0, m)]
            delta = (e - a) / (SPREAD * (a + e) / 2 + 50.0)
            length[x] = 0.0 if el == 0 else np.minimum(delta * delta / 2, 50.0)
        for r, i in enumerate(rows):
            c = flat.take(source[:, r])
            c += length[:, r]
            c += prior
            arg = c.argmin(axis=0)
            best = c[arg, cols]
            best, arg = _added_paragraphs(best, arg, lo[i] + cols <= m)
            flat[i * width : (i + 1) * width] = best
            back[i] = np.where(np.isfinite(best), arg, -1)
    cost = flat[:-1].reshape(n + 1, width)
    end = m - lo[n]
    if not (0 <= end < width) or not np.isfinite(cost[n, end]):
        return None
    links: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        step = int(back[i, j - lo[i]])
        if step < 0:
            return None
        k, el = (0, 1) if step == ADDED else MOVES[step]
        links.append((list(range(i - k, i)), list(range(j - el, j))))
        i, j = i - k, j - el
    if j != 0:
        return None
    links.reverse()
    ones = sum(1 for a, e in links if len(a) == 1 and len(e) == 1)
    if ones < MIN_ONE_TO_ONE * len(links):
        return None
    return links


def _added_paragraphs(best: np.ndarray, arg: np.ndarray,
                     valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A row's costs and moves with English paragraphs added (0–1 steps along the row, each
    LEFT_OUT) where that is cheaper: a running minimum of ``best`` less LEFT_OUT a column."""
    steps = LEFT_OUT * np.arange(len(best))
    run = np.where(valid, np.minimum.accumulate(best - steps) + steps, np.inf)
    took = run < best - 1e-9  # not where the sum only rounds below ``best`` itself
    return np.where(took, run, best), np.where(took, ADDED, arg)


def paragraph_starts(ar: Sequence[Sequence[str]], en: Sequence[Sequence[str]]) -> Starts | None:
    """Per Arabic and per English sentence, the square root of the bonus where it starts a
    paragraph, else 0: a link starting at two such sentences gains their product. Where the
    paragraphs pair (:func:`pair_paragraphs`), the starts of paired paragraphs gain
    PAIRED_BONUS, and a paragraph paired with none (left out, or added) costs CROSSING at each
    end to a link that runs over it; else every start gains START_BONUS. None where the
    paragraphs say nothing (PARAGRAPH_SENTENCES)."""
    ar, en = [p for p in ar if p], [p for p in en if p]  # (an empty one is no paragraph)
    if not ar or not en:
        return None
    per = sum(map(len, ar)) / len(ar), sum(map(len, en)) / len(en)  # sentences a paragraph
    if max(per) < PARAGRAPH_SENTENCES:
        return None
    links = pair_paragraphs([sum(map(len, p)) for p in ar], [sum(map(len, p)) for p in en])
    first = np.cumsum([0, *map(len, ar)]), np.cumsum([0, *map(len, en)])
    values = np.zeros(first[0][-1], dtype=np.float32), np.zeros(first[1][-1], dtype=np.float32)
    crossing = np.zeros_like(values[0]), np.zeros_like(values[1])
    pair: tuple[np.ndarray, np.ndarray] | None = None
    if links is not None:
        pair = np.zeros(len(values[0]), dtype=np.int64), np.zeros(len(values[1]), dtype=np.int64)
        for g, (a, e) in enumerate(links):
            for side, run in enumerate((a, e)):
                if run:
                    pair[side][first[side][run[0]]:first[side][run[-1] + 1]] = g
            if a and e:
                values[0][first[0][a[0]]] = values[1][first[1][e[0]]] = PAIRED_BONUS ** 0.5
            else:  # its first sentence and the one after it
                side, run = (0, a) if a else (1, e)
                for p in (run[0], run[-1] + 1):
                    if p < len(first[side]) - 1:
                        crossing[side][first[side][p]] = CROSSING
    elif min(per) < PARAGRAPH_SENTENCES:
        return None
    else:
        values[0][first[0][:-1]] = values[1][first[1][:-1]] = START_BONUS ** 0.5
    crossed = crossing if crossing[0].any() or crossing[1].any() else (None, None)
    return Starts(*values, *crossed, *(pair or (None, None)))


def paragraphs_between(paragraphs: Sequence[Sequence[str]], first: int, end: int
                       ) -> list[list[str]]:
    """The paragraphs of sentences ``first`` to ``end`` (not included; counted through the
    whole text) of ``paragraphs``, a paragraph cut at either end becoming one of its part."""
    out: list[list[str]] = []
    k = 0
    for p in paragraphs:
        part = list(p[max(first - k, 0):max(end - k, 0)])
        if part:
            out.append(part)
        k += len(p)
    return out
