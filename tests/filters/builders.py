"""Client documents built with the libraries made for them (python-docx, odfpy, lxml), for the
filter tests: the kind of file a translator receives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# the Arabic of the test document, paragraph by paragraph
TITLE = "تقرير اللجنة"
INTRO_A = "بدأت الثورة في "
INTRO_BOLD = "بتروغراد"
INTRO_B = " عام ١٩١٧. وانتشرت بسرعة."
LINK_A = "اقرأ "
LINK_TEXT = "المقال الكامل"
LINK_B = " على الموقع."
URL = "https://example.org/article"
FOOTNOTE_A = "هذه جملة مع حاشية"
FOOTNOTE_B = " في نهايتها."
FOOTNOTE_TEXT = "نص الحاشية السفلية."
CELLS = [["العمود الأول", "العمود الثاني"], ["قيمة أولى", "قيمة ثانية"]]
HEADER = "رأس الصفحة"
RTL = "فقرة من اليمين إلى اليسار."
BREAK_A = "السطر الأول"
BREAK_B = "السطر الثاني."


def _rtl(paragraph: docx.text.paragraph.Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))


def _hyperlink(paragraph: docx.text.paragraph.Paragraph, url: str, text: str) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.append(style)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(underline)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _footnote_reference(paragraph: docx.text.paragraph.Paragraph, note_id: int) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    rpr.append(align)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    run._r.append(ref)


FOOTNOTES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
    '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:vertAlign '
    'w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr><w:rtl/></w:rPr>'
    '<w:t xml:space="preserve"> </w:t></w:r><w:r><w:rPr><w:rtl/></w:rPr>'
    f"<w:t>{FOOTNOTE_TEXT}</w:t></w:r></w:p></w:footnote></w:footnotes>"
)


def _add_footnotes(data: bytes) -> bytes:
    """The package with a footnotes part (python-docx writes none), as Word lays it out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                root = etree.fromstring(content)
                override = etree.SubElement(root, f"{{{root.nsmap[None]}}}Override")
                override.set("PartName", "/word/footnotes.xml")
                override.set("ContentType", "application/vnd.openxmlformats-officedocument."
                                            "wordprocessingml.footnotes+xml")
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            elif info.filename == "word/_rels/document.xml.rels":
                root = etree.fromstring(content)
                rel = etree.SubElement(root, f"{{{root.nsmap[None]}}}Relationship")
                rel.set("Id", "rIdFootnotes")
                rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/"
                                "relationships/footnotes")
                rel.set("Target", "footnotes.xml")
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", FOOTNOTES_XML.encode("utf-8"))
    return out.getvalue()


def build_docx(path: Path) -> Path:
    """An Arabic DOCX: a heading, bold inside a sentence, a hyperlink, a footnote reference,
    a table, a header, a right-to-left paragraph and a line break inside a paragraph."""
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    intro = document.add_paragraph(INTRO_A)
    intro.add_run(INTRO_BOLD).bold = True
    intro.add_run(INTRO_B)
    link = document.add_paragraph(LINK_A)
    _hyperlink(link, URL, LINK_TEXT)
    link.add_run(LINK_B)
    note = document.add_paragraph(FOOTNOTE_A)
    _footnote_reference(note, 1)
    note.add_run(FOOTNOTE_B)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(CELLS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    rtl = document.add_paragraph(RTL)
    _rtl(rtl)
    lines = document.add_paragraph(BREAK_A)
    lines.runs[0].add_break(WD_BREAK.LINE)
    lines.add_run(BREAK_B)
    document.sections[0].header.paragraphs[0].text = HEADER
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_add_footnotes(buffer.getvalue()))
    return path


def build_odt(path: Path) -> Path:
    """An Arabic ODT made with odfpy: right-to-left paragraphs, a heading, bold and a link
    inside a sentence, a footnote, a line break, a list, a table and a page header."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        Header,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A as Link
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, Span

    doc = OpenDocumentText()
    layout = PageLayout(name="pm1")
    layout.addElement(PageLayoutProperties(writingmode="rl-tb"))
    doc.automaticstyles.addElement(layout)
    rtl = Style(name="Rtl", family="paragraph")
    rtl.addElement(ParagraphProperties(writingmode="rl-tb", textalign="right"))
    rtl.addElement(TextProperties(languagecomplex="ar", countrycomplex="EG"))
    doc.automaticstyles.addElement(rtl)
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold", fontweightcomplex="bold"))
    doc.automaticstyles.addElement(bold)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    header.addElement(P(stylename=rtl, text=HEADER))
    master.addElement(header)
    doc.masterstyles.addElement(master)

    doc.text.addElement(H(outlinelevel=1, stylename=rtl, text=TITLE))
    intro = P(stylename=rtl, text=INTRO_A)
    intro.addElement(Span(stylename=bold, text=INTRO_BOLD))
    intro.addText(INTRO_B)
    doc.text.addElement(intro)
    link = P(stylename=rtl, text=LINK_A)
    link.addElement(Link(href=URL, type="simple", text=LINK_TEXT))
    link.addText(LINK_B)
    doc.text.addElement(link)
    note = P(stylename=rtl, text=FOOTNOTE_A)
    footnote = Note(id="ftn1", noteclass="footnote")
    footnote.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(stylename=rtl, text=FOOTNOTE_TEXT))
    footnote.addElement(body)
    note.addElement(footnote)
    note.addText(FOOTNOTE_B)
    doc.text.addElement(note)
    lines = P(stylename=rtl, text=BREAK_A)
    lines.addElement(LineBreak())
    lines.addText(BREAK_B)
    doc.text.addElement(lines)
    items = List()
    for text in (CELLS[0][0], CELLS[0][1]):
        item = ListItem()
        item.addElement(P(stylename=rtl, text=text))
        items.addElement(item)
    doc.text.addElement(items)
    table = Table(name="Table1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row_texts in CELLS:
        row = TableRow()
        for text in row_texts:
            cell = TableCell()
            cell.addElement(P(stylename=rtl, text=text))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    doc.save(str(path))
    return path


# a DOCX with what Word writes that python-docx has no API for --------------------------------

NS_DECL = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
RTL_RUN = "<w:rPr><w:rtl/></w:rPr>"
RICH_PARAGRAPHS = [
    # a bookmark at the start, italic inside bold, a tab, a PAGE field with its result
    f'<w:p {NS_DECL}><w:pPr><w:bidi/></w:pPr><w:bookmarkStart w:id="0" w:name="start"/>'
    f'<w:r>{RTL_RUN}<w:t xml:space="preserve">نص </w:t></w:r>'
    '<w:r><w:rPr><w:b/><w:rtl/></w:rPr><w:t xml:space="preserve">عريض </w:t></w:r>'
    '<w:r><w:rPr><w:b/><w:i/><w:rtl/></w:rPr><w:t>ومائل</w:t></w:r>'
    f'<w:r>{RTL_RUN}<w:tab/><w:t xml:space="preserve">صفحة </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>٣</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    f'<w:r>{RTL_RUN}<w:t>.</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>',
    # a text box (Word's mc:AlternateContent: a DrawingML shape and its VML fallback) and an
    # image's alt text
    f'<w:p {NS_DECL}><w:r><w:t xml:space="preserve">قبل الصندوق </w:t></w:r><w:r>'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="5" '
    'name="Text Box 5" descr="صندوق نص"/><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>نص داخل الصندوق.</w:t></w:r></w:p></w:txbxContent>'
    '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
    '<w:t>نص داخل الصندوق.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
    '</mc:Fallback></mc:AlternateContent></w:r>'
    '<w:r><w:t xml:space="preserve"> بعد الصندوق.</w:t></w:r></w:p>',
]


def build_docx_rich(path: Path) -> Path:
    """An Arabic DOCX holding a bookmark, nested bold/italic, a tab, a PAGE field, a text box
    with its VML fallback and alt text, in a right-to-left section with a right-to-left
    table."""
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    for xml in RICH_PARAGRAPHS:
        sect.addprevious(parse_xml(xml))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "يمين"
    table.cell(0, 1).text = "يسار"
    table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    sect.append(OxmlElement("w:bidi"))
    document.save(str(path))
    return path
