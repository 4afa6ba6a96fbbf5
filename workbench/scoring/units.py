"""Scoring units of a project document: groups of segments that the stored alignments tie together.

A reference version is stored as English sentences linked to groups of segments; a sentence
linked to two segments must be scored once, against both segments' English together. So the
unit of scoring is a connected group of segments: two segments share a unit when any link of
a reference (or of a draft that is itself stored as linked sentences) covers both, or when
the working translation's alignment joins them (an ``import-translation --as working`` puts
a sentence facing two segments on the first: exports and checks read them as one). Each
unit's text in a version is:

- for a version stored as links (references, imported drafts): the sentences of the links
  that touch the unit, each sentence once, in document order;
- for a version stored per segment (the working translation, edited segment by segment):
  the segments' own texts, joined.

The English is scored without its inline tags (``<1>``, ``</1>``, ``<2/>``: a client
document's formatting, which the translator copies into the working translation and a
reference delivered as a document does not have): sacrebleu would count each as three words.

A link with sentences but no segment (English the aligner could not place) joins the unit of
the link before it (or after it, at the start), so its words still count against the drafts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from workbench.text.tags import strip_tags


@dataclass(frozen=True)
class SegmentRow:
    """A segment as the scorer needs it."""

    id: int
    position: int
    source: str


@dataclass(frozen=True)
class Link:
    """A stored alignment link: segment ids and the English sentences facing them."""

    segments: tuple[int, ...]
    sentences: tuple[str, ...]


@dataclass
class Unit:
    """A group of segments scored together, with its Arabic and each version's English."""

    segment_ids: list[int]
    positions: list[int]
    source: str
    texts: dict[str, str] = field(default_factory=dict)


def _join(parts: Sequence[str]) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _english(parts: Sequence[str]) -> str:
    """English parts joined as scored: without inline tags (an empty tag, a break or an
    image, a space), white space collapsed."""
    return " ".join(word for p in parts if p for word in strip_tags(p, " ").split())


class _Groups:
    """Union-find over segment ids."""

    def __init__(self, ids: Sequence[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, ids: Sequence[int]) -> None:
        first = self.find(ids[0])
        for other in ids[1:]:
            root = self.find(other)
            if root != first:
                self.parent[root] = first


def _placed(links: Sequence[Link], known: set[int]) -> list[tuple[tuple[int, ...], Link]]:
    """Each link with the segments it is scored with (orphans borrow a neighbour's)."""
    own = [tuple(s for s in link.segments if s in known) for link in links]
    out: list[tuple[tuple[int, ...], Link]] = []
    previous: tuple[int, ...] = ()
    pending: list[Link] = []
    for segs, link in zip(own, links, strict=True):
        if not segs:
            if previous:
                out.append((previous, link))
            else:
                pending.append(link)
            continue
        out.extend((segs, orphan) for orphan in pending)
        pending = []
        out.append((segs, link))
        previous = segs
    # A version whose links touch no segment at all cannot be placed.
    return out


def build_units(
    segments: Sequence[SegmentRow],
    linked: Mapping[str, Sequence[Link]],
    per_segment: Mapping[str, Mapping[int, str]],
    joined: Sequence[Sequence[int]] = (),
) -> list[Unit]:
    """The scoring units of a document, in document order, with every version's text.

    ``linked`` maps a version name to its links (versions stored as sentences), ``per_segment``
    maps a version name to its text by segment id (versions scored segment by segment).
    ``joined``: further groups of segment ids scored as one (the working translation's links).
    """
    ordered = sorted(segments, key=lambda s: s.position)
    known = {s.id for s in ordered}
    groups = _Groups([s.id for s in ordered])
    placed = {name: _placed(links, known) for name, links in linked.items()}
    for links in placed.values():
        for segs, _ in links:
            groups.union(segs)
    for ids in joined:
        members = [i for i in ids if i in known]
        if members:
            groups.union(members)
    units: dict[int, Unit] = {}
    for seg in ordered:
        root = groups.find(seg.id)
        unit = units.get(root)
        if unit is None:
            unit = units[root] = Unit([], [], "")
        unit.segment_ids.append(seg.id)
        unit.positions.append(seg.position)
    by_id = {s.id: s for s in ordered}
    for unit in units.values():
        unit.source = _join([by_id[i].source for i in unit.segment_ids])
        for name, texts in per_segment.items():
            unit.texts[name] = _english([texts.get(i, "") for i in unit.segment_ids])
    for name, links in placed.items():
        parts: dict[int, list[str]] = {}
        for segs, link in links:
            parts.setdefault(groups.find(segs[0]), []).extend(link.sentences)
        for root, unit in units.items():
            unit.texts[name] = _english(parts.get(root, []))
    return list(units.values())
