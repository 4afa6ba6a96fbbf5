"""Rebuilding a translated DOCX paragraph from the stored original: runs of the English in
the properties of their tags, containers and fields copied around them, empty items moved back
in place (any the translation lost appended), and the text boxes' VML fallbacks synchronised."""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

from workbench.filters.docx_direction import label_arabic, ltr_wrappers, make_english
from workbench.filters.docx_inline import Elements, FieldPair, Fmt, Located, RunChild, Wrap
from workbench.filters.docx_xml import (
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    PPR_ORDER,
    W_P,
    W_PPR,
    W_RPR,
    insert_ordered,
    new_run,
    own_runs,
    text_run,
    w,
)
from workbench.filters.inline import Literal, Node, empty_origins, parse
from workbench.filters.model import Rendering, WriteReport
from workbench.formats.safexml import local


class _Mover:
    """Live elements go back once; a tag used twice gets a copy."""

    def __init__(self) -> None:
        self.used: set[int] = set()

    def take(self, element: etree._Element) -> etree._Element:
        if id(element) in self.used:
            return copy.deepcopy(element)
        self.used.add(id(element))
        return element


def rewrite(
    located: Located, text: str, rendering: Rendering, ltr: bool, report: WriteReport
) -> None:
    """Rebuild the paragraph of ``located`` holding ``text`` (``ltr``: translated, made left
    to right and English)."""
    p = located.element
    inline = located.inline
    assert inline is not None
    items = inline.builder.items
    if text:
        text = inline.pad[0] + text + inline.pad[1]
    parsed = parse(text, rendering.tags)
    if parsed.dropped:
        report.warn(f"{located.block.place}: tags {' '.join(parsed.dropped)} dropped "
                    "(not in the source)")
    missing = sorted(empty_origins(inline.builder.tags) - parsed.used)
    mover = _Mover()
    for child in list(p):
        if child.tag != W_PPR:
            p.remove(child)
    for item in inline.lead:
        _put_item(p, item, mover)
    _emit(p, parsed.children, items, inline.base_rpr, mover)
    restored = set()
    for origin in missing:
        item = items.get(origin)
        if item is not None and not isinstance(item, Literal):
            _put_item(p, item, mover)
            restored.add(origin)
    if text:
        report.restored(located.block.place, rendering.tags, restored, parsed.used)
    for item in inline.trail:
        _put_item(p, item, mover)
    if ltr:
        ppr = p.find(W_PPR)
        if ppr is None:
            ppr = etree.Element(W_PPR)
            p.insert(0, ppr)
        bidi = ppr.find(w("bidi"))
        if bidi is None:
            bidi = etree.Element(w("bidi"))
            insert_ordered(ppr, bidi, PPR_ORDER)
        bidi.set(w("val"), "0")
        mark = ppr.find(W_RPR)
        if mark is not None:
            make_english(mark)
        for run in list(own_runs(p)):
            rpr = run.find(W_RPR)
            if rpr is None:
                rpr = etree.Element(W_RPR)
                run.insert(0, rpr)
            make_english(rpr)
            label_arabic(run)
        ltr_wrappers(p)


def _put_item(parent: etree._Element, item: Any, mover: _Mover) -> None:
    if isinstance(item, RunChild):
        run = new_run(item.rpr)
        run.append(mover.take(item.child))
        parent.append(run)
    elif isinstance(item, Elements):
        for el in item.elements:
            parent.append(mover.take(el))


def _emit(
    parent: etree._Element, children: list[str | Node], items: dict[int, Any],
    rpr: etree._Element | None, mover: _Mover,
) -> None:
    for child in children:
        if isinstance(child, str):
            if child:
                parent.append(text_run(child, rpr))
            continue
        item = items.get(child.origin)
        if not child.paired:
            if isinstance(item, Literal):
                parent.append(text_run(item.text, rpr))
            else:
                _put_item(parent, item, mover)
            continue
        if isinstance(item, Fmt):
            _emit(parent, child.children, items, item.rpr, mover)
        elif isinstance(item, FieldPair):
            for run in item.before:
                parent.append(mover.take(run))
            _emit(parent, child.children, items, rpr, mover)
            for run in item.after:
                parent.append(mover.take(run))
        elif isinstance(item, Wrap):
            element = item.element
            shell = etree.SubElement(parent, element.tag, attrib=dict(element.attrib))
            target = shell
            for prop in element:
                name = local(prop.tag)
                if name.endswith("Pr"):
                    shell.append(copy.deepcopy(prop))
            if local(element.tag) == "sdt":
                target = etree.SubElement(shell, w("sdtContent"))
            _emit(target, child.children, items, item.rpr if item.rpr is not None else rpr,
                  mover)
        else:
            _emit(parent, child.children, items, rpr, mover)


def sync_fallbacks(root: etree._Element, rewritten: set[etree._Element]) -> None:
    """Give the VML fallback of a translated text box a copy of its translated content."""
    for alternate in root.iter(MC_ALTERNATE):
        choice = alternate.find(MC_CHOICE)
        fallback = alternate.find(MC_FALLBACK)
        if choice is None or fallback is None:
            continue
        new = list(choice.iter(w("txbxContent")))
        old = list(fallback.iter(w("txbxContent")))
        if len(new) != len(old):
            continue
        if not any(p in rewritten for box in new for p in box.iter(W_P)):
            continue
        for source, target in zip(new, old, strict=True):
            for child in list(target):
                target.remove(child)
            for child in source:
                target.append(copy.deepcopy(child))
