"""Putting a translated paragraph back into an XML tree (HTML, ODT): the items its tags stand
for, and the walk that rebuilds the elements around the English."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from workbench.filters.inline import Literal, Node


@dataclass(frozen=True)
class Whole:
    """An empty tag: an element moved back as it is (with its content)."""

    element: etree._Element


@dataclass(frozen=True)
class Pair:
    """A paired tag: a copy of this element (its tag and attributes) wraps the translation."""

    element: etree._Element


def append_text(parent: etree._Element, text: str) -> None:
    """Add ``text`` at the end of ``parent``'s content (its text, or its last child's tail)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def emit(
    parent: etree._Element,
    children: list[str | Node],
    items: dict[int, Any],
    moved: set[int],
    add_text: Callable[[etree._Element, str], None] = append_text,
) -> None:
    """Append a parsed translation under ``parent``: text through ``add_text``, each empty tag's
    element (copied when it is placed twice), each paired tag as a copy of its element around
    its content; tags without an item are left out, their content kept."""
    for child in children:
        if isinstance(child, str):
            add_text(parent, child)
            continue
        item = items.get(child.origin)
        if not child.paired:
            if isinstance(item, Literal):
                add_text(parent, item.text)
            elif isinstance(item, (Whole, Pair)):
                element = item.element
                if id(element) in moved:
                    element = copy.deepcopy(element)
                moved.add(id(element))
                element.tail = None
                parent.append(element)
            continue
        if isinstance(item, Pair):
            shell = etree.SubElement(parent, item.element.tag, dict(item.element.attrib))
            emit(shell, child.children, items, moved, add_text)
        else:
            emit(parent, child.children, items, moved, add_text)
