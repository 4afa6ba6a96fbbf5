"""The direction of a translated HTML page: its translated blocks, their elements and its
stylesheets left to right and English, a block left in Arabic right to left, and the Arabic
stretches of an English block labelled right to left."""

from __future__ import annotations

import itertools
import re
import unicodedata

from lxml import etree

from workbench.filters.html_elements import XHTML, XML_LANG, local
from workbench.filters.html_wrappers import WRAPPERS
from workbench.filters.xmltree import append_text
from workbench.text.bidi import rtl_spans


def mark_direction(element: etree._Element, *, rtl: bool) -> etree._Element:
    """Set the direction of a translated block's element and its ancestors (left-to-right),
    or of a block left in Arabic (right-to-left, on its own element); the element marked."""
    if rtl:
        while local(element.tag) in WRAPPERS and element.getparent() is not None:
            element = element.getparent()  # the paragraph, not the span around its text
        if local(element.tag) not in ("html", "body") and element.get("dir") is None:
            element.set("dir", "rtl")
            element.set("lang", "ar")
        return element
    for el in (element, *element.iterancestors()):
        _ltr(el)
    return element


_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_PAGE_SELECTORS = frozenset({"html", "body", ":root"})


def keep_rtl(kept: list[etree._Element], css: str) -> None:
    """A page's stylesheet whose rules for elements within the body said ``direction: rtl``
    (or ``text-align: right``; ``p.x { … }``) turns ``ltr`` (``left``): such rules outweigh
    ``dir="rtl"``, so each block left in Arabic (``kept``) says them in its own ``style``,
    unless it says a direction (an alignment). Rules of ``html`` and ``body`` alone are
    inherited, which ``dir`` outweighs."""
    found: set[str] = set()
    for rule in _CSS_RULE.finditer(css):
        selectors = {part.strip().lower() for part in rule.group(1).split(",")}
        if selectors - _PAGE_SELECTORS:
            found |= {f"{m.group(1).split(':')[0].strip().lower()}: {m.group(2).lower()}"
                      for m in _CSS_RTL.finditer(rule.group(2))}
    for el in kept:
        if local(el.tag) in _PAGE_SELECTORS:
            continue
        style = el.get("style") or ""
        missing = [d for d in sorted(found)
                   if not re.search(rf"{d.split(':')[0]}\s*:", style, re.I)]
        if missing:
            el.set("style", "; ".join(filter(None, [style.strip().rstrip(";"), *missing])))


TEXT_ONLY = frozenset({"title", "option", "textarea", "script", "style"})
"""Elements that hold text alone: their Arabic gets no span."""


def label_arabic(el: etree._Element, xml: bool) -> None:
    """Put each Arabic stretch of a translated block's content (a segment left in Arabic by
    ``--fallback source``, a term quoted in the English) in one ``<bdi dir="rtl"
    lang="ar">`` (XHTML, which EPUB 2 has without ``bdi``: a ``span``), the inline elements
    inside it moved in whole (ثم <b>أرسلها</b> في 2024. is one: isolates of its parts would
    be laid out left to right, in the wrong order); an element holding English and Arabic is
    labelled inside. It was all labelled English, its stops and numbers laid out left to
    right. (LibreOffice's HTML import, which has no inline direction, turns a paragraph
    holding a ``span dir="rtl"`` right to left; it leaves a ``bdi``'s paragraph as it is.)"""
    items: list[str | etree._Element] = [el.text] if el.text else []
    for child in el:
        items.append(child)
        if child.tail:
            items.append(child.tail)
            child.tail = None
    flat = "".join(_flat(item) for item in items)
    ranges = _whole_ranges(items, rtl_spans(flat))
    out: list[str | etree._Element] = []
    pos = 0
    wrapped: set[int] = set()
    for item in items:
        size = len(_flat(item))
        pieces = [(pos, pos + size)]
        if isinstance(item, str):
            cuts = sorted({c for r in ranges for c in r if pos < c < pos + size})
            edges = [pos, *cuts, pos + size]
            pieces = list(itertools.pairwise(edges))
        for a, b in pieces:
            value = item if not isinstance(item, str) else item[a - pos : b - pos]
            inside = next((r for r in ranges if r[0] <= a and b <= r[1] and a < b), None)
            if inside is None:
                out.append(value)
                continue
            if not out or not isinstance(out[-1], etree._Element) or \
                    id(out[-1]) not in wrapped or out[-1].get("data-wb-end") != str(inside[1]):
                span = el.makeelement(f"{{{XHTML}}}span" if xml else "bdi", {
                    "dir": "rtl", "lang": "ar", **({XML_LANG: "ar"} if xml else {}),
                    "data-wb-end": str(inside[1])})
                wrapped.add(id(span))
                out.append(span)
            if isinstance(value, str):
                append_text(out[-1], value)
            else:
                out[-1].append(value)
        pos += size
    el.text = None
    for child in list(el):
        el.remove(child)
    for value in out:
        if isinstance(value, str):
            append_text(el, value)
        else:
            value.attrib.pop("data-wb-end", None)
            el.append(value)
            if id(value) not in wrapped and isinstance(value.tag, str) and \
                    local(value.tag) not in TEXT_ONLY:
                label_arabic(value, xml)


def _flat(item: str | etree._Element) -> str:
    if isinstance(item, str):
        return item
    return "".join(item.itertext()) if isinstance(item.tag, str) else ""


def _whole_ranges(items: list[str | etree._Element],
                  spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each end that falls inside an element moved to the element's edge: out
    of it when it holds English (its Arabic is labelled inside it), over it when not."""
    edges: list[tuple[int, int, bool]] = []  # an element's start, end, and English in it
    pos = 0
    for item in items:
        size = len(_flat(item))
        if not isinstance(item, str):
            english = any(unicodedata.bidirectional(ch) == "L" for ch in _flat(item))
            edges.append((pos, pos + size, english))
        pos += size
    out = []
    for start, end in spans:
        for a, b, english in edges:
            if a < start < b:
                start = b if english else a
            if a < end < b:
                end = a if english else b
        if start < end:
            out.append((start, end))
    return out


def _ltr(el: etree._Element) -> None:
    """An element that said ``dir="rtl"``, ``lang="ar"``, ``align="right"`` (LibreOffice's
    HTML of an Arabic document) or a right-to-left ``style`` says left-to-right and
    English."""
    if (el.get("dir") or "").lower() == "rtl":
        el.set("dir", "ltr")
    if (el.get("align") or "").lower() == "right":
        el.set("align", "left")
    if el.get("style"):
        el.set("style", css_to_english(el.get("style") or ""))
    for attribute in ("lang", XML_LANG, "xml:lang"):  # xml:lang as an HTML page spells it
        if (el.get(attribute) or "").lower().startswith("ar"):
            el.set(attribute, "en")


def inline_ltr(parent: etree._Element, kept: set[int]) -> None:
    """The elements of a translated stretch left-to-right, but for those in ``kept`` (empty
    tags' elements, moved back as they were) and what they hold."""
    for el in parent:
        if isinstance(el.tag, str) and id(el) not in kept:
            _ltr(el)
            inline_ltr(el, kept)


# A stylesheet's right-to-left declarations, which would outweigh dir="ltr"
_CSS_RTL = re.compile(r"((?:direction|text-align)\s*:\s*)(rtl|right)(\s*[;}!]|\s*$)",
                      re.I | re.M)
_CSS_LTR = {"rtl": "ltr", "right": "left"}


def css_to_english(css: str) -> str:
    """A stylesheet (or a ``style`` attribute) with ``direction: rtl`` as ``ltr`` and
    ``text-align: right`` as ``left`` (EPUB 3 forbids ``direction`` in CSS, but older books
    have it)."""
    return _CSS_RTL.sub(lambda m: m.group(1) + _CSS_LTR[m.group(2).lower()] + m.group(3), css)
