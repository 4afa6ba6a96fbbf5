"""DOCX: a bilingual review table for Word and LibreOffice.

Landscape A4, a title, a legend, and a table (number, Arabic, English, status, findings and
comments) whose header row repeats on every page and whose rows do not break across pages
(``w:cantSplit``: a segment's Arabic and English stay on one page, as the HTML page prints
them; Word and LibreOffice still break a row taller than a page). Arabic paragraphs are
right-to-left (``w:bidi``) and their runs ``w:rtl`` in an Arabic-capable font (Arial, also as
the complex script font); glossary terms in the Arabic are highlighted, and its inline tags
(``<1>``, ``</1>``, ``<2/>``) isolated left-to-right so that they are not shown mirrored.

The document skeleton (styles, page setup, title, legend, the empty table) comes from
python-docx; the table's rows are streamed into ``word/document.xml`` as WordprocessingML text,
one row at a time (building an element per run cost about 20 s CPU at 100,000 rows), with
every piece of text escaped and the characters XML cannot carry dropped.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

from workbench.formats import xmlout
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
NOTE_COLOR = {"finding": "8A1F11", "comment": "1D3F72", "lqa": "6A1B9A"}
#: zlib level of the parts: 1 compresses a large table about as well as the default 6
#: (repetitive markup) in a fraction of the time.
COMPRESSION = 1
_DOCUMENT = "word/document.xml"
_TABLE_END = b"</w:tbl>"


def _text(value: str) -> str:
    """``value`` as the content of ``w:t`` (escaped as lxml would, ``\\r`` as a reference)."""
    value = xmlout.text(value)
    return value.replace("\r", "&#13;") if "\r" in value else value


def _paragraph(*, rtl: bool) -> str:
    bidi = "<w:bidi/>" if rtl else ""
    return f'<w:p><w:pPr>{bidi}<w:spacing w:before="0" w:after="60"/></w:pPr>'


_P_LTR = _paragraph(rtl=False)
_P_RTL = _paragraph(rtl=True)
_EMPTY_P = _P_LTR + "</w:p>"


def _run_start(
    *, rtl: bool = False, bold: bool = False, highlight: str | None = None,
    size: int | None = None, color: str | None = None,
) -> str:
    """A run's start and properties, up to the opening of its text."""
    parts = ["<w:r><w:rPr>"]
    if rtl:
        parts.append(
            f'<w:rFonts w:ascii="{ARABIC_FONT}" w:hAnsi="{ARABIC_FONT}" w:cs="{ARABIC_FONT}" '
            'w:hint="cs"/>'
        )
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size + 2 if rtl else size}"/>')
    if highlight:
        parts.append(f'<w:highlight w:val="{highlight}"/>')
    if rtl:
        parts.append('<w:rtl/><w:lang w:val="ar-SA" w:bidi="ar-SA"/>')
    else:
        parts.append('<w:lang w:val="en-GB"/>')
    parts.append('</w:rPr><w:t xml:space="preserve">')
    return "".join(parts)


_RUN_END = "</w:t></w:r>"


def _cell(width: int, fill: str | None = None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'


# The constant pieces of a row, built once.
_ROW_PROPERTIES = "<w:trPr><w:cantSplit/></w:trPr>"
_NUMBER = _cell(WIDTHS[0]) + _P_LTR + _run_start(size=18, color="555555")
_ARABIC = _cell(WIDTHS[1]) + _P_RTL
_AR_PLAIN = _run_start(rtl=True, size=22)
_AR_TERM = _run_start(rtl=True, size=22, highlight="yellow")
_ENGLISH = _cell(WIDTHS[2]) + _P_LTR
_EN_TEXT = _run_start(size=20)
_EN_NONE = _run_start(size=18, color="999999") + "(no English)" + _RUN_END
_STATUS = {
    status: (
        _cell(WIDTHS[3], STATUS_FILL.get(status)) + _P_LTR
        + _run_start(size=18, bold=status == "approved")
    )
    for status in STATUSES
}
_NOTES = _cell(WIDTHS[4])
_NOTE = {kind: _P_LTR + _run_start(size=16, color=color) for kind, color in NOTE_COLOR.items()}
_END = _RUN_END + "</w:p></w:tc>"


def _row(unit: Unit) -> str:
    """One table row of ``unit`` as WordprocessingML text."""
    arabic = "".join(
        (_AR_TERM if term else _AR_PLAIN) + _text(isolate_tags(text)) + _RUN_END
        for text, term in source_pieces(unit) or [("", None)]
    )
    english = _EN_TEXT + _text(unit.target) + _RUN_END if unit.target else _EN_NONE
    status = _STATUS.get(unit.status) or (
        _cell(WIDTHS[3], STATUS_FILL.get(unit.status)) + _P_LTR + _run_start(size=18)
    )
    lines = [_NOTE["finding"] + _text(f) for f in unit.findings]
    lines += [_NOTE["comment"] + _text(n) for n in unit.notes]
    lines += [_NOTE["lqa"] + _text(e) for e in unit.lqa]
    notes = (_RUN_END + "</w:p>").join(lines) + _RUN_END + "</w:p>" if lines else _EMPTY_P
    return (
        f"<w:tr>{_ROW_PROPERTIES}{_NUMBER}{unit.numbers}{_END}{_ARABIC}{arabic}</w:p></w:tc>"
        f"{_ENGLISH}{english}</w:p></w:tc>{status}{_text(unit.status)}{_END}"
        f"{_NOTES}{notes}</w:tc></w:tr>"
    )


def _header_row() -> str:
    cells = "".join(
        _cell(width, "E5E9F0") + _P_LTR + _run_start(bold=True, size=20) + _text(heading) + _END
        for heading, width in zip(HEADINGS, WIDTHS, strict=True)
    )
    return f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>"


def _skeleton(header: ExportHeader) -> bytes:
    """The document without table rows, as python-docx saves it."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

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
    for gridcol, width in zip(
        table._tbl.tblGrid.iterchildren(qn("w:gridCol")), WIDTHS, strict=True
    ):
        gridcol.set(qn("w:w"), str(width))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write_document(part: BinaryIO, skeleton: bytes, units: Iterable[Unit]) -> int:
    """Stream ``word/document.xml``: the skeleton's, with the rows at the end of its table."""
    cut = skeleton.rindex(_TABLE_END)
    part.write(skeleton[:cut])
    writer = xmlout.Writer(part, 1 << 18)
    writer.write(_header_row())
    count = 0
    for unit in units:
        writer.write(_row(unit))
        count += 1
    writer.flush()
    part.write(skeleton[cut:])
    return count


def write_docx(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write the bilingual review document; return how many rows the table has."""
    with (
        zipfile.ZipFile(io.BytesIO(_skeleton(header))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as target,
    ):
        count = 0
        for name in source.namelist():
            if name == _DOCUMENT:
                with target.open(name, "w") as part:
                    count = _write_document(part, source.read(name), units)  # type: ignore[arg-type]
            else:
                target.writestr(name, source.read(name))
    return count
