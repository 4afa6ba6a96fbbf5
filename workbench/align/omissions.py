"""Sentences one translation leaves out, taken out of the link they were merged into.

The search prices leaving a sentence unlinked dearly (``Params.skip`` plus its words), so a
sentence the translator left out is usually merged into its neighbour's link, whose other
side then seems to translate it. It does not: the link's length fits better without it, and
what of the other side it matches, its partners match too, while they are well matched. Such
a sentence at either end of a link's run is given a link of its own (0–1 or 1–0), in a text
whose links are mostly 1–1 and cover as a close translation's do (see the constants).
Verse lines and recaps, which translators leave out most, cost less to leave unlinked in the
search itself (:func:`left_out_skip`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import NamedTuple

import numpy as np

from workbench.align.scoring import Scorer
from workbench.numeric import median

Link = tuple[list[int], list[int]]

# A sentence is taken out of its link when the link's length cost falls by OMITTED_GAIN or
# more without it, at most OMITTED_OWN of its concept mass is found on the link's other side,
# at most OMITTED_ALONE in concepts its partners do not hold (what it matches, they match
# too), at most OMITTED_ADDED of the other side's mass is found in it alone, while its partners
# have at least OMITTED_PARTNERS times the text's median link coverage found there (the link
# is sure of them, not of it); and only in a text whose links' median coverage is
# OMITTED_TEXT_COVER or more (a free literary translation covers less, and its partial
# sentences would be cut out) and at least OMITTED_ONES of them 1–1 (where a translation
# splits its sentences as a rule, a part with few matches is as likely a loose part of a
# split: the long-lines set, a line to three sentences). Chosen on the merged news sets with
# omissions (NTREX seeds 100-102, TICO-19 seeds 100-101) against every bench set (and the
# long-lines seeds 100-109), with and without FreeDict.
OMITTED_GAIN = 2.3
OMITTED_OWN = 0.55
OMITTED_ALONE = 0.25
OMITTED_ADDED = 0.18
OMITTED_PARTNERS = 0.7
OMITTED_TEXT_COVER = 0.45
OMITTED_ONES = 0.5


# A verse line (see is_verse; the Arabic editions on Wikisource print a poem on one line, its
# hemistichs marked " / " and its verses " // ") is what a translator most often leaves out
# (Lane leaves out some of the Nights' poems and keeps others): leaving one unlinked costs its
# words only, SKIP_WAIVED of the per-sentence ``Params.skip`` waived, so that a poem whose
# words find nothing on the other side is not glued to its lead-in, while one that is
# translated, whose words are found, keeps its link. Only with a dictionary of the user's
# (aligner.WORD_LIST_HEADWORDS): with the basic vocabulary, or anchors alone, a translated
# poem's words are not found either. Chosen on corpora/fisherman (1.0 as 0.5 or 0.75); checked
# at stop 59 on the seven other literary sets, as sentences and in their paragraph files: with
# FreeDict the waiver gains 0.075 over those 12 figures (frame's paragraph files 0.758 ->
# 0.845), with the basic vocabulary it lost 0.39 (prince's paragraph files 0.695 -> 0.470),
# so the basic vocabulary no longer waives it. A hemistich has at most
# HEMISTICH_WORDS words, the longest at most HEMISTICH_SPREAD times the letters of the
# shortest (the Nights' poems: 2–7 words, spread ≤ 1.6), and the line no prose punctuation.
SKIP_WAIVED = 1.0
HEMISTICH_WORDS = 10
HEMISTICH_SPREAD = 2.0
# A recap is as often left out: a sentence repeating one RECAP_GAP or fewer sentences before
# it (see is_recap), as a storyteller's break does ("And Shahrazad perceived the dawn ... She
# said: It hath reached me, O happy King, that when the fisherman said ..."), the sentences
# from the one after the repeated sentence to its repetition cost as little to leave out.
# Chosen on corpora/fisherman's night break (Arabic 49–50, which repeat 48); it fires in the
# news and legal sets too (a repeated phrase), where every link is the same with it.
RECAP_GAP = 2
RECAP_SHARE = 0.75
RECAP_STEMS = 4
RECAP_LONGER = 3.0
_HEMISTICH_MARK = re.compile(r"\s/{1,2}\s")
_PROSE_MARK = re.compile(r"[.,:;!?\u060c\u061b\u061f]")
_NOT_LETTER = re.compile(r"[\W\d_\u064b-\u0652]")


def is_verse(sentence: str) -> bool:
    """Whether ``sentence`` is a verse line: short hemistichs of about equal length, each
    marked off by " / " or " // ", and no prose punctuation."""
    parts = _HEMISTICH_MARK.split(sentence.strip())
    if (len(parts) < 2 or _PROSE_MARK.search(sentence)
            or any(len(p.split()) > HEMISTICH_WORDS for p in parts)):
        return False
    letters = [len(_NOT_LETTER.sub("", p)) for p in parts]
    return min(letters) > 0 and max(letters) <= HEMISTICH_SPREAD * min(letters)


def is_recap(stems: list[set[str]], i: int, j: int) -> bool:
    """Whether sentence ``j`` (its stems) repeats sentence ``i`` shortly before it: it holds
    RECAP_SHARE of i's stems (i has RECAP_STEMS or more) and is at most RECAP_LONGER times
    as long."""
    before, after = stems[i], stems[j]
    return (len(before) >= RECAP_STEMS and len(before & after) >= RECAP_SHARE * len(before)
            and len(after) <= RECAP_LONGER * len(before))


def left_out_skip(sentences: list[str], stems: list[list[str]], verses: bool = True,
                  recaps: bool = True) -> np.ndarray | None:
    """The share of ``Params.skip`` waived for leaving each (Arabic) sentence unlinked
    (``stems``: each one's word stems): SKIP_WAIVED for a verse line (not with ``verses``
    false: no dictionary to find a translated poem's words) and for each sentence of a recap
    (from the one after a sentence to its repetition RECAP_GAP or fewer sentences later; not
    with ``recaps`` false: a sentence's clauses repeat one another's words), 0 otherwise;
    None when there is none."""
    out = np.array([SKIP_WAIVED if verses and is_verse(s) else 0.0 for s in sentences])
    bags = [set(x) for x in stems] if recaps else []
    for j in range(len(bags)):
        for i in range(max(0, j - RECAP_GAP), j):
            if is_recap(bags, i, j):
                out[i + 1 : j + 1] = SKIP_WAIVED
    return out if out.any() else None


class Part(NamedTuple):
    """One end sentence of a link's run of several sentences, and how it fares."""

    link: int  # the link's index
    arabic: bool  # the run is Arabic
    sentence: int  # the sentence's index
    own: float  # the share of its concept mass the link's other side holds (smoothed)
    added: float  # the share of the other side's mass that it alone of its run covers
    gain: float  # how much the link's length cost falls without it (positive: fits better)
    alone: float  # the share of its mass found on the other side but in none of its partners
    partners: float  # the share of its partners' mass found on the other side


def _bags(rows: np.ndarray, col: np.ndarray, data: np.ndarray, wanted: set[int]
          ) -> dict[int, dict[int, float]]:
    """{sentence: {column: presence}} of the ``wanted`` sentences."""
    keys = sorted(wanted)
    starts = np.searchsorted(rows, keys)
    ends = np.searchsorted(rows, keys, side="right")
    return {k: dict(zip(col[lo:hi].tolist(), data[lo:hi].tolist(), strict=True))
            for k, lo, hi in zip(keys, starts.tolist(), ends.tolist(), strict=True)}


def _union(bags: list[dict[int, float]]) -> dict[int, float]:
    """The bags' presences summed per column, capped at 1 (a run of sentences as one)."""
    out: dict[int, float] = {}
    for bag in bags:
        for c, v in bag.items():
            out[c] = min(1.0, out.get(c, 0.0) + v)
    return out


def _found(bag: dict[int, float], other: dict[int, float], weight: np.ndarray) -> float:
    """The weighted mass of ``bag`` that ``other`` holds too."""
    return sum(min(v, other[c]) * float(weight[c]) for c, v in bag.items() if c in other)


def _mass(bag: dict[int, float], weight: np.ndarray) -> float:
    """The weighted mass of ``bag``."""
    return sum(v * float(weight[c]) for c, v in bag.items())


def _end_gains(scorer: Scorer, links: list[Link], only: Collection[int] | None = None
               ) -> list[tuple[int, bool, int, float]]:
    """(link, Arabic, sentence, gain) of the first and last sentence of every run of several
    sentences that a two-sided link holds (of the links ``only`` when given); gain: how much
    the link's length cost falls without that sentence."""
    ends = [(k, arabic, s) for k in (range(len(links)) if only is None else sorted(only))
            for a, e in (links[k],) if a and e
            for arabic, run in ((True, a), (False, e)) if len(run) > 1
            for s in dict.fromkeys((run[0], run[-1]))]
    if not ends:
        return []
    k = np.array([x[0] for x in ends])
    arabic = np.array([x[1] for x in ends])
    s = np.array([x[2] for x in ends])
    spans = np.array([(links[i][0][0], links[i][0][-1] + 1, links[i][1][0], links[i][1][-1] + 1)
                      for i in k.tolist()])
    la = scorer.ar_cum[spans[:, 1]] - scorer.ar_cum[spans[:, 0]]
    le = scorer.en_cum[spans[:, 3]] - scorer.en_cum[spans[:, 2]]
    s_a, s_e = np.where(arabic, s, 0), np.where(arabic, 0, s)
    cut_a = np.where(arabic, scorer.ar_cum[s_a + 1] - scorer.ar_cum[s_a], 0.0)
    cut_e = np.where(arabic, 0.0, scorer.en_cum[s_e + 1] - scorer.en_cum[s_e])
    gain = scorer.length_cost(la, le) - scorer.length_cost(la - cut_a, le - cut_e)
    return list(zip(k.tolist(), arabic.tolist(), s.tolist(), gain.tolist(), strict=True))


def end_parts(scorer: Scorer, links: list[Link], min_gain: float = -np.inf,
              only: Collection[int] | None = None) -> list[Part]:
    """The first and last sentence of every run of several sentences that a two-sided link
    holds (of the links ``only`` when given), with their coverage figures (see
    :class:`Part`); only those whose gain is ``min_gain`` or more (their words are not looked
    at)."""
    p = scorer.params
    ends = [x for x in _end_gains(scorer, links, only) if x[3] >= min_gain]
    if not ends:
        return []
    want_a = {i for k, _, _, _ in ends for i in links[k][0]}
    want_e = {j for k, _, _, _ in ends for j in links[k][1]}
    bag_a = _bags(scorer.x.row, scorer.x.col, scorer.x.data, want_a)
    bag_e = _bags(scorer.y.row, scorer.y.col, scorer.y.data, want_e)
    out: list[Part] = []
    for k, arabic, s, gain in ends:
        a, e = links[k]
        run, other = (a, e) if arabic else (e, a)
        mine, theirs = (bag_a, bag_e) if arabic else (bag_e, bag_a)
        w_mine, w_theirs = (scorer.weight, scorer.we) if arabic else (scorer.we, scorer.weight)
        other_bag = _union([theirs[i] for i in other])
        whole = _found(other_bag, _union([mine[i] for i in run]), w_theirs)
        rest = _union([mine[i] for i in run if i != s])
        mass = _mass(mine[s], w_mine)
        own = (_found(mine[s], other_bag, w_mine) + p.eps * p.tau) / (mass + p.eps)
        added = (whole - _found(other_bag, rest, w_theirs)) / (_mass(other_bag, w_theirs)
                                                               + p.eps)
        only = {c: v for c, v in mine[s].items() if c not in rest}
        alone = _found(only, other_bag, w_mine) / (mass + p.eps)
        partners = ((_found(rest, other_bag, w_mine) + p.eps * p.tau)
                    / (_mass(rest, w_mine) + p.eps))
        out.append(Part(k, arabic, s, min(own, 1.0), added, gain, alone, partners))
    return out


def split_left_out(scorer: Scorer, links: list[Link],
                   marked: Mapping[int, tuple[bool, set[int]]] | None = None
                   ) -> tuple[list[Link], list[int]]:
    """``links`` with every end sentence that looks left out (see the module docstring and
    the constants) in a link of its own, placed on its side of what remains; and for each
    link given, the index of the one it came from (to carry its posterior).

    ``marked``: links that hold a clause marker more on one side than the other has its
    partner (:func:`markers.unbalanced`: {link: (Arabic, the marked sentences)}); there the
    marker stands for the length's evidence, and a marked end sentence is cut out on the
    words alone."""
    unchanged = (links, list(range(len(links))))
    two = [k for k, (a, e) in enumerate(links) if a and e]
    ones = sum(1 for k in two if len(links[k][0]) == len(links[k][1]) == 1)
    if not two or ones < OMITTED_ONES * len(two):
        return unchanged
    parts = end_parts(scorer, links, OMITTED_GAIN)
    if marked:
        parts += [part for part in end_parts(scorer, links, only=marked)
                  if part.gain < OMITTED_GAIN and part.arabic == marked[part.link][0]
                  and part.sentence in marked[part.link][1]]
    if not parts:
        return unchanged
    typical = median(scorer.link_stats(links)[1][two])
    if typical < OMITTED_TEXT_COVER:
        return unchanged
    cut: dict[int, Part] = {}
    for part in parts:
        if (part.own <= OMITTED_OWN
                and part.alone <= OMITTED_ALONE and part.added <= OMITTED_ADDED
                and part.partners >= OMITTED_PARTNERS * typical
                and (part.link not in cut or part.gain > cut[part.link].gain)):
            cut[part.link] = part  # one sentence a link: the one its length least needs
    out: list[Link] = []
    origin: list[int] = []
    for k, (a, e) in enumerate(links):
        part = cut.get(k)
        if part is None:
            out.append((a, e))
            origin.append(k)
            continue
        s = part.sentence
        alone: Link = ([s], []) if part.arabic else ([], [s])
        rest: Link = ([i for i in a if i != s], e) if part.arabic else (a, [j for j in e
                                                                            if j != s])
        first = s == (a[0] if part.arabic else e[0])
        out.extend([alone, rest] if first else [rest, alone])
        origin.extend([k, k])
    return out, origin
