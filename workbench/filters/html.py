"""HTML and XHTML pages read into tagged paragraphs and written back translated.

A block is each stretch of text and inline elements inside a block-level element (``p``,
``h1``–``h6``, ``li``, ``td``, ``th``, ``dt``, ``dd``, ``caption``, ``figcaption``, ``div``,
``title``...) between its block-level children, so ``<li>text<ul>…</ul></li>`` gives the
item's text and then the nested list's items; a ``button`` and each ``option`` of a list are
blocks of their own. Attributes people read are blocks too: ``alt``, ``title``,
``placeholder``, the ``value`` of a submit, reset or button ``input`` and the ``content`` of
``<meta name="description">``. Inline
elements (``b``, ``strong``, ``i``, ``em``, ``u``, ``a``, ``span``, ``sup``, ``sub``...) become
pairs, nested as they are (but not a ``span`` or ``font`` saying only its language or font,
nor alike styling elements holding all a block's words: see :func:`_covering`); ``br``,
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
"""

from __future__ import annotations

import codecs
import html.entities
import itertools
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
from workbench.filters.inline import InlineBuilder, Node, empty_origins, parse, plain_text
from workbench.filters.model import Block, Rendering, SourceDocument, TagMap, WriteReport
from workbench.filters.xmltree import Pair, Whole, append_text, emit
from workbench.formats import safexml
from workbench.text.bidi import rtl_spans
from workbench.text.tags import strip_tags

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em",
    "font", "i", "ins", "label", "mark", "nobr", "q", "s", "small", "span", "strike", "strong",
    "sub", "sup", "time", "tt", "u",
})
#: Inline elements whose content is not prose: empty tags (``sdfield``: a field of a page
#: LibreOffice wrote, its page number or date; read as a block, it cut its sentence apart).
PROTECTED = frozenset({
    "br", "wbr", "img", "code", "kbd", "samp", "var", "input", "select", "textarea",
    "iframe", "object", "embed", "audio", "video", "canvas", "svg", "math", "script", "style",
    "noscript", "map", "ruby", "picture", "output", "meter", "progress", "sdfield",
})
#: Elements never read.
SKIPPED = frozenset({
    "script", "style", "template", "noscript", "svg", "math", "textarea", "select", "head",
    "object", "iframe", "canvas", "audio", "video",
})
LABELS = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "a": "link", "sup": "sup",
          "sub": "sub", "s": "s", "strike": "s", "del": "del", "ins": "ins", "sdfield": "field"}
ATTRIBUTES = ("alt", "title", "placeholder")
#: Input types whose ``value`` is the label the page shows (a button's).
BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
META_NAMES = frozenset({"description", "keywords", "og:title", "og:description",
                        "twitter:title", "twitter:description"})


def _local(tag: object) -> str:
    """An element's local name in lower case (HTML's tags are case-insensitive)."""
    return safexml.local(tag).lower()


@dataclass
class _Located:
    block: Block
    parent: etree._Element
    start: int = 0
    end: int = 0
    builder: InlineBuilder | None = None
    attribute: str | None = None
    pad: tuple[str, str] = ("", "")
    #: elements read as no tags whose copies, outer first, wrap the English (see _covering)
    wrap: tuple[etree._Element, ...] = ()


def _is_block(el: etree._Element) -> bool:
    name = _local(el.tag)
    if not name or name in PROTECTED:
        return False
    if name in INLINE or _office(name):
        return any(_is_block(c) for c in el)
    return True


def _office(name: str) -> bool:
    """Whether ``name`` is a prefixed one, as Word's HTML writes its XML islands inside the
    text (``o:p`` ending each paragraph, smart tags such as ``st1:place``): none is a block,
    and none a tag (its text read as the block's)."""
    return ":" in name


def _set_slot(parent: etree._Element, k: int, text: str | None) -> None:
    if k == 0:
        parent.text = text
    else:
        parent[k - 1].tail = text


# a named reference, or a CDATA section or comment (group 1), whose text is kept as it is
_NAMED_REFERENCE = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)|&([A-Za-z][A-Za-z0-9]{1,31});",
                              re.DOTALL)
_XML_NAMED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def numeric_references(data: bytes) -> bytes:
    """XHTML bytes with HTML's named character references (``&nbsp;``) as numeric ones
    (``&#160;``); the XML ones and unknown names are left for the parser, CDATA sections and
    comments as they are."""
    def numeric(found: re.Match[bytes]) -> bytes:
        name = found.group(2)
        if name is None:
            return found.group(0)
        point = None if name in _XML_NAMED else html.entities.name2codepoint.get(name.decode())
        return found.group(0) if point is None else b"&#%d;" % point

    return _NAMED_REFERENCE.sub(numeric, data) if b"&" in data else data


_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


#: HTML5's void elements libxml2's HTML parser does not know: it reads the rest of their
#: parent as their content.
UNKNOWN_VOIDS = ("wbr", "source", "track")


def _empty_voids(root: etree._Element) -> None:
    """Give the text and elements libxml2 put inside a void element it does not know (``a<wbr>b
    <b>c</b>``) back to its parent, after it: they were a ``wbr`` tag's content, never read."""
    for el in list(root.iter(*UNKNOWN_VOIDS)):
        children = list(el)
        if not children and not el.text:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        tail, el.tail, el.text = el.tail, el.text, None
        at = parent.index(el)
        for k, child in enumerate(children):
            parent.insert(at + 1 + k, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + (tail or "") or None


#: The element each line of a ``pre`` is read in, a block of its own: made by
#: :func:`_split_lines` on reading, taken away by :func:`_unwrap` before writing.
LINE = "workbench-line"


def _split_lines(root: etree._Element) -> None:
    """Put each line of text of every ``pre`` in an element :data:`LINE` of its own (the
    newlines between them outside it), so that a line is a paragraph: LibreOffice's HTML of a
    document of plain text is one ``pre``, a paragraph a line. A newline inside an inline
    element of the ``pre`` does not end its line."""
    for pre in [el for el in root.iter() if _local(el.tag) == "pre"]:
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
        self.xml = _is_xhtml(data, path) if xml is None else xml
        textio.refuse_binary(data, path, xml=self.xml)
        if self.xml:
            self.root = safexml.parse_document(numeric_references(data), path)
            self.encoding = self.root.getroottree().docinfo.encoding or "UTF-8"
        else:
            subset = _INTERNAL_SUBSET.search(data[:65536])
            if subset is not None:  # XML's entity declarations: never meant for an HTML page
                raise InputError(path, "refused: a DOCTYPE with declarations ([...]), as an "
                                 "entity attack has", data.count(b"\n", 0, subset.start()) + 1)
            self.encoding = _encoding(data, path)
            parser = lxml.html.HTMLParser(encoding=self.encoding, no_network=True)
            try:
                self.root = lxml.html.document_fromstring(data, parser=parser)
            except (etree.ParserError, ValueError) as exc:
                raise InputError(path, f"not a readable HTML page ({exc})") from None
            _refuse_truncated(parser, path)
            _empty_voids(self.root)
        _split_lines(self.root)
        self.located: list[_Located] = []
        self._covering: set[etree._Element] = set()  # of the block being read, see _run
        self._steps: dict[etree._Element, str] = {}  # see _where
        for el in self.root.iter():
            if _local(el.tag) == "title" and el.getparent() is not None:
                self._run(el, 0, len(el), "title")
            elif _local(el.tag) == "meta" and (el.get("name") or el.get("property") or "") \
                    .lower() in META_NAMES and (el.get("content") or "").strip():
                self._attribute(el, "content")
        body = next((e for e in self.root.iter() if _local(e.tag) == "body"), None)
        self._walk(body if body is not None else self.root)

    def _walk(self, element: etree._Element) -> None:
        name = _local(element.tag)
        if name in SKIPPED:
            return
        self._attributes(element)
        start = 0
        children = list(element)
        for k, child in enumerate(children):
            if isinstance(child.tag, str) and _is_block(child):
                self._run(element, start, k, _kind(element), children)
                self._walk(child)
                start = k + 1
        self._run(element, start, len(children), _kind(element), children)

    def _attributes(self, element: etree._Element) -> None:
        attributes = ATTRIBUTES
        if _local(element.tag) == "input" and (element.get("type") or "").lower() in \
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
        what = _local(element.tag)
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
        while start < end and not first.strip() and _bookmark(siblings[start]):
            start += 1  # a bookmark before the text (a heading's): left where it is
            first = siblings[start - 1].tail or ""
        while end > start and _bookmark(siblings[end - 1]) and \
                not (siblings[end - 1].tail or "").strip():
            end -= 1
        wrapper = _wrapper(siblings[start:end], first)
        if wrapper is not None:  # a span around the whole text is no tag: read inside it
            self._run(wrapper, 0, len(wrapper), kind)
            return
        pre = any(_local(a.tag) == "pre" for a in (parent, *parent.iterancestors()))
        b = InlineBuilder(collapse=not pre)
        children = siblings[start:end]
        self._covering, wrap = _covering(children, first)
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
                    if _local(el.tag) == "option":
                        self._run(el, 0, len(el), "list-item")

    def _inline(self, el: etree._Element, b: InlineBuilder) -> None:
        name = _local(el.tag)
        if el in self._covering or _unseen(el):  # no tag: its content is read as the block's
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
            if _local(el.tag) in ("html", "body"):
                break
            if el not in self._steps:
                parent = el.getparent()
                self._steps.update(_steps(parent) if parent is not None
                                   else {el: _local(el.tag)})
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
                    kept.append(_mark(loc.parent, rtl=True))
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
                    _mark(loc.parent, rtl=False)
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
                if _local(el.tag) == "meta" and (el.get("http-equiv") or "").lower() == \
                        "content-language":
                    el.set("content", "en")
                elif _local(el.tag) == "style" and el.text:
                    _keep_rtl(kept, el.text)
                    el.text = css_to_english(el.text)
            _keep_rtl(kept, self.linked_css)
        for line in list(self.root.iter(LINE)):
            _unwrap(line)
        if self.xml:
            out.write(etree.tostring(self.root.getroottree(), encoding=self.encoding,
                                     xml_declaration=True))
        else:
            _keep_content_type(self.root)
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
        inner = _shell(loc.wrap, holder) if text else holder
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
            _inline_ltr(holder, {id(item.element) for item in items.values()
                                 if isinstance(item, Whole)})
            if not any(_local(el.tag) in TEXT_ONLY
                       for el in (parent, *parent.iterancestors())):
                _label_arabic(holder, self.xml)
        if text:
            append_text(holder, loc.pad[1])
        after_slot = loc.start
        for child in old:
            if child.getparent() is parent:
                parent.remove(child)
        _set_slot(parent, after_slot, holder.text)
        for i, child in enumerate(list(holder)):
            parent.insert(loc.start + i, child)


#: Inline elements that only style their text: one around a block's whole text (each
#: paragraph of LibreOffice's EPUB is ``<p><span class="span0">…</span></p>``) is no tag.
WRAPPERS = frozenset({"span", "font"})


def _bookmark(el: etree._Element) -> bool:
    """Whether ``el`` is an anchor holding nothing and linking nowhere: a bookmark, as
    LibreOffice writes one (``<a name="…"></a>``) before each heading of a DOCX that has them
    (pandoc's, Word's contents)."""
    return (_local(el.tag) == "a" and el.get("href") is None and not len(el)
            and not (el.text or "").strip())


def _wrapper(children: list[etree._Element], first: str) -> etree._Element | None:
    """The one styling element holding a block's whole text (only white space around it),
    or None."""
    if len(children) != 1 or first.strip():
        return None
    child = children[0]
    if not isinstance(child.tag, str) or _local(child.tag) not in WRAPPERS or \
            (child.tail or "").strip() or not "".join(child.itertext()).strip():
        return None
    return child


#: What a ``span`` or ``font`` may say and still say nothing a reader sees: the language, the
#: script's font (LibreOffice's HTML wraps each Arabic sentence in ``<font face="">`` and
#: ``<span lang="ar-SA">``, its stop outside), no tag.
UNSEEN_ATTRIBUTES = frozenset({"lang", "xml:lang", XML_LANG, "face", "style"})
UNSEEN_CSS = frozenset({"font-family", "so-language"})
"""(and Word's own properties, ``mso-…``, which no browser reads: ``<span lang=AR-SA
style='mso-bidi-font-family:Arial'>`` around each Arabic run of Word's HTML; but for
``mso-list``, whose span Word reads as a list's number, to be left out of the paragraph)"""


def _unseen(el: etree._Element) -> bool:
    """Whether ``el`` is a span or font whose attributes change nothing a reader sees (or one
    of Word's XML islands); an empty one's direction changes nothing either (Word's HTML puts
    ``<span dir=RTL></span>`` after each list number and note reference)."""
    if _office(_local(el.tag)):
        return True
    seen = set(el.attrib) - UNSEEN_ATTRIBUTES
    if not len(el) and not el.text:
        seen.discard("dir")
    if _local(el.tag) not in WRAPPERS or seen:
        return False
    if _local(el.tag) != "font" and "face" in el.attrib:
        return False
    css = el.get("style") or ""
    names = {d.partition(":")[0].strip().lower() for d in css.split(";") if d.strip()}
    return all(name in UNSEEN_CSS or (name.startswith("mso-") and name != "mso-list")
               for name in names)


#: Inline elements that only style their text: alike ones holding all a block's words are no
#: tags (LibreOffice's ``<font size="3">`` around each sentence of a table cell, a heading's
#: ``<b>``).
STYLING = frozenset({"b", "strong", "i", "em", "u", "font", "span", "small", "big", "mark",
                     "tt"})


def _covering(children: list[etree._Element], first: str) -> tuple[
        set[etree._Element], tuple[etree._Element, ...]]:
    """How a block's content (``first``, then ``children`` and their tails) is wrapped: the
    styling elements, alike, that hold all its words, read as no tags; and the elements read
    as no tags whose copies, outer first, wrap its English (the first of those styling
    elements and the unseen ones around it; else the unseen ones around the first sentence,
    when unseen ones hold all the words, as LibreOffice wraps each Arabic sentence: a word of
    English in an Arabic sentence said nothing to keep)."""
    loose = [first]  # the text outside every styling element
    outside = [first]  # the text outside every element but unseen ones
    bare = [first]  # the text outside every unseen one
    styled: list[tuple[tuple[etree._Element, ...], etree._Element]] = []
    tops: list[etree._Element] = []

    def visit(el: etree._Element, path: tuple[etree._Element, ...]) -> None:
        if not isinstance(el.tag, str):
            return
        if _unseen(el):
            if not path:
                tops.append(el)
            loose.append(el.text or "")
            outside.append(el.text or "")
            for child in el:
                visit(child, (*path, el))
                loose.append(child.tail or "")
                outside.append(child.tail or "")
            return
        text = "".join(el.itertext())
        if not path:
            bare.append(text)
        if _local(el.tag) in STYLING:
            styled.append((path, el))
        else:
            loose.append(text)

    for child in children:
        visit(child, ())
        loose.append(child.tail or "")
        outside.append(child.tail or "")
        bare.append(child.tail or "")
    if styled and not _words(loose) and all(
            e.tag == styled[0][1].tag and dict(e.attrib) == dict(styled[0][1].attrib)
            for _, e in styled):
        return {e for _, e in styled}, (*styled[0][0], styled[0][1])
    if styled and not _words(outside) and (prevailing := _prevailing(styled, children)):
        return {e for _, e in prevailing}, (*prevailing[0][0], prevailing[0][1])
    if tops and not _words(bare):
        return set(), _only_chain(tops[0])
    return set(), ()


def _prevailing(styled: list[tuple[tuple[etree._Element, ...], etree._Element]],
                children: list[etree._Element]) -> list[tuple[tuple[etree._Element, ...],
                                                              etree._Element]]:
    """The alike spans or fonts among ``styled`` that hold most of the block's words (more
    than half), its other elements (a link, a bold word) between them: Google Docs' HTML puts
    each run in a span of its class, ``<span class="c0">…</span><span class="c3"><a>…</a>
    </span><span class="c0">…</span>``. Empty when none do."""
    groups: dict[tuple[object, ...], list[tuple[tuple[etree._Element, ...], etree._Element]]] = {}
    for path, el in styled:
        if _local(el.tag) in ("span", "font"):
            groups.setdefault((el.tag, *sorted(el.attrib.items())), []).append((path, el))
    total = sum(len("".join(child.itertext()).split()) for child in children
                if isinstance(child.tag, str))
    for group in groups.values():
        if 2 * sum(len("".join(el.itertext()).split()) for _, el in group) > total:
            return group
    return []


def _words(texts: list[str]) -> bool:
    return any(c.isalnum() for text in texts for c in text)


def _only_chain(el: etree._Element) -> tuple[etree._Element, ...]:
    """``el`` and the unseen elements it alone holds, each in the last."""
    chain = [el]
    while len(el) == 1 and not (el.text or "").strip() and _unseen(el[0]) and \
            not (el[0].tail or "").strip():
        el = el[0]
        chain.append(el)
    return tuple(chain)


def _shell(wrap: tuple[etree._Element, ...], holder: etree._Element) -> etree._Element:
    """Copies of the elements of ``wrap``, each in the last, appended to ``holder``; the
    innermost (where the English goes)."""
    inner = holder
    for el in wrap:
        inner = etree.SubElement(inner, el.tag, dict(el.attrib))
    return inner


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


def _refuse_truncated(parser: etree.HTMLParser, path: str) -> None:
    """Refuse a page libxml2 stopped reading: past 256 nested elements it drops the rest of
    the page without raising (its text was neither imported nor exported)."""
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise InputError(path, "refused: elements nested more than 256 deep (the rest "
                             "of the page cannot be read)", error.line)


def _keep_content_type(root: etree._Element) -> None:
    """Spell a ``<meta http-equiv="Content-Type">`` in lower case, as HTML allows: libxml2's
    serialiser leaves out the one spelt exactly so (Word's and most editors' HTML), and the
    page lost its declared charset (a Windows-1256 page's Arabic was read as Latin)."""
    for el in root.iter("meta"):
        if el.get("http-equiv") == "Content-Type":
            el.set("http-equiv", "content-type")


def _mark(element: etree._Element, *, rtl: bool) -> etree._Element:
    """Set the direction of a translated block's element and its ancestors (left-to-right),
    or of a block left in Arabic (right-to-left, on its own element); the element marked."""
    if rtl:
        while _local(element.tag) in WRAPPERS and element.getparent() is not None:
            element = element.getparent()  # the paragraph, not the span around its text
        if _local(element.tag) not in ("html", "body") and element.get("dir") is None:
            element.set("dir", "rtl")
            element.set("lang", "ar")
        return element
    for el in (element, *element.iterancestors()):
        _ltr(el)
    return element


_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_PAGE_SELECTORS = frozenset({"html", "body", ":root"})


def _keep_rtl(kept: list[etree._Element], css: str) -> None:
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
        if _local(el.tag) in _PAGE_SELECTORS:
            continue
        style = el.get("style") or ""
        missing = [d for d in sorted(found)
                   if not re.search(rf"{d.split(':')[0]}\s*:", style, re.I)]
        if missing:
            el.set("style", "; ".join(filter(None, [style.strip().rstrip(";"), *missing])))


TEXT_ONLY = frozenset({"title", "option", "textarea", "script", "style"})
"""Elements that hold text alone: their Arabic gets no span."""


def _label_arabic(el: etree._Element, xml: bool) -> None:
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
                    _local(value.tag) not in TEXT_ONLY:
                _label_arabic(value, xml)


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


def _inline_ltr(parent: etree._Element, kept: set[int]) -> None:
    """The elements of a translated stretch left-to-right, but for those in ``kept`` (empty
    tags' elements, moved back as they were) and what they hold."""
    for el in parent:
        if isinstance(el.tag, str) and id(el) not in kept:
            _ltr(el)
            _inline_ltr(el, kept)


# A stylesheet's right-to-left declarations, which would outweigh dir="ltr"
_CSS_RTL = re.compile(r"((?:direction|text-align)\s*:\s*)(rtl|right)(\s*[;}!]|\s*$)",
                      re.I | re.M)
_CSS_LTR = {"rtl": "ltr", "right": "left"}


def css_to_english(css: str) -> str:
    """A stylesheet (or a ``style`` attribute) with ``direction: rtl`` as ``ltr`` and
    ``text-align: right`` as ``left`` (EPUB 3 forbids ``direction`` in CSS, but older books
    have it)."""
    return _CSS_RTL.sub(lambda m: m.group(1) + _CSS_LTR[m.group(2).lower()] + m.group(3), css)


def _page_part(element: etree._Element, attribute: str, value: str) -> bool:
    """Whether an attribute is LibreOffice's mark of its page header or footer
    (``<div title="footer">``), by which it reads the page back: no text to translate."""
    return attribute == "title" and value in ("header", "footer") and _local(element.tag) == "div"


def _kind(element: etree._Element) -> str:
    name = _local(element.tag)
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
        name = "line" if child.tag == LINE else _local(child.tag)
        steps[child] = f"{name}[{seen[child.tag]}]" if counts[child.tag] > 1 else name
    return steps


def _is_xhtml(data: bytes, path: str) -> bool:
    """Whether a page is XHTML: it starts with an XML declaration, or it is named so and is
    not an HTML page (LibreOffice's ``--convert-to xhtml`` of a text document writes its HTML,
    with neither a declaration nor XHTML's namespace: read as XML, it was refused)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    if not path.lower().endswith((".xhtml", ".xht")):
        return head.startswith(b"<?xml")
    return head.startswith(_XML_STARTS) or XHTML.encode() in data[:65536]


#: How an XML file starts: its declaration (in UTF-16 too, with or without a byte order mark).
_XML_STARTS = (b"<?xml", "<?xml".encode("utf-16-le"), "<?xml".encode("utf-16-be"),
               codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _encoding(data: bytes, path: str) -> str:
    """The encoding of an HTML page: its BOM, UTF-8 when it decodes (what its meta says
    when the page is all ASCII: its Arabic written as character references, its English is
    written in the declared encoding too, not as UTF-8 under a Windows-1256 meta), what its
    meta says, else Windows-1256 or ISO-8859-6 when its bytes read as Arabic in it (see
    :func:`_code_page`)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        declared = _declared(data) if data.isascii() else None
        return declared if declared and _ascii_compatible(declared) else "utf-8"
    sniffed = _declared(data)
    if sniffed and sniffed.lower().replace("_", "-") not in ("utf-8", "iso-8859-1"):
        return sniffed
    return _code_page(data, path)


#: A meta naming a Latin-1 code page (libxml2 reports ISO-8859-1 for a page naming none too).
_LATIN_CHARSET = re.compile(
    rb"charset\s*=\s*[\"']?\s*(?:iso[-_]?8859[-_]1|latin-?1|windows-1252|cp1252)\b", re.I
)


def _code_page(data: bytes, path: str) -> str:
    """The code page of a page that is not UTF-8 and declares none (or Latin-1, which Arabic
    pages often declare wrongly): Windows-1256 or ISO-8859-6 when its bytes read as Arabic
    text in it (as a text file's are told apart); else the Windows-1252 a Latin-1 meta
    names; else refused, as a text file in another encoding is: Windows-1256 would read a
    Windows-1252 English page's accents as Arabic letters (Málaga as Mلlaga)."""
    reading = textio.arabic_reading(data)
    if reading is not None:
        return {"cp1256": "windows-1256", "iso8859_6": "iso-8859-6"}[reading[1]]
    if _LATIN_CHARSET.search(data[:4096]):
        return "windows-1252"
    bad = next(i for i, b in enumerate(data) if b > 127)
    raise InputError(path, f"not UTF-8 text (byte 0x{data[bad]:02x} at offset {bad}) and no "
                           "charset declared; save it as UTF-8", data.count(b"\n", 0, bad) + 1)


def _declared(data: bytes) -> str | None:
    """The encoding libxml2 finds declared in a page (UTF-8 when none is)."""
    try:
        return lxml.html.document_fromstring(data).getroottree().docinfo.encoding
    except (etree.ParserError, ValueError):
        return None


def _ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII as ASCII (a page's bytes read the same in it)."""
    try:
        return "<p>".encode(encoding) == b"<p>"
    except (LookupError, UnicodeError):
        return False


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
