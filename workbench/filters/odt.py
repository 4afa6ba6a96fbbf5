"""ODT: OpenDocument text read into tagged paragraphs and written back translated (lxml on
the package's XML parts).

Blocks: every ``text:p`` and ``text:h`` of the body (``content.xml``: paragraphs, headings,
list items, table cells, footnotes and endnotes, text boxes) and of the page styles' headers
and footers (``styles.xml``), and the ``svg:title``/``svg:desc`` (alt text) of frames.
Comments (``office:annotation``) and tracked deletions are not read. Inline: ``text:span``,
``text:a``, ``text:meta``, content controls and input fields become pairs, nested as they
are; notes, tabs, line breaks, frames, fields (dates, page numbers, cross-references...),
bookmarks and comments become empty tags (marks at a paragraph's start or end stay there,
outside the text); ``text:s`` is read as the spaces it stands for.

Writing rebuilds each translated paragraph's content, spans and links copied with their
attributes, empty items moved back (any the translation lost are appended). A translated
paragraph gets an automatic paragraph style that says ``style:writing-mode="lr-tb"`` and
``fo:language="en" fo:country="US"`` (a copy of its own automatic style, or one based on its
named style), tables holding translated text, the page layout and the default and named
paragraph and table styles are turned left-to-right (paragraphs left in Arabic that took
their direction from those styles get an automatic style saying it);
a translated span whose style has a complex-script weight, style or size (what Arabic is drawn
with) gets a copy of it with those as its Western ones, which English is drawn with.
Every other member of the package is copied as it was.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.filters.inline import InlineBuilder, Node, empty_origins, parse, plain_text
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport
from workbench.filters.package import (
    Package,
    english_properties,
    title_pair,
    unread_arabic,
    xml_bytes,
)
from workbench.filters.xmltree import Pair, Whole, append_text, emit
from workbench.formats.safexml import local
from workbench.text.bidi import rtl_spans

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XLINK = "http://www.w3.org/1999/xlink"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
MIMETYPES = ("application/vnd.oasis.opendocument.text",
             "application/vnd.oasis.opendocument.text-template",
             "application/vnd.oasis.opendocument.text-web")


def t(name: str) -> str:
    """A ``text:`` name."""
    return f"{{{TEXT}}}{name}"


def s(name: str) -> str:
    """A ``style:`` name."""
    return f"{{{STYLE}}}{name}"


T_P, T_H = t("p"), t("h")
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#: Inline elements around text the reader sees: each a pair (a content control's and an input
#: field's text is what the document shows, as LibreOffice writes a Word content control).
PAIRS = {t("span"): "span", t("a"): "link", t("meta"): "meta", t("ruby-base"): "ruby",
         f"{{{LOEXT}}}content-control": "control", t("text-input"): "field"}
#: Complex-script text properties, which Arabic is drawn with (LibreOffice writes an Arabic
#: span's bold as ``style:font-weight-complex`` alone), and the ones English text takes.
COMPLEX = {
    s("font-weight-complex"): f"{{{FO}}}font-weight",
    s("font-style-complex"): f"{{{FO}}}font-style",
    s("font-size-complex"): f"{{{FO}}}font-size",
}
#: Arabic-Indic and Eastern digits and the English's, for the values fields show.
WESTERN_DIGITS = str.maketrans({**{chr(0x0660 + n): str(n) for n in range(10)},
                                **{chr(0x06F0 + n): str(n) for n in range(10)}})
#: A right-to-left paragraph's alignment and the English's: LibreOffice draws start/end as
#: left/right whatever the direction, so all four are mirrored.
MIRRORED = {"left": "right", "right": "left", "start": "end", "end": "start"}
NUM_FORMAT = f"{{{STYLE}}}num-format"
SKIPPED_PARENTS = frozenset({f"{{{OFFICE}}}annotation", t("tracked-changes"),
                             t("deletion")})
_WS = re.compile(r"[ \t\r\n]+")


@dataclass
class _Located:
    part: str
    element: etree._Element
    block: Block
    builder: InlineBuilder
    edges: tuple[list[etree._Element], list[etree._Element]] = ([], [])
    """The marks (bookmarks...) at the paragraph's start and end, kept outside its text."""
    inside: etree._Element | None = None
    """The span holding all the paragraph's text (no tag: the English goes in it), if any."""
    alike: tuple[etree._Element, ...] = ()
    """Spans alike holding most of its words, its other elements between them (no tags: a
    copy of the first holds the English)."""


def _label(el: etree._Element) -> tuple[str, str]:
    name = local(el.tag)
    if el.tag == t("note"):
        citation = el.find(t("note-citation"))
        number = citation.text if citation is not None and citation.text else "?"
        return "fn", f"{el.get(t('note-class'), 'footnote')} {number}"
    if el.tag == t("line-break"):
        return "br", "line break"
    if el.tag == t("tab"):
        return "tab", "tab"
    if el.tag.startswith(f"{{{DRAW}}}"):
        return "img", el.get(f"{{{DRAW}}}name") or name
    if "bookmark" in name or "reference-mark" in name or name.endswith("-mark"):
        return "mark", name
    if el.tag == f"{{{OFFICE}}}annotation":
        return "comment", "comment"
    if el.tag.startswith(f"{{{TEXT}}}"):
        return "field", name
    return name or "x", name


class _Document:
    """An opened ODT: its package, content and styles, and its blocks in order."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.pkg = Package(data, path, "ODT")
        mimetype = self.pkg.read("mimetype").decode("ascii", "replace").strip() \
            if self.pkg.has("mimetype") else ""
        if mimetype not in MIMETYPES:
            raise InputError(path, f"not an OpenDocument text (mimetype {mimetype or 'missing'})")
        for name in self.pkg.names:
            if name.startswith(("Basic/", "Scripts/")) and not name.endswith("/"):
                raise InputError(path, f"refused: the document holds macros ({name}); save it "
                                       "without them")
        if self.pkg.has("META-INF/manifest.xml"):
            manifest = self.pkg.xml("META-INF/manifest.xml")
            if next(manifest.iter(f"{{{MANIFEST}}}encryption-data"), None) is not None:
                raise InputError(path, "refused: the document is encrypted (saved with a "
                                       "password)")
        self.parts = {"content.xml": self.pkg.xml("content.xml")}
        if self.pkg.has("styles.xml"):
            self.parts["styles.xml"] = self.pkg.xml("styles.xml")
        self.located: list[_Located] = []
        for part, root in self.parts.items():
            self._locate(part, root)
        self._styles: dict[tuple[str, str], str] = {}
        self._span_styles: dict[tuple[str, str], str] = {}
        self._ltr_tables: set[etree._Element] = set()
        self._page: str | None = None

    def _locate(self, part: str, root: etree._Element) -> None:
        if part == "styles.xml":
            scopes = list(root.iter(f"{{{STYLE}}}master-page"))
        else:
            scopes = list(root.iter(f"{{{OFFICE}}}body"))
        number = 0
        for scope in scopes:
            for el in scope.iter(T_P, T_H, f"{{{SVG}}}title", f"{{{SVG}}}desc"):
                if any(a.tag in SKIPPED_PARENTS for a in el.iterancestors()):
                    continue
                edges: tuple[list[etree._Element], list[etree._Element]] = ([], [])
                inside, alike = None, ()
                if el.tag in (T_P, T_H):
                    number += 1
                    edges = _edge_marks(el)
                    inside = _wrapping_span(el, edges)
                    alike = () if inside is not None else self._alike_spans(el, edges)
                b = InlineBuilder()
                if inside is None:
                    self._inline_content(el, b, {id(m) for m in (*edges[0], *edges[1])},
                                         {id(span) for span in alike})
                else:
                    self._inline_content(inside, b)
                if not b.has_text:
                    continue
                self.located.append(_Located(
                    part, el, Block(b.result(), b.tags, _place(el, part, number), _kind(el)), b,
                    edges, inside, alike,
                ))

    def _inline_content(self, el: etree._Element, b: InlineBuilder,
                        outside: set[int] | None = None, unwrapped: set[int] | None = None
                        ) -> None:
        """``el``'s content into the builder; the children in ``outside`` (the marks at a
        paragraph's edges) are left out, their tails read; those in ``unwrapped`` are no
        tags, their content read."""
        b.text(_WS.sub(" ", el.text or ""))
        for child in el:
            if unwrapped and id(child) in unwrapped:
                self._inline_content(child, b)
            elif not outside or id(child) not in outside:
                self._inline(child, b)
            b.text(_WS.sub(" ", child.tail or ""))

    def _alike_spans(self, p: etree._Element,
                     edges: tuple[list[etree._Element], list[etree._Element]]
                     ) -> tuple[etree._Element, ...]:
        """The spans of a paragraph, alike but for their styles' revision ids, holding more
        than half its words, its other elements (links, notes, a bold word's span...) between
        them: LibreOffice's ODT of a Word document has a span for each of Word's runs, saying
        its fonts and language. None when the paragraph has text outside its elements or no
        spans alike hold so many words."""
        marks = {id(m) for m in (*edges[0], *edges[1])}
        children = [c for c in p if id(c) not in marks]
        if (p.text or "").strip() \
                or any((c.tail or "").strip() for c in (*children, *edges[0], *edges[1])):
            return ()
        groups: dict[tuple[str, ...], list[etree._Element]] = {}
        for span in (c for c in children if c.tag == t("span")):
            groups.setdefault(self._span_look(span), []).append(span)
        words = {id(c): len("".join(c.itertext()).split()) for c in children
                 if c.tag != t("note")}
        total = sum(words.values())
        return next((tuple(group) for group in groups.values()
                     if 2 * sum(words[id(span)] for span in group) > total), ())

    def _span_look(self, span: etree._Element) -> tuple[str, ...]:
        """What a span's style says, but for LibreOffice's revision ids (``officeooo:rsid``)."""
        name = span.get(t("style-name"), "")
        style = next((st for root in self.parts.values()
                      if (st := _automatic(root, name, "text")) is not None), None)
        if style is None:
            return ("named", name)
        return (style.get(s("parent-style-name"), ""), *sorted(
            f"{local(props.tag)} {key}={value}" for props in style
            for key, value in props.attrib.items() if not key.endswith("}rsid")))

    def _inline(self, el: etree._Element, b: InlineBuilder) -> None:
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction
        if el.tag == t("s"):
            try:
                count = max(1, min(1000, int(el.get(t("c"), "1"))))
            except ValueError:
                count = 1
            b.text(" " * count)
            return
        if el.tag == t("soft-page-break"):
            return  # a layout hint, recomputed by the application
        if el.tag in PAIRS:
            label, title = PAIRS[el.tag], el.get(f"{{{XLINK}}}href") or PAIRS[el.tag]
            if el.tag == t("span"):
                label, title = self._span_label(el)
            tag = b.open(label, title, Pair(el))
            self._inline_content(el, b)
            b.close(tag)
            return
        label, title = _label(el)
        b.empty(label, title, Whole(el))

    def _span_label(self, span: etree._Element) -> tuple[str, str]:
        """A label for a span from its text style: b, i, u, sup, sub, else span."""
        name = span.get(t("style-name"), "")
        style = None
        for root in self.parts.values():
            style = _automatic(root, name, "text")
            if style is not None:
                break
        props = style.find(s("text-properties")) if style is not None else None
        if props is None:
            return "span", name or "span"
        words = []
        if "bold" in (props.get(f"{{{FO}}}font-weight"), props.get(s("font-weight-complex"))):
            words.append(("b", "bold"))
        if "italic" in (props.get(f"{{{FO}}}font-style"), props.get(s("font-style-complex"))):
            words.append(("i", "italic"))
        if props.get(s("text-underline-style"), "none") != "none":
            words.append(("u", "underline"))
        position = props.get(s("text-position"), "")
        if position.startswith(("super", "33%")):
            words.append(("sup", "superscript"))
        elif position.startswith(("sub", "-")):
            words.append(("sub", "subscript"))
        if not words:
            return "span", name or "span"
        return words[0][0], " ".join(w for _, w in words)

    # writing ------------------------------------------------------------------------------

    def write(self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
              report: WriteReport) -> None:
        changed: set[str] = set()
        body_translated = False
        self._page = _page_writing_mode(self.parts)  # before the page turns left to right
        english: set[etree._Element] = set()  # the translated paragraphs
        titles: dict[str, str] = {}  # a translated paragraph's Arabic -> English
        for n, loc in enumerate(self.located, start=1):
            rendering = renderings.get(n)
            if rendering is None or (not rendering.translated and fallback == "source"):
                continue
            text = rendering.text(fallback)
            pair = title_pair(loc.block.text, rendering, text)
            if pair is not None:
                titles.setdefault(*pair)
            parsed = parse(text, rendering.tags)
            if parsed.dropped:
                report.warn(f"{loc.block.place}: tags {' '.join(parsed.dropped)} dropped "
                            "(not in the source)")
            if loc.element.tag not in (T_P, T_H):  # svg:title, svg:desc
                for child in list(loc.element):
                    loc.element.remove(child)
                loc.element.text = plain_text(parsed.children, loc.builder.items)
            else:
                restored = self._rewrite(loc, parsed.children, parsed.used)
                if text:
                    report.restored(loc.block.place, rendering.tags, restored, parsed.used)
                if rendering.translated:
                    self._ltr(loc)
                    body_translated = body_translated or loc.part == "content.xml"
                    english.add(loc.element)
            changed.add(loc.part)
            report.rewritten += 1
        if _index_titles(self.parts["content.xml"], english):
            changed.add("content.xml")
        if body_translated:
            changed.update(part for part, root in self.parts.items() if _latin_numbers(root))
        if body_translated and "styles.xml" in self.parts:
            for props in self.parts["styles.xml"].iter(s("page-layout-properties")):
                if props.get(s("writing-mode"), "").startswith("rl"):
                    props.set(s("writing-mode"), "lr-tb")
                    changed.add("styles.xml")
            if _english_defaults(self.parts["styles.xml"]):
                changed.add("styles.xml")
            changed |= self._pin_arabic(english)
            if _ltr_styles(self.parts["styles.xml"], self._page):
                changed.add("styles.xml")
        replaced = {part: xml_bytes(self.parts[part], standalone=None) for part in changed}
        if body_translated and (properties := english_properties(self.pkg, "meta.xml", titles)):
            replaced["meta.xml"] = properties
        self.pkg.write(out, replaced)

    def _rewrite(self, loc: _Located, children: list[str | Node], used: set[int]) -> set[int]:
        """Rebuild a paragraph (inside the span holding all its text, if one does, or a copy
        of the first of alike spans holding it); the origins of the empty tags put back at its
        end."""
        p = loc.element
        inside = p if loc.inside is None else loc.inside
        items = loc.builder.items
        for child in list(inside):
            inside.remove(child)
        inside.text = None
        lead, trail = loc.edges if inside is p else ([], [])
        for mark in lead:
            mark.tail = None
            p.append(mark)
        if loc.alike:
            inside = etree.SubElement(p, loc.alike[0].tag, dict(loc.alike[0].attrib))
        moved: set[int] = set()
        emit(inside, children, items, moved, _append_text)
        restored = set()
        for origin in sorted(empty_origins(loc.builder.tags) - used):
            if isinstance(items.get(origin), Whole):
                emit(inside, [Node(origin, False)], items, moved, _append_text)
                restored.add(origin)
        for mark in trail:
            mark.tail = None
            p.append(mark)
        return restored

    def _ltr(self, loc: _Located) -> None:
        p = loc.element
        root = self.parts[loc.part]
        name = p.get(t("style-name"), "")
        key = (loc.part, name)
        if key not in self._styles:
            self._styles[key] = self._ltr_style(root, name)
        p.set(t("style-name"), self._styles[key])
        for span in p.iter(t("span")):
            if next(span.iterancestors(T_P, T_H), None) is not p:
                continue  # in a note's or a text box's own paragraph
            name = span.get(t("style-name"), "")
            if (loc.part, name) not in self._span_styles:
                self._span_styles[(loc.part, name)] = self._english_span_style(root, name)
            span.set(t("style-name"), self._span_styles[(loc.part, name)])
        for field in p.iter(f"{{{TEXT}}}*"):
            if field.tag not in (*PAIRS, T_P, T_H, t("note")) \
                    and next(field.iterancestors(T_P, T_H), None) is p:
                _western_digits(field)
        for table in p.iterancestors(f"{{{TABLE}}}table"):
            if table not in self._ltr_tables:
                self._ltr_tables.add(table)
                _table_ltr(root, table)
        for section in p.iterancestors(t("section")):
            style = _automatic(root, section.get(t("style-name"), ""), "section")
            for props in style.iter(s("section-properties")) if style is not None else ():
                if props.get(s("writing-mode"), "").startswith("rl"):
                    props.set(s("writing-mode"), "lr-tb")  # its columns, paragraphs typed

    def _ltr_style(self, root: etree._Element, name: str) -> str:
        style, existing, props = self._paragraph_style_copy(root, name, "WbEnglish")
        named = existing.get(s("parent-style-name"), "") if existing is not None else name
        mode = _resolved(props.get(s("writing-mode")) or self._named(named, s("writing-mode"))
                         or self._default(s("writing-mode")), self._page)
        props.set(s("writing-mode"), "lr-tb")
        align = props.get(f"{{{FO}}}text-align") or self._named(named, f"{{{FO}}}text-align")
        if mode.startswith("rl") and align in MIRRORED:
            props.set(f"{{{FO}}}text-align", MIRRORED[align])
        text_props = style.find(s("text-properties"))
        if text_props is None:
            text_props = etree.SubElement(style, s("text-properties"))
        text_props.set(f"{{{FO}}}language", "en")
        text_props.set(f"{{{FO}}}country", "US")
        _western_from_complex(text_props)
        return style.get(s("name"), "")

    def _rtl_style(self, root: etree._Element, name: str) -> str | None:
        """A paragraph style for Arabic left in the translated document (of paragraph style
        ``name``) that says the right-to-left direction and the alignment its named or
        default style gave it (they turn left to right); None when its own says them or it
        was not right to left."""
        existing = _automatic(root, name, "paragraph")
        own = existing.find(s("paragraph-properties")) if existing is not None else None
        named = existing.get(s("parent-style-name"), "") if existing is not None else name
        wanted: dict[str, str | None] = {}
        for attribute in (s("writing-mode"), f"{{{FO}}}text-align"):
            value = own.get(attribute) if own is not None else None
            wanted[attribute] = value or self._named(named, attribute) \
                or self._default(attribute)
        wanted[s("writing-mode")] = _resolved(wanted[s("writing-mode")], self._page) or None
        if not (wanted[s("writing-mode")] or "").startswith("rl"):
            return None
        if own is not None and all(own.get(a) not in (None, "", "page") or not v
                                   for a, v in wanted.items()):
            return None
        style, _, props = self._paragraph_style_copy(root, name, "WbArabic")
        for attribute, value in wanted.items():
            if value:
                props.set(attribute, value)
        return style.get(s("name"))

    def _default(self, attribute: str) -> str | None:
        """A paragraph-properties attribute of the default paragraph style (styles.xml)."""
        styles = self.parts.get("styles.xml")
        for default in styles.iter(s("default-style")) if styles is not None else ():
            props = default.find(s("paragraph-properties"))
            if default.get(s("family")) == "paragraph" and props is not None:
                return props.get(attribute)
        return None

    def _pin_arabic(self, english: set[etree._Element]) -> set[str]:
        """Give each paragraph left in Arabic whose direction came from its named or default
        style (they turn left to right) an automatic style that says it; the parts changed."""
        changed: set[str] = set()
        pinned: dict[tuple[str, str], str | None] = {}
        for part, root in self.parts.items():
            for p in root.iter(T_P, T_H):
                if p in english or not rtl_spans("".join(p.itertext())):
                    continue
                key = (part, p.get(t("style-name"), ""))
                if key not in pinned:
                    pinned[key] = self._rtl_style(root, key[1])
                if (name := pinned[key]) is not None:
                    p.set(t("style-name"), name)
                    changed.add(part)
        return changed

    def _paragraph_style_copy(
        self, root: etree._Element, name: str, prefix: str
    ) -> tuple[etree._Element, etree._Element | None, etree._Element]:
        """A new automatic paragraph style named ``prefix`` and a number: a copy of the
        automatic style ``name``, or one based on the named style ``name``; with that
        automatic style (if any) and the new style's paragraph properties."""
        autos = root.find(f"{{{OFFICE}}}automatic-styles")
        if autos is None:
            autos = etree.Element(f"{{{OFFICE}}}automatic-styles")
            body = root.find(f"{{{OFFICE}}}body")
            master = root.find(f"{{{OFFICE}}}master-styles")
            anchor = body if body is not None else master
            if anchor is not None:
                anchor.addprevious(autos)
            else:
                root.append(autos)
        new_name = self._free_name(prefix)
        existing = _automatic(root, name, "paragraph")
        if existing is not None:
            style = copy.deepcopy(existing)
            style.set(s("name"), new_name)
            style.attrib.pop(s("display-name"), None)
        else:
            style = etree.SubElement(autos, s("style"))
            style.set(s("name"), new_name)
            style.set(s("family"), "paragraph")
            if name:
                style.set(s("parent-style-name"), name)
        if existing is not None:
            autos.append(style)
        props = style.find(s("paragraph-properties"))
        if props is None:
            props = etree.Element(s("paragraph-properties"))
            text_props = style.find(s("text-properties"))
            if text_props is not None:
                text_props.addprevious(props)
            else:
                style.append(props)
        return style, existing, props

    def _named(self, name: str, attribute: str) -> str | None:
        """A paragraph-properties attribute of the named paragraph style ``name`` or of the
        styles it is based on (styles.xml)."""
        styles = self.parts.get("styles.xml")
        office = styles.find(f"{{{OFFICE}}}styles") if styles is not None else None
        by_name = {st.get(s("name")): st for st in office.iter(s("style"))
                   if st.get(s("family")) == "paragraph"} if office is not None else {}
        seen: set[str] = set()
        while name in by_name and name not in seen:
            seen.add(name)
            props = by_name[name].find(s("paragraph-properties"))
            if props is not None and props.get(attribute):
                return props.get(attribute)
            name = by_name[name].get(s("parent-style-name")) or ""
        return None

    def _free_name(self, prefix: str) -> str:
        """``prefix`` and the first number no style of the document has (a document we
        exported and that is imported again already has ``WbEnglish1``)."""
        taken = {el.get(s("name")) for root in self.parts.values() for el in root.iter(s("style"))}
        number = 1
        while f"{prefix}{number}" in taken:
            number += 1
        return f"{prefix}{number}"

    def _english_span_style(self, root: etree._Element, name: str) -> str:
        """The text style for a translated span: ``name``, or a copy of that automatic style
        whose Western weight, style and size are its complex-script ones and whose language,
        if Arabic (LibreOffice's span of ``lang="ar"``), English."""
        existing = _automatic(root, name, "text")
        props = existing.find(s("text-properties")) if existing is not None else None
        language = f"{{{FO}}}language"
        if existing is None or props is None:
            return name
        if props.get(language) != "ar" and all(
            props.get(cs) in (None, props.get(western)) for cs, western in COMPLEX.items()
        ):
            return name
        style = copy.deepcopy(existing)
        new_name = self._free_name("WbEnglishT")
        style.set(s("name"), new_name)
        style.attrib.pop(s("display-name"), None)
        text_props = style.find(s("text-properties"))
        _western_from_complex(text_props)
        if text_props.get(language) == "ar":
            text_props.set(language, "en")
            text_props.set(f"{{{FO}}}country", "US")
        existing.addnext(style)
        return new_name


def _ltr_styles(styles: etree._Element, page: str | None) -> bool:
    """The default and named paragraph and table styles (``office:styles``) left to right:
    ``style:writing-mode`` ``rl-tb`` says ``lr-tb``, and the alignment of a paragraph style
    that was right to left (by its own, its parents' or the default's mode, or by the page's
    ``page``) is mirrored (LibreOffice right-aligns Arabic by ``end``): a table of contents
    updated in LibreOffice and a paragraph typed later took them. True when one changed."""
    office = styles.find(f"{{{OFFICE}}}styles")
    if office is None:
        return False
    paragraph = [st for st in office if st.tag in (s("style"), s("default-style"))
                 and st.get(s("family")) == "paragraph"]
    by_name = {st.get(s("name")): st for st in paragraph if st.tag == s("style")}
    default = next((st for st in paragraph if st.tag == s("default-style")), None)
    mode = s("writing-mode")
    changed = False
    for st in paragraph:
        if not _resolved(_inherited(st, mode, by_name, default), page).startswith("rl"):
            continue
        props = st.find(s("paragraph-properties"))
        align = props.get(f"{{{FO}}}text-align") if props is not None else None
        if props is not None and align in MIRRORED:
            props.set(f"{{{FO}}}text-align", MIRRORED[align])
            changed = True
    for props in office.iter(s("paragraph-properties"), s("table-properties"),
                             s("table-cell-properties")):
        if props.get(mode, "").startswith("rl"):
            props.set(mode, "lr-tb")
            changed = True
    return changed


def _inherited(style: etree._Element, attribute: str, by_name: dict[str | None, etree._Element],
               default: etree._Element | None) -> str | None:
    """A paragraph-properties attribute of ``style``, its parents' or the default style's."""
    seen: set[int] = set()
    current: etree._Element | None = style
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        props = current.find(s("paragraph-properties"))
        if props is not None and props.get(attribute):
            return props.get(attribute)
        parent = current.get(s("parent-style-name"))
        current = by_name.get(parent) if parent else None
    if default is not None and default is not style:
        props = default.find(s("paragraph-properties"))
        return props.get(attribute) if props is not None else None
    return None


def _resolved(mode: str | None, page: str | None) -> str:
    """A paragraph's writing mode: ``page`` (the default when none is said) is the page's."""
    return (page if mode in (None, "page") else mode) or ""


def _page_writing_mode(parts: dict[str, etree._Element]) -> str | None:
    """The writing mode of the body's page layout: that of the master page the first
    paragraph's style names (LibreOffice's ``HTML`` for a web page it converted), else of
    ``Standard``, else of the first; a paragraph whose mode is ``page`` (the default) takes
    it."""
    styles, content = parts.get("styles.xml"), parts["content.xml"]
    if styles is None:
        return None
    body = content.find(f"{{{OFFICE}}}body")
    first = next(body.iter(T_P, T_H), None) if body is not None else None
    name = first.get(t("style-name"), "") if first is not None else ""
    style = _automatic(content, name, "paragraph")
    if style is None:
        style = next((st for st in styles.iter(s("style")) if st.get(s("name")) == name
                      and st.get(s("family")) == "paragraph"), None)
    masters = list(styles.iter(s("master-page")))
    wanted = (style.get(s("master-page-name")) if style is not None else None) or "Standard"
    master = next((m for m in masters if m.get(s("name")) == wanted),
                  masters[0] if masters else None)
    if master is None:
        return None
    layout = master.get(s("page-layout-name"))
    for candidate in styles.iter(s("page-layout")):
        props = candidate.find(s("page-layout-properties"))
        if candidate.get(s("name")) == layout and props is not None:
            return props.get(s("writing-mode"))
    return None


def _western_from_complex(props: etree._Element) -> None:
    """Give text properties the complex-script weight, style and size as their Western ones
    (the English then looks as the Arabic did)."""
    for cs, western in COMPLEX.items():
        value = props.get(cs)
        if value is not None:
            props.set(western, value)


def _table_ltr(root: etree._Element, table: etree._Element) -> None:
    """A table's automatic style and those of its own cells left-to-right: LibreOffice orders
    the columns by the cells' writing mode too (its ODT of a Word table in ``w:bidiVisual``
    says ``rl-tb`` on every cell style)."""
    autos = root.find(f"{{{OFFICE}}}automatic-styles")
    by_name = {(st.get(s("name")), st.get(s("family"))): st for st in autos.iter(s("style"))} \
        if autos is not None else {}
    names = {(table.get(f"{{{TABLE}}}style-name"), "table")}
    for cell in table.iter(f"{{{TABLE}}}table-cell"):
        if next(cell.iterancestors(f"{{{TABLE}}}table"), None) is table:
            names.add((cell.get(f"{{{TABLE}}}style-name"), "table-cell"))
    for style in (by_name[name] for name in names if name in by_name):
        for props in (*style.iter(s("table-properties")), *style.iter(s("table-cell-properties"))):
            if props.get(s("writing-mode"), "").startswith("rl"):
                props.set(s("writing-mode"), "lr-tb")


def _automatic(root: etree._Element, name: str, family: str) -> etree._Element | None:
    if not name:
        return None
    autos = root.find(f"{{{OFFICE}}}automatic-styles")
    if autos is None:
        return None
    for style in autos.iter(s("style")):
        if style.get(s("name")) == name and style.get(s("family")) == family:
            return style
    return None


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text the ODF way: a run of spaces is one space and a ``text:s``."""
    if not text:
        return
    pieces = re.split(r"( {2,})", text)
    for piece in pieces:
        if not piece:
            continue
        if piece.startswith("  "):
            append_text(parent, " ")
            space = etree.SubElement(parent, t("s"))
            space.set(t("c"), str(len(piece) - 1))
        else:
            if piece.startswith(" ") and not (parent.text or len(parent)):
                etree.SubElement(parent, t("s"))
                piece = piece[1:]
            append_text(parent, piece)


def _is_mark(el: etree._Element) -> bool:
    """Whether ``el`` marks a place and shows nothing (a bookmark, a reference or index mark)."""
    return isinstance(el.tag, str) and el.tag.startswith(f"{{{TEXT}}}") and \
        _label(el)[0] == "mark"


def _edge_marks(p: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The marks at the start of a paragraph's text and at its end (a heading's bookmarks, as
    pandoc and LibreOffice write them around it): they stay where they are, outside the text."""
    children = list(p)
    lead: list[etree._Element] = []
    if not (p.text or "").strip():
        for child in children:
            if not _is_mark(child):
                break
            lead.append(child)
            if (child.tail or "").strip():
                break
    trail: list[etree._Element] = []
    for child in reversed(children[len(lead):]):
        if not _is_mark(child) or (child.tail or "").strip():
            break
        trail.insert(0, child)
    return lead, trail


def _wrapping_span(p: etree._Element, edges: tuple[list[etree._Element], list[etree._Element]]
                   ) -> etree._Element | None:
    """The ``text:span`` (the innermost of spans so nested) holding all a paragraph's text
    between the marks at its edges and spaces (``text:s``, as after a note's number): no
    tag, as LibreOffice's ODT of a Word document wraps each run of Arabic in a span saying
    its fonts and language. None when there is none."""
    marks = {id(m) for m in (*edges[0], *edges[1])}
    if any((m.tail or "").strip() for m in (*edges[0], *edges[1])):
        return None
    container, found = p, None
    while not (container.text or "").strip():
        children = [c for c in container if id(c) not in marks and c.tag != t("s")]
        if len(children) != 1 or children[0].tag != t("span") \
                or (children[0].tail or "").strip():
            break
        container = found = children[0]
    return found


def _place(el: etree._Element, part: str, number: int) -> str:
    if el.tag not in (T_P, T_H):
        frame = el.getparent()
        what = frame.get(f"{{{DRAW}}}name") if frame is not None else None
        return f"{'alt text' if local(el.tag) == 'desc' else 'title'} of {what or 'a frame'!r}"
    where = ["styles" if part == "styles.xml" else "body"]
    for ancestor in el.iterancestors():
        name = local(ancestor.tag)
        if ancestor.tag == f"{{{TABLE}}}table-cell":
            row = ancestor.getparent()
            table = next(ancestor.iterancestors(f"{{{TABLE}}}table"), None)
            if row is not None and table is not None:
                rows = list(table.iter(f"{{{TABLE}}}table-row"))
                cells = [c for c in row if c.tag == ancestor.tag]
                where.append(f"table {table.get(f'{{{TABLE}}}name', '?')!r} row "
                             f"{rows.index(row) + 1} cell {cells.index(ancestor) + 1}")
            break
        if ancestor.tag == t("note"):
            citation = ancestor.find(t("note-citation"))
            where.append(f"{ancestor.get(t('note-class'), 'footnote')} "
                         f"{citation.text if citation is not None else '?'}")
            break
        if name in ("header", "footer", "header-left", "footer-left", "header-first",
                    "footer-first"):
            master = ancestor.getparent()
            where.append(f"{name} of {master.get(s('name')) if master is not None else '?'!r}")
            break
        if name == "text-box":
            where.append("text box")
            break
    where.append(f"p{number}")
    return " ".join(where)


def _kind(el: etree._Element) -> str:
    if el.tag not in (T_P, T_H):
        return "alt-text"
    if el.tag == T_H:
        return "heading"
    for ancestor in el.iterancestors():
        name = local(ancestor.tag)
        if name == "note":
            return ancestor.get(t("note-class"), "footnote")
        if name == "table-cell":
            return "cell"
        if name == "list-item":
            return "list-item"
        if name == "text-box":
            return "textbox"
        if name.startswith(("header", "footer")):
            return "header" if name.startswith("header") else "footer"
    return "paragraph"


def read_odt(data: bytes, path: str) -> SourceDocument:
    """The blocks of an ODT file."""
    document = _Document(data, path)
    return SourceDocument(path, "odt", data, [loc.block for loc in document.located],
                          warnings=unread_arabic(document.pkg, _unread))


def _unread(name: str) -> str | None:
    """What a member holding text no block reads is: an embedded object's content (a
    chart's, LibreOffice's ``Object 1/content.xml``)."""
    return "an embedded object" if name.endswith("/content.xml") else None


def _index_titles(root: etree._Element, english: set[etree._Element]) -> bool:
    """Give an index's title template (``text:index-title-template``, from which LibreOffice
    writes the title again when the index is updated, as it must be after translation) the
    English of its translated title; True when one changed."""
    changed = False
    for template in root.iter(t("index-title-template")):
        source = template.getparent()
        index = source.getparent() if source is not None else None
        title = index.find(f"{t('index-body')}/{t('index-title')}") if index is not None \
            else None
        paragraph = next(title.iter(T_P, T_H), None) if title is not None else None
        if paragraph is None or paragraph not in english:
            continue
        text = " ".join("".join(paragraph.itertext()).split())
        if text and text != template.text:
            template.text = text
            changed = True
    return changed


def _western_digits(field: etree._Element) -> None:
    """A field's shown value (a cross-reference's page number, a date) in the English's
    digits: LibreOffice shows the value the file holds until its fields are updated."""
    for node in field.iter():
        if node.text:
            node.text = node.text.translate(WESTERN_DIGITS)
        if node is not field and node.tail:
            node.tail = node.tail.translate(WESTERN_DIGITS)


def _latin_numbers(root: etree._Element) -> bool:
    """Lists, notes and page numbers counted in Arabic (``style:num-format`` ``١, ٢, ٣, ...``
    or ``أ, ب, ت, ...``) counted in the English's digits or letters (``1``, ``a``); True
    when one changed."""
    changed = False
    for el in root.iter():
        value = el.get(NUM_FORMAT) if isinstance(el.tag, str) else None
        if not value:
            continue
        if "\u0660" <= value[0] <= "\u0669" or "\u06f0" <= value[0] <= "\u06f9":
            el.set(NUM_FORMAT, "1")
            changed = True
        elif "\u0621" <= value[0] <= "\u064a":
            el.set(NUM_FORMAT, "a")
            changed = True
    return changed


def _english_defaults(styles: etree._Element) -> bool:
    """The default styles' language of Latin text (``fo:language``, ``ar`` in pandoc's
    Arabic ODT: a PDF's language) English, as the translated paragraphs' own; Arabic's
    (``style:language-complex``) kept. Whether any said Arabic."""
    changed = False
    for default in styles.iter(s("default-style")):
        for props in default.iter(s("text-properties")):
            if (props.get(f"{{{FO}}}language") or "").lower() == "ar":
                props.set(f"{{{FO}}}language", "en")
                props.set(f"{{{FO}}}country", "US")
                changed = True
    return changed


def write_odt(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
              fallback: str) -> WriteReport:
    """Write the ODT ``data`` with the blocks of ``renderings`` (numbered from 1) replaced."""
    document = _Document(data, path)
    report = WriteReport(blocks=len(document.located))
    document.write(out, renderings, fallback, report)
    return report
