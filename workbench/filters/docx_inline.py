"""DOCX paragraphs read into tagged text: runs, containers and fields flattened into atoms,
then built into text with placeholders (see :mod:`workbench.filters.docx`), each tag keeping
what restores it on writing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from workbench.filters.docx_xml import (
    COMPLEX,
    CONTAINERS,
    W_R,
    W_RPR,
    M,
    R,
    W,
    complex_script,
    w,
)
from workbench.filters.inline import InlineBuilder
from workbench.filters.model import Block
from workbench.formats.safexml import local, namespace

#: Run properties that say how the script is written, not how the text looks; and the
#: character spacing and scaling by which a PDF converted to Word (Acrobat, ABBYY) fits each
#: line of the Arabic's glyphs, different in each run.
SCRIPT_ONLY = frozenset({
    "rtl", "cs", "lang", "rFonts", "noProof", "bCs", "iCs", "szCs", "webHidden", "rPrChange",
    "kern", "spacing", "w",
})
#: Paragraph-level elements that mark a place and carry no text.
MARKS = frozenset({
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
})
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


def _key(rpr: etree._Element | None) -> tuple[Any, ...]:
    """A run's visible formatting: for complex-script text, bold, italic and size are those
    of ``w:bCs``, ``w:iCs``, ``w:szCs`` where it has them."""
    if rpr is None:
        return ()
    complex_ = complex_script(rpr)
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


class ParagraphReader:
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


@dataclass
class Located:
    """A block where it is: its part, its element (a paragraph, or the drawing whose
    ``attribute`` it is) and its inline content."""

    part: str
    element: etree._Element
    block: Block
    inline: Inline | None = None
    attribute: str | None = None
