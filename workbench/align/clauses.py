"""Sentence links from an alignment of clauses, for free (literary) translation.

A literary translator often ends a sentence inside the other text's next sentence (Ockley's
Hayy ibn Yaqzan: "… he concluded the Heart to be the part which he look'd for" closes an
English sentence with the opening of the next Arabic one). A search over whole sentences then
has two choices, both costly: a many-to-many link, or links that stay one sentence off for a
stretch. Aligned as clauses (sentences cut at their semicolons, colons and Arabic commas, no
piece under ``MIN_WORDS`` words), such a crossing is two ordinary links, and the sentence links
are the groups of sentences the clause links join (connected components).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

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
# links chained through a stretch, and the sentence alignment is kept.
MAX_SIDE = 9


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


def by_clauses(
    ar: Sequence[str], en: Sequence[str],
    align: Callable[[list[str], list[str], list[int], list[int]], Alignment | None],
) -> Alignment | None:
    """The sentence alignment made by aligning the clauses with ``align`` (given the clauses
    and the sentence each comes from); None when no sentence has more than one clause
    (nothing to gain), ``align`` gives None, or the clause links chain into a group of more
    than MAX_SIDE."""
    ca, ar_owner = clauses(ar, True)
    ce, en_owner = clauses(en, False)
    if len(ca) == len(ar) and len(ce) == len(en):
        return None
    result = align(ca, ce, ar_owner, en_owner)
    if result is None:
        return None
    links, confidence = sentence_links(result.links, result.confidence, ar_owner, en_owner)
    if any(len(a) > MAX_SIDE or len(e) > MAX_SIDE for a, e in links):
        return None  # clause links chained into a group no reader would take for a link
    # a sentence is left out when every clause of it is (a clause alone is part of a sentence)
    out = Counter((side, (ar_owner if side == "ar" else en_owner)[k])
                  for side, k in result.left_out)
    size = {"ar": Counter(ar_owner), "en": Counter(en_owner)}
    left_out = sorted(key for key, count in out.items() if count == size[key[0]][key[1]])
    return Alignment(links, confidence, list(result.warnings), result.related, left_out)
