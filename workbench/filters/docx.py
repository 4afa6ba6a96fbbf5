"""DOCX: Word documents read into tagged paragraphs and written back translated.

Parts read, in this order: the body (``word/document.xml``), footnotes, endnotes, headers and
footers. Every ``w:p`` with text is a block — body paragraphs, headings, list items, table
cells, text boxes, notes, headers, footers — and so is the alt text of every drawing
(``wp:docPr/@descr``). Paragraphs inside ``mc:Fallback`` (the VML copy of a text box) are not
read; when their ``mc:Choice`` text box is translated, the fallback gets a copy of it. Web
pages embedded whole (``w:altChunk``, which Word converts when it opens the file; an HTML
page or an MHTML file's) are read after them by the HTML filter and written back as it
writes pages.

Inline content becomes placeholders: a run whose visible formatting differs from the
paragraph's prevailing formatting is a pair (``<1>bold</1>``; properties that only concern the
script — ``w:rtl``, ``w:cs``, ``w:lang``, fonts — do not count, nor do character spacing and
scaling, a PDF converter's fitting of its lines; complex-script bold, italic and
size count for a run of complex-script text, which Word draws with them, and are the English's),
hyperlinks, simple fields, content controls, smart tags and tracked insertions are pairs,
complex fields are pairs around their result; tabs, breaks, footnote references, drawings,
symbols, equations, deletions and bookmarks inside the text are empty tags. Bookmarks and
comment ranges at a paragraph's start or end stay where they are, outside the text.

Writing rebuilds the runs of each translated paragraph from the stored original: text in the
run properties of its tag (or the paragraph's prevailing ones), containers and fields copied
around it, empty items moved back in place (any the translation lost are appended, so no
footnote or image disappears). The paragraph's direction becomes left-to-right (``w:bidi``
off, runs without ``w:rtl``/``w:cs``, ``w:lang`` en-US, ``w:dir`` wrappers ``ltr``), and so do
the section, the tables that hold translated text and the styles; paragraphs and runs left in
Arabic that took their direction from a style get it as their own. Their text, numbering,
images, relationships and every other part are left as they were.

This module opens the package, finds the blocks in order and writes the parts back; the rest
is in :mod:`docx_inline` (a paragraph read into tagged text), :mod:`docx_rebuild` (a paragraph
rebuilt from its English), :mod:`docx_direction` (left to right, and Arabic labelled) and
:mod:`docx_xml` (WordprocessingML's names and shared tree helpers).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.filters import mhtml
from workbench.filters.docx_direction import (
    Directions,
    empty_ltr,
    english_default,
    latin_letters,
    ltr_styles,
    tables_ltr,
)
from workbench.filters.docx_inline import Inline, Located, ParagraphReader
from workbench.filters.docx_rebuild import rewrite, sync_fallbacks
from workbench.filters.docx_xml import CT, MC_FALLBACK, PKG_RELS, W_P, W_PPR, WP_DOCPR, R, w
from workbench.filters.html import Page
from workbench.filters.inline import InlineBuilder, parse, plain_text
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport
from workbench.filters.package import (
    Package,
    english_properties,
    readable_part,
    title_pair,
    unread_arabic,
    xml_bytes,
)
from workbench.filters.registry import MACRO_ENDINGS
from workbench.formats.safexml import local

CORE = "docProps/core.xml"  # the document properties: title, language
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
SETTINGS = "word/settings.xml"  # the footnotes' and endnotes' numbering, among others
#: The endings of a web page embedded whole (``w:altChunk``), read by the HTML filter.
PAGE_ENDINGS = (".htm", ".html", ".xhtml", ".xht")
MHTML_ENDINGS = (".mht", ".mhtml")


# ---------------------------------------------------------------------------------------------
# the package: parts, blocks in order


class _Document:
    """An opened DOCX: its package, the XML parts holding text, and its blocks in order."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        name = path.lower()
        if name.endswith(MACRO_ENDINGS):
            raise InputError(path, f"refused: a macro-enabled Word file ({name[-5:]}); save it "
                             "as .docx")
        self.pkg = Package(data, path, "DOCX")
        for member in self.pkg.names:
            if member.lower().endswith(("vbaproject.bin", "vbadata.xml")):
                raise InputError(path, f"refused: the document holds macros ({member}); save "
                                       "it as .docx without macros")
        main = self._main()
        self.parts: dict[str, etree._Element] = {}
        self.labels: dict[str, str] = {}
        self.rels: dict[str, dict[str, str]] = {}
        order = [(main, "body")]
        rels = self._rels(main)
        by_kind: dict[str, list[str]] = {}
        for _rid, (kind, target) in rels.items():
            by_kind.setdefault(kind, []).append(target)
        for kind in ("footnotes", "endnotes", "header", "footer"):
            for target in sorted(set(by_kind.get(kind, ())), key=_numbered):
                if self.pkg.has(target):
                    order.append((target, kind))
        for part, kind in order:
            self.parts[part] = self.pkg.xml(part)
            self.labels[part] = kind
            self.rels[part] = {rid: t for rid, (_, t) in self._rels(part).items()}
        self.located = list(self._locate())
        #: the web pages embedded whole (``w:altChunk``): the member, the page, the indices
        #: of its blocks read (no ``<title>``); and the other chunks' members, not read
        self.pages: list[tuple[str, Page, list[int]]] = []
        self.unread_chunks: list[str] = []
        members = [self.rels[part].get(chunk.get(f"{{{R}}}id", ""), "?")
                   for part, root in self.parts.items() for chunk in root.iter(w("altChunk"))]
        for member in dict.fromkeys(members):
            html = self._embedded_page(member)
            if html is None:
                self.unread_chunks.append(member)
                continue
            page = Page(html, f"{path}: {member}")
            self.pages.append((member, page, [
                k for k, loc in enumerate(page.located) if loc.block.kind != "title"]))

    def _embedded_page(self, member: str) -> bytes | None:
        """The web page a chunk embeds whole: its bytes (an MHTML file's page), or None for
        another kind of chunk (RTF, text...)."""
        if not self.pkg.has(member):
            return None
        if member.lower().endswith(PAGE_ENDINGS):
            return self.pkg.read(member)
        if member.lower().endswith(MHTML_ENDINGS):
            return mhtml.page_of(self.pkg.read(member))
        return None

    def blocks(self) -> list[Block]:
        """The paragraphs' blocks, then those of the embedded web pages."""
        return [loc.block for loc in self.located] + [
            replace(page.located[k].block, place=f"{member}: {page.located[k].block.place}")
            for member, page, read in self.pages for k in read]

    def _main(self) -> str:
        if not self.pkg.has("_rels/.rels") or not self.pkg.has("[Content_Types].xml"):
            raise InputError(self.path, "not a DOCX file (no _rels/.rels or [Content_Types].xml)")
        rels = self.pkg.xml("_rels/.rels")
        main = None
        for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                main = rel.get("Target", "").lstrip("/")
        if not main or not self.pkg.has(main):
            raise InputError(self.path, "not a DOCX file (no main document part)")
        types = self.pkg.xml("[Content_Types].xml")
        content_type = ""
        for override in types.iter(f"{{{CT}}}Override"):
            if override.get("PartName", "").lstrip("/") == main:
                content_type = override.get("ContentType", "")
        if "macroEnabled" in content_type:
            raise InputError(self.path, "refused: a macro-enabled Word document; save it as "
                                        ".docx without macros")
        if "wordprocessingml" not in content_type:
            raise InputError(self.path, f"not a Word document (its main part is "
                                        f"{content_type or 'of no known type'})")
        return main

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (kind, target as a member name or a URL)."""
        folder, _, name = part.rpartition("/")
        rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
        if not self.pkg.has(rels_name):
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.pkg.xml(rels_name).iter(f"{{{PKG_RELS}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = _resolve(folder, target)
            out[rel.get("Id", "")] = (kind, target)
        return out

    def _locate(self) -> Iterator[Located]:
        for part, root in self.parts.items():
            kind = self.labels[part]
            label = "body" if kind == "body" else part.rsplit("/", 1)[-1]
            reader = ParagraphReader(self.rels[part])
            skip: set[etree._Element] = set()
            for fallback in root.iter(MC_FALLBACK):
                skip.update(fallback.iter(W_P, WP_DOCPR))
            for note in root.iter(w("footnote"), w("endnote")):
                if note.get(w("type")) not in (None, "normal"):
                    skip.update(note.iter(W_P))
            number = 0
            tables = {t: i for i, t in enumerate(root.iter(w("tbl")), start=1)}
            for el in root.iter(W_P, WP_DOCPR):
                if el in skip:
                    continue
                if el.tag == WP_DOCPR:
                    for attribute in ("descr", "title"):
                        text = el.get(attribute)
                        if text and text.strip():
                            b = InlineBuilder()
                            b.text(text)
                            what = el.get("name") or f"drawing {el.get('id', '?')}"
                            yield Located(part, el, Block(
                                b.result(), b.tags,
                                f"{label}: {'alt text' if attribute == 'descr' else 'title'} "
                                f"of {what!r}", "alt-text",
                            ), Inline(builder=b), attribute=attribute)
                    continue
                number += 1
                inline = reader.build(el)
                if not inline.has_text:
                    continue
                yield Located(
                    part, el, Block(inline.text, inline.builder.tags,
                                    _place(el, label, number, tables), _kind(el, kind)),
                    inline,
                )

    # writing ------------------------------------------------------------------------------

    def _ltr_styles(
        self, english: set[etree._Element], changed: set[str]
    ) -> dict[str, bytes]:
        """The translated document's styles left to right, their default language English,
        and each paragraph and run left in Arabic given the direction its styles gave it as
        its own (its part added to ``changed``). The new ``word/styles.xml``, if any."""
        root = readable_part(self.pkg, STYLES)
        if root is None:
            return {}
        directions = Directions.of(root)
        for part, tree in self.parts.items():
            for p in tree.iter(W_P):
                if p not in english and directions.pin(p):
                    changed.add(part)
        ltr = ltr_styles(root)
        english_language = english_default(root)
        return {STYLES: xml_bytes(root)} if ltr or english_language else {}

    def write(
        self, out: BinaryIO, renderings: dict[int, Rendering], fallback: str,
        report: WriteReport,
    ) -> None:
        changed: set[str] = set()
        ltr_parts: set[str] = set()
        rewritten: set[etree._Element] = set()
        english: set[etree._Element] = set()  # the paragraphs translated
        titles: dict[str, str] = {}  # a translated paragraph's Arabic -> English
        for n, located in enumerate(self.located, start=1):
            rendering = renderings.get(n)
            if rendering is None:
                continue
            translated = rendering.translated
            if not translated and fallback == "source":
                continue
            text = rendering.text(fallback)
            pair = title_pair(located.block.text, rendering, text)
            if pair is not None:
                titles.setdefault(*pair)
            if located.attribute is not None:
                assert located.inline is not None
                parsed = parse(text, rendering.tags)
                items = located.inline.builder.items
                located.element.set(located.attribute, plain_text(parsed.children, items))
            else:
                assert located.inline is not None
                rewrite(located, text, rendering, translated, report)
                rewritten.add(located.element)
                if translated:
                    english.add(located.element)
                    ltr_parts.add(located.part)
                    tables_ltr(located.element)
            changed.add(located.part)
            report.rewritten += 1
        for part in changed:
            sync_fallbacks(self.parts[part], rewritten)
        for part in ltr_parts:
            if empty_ltr(self.parts[part], english):
                changed.add(part)
            if self.labels[part] == "body":
                for bidi in list(self.parts[part].iter(w("bidi"), w("rtlGutter"))):
                    parent = bidi.getparent()
                    if parent is not None and local(parent.tag) == "sectPr":
                        parent.remove(bidi)  # right to left, its binding on the right
        body = next((part for part in ltr_parts if self.labels[part] == "body"), None)
        if body is not None and latin_letters(self.parts[body]):
            changed.add(body)
        styles = self._ltr_styles(english, changed) if ltr_parts else {}
        replaced = {part: xml_bytes(self.parts[part]) for part in changed} | styles
        if ltr_parts and (properties := english_properties(self.pkg, CORE, titles)):
            replaced[CORE] = properties
        for member in (NUMBERING, SETTINGS) if body is not None else ():
            root = readable_part(self.pkg, member)
            if root is not None and latin_letters(root):
                replaced[member] = xml_bytes(root)
        number = len(self.located)
        for member, page, read in self.pages:
            mine = {k + 1: renderings[number + n] for n, k in enumerate(read, start=1)
                    if number + n in renderings}
            number += len(read)
            if mine:
                buffer = io.BytesIO()
                page.write(buffer, mine, fallback, report)
                replaced[member] = buffer.getvalue() \
                    if member.lower().endswith(PAGE_ENDINGS) \
                    else mhtml.with_page(self.pkg.read(member), buffer.getvalue())
        self.pkg.write(out, replaced)


def _numbered(name: str) -> tuple[str | int, ...]:
    """A sort key that orders ``header2.xml`` before ``header10.xml`` (a document's sections'
    headers in the order Word numbers them)."""
    return tuple(int(piece) if piece.isdigit() else piece
                 for piece in re.split(r"(\d+)", name))


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _place(
    p: etree._Element, label: str, number: int, tables: dict[etree._Element, int]
) -> str:
    where = [label]
    for ancestor in p.iterancestors():
        name = local(ancestor.tag)
        if name == "tc":
            row = ancestor.getparent()
            table = row.getparent() if row is not None else None
            if row is not None and table is not None:
                rows = [r for r in table if local(r.tag) == "tr"]
                cells = [c for c in row if local(c.tag) == "tc"]
                where.append(f"table {tables.get(table, '?')} row {rows.index(row) + 1} "
                             f"cell {cells.index(ancestor) + 1}")
            break
        if name == "txbxContent":
            where.append("text box")
            break
        if name in ("footnote", "endnote"):
            where.append(f"{name} {ancestor.get(w('id'), '?')}")
            break
    where.append(f"p{number}")
    return " ".join(where)


def _kind(p: etree._Element, part_kind: str) -> str:
    if part_kind in ("footnotes", "endnotes"):
        return part_kind[:-1]
    if part_kind in ("header", "footer"):
        return part_kind
    for ancestor in p.iterancestors():
        name = local(ancestor.tag)
        if name == "txbxContent":
            return "textbox"
        if name == "tc":
            return "cell"
    ppr = p.find(W_PPR)
    if ppr is not None:
        style = ppr.find(w("pStyle"))
        value = (style.get(w("val")) or "").lower() if style is not None else ""
        if value.startswith(("heading", "title", "subtitle")) or ppr.find(w("outlineLvl")) \
                is not None:
            return "heading"
        if ppr.find(w("numPr")) is not None or value.startswith("list"):
            return "list-item"
    return "paragraph"


# ---------------------------------------------------------------------------------------------
# the filter's entry points


def read_docx(data: bytes, path: str) -> SourceDocument:
    """The blocks of a DOCX file, then those of the web pages embedded whole in it
    (``w:altChunk``, as web applications write Word files: Word converts them when it opens
    the file). Refused when its only text is in other embedded chunks (RTF...)."""
    document = _Document(data, path)
    blocks = document.blocks()
    chunks = document.unread_chunks
    if chunks and not blocks:
        raise InputError(path, f"its text is in {', '.join(chunks)}, a document embedded "
                               "whole (w:altChunk), which Word converts when it opens the "
                               "file: open it in Word, save it as .docx and import that")
    warnings = [f"{name}: the text of a document embedded whole (w:altChunk) is not read: it "
                "stays as it is in the export (open the document in Word and save it as .docx "
                "first)" for name in chunks]
    return SourceDocument(path, "docx", data, blocks,
                          warnings=[*unread_arabic(document.pkg, _unread), *warnings])


def _unread(name: str) -> str | None:
    """What a member holding text no block reads is: a chart, a SmartArt diagram (whose
    cached drawing holds its text again: named once)."""
    if name.startswith("word/charts/chart"):
        return "a chart"
    if name.startswith("word/diagrams/data"):
        return "a SmartArt diagram"
    return None


def write_docx(
    out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering], fallback: str
) -> WriteReport:
    """Write the DOCX ``data`` with the blocks of ``renderings`` (numbered from 1) replaced."""
    document = _Document(data, path)
    report = WriteReport()
    document.write(out, renderings, fallback, report)
    report.blocks = len(document.blocks())
    return report
