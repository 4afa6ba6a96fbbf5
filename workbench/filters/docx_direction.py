"""The direction of a translated DOCX: paragraphs, runs, tables and styles made left to right
and English, Arabic left in the English labelled right to left, and what the styles laid out
right to left pinned on the paragraphs and runs left in Arabic."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from workbench.filters.docx_xml import (
    COMPLEX,
    OFF,
    PPR_ORDER,
    RPR_ORDER,
    W_P,
    W_PPR,
    W_RPR,
    W_T,
    complex_script,
    insert_ordered,
    own_runs,
    text_run,
    w,
)
from workbench.formats.model import primary_language
from workbench.formats.safexml import local
from workbench.text.bidi import rtl_spans

#: Number formats counting in Arabic letters (أ، ب، ت and أ، ب، ج).
ARABIC_LETTERS = frozenset({"arabicAlpha", "arabicAbjad"})
ENGLISH = "en-US"
ARABIC = "ar-SA"
"""The complex-script language of Arabic left in a translated paragraph (``w:lang w:bidi``)."""


def latin_letters(root: etree._Element) -> bool:
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


def english_default(root: etree._Element) -> bool:
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


def ltr_styles(root: etree._Element) -> bool:
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
    return el.get(w("val"), "1").lower() not in OFF


@dataclass
class Directions:
    """Which paragraphs and runs the styles of ``word/styles.xml`` lay out right to left."""

    styles: dict[str, etree._Element]
    default_paragraph: str | None
    bidi: bool  # docDefaults' paragraph direction
    rtl: bool  # docDefaults' run direction

    @classmethod
    def of(cls, root: etree._Element) -> Directions:
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
        runs = list(own_runs(p))
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
                insert_ordered(rpr, etree.Element(w("rtl")), RPR_ORDER)
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
        insert_ordered(ppr, etree.Element(w("bidi")), PPR_ORDER)
        return True


def _pick(value: bool | None, otherwise: bool) -> bool:
    return otherwise if value is None else value


def make_english(rpr: etree._Element) -> None:
    """English run properties: complex-script bold, italic and size become the ones English
    text is drawn with (so it looks as the Arabic did); no rtl/cs; ``w:lang`` en-US."""
    if complex_script(rpr):
        for cs, plain in COMPLEX.items():
            source = rpr.find(w(cs))
            if source is None:
                continue
            for el in rpr.findall(w(plain)):
                rpr.remove(el)
            insert_ordered(rpr, etree.Element(w(plain), attrib=dict(source.attrib)), RPR_ORDER)
    for name in ("rtl", "cs"):
        for el in rpr.findall(w(name)):
            rpr.remove(el)
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = etree.Element(w("lang"))
        insert_ordered(rpr, lang, RPR_ORDER)
    lang.set(w("val"), ENGLISH)


def empty_ltr(root: etree._Element, english: set[etree._Element]) -> bool:
    """The empty paragraphs of a part holding English left to right (``w:bidi`` off), but
    for those in a table none of whose paragraphs was translated: a paragraph typed in one
    later, an empty list item's number, were right to left. True when one changed."""
    tables = {table for p in english for table in p.iterancestors(w("tbl"))}
    changed = False
    for p in root.iter(W_P):
        ppr = p.find(W_PPR)
        bidi = ppr.find(w("bidi")) if ppr is not None else None
        if p in english or bidi is None or bidi.get(w("val"), "true") in OFF or \
                any((t.text or "").strip() for r in own_runs(p) for t in r.iter(W_T)):
            continue
        table = next(p.iterancestors(w("tbl")), None)
        if table is None or table in tables:
            bidi.set(w("val"), "0")
            changed = True
    return changed


def ltr_wrappers(p: etree._Element) -> None:
    """Word's direction wrappers (``w:dir``, ``w:bdo`` ``w:val="rtl"``) of a translated
    paragraph say ``ltr``: they held the English right to left. A ``w:bdo`` (an override,
    which would draw Arabic letters backwards) around Arabic left in it is kept."""
    for el in p.iter(w("dir"), w("bdo")):
        if el.get(w("val")) != "rtl":
            continue
        if el.tag == w("bdo") and rtl_spans("".join(t.text or "" for t in el.iter(W_T))):
            continue
        el.set(w("val"), "ltr")


def label_arabic(run: etree._Element) -> None:
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
        new = text_run(piece, rpr)
        if arabic:
            props = new.find(W_RPR)
            if props is None:
                props = etree.Element(W_RPR)
                new.insert(0, props)
            if props.find(w("rtl")) is None:
                insert_ordered(props, etree.Element(w("rtl")), RPR_ORDER)
            lang = props.find(w("lang"))
            if lang is None:
                lang = etree.Element(w("lang"))
                insert_ordered(props, lang, RPR_ORDER)
            lang.set(w("bidi"), ARABIC)
        parent.insert(index, new)
        index += 1


def tables_ltr(p: etree._Element) -> None:
    """Tables holding a translated paragraph lose their right-to-left column order."""
    for ancestor in p.iterancestors(w("tbl")):
        tblpr = ancestor.find(w("tblPr"))
        if tblpr is not None:
            for el in tblpr.findall(w("bidiVisual")):
                tblpr.remove(el)
