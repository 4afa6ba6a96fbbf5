"""The DOCX writer before the streaming one (python-docx elements per run), kept as the reference
that tests/formats/test_docx_writer.py compares the streaming writer with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from workbench.formats.model import STATUS_MEANING, ExportHeader, Unit, source_pieces
from workbench.statuses import STATUSES
from workbench.text.tags import isolate_tags

ARABIC_FONT = "Arial"
LATIN_FONT = "Calibri"
#: Column widths in twentieths of a point (A4 landscape, 1.5 cm margins: 15138 twips).
WIDTHS = (700, 5250, 5250, 1250, 2688)
HEADINGS = ("#", "Arabic", "English", "Status", "Findings and comments")
STATUS_FILL = {
    "new": "F2F2F2", "draft": "FFE9C7", "translated": "DCECFF", "reviewed": "DFF3DC",
    "approved": "BFE8B8",
}


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def _paragraph(cell: etree._Element, *, rtl: bool) -> etree._Element:
    p = _el(cell, "w:p")
    ppr = _el(p, "w:pPr")
    if rtl:
        _el(ppr, "w:bidi")
    _el(ppr, "w:spacing", before="0", after="60")
    return p


def _run(
    p: etree._Element, text: str, *, rtl: bool = False, bold: bool = False,
    highlight: str | None = None, size: int | None = None, color: str | None = None,
) -> None:
    r = _el(p, "w:r")
    rpr = _el(r, "w:rPr")
    if rtl:
        _el(rpr, "w:rFonts", ascii=ARABIC_FONT, hAnsi=ARABIC_FONT, cs=ARABIC_FONT, hint="cs")
    if bold:
        _el(rpr, "w:b")
        _el(rpr, "w:bCs")
    if color:
        _el(rpr, "w:color", val=color)
    if size:
        _el(rpr, "w:sz", val=str(size))
        _el(rpr, "w:szCs", val=str(size + 2 if rtl else size))
    if highlight:
        _el(rpr, "w:highlight", val=highlight)
    if rtl:
        _el(rpr, "w:rtl")
        _el(rpr, "w:lang", val="ar-SA", bidi="ar-SA")
    else:
        _el(rpr, "w:lang", val="en-GB")
    t = _el(r, "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text


def _cell(tr: etree._Element, width: int, fill: str | None = None) -> etree._Element:
    tc = _el(tr, "w:tc")
    tcpr = _el(tc, "w:tcPr")
    _el(tcpr, "w:tcW", w=str(width), type="dxa")
    if fill:
        _el(tcpr, "w:shd", val="clear", color="auto", fill=fill)
    return tc


def _arabic(tc: etree._Element, unit: Unit) -> None:
    p = _paragraph(tc, rtl=True)
    for text, term in source_pieces(unit) or [("", None)]:
        _run(p, isolate_tags(text), rtl=True, size=22, highlight="yellow" if term else None)


def _row(tbl: etree._Element, unit: Unit) -> None:
    tr = _el(tbl, "w:tr")
    _el(_el(tr, "w:trPr"), "w:cantSplit")
    _run(_paragraph(_cell(tr, WIDTHS[0]), rtl=False), unit.numbers, size=18, color="555555")
    _arabic(_cell(tr, WIDTHS[1]), unit)
    english = _paragraph(_cell(tr, WIDTHS[2]), rtl=False)
    if unit.target:
        _run(english, unit.target, size=20)
    else:
        _run(english, "(no English)", size=18, color="999999")
    status = _cell(tr, WIDTHS[3], STATUS_FILL.get(unit.status))
    _run(_paragraph(status, rtl=False), unit.status, size=18, bold=unit.status == "approved")
    notes = _cell(tr, WIDTHS[4])
    lines = [("finding", f) for f in unit.findings] + [("comment", n) for n in unit.notes]
    lines += [("lqa", e) for e in unit.lqa]
    if not lines:
        _paragraph(notes, rtl=False)
    for kind, line in lines:
        _run(
            _paragraph(notes, rtl=False), line, size=16,
            color={"finding": "8A1F11", "lqa": "6A1B9A"}.get(kind, "1D3F72"),
        )


def _header_row(tbl: etree._Element) -> None:
    tr = _el(tbl, "w:tr")
    trpr = _el(tr, "w:trPr")
    _el(trpr, "w:tblHeader")
    for heading, width in zip(HEADINGS, WIDTHS, strict=True):
        tc = _cell(tr, width, "E5E9F0")
        _run(_paragraph(tc, rtl=False), heading, bold=True, size=20)


def write_docx(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write the bilingual review document; return how many rows the table has."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), ARABIC_FONT)
    props = doc.core_properties
    props.title = f"{header.document} — Arabic–English review"
    props.subject = f"{header.document} ({header.version})"
    props.author = header.tool
    props.comments = f"workbench-document-key: {header.document_key}"
    props.language = "en-GB"

    doc.add_heading(f"{header.document} — Arabic–English review", level=0)
    doc.add_paragraph(
        f"Project {header.project} · document {header.document} · version {header.version} · "
        f"exported {header.created} by {header.tool} {header.tool_version}"
    )
    doc.add_heading("Legend", level=2)
    legend = doc.add_paragraph()
    legend.add_run("Columns: ").bold = True
    legend.add_run(
        "# is the segment number (7\u201310: segments 7 to 10, joined by an alignment link in "
        "one row); Arabic is the source (right to left); English is the "
        "translation; Status is the segment's state; Findings and comments lists QA and glossary "
        "findings (red), comments (blue) and reviewers' LQA errors (purple, 'LQA: severity "
        "category'). Highlighted Arabic words are glossary terms."
    )
    statuses = doc.add_paragraph()
    statuses.add_run("Statuses: ").bold = True
    statuses.add_run("; ".join(f"{s} — {STATUS_MEANING[s]}" for s in STATUSES) + ".")

    table = doc.add_table(rows=0, cols=len(WIDTHS))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    tbl = table._tbl
    for gridcol, width in zip(tbl.tblGrid.iterchildren(qn("w:gridCol")), WIDTHS, strict=True):
        gridcol.set(qn("w:w"), str(width))
    _header_row(tbl)
    count = 0
    for unit in units:
        _row(tbl, unit)
        count += 1
    doc.save(out)
    return count
