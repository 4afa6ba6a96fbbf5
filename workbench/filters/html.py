"""HTML and XHTML pages read into tagged paragraphs and written back translated.

A block is each stretch of text and inline elements inside a block-level element (``p``,
``h1``–``h6``, ``li``, ``td``, ``th``, ``dt``, ``dd``, ``caption``, ``figcaption``, ``div``,
``title``...) between its block-level children, so ``<li>text<ul>…</ul></li>`` gives the
item's text and then the nested list's items; a ``button`` and each ``option`` of a list are
blocks of their own. Attributes people read (or hear) are blocks too: ``alt``, ``title``,
``placeholder``, ``aria-label`` (what a screen reader says of a link, a button, a menu), the
``value`` of a submit, reset or button ``input`` and the ``content`` of
``<meta name="description">``. Inline
elements (``b``, ``strong``, ``i``, ``em``, ``u``, ``a``, ``span``, ``sup``, ``sub``...) become
pairs, nested as they are (but not a ``span`` or ``font`` saying only its language or font,
nor alike styling elements holding all a block's words: see
:func:`workbench.filters.html_wrappers.covering`); ``br``,
``img``, ``code``, ``kbd``, form controls and other elements whose content is not prose
become empty tags. White space is collapsed as a browser collapses it (``pre`` keeps it, and
each of its lines is a block). Scripts, styles and templates are not read.

Writing replaces the nodes of each translated stretch: pairs get a copy of their element
(attributes included), empty tags their element back. The page becomes ``dir="ltr" lang="en"``,
so do the translated blocks' elements that said ``rtl``/``ar`` (and ``align="right"``, their
``style``, and the page's ``<style>``: ``direction: rtl`` → ``ltr``, ``text-align: right`` →
``left``); a block left in Arabic in a translated page gets ``dir="rtl" lang="ar"``. The
rest of the tree is written back as lxml read it (its serialisation, not its bytes; the
document's encoding is kept). XHTML is read as XML with the safe parser and written back as
XML; its named character references (``&nbsp;``, ``&eacute;``: HTML's, which the XHTML DTD
defines and the safe parser never loads) are read as the characters they name, as any entity
a page declares itself is still refused.

This module reads a page's blocks and writes them back; :mod:`html_bytes` reads its bytes
(XHTML or HTML, the encoding), :mod:`html_elements` knows its elements, :mod:`html_wrappers`
which of them are no tags, and :mod:`html_direction` turns the page left to right.
"""


from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import BinaryIO

import lxml.html
from lxml import etree

from workbench import textio
from workbench.errors import InputError
from workbench.filters.html_bytes import (
    INTERNAL_SUBSET,
    empty_voids,
    is_xhtml,
    keep_content_type,
    numeric_references,
    page_encoding,
    refuse_truncated,
)
from workbench.filters.html_direction import (
    TEXT_ONLY,
    css_to_english,
    inline_ltr,
    keep_rtl,
    label_arabic,
    mark_direction,
)
from workbench.filters.html_elements import INLINE, PROTECTED, XML_LANG, is_block, local
from workbench.filters.html_wrappers import bookmark, covering, shell, unseen, wrapper_of
from workbench.filters.inline import InlineBuilder, Node, empty_origins, parse, plain_text
from workbench.filters.model import Block, Rendering, SourceDocument, TagMap, WriteReport
from workbench.filters.xmltree import Pair, Whole, append_text, emit
from workbench.formats import safexml
from workbench.text.tags import strip_tags

#: Elements never read.
SKIPPED = frozenset({
    "script", "style", "template", "noscript", "svg", "math", "textarea", "select", "head",
    "object", "iframe", "canvas", "audio", "video",
})
LABELS = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "a": "link", "sup": "sup",
          "sub": "sub", "s": "s", "strike": "s", "del": "del", "ins": "ins", "sdfield": "field"}
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
#: Input types whose ``value`` is the label the page shows (a button's).
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
META_NAMES = frozenset({"description", "keywords", "og:title", "og:description",
                        "twitter:title", "twitter:description"})


@dataclass
class _Located:
    block: Block
    parent: etree._Element
    start: int = 0
    end: int = 0
    builder: InlineBuilder | None = None
    attribute: str | None = None
    pad: tuple[str, str] = ("", "")
    #: elements read as no tags whose copies, outer first, wrap the English (see covering)
    wrap: tuple[etree._Element, ...] = ()


def _set_slot(parent: etree._Element, k: int, text: str | None) -> None:
    if k == 0:
        parent.text = text
    else:
        parent[k - 1].tail = text


#: The element each line of a ``pre`` is read in, a block of its own: made by
#: :func:`_split_lines` on reading, taken away by :func:`_unwrap` before writing.
LINE = "workbench-line"


def _split_lines(root: etree._Element) -> None:
    """Put each line of text of every ``pre`` in an element :data:`LINE` of its own (the
    newlines between them outside it), so that a line is a paragraph: LibreOffice's HTML of a
    document of plain text is one ``pre``, a paragraph a line. A newline inside an inline
    element of the ``pre`` does not end its line."""
    for pre in [el for el in root.iter() if local(el.tag) == "pre"]:
        if not (pre.text or "").count("\n") and not any(
                "\n" in (child.tail or "") for child in pre):
            continue
        pieces: list[str | etree._Element] = [pre.text or ""]
        for child in pre:
            tail, child.tail = child.tail or "", None
            pieces += [child, tail]
        pre.text = None
        for child in list(pre):
            pre.remove(child)
        line: etree._Element | None = None
        for piece in pieces:
            parts = piece.split("\n") if isinstance(piece, str) else [piece]
            for k, part in enumerate(parts):
                if k:  # a newline: the line ends
                    line = None
                    append_text(pre, "\n")
                if isinstance(part, str) and not part:
                    continue
                if line is None:
                    line = etree.SubElement(pre, LINE)
                if isinstance(part, str):
                    append_text(line, part)
                else:
                    line.append(part)


def _unwrap(el: etree._Element) -> None:
    """Put ``el``'s text and children in its place, in its parent."""
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    tail, el.tail = el.tail or "", None
    text = el.text or ""
    if at:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text or None
    else:
        parent.text = (parent.text or "") + text or None
    children = list(el)
    for k, child in enumerate(children):
        parent.insert(at + 1 + k, child)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail or None
    elif at:
        parent[at - 1].tail = (parent[at - 1].tail or "") + tail or None
    else:
        parent.text = (parent.text or "") + tail or None
    parent.remove(el)


class Page:
    """An opened page: its tree and its blocks in order (``xml``: read it as XHTML, else
    as its ending and declaration say)."""

    def __init__(self, data: bytes, path: str, xml: bool | None = None) -> None:
        self.path = path
        #: the stylesheets that turn English with the page (its EPUB book's)
        self.linked_css = ""
        self.xml = is_xhtml(data, path) if xml is None else xml
        textio.refuse_binary(data, path, xml=self.xml)
        if self.xml:
            self.root = safexml.parse_document(numeric_references(data), path)
            self.encoding = self.root.getroottree().docinfo.encoding or "UTF-8"
        else:
            subset = INTERNAL_SUBSET.search(data[:65536])
            if subset is not None:  # XML's entity declarations: never meant for an HTML page
                raise InputError(path, "refused: a DOCTYPE with declarations ([...]), as an "
                                 "entity attack has", data.count(b"\n", 0, subset.start()) + 1)
            self.encoding = page_encoding(data, path)
            parser = lxml.html.HTMLParser(encoding=self.encoding, no_network=True)
            try:
                self.root = lxml.html.document_fromstring(data, parser=parser)
            except (etree.ParserError, ValueError) as exc:
                raise InputError(path, f"not a readable HTML page ({exc})") from None
            refuse_truncated(parser, path)
            empty_voids(self.root)
        _split_lines(self.root)
        self.located: list[_Located] = []
        self._covering: set[etree._Element] = set()  # of the block being read, see _run
        self._steps: dict[etree._Element, str] = {}  # see _where
        for el in self.root.iter():
            if local(el.tag) == "title" and el.getparent() is not None:
                self._run(el, 0, len(el), "title")
            elif local(el.tag) == "meta" and (el.get("name") or el.get("property") or "") \
                    .lower() in META_NAMES and (el.get("content") or "").strip():
                self._attribute(el, "content")
        body = next((e for e in self.root.iter() if local(e.tag) == "body"), None)
        self._walk(body if body is not None else self.root)

    def _walk(self, element: etree._Element) -> None:
        name = local(element.tag)
        if name in SKIPPED:
            return
        self._attributes(element)
        start = 0
        children = list(element)
        for k, child in enumerate(children):
            if isinstance(child.tag, str) and is_block(child):
                self._run(element, start, k, _kind(element), children)
                self._walk(child)
                start = k + 1
        self._run(element, start, len(children), _kind(element), children)

    def _attributes(self, element: etree._Element) -> None:
        attributes = ATTRIBUTES
        if local(element.tag) == "input" and (element.get("type") or "").lower() in \
                BUTTON_INPUTS:
            attributes += ("value",)
        for attribute in attributes:
            value = element.get(attribute)
            if value and value.strip() and not _page_part(element, attribute, value):
                self._attribute(element, attribute)

    def _attribute(self, element: etree._Element, attribute: str) -> None:
        b = InlineBuilder(collapse=True)
        b.text(element.get(attribute) or "")
        if not b.has_text:
            return
        what = local(element.tag)
        self.located.append(_Located(
            Block(b.result(), b.tags, f"{attribute} of <{what}>", "alt-text"), element,
            builder=b, attribute=attribute,
        ))

    def _run(self, parent: etree._Element, start: int, end: int, kind: str,
             siblings: list[etree._Element] | None = None) -> None:
        """Read ``parent``'s children ``start:end`` and the text around them as a block, if
        they hold text. ``siblings``: ``list(parent)``, given by a caller that has it (each
        run of a page of thousands of paragraphs copied it, as lxml's indexing walks)."""
        siblings = list(parent) if siblings is None else siblings
        first = (parent.text if start == 0 else siblings[start - 1].tail) or ""
        while start < end and not first.strip() and bookmark(siblings[start]):
            start += 1  # a bookmark before the text (a heading's): left where it is
            first = siblings[start - 1].tail or ""
        while end > start and bookmark(siblings[end - 1]) and \
                not (siblings[end - 1].tail or "").strip():
            end -= 1
        wrapper = wrapper_of(siblings[start:end], first)
        if wrapper is not None:  # a span around the whole text is no tag: read inside it
            self._run(wrapper, 0, len(wrapper), kind)
            return
        pre = any(local(a.tag) == "pre" for a in (parent, *parent.iterancestors()))
        b = InlineBuilder(collapse=not pre)
        children = siblings[start:end]
        self._covering, wrap = covering(children, first)
        b.text(first)
        for child in children:
            self._inline(child, b)
            b.text(child.tail or "")
        last = (children[-1].tail if children else first) or ""
        if b.has_text:
            pad = ("", "") if pre and parent.tag != LINE else (
                first[: len(first) - len(first.lstrip())], last[len(last.rstrip()) :])
            place = self._where(parent)
            self.located.append(_Located(
                Block(b.result(), b.tags, place, kind), parent, start, end, b, pad=pad,
                wrap=wrap,
            ))
        for child in children:  # the alt texts and titles, and a list's options, inside it
            for el in child.iter():
                if isinstance(el.tag, str):
                    self._attributes(el)
                    if local(el.tag) == "option":
                        self._run(el, 0, len(el), "list-item")

    def _inline(self, el: etree._Element, b: InlineBuilder) -> None:
        name = local(el.tag)
        if el in self._covering or unseen(el):  # no tag: its content is read as the block's
            b.text(el.text or "")
            for child in el:
                self._inline(child, b)
                b.text(child.tail or "")
            return
        if not name:
            b.empty("comment", "comment", Whole(el))
            return
        if name in PROTECTED or name not in INLINE:
            text = " ".join("".join(el.itertext()).split())
            title = el.get("alt") or el.get("src") or text or name
            b.empty(LABELS.get(name, name), title[:80], Whole(el))
            return
        title = el.get("href") or el.get("title") or name
        tag = b.open(LABELS.get(name, name), title, Pair(el))
        b.text(el.text or "")
        for child in el:
            self._inline(child, b)
            b.text(child.tail or "")
        b.close(tag)

    def _where(self, element: etree._Element) -> str:
        """A block's place: its path below ``body``, each step numbered among its siblings of
        the same name (``div[2]/p``); the steps of a parent's children are found once."""
        path = []
        for el in (element, *element.iterancestors()):
            if local(el.tag) in ("html", "body"):
                break
            if el not in self._steps:
                parent = el.getparent()
                self._steps.update(_steps(parent) if parent is not None
                                   else {el: local(el.tag)})
            path.append(self._steps[el])
        return "/".join(reversed(path)) or "body"

    # writing ------------------------------------------------------------------------------

    def write(self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
              report: WriteReport) -> None:
        todo = [(n, loc, renderings[n]) for n, loc in enumerate(self.located, start=1)
                if n in renderings]
        translated_any = any(r.translated for _, _, r in todo)
        # attributes first: the elements of the stretches are copied or moved afterwards;
        # then the stretches from the last, so the child positions of earlier ones hold
        todo = [t for t in todo if t[1].attribute is not None] + \
            [t for t in reversed(todo) if t[1].attribute is None]
        kept: list[etree._Element] = []  # the blocks left in Arabic
        for _, loc, rendering in todo:
            if not rendering.translated and fallback == "source":
                if translated_any and loc.attribute is None:
                    kept.append(mark_direction(loc.parent, rtl=True))
                continue
            lost: list[str] = []
            text = rendering.text(fallback, keep=partial(
                note_links, tags=rendering.tags, lost=lost))
            for message in lost:
                report.warn(f"{loc.block.place}: {message}")
            assert loc.builder is not None
            parsed = parse(text, rendering.tags)
            if parsed.dropped:
                report.warn(f"{loc.block.place}: tags {' '.join(parsed.dropped)} dropped "
                            "(not in the source)")
            if loc.attribute is not None:
                loc.parent.set(loc.attribute, plain_text(parsed.children, loc.builder.items))
            else:
                self._replace(loc, parsed.children, parsed.used, rendering, text, report)
                if rendering.translated:
                    mark_direction(loc.parent, rtl=False)
            report.rewritten += 1
        if translated_any:
            root = self.root
            root.set("dir", "ltr")
            root.set("lang", "en")
            if self.xml:
                root.set(XML_LANG, "en")
            elif root.get("xml:lang") is not None:  # pandoc's HTML says it: the same as lang
                root.set("xml:lang", "en")
            for el in root.iter():
                if local(el.tag) == "meta" and (el.get("http-equiv") or "").lower() == \
                        "content-language":
                    el.set("content", "en")
                elif local(el.tag) == "style" and el.text:
                    keep_rtl(kept, el.text)
                    el.text = css_to_english(el.text)
            keep_rtl(kept, self.linked_css)
        for line in list(self.root.iter(LINE)):
            _unwrap(line)
        if self.xml:
            out.write(etree.tostring(self.root.getroottree(), encoding=self.encoding,
                                     xml_declaration=True))
        else:
            keep_content_type(self.root)
            tree = self.root.getroottree()
            out.write(lxml.html.tostring(
                tree, encoding=self.encoding, doctype=tree.docinfo.doctype or None,
                method="html",
            ))

    def _replace(self, loc: _Located, children: list[str | Node], used: set[int],
                 rendering: Rendering, text: str, report: WriteReport) -> None:
        assert loc.builder is not None
        items = loc.builder.items
        parent = loc.parent
        holder = parent.makeelement("holder", {})
        # the stretch's nodes, found before its empty tags' elements move to the holder (found
        # after, the block elements that follow it took their places and were removed)
        old = list(parent)[loc.start : loc.end]
        moved: set[int] = set()
        if text:
            append_text(holder, loc.pad[0])
        inner = shell(loc.wrap, holder) if text else holder
        emit(inner, children, items, moved)
        restored = set()
        for origin in sorted(empty_origins(loc.builder.tags) - used):
            item = items.get(origin)
            if isinstance(item, (Whole, Pair)):
                emit(inner, [Node(origin, False)], items, moved)
                restored.add(origin)
        if text:
            report.restored(loc.block.place, rendering.tags, restored, used)
        if rendering.translated:  # the English's own elements: a span that said rtl, a bdo
            inline_ltr(holder, {id(item.element) for item in items.values()
                                 if isinstance(item, Whole)})
            if not any(local(el.tag) in TEXT_ONLY
                       for el in (parent, *parent.iterancestors())):
                label_arabic(holder, self.xml)
        if text:
            append_text(holder, loc.pad[1])
        after_slot = loc.start
        for child in old:
            if child.getparent() is parent:
                parent.remove(child)
        _set_slot(parent, after_slot, holder.text)
        for i, child in enumerate(list(holder)):
            parent.insert(loc.start + i, child)


#: Pairs around a text: openers, the text, closers.
_PAIRS = re.compile(r"((?:<[1-9][0-9]*>)+)([^<>]+)((?:</[1-9][0-9]*>)+)")


def note_links(source: str, target: str, tags: TagMap, lost: list[str]) -> str:
    """``target`` with the note links of ``source`` that it leaves out put back: pairs, one
    of them a link within the page (``#fn1``), around a text without letters written right
    after a word or stop — a note reference ``<3><4>1</4></3>``, a note's back link
    ``<1>↩</1>``, as pandoc and LibreOffice write them — at the end of ``target``, or at its
    start when they start the segment (a note's own number, LibreOffice's back link). They
    had been dropped with their number (an empty tag, a DOCX footnote reference, is put back
    so). Each one put back is said in ``lost``."""
    for found in _PAIRS.finditer(source):
        opens = found.group(1)[1:-1].split("><")
        closes = found.group(3)[2:-1].split("></")
        n = min(len(opens), len(closes))  # pairs opened before or closed after: outer ones
        opens, closes = opens[len(opens) - n :], closes[:n]
        if opens[::-1] != closes:
            continue
        head = "".join(f"<{k}>" for k in opens)
        tail = "".join(f"</{k}>" for k in closes)
        at = found.end(1) - len(head)  # where the note's pairs open
        link = next((t for t in map(tags.get, map(int, opens)) if t is not None
                     and t.label == "link" and t.title.startswith("#")), None)
        text = found.group(2).strip()
        first = not strip_tags(source[:at]).strip()
        if (link is None or not text or any(c.isalpha() for c in text)
                or (not first and (at == 0 or source[at - 1].isspace()))
                or any(f"<{n}>" in target or f"</{n}>" in target for n in opens)):
            continue
        if text.isdecimal():  # Arabic-Indic digits as the English writes them
            text = "".join(str(unicodedata.decimal(c)) for c in text)
        note = head + text + tail
        after = found.start(3) + len(tail)
        if first:
            space = " " if source[after : after + 1].isspace() else ""
            target = note + space + target.lstrip()
        else:
            target = target.rstrip() + note
        lost.append(f"{note} ({link.title}) not in the English: put back at the "
                    f"{'start' if first else 'end'} of its sentence")
    return target


def _page_part(element: etree._Element, attribute: str, value: str) -> bool:
    """Whether an attribute is LibreOffice's mark of its page header or footer
    (``<div title="footer">``), by which it reads the page back: no text to translate."""
    return attribute == "title" and value in ("header", "footer") and local(element.tag) == "div"


def _kind(element: etree._Element) -> str:
    name = local(element.tag)
    if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "heading"
    if name in ("li", "dt", "dd"):
        return "list-item"
    if name in ("td", "th"):
        return "cell"
    if name in ("caption", "figcaption"):
        return "caption"
    if name == "title":
        return "title"
    return "paragraph"


def _steps(parent: etree._Element) -> dict[etree._Element, str]:
    """Each child's step of a place: its name, numbered (``p[2]``) when siblings share it."""
    counts = Counter(child.tag for child in parent)
    seen: Counter[object] = Counter()
    steps = {}
    for child in parent:
        seen[child.tag] += 1
        name = "line" if child.tag == LINE else local(child.tag)
        steps[child] = f"{name}[{seen[child.tag]}]" if counts[child.tag] > 1 else name
    return steps


def _blocks(page: Page) -> Iterator[Block]:
    for loc in page.located:
        yield loc.block


def read_html(data: bytes, path: str) -> SourceDocument:
    """The blocks of an HTML or XHTML page."""
    page = Page(data, path)
    return SourceDocument(path, "html", data, list(_blocks(page)))


def write_html(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
               fallback: str) -> WriteReport:
    """Write the page ``data`` with the blocks of ``renderings`` (numbered from 1) replaced."""
    page = Page(data, path)
    report = WriteReport(blocks=len(page.located))
    page.write(out, renderings, fallback, report)
    return report
