"""What kind of mistake each wrong link is (issue 13's literary error analysis, stop 49).

Two monotone alignments of the same texts share cut points, (Arabic count, English count) where
each ends a link. Between two consecutive shared points lies a stretch; where our links and the
gold's differ in it, the stretch is one mistake of one kind:

- ``border ±1``: as many links as the gold's, every border at most one sentence off a side
  (a translator's clause moved across a sentence end, or a run of such shifts);
- ``border ≥2``: as many links, some border two or more sentences off;
- ``finer``: one gold link (a group of sentences) cut into several;
- ``coarser``: one of our links joins several gold links;
- ``left out``: a sentence linked to nothing on one side (ours or the gold's) handled otherwise;
- ``other``: different counts of links on both sides, or a gold link wider than the aligner's
  widest (9 sentences a side).
"""

from __future__ import annotations

from collections.abc import Sequence

Link = tuple[tuple[int, ...], tuple[int, ...]]
KINDS = ("border ±1", "border ≥2", "finer", "coarser", "left out", "other")
WIDEST = 9


def _cuts(links: Sequence[Link]) -> set[tuple[int, int]]:
    """The cut points of monotone links, (0, 0) included."""
    out, a, e = {(0, 0)}, 0, 0
    for la, le in links:
        a, e = a + len(la), e + len(le)
        out.add((a, e))
    return out


def _stretches(links: Sequence[Link], common: set[tuple[int, int]]) -> dict[int, list[Link]]:
    """The links of each stretch between shared cut points (numbered along the texts)."""
    out: dict[int, list[Link]] = {}
    a = e = 0
    k = -1
    for la, le in links:
        if (a, e) in common:
            k += 1
        out.setdefault(k, []).append((tuple(la), tuple(le)))
        a, e = a + len(la), e + len(le)
    return out


def _borders(links: Sequence[Link]) -> list[tuple[int, int]]:
    a = e = 0
    out = []
    for la, le in links[:-1]:
        a, e = a + len(la), e + len(le)
        out.append((a, e))
    return out


def kind(ours: Sequence[Link], gold: Sequence[Link]) -> str:
    """The kind of one stretch where our links ``ours`` differ from the gold's ``gold``."""
    if any(max(len(a), len(e)) > WIDEST for a, e in gold):
        return "other"
    if any(not a or not e for a, e in [*ours, *gold]):
        return "left out"
    if len(gold) == 1:
        return "finer"
    if len(ours) == 1:
        return "coarser"
    if len(ours) != len(gold):
        return "other"
    off = max(max(abs(x[0] - y[0]), abs(x[1] - y[1]))
              for x, y in zip(_borders(ours), _borders(gold), strict=True))
    return "border ±1" if off <= 1 else "border ≥2"


def mistakes(ours: Sequence[tuple[Sequence[int], Sequence[int]]], gold: Sequence[Link]
             ) -> list[tuple[str, list[Link], list[Link]]]:
    """Each stretch where the monotone alignments ``ours`` and ``gold`` (both covering every
    sentence once, in order) differ: its kind, our links and the gold's there."""
    mine = [(tuple(a), tuple(e)) for a, e in ours]
    common = _cuts(mine) & _cuts(gold)
    by_ours, by_gold = _stretches(mine, common), _stretches(gold, common)
    out = []
    for k in sorted(set(by_ours) | set(by_gold)):
        o, g = by_ours.get(k, []), by_gold.get(k, [])
        if set(o) != set(g):
            out.append((kind(o, g), o, g))
    return out


def wrong_by_kind(ours: Sequence[tuple[Sequence[int], Sequence[int]]], gold: Sequence[Link]
                  ) -> dict[str, int]:
    """How many of our links are wrong, by the kind of mistake they are part of."""
    counts = dict.fromkeys(KINDS, 0)
    for name, o, g in mistakes(ours, gold):
        counts[name] += sum(1 for link in o if link not in g)
    return counts


def fixed(ours: Sequence[tuple[Sequence[int], Sequence[int]]], gold: Sequence[Link], which: str
          ) -> list[Link]:
    """Our links, in order, with every mistake of kind ``which`` replaced by the gold's links
    there."""
    mine = [(tuple(a), tuple(e)) for a, e in ours]
    for name, o, g in mistakes(ours, gold):
        if name == which:
            at = mine.index(o[0])
            mine[at:at + len(o)] = g
    return mine
