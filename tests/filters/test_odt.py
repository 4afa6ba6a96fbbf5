"""ODT in, translated ODT out: a document built with odfpy, imported, translated through the
service, exported as 'original' and read back with odfpy and lxml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from tests.filters import builders as B
from tests.filters.readback import c14n, members
from workbench.project import Project

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"


def t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


def s(name: str) -> str:
    return f"{{{STYLE}}}{name}"


ARABIC = [
    B.TITLE,
    "بدأت الثورة في <1>بتروغراد</1> عام ١٩١٧.", "وانتشرت بسرعة.",
    "اقرأ <1>المقال الكامل</1> على الموقع.",
    "هذه جملة مع حاشية<1/> في نهايتها.",
    B.FOOTNOTE_TEXT,
    "السطر الأول<1/>السطر الثاني.",
    "العمود الأول", "العمود الثاني",  # the list
    "العمود الأول", "العمود الثاني", "قيمة أولى", "قيمة ثانية",  # the table
    B.HEADER,
]
ENGLISH = {
    1: "Report of the committee",
    2: "The revolution began in <1>Petrograd</1> in 1917.",
    3: "It spread quickly.",
    4: "Read <1>the full article</1> on the site.",
    5: "This sentence has a footnote<1/> at its end.",
    6: "The footnote text.",
    7: "The first line<1/>the second line.",
    8: "First item",
    10: "First column",
    14: "Page header",
}


@pytest.fixture
def doc(tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    source = B.build_odt(tmp_path / "report.odt")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        report = project.sources.import_file(source)
        assert report.format == "odt"
        yield project, source


def _content(path: Path, name: str = "content.xml") -> etree._Element:
    return etree.fromstring(members(path)[name])


def _package(path: Path, content: str) -> Path:
    """A minimal ODT: its mimetype and ``content``."""
    import zipfile

    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
    return path


def _exported(source: Path, *english: str | None) -> Path:
    """``source`` imported into a new project beside it, its segments confirmed in order with
    ``english`` (None: left untranslated), exported as ``original`` to NAME.en.odt."""
    with Project.open(source.parent / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments(source.stem, limit=len(english) + 10)
        for segment, text in zip(segments, english, strict=False):
            if text is not None:
                project.confirm(segment.id, text)
        return project.export_file("original", source.with_suffix(".en.odt")).path


def test_the_import_finds_every_paragraph(doc: tuple) -> None:
    project, _ = doc
    segments = project.segments("report", limit=100)
    assert [x.source for x in segments] == ARABIC
    tags = project.sources.segment_tags(segments[1].id)
    assert [(x.label, x.title) for x in tags.values()] == [("b", "bold")]
    assert project.sources.segment_tags(segments[4].id)[1].title == "footnote 1"
    kinds = [project.sources.block(x.id)["kind"] for x in segments]
    assert kinds[0] == "heading" and kinds[5] == "footnote" and kinds[7] == "list-item"
    assert kinds[9] == "cell" and kinds[13] == "header"
    assert project.sources.block(segments[9].id)["place"] == \
        "body table 'Table1' row 1 cell 1 p9"


def test_the_translated_document_reads_back_with_odfpy(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    segments = project.segments("report", limit=100)
    for number, text in ENGLISH.items():
        project.confirm(segments[number - 1].id, text)
    out = project.export_file("original", tmp_path / "report.en.odt").path
    document = load(str(out))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    assert headings == ["Report of the committee"]
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(P)]
    assert "The revolution began in Petrograd in 1917. It spread quickly." in paragraphs
    assert "Read the full article on the site." in paragraphs
    assert "The footnote text." in paragraphs and "Page header" in paragraphs
    assert "قيمة ثانية" in paragraphs and "First column" in paragraphs  # untranslated: Arabic
    content = _content(out)
    intro = next(p for p in content.iter(t("p"))
                 if "".join(p.itertext()).startswith("The revolution"))
    span = intro.find(t("span"))
    assert span.text == "Petrograd" and span.get(t("style-name")) == "Bold"
    link = next(content.iter(t("a")))
    assert link.get(f"{{{XLINK}}}href") == B.URL and link.text == "the full article"
    note = next(content.iter(t("note")))
    assert note.getparent().text == "This sentence has a footnote" and \
        note.tail == " at its end."
    assert next(content.iter(t("line-break"))).tail == "the second line."
    # the English paragraphs are left-to-right and English through their automatic style
    style_name = intro.get(t("style-name"))
    style = next(x for x in content.iter(s("style")) if x.get(s("name")) == style_name)
    assert style.find(s("paragraph-properties")).get(s("writing-mode")) == "lr-tb"
    assert style.find(s("text-properties")).get(f"{{{FO}}}language") == "en"
    untouched = next(p for p in content.iter(t("p")) if "".join(p.itertext()) == "قيمة ثانية")
    assert untouched.get(t("style-name")) == "Rtl"
    styles = _content(out, "styles.xml")
    layout = next(styles.iter(s("page-layout-properties")))
    assert layout.get(s("writing-mode")) == "lr-tb"


def test_imported_and_exported_without_translation_is_the_same_document(
    doc: tuple, tmp_path: Path
) -> None:
    project, source = doc
    out = project.export_file("original", tmp_path / "same.odt").path
    before, after = members(source), members(out)
    assert list(before) == list(after) and next(iter(after)) == "mimetype"
    assert all(before[n] == after[n] for n in before)


def test_rebuilt_paragraphs_are_the_same_xml(doc: tuple, tmp_path: Path) -> None:
    """Every paragraph rebuilt from its segments, the Arabic as the translation: the same
    spans, link, note and break (the styles aside, which turn left-to-right)."""
    project, source = doc
    for segment in project.segments("report", limit=100):
        project.save_draft(segment.id, segment.source)
    out = project.export_file("original", tmp_path / "rebuilt.odt").path

    def paragraphs(path: Path) -> list[bytes]:
        root = _content(path)
        out = []
        for p in root.iter(t("p"), t("h")):
            copy = etree.fromstring(etree.tostring(p))
            for el in copy.iter():
                el.attrib.pop(t("style-name"), None) if el.tag in (t("p"), t("h")) else None
            out.append(c14n(etree.tostring(copy)))
        return out

    assert paragraphs(out) == paragraphs(source)


def _complex_bold_odt(path: Path) -> Path:
    """Two Arabic paragraphs with a word in complex-script bold only, as LibreOffice writes
    the bold of Arabic text."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import Span

    doc = OpenDocumentText()
    bold = Style(name="T1", family="text")
    bold.addElement(TextProperties(fontweightcomplex="bold"))
    doc.automaticstyles.addElement(bold)
    for before, word in (("نص ", "عريض"), ("نص آخر ", "غامق")):
        p = P(text=before)
        p.addElement(Span(stylename=bold, text=word))
        p.addText(".")
        doc.text.addElement(p)
    doc.save(str(path))
    return path


def test_complex_script_bold_of_a_span_is_bold_in_the_english(tmp_path: Path) -> None:
    source = _complex_bold_odt(tmp_path / "lo.odt")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("lo", limit=10)[0]
        assert first.source == "نص <1>عريض</1>."
        assert project.sources.segment_tags(first.id)[1].label == "b"
        project.confirm(first.id, "Text in <1>bold</1>.")
        out = project.export_file("original", tmp_path / "lo.en.odt").path
    root = _content(out)
    styles = {st.get(s("name")): st.find(s("text-properties"))
              for st in root.iter(s("style")) if st.get(s("family")) == "text"}
    english, arabic = [p.find(t("span")).get(t("style-name")) for p in root.iter(t("p"))]
    assert styles[english].get(f"{{{FO}}}font-weight") == "bold"
    assert arabic == "T1" and styles["T1"].get(f"{{{FO}}}font-weight") is None


def test_a_document_exported_and_imported_again_gets_new_style_names(tmp_path: Path) -> None:
    """The second round's English styles must not take the names of the first's (two
    ``WbEnglish1`` make an invalid document whose paragraphs take either style)."""
    source = _complex_bold_odt(tmp_path / "lo.odt")
    half = tmp_path / "half.odt"
    for round_, (path, out) in enumerate(((source, half), (half, tmp_path / "whole.odt"))):
        with Project.open(tmp_path / f"p{round_}.db", create=True, author="tester") as project:
            project.sources.import_file(path)
            segment = project.segments(path.stem, limit=10)[round_]
            project.confirm(segment.id, "Text in <1>bold</1>.")
            project.export_file("original", out)
    names = [(st.get(s("family")), st.get(s("name")))
             for st in _content(tmp_path / "whole.odt").iter(s("style"))]
    assert len(names) == len(set(names))
    assert {"WbEnglish1", "WbEnglish2", "WbEnglishT1", "WbEnglishT2"} <= {n for _, n in names}


def test_a_right_to_left_paragraphs_start_and_end_are_mirrored(tmp_path: Path) -> None:
    """LibreOffice writes a right-aligned Arabic paragraph as ``fo:text-align="end"`` and
    draws it on the right: the English paragraph says ``start`` (it came out right-aligned),
    from its automatic style or its named style's."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style

    doc = OpenDocumentText()
    named = Style(name="ArabicBody", family="paragraph")
    named.addElement(ParagraphProperties(writingmode="rl-tb", textalign="end"))
    doc.styles.addElement(named)
    auto = Style(name="P1", family="paragraph", parentstylename="Standard")
    auto.addElement(ParagraphProperties(writingmode="rl-tb", textalign="end"))
    doc.automaticstyles.addElement(auto)
    doc.text.addElement(P(stylename=named, text="فقرة أولى."))
    doc.text.addElement(P(stylename=auto, text="فقرة ثانية."))
    source = tmp_path / "aligned.odt"
    doc.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        for segment, text in zip(project.segments("aligned", limit=10),
                                 ("First paragraph.", "Second paragraph."), strict=True):
            project.confirm(segment.id, text)
        out = project.export_file("original", tmp_path / "aligned.en.odt").path
    root = _content(out)
    styles = {st.get(s("name")): st.find(s("paragraph-properties"))
              for st in root.iter(s("style"))}
    props = [styles[p.get(t("style-name"))] for p in root.iter(t("p"))]
    assert [(p.get(s("writing-mode")), p.get(f"{{{FO}}}text-align")) for p in props] == [
        ("lr-tb", "start"), ("lr-tb", "start"),
    ]


def test_a_right_to_left_tables_cells_turn_left_to_right(tmp_path: Path) -> None:
    """LibreOffice's ODT of a Word table in right-to-left column order says ``rl-tb`` on the
    table's style and on every cell's, and orders the columns by the cells': the English
    table kept its columns right to left when only the table's style was changed."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TableCellProperties, TableProperties
    from odf.table import Table, TableCell, TableColumn, TableRow

    doc = OpenDocumentText()
    table_style = Style(name="Table1", family="table")
    table_style.addElement(TableProperties(writingmode="rl-tb", width="6in"))
    doc.automaticstyles.addElement(table_style)
    cell_style = Style(name="Table1.A1", family="table-cell")
    cell_style.addElement(TableCellProperties(writingmode="rl-tb"))
    doc.automaticstyles.addElement(cell_style)
    other = Style(name="Table2.A1", family="table-cell")  # a table left in Arabic
    other.addElement(TableCellProperties(writingmode="rl-tb"))
    doc.automaticstyles.addElement(other)
    for name, style in (("Table1", cell_style), ("Table2", other)):
        table = Table(name=name, stylename=table_style if name == "Table1" else None)
        table.addElement(TableColumn(numbercolumnsrepeated=2))
        row = TableRow()
        for text in ("الأول", "الثاني"):
            cell = TableCell(stylename=style)
            cell.addElement(P(text=f"{text} {'أب'[int(name[-1]) - 1]}"))
            row.addElement(cell)
        table.addElement(row)
        doc.text.addElement(table)
    source = tmp_path / "table.odt"
    doc.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        project.confirm(project.segments("table", limit=10)[0].id, "First")
        out = project.export_file("original", tmp_path / "table.en.odt").path
    modes = {st.get(s("name")): prop.get(s("writing-mode")) for st in _content(out).iter(s("style"))
             if st.get(s("family")).startswith("table") for prop in st}
    assert modes == {"Table1": "lr-tb", "Table1.A1": "lr-tb", "Table2.A1": "rl-tb"}


def test_content_controls_and_input_fields_are_translated(tmp_path: Path) -> None:
    """LibreOffice writes a Word content control as ``loext:content-control`` (inline) or a
    ``text:text-input`` field (a whole paragraph's): their text, which the page shows, was an
    empty tag, never translated."""
    import zipfile

    from odf.opendocument import OpenDocumentText

    doc = OpenDocumentText()
    doc.text.addElement(P(text="CONTROL"))
    doc.text.addElement(P(text="INPUT"))
    plain = tmp_path / "plain.odt"
    doc.save(str(plain))
    loext = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
    source = tmp_path / "controls.odt"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "content.xml":
                data = data.replace(b"<office:document-content ", (
                    f'<office:document-content xmlns:loext="{loext}" ').encode(), 1)
                data = data.replace(b">CONTROL<", (
                    ">الاسم: <loext:content-control>أحمد علي</loext:content-control> من القاهرة.<"
                ).encode())
                data = data.replace(b">INPUT<", (
                    '><text:text-input text:description="">فقرة في حقل.</text:text-input><'
                ).encode())
            zout.writestr(item, data)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("controls", limit=10)
        assert [seg.source for seg in segments] == [
            "الاسم: <1>أحمد علي</1> من القاهرة.", "<1>فقرة في حقل.</1>",
        ]
        project.confirm(segments[0].id, "Name: <1>Ahmed Ali</1> from Cairo.")
        project.confirm(segments[1].id, "<1>A paragraph in a field.</1>")
        out = project.export_file("original", tmp_path / "controls.en.odt").path
    control, field = (el for el in _content(out).iter()
                      if el.tag in (f"{{{loext}}}content-control", t("text-input")))
    assert (control.text, field.text) == ("Ahmed Ali", "A paragraph in a field.")
    assert control.getparent().text == "Name: " and control.tail == " from Cairo."


def _bookmarked_heading():  # type: ignore[no-untyped-def]
    """A document whose heading has a bookmark around it, as pandoc and LibreOffice write it."""
    from odf.opendocument import OpenDocumentText
    from odf.text import BookmarkEnd, BookmarkStart

    doc = OpenDocumentText()
    heading = H(outlinelevel=1)
    heading.addElement(BookmarkStart(name="intro"))
    heading.addText("المقدمة")
    heading.addElement(BookmarkEnd(name="intro"))
    doc.text.addElement(heading)
    return doc


def test_bookmarks_at_a_paragraphs_edges_stay_outside_its_text(tmp_path: Path) -> None:
    """pandoc and LibreOffice put a bookmark around each heading: the heading was
    '<1/>مقدمة<2/>' for the translator, and English without the tags moved the start to the
    end. Marks at the edges stay where they are; one inside the text is still a tag."""
    from odf.text import BookmarkStart

    doc = _bookmarked_heading()
    p = P(text="نص ")
    p.addElement(BookmarkStart(name="middle"))
    p.addText("في الوسط.")
    doc.text.addElement(p)
    source = tmp_path / "marks.odt"
    doc.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("marks", limit=10)
        assert [x.source for x in segments] == ["المقدمة", "نص <1/>في الوسط."]
        project.confirm(segments[0].id, "Introduction")
        project.confirm(segments[1].id, "Text <1/>in the middle.")
        out = project.export_file("original", tmp_path / "marks.en.odt").path
    heading, p = (el for el in _content(out).iter(t("h"), t("p")))
    assert [(child.tag, child.tail) for child in heading] == [
        (t("bookmark-start"), "Introduction"), (t("bookmark-end"), None),
    ]
    assert heading.text is None and p.text == "Text " and p[0].tail == "in the middle."


def test_a_document_the_filters_now_read_otherwise_is_refused_by_the_export(
    tmp_path: Path,
) -> None:
    """A document imported by an older version of the filters, which read a heading's
    bookmarks as tags <1/> and <2/>, would have its stored tags restore other items now (a
    bookmark's tag a bold span): the export refuses it, naming the version; one the filters
    read alike is exported."""
    import json
    import sqlite3

    from workbench.errors import WorkbenchError

    doc = _bookmarked_heading()
    source = tmp_path / "old.odt"
    doc.save(str(source))
    db = tmp_path / "p.db"
    with Project.open(db, create=True, author="tester") as project:
        project.sources.import_file(source)
        project.confirm(project.segments("old", limit=1)[0].id, "Introduction")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE document_sources SET filter_version = 1")
    with Project.open(db, author="tester") as project:  # read alike: exported
        project.export_file("original", tmp_path / "same.odt")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE source_blocks SET tags = ?", [json.dumps(
            {"1": [0, "mark", "bookmark-start", 1], "2": [0, "mark", "bookmark-end", 2]})])
    with Project.open(db, author="tester") as project, pytest.raises(
        WorkbenchError, match=r"imported by version 1 of the document filters.*import it again"
    ):
        project.export_file("original", tmp_path / "old.en.odt")
    assert not (tmp_path / "old.en.odt").exists()


def test_a_writer_web_document_saved_as_odt_is_read(tmp_path: Path) -> None:
    """LibreOffice converts an HTML page to ODT as a Writer/Web document: the same text
    document under the mimetype ``...opendocument.text-web`` (it was refused as not an
    OpenDocument text)."""
    import zipfile

    built = B.build_odt(tmp_path / "built.odt")
    source = tmp_path / "page.odt"
    with zipfile.ZipFile(built) as z, zipfile.ZipFile(source, "w") as w:
        for info in z.infolist():
            data = z.read(info)
            w.writestr(info, b"application/vnd.oasis.opendocument.text-web"
                       if info.filename == "mimetype" else data)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        assert project.sources.import_file(source).format == "odt"
        segment = project.segments("page", limit=1)[0]
        project.confirm(segment.id, ENGLISH[1])
        out = project.export_file("original", tmp_path / "page.en.odt").path
    texts = ["".join(h.itertext()) for h in _content(out).iter(t("h"))]
    assert ENGLISH[1] in texts
    assert members(out)["mimetype"] == b"application/vnd.oasis.opendocument.text-web"


def test_an_embedded_charts_arabic_the_import_does_not_read_is_warned_of(
    tmp_path: Path,
) -> None:
    """LibreOffice keeps a chart as an embedded object (``Object 1/content.xml``): its title
    and labels stayed Arabic in the English export without a word."""
    import zipfile

    source = B.build_odt(tmp_path / "report.odt")
    with zipfile.ZipFile(source, "a") as package:
        package.writestr("Object 1/content.xml", "<office:document-content xmlns:office="
                         "'urn:oasis:names:tc:opendocument:xmlns:office:1.0'>عدد الأعضاء"
                         "</office:document-content>")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        report = project.sources.import_file(source)
    assert report.warnings == [
        "Object 1/content.xml: the Arabic of an embedded object is not read: it stays Arabic "
        "in the export (translate it in Word or LibreOffice)"]


def test_an_index_title_template_takes_the_english_title(tmp_path: Path) -> None:
    """A table of contents is to be updated after translation, and LibreOffice then writes
    its title again from ``text:index-title-template``: the English document's title went
    back to Arabic."""
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:'
        '1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        "<office:text><text:table-of-content text:name=\"TOC1\"><text:table-of-content-source>"
        "<text:index-title-template>جدول المحتويات</text:index-title-template>"
        "</text:table-of-content-source><text:index-body><text:index-title>"
        "<text:p>جدول المحتويات</text:p></text:index-title><text:p>المقدمة</text:p>"
        "</text:index-body></text:table-of-content><text:h>المقدمة</text:h>"
        "</office:text></office:body></office:document-content>")
    out = _exported(_package(tmp_path / "toc.odt", content), "Table of contents")
    root = etree.fromstring(members(out)["content.xml"])
    assert [e.text for e in root.iter(t("index-title-template"))] == ["Table of contents"]


def test_lists_counted_in_arabic_count_in_english_digits_and_letters(tmp_path: Path) -> None:
    """A list style counting ١، ٢، ٣ or أ، ب، ت numbered the English items so."""
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:'
        '1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:'
        'oasis:names:tc:opendocument:xmlns:style:1.0"><office:automatic-styles>'
        '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
        'style:num-format="١, ٢, ٣, ..."/><text:list-level-style-number text:level="2" '
        'style:num-format="أ, ب, ت, ..."/><text:list-level-style-number text:level="3" '
        'style:num-format="i"/></text:list-style></office:automatic-styles><office:body>'
        '<office:text><text:list text:style-name="L1"><text:list-item><text:p>البند الأول.'
        "</text:p></text:list-item></text:list></office:text></office:body>"
        "</office:document-content>")
    out = _exported(_package(tmp_path / "lists.odt", content), "The first item.")
    root = etree.fromstring(members(out)["content.xml"])
    assert [e.get(s("num-format")) for e in root.iter(t("list-level-style-number"))] == [
        "1", "a", "i"]


def test_an_arabic_document_s_named_styles_turn_left_to_right_its_arabic_keeps_its_own(
    tmp_path: Path
) -> None:
    """The default and named paragraph styles stayed ``rl-tb`` and right-aligned (``end``):
    a table of contents updated in LibreOffice, a paragraph typed in the English, came out
    right to left. A paragraph left in Arabic says its direction and alignment itself."""
    from odf.opendocument import OpenDocumentText
    from odf.style import DefaultStyle, ParagraphProperties, Style

    doc = OpenDocumentText()
    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(writingmode="rl-tb", textalign="end"))
    doc.styles.addElement(default)
    body = Style(name="Body", family="paragraph")
    body.addElement(ParagraphProperties(textalign="end", justifysingleword="false"))
    doc.styles.addElement(body)
    heading = Style(name="Heading", family="paragraph", parentstylename="Body")
    heading.addElement(ParagraphProperties(writingmode="rl-tb"))
    doc.styles.addElement(heading)
    doc.text.addElement(H(outlinelevel=1, stylename=heading, text="تقرير اللجنة"))
    doc.text.addElement(P(stylename=body, text="فقرة أولى."))
    doc.text.addElement(P(stylename=body, text="فقرة تبقى بالعربية."))
    doc.save(str(tmp_path / "named.odt"))
    out = _exported(tmp_path / "named.odt", "Report of the committee", "First paragraph.", None)
    office = _content(out, "styles.xml").find(
        "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}styles")
    named = {(st.get(s("name")) or "default"): st.find(s("paragraph-properties"))
             for st in office if st.get(s("family")) == "paragraph"}
    assert {name: (p.get(s("writing-mode")), p.get(f"{{{FO}}}text-align"))
            for name, p in named.items()} == {
        "default": ("lr-tb", "start"), "Body": (None, "start"), "Heading": ("lr-tb", None)}
    root = _content(out)
    autos = {st.get(s("name")): st for st in root.iter(s("style"))}
    arabic = next(p for p in root.iter(t("p")) if p.text == "فقرة تبقى بالعربية.")
    own = autos[arabic.get(t("style-name"))]
    assert own.get(s("parent-style-name")) == "Body"
    props = own.find(s("paragraph-properties"))
    assert (props.get(s("writing-mode")), props.get(f"{{{FO}}}text-align")) == ("rl-tb", "end")


def test_a_paragraph_right_to_left_by_the_default_style_has_its_alignment_mirrored(
    tmp_path: Path
) -> None:
    """The default paragraph style said ``rl-tb`` and the paragraph's automatic style
    ``end`` (right-aligned Arabic): the English kept ``end`` and came out right-aligned."""
    from odf.opendocument import OpenDocumentText
    from odf.style import DefaultStyle, ParagraphProperties, Style

    doc = OpenDocumentText()
    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(writingmode="rl-tb"))
    doc.styles.addElement(default)
    auto = Style(name="P1", family="paragraph")
    auto.addElement(ParagraphProperties(textalign="end"))
    doc.automaticstyles.addElement(auto)
    doc.text.addElement(P(stylename=auto, text="فقرة أولى."))
    doc.save(str(tmp_path / "by_default.odt"))
    out = _exported(tmp_path / "by_default.odt", "First paragraph.")
    root = _content(out)
    styles = {st.get(s("name")): st.find(s("paragraph-properties"))
              for st in root.iter(s("style"))}
    (p,) = root.iter(t("p"))
    props = styles[p.get(t("style-name"))]
    assert (props.get(s("writing-mode")), props.get(f"{{{FO}}}text-align")) == ("lr-tb", "start")


def test_a_right_to_left_section_holding_english_turns_left_to_right(tmp_path: Path) -> None:
    """A section's ``style:writing-mode="rl-tb"`` stayed around the English: its columns
    ran right to left and a paragraph typed in it was right to left."""
    from odf.opendocument import OpenDocumentText
    from odf.style import SectionProperties, Style
    from odf.text import Section

    doc = OpenDocumentText()
    style = Style(name="Sect1", family="section")
    style.addElement(SectionProperties(writingmode="rl-tb"))
    doc.automaticstyles.addElement(style)
    section = Section(name="Section1", stylename=style)
    section.addElement(P(text="فقرة أولى."))
    doc.text.addElement(section)
    doc.save(str(tmp_path / "section.odt"))
    out = _exported(tmp_path / "section.odt", "First paragraph.")
    (props,) = _content(out).iter(s("section-properties"))
    assert props.get(s("writing-mode")) == "lr-tb"


def test_a_paragraph_right_to_left_by_its_page_has_its_alignment_mirrored(
    tmp_path: Path
) -> None:
    """LibreOffice's ODT of an Arabic web page (``<html dir="rtl">``): its page layout says
    ``rl-tb``, the paragraphs ``page`` (the default: the page's direction) and the named
    style ``end``. The English kept ``end`` and came out right-aligned; a paragraph left in
    Arabic, the page turned left to right, came out left to right."""
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        DefaultStyle,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
    )

    doc = OpenDocumentText()
    layout = PageLayout(name="Mpm3")
    layout.addElement(PageLayoutProperties(writingmode="rl-tb"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="HTML", pagelayoutname=layout))
    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(writingmode="page"))
    doc.styles.addElement(default)
    body = Style(name="Body", family="paragraph")
    body.addElement(ParagraphProperties(textalign="end"))
    doc.styles.addElement(body)
    first = Style(name="P1", family="paragraph", parentstylename=body, masterpagename="HTML")
    doc.automaticstyles.addElement(first)
    doc.text.addElement(P(stylename=first, text="فقرة أولى."))
    doc.text.addElement(P(stylename=body, text="فقرة ثانية."))
    doc.text.addElement(P(stylename=body, text="فقرة تبقى بالعربية."))
    doc.save(str(tmp_path / "web.odt"))
    out = _exported(tmp_path / "web.odt", "First paragraph.", "Second paragraph.", None)
    root = _content(out)
    automatic = {st.get(s("name")): st.find(s("paragraph-properties"))
                 for st in root.iter(s("style"))}
    own = [automatic.get(p.get(t("style-name"))) for p in root.iter(t("p"))]
    modes = [(None, None) if props is None else
             (props.get(s("writing-mode")), props.get(f"{{{FO}}}text-align")) for props in own]
    assert modes == [("lr-tb", "start"), ("lr-tb", "start"), ("rl-tb", "end")]
    office = _content(out, "styles.xml").find(
        "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}styles")
    (named,) = [st for st in office if st.get(s("name")) == "Body"]
    assert named.find(s("paragraph-properties")).get(f"{{{FO}}}text-align") == "start"


def test_a_span_around_a_paragraphs_whole_text_is_no_tag_and_holds_the_english(
    tmp_path: Path
) -> None:
    """LibreOffice's ODT of a Word document wraps each run in a span saying its fonts and
    language: every segment was ``<1>…</1>``, a heading's ``<1><2>…</2></1>``. The span
    stays around the English, its language (``fo:language="ar"``, as LibreOffice writes an
    HTML ``lang="ar"``) English; a bold span inside it is a tag, a bookmark at the edge is
    outside the text, and so is a space before it."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import BookmarkStart, S, Span

    doc = OpenDocumentText()
    fonts = Style(name="T1", family="text")
    fonts.addElement(TextProperties(fontname="Arial", fontnamecomplex="Simplified Arabic",
                                    language="ar", country="SA", languagecomplex="ar"))
    bold = Style(name="T2", family="text")
    bold.addElement(TextProperties(fontweight="bold", fontweightcomplex="bold"))
    for style in (fonts, bold):
        doc.automaticstyles.addElement(style)
    heading = H(outlinelevel=1)
    heading.addElement(BookmarkStart(name="_Toc1"))
    outer = Span(stylename=fonts)
    outer.addElement(Span(stylename=fonts, text="مقدمة التقرير"))
    heading.addElement(outer)
    doc.text.addElement(heading)
    paragraph = P()
    wrapper = Span(stylename=fonts, text="بدأت ")
    wrapper.addElement(Span(stylename=bold, text="الثورة"))
    wrapper.addText(" عام ١٩١٧.")
    paragraph.addElement(wrapper)
    doc.text.addElement(paragraph)
    note_like = P()  # a note's text after its number's space
    note_like.addElement(S())
    note_like.addElement(Span(stylename=fonts, text="نص الحاشية."))
    doc.text.addElement(note_like)
    doc.save(str(tmp_path / "word.odt"))
    with Project.open(tmp_path / "read.db", create=True, author="tester") as project:
        project.sources.import_file(tmp_path / "word.odt")
        assert [seg.source for seg in project.segments("word")] == [
            "مقدمة التقرير", "بدأت <1>الثورة</1> عام ١٩١٧.", "نص الحاشية."]
    out = _exported(tmp_path / "word.odt", "Introduction", "The <1>revolution</1> began in 1917.")
    h, p, _ = (el for el in _content(out).iter(t("h"), t("p")))
    assert [child.tag for child in h] == [t("bookmark-start"), t("span")]
    assert "".join(h.itertext()) == "Introduction" and h[1][0].text == "Introduction"
    (span,) = p
    assert (span.text, span[0].text, span[0].tail) == ("The ", "revolution", " began in 1917.")
    english = {st.get(s("name")): st.find(s("text-properties"))
               for st in _content(out).iter(s("style"))}[span.get(t("style-name"))]
    assert (english.get(f"{{{FO}}}language"), english.get(f"{{{FO}}}country"),
            english.get(s("font-name"))) == ("en", "US", "Arial")


def test_alike_spans_holding_a_paragraphs_text_are_no_tags(tmp_path: Path) -> None:
    """LibreOffice writes a span for each of Word's runs, alike but for their revision ids
    (``officeooo:rsid``), with a link between them: the sentence was
    ``<1>…</1><2><3>…</3></2><4>…</4>``. Those holding most of the words are no tags, a
    copy of the first holding the English; a span that says more (bold) stays a tag."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    styles = "".join(
        f'<style:style style:name="{name}" style:family="text"><style:text-properties '
        f'style:font-name="Arial" style:language-complex="ar"{extra}/></style:style>'
        for name, extra in (("T1", ' officeooo:rsid="0001"'), ("T2", ' officeooo:rsid="0002"'),
                            ("T3", ' fo:font-weight="bold"')))
    source = _package(tmp_path / "runs.odt", (
        f'<office:document-content xmlns:office="{office}" xmlns:text="{TEXT}" '
        f'xmlns:style="{STYLE}" xmlns:fo="{FO}" xmlns:xlink="{XLINK}" '
        'xmlns:officeooo="http://openoffice.org/2009/office" office:version="1.3">'
        f'<office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>'
        '<text:p><text:span text:style-name="T1">بدأت الثورة ثم </text:span>'
        '<text:a xlink:href="https://example.org"><text:span text:style-name="T1">انتشرت'
        '</text:span></text:a><text:span text:style-name="T2"> بسرعة.</text:span></text:p>'
        '<text:p><text:span text:style-name="T1">نص </text:span>'
        '<text:span text:style-name="T3">عريض</text:span></text:p>'
        '<text:p><text:span text:style-name="T1">نص فيه </text:span>'
        '<text:span text:style-name="T3">كلمة</text:span>'
        '<text:span text:style-name="T2"> عريضة هنا.</text:span></text:p>'
        '</office:text></office:body></office:document-content>'))
    with Project.open(tmp_path / "read.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        assert [seg.source for seg in project.segments("runs")] == [
            "بدأت الثورة ثم <1><2>انتشرت</2></1> بسرعة.", "<1>نص </1><2>عريض</2>",
            "نص فيه <1>كلمة</1> عريضة هنا."]
    out = _exported(source, "The revolution began, then <1><2>spread</2></1> quickly.")
    first = next(_content(out).iter(t("p")))
    (span,) = first
    assert (span.get(t("style-name")), span.text) == ("T1", "The revolution began, then ")
    (link,) = span
    assert link.get(f"{{{XLINK}}}href") == "https://example.org"
    assert "".join(link.itertext()) == "spread" and link.tail == " quickly."


def test_a_translated_paragraph_s_fields_show_their_value_in_western_digits(
    tmp_path: Path
) -> None:
    """A cross-reference's page number (``text:bookmark-ref``, LibreOffice's ODT of Word's
    ``PAGEREF``) held ``١``, which LibreOffice shows until the fields are updated: the
    English PDF read "see page ١"."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    source = _package(tmp_path / "fields.odt", (
        f'<office:document-content xmlns:office="{office}" xmlns:text="{TEXT}" '
        'office:version="1.3"><office:body><office:text>'
        '<text:p>انظر الصفحة <text:bookmark-ref text:reference-format="page" '
        'text:ref-name="_Toc1">١٢</text:bookmark-ref> من التقرير.</text:p>'
        '<text:p>صفحة <text:page-number>٣</text:page-number></text:p>'
        '</office:text></office:body></office:document-content>'))
    out = _exported(source, "See page <1/> of the report.", None)
    ref, page = (_content(out).iter(t("bookmark-ref"), t("page-number")))
    assert (ref.text, page.text) == ("12", "٣")  # the untranslated paragraph's as it was
