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
"""

from __future__ import annotations

import copy
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from lxml import etree

from workbench.errors import InputError
from workbench.filters import mhtml
from workbench.filters.html import Page
from workbench.filters.inline import (
    InlineBuilder,
    Literal,
    Node,
    empty_origins,
    parse,
    plain_text,
)
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
from workbench.formats.model import primary_language
from workbench.formats.safexml import local, namespace
from workbench.text.bidi import rtl_spans

CORE = "docProps/core.xml"  # the document properties: title, language
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
SETTINGS = "word/settings.xml"  # the footnotes' and endnotes' numbering, among others
#: Number formats counting in Arabic letters (أ، ب، ت and أ، ب، ج).
ARABIC_LETTERS = frozenset({"arabicAlpha", "arabicAbjad"})

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """A WordprocessingML tag or attribute name."""
    return f"{{{W}}}{name}"


W_P, W_R, W_T, W_PPR, W_RPR = w("p"), w("r"), w("t"), w("pPr"), w("rPr")
WP_DOCPR = f"{{{WP}}}docPr"
MC_FALLBACK = f"{{{MC}}}Fallback"
MC_CHOICE = f"{{{MC}}}Choice"
MC_ALTERNATE = f"{{{MC}}}AlternateContent"

def _words(text: str) -> list[str]:
    return text.split()


#: Run properties that say how the script is written, not how the text looks; and the
#: character spacing and scaling by which a PDF converted to Word (Acrobat, ABBYY) fits each
#: line of the Arabic's glyphs, different in each run.
SCRIPT_ONLY = frozenset({
    "rtl", "cs", "lang", "rFonts", "noProof", "bCs", "iCs", "szCs", "webHidden", "rPrChange",
    "kern", "spacing", "w",
})
#: Complex-script properties and the ones English text takes: a run of Arabic (``w:rtl`` or
#: ``w:cs`` on) is drawn with ``w:bCs``, ``w:iCs``, ``w:szCs``, which LibreOffice writes alone.
COMPLEX = {"bCs": "b", "iCs": "i", "szCs": "sz"}
_OFF = ("0", "false", "off")
#: The order of w:rPr children (CT_RPr) and of w:pPr children (CT_PPrBase + rest).
RPR_ORDER = _words(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
PPR_ORDER = _words(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
ENGLISH = "en-US"
ARABIC = "ar-SA"
"""The complex-script language of Arabic left in a translated paragraph (``w:lang w:bidi``)."""

#: Paragraph-level elements that mark a place and carry no text.
MARKS = frozenset({
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
})
#: Containers of runs: each becomes a pair around its content.
CONTAINERS = {
    "hyperlink": "link", "fldSimple": "field", "smartTag": "tag", "customXml": "tag",
    "ins": "ins", "moveTo": "ins", "dir": "dir", "bdo": "dir", "sdt": "control",
}
#: The endings of a web page embedded whole (``w:altChunk``), read by the HTML filter.
PAGE_ENDINGS = (".htm", ".html", ".xhtml", ".xht")
MHTML_ENDINGS = (".mht", ".mhtml")
#: Elements dropped from rewritten paragraphs (proofing marks, layout caches).
DROPPED = frozenset({"proofErr", "lastRenderedPageBreak"})
#: Run children that stand alone: their tag label.
RUN_EMPTIES = {
    "tab": "tab", "ptab": "tab", "br": "br", "cr": "br", "sym": "sym",
    "footnoteReference": "fn", "endnoteReference": "fn", "drawing": "img", "pict": "img",
    "object": "obj", "commentReference": "comment", "AlternateContent": "img",
}
#: Run children that mark a note's own number (kept outside the text at its start).
NOTE_MARKS = frozenset({"footnoteRef", "endnoteRef", "annotationRef", "separator",
                        "continuationSeparator"})


# ---------------------------------------------------------------------------------------------
# inline content of a paragraph


@dataclass(frozen=True)
class RunChild:
    """An empty tag made of a run child (a tab, a footnote reference, a drawing) and the run
    properties it had."""

    rpr: etree._Element | None
    child: etree._Element


@dataclass(frozen=True)
class Elements:
    """An empty tag made of whole elements (a bookmark, a deletion, an equation, a field)."""

    elements: tuple[etree._Element, ...]


@dataclass(frozen=True)
class Fmt:
    """A pair that restores run properties."""

    rpr: etree._Element | None


@dataclass(frozen=True)
class Wrap:
    """A pair that restores a container (hyperlink, field, control...), with the run
    properties of its content when they are all alike."""

    element: etree._Element
    rpr: etree._Element | None
    inner: bool  # whether ``rpr`` differs from the paragraph's prevailing properties


@dataclass(frozen=True)
class FieldPair:
    """A complex field around its result: the runs from its start to the separator, and its
    end run."""

    before: tuple[etree._Element, ...]
    after: tuple[etree._Element, ...]


# atoms: the paragraph's content flattened in order
@dataclass
class _Text:
    text: str
    rpr: etree._Element | None
    key: tuple[Any, ...]
    run: etree._Element


@dataclass
class _Empty:
    label: str
    title: str
    item: Any
    mark: bool = False  # may stay outside the text at the paragraph's start or end


@dataclass
class _Open:
    element: etree._Element
    label: str
    title: str
    item: Any = None


@dataclass
class _Close:
    pass


#: Fields whose result Word computes (page numbers, dates, counts): nothing to translate.
COMPUTED_FIELDS = frozenset({
    "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "DATE", "TIME", "SAVEDATE", "PRINTDATE",
    "CREATEDATE", "EDITTIME", "NUMWORDS", "NUMCHARS", "FILESIZE", "PAGEREF", "SEQ",
})


def _computed_only(atoms: list[Any]) -> bool:
    """Whether all the text of a paragraph's atoms is the result of computed fields (a
    footer's page number, a date): such a paragraph is no segment and stays as it is."""
    inside: list[bool] = []
    for atom in atoms:
        if isinstance(atom, _Open):
            code = atom.title.split()[:1] if atom.label == "field" else []
            inside.append(bool(code) and code[0].upper() in COMPUTED_FIELDS)
        elif isinstance(atom, _Close):
            if inside:
                inside.pop()
        elif isinstance(atom, _Text) and atom.text.strip() and not any(inside):
            return False
    return True


@dataclass
class _Fld:
    kind: str  # begin, separate, end, code
    run: etree._Element


def _complex(rpr: etree._Element) -> bool:
    """Whether run properties mark complex-script text (``w:rtl`` or ``w:cs`` on)."""
    return any(el.get(w("val"), "true") not in _OFF
               for el in (*rpr.findall(w("rtl")), *rpr.findall(w("cs"))))


def _key(rpr: etree._Element | None) -> tuple[Any, ...]:
    """A run's visible formatting: for complex-script text, bold, italic and size are those
    of ``w:bCs``, ``w:iCs``, ``w:szCs`` where it has them."""
    if rpr is None:
        return ()
    complex_ = _complex(rpr)
    shown = {COMPLEX[local(c.tag)] for c in rpr if local(c.tag) in COMPLEX} if complex_ \
        else set()
    key = []
    for c in rpr:
        name = local(c.tag)
        if complex_ and name in COMPLEX:
            key.append((COMPLEX[name], tuple(sorted(c.attrib.items()))))
        elif name not in SCRIPT_ONLY and name not in shown:
            key.append((name, tuple(sorted(c.attrib.items()))))
    return tuple(key)


_LABELS = {"b": "b", "i": "i", "u": "u", "strike": "s", "dstrike": "s", "highlight": "hl",
           "color": "color", "rStyle": "style", "caps": "caps", "smallCaps": "caps",
           "sz": "size", "shd": "shd"}
_WORDS = {"b": "bold", "i": "italic", "u": "underline", "s": "strike-through",
          "hl": "highlight", "color": "colour", "caps": "capitals", "size": "size",
          "shd": "shading"}


def _describe(key: tuple[Any, ...], base: tuple[Any, ...]) -> tuple[str, str]:
    """A label and a title for formatting ``key`` that differs from ``base``."""
    base_names = {name for name, _ in base}
    names: list[str] = []
    for name, attrs in key:
        if name == "vertAlign":
            value = dict(attrs).get(w("val"), "")
            names.append("sup" if value == "superscript" else "sub" if value == "subscript"
                         else "pos")
        elif name == "rStyle":
            names.append("style:" + dict(attrs).get(w("val"), ""))
        elif name in _LABELS and (name not in base_names or (name, attrs) not in base):
            off = dict(attrs).get(w("val")) in ("0", "false", "none")
            names.append(("no-" if off else "") + _LABELS[name])
    if not names:
        return "fmt", "formatting"
    label = names[0].split(":")[0]
    title = " ".join(_WORDS.get(n, n) for n in names)
    return label, title


class _Reader:
    """Flattens a paragraph into atoms, then builds its tagged text."""

    def __init__(self, rels: dict[str, str]) -> None:
        self.rels = rels

    # flattening ---------------------------------------------------------------------------

    def atoms(self, parent: etree._Element, out: list[Any]) -> None:
        for child in parent:
            name = local(child.tag)
            ns = namespace(child.tag)
            if not isinstance(child.tag, str) or name == "pPr" or name in DROPPED:
                continue
            if ns == W and name == "r":
                self.run(child, out)
            elif ns == W and name in CONTAINERS:
                out.append(_Open(child, CONTAINERS[name], self.title(child, name)))
                content = child.find(w("sdtContent")) if name == "sdt" else child
                if content is not None:
                    self.atoms(content, out)
                out.append(_Close())
            elif ns == W and name in MARKS:
                out.append(_Empty("mark", name, Elements((child,)), mark=True))
            elif ns == W and name in ("del", "moveFrom"):
                out.append(_Empty("del", "deleted text", Elements((child,))))
            elif ns == M:
                out.append(_Empty("math", "equation", Elements((child,))))
            else:
                out.append(_Empty(name or "x", name, Elements((child,))))

    def run(self, run: etree._Element, out: list[Any]) -> None:
        rpr = run.find(W_RPR)
        key = _key(rpr)
        for child in run:
            name = local(child.tag)
            if name in ("rPr",) or name in DROPPED or not isinstance(child.tag, str):
                continue
            if name == "t":
                if child.text:
                    out.append(_Text(child.text, rpr, key, run))
            elif name == "noBreakHyphen":
                out.append(_Text("\u2011", rpr, key, run))
            elif name == "softHyphen":
                out.append(_Text("\u00ad", rpr, key, run))
            elif name == "fldChar":
                kind = child.get(w("fldCharType"), "")
                out.append(_Fld(kind if kind in ("begin", "separate", "end") else "code", run))
            elif name in ("instrText", "delInstrText"):
                out.append(_Fld("code", run))
            elif name in NOTE_MARKS:
                out.append(_Empty("fn", "note number", RunChild(rpr, child), mark=True))
            elif name in RUN_EMPTIES:
                label = RUN_EMPTIES[name]
                title = name
                if name in ("footnoteReference", "endnoteReference"):
                    kind = "footnote" if name.startswith("foot") else "endnote"
                    title = f"{kind} {child.get(w('id'), '?')}"
                elif name == "br" and child.get(w("type")) in ("page", "column"):
                    label, title = "break", f"{child.get(w('type'))} break"
                elif name == "br":
                    title = "line break"
                if label == "img" and any(True for _ in child.iter(w("txbxContent"))):
                    label, title = "textbox", "text box"
                out.append(_Empty(label, title, RunChild(rpr, child)))
            else:
                out.append(_Empty(name, name, RunChild(rpr, child)))

    def title(self, element: etree._Element, name: str) -> str:
        if name == "hyperlink":
            target = self.rels.get(element.get(f"{{{R}}}id", ""), "")
            anchor = element.get(w("anchor"))
            return target + (f"#{anchor}" if anchor else "") if target or anchor else "link"
        if name == "fldSimple":
            return " ".join((element.get(w("instr")) or "").split())
        return name

    # building -----------------------------------------------------------------------------

    def build(self, paragraph: etree._Element) -> Inline:
        atoms: list[Any] = []
        self.atoms(paragraph, atoms)
        inline = Inline()
        atoms = self._fields(atoms)
        # leading and trailing marks stay outside the text, and so does the tab after a
        # note's own number (LibreOffice's footnote layout)
        start, end = 0, len(atoms)
        while start < end and isinstance(atoms[start], _Empty) and (
            atoms[start].mark or _after_note_number(atoms, start)
        ):
            start += 1
        while end > start and isinstance(atoms[end - 1], _Empty) and atoms[end - 1].mark:
            end -= 1
        inline.lead = [atoms[i].item for i in range(start)]
        inline.trail = [atoms[i].item for i in range(end, len(atoms))]
        atoms = atoms[start:end]
        counts: Counter[tuple[Any, ...]] = Counter()
        first: dict[tuple[Any, ...], etree._Element | None] = {}
        for atom in atoms:
            if isinstance(atom, _Text):
                counts[atom.key] += len(atom.text)
                first.setdefault(atom.key, atom.rpr)
        base = counts.most_common(1)[0][0] if counts else ()
        inline.base_rpr = first.get(base)
        if inline.base_rpr is None:  # no text: the first run's properties
            inline.base_rpr = next((a.rpr for a in atoms if isinstance(a, _Text)), None)
        b = InlineBuilder()
        self._emit(atoms, 0, len(atoms), b, base, base)
        inline.builder = b
        inline.text = b.result()
        inline.has_text = b.has_text and not _computed_only(atoms)
        raw = "".join(b.parts)
        inline.pad = (raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()) :])
        return inline

    def _fields(self, atoms: list[Any]) -> list[Any]:
        """Complex fields: begin…separate becomes the opening of a pair around the result,
        end its closing; a field without a result one empty; a result that holds fields or
        goes on into another paragraph is read as text between the code's empty tag and the
        end's."""
        out: list[Any] = []
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            if not (isinstance(atom, _Fld) and atom.kind == "begin"):
                if isinstance(atom, _Fld):  # a separate/end of a field begun elsewhere
                    out.append(_Empty("field", "field", Elements((atom.run,))))
                else:
                    out.append(atom)
                i += 1
                continue
            depth, j, sep, end = 0, i, None, None
            while j < len(atoms):
                a = atoms[j]
                if isinstance(a, _Fld) and a.kind == "begin":
                    depth += 1
                elif isinstance(a, _Fld) and a.kind == "end":
                    depth -= 1
                    if depth == 0:
                        end = j
                        break
                elif isinstance(a, _Fld) and a.kind == "separate" and depth == 1 and sep is None:
                    sep = j
                elif isinstance(a, (_Open, _Close)):
                    break  # a field crossing a container: not paired
                j += 1
            code_end = sep if sep is not None else (end if end is not None else j - 1)
            runs = _runs(atoms[i : code_end + 1])
            instr = " ".join("".join(
                t.text or "" for r in runs for t in r.iter(w("instrText"))).split())
            if sep is not None and (end is None or any(
                isinstance(a, _Fld) for a in atoms[sep + 1 : end]
            )):
                # a result that goes on into the next paragraph (a table of contents' first
                # entry) or holds fields: the code an empty tag, the result read on, the end
                # (here or in a later paragraph) an empty tag of its own
                out.append(_Empty("field", instr or "field", Elements(tuple(runs))))
                i = sep + 1
                continue
            if sep is None or end is None:
                stop = end if end is not None else j - 1
                whole = _runs(atoms[i : stop + 1])
                out.append(_Empty("field", instr or "field", Elements(tuple(whole))))
                i = stop + 1
                continue
            pair = FieldPair(tuple(runs), tuple(_runs([atoms[end]])))
            out.append(_Open(_FIELD, "field", instr or "field", pair))
            out.extend(atoms[sep + 1 : end])
            out.append(_Close())
            i = end + 1
        return out

    def _emit(
        self, atoms: list[Any], i: int, j: int, b: InlineBuilder, base: tuple[Any, ...],
        frame: tuple[Any, ...],
    ) -> None:
        """Atoms i..j into the builder; ``frame`` is the formatting plain text has here."""
        fmt: int | None = None
        fmt_key: tuple[Any, ...] | None = None
        k = i
        while k < j:
            atom = atoms[k]
            if isinstance(atom, _Text):
                if atom.key != (fmt_key if fmt is not None else frame):
                    if fmt is not None:
                        b.close(fmt)
                        fmt = fmt_key = None
                    if atom.key != frame:
                        label, title = _describe(atom.key, base)
                        fmt, fmt_key = b.open(label, title, Fmt(atom.rpr)), atom.key
                b.text(atom.text)
            elif isinstance(atom, _Empty):
                if fmt is not None:
                    b.close(fmt)
                    fmt = fmt_key = None
                b.empty(atom.label, atom.title, atom.item)
            elif isinstance(atom, _Open):
                if fmt is not None:
                    b.close(fmt)
                    fmt = fmt_key = None
                end = _matching(atoms, k)
                keys = {a.key for a in atoms[k + 1 : end] if isinstance(a, _Text)}
                inner = keys.pop() if len(keys) == 1 else base
                rpr = next((a.rpr for a in atoms[k + 1 : end]
                            if isinstance(a, _Text) and a.key == inner), None)
                item = atom.item or Wrap(atom.element, rpr, inner != base)
                title = atom.title
                if inner != base:
                    extra = _describe(inner, base)[1]
                    title = f"{title} ({extra})" if title else extra
                tag = b.open(atom.label, title, item)
                self._emit(atoms, k + 1, end, b, base, inner)
                b.close(tag)
                k = end
            k += 1
        if fmt is not None:
            b.close(fmt)


_FIELD = etree.Element("field")  # the element of a complex field's opening (never written)


def _after_note_number(atoms: list[Any], k: int) -> bool:
    """Whether atom ``k`` is a tab right after a note's own number."""
    before = atoms[k - 1] if k else None
    return atoms[k].label == "tab" and isinstance(before, _Empty) and before.mark and \
        before.label == "fn"


def _matching(atoms: list[Any], k: int) -> int:
    depth = 0
    for i in range(k, len(atoms)):
        if isinstance(atoms[i], _Open):
            depth += 1
        elif isinstance(atoms[i], _Close):
            depth -= 1
            if depth == 0:
                return i
    return len(atoms)


def _runs(atoms: list[Any]) -> list[etree._Element]:
    """The distinct runs (or paragraph-level elements) behind atoms, in order."""
    out: list[etree._Element] = []
    for a in atoms:
        if isinstance(a, (_Fld, _Text)):
            elements = [a.run]
        elif isinstance(a, _Empty) and isinstance(a.item, RunChild):
            parent = a.item.child.getparent()
            elements = [parent if parent is not None and parent.tag == W_R else a.item.child]
        elif isinstance(a, _Empty) and isinstance(a.item, Elements):
            elements = list(a.item.elements)
        else:
            elements = []
        for el in elements:
            if not any(el is o for o in out):
                out.append(el)
    return out


@dataclass
class Inline:
    """A paragraph's content as tagged text, with what restores each tag."""

    text: str = ""
    has_text: bool = False
    builder: InlineBuilder = field(default_factory=InlineBuilder)
    base_rpr: etree._Element | None = None
    lead: list[Any] = field(default_factory=list)
    trail: list[Any] = field(default_factory=list)
    pad: tuple[str, str] = ("", "")
    """White space before and after the text (after a note's number, say): kept."""


# ---------------------------------------------------------------------------------------------
# the package: parts, blocks in order


@dataclass
class _Located:
    part: str
    element: etree._Element
    block: Block
    inline: Inline | None = None
    attribute: str | None = None


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

    def _locate(self) -> Iterator[_Located]:
        for part, root in self.parts.items():
            kind = self.labels[part]
            label = "body" if kind == "body" else part.rsplit("/", 1)[-1]
            reader = _Reader(self.rels[part])
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
                            yield _Located(part, el, Block(
                                b.result(), b.tags,
                                f"{label}: {'alt text' if attribute == 'descr' else 'title'} "
                                f"of {what!r}", "alt-text",
                            ), Inline(builder=b), attribute=attribute)
                    continue
                number += 1
                inline = reader.build(el)
                if not inline.has_text:
                    continue
                yield _Located(
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
        directions = _Directions.of(root)
        for part, tree in self.parts.items():
            for p in tree.iter(W_P):
                if p not in english and directions.pin(p):
                    changed.add(part)
        ltr = _ltr_styles(root)
        english_language = _english_default(root)
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
                _rewrite(located, text, rendering, translated, report)
                rewritten.add(located.element)
                if translated:
                    english.add(located.element)
                    ltr_parts.add(located.part)
                    _tables_ltr(located.element)
            changed.add(located.part)
            report.rewritten += 1
        for part in changed:
            _sync_fallbacks(self.parts[part], rewritten)
        for part in ltr_parts:
            if _empty_ltr(self.parts[part], english):
                changed.add(part)
            if self.labels[part] == "body":
                for bidi in list(self.parts[part].iter(w("bidi"), w("rtlGutter"))):
                    parent = bidi.getparent()
                    if parent is not None and local(parent.tag) == "sectPr":
                        parent.remove(bidi)  # right to left, its binding on the right
        body = next((part for part in ltr_parts if self.labels[part] == "body"), None)
        if body is not None and _latin_letters(self.parts[body]):
            changed.add(body)
        styles = self._ltr_styles(english, changed) if ltr_parts else {}
        replaced = {part: xml_bytes(self.parts[part]) for part in changed} | styles
        if ltr_parts and (properties := english_properties(self.pkg, CORE, titles)):
            replaced[CORE] = properties
        for member in (NUMBERING, SETTINGS) if body is not None else ():
            root = readable_part(self.pkg, member)
            if root is not None and _latin_letters(root):
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


def _latin_letters(root: etree._Element) -> bool:
    """Lists, notes and page numbers counted in Arabic letters (``w:numFmt`` or
    ``w:pgNumType/@w:fmt`` ``arabicAlpha``, ``arabicAbjad``: أ، ب) counted in the English's
    (``lowerLetter``); True when one changed."""
    changed = False
    for el in root.iter(w("numFmt"), w("pgNumType")):
        name = w("val") if el.tag == w("numFmt") else w("fmt")
        if el.get(name) in ARABIC_LETTERS:
            el.set(name, "lowerLetter")
            changed = True
    return changed


def _english_default(root: etree._Element) -> bool:
    """Set the default language of the Latin text of ``word/styles.xml`` (``docDefaults``'
    ``w:lang w:val``, which pandoc sets to ``ar`` for an Arabic document: a PDF's language)
    to ``en-US``; the complex-script language, Arabic's, is kept. True when it changed."""
    changed = False
    for defaults in root.iter(w("docDefaults")):
        for lang in defaults.iter(w("lang")):
            if primary_language(lang.get(w("val"))) == "ar":
                lang.set(w("val"), "en-US")
                changed = True
    return changed


def _ltr_styles(root: etree._Element) -> bool:
    """Make the default and named styles of ``word/styles.xml`` left to right: no
    paragraph ``w:bidi``, run ``w:rtl`` or table ``w:bidiVisual`` (a table of contents
    updated in Word or LibreOffice, a paragraph typed later, took them). A style's
    ``w:jc`` is kept: in a right-to-left paragraph Word's ``left`` is its start, as in
    the English. True when one changed."""
    found = [el for holder in (*root.iter(w("docDefaults")), *root.iter(w("style")))
             for el in holder.iter(w("bidi"), w("rtl"), w("bidiVisual"))
             if local(el.getparent().tag) in ("pPr", "rPr", "tblPr")]
    for el in found:
        el.getparent().remove(el)
    return bool(found)


def _on(el: etree._Element | None) -> bool | None:
    """An on/off property's value (None when absent)."""
    if el is None:
        return None
    return el.get(w("val"), "1").lower() not in _OFF


@dataclass
class _Directions:
    """Which paragraphs and runs the styles of ``word/styles.xml`` lay out right to left."""

    styles: dict[str, etree._Element]
    default_paragraph: str | None
    bidi: bool  # docDefaults' paragraph direction
    rtl: bool  # docDefaults' run direction

    @classmethod
    def of(cls, root: etree._Element) -> _Directions:
        styles = {el.get(w("styleId"), ""): el for el in root.iter(w("style"))}
        default = next((sid for sid, el in styles.items()
                        if el.get(w("type")) == "paragraph"
                        and el.get(w("default")) in ("1", "true", "on")), None)
        defaults = root.find(w("docDefaults"))
        bidi = rtl = None
        if defaults is not None:
            bidi = _on(defaults.find(f"{w('pPrDefault')}/{w('pPr')}/{w('bidi')}"))
            rtl = _on(defaults.find(f"{w('rPrDefault')}/{w('rPr')}/{w('rtl')}"))
        return cls(styles, default, bool(bidi), bool(rtl))

    def _styled(self, style: str | None, path: str) -> bool | None:
        """The value of property ``path`` in ``style`` or the styles it is based on."""
        seen: set[str] = set()
        while style is not None and style in self.styles and style not in seen:
            seen.add(style)
            el = self.styles[style]
            value = _on(el.find(path))
            if value is not None:
                return value
            based = el.find(w("basedOn"))
            style = based.get(w("val")) if based is not None else None
        return None

    def pin(self, p: etree._Element) -> bool:
        """Give paragraph ``p``, when it holds Arabic, the right-to-left direction its
        styles gave it and its runs theirs as their own (``w:bidi``, ``w:rtl``); True when
        it changed."""
        runs = list(_own_runs(p))
        if not rtl_spans("".join(t.text or "" for r in runs for t in r.iter(W_T))):
            return False
        ppr = p.find(W_PPR)
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        style = pstyle.get(w("val")) if pstyle is not None else self.default_paragraph
        changed = self._pin_paragraph(p, style)
        rtl_path = f"{w('rPr')}/{w('rtl')}"
        paragraph_rtl = _pick(self._styled(style, rtl_path), self.rtl)
        for run in runs:
            rpr = run.find(W_RPR)
            if rpr is not None and rpr.find(w("rtl")) is not None:
                continue
            rstyle = rpr.find(w("rStyle")) if rpr is not None else None
            own = self._styled(rstyle.get(w("val")), rtl_path) if rstyle is not None else None
            if _pick(own, paragraph_rtl):
                if rpr is None:
                    rpr = etree.Element(W_RPR)
                    run.insert(0, rpr)
                _insert_ordered(rpr, etree.Element(w("rtl")), RPR_ORDER)
                changed = True
        return changed

    def _pin_paragraph(self, p: etree._Element, style: str | None) -> bool:
        """``w:bidi`` in ``p``'s own properties when its style (or the defaults) set it."""
        ppr = p.find(W_PPR)
        if ppr is not None and ppr.find(w("bidi")) is not None:
            return False
        if not _pick(self._styled(style, f"{w('pPr')}/{w('bidi')}"), self.bidi):
            return False
        if ppr is None:
            ppr = etree.Element(W_PPR)
            p.insert(0, ppr)
        _insert_ordered(ppr, etree.Element(w("bidi")), PPR_ORDER)
        return True


def _pick(value: bool | None, otherwise: bool) -> bool:
    return otherwise if value is None else value


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
# rebuilding a paragraph


class _Mover:
    """Live elements go back once; a tag used twice gets a copy."""

    def __init__(self) -> None:
        self.used: set[int] = set()

    def take(self, element: etree._Element) -> etree._Element:
        if id(element) in self.used:
            return copy.deepcopy(element)
        self.used.add(id(element))
        return element


def _insert_ordered(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    name = local(child.tag)
    rank = order.index(name) if name in order else len(order)
    for i, existing in enumerate(parent):
        other = local(existing.tag)
        if other in order and order.index(other) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def _make_english(rpr: etree._Element) -> None:
    """English run properties: complex-script bold, italic and size become the ones English
    text is drawn with (so it looks as the Arabic did); no rtl/cs; ``w:lang`` en-US."""
    if _complex(rpr):
        for cs, plain in COMPLEX.items():
            source = rpr.find(w(cs))
            if source is None:
                continue
            for el in rpr.findall(w(plain)):
                rpr.remove(el)
            _insert_ordered(rpr, etree.Element(w(plain), attrib=dict(source.attrib)), RPR_ORDER)
    for name in ("rtl", "cs"):
        for el in rpr.findall(w(name)):
            rpr.remove(el)
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = etree.Element(w("lang"))
        _insert_ordered(rpr, lang, RPR_ORDER)
    lang.set(w("val"), ENGLISH)


def _run(rpr: etree._Element | None) -> etree._Element:
    """A new run with a copy of ``rpr`` (its properties, if any)."""
    run = etree.Element(W_R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    return run


def _text_run(text: str, rpr: etree._Element | None) -> etree._Element:
    """A new run of ``text`` with a copy of ``rpr``, its spaces kept."""
    run = _run(rpr)
    t = etree.SubElement(run, W_T)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return run


def _rewrite(
    located: _Located, text: str, rendering: Rendering, ltr: bool, report: WriteReport
) -> None:
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
            _insert_ordered(ppr, bidi, PPR_ORDER)
        bidi.set(w("val"), "0")
        mark = ppr.find(W_RPR)
        if mark is not None:
            _make_english(mark)
        for run in list(_own_runs(p)):
            rpr = run.find(W_RPR)
            if rpr is None:
                rpr = etree.Element(W_RPR)
                run.insert(0, rpr)
            _make_english(rpr)
            _label_arabic(run)
        _ltr_wrappers(p)


def _empty_ltr(root: etree._Element, english: set[etree._Element]) -> bool:
    """The empty paragraphs of a part holding English left to right (``w:bidi`` off), but
    for those in a table none of whose paragraphs was translated: a paragraph typed in one
    later, an empty list item's number, were right to left. True when one changed."""
    tables = {table for p in english for table in p.iterancestors(w("tbl"))}
    changed = False
    for p in root.iter(W_P):
        ppr = p.find(W_PPR)
        bidi = ppr.find(w("bidi")) if ppr is not None else None
        if p in english or bidi is None or bidi.get(w("val"), "true") in _OFF or \
                any((t.text or "").strip() for r in _own_runs(p) for t in r.iter(W_T)):
            continue
        table = next(p.iterancestors(w("tbl")), None)
        if table is None or table in tables:
            bidi.set(w("val"), "0")
            changed = True
    return changed


def _ltr_wrappers(p: etree._Element) -> None:
    """Word's direction wrappers (``w:dir``, ``w:bdo`` ``w:val="rtl"``) of a translated
    paragraph say ``ltr``: they held the English right to left. A ``w:bdo`` (an override,
    which would draw Arabic letters backwards) around Arabic left in it is kept."""
    for el in p.iter(w("dir"), w("bdo")):
        if el.get(w("val")) != "rtl":
            continue
        if el.tag == w("bdo") and rtl_spans("".join(t.text or "" for t in el.iter(W_T))):
            continue
        el.set(w("val"), "ltr")


def _label_arabic(run: etree._Element) -> None:
    """Split a run of a translated paragraph whose text holds Arabic (a segment left in
    Arabic by ``--fallback source``, a term quoted in the English) so each Arabic stretch is
    a run of its own labelled Arabic and right to left (``w:rtl``, ``w:lang w:bidi``): it
    was an en-US run, its numbers and stops laid out left to right."""
    parent = run.getparent()
    rpr, texts = run.find(W_RPR), [c for c in run if c.tag != W_RPR]
    if parent is None or len(texts) != 1 or texts[0].tag != W_T:
        return
    text = texts[0].text or ""
    spans = rtl_spans(text)
    if not spans:
        return
    index = parent.index(run)
    parent.remove(run)
    pos = 0
    pieces: list[tuple[str, bool]] = []
    for start, end in spans:
        pieces += [(text[pos:start], False), (text[start:end], True)]
        pos = end
    pieces.append((text[pos:], False))
    for piece, arabic in (p for p in pieces if p[0]):
        new = _text_run(piece, rpr)
        if arabic:
            props = new.find(W_RPR)
            if props is None:
                props = etree.Element(W_RPR)
                new.insert(0, props)
            if props.find(w("rtl")) is None:
                _insert_ordered(props, etree.Element(w("rtl")), RPR_ORDER)
            lang = props.find(w("lang"))
            if lang is None:
                lang = etree.Element(w("lang"))
                _insert_ordered(props, lang, RPR_ORDER)
            lang.set(w("bidi"), ARABIC)
        parent.insert(index, new)
        index += 1


def _own_runs(parent: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph, not those of the text boxes inside it."""
    for child in parent:
        if child.tag == W_R:
            yield child
        elif isinstance(child.tag, str) and local(child.tag) in CONTAINERS | {"sdtContent": 1}:
            yield from _own_runs(child)


def _put_item(parent: etree._Element, item: Any, mover: _Mover) -> None:
    if isinstance(item, RunChild):
        run = _run(item.rpr)
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
                parent.append(_text_run(child, rpr))
            continue
        item = items.get(child.origin)
        if not child.paired:
            if isinstance(item, Literal):
                parent.append(_text_run(item.text, rpr))
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


def _tables_ltr(p: etree._Element) -> None:
    """Tables holding a translated paragraph lose their right-to-left column order."""
    for ancestor in p.iterancestors(w("tbl")):
        tblpr = ancestor.find(w("tblPr"))
        if tblpr is not None:
            for el in tblpr.findall(w("bidiVisual")):
                tblpr.remove(el)


def _sync_fallbacks(root: etree._Element, rewritten: set[etree._Element]) -> None:
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
