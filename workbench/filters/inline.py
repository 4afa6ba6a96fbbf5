"""Building a paragraph's tagged text from its inline content, and reading it back as a tree.

:class:`InlineBuilder` is fed a paragraph's content in order — text, the opening and closing of
formatting, standalone items — and numbers the tags from 1 as they appear. Text that happens
to look like a placeholder (``<3>`` in the source itself) becomes an empty tag holding that
text, so the placeholder syntax never needs escaping. :func:`parse` reads a translated text
back into a tree of the tags it uses, tolerating the mistakes a translator can make (unknown,
unbalanced or crossed tags); the QA check ``tag-mismatch`` reports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from workbench.filters.model import DROPPABLE, Tag, TagMap
from workbench.formats.xmlout import carried
from workbench.text.tags import CLOSE, EMPTY, OPEN, TAG, tokens

_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's white space: a no-break space is kept


@dataclass(frozen=True)
class Literal:
    """The item of an empty tag standing for source text that looks like a placeholder."""

    text: str


class InlineBuilder:
    """Collects a paragraph's text with placeholders, its tag map and each tag's item.

    ``items[n]`` is whatever the filter needs to restore tag ``n`` (an element, its run
    properties, Markdown delimiters); the builder never looks at it. With ``collapse``,
    runs of white space become one space, as HTML collapses them (ASCII white space only: a
    no-break space stays).
    """

    def __init__(self, *, collapse: bool = False) -> None:
        self.parts: list[str] = []
        self.tags: TagMap = {}
        self.items: dict[int, Any] = {}
        self.collapse = collapse
        self._open: list[tuple[int, int]] = []  # (tag id, len(parts) when opened)
        self._space = True  # the last character written is a space (or nothing yet)

    def text(self, text: str) -> None:
        """Add text (placeholder-like pieces of it become empty tags; control characters no
        document shows, such as the field marks LibreOffice leaves in its HTML, are left out)."""
        text = carried(text)
        if not text:
            return
        if self.collapse:
            text = _SPACES.sub(" ", text)
            if self._space and text.startswith(" "):
                text = text[1:]
            if not text:
                return
        if "<" in text and TAG.search(text):
            pos = 0
            for m in TAG.finditer(text):
                self._plain(text[pos : m.start()])
                self.empty("text", m.group(), Literal(m.group()))
                pos = m.end()
            self._plain(text[pos:])
            return
        self._plain(text)

    def _plain(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self._space = text[-1].isspace()

    def _new(self, paired: bool, label: str, title: str, item: Any) -> int:
        tag_id = len(self.tags) + 1
        self.tags[tag_id] = Tag(tag_id, paired, label, title)
        self.items[tag_id] = item
        return tag_id

    def open(self, label: str, title: str, item: Any) -> int:
        """Open a paired tag; its id (give it to :meth:`close`)."""
        tag_id = self._new(True, label, title, item)
        self._open.append((tag_id, len(self.parts)))
        self.parts.append(f"<{tag_id}>")
        return tag_id

    def close(self, tag_id: int) -> None:
        """Close the paired tag ``tag_id``; one that wraps nothing becomes an empty tag."""
        opened, at = self._open.pop()
        if opened != tag_id:
            raise ValueError(f"tag {tag_id} closed while {opened} is open")
        if at == len(self.parts) - 1:  # nothing since the opening: <n/> instead of <n></n>
            self.parts[at] = f"<{tag_id}/>"
            old = self.tags[tag_id]
            self.tags[tag_id] = Tag(tag_id, False, old.label, old.title)
            return
        self.parts.append(f"</{tag_id}>")

    def empty(self, label: str, title: str, item: Any) -> int:
        """Add an empty tag; its id."""
        tag_id = self._new(False, label, title, item)
        self.parts.append(f"<{tag_id}/>")
        self._space = False  # an image between two spaces keeps both
        return tag_id

    @property
    def has_text(self) -> bool:
        """Whether anything but tags and white space was added."""
        return any(not p.startswith("<") and p.strip() for p in self.parts) or any(
            isinstance(self.items[t], Literal) for t in self.tags
        )

    def result(self) -> str:
        """The paragraph's text with placeholders, stripped."""
        if self._open:
            raise ValueError(f"tags left open: {[t for t, _ in self._open]}")
        return "".join(self.parts).strip()


@dataclass
class Node:
    """A tag in a parsed translation: the source item it restores and what it wraps."""

    origin: int
    paired: bool
    children: list[str | Node] = field(default_factory=list)


@dataclass
class Parsed:
    """A translated block read back: the top-level pieces, the origins of the empty tags it
    used, and the placeholders it had to drop."""

    children: list[str | Node]
    used: set[int]
    dropped: list[str]


def parse(text: str, tags: TagMap) -> Parsed:
    """Read ``text`` (a block's text with placeholders) into a tree of :class:`Node`.

    Placeholders the tag map does not know, or of the wrong kind, are dropped; a closing tag
    closes the tags opened inside it; one whose opening is missing is dropped; tags left open
    are closed at the end. Two pieces of one paired source item separated by nothing but
    white space (a bold run cut by a sentence end) are joined again.
    """
    root = Node(0, True)
    stack: list[tuple[int, Node]] = [(0, root)]
    used: set[int] = set()
    dropped: list[str] = []
    pos = 0
    for token in tokens(text):
        if token.start > pos:
            stack[-1][1].children.append(text[pos : token.start])
        pos = token.end
        tag = tags.get(token.id)
        if tag is None or tag.paired != (token.kind != EMPTY):
            dropped.append(token.text)
            continue
        if token.kind == OPEN:
            node = Node(tag.source_id, True)
            stack[-1][1].children.append(node)
            stack.append((token.id, node))
        elif token.kind == CLOSE:
            if not any(tid == token.id for tid, _ in stack[1:]):
                dropped.append(token.text)
                continue
            while stack[-1][0] != token.id:
                stack.pop()
            stack.pop()
        else:
            stack[-1][1].children.append(Node(tag.source_id, False))
            used.add(tag.source_id)
    if pos < len(text):
        stack[-1][1].children.append(text[pos:])
    _join_pieces(root)
    return Parsed(root.children, used, dropped)


def _join_pieces(node: Node) -> None:
    out: list[str | Node] = []
    for child in node.children:
        if isinstance(child, Node):
            _join_pieces(child)
            if child.paired:
                # <a>x</a> SPACE <a'>y</a'> where both restore one source item
                j = len(out) - 1
                while j >= 0 and isinstance(out[j], str) and not str(out[j]).strip():
                    j -= 1
                prev = out[j] if j >= 0 else None
                if isinstance(prev, Node) and prev.paired and prev.origin == child.origin:
                    between = [c for c in out[j + 1 :] if isinstance(c, str)]
                    del out[j + 1 :]
                    prev.children.extend([*between, *child.children])
                    continue
        out.append(child)
    node.children = out


def plain_text(children: list[str | Node], items: dict[int, Any]) -> str:
    """The text of parsed pieces without any markup (literal tags written out)."""
    out: list[str] = []
    for child in children:
        if isinstance(child, str):
            out.append(child)
        elif child.paired:
            out.append(plain_text(child.children, items))
        elif isinstance(items.get(child.origin), Literal):
            out.append(items[child.origin].text)
    return "".join(out)


def empty_origins(tags: TagMap) -> set[int]:
    """The source items restored by empty tags of a block's map that an export must keep (all
    but line breaks, :data:`DROPPABLE`)."""
    return {t.source_id for t in tags.values() if not t.paired and t.label not in DROPPABLE}


__all__ = ["EMPTY", "InlineBuilder", "Literal", "Node", "Parsed", "empty_origins", "parse",
           "plain_text"]
