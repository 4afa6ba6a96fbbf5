"""The plain values of source-document filters: what a reader finds and what a writer needs.

A filter reads a client's document into :class:`Block` values — one per translatable paragraph
(a paragraph, heading, list item, table cell, header or footer paragraph, footnote paragraph,
text-box paragraph, alt text...) — whose text holds numbered placeholders for the inline
formatting (``<1>bold</1>``, ``<2/>``), and writes the document back from a :class:`Rendering`
per block. Filters are pure: bytes in, bytes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench.text.tags import whole_pairs

#: Labels of the empty tags an English that lost them goes without: a line break put back at
#: a paragraph's end is an empty line in Word and LibreOffice, a stray backslash in Markdown.
DROPPABLE = frozenset({"br"})
#: Labels of the empty tags that end a line or are white space themselves: the next segment
#: of the paragraph follows them without the space that joins two sentences (it would indent
#: the new line in Word, or push the text after a tab off its tab stop).
LINE_ENDS = frozenset({"br", "break", "tab"})
_LAST_EMPTY = re.compile(r"<(\d+)/>$")


#: What an export puts where a segment has no English: its Arabic, or nothing.
FALLBACKS: tuple[str, ...] = ("source", "empty")


@dataclass(frozen=True)
class Tag:
    """What one placeholder of a paragraph stands for.

    ``paired``: ``<N>…</N>`` (formatting, a link, a field with its result) or ``<N/>`` (a
    line break, a tab, a footnote reference, an image, a field, a code span). ``label`` is a
    short name for people and editors (b, i, u, link, fn, br, tab, field, img, code...),
    ``title`` says more (a link's address, a footnote's number). ``origin`` is the number of
    the inline item of the original paragraph the tag restores: a bold run cut in two by a
    sentence end becomes two tags of one origin.
    """

    id: int
    paired: bool
    label: str
    title: str = ""
    origin: int = 0

    @property
    def source_id(self) -> int:
        """The inline item of the original paragraph this tag restores."""
        return self.origin or self.id

    def to_json(self) -> list[Any]:
        """A compact JSON value: [paired, label, title, origin]."""
        return [int(self.paired), self.label, self.title, self.source_id]

    @classmethod
    def from_json(cls, tag_id: int, value: list[Any]) -> Tag:
        """The tag stored by :meth:`to_json` under ``tag_id``."""
        paired, label, title, origin = value
        return cls(tag_id, bool(paired), str(label), str(title), int(origin))


TagMap = dict[int, Tag]


def tags_to_json(tags: TagMap) -> dict[str, list[Any]]:
    """A tag map as JSON (keys are the placeholder numbers as strings)."""
    return {str(k): t.to_json() for k, t in sorted(tags.items())}


def tags_from_json(value: dict[str, list[Any]]) -> TagMap:
    """The tag map stored by :func:`tags_to_json`."""
    return {int(k): Tag.from_json(int(k), v) for k, v in value.items()}


@dataclass
class Block:
    """One translatable paragraph of a source document.

    ``text`` is the Arabic with placeholders numbered from 1 in the paragraph, ``tags`` says
    what each stands for. ``place`` says where it is, for people ("body p12", "table 1 row 2
    cell 3", "footnote 2", "header1.xml", "alt text of 'Picture 1'"); ``kind`` is paragraph,
    heading, list-item, cell, footnote, endnote, header, footer, textbox, alt-text, title,
    unit.... A bilingual source (XLIFF) gives its own ``segments`` and, per segment, the
    English ``targets`` and ``statuses`` it already holds, and the ``notes`` (comments) of
    its unit, each on one line.
    """

    text: str
    tags: TagMap
    place: str
    kind: str = "paragraph"
    segments: list[str] | None = None
    targets: list[str | None] | None = None
    statuses: list[str | None] | None = None
    notes: tuple[str, ...] = ()


@dataclass
class SourceDocument:
    """A client document as a filter read it: its bytes and its translatable blocks."""

    path: str
    format: str
    data: bytes
    blocks: list[Block] = field(default_factory=list)
    source_lang: str | None = None
    target_lang: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def bilingual(self) -> bool:
        """Whether the file brings English of its own (an XLIFF file with targets)."""
        return any(t for b in self.blocks for t in (b.targets or ()))

    @property
    def tag_count(self) -> int:
        """How many placeholders the blocks hold."""
        return sum(len(b.tags) for b in self.blocks)


@dataclass(frozen=True)
class SegmentText:
    """One stored segment of a block, for a writer: Arabic, English ('' when none), status."""

    source: str
    target: str
    status: str = "new"
    joined: bool = False  # its English is in the link's first segment: nothing of its own


@dataclass
class Rendering:
    """What an export puts in one block: its segments in order and the block's tag map."""

    segments: list[SegmentText]
    tags: TagMap

    @property
    def translated(self) -> bool:
        """Whether any segment of the block has English, here or (a joined segment) in its
        link's first segment, in an earlier paragraph: such a block is no untranslated one
        left in Arabic."""
        return any(s.target.strip() or s.joined for s in self.segments)

    def text(self, fallback: str = "source",
             keep: Callable[[str, str], str] | None = None) -> str:
        """The block's new text: the English of each segment, the Arabic (or nothing, with
        fallback 'empty') where there is none; segments joined with a space, but for one after
        a line break or a tab (which the space would indent). An English without a pair that
        wraps its whole segment (English imported from a text: a contents entry's link, a
        heading in bold) is wrapped in it, so every format keeps it; ``keep`` (Arabic, English
        → English) puts back more of what a format must not lose."""
        parts: list[str] = []
        for s in self.segments:
            target = s.target.strip()
            if target:
                target = whole_pairs(s.source, target)
                if keep is not None:
                    target = keep(s.source, target)
            text = (target if target
                    else s.source.strip() if fallback == "source" and not s.joined else "")
            if text:
                if parts and not self._ends_line(parts[-1]):
                    parts.append(" ")
                parts.append(text)
        return "".join(parts)

    def _ends_line(self, text: str) -> bool:
        """Whether ``text`` ends with a line or page break or a tab (``…فهد.<1/>``)."""
        match = _LAST_EMPTY.search(text)
        tag = self.tags.get(int(match.group(1))) if match else None
        return tag is not None and not tag.paired and tag.label in LINE_ENDS


@dataclass
class WriteReport:
    """What a writer did: blocks rewritten, and problems it worked around (one line each)."""

    blocks: int = 0
    rewritten: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        """Keep a warning (the first 50)."""
        if len(self.warnings) < 50:
            self.warnings.append(message)

    def restored(self, place: str, tags: TagMap, origins: set[int], used: set[int]) -> None:
        """Warn that the empty tags restoring ``origins``, which the English left out, were
        put back at the end of their paragraph (bookmarks and comment ranges, labelled
        ``mark``, go back without a word), and that its line breaks not ``used`` were left
        out."""
        lost = [f"<{n}/> ({tag.title or tag.label})" for n, tag in sorted(tags.items())
                if not tag.paired and tag.source_id in origins and tag.label != "mark"]
        if lost:
            self.warn(f"{place}: {', '.join(lost)} not in the English: put back at the end "
                      "of the paragraph")
        breaks = [f"<{n}/> ({tag.title or tag.label})" for n, tag in sorted(tags.items())
                  if not tag.paired and tag.label in DROPPABLE and tag.source_id not in used]
        if breaks:
            self.warn(f"{place}: {', '.join(breaks)} not in the English: left out")
