"""Sentence links from an alignment of clauses, for free (literary) translation.

A literary translator often ends a sentence inside the other text's next sentence (Ockley's
Hayy ibn Yaqzan: "… he concluded the Heart to be the part which he look'd for" closes an
English sentence with the opening of the next Arabic one). A search over whole sentences then
has two choices, both costly: a many-to-many link, or links that stay one sentence off for a
stretch. Aligned as clauses (sentences cut at their semicolons, colons and Arabic commas, no
piece under ``MIN_WORDS`` words), such a crossing is two ordinary links, and the sentence links
are the groups of sentences the clause links join (connected components). A group is then
split where the sentence alignment also ends a link and the split loses few of the clause
links' words (:func:`split_groups`): a single clause link across a sentence end joins two
groups that each translate the other on their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate

from workbench.align.calibration import FLAGGED
from workbench.align.model import Alignment

# Clause ends: Arabic comma, Arabic semicolon, semicolon and colon after Arabic; semicolon
# and colon after English (at English commas too, corpora/hayy's F1 was 0.53, not 0.66).
_AR_CUT = re.compile(r"(?<=[،؛;:])\s+")
_EN_CUT = re.compile(r"(?<=[;:])\s+")
# No clause shorter than this many words (shorter pieces join their neighbour): strict F1 of
# corpora/hayy and hayy2 at 6 words 0.462 and 0.557, 8 0.660 and 0.608, 10 0.653 and 0.442,
# 12 0.688 and 0.547 (BENCHMARKS.md, stop 44).
MIN_WORDS = 8
# The largest sentence link taken from clauses: nine sentences a side, as the sentence
# search's 1–9 (real literary gold links go to 7–2 and 2–8); a larger group means the clause
# links chained through a stretch, and the sentence alignment's links are kept there, between
# the nearest points where both alignments end a link (see :func:`spliced`).
MAX_SIDE = 9
# The clause links of a stretch within this many sentences (either side) of a group over
# MAX_SIDE give way to the sentence search's too: where they chained they had lost their
# place around it (nights without a dictionary: 0.600 with the group's stretch alone, 0.667
# at 3 and 5, 0.641 at 9; FreeDict with a fifth of its entries left out, mean of 15 runs:
# 0.681, 0.686, 0.685, 0.681).
NEAR = 3
# A split of a group is taken when the clause links' words it leaves outside every link are
# fewer than this share of a mean link's words, per link it adds (corpora/hayy and hayy2:
# 0.15 0.674 and 0.621, 0.2 0.680 and 0.698, 0.25 0.686 and 0.698, 0.3 0.660 and 0.673).
SPLIT_GAIN = 0.2

Group = tuple[list[int], list[int]]


def clauses(sentences: Sequence[str], arabic: bool) -> tuple[list[str], list[int]]:
    """The clauses of ``sentences`` in order, and the sentence each comes from."""
    cut = _AR_CUT if arabic else _EN_CUT
    pieces: list[str] = []
    owner: list[int] = []
    for k, sentence in enumerate(sentences):
        joined: list[str] = []
        for part in cut.split(sentence):
            if joined and (len(part.split()) < MIN_WORDS or len(joined[-1].split()) < MIN_WORDS):
                joined[-1] = f"{joined[-1]} {part}"
            else:
                joined.append(part)
        pieces.extend(joined)
        owner.extend([k] * len(joined))
    return pieces, owner


def sentence_links(
    links: Sequence[tuple[Sequence[int], Sequence[int]]], confidence: Sequence[float],
    ar_owner: Sequence[int], en_owner: Sequence[int],
) -> tuple[list[tuple[list[int], list[int]]], list[float]]:
    """The sentence links the clause ``links`` make (the sentences each joins, transitively),
    in the order of their first clause link, each with the lowest confidence of its clause
    links."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(node: tuple[int, int]) -> tuple[int, int]:
        parent.setdefault(node, node)
        while node != parent[node]:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    first: dict[tuple[int, int], int] = {}  # root: the first clause link it holds
    lowest: dict[tuple[int, int], float] = {}
    for k, ((a, e), conf) in enumerate(zip(links, confidence, strict=True)):
        nodes = [(0, ar_owner[i]) for i in a] + [(1, en_owner[j]) for j in e]
        if not nodes:
            continue
        root = find(nodes[0])
        first.setdefault(root, k)
        lowest[root] = min(lowest.get(root, 1.0), conf)
        for node in nodes[1:]:
            other = find(node)
            if other != root:
                parent[other] = root
                first[root] = min(first[root], first.pop(other, k))
                lowest[root] = min(lowest[root], lowest.pop(other, 1.0))
    groups: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        groups.setdefault(find(node), ([], []))[node[0]].append(node[1])
    roots = sorted(groups, key=first.__getitem__)
    return ([(sorted(groups[r][0]), sorted(groups[r][1])) for r in roots],
            [round(lowest[r], 4) for r in roots])


def gaps_filled(
    links: list[tuple[list[int], list[int]]], confidence: list[float],
) -> tuple[list[tuple[list[int], list[int]]], list[float]]:
    """``links`` (sentence links from :func:`sentence_links`) with each one-sided link of a
    sentence that lies between two sentences of the same side of a two-sided link joined to
    that link: every clause of the sentence was left unlinked, while the clauses around it
    link as one group (corpora/nights with FreeDict, English 25 inside 24-32). Left as it is,
    the group is out of order and the text's clause links cannot be spliced."""
    alone = {(side, link[side][0]): k for k, link in enumerate(links)
             for side in (0, 1) if len(link[side]) == 1 and not link[1 - side]}
    taken: set[int] = set()
    out = [(list(a), list(e)) for a, e in links]
    for group in out:
        for side in (0, 1) if group[0] and group[1] else ():
            for sentence in range(min(group[side]), max(group[side])):
                k = alone.get((side, sentence))
                if k is not None and k not in taken:
                    group[side].append(sentence)
                    taken.add(k)
            group[side].sort()
    kept = [k for k in range(len(out)) if k not in taken]
    return [out[k] for k in kept], [confidence[k] for k in kept]


def _cell_words(
    links: Sequence[tuple[Sequence[int], Sequence[int]]], ar_words: Sequence[int],
    en_words: Sequence[int], ar_owner: Sequence[int], en_owner: Sequence[int],
) -> dict[tuple[int, int], float]:
    """The words of each two-sided clause link (the mean of its two sides), shared among the
    (Arabic, English) sentence pairs it joins by the words of their clauses."""
    out: dict[tuple[int, int], float] = {}
    for a, e in links:
        wa = sum(ar_words[k] for k in a)
        we = sum(en_words[k] for k in e)
        if not wa or not we:  # one-sided, or clauses without words (empty sentences)
            continue
        scale = (wa + we) / 2 / (wa * we)
        for k in a:
            for m in e:
                cell = (ar_owner[k], en_owner[m])
                out[cell] = out.get(cell, 0.0) + scale * ar_words[k] * en_words[m]
    return out


def _ends(links: Sequence[tuple[Sequence[int], Sequence[int]]]) -> set[tuple[int, int]]:
    """The Arabic and English sentence counts before each end of ``links``."""
    ar, en = accumulate(len(a) for a, _ in links), accumulate(len(e) for _, e in links)
    return set(zip(ar, en, strict=True))


def _split(
    group: Group, words: dict[tuple[int, int], float], cuts: set[tuple[int, int]],
    reward: float,
) -> list[Group]:
    """``group`` as consecutive links that keep the most clause-link words plus ``reward``
    per two-sided link, cut only where the sentence alignment ends a link (``cuts``: the
    Arabic and English sentence counts before each of its link ends)."""
    ar, en = group
    rows, cols = len(ar), len(en)

    def cut_ok(p: int, q: int) -> bool:
        return (p, q) in ((0, 0), (rows, cols)) or (
            (ar[p - 1] + 1 if p else ar[0], en[q - 1] + 1 if q else en[0]) in cuts)

    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for p in range(rows + 1):
        for q in range(cols + 1):
            if (p, q) not in best:
                continue
            here = best[(p, q)][0]
            for p2 in range(p, rows + 1):
                for q2 in range(q, cols + 1):
                    one_sided = p2 == p or q2 == q
                    if (p2, q2) == (p, q) or (one_sided and p2 + q2 - p - q > 1) \
                            or not cut_ok(p2, q2):
                        continue
                    value = here if one_sided else here + reward + sum(
                        words.get((ar[x], en[y]), 0.0)
                        for x in range(p, p2) for y in range(q, q2))
                    if (p2, q2) not in best or value > best[(p2, q2)][0] + 1e-9:
                        best[(p2, q2)] = (value, (p, q))
    out: list[Group] = []
    end = (rows, cols)
    while end != (0, 0):
        start = best[end][1]
        out.append((ar[start[0]:end[0]], en[start[1]:end[1]]))
        end = start
    return out[::-1]


def split_groups(
    groups: list[Group], links: Sequence[tuple[Sequence[int], Sequence[int]]],
    confidence: Sequence[float], ar_words: Sequence[int], en_words: Sequence[int],
    ar_owner: Sequence[int], en_owner: Sequence[int], cuts: set[tuple[int, int]],
) -> tuple[list[Group], list[float]]:
    """The sentence links of ``groups`` (from :func:`sentence_links`) with each group of two
    or more sentences a side split where that keeps most of its clause links' words (see
    ``SPLIT_GAIN``); each link's confidence is the lowest of the clause links touching it."""
    words = _cell_words(links, ar_words, en_words, ar_owner, en_owner)
    two_sided = sum(1 for a, e in groups if a and e)
    reward = SPLIT_GAIN * sum(words.values()) / max(two_sided, 1)
    lowest: dict[tuple[int, int], float] = {}  # (side, sentence): its clause links' lowest
    for (a, e), conf in zip(links, confidence, strict=True):
        for node in {(0, ar_owner[k]) for k in a} | {(1, en_owner[k]) for k in e}:
            lowest[node] = min(lowest.get(node, 1.0), conf)
    out: list[Group] = []
    for a, e in groups:
        out.extend(_split((a, e), words, cuts, reward)
                   if len(a) > 1 and len(e) > 1 and not _oversized((a, e)) else [(a, e)])
    conf_out = [round(min([lowest[(0, i)] for i in a] + [lowest[(1, j)] for j in e]), 4)
                for a, e in out]
    return out, conf_out


def by_clauses(
    ar: Sequence[str], en: Sequence[str],
    align: Callable[[list[str], list[str], list[int], list[int]], Alignment | None],
    searched: Alignment | None = None,
) -> Alignment | None:
    """The sentence alignment made by aligning the clauses with ``align`` (given the clauses
    and the sentence each comes from), its groups split only where a link of ``searched``
    (the sentence search's) ends (see :func:`split_groups`), and the sentence search's links
    kept where a group is larger than MAX_SIDE (:func:`spliced`); None when no sentence has
    more than one clause (nothing to gain), ``align`` gives None, or no clause-made link is
    left."""
    ca, ar_owner = clauses(ar, True)
    ce, en_owner = clauses(en, False)
    if len(ca) == len(ar) and len(ce) == len(en):
        return None
    result = align(ca, ce, ar_owner, en_owner)
    if result is None:
        return None
    searched = searched or Alignment()
    links, confidence = gaps_filled(
        *sentence_links(result.links, result.confidence, ar_owner, en_owner))
    links, confidence = split_groups(
        links, result.links, result.confidence, [len(c.split()) for c in ca],
        [len(c.split()) for c in ce], ar_owner, en_owner, _ends(searched.links))
    # a sentence is left out when every clause of it is (a clause alone is part of a sentence)
    out = Counter((side, (ar_owner if side == "ar" else en_owner)[k])
                  for side, k in result.left_out)
    size = {"ar": Counter(ar_owner), "en": Counter(en_owner)}
    left_out = sorted(key for key, count in out.items() if count == size[key[0]][key[1]])
    return spliced(Alignment(links, confidence, list(result.warnings), result.related, left_out),
                   searched)


def _oversized(link: tuple[Sequence[int], Sequence[int]]) -> bool:
    """Whether ``link`` joins more than MAX_SIDE sentences of a side."""
    return len(link[0]) > MAX_SIDE or len(link[1]) > MAX_SIDE


def link_ends(
    links: Sequence[tuple[Sequence[int], Sequence[int]]],
) -> list[tuple[int, int]] | None:
    """The Arabic and English sentence counts before each end of ``links``, in order; None
    unless each link holds the sentences that follow the previous one's, on both sides."""
    ar = en = 0
    ends = []
    for a, e in links:
        if list(a) != list(range(ar, ar + len(a))) or list(e) != list(range(en, en + len(e))):
            return None
        ar, en = ar + len(a), en + len(e)
        ends.append((ar, en))
    return ends


def stretches(ends: list[tuple[int, int]], other: list[tuple[int, int]]
              ) -> list[tuple[range, range]]:
    """The links of each alignment (by ``ends`` and ``other``, their link ends) between each
    two consecutive points where both end a link; both must end at the same point."""
    common = set(ends) & set(other)
    out: list[tuple[range, range]] = []
    f = s = 0
    while f < len(ends):
        f_start, s_start = f, s
        while ends[f] not in common:
            f += 1
        while other[s] != ends[f]:
            s += 1
        f, s = f + 1, s + 1
        out.append((range(f_start, f), range(s_start, s)))
    return out


def _given_way(finer: Alignment, ends: list[tuple[int, int]], stretches: list[range]
               ) -> list[bool]:
    """For each stretch of ``finer``'s links (``ends``: where each ends), whether it holds a
    group over MAX_SIDE or lies within NEAR sentences of one, on either side."""
    def span(part: range) -> tuple[tuple[int, int], tuple[int, int]]:
        return (ends[part.start - 1] if part.start else (0, 0)), ends[part.stop - 1]

    chained = [span(part) for part in stretches
               if any(_oversized(finer.links[k]) for k in part)]

    def near(part: range) -> bool:
        start, stop = span(part)
        return any(min(max(start[x] - b_stop[x], b_start[x] - stop[x]) for x in (0, 1)) <= NEAR
                   for b_start, b_stop in chained)

    return [near(part) for part in stretches]


def _unsure_cut(finer: Alignment, here: range, searched: Alignment, there: range) -> bool:
    """Whether ``finer``'s links ``here`` cut ``searched``'s two-sided links ``there`` (the
    same sentences) into more links, each of them flagged: the clause pass is sure of no cut it
    adds, and the sentence search found the larger links whole (corpora/hayy's 40-42 | 31-32,
    a gold 3-2 link the clauses give as two 1-1 links at 0.25 and 0.30)."""
    return (len(here) > len(there)
            and all(a and e for a, e in (searched.links[k] for k in there))
            and all(finer.confidence[k] < FLAGGED for k in here))


def spliced(finer: Alignment, searched: Alignment) -> Alignment | None:
    """``finer``'s links (made of clauses) between each two points where both alignments end
    a link, except where one of them joins more than MAX_SIDE sentences a side (clause links
    chained through a stretch) and in the stretches within NEAR sentences of it, and where
    ``finer`` cuts the sentence search's links into more that it flags all
    (:func:`_unsure_cut`): there ``searched``'s (the sentence search's). None when that leaves
    none of ``finer``'s. Where either is out of order (no common points), the whole text goes
    one way: ``finer`` unless it holds such a group."""
    ends, other = link_ends(finer.links), link_ends(searched.links)
    if ends is None or other is None or ends[-1:] != other[-1:]:
        return None if any(map(_oversized, finer.links)) else finer
    parts = stretches(ends, other)
    out = Alignment(warnings=list(finer.warnings), related=finer.related)
    kept: dict[str, set[int]] = {"ar": set(), "en": set()}  # the sentences in finer's links
    for (here, there), give_way in zip(
            parts, _given_way(finer, ends, [h for h, _ in parts]), strict=True):
        give_way = give_way or _unsure_cut(finer, here, searched, there)
        source, taken = (searched, there) if give_way else (finer, here)
        if not give_way:
            for k in here:
                kept["ar"].update(finer.links[k][0])
                kept["en"].update(finer.links[k][1])
        out.links.extend(source.links[k] for k in taken)
        out.confidence.extend(source.confidence[k] for k in taken)
    if not kept["ar"] and not kept["en"]:
        return None
    out.left_out = sorted([x for x in finer.left_out if x[1] in kept[x[0]]]
                          + [x for x in searched.left_out if x[1] not in kept[x[0]]])
    return out
