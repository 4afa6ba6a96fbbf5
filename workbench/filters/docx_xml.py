"""WordprocessingML for the DOCX filter: its namespaces and tag names, the order of the
property elements' children, and the small tree helpers its reader and writer share (new runs,
a paragraph's own runs, a child put in its place)."""

from __future__ import annotations

import copy
from collections.abc import Iterator

from lxml import etree

from workbench.formats.safexml import local

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


#: Complex-script properties and the ones English text takes: a run of Arabic (``w:rtl`` or
#: ``w:cs`` on) is drawn with ``w:bCs``, ``w:iCs``, ``w:szCs``, which LibreOffice writes alone.
COMPLEX = {"bCs": "b", "iCs": "i", "szCs": "sz"}
OFF = ("0", "false", "off")
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
#: Containers of runs: each becomes a pair around its content.
CONTAINERS = {
    "hyperlink": "link", "fldSimple": "field", "smartTag": "tag", "customXml": "tag",
    "ins": "ins", "moveTo": "ins", "dir": "dir", "bdo": "dir", "sdt": "control",
}


def complex_script(rpr: etree._Element) -> bool:
    """Whether run properties mark complex-script text (``w:rtl`` or ``w:cs`` on)."""
    return any(el.get(w("val"), "true") not in OFF
               for el in (*rpr.findall(w("rtl")), *rpr.findall(w("cs"))))


def insert_ordered(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    """Insert ``child`` into ``parent`` before the first child ``order`` puts after it."""
    name = local(child.tag)
    rank = order.index(name) if name in order else len(order)
    for i, existing in enumerate(parent):
        other = local(existing.tag)
        if other in order and order.index(other) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def new_run(rpr: etree._Element | None) -> etree._Element:
    """A new run with a copy of ``rpr`` (its properties, if any)."""
    run = etree.Element(W_R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    return run


def text_run(text: str, rpr: etree._Element | None) -> etree._Element:
    """A new run of ``text`` with a copy of ``rpr``, its spaces kept."""
    run = new_run(rpr)
    t = etree.SubElement(run, W_T)
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
    return run


def own_runs(parent: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph, not those of the text boxes inside it."""
    for child in parent:
        if child.tag == W_R:
            yield child
        elif isinstance(child.tag, str) and local(child.tag) in CONTAINERS | {"sdtContent": 1}:
            yield from own_runs(child)
