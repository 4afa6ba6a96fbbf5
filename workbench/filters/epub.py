"""EPUB books (EPUB 2 and 3) read as the blocks of their pages and written back translated.

The container (``META-INF/container.xml``) names the package document (OPF); its spine lists the
book's pages in reading order, and EPUB 3's navigation page (the table of contents) is read
after them when the spine leaves it out. Each page is XHTML, read by the HTML filter
(:mod:`workbench.filters.html`): its blocks are the book's, in that order, each place prefixed
with the page's name; the blocks of the navigation page and the NCX are of kind ``toc`` (a
translation's table of contents is left out of an import onto a document that has none). The
book's title and description (the package's ``dc:title`` and ``dc:description``, which libraries
and reading systems show) come first, and EPUB 2's table of contents (``toc.ncx``: its title and
entries, which older reading systems show) last. A page's ``<title>`` (the book's title again on
every page, which reading systems do not show) is not read; when it is the book's title, the
written page takes the book's English title.

Writing rewrites each page that has a translated block as the HTML filter does (``dir="ltr"
lang="en"``), the translated title, description and table of contents, and, when anything was
translated, the package document's language (``dc:language`` → ``en``) and reading direction
(the spine's ``page-progression-direction`` → ``ltr``; a guide reference titled with the
book's title takes the English title; in the stylesheets ``direction: rtl`` →
``ltr`` and ``text-align: right`` → ``left``, which would outweigh the pages' ``dir``). Every
other member is copied as it was, in its order: the ``mimetype`` member stays first and stored,
as EPUB requires.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import replace
from typing import BinaryIO
from urllib.parse import unquote

from lxml import etree

from workbench.errors import InputError
from workbench.filters.html import Page
from workbench.filters.html_direction import css_to_english
from workbench.filters.html_elements import XML_LANG
from workbench.filters.inline import InlineBuilder, parse, plain_text
from workbench.filters.model import Block, Rendering, SourceDocument, WriteReport
from workbench.filters.package import Package, xml_bytes
from workbench.formats.safexml import local
from workbench.text.tags import strip_tags

DC = "http://purl.org/dc/elements/1.1/"
METADATA = {"title": "title", "description": "paragraph"}  # dc element -> block kind
NCX_TYPE = "application/x-dtbncx+xml"
MIMETYPE = b"application/epub+zip"
PAGE_TYPES = frozenset({"application/xhtml+xml", "text/html"})
CONTAINER = "META-INF/container.xml"
ENCRYPTION = "META-INF/encryption.xml"


class _Book:
    """An opened EPUB: its package, its package document, and what it reads in order: the
    package's metadata, the pages, the NCX's labels (see the module)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.package = Package(data, path, "EPUB")
        if self.package.has("mimetype") and \
                self.package.read("mimetype").strip() != MIMETYPE:
            raise InputError(path, "not an EPUB book (its mimetype member is not "
                                   f"{MIMETYPE.decode()})")
        if not self.package.has(CONTAINER):
            raise InputError(path, f"not an EPUB book (no {CONTAINER})")
        container = self.package.xml(CONTAINER)
        rootfile = next((el.get("full-path") for el in container.iter()
                         if local(el.tag) == "rootfile" and el.get("full-path")), None)
        if rootfile is None:
            raise InputError(path, f"not an EPUB book ({CONTAINER} names no package document)")
        self.opf_name = unquote(rootfile)
        self.opf = self.package.xml(self.opf_name)
        self.xml: dict[str, etree._Element] = {self.opf_name: self.opf}  # parts with texts
        pages, self.nav, ncx, self.styles = self._manifest()
        self._refuse_encrypted([*pages, *([ncx] if ncx else [])])
        self.units: list[tuple[str, etree._Element | None, str]] = [
            (self.opf_name, el, METADATA[local(el.tag)]) for el in self.opf.iter()
            if isinstance(el.tag, str) and el.tag.startswith(f"{{{DC}}}")
            and local(el.tag) in METADATA and (el.text or "").strip()]
        self.units += [(member, None, "page") for member in pages]
        if ncx is not None:
            self.xml[ncx] = root = self.package.xml(ncx)
            self.units += [(ncx, el, "toc")
                           for parent in root.iter() if local(parent.tag) in ("docTitle",
                                                                              "navLabel")
                           for el in parent if local(el.tag) == "text"
                           and (el.text or "").strip()]

    def _manifest(self) -> tuple[list[str], set[str], str | None, list[str]]:
        """The member names of the pages in reading order, of the navigation pages, of the
        NCX (if any) and of the stylesheets."""
        base = posixpath.dirname(self.opf_name)
        items: dict[str, tuple[str, str, str]] = {}  # id -> member, media type, properties
        spine: list[str] = []
        for el in self.opf.iter():
            name = local(el.tag)
            if name == "item" and el.get("id") and el.get("href"):
                member = posixpath.normpath(posixpath.join(base, unquote(el.get("href", ""))))
                items[el.get("id", "")] = (member, el.get("media-type") or "",
                                           el.get("properties") or "")
            elif name == "itemref" and el.get("idref"):
                spine.append(el.get("idref", ""))
        pages = [items[i][0] for i in spine if i in items and items[i][1] in PAGE_TYPES]
        nav = {member for member, media, properties in items.values()
               if "nav" in properties.split() and media in PAGE_TYPES}
        pages += sorted(nav - set(pages))
        ncx = next((m for m, media, _ in items.values()
                    if media == NCX_TYPE and self.package.has(m)), None)
        missing = [m for m in pages if not self.package.has(m)]
        if missing:
            raise InputError(self.path, f"the book's spine names {missing[0]}, which it lacks")
        if not pages:
            raise InputError(self.path, "the book's spine lists no XHTML pages")
        styles = [m for m, media, _ in items.values()
                  if media == "text/css" and self.package.has(m)]
        return list(dict.fromkeys(pages)), nav, ncx, styles

    def _refuse_encrypted(self, members: list[str]) -> None:
        """Refuse a book whose pages are encrypted (DRM); obfuscated fonts are fine."""
        if not self.package.has(ENCRYPTION):
            return
        encrypted = {posixpath.normpath(unquote(el.get("URI") or ""))
                     for el in self.package.xml(ENCRYPTION).iter()
                     if local(el.tag) == "CipherReference"}
        locked = [m for m in members if m in encrypted]
        if locked:
            more = f" and {len(locked) - 1} more" if len(locked) > 1 else ""
            raise InputError(self.path, f"refused: the book is encrypted (DRM): {locked[0]}"
                                        f"{more}; ask for a copy without DRM")

    def page(self, member: str) -> tuple[Page, list[int]]:
        """A page opened, and the indices of its blocks the book reads (no ``<title>``)."""
        page = Page(self.package.read(member), f"{self.path}: {member}", xml=True)
        return page, [k for k, loc in enumerate(page.located) if loc.block.kind != "title"]


def _text_block(member: str, el: etree._Element, kind: str) -> tuple[Block, InlineBuilder]:
    """A metadata or NCX text as a block (plain text), with its builder."""
    builder = InlineBuilder(collapse=True)
    builder.text(el.text or "")
    parent = el.getparent()
    where = (f"dc:{local(el.tag)}" if el.tag.startswith(f"{{{DC}}}") or parent is None
             else f"{local(parent.tag)} text")
    return Block(builder.result(), builder.tags, f"{member}: {where}", kind), builder


def read_epub(data: bytes, path: str) -> SourceDocument:
    """The blocks of an EPUB book, in reading order (see the module)."""
    book = _Book(data, path)
    blocks: list[Block] = []
    for member, el, kind in book.units:
        if el is not None:
            blocks.append(_text_block(member, el, kind)[0])
            continue
        page, read = book.page(member)
        toc = member in book.nav
        blocks += [replace(page.located[k].block, kind="toc" if toc else page.located[k].block.kind,
                           place=f"{member}: {page.located[k].block.place}") for k in read]
    return SourceDocument(path, "epub", data, blocks)


def write_epub(out: BinaryIO, data: bytes, path: str, renderings: dict[int, Rendering],
               fallback: str) -> WriteReport:
    """Write the book ``data`` with the blocks of ``renderings`` (numbered from 1) replaced."""
    book = _Book(data, path)
    report = WriteReport()
    replaced: dict[str, bytes] = {}
    number = 0
    titles: dict[str, Rendering] = {}  # the book's title (Arabic, spaces folded) -> English
    for member, el, kind in book.units:
        if el is not None:
            number += 1
            rendering = renderings.get(number)
            if rendering is not None and rendering.translated:
                block, builder = _text_block(member, el, kind)
                parsed = parse(rendering.text(fallback), rendering.tags)
                el.text = plain_text(parsed.children, builder.items)
                report.rewritten += 1
                if kind == "title" and not rendering.tags:
                    titles[" ".join(block.text.split())] = rendering
            continue
        page, read = book.page(member)
        mine = {k + 1: renderings[number + n] for n, k in enumerate(read, start=1)
                if number + n in renderings}
        number += len(read)
        if mine:
            # a page's <title> that is the book's title (as pandoc and Calibre write it)
            # takes the book's English title
            for k, loc in enumerate(page.located):
                english = titles.get(" ".join(loc.block.text.split()))
                if loc.block.kind == "title" and english is not None:
                    mine[k + 1] = english
            buffer = io.BytesIO()
            page.linked_css = "\n".join(
                book.package.read(css).decode("utf-8", "replace") for css in book.styles)
            page.write(buffer, mine, fallback, report)
            replaced[member] = buffer.getvalue()
    report.blocks = number
    if any(r.translated for r in renderings.values()):
        for member, root in book.xml.items():
            _to_english(root)
            _guide_titles(root, titles, fallback)
            replaced[member] = xml_bytes(root, standalone=None)
        for member in book.styles:
            css = book.package.read(member)
            english = css_to_english(css.decode("utf-8", "surrogateescape"))
            if english.encode("utf-8", "surrogateescape") != css:
                replaced[member] = english.encode("utf-8", "surrogateescape")
    book.package.write(out, replaced)
    return report


def _guide_titles(root: etree._Element, titles: dict[str, Rendering], fallback: str) -> None:
    """The package's guide references (EPUB 2's, which pandoc writes in every book) whose
    title is the book's title take its English title, as its pages' ``<title>`` do (they
    were left in Arabic)."""
    for el in root.iter():
        if isinstance(el.tag, str) and local(el.tag) == "reference" and el.get("title"):
            english = titles.get(" ".join((el.get("title") or "").split()))
            if english is not None:
                el.set("title", strip_tags(english.text(fallback)))


def _to_english(root: etree._Element) -> None:
    """The package document (or NCX) of the English book: its language and reading
    direction."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = local(el.tag)
        if name == "language" and (el.text or "").strip().lower().startswith("ar"):
            el.text = "en"
        elif name == "spine" and (el.get("page-progression-direction") or "") == "rtl":
            el.set("page-progression-direction", "ltr")
        if (el.get(XML_LANG) or "").lower().startswith("ar"):
            el.set(XML_LANG, "en")
