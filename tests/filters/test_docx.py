"""DOCX in, translated DOCX out: a document built with python-docx is imported, translated
through the service, exported as 'original' and read back with python-docx and lxml."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from tests.filters import builders as B
from tests.filters.readback import c14n, docx_paragraphs, members, part, w
from workbench.errors import WorkbenchError
from workbench.filters import mhtml, read_source
from workbench.project import Project

ARABIC_SEGMENTS = [
    B.TITLE,
    "بدأت الثورة في <1>بتروغراد</1> عام ١٩١٧.",
    "وانتشرت بسرعة.",
    "اقرأ <1>المقال الكامل</1> على الموقع.",
    "هذه جملة مع حاشية<1/> في نهايتها.",
    "العمود الأول", "العمود الثاني", "قيمة أولى", "قيمة ثانية",
    B.RTL,
    "السطر الأول<1/>السطر الثاني.",
    B.FOOTNOTE_TEXT,
    B.HEADER,
]
ENGLISH = {
    1: "Report of the committee",
    2: "The revolution began in <1>Petrograd</1> in 1917.",
    3: "It spread quickly.",
    4: "Read <1>the full article</1> on the site.",
    5: "This sentence has a footnote<1/> at its end.",
    6: "First column", 7: "Second column", 8: "First value",
    11: "The first line<1/>the second line.",
    12: "The footnote text.",
    13: "Page header",
}


@pytest.fixture
def doc(tmp_path: Path, new_db: Path | str) -> Iterator[tuple[Project, Path]]:
    source = B.build_docx(tmp_path / "report.docx")
    with Project.open(new_db, create=True, author="tester") as project:
        report = project.sources.import_file(source)
        assert (report.format, report.segments, report.blocks) == ("docx", 13, 12)
        yield project, source


def _translate(project: Project, english: dict[int, str]) -> None:
    segments = project.segments("report", limit=100)
    for number, text in english.items():
        project.confirm(segments[number - 1].id, text)


def test_the_import_finds_every_paragraph_with_its_tags_and_place(doc: tuple) -> None:
    project, source = doc
    segments = project.segments("report", limit=100)
    assert [s.source for s in segments] == ARABIC_SEGMENTS
    bold = project.sources.block(segments[1].id)
    assert bold["place"] == "body p2" and bold["kind"] == "paragraph"
    assert [(t.label, t.title) for t in bold["tags"].values()] == [("b", "bold")]
    link = project.sources.segment_tags(segments[3].id)
    assert link[1].label == "link" and link[1].title.startswith(B.URL)
    assert project.sources.segment_tags(segments[4].id)[1].title == "footnote 1"
    places = [project.sources.block(s.id)["place"] for s in segments]
    assert places[5] == "body table 1 row 1 cell 1 p5"
    assert places[11] == "footnotes.xml footnote 1 p1" and places[12] == "header1.xml p1"
    kinds = [project.sources.block(s.id)["kind"] for s in segments]
    assert kinds[0] == "heading" and kinds[5] == "cell" and kinds[11:] == ["footnote", "header"]
    info = project.sources.original("report")
    assert info is not None and info.format == "docx" and info.blocks == 12
    assert project.sources.original_bytes("report") == source.read_bytes()


def test_the_translated_document_reads_back_with_its_formatting(
    doc: tuple, tmp_path: Path
) -> None:
    project, source = doc
    _translate(project, ENGLISH)
    out = project.export_file("original", tmp_path / "report.en.docx").path
    assert out.name == "report.en.docx"
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts == [
        "Report of the committee",
        "The revolution began in Petrograd in 1917. It spread quickly.",
        "Read the full article on the site.",
        "This sentence has a footnote at its end.",
        B.RTL,  # untranslated: left in Arabic
        "The first line\nthe second line.",
    ]
    intro = document.paragraphs[1]
    assert [(r.text, bool(r.bold)) for r in intro.runs] == [
        ("The revolution began in ", False), ("Petrograd", True),
        (" in 1917. It spread quickly.", False),
    ]
    link = document.paragraphs[2]
    assert [(h.url, h.text) for h in link.hyperlinks] == [(B.URL, "the full article")]
    note = document.paragraphs[3]._p
    refs = note.findall(f".//{w('footnoteReference')}")
    assert [r.get(w("id")) for r in refs] == ["1"]
    assert refs[0].getparent().getprevious().findtext(w("t")).endswith("footnote")
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["First column", "Second column"], ["First value", "قيمة ثانية"],
    ]
    assert document.sections[0].header.paragraphs[0].text == "Page header"
    footnotes = part(out, "word/footnotes.xml")
    note_p = [p for p in footnotes.iter(w("p")) if "".join(p.itertext()).strip()][-1]
    assert "".join(note_p.itertext()) == " The footnote text."
    assert note_p.find(f".//{w('footnoteRef')}") is not None  # the note's number kept
    # everything the export did not need to touch is the original's, member by member
    before, after = members(source), members(out)
    assert list(before) == list(after)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"word/document.xml", "word/footnotes.xml", "word/header1.xml"}


def test_translated_paragraphs_are_left_to_right_and_english(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    _translate(project, ENGLISH)
    out = project.export_file("original", tmp_path / "out.docx").path
    document = docx.Document(str(out))
    for p in document.paragraphs:
        bidi = p._p.pPr.find(w("bidi")) if p._p.pPr is not None else None
        runs = p._p.findall(f".//{w('r')}")
        if p.text == B.RTL:  # left in Arabic: as it was
            assert bidi is not None and bidi.get(w("val")) is None
            assert all(r.find(f"{w('rPr')}/{w('rtl')}") is not None for r in runs)
            continue
        assert bidi is not None and bidi.get(w("val")) == "0"
        for run in runs:
            assert run.find(f"{w('rPr')}/{w('rtl')}") is None
            assert run.find(f"{w('rPr')}/{w('lang')}").get(w("val")) == "en-US"


def test_imported_and_exported_without_translation_is_the_same_document(
    doc: tuple, tmp_path: Path
) -> None:
    project, source = doc
    out = project.export_file("original", tmp_path / "same.docx").path
    before, after = members(source), members(out)
    assert list(before) == list(after)
    assert c14n(before["word/document.xml"]) == c14n(after["word/document.xml"])
    assert all(before[n] == after[n] for n in before if n != "word/document.xml")


def test_rebuilt_paragraphs_keep_every_format_run(doc: tuple, tmp_path: Path) -> None:
    """Every paragraph rebuilt from its segments (the Arabic given as the translation):
    the same text with the same bold, links, breaks and footnote references, char by char."""
    project, source = doc
    for segment in project.segments("report", limit=100):
        project.save_draft(segment.id, segment.source)
    out = project.export_file("original", tmp_path / "rebuilt.docx").path
    assert docx_paragraphs(out) == docx_paragraphs(source)


def test_fallback_empty_leaves_untranslated_text_out(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    _translate(project, {2: ENGLISH[2], 5: ENGLISH[5]})
    out = project.export_file("original", tmp_path / "e.docx", fallback="empty").path
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[1] == "The revolution began in Petrograd in 1917."  # segment 3: left out
    assert texts[0] == "" and texts[4] == ""
    # the footnote reference of paragraph 4 is still there; the line break of paragraph 6,
    # emptied, is not (alone it was an empty line)
    body = part(out, "word/document.xml")
    assert len(list(body.iter(w("footnoteReference")))) == 1
    assert len(list(body.iter(w("br")))) == 0


def test_a_lost_line_break_is_left_out_with_a_warning(doc: tuple, tmp_path: Path) -> None:
    """Put back at the end of its paragraph, a line break was an empty line in Word."""
    project, _ = doc
    sid = project.segments("report", limit=100)[10].id
    project.save_draft(sid, "The first line and the second line.")
    result = project.export_file("original", tmp_path / "br.docx")
    body = part(result.path, "word/document.xml")
    assert len(list(body.iter(w("br")))) == 0
    assert [p.text for p in docx.Document(str(result.path)).paragraphs][-1] == \
        "The first line and the second line."
    assert result.warnings == ("body p10: <1/> (line break) not in the English: left out",)


def test_a_lost_tag_is_reported_and_its_item_kept(doc: tuple, tmp_path: Path) -> None:
    project, _ = doc
    sid = project.segments("report", limit=100)[4].id
    with pytest.raises(WorkbenchError, match="tag-mismatch"):
        project.confirm(sid, "This sentence lost its footnote.")
    project.save_draft(sid, "This sentence lost its footnote.")
    findings = project.check_segment(sid)
    assert [(f.check, f.kind, f.severity) for f in findings] == [
        ("tag-mismatch", "missing", "error")
    ]
    result = project.export_file("original", tmp_path / "lost.docx")
    body = part(result.path, "word/document.xml")
    assert len(list(body.iter(w("footnoteReference")))) == 1  # appended, not lost
    assert result.warnings == ("body p4: <1/> (footnote 1) not in the English: put back at "
                               "the end of the paragraph",)


def test_segments_of_two_paragraphs_cannot_be_merged(doc: tuple) -> None:
    project, _ = doc
    first, second, third = project.segments("report", limit=3)
    with pytest.raises(WorkbenchError, match="two paragraphs"):
        project.merge_with_next(first.id)
    merged = project.merge_with_next(second.id)  # one paragraph: fine
    assert merged.source == f"{second.source} {third.source}"


def test_a_text_import_exported_as_original_is_the_english_text(
    project: Project, tmp_path: Path
) -> None:
    segments = project.segments(limit=1000)
    out = project.export_file("original", tmp_path / "sample.txt", fallback="empty").path
    lines = out.read_text(encoding="utf-8").splitlines()
    by_paragraph: dict[int, list[str]] = {}
    for s in segments:
        if s.target.strip():
            by_paragraph.setdefault(s.paragraph, []).append(" ".join(s.target.split()))
    assert lines == [" ".join(v) for _, v in sorted(by_paragraph.items())]
    assert project.default_output(project.document("sample"), "original").name == \
        "sample.original.en.txt"  # not the format txt's sample.en.txt


def test_a_document_from_a_file_without_an_ending_exports_under_its_format_s_ending(
    doc: tuple, tmp_path: Path
) -> None:
    """A DOCX imported from a file named without an ending (`--format docx`) was exported
    by default to NAME.en.txt, a Word file under a text file's name."""
    project, source = doc
    bare = tmp_path / "contract"
    bare.write_bytes(source.read_bytes())
    project.sources.import_file(bare, fmt="docx")
    path = project.default_output(project.document("contract"), "original")
    assert path.name == "contract.en.docx"
    assert project.export_file("original", tmp_path / path.name, doc="contract").units == 0


def test_a_text_import_s_untranslated_paragraph_is_an_empty_line_as_in_a_document(
    project: Project, tmp_path: Path
) -> None:
    """With --fallback empty a paragraph without English was left out of a text import's
    `original` (its lines no longer the original's paragraphs), while a DOCX, ODT or HTML
    document keeps it as an empty paragraph: an empty line now, in its place."""
    project.import_document_text("قامت الثورة. وانتشرت.\nعاد الجميع.\nاجتمعت العائلة.", "t")
    first, _, untranslated, last = project.segments("t")
    project.save_draft(first.id, "The revolution broke out.")
    project.save_draft(last.id, "The family met.")
    lines = {
        fallback: project.export_file("original", tmp_path / f"{fallback}.txt", doc="t",
                                      fallback=fallback).path.read_text(encoding="utf-8")
        for fallback in ("empty", "source")
    }
    assert lines["empty"] == "The revolution broke out.\n\nThe family met.\n"
    assert lines["source"] == f"The revolution broke out. وانتشرت.\n{untranslated.source}\n" \
        "The family met.\n"


def test_fields_text_boxes_bookmarks_and_alt_text(tmp_path: Path) -> None:
    source = B.build_docx_rich(tmp_path / "rich.docx")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("rich", limit=100)
        assert [s.source for s in segments] == [
            "نص <1>عريض </1><2>ومائل</2><3/>صفحة <4>٣</4>.",  # runs: one tag each
            "قبل الصندوق <1/> بعد الصندوق.",
            "صندوق نص",  # the alt text
            "نص داخل الصندوق.",  # the text box, read once (not its VML copy)
            "يمين", "يسار",
        ]
        tags = project.sources.segment_tags(segments[0].id)
        assert [(t.label, t.title) for t in tags.values()] == [
            ("b", "bold"), ("b", "bold italic"), ("tab", "tab"), ("field", "PAGE"),
        ]
        assert project.sources.segment_tags(segments[1].id)[1].label == "textbox"
        english = [
            "Text <1>in bold </1><2>and italic</2><3/>page <4>3</4>.",
            "Before the box <1/> after the box.",
            "A text box",
            "Text inside the box.",
            "Right", "Left",
        ]
        for segment, text in zip(segments, english, strict=True):
            project.confirm(segment.id, text)
        out = project.export_file("original", tmp_path / "rich.en.docx").path
    body = part(out, "word/document.xml")
    paragraphs = [p for p in body.iter(w("p")) if p.getparent().tag == w("body")]
    first = paragraphs[0]
    assert first[1].tag == w("bookmarkStart") and first[-1].tag == w("bookmarkEnd")
    pieces = [("".join(r.itertext()), r.find(w("rPr"))) for r in first.iter(w("r"))]
    bold = [t for t, rpr in pieces if rpr is not None and rpr.find(w("b")) is not None]
    italic = [t for t, rpr in pieces if rpr is not None and rpr.find(w("i")) is not None]
    assert bold == ["in bold ", "and italic"] and italic == ["and italic"]
    instr = [t.text for t in first.iter(w("instrText"))]
    kinds = [c.get(w("fldCharType")) for c in first.iter(w("fldChar"))]
    assert instr == [" PAGE "] and kinds == ["begin", "separate", "end"]
    assert "".join(first.itertext()).replace(" PAGE ", "") == "Text in bold and italicpage 3."
    assert first.find(f".//{w('tab')}") is not None
    choice = body.find(".//{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice")
    fallback = body.find(
        ".//{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    )
    assert "".join(choice.find(f".//{w('txbxContent')}").itertext()) == "Text inside the box."
    assert "".join(fallback.find(f".//{w('txbxContent')}").itertext()) == \
        "Text inside the box."
    doc_pr = body.find(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert doc_pr.get("descr") == "A text box"
    assert "".join(paragraphs[1].itertext()).startswith("Before the box ")
    # the section and the table are left-to-right now
    assert body.find(f"{w('body')}/{w('sectPr')}/{w('bidi')}") is None
    assert body.find(f".//{w('tblPr')}/{w('bidiVisual')}") is None


def test_a_page_field_keeps_its_field_when_the_english_came_from_a_text(
    tmp_path: Path,
) -> None:
    """English without tags (a delivery's text) keeps the PAGE field around the page number,
    Arabic-Indic in the source (``صفحة <4>٣</4>.``); it had become a number that Word never
    updates."""
    source = B.build_docx_rich(tmp_path / "rich.docx")
    english = tmp_path / "rich.en.txt"
    english.write_text("Bold and italic text page 3.\nBefore the box after the box.\n"
                       "Text box\nText inside the box.\nRight\nLeft\n", encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        project.import_translation(english, "rich", "working")
        out = project.export_file("original", tmp_path / "rich.en.docx").path
    first = next(iter(part(out, "word/document.xml").iter(w("p"))))
    assert [t.text for t in first.iter(w("instrText"))] == [" PAGE "]
    assert [c.get(w("fldCharType")) for c in first.iter(w("fldChar"))] == \
        ["begin", "separate", "end"]
    assert "".join(first.itertext()).replace(" PAGE ", "") == "Bold and italic text page 3."


def test_complex_script_bold_of_arabic_runs_is_a_tag_and_bold_in_the_english(
    tmp_path: Path,
) -> None:
    """LibreOffice writes an Arabic run's bold as ``w:bCs`` alone (Arabic is drawn with the
    complex-script properties): it is visible formatting, and the English takes it as
    ``w:b``, its italic ``w:i``."""
    document = docx.Document()
    p = document.add_paragraph()
    for text, props in [("نص ", ["rtl"]), ("عريض", ["bCs", "rtl"]), (" و", ["rtl"]),
                        ("مائل", ["i", "iCs", "rtl"]), (" ثم ", ["rtl"]),
                        ("عادي", ["rtl"]), (".", ["rtl"])]:
        run = p.add_run(text)
        rpr = run._r.get_or_add_rPr()
        for prop in props:
            rpr.append(B.OxmlElement("w:" + prop))
    source = tmp_path / "lo.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segment = project.segments("lo", limit=10)[0]
        assert segment.source == "نص <1>عريض</1> و<2>مائل</2> ثم عادي."
        tags = project.sources.segment_tags(segment.id)
        assert [(t.label, t.title) for t in tags.values()] == [("b", "bold"), ("i", "italic")]
        project.confirm(segment.id, "Text <1>bold</1> and <2>italic</2> then plain.")
        out = project.export_file("original", tmp_path / "lo.en.docx").path
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert [(r.text, r.bold, r.italic) for r in runs] == [
        ("Text ", None, None), ("bold", True, None), (" and ", None, None),
        ("italic", None, True), (" then plain.", None, None),
    ]


def test_the_tab_after_a_notes_number_stays_outside_its_text(tmp_path: Path) -> None:
    """LibreOffice lays a footnote out as its number, a tab, the text: the tab is no tag
    (English imported from a text has none, and the tab went to the note's end)."""
    source = B.build_docx(tmp_path / "report.docx")
    data = members(source)
    data["word/footnotes.xml"] = data["word/footnotes.xml"].replace(
        b'<w:t xml:space="preserve"> </w:t>', b"<w:tab/>")
    lo = tmp_path / "lo.docx"
    with zipfile.ZipFile(lo, "w") as z:
        for name, content in data.items():
            z.writestr(name, content)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(lo)
        note = project.segments("lo", limit=100)[11]
        assert note.source == B.FOOTNOTE_TEXT
        project.confirm(note.id, "The footnote text.")
        out = project.export_file("original", tmp_path / "lo.en.docx").path
    footnotes = part(out, "word/footnotes.xml")
    note_p = [p for p in footnotes.iter(w("p")) if "".join(p.itertext()).strip()][-1]
    runs = [child.tag for r in note_p.iter(w("r")) for child in r if child.tag != w("rPr")]
    assert runs == [w("footnoteRef"), w("tab"), w("t")]


def test_a_paragraph_of_page_number_and_date_fields_alone_is_no_segment(tmp_path: Path) -> None:
    """A footer holding just a PAGE field (or a DATE, a NUMPAGES) became a segment '<1>3</1>'
    for the translator; it has nothing to translate and stays as it is. A field with words
    around it ('صفحة 3 من 9') is still a segment."""
    from docx.oxml import parse_xml

    def field(code: str, result: str) -> str:
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                f'xml:space="preserve"> {code} </w:instrText></w:r><w:r><w:fldChar '
                f'w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r><w:r>'
                '<w:fldChar w:fldCharType="end"/></w:r>')

    document = docx.Document()
    document.add_paragraph("فقرة في المتن.")
    footer = document.sections[0].footer._element
    for xml in (
        field("PAGE", "3"),
        f'<w:fldSimple w:instr=" DATE \\@ &quot;d/M/yyyy&quot; "><w:r><w:t>4/12/2026</w:t>'
        f'</w:r></w:fldSimple><w:r><w:t xml:space="preserve"> </w:t></w:r>{field("TIME", "9:30")}',
        f'<w:r><w:t xml:space="preserve">صفحة </w:t></w:r>{field("PAGE", "3")}'
        f'<w:r><w:t xml:space="preserve"> من </w:t></w:r>{field("NUMPAGES", "9")}',
        field("REF intro", "المقدمة"),  # a cross-reference's text is the document's words
    ):
        footer.append(parse_xml(f"<w:p {B.NS_DECL}>{xml}</w:p>"))
    source = tmp_path / "fields.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        assert [s.source for s in project.segments("fields", limit=100)] == [
            "فقرة في المتن.", "صفحة <1>3</1> من <2>9</2>", "<1>المقدمة</1>",
        ]
        out = project.export_file("original", tmp_path / "fields.en.docx").path
    footer_xml = b"".join(v for k, v in members(out).items() if k.startswith("word/footer"))
    assert b"PAGE" in footer_xml and b"4/12/2026" in footer_xml  # left as they were


def test_a_table_of_contents_first_entry_is_translated(tmp_path: Path) -> None:
    """LibreOffice writes a table of contents as one field over its entries: the first
    paragraph holds the field's code and separator and the first entry, the last its end. The
    first entry's text went into the code's empty tag, never translated, while the others
    were segments; a result holding a field of its own was lost the same way."""
    from docx.oxml import parse_xml

    def fld(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    def text(value: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'

    code = '<w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r>'
    document = docx.Document()
    body = document.element.body
    sect = body.find(f"{{{B.W}}}sectPr")
    for xml in (
        fld("begin") + code.format('TOC \\o "1-3"') + fld("separate") + text("المقدمة")
        + "<w:r><w:tab/></w:r>" + text("1"),
        text("الخاتمة") + "<w:r><w:tab/></w:r>" + text("2") + fld("end"),
        text("انظر ") + fld("begin") + code.format("IF 1 = 1 x") + fld("separate")
        + text("الفصل ") + fld("begin") + code.format("SEQ chapter") + fld("separate")
        + text("٣") + fld("end") + fld("end") + text("."),
    ):
        sect.addprevious(parse_xml(f"<w:p {B.NS_DECL}>{xml}</w:p>"))
    source = tmp_path / "toc.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segments = project.segments("toc", limit=10)
        assert [s.source for s in segments] == [
            "<1/>المقدمة<2/>1", "الخاتمة<1/>2<2/>", "انظر <1/>الفصل <2>٣</2><3/>.",
        ]
        for segment, english in zip(segments, (
            "<1/>Introduction<2/>1", "Conclusion<1/>2<2/>", "See <1/>chapter <2>3</2><3/>.",
        ), strict=True):
            project.confirm(segment.id, english)
        out = project.export_file("original", tmp_path / "toc.en.docx").path
    paragraphs = list(part(out, "word/document.xml").iter(w("p")))[:3]
    assert ["".join(p.itertext()) for p in paragraphs] == [
        ' TOC \\o "1-3" Introduction1', "Conclusion2",
        "See  IF 1 = 1 x chapter  SEQ chapter 3.",
    ]
    assert [fc.get(w("fldCharType")) for p in paragraphs for fc in p.iter(w("fldChar"))] == [
        "begin", "separate", "end", "begin", "separate", "begin", "separate", "end", "end",
    ]


@pytest.mark.parametrize("name", ["report.docx", "report.odt", "report.html"])
def test_english_with_control_characters_is_exported_without_them(
    name: str, tmp_path: Path
) -> None:
    """A draft holding a line break pasted from Word (U+000B) or another C0 control, which
    XML cannot carry, made the export of the original a ValueError traceback; the characters
    are left out, as the other exports leave them out."""
    if name.endswith(".html"):
        source = tmp_path / name
        source.write_text(f'<html><head><meta charset="utf-8"></head><body><p>{B.TITLE}</p>'
                          "</body></html>", encoding="utf-8")
    else:
        source = (B.build_docx if name.endswith(".docx") else B.build_odt)(tmp_path / name)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first = project.segments("report", limit=1)[0]
        project.save_draft(first.id, "Report\x0bof the\x01 committee\x1f")
        out = project.export_file("original", tmp_path / f"en.{name}").path
    data = b"".join(members(out).values()) if name.endswith(("docx", "odt")) \
        else out.read_bytes()
    assert b"Reportof the committee" in data


def test_arabic_left_in_a_translated_paragraph_is_labelled_arabic(
    doc: tuple, tmp_path: Path
) -> None:
    """--fallback source: the Arabic of an untranslated sentence in a translated paragraph is
    a run of its own, right to left and Arabic (it was an en-US run)."""
    project, _ = doc
    _translate(project, {2: ENGLISH[2]})
    out = project.export_file("original", tmp_path / "partly.docx").path
    paragraph = docx.Document(str(out)).paragraphs[1]
    assert paragraph.text == "The revolution began in Petrograd in 1917. وانتشرت بسرعة."
    runs = {r.findtext(w("t")): r.find(w("rPr")) for r in paragraph._p.iter(w("r"))}
    arabic = runs.pop("وانتشرت بسرعة.")
    assert arabic.find(w("rtl")) is not None
    assert arabic.find(w("lang")).get(w("bidi")) == "ar-SA"
    assert all(rpr.find(w("rtl")) is None and rpr.find(w("lang")).get(w("bidi")) is None
               for rpr in runs.values())


def test_a_sentence_after_a_line_break_opens_its_line_without_a_space(tmp_path: Path) -> None:
    """An address on two lines (Shift+Enter) is two segments; the export joined their English
    with a space, which began the second line: Word and LibreOffice drew it indented."""
    document = docx.Document()
    lines = document.add_paragraph("العنوان: شارع الملك فهد.")
    lines.runs[0].add_break(WD_BREAK.LINE)
    lines.add_run("الرياض، المملكة العربية السعودية.")
    source = tmp_path / "address.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, second = project.segments("address", limit=10)
        assert first.source == "العنوان: شارع الملك فهد.<1/>"
        project.confirm(first.id, "Address: King Fahd Street.<1/>")
        out = project.export_file("original", tmp_path / "address.en.docx").path
        project.confirm(second.id, "Riyadh, Saudi Arabia.")
        both = project.export_file("original", tmp_path / "both.en.docx").path
    texts = [t.text for t in part(out, "word/document.xml").iter(w("t"))]
    assert texts == ["Address: King Fahd Street.", "الرياض، المملكة العربية السعودية."]
    texts = [t.text for t in part(both, "word/document.xml").iter(w("t"))]
    assert texts == ["Address: King Fahd Street.", "Riyadh, Saudi Arabia."]


def test_a_charts_arabic_the_import_does_not_read_is_warned_of(tmp_path: Path) -> None:
    """A chart's title and labels (``word/charts/chart1.xml``) and a SmartArt diagram's text
    are no paragraphs: the import said nothing, and the English export kept an Arabic chart."""
    source = B.build_docx(tmp_path / "report.docx")
    chart = ('<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart>'
             '<c:title><c:tx><c:rich><a:p><a:r><a:t>عدد الأعضاء</a:t></a:r></a:p></c:rich>'
             '</c:tx></c:title></c:chart></c:chartSpace>')
    with zipfile.ZipFile(source, "a") as package:
        package.writestr("word/charts/chart1.xml", chart)
        package.writestr("word/charts/colors1.xml", "<cs:colorStyle xmlns:cs='x'/>")
        package.writestr("word/diagrams/data1.xml", chart.replace("عدد الأعضاء", "Members"))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        report = project.sources.import_file(source)
    assert report.warnings == [
        "word/charts/chart1.xml: the Arabic of a chart is not read: it stays Arabic in the "
        "export (translate it in Word or LibreOffice)"]


def test_lists_and_page_numbers_counted_in_arabic_letters_count_in_english_ones(
    doc: tuple, tmp_path: Path
) -> None:
    """A list counted أ، ب (``arabicAlpha``) and pages counted in abjad letters numbered the
    English document's items and pages in Arabic letters."""
    project, source = doc
    data = members(source)
    numbering = data["word/numbering.xml"].replace(b'w:numFmt w:val="decimal"',
                                                   b'w:numFmt w:val="arabicAlpha"', 1)
    body = data["word/document.xml"].replace(b"</w:sectPr>",
                                             b'<w:pgNumType w:fmt="arabicAbjad"/></w:sectPr>')
    lettered = tmp_path / "lettered.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(lettered, "w") as new:
        for name in old.namelist():
            new.writestr(name, {"word/numbering.xml": numbering,
                                "word/document.xml": body}.get(name, data[name]))
    project.sources.import_file(lettered)
    first = project.segments("lettered", limit=1)[0]
    project.confirm(first.id, ENGLISH[1])
    out = project.export_file("original", tmp_path / "lettered.en.docx", doc="lettered").path
    formats = [el.get(w("val")) for el in part(out, "word/numbering.xml").iter(w("numFmt"))]
    assert "arabicAlpha" not in formats and "lowerLetter" in formats
    (pages,) = part(out, "word/document.xml").iter(w("pgNumType"))
    assert pages.get(w("fmt")) == "lowerLetter"


def test_the_headers_of_eleven_sections_are_read_in_their_order(tmp_path: Path) -> None:
    """header10.xml sorted before header2.xml: the headers of a report of eleven sections
    came to the translator as 1, 10, 11, 2, 3…"""
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    for i in range(11):
        if i:
            document.add_section(WD_SECTION.NEW_PAGE)
        header = document.sections[i].header
        header.is_linked_to_previous = False
        header.paragraphs[0].text = f"ترويسة القسم {i + 1}"
        document.add_paragraph(f"نص القسم {i + 1}.")
    source = tmp_path / "sections.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        headers = [s.source for s in project.segments("sections", limit=30)][11:]
    assert headers == [f"ترويسة القسم {i}" for i in range(1, 12)]


def _arabic_styled_docx(path: Path) -> Path:
    """An Arabic DOCX as LibreOffice and Word write one: right to left by its styles (the
    defaults' and Normal's ``w:bidi`` and ``w:rtl``, a character style's ``w:rtl``, a table
    style's ``w:bidiVisual``), its paragraphs and runs saying nothing of direction."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = docx.Document()
    ns = f'xmlns:w="{B.W}"'
    styles = document.styles.element
    defaults = styles.find(w("docDefaults"))
    defaults.find(w("pPrDefault")).find(w("pPr")).append(parse_xml(f"<w:bidi {ns}/>"))
    defaults.find(w("rPrDefault")).find(w("rPr")).append(parse_xml(f"<w:rtl {ns}/>"))
    normal = document.styles["Normal"].element
    normal.get_or_add_pPr().append(parse_xml(f'<w:bidi {ns} w:val="1"/>'))
    document.styles.add_style("Arabic", WD_STYLE_TYPE.CHARACTER).element.get_or_add_rPr() \
        .append(parse_xml(f"<w:rtl {ns}/>"))
    document.add_paragraph("بدأت الثورة في بتروغراد.")
    document.add_paragraph("هذه فقرة تبقى بالعربية.")
    document.add_paragraph().add_run("وانتشرت بسرعة.", style="Arabic")
    document.save(str(path))
    return path


def test_an_arabic_document_s_styles_are_left_to_right_and_its_arabic_keeps_its_own(
    tmp_path: Path
) -> None:
    """Normal, the defaults and a character style stayed right to left: a table of contents
    updated, or a paragraph typed in the English document, came out right to left, and so
    did an English run of the right-to-left character style. The Arabic left (``--fallback
    source``) is right to left by its own properties."""
    source = _arabic_styled_docx(tmp_path / "styled.docx")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, _, third = project.segments("styled", limit=5)
        project.confirm(first.id, "The revolution began in Petrograd.")
        project.confirm(third.id, "It spread quickly.")
        out = project.export_file("original", tmp_path / "styled.en.docx").path
    styles = part(out, "word/styles.xml")
    assert not [el for el in styles.iter(w("bidi"), w("rtl"))]
    body = part(out, "word/document.xml")
    english, arabic, styled = body.iter(w("p"))
    assert arabic.find(f"{w('pPr')}/{w('bidi')}") is not None
    assert all(r.find(f"{w('rPr')}/{w('rtl')}") is not None for r in arabic.iter(w("r")))
    assert english.find(f"{w('pPr')}/{w('bidi')}").get(w("val")) == "0"
    (run,) = styled.iter(w("r"))
    assert run.findtext(w("t")) == "It spread quickly."
    assert run.find(f"{w('rPr')}/{w('rtl')}") is None
    assert members(source)["word/styles.xml"].count(b"w:rtl") == 2  # the original untouched


def test_word_s_right_to_left_wrappers_around_english_say_left_to_right(
    tmp_path: Path
) -> None:
    """A run Word put in ``<w:dir w:val="rtl">`` (or ``w:bdo``) kept it around the English:
    the sentence was drawn right to left, its full stop at its start."""
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph()._p
    p.append(parse_xml(
        '<w:dir xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:val="rtl"><w:r><w:rPr><w:rtl/></w:rPr><w:t>وانتشرت بسرعة.</w:t></w:r></w:dir>'))
    source = tmp_path / "wrapped.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        (segment,) = project.segments("wrapped", limit=5)
        project.confirm(segment.id, segment.source.replace("وانتشرت بسرعة.", "It spread."))
        out = project.export_file("original", tmp_path / "wrapped.en.docx").path
    (wrapper,) = part(out, "word/document.xml").iter(w("dir"))
    assert wrapper.get(w("val")) == "ltr"
    assert "".join(wrapper.itertext()) == "It spread."


def test_a_right_to_left_books_gutter_moves_to_the_left(doc: tuple, tmp_path: Path) -> None:
    """``w:rtlGutter`` (the binding margin on the right, as an Arabic book is bound) stayed
    in the English document's sections with their ``w:bidi``."""
    project, source = doc
    data = members(source)
    body = data["word/document.xml"].replace(
        b"</w:sectPr>", b"<w:bidi/><w:rtlGutter/></w:sectPr>")
    bound = tmp_path / "bound.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bound, "w") as new:
        for name in old.namelist():
            new.writestr(name, body if name == "word/document.xml" else data[name])
    project.sources.import_file(bound)
    project.confirm(project.segments("bound", limit=1)[0].id, ENGLISH[1])
    out = project.export_file("original", tmp_path / "bound.en.docx", doc="bound").path
    (section,) = part(out, "word/document.xml").iter(w("sectPr"))
    assert section.find(w("rtlGutter")) is None and section.find(w("bidi")) is None


def test_character_spacing_and_scaling_of_runs_are_no_tags(tmp_path: Path) -> None:
    """A PDF converted to Word (Acrobat, ABBYY) fits each line by the runs' character
    spacing (``w:spacing``) and scaling (``w:w``), fitted to the Arabic's glyphs: each run
    was a tag, ``<1>نص</1><2> من </2>...``; the English takes the paragraph's prevailing
    run. Bold stays a tag."""
    document = docx.Document()
    p = document.add_paragraph()
    for text, spacing, scale, bold in [("نص ", "-4", None, False), ("محول ", "2", "95", False),
                                       ("من ", None, "90", False), ("ملف", "-1", None, True),
                                       (" قديم.", "-3", "105", False)]:
        rpr = p.add_run(text)._r.get_or_add_rPr()
        if bold:
            rpr.append(B.OxmlElement("w:b"))
        for name, value in (("w:spacing", spacing), ("w:w", scale)):
            if value is not None:
                rpr.append(B.OxmlElement(name, {w("val"): value}))
        rpr.append(B.OxmlElement("w:rtl"))
    source = tmp_path / "pdf.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        segment = project.segments("pdf", limit=10)[0]
        assert segment.source == "نص محول من <1>ملف</1> قديم."
        project.confirm(segment.id, "Text converted from an old <1>file</1>.")
        out = project.export_file("original", tmp_path / "pdf.en.docx").path
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert [(r.text, r.bold) for r in runs] == [
        ("Text converted from an old ", None), ("file", True), (".", None)]


def _with_alt_chunk(source: Path, out: Path, member: str, data: str, *, body_text: bool) -> Path:
    """``source`` with ``member`` (holding ``data``) embedded whole (``w:altChunk``, as web
    applications such as html-docx-js write Word files) in its body, after its paragraphs or
    instead of them."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename == "word/document.xml":
                text = content.decode("utf-8")
                body, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
                content = (text[:body] + (text[body:end] if body_text else "") +
                           '<w:altChunk r:id="rIdChunk"/>' + text[end:]).encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdChunk" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/aFChunk" Target="'
                    + member.encode() + b'"/></Relationships>'))
            new.writestr(item, content)
        new.writestr(f"word/{member}", data)
    return out


def test_a_web_page_embedded_whole_is_read_and_translated(tmp_path: Path) -> None:
    """A Word file whose text is a web page embedded whole (``w:altChunk``, which Word
    converts when it opens the file and LibreOffice does not read) was refused as "no text to
    import". Its blocks are read after the paragraphs' and the page is written back in
    English, left to right; another kind of chunk (RTF) is named."""
    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    page = ('<html dir="rtl"><head><title>عنوان</title></head><body><h1>تقرير</h1>'
            '<p>بدأت <b>الثورة</b>.</p></body></html>')
    source = _with_alt_chunk(bare, tmp_path / "web.docx", "afchunk.htm", page, body_text=False)
    assert [(b.text, b.place) for b in read_source(source).blocks] == [
        ("تقرير", "word/afchunk.htm: h1"), ("بدأت <1>الثورة</1>.", "word/afchunk.htm: p")]
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        heading, sentence = project.segments("web", limit=10)
        project.confirm(heading.id, "Report")
        project.confirm(sentence.id, "The <1>revolution</1> began.")
        out = project.export_file("original", tmp_path / "web.en.docx").path
    english = members(out)["word/afchunk.htm"].decode("utf-8")
    assert '<html dir="ltr" lang="en">' in english and "<h1>Report</h1>" in english
    assert "<p>The <b>revolution</b> began.</p>" in english
    rtf = _with_alt_chunk(bare, tmp_path / "rtf.docx", "chunk.rtf", r"{\rtf1 x}",
                          body_text=False)
    with pytest.raises(WorkbenchError, match=r"its text is in word/chunk\.rtf, a document "
                                             r"embedded whole \(w:altChunk\)"):
        read_source(rtf)
    beside = _with_alt_chunk(B.build_docx(tmp_path / "report.docx"), tmp_path / "beside.docx",
                             "chunk.rtf", r"{\rtf1 x}", body_text=True)
    assert read_source(beside).warnings == [
        "word/chunk.rtf: the text of a document embedded whole (w:altChunk) is not read: it "
        "stays as it is in the export (open the document in Word and save it as .docx first)"]


def test_html_docx_js_s_mhtml_page_embedded_whole_is_read_and_translated(
    tmp_path: Path
) -> None:
    """html-docx-js embeds the page as MHTML (``afchunk.mht``: a MIME message whose page is
    quoted-printable, its UTF-8 raw but for ``=``): it is read so and written back so."""
    page = ('<html><body dir="rtl"><p>بدأت <a href="https://example.org/?a=b">الثورة</a>.'
            '</p></body></html>')
    mht = ('MIME-Version: 1.0\nContent-Type: multipart/related;\n    type="text/html";\n'
           '    boundary="----=mhtDocumentPart"\n\n\n------=mhtDocumentPart\n'
           'Content-Type: text/html;\n    charset="utf-8"\n'
           'Content-Transfer-Encoding: quoted-printable\n'
           'Content-Location: file:///C:/fake/document.html\n\n'
           + page.replace("=", "=3D") + "\n\n------=mhtDocumentPart--\n")
    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    source = _with_alt_chunk(bare, tmp_path / "js.docx", "afchunk.mht", mht, body_text=False)
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        (segment,) = project.segments("js", limit=10)
        assert segment.source == "بدأت <1>الثورة</1>."
        project.confirm(segment.id, "The <1>revolution</1> began.")
        out = project.export_file("original", tmp_path / "js.en.docx").path
    english = mhtml.page_of(members(out)["word/afchunk.mht"])
    assert english is not None
    assert b'<body dir="ltr"><p>The <a href="https://example.org/?a=b">revolution</a> began.' \
        in english


def test_empty_paragraphs_of_a_translated_part_turn_left_to_right(tmp_path: Path) -> None:
    """An empty paragraph between translated ones (or an empty list item, an empty cell of a
    translated table) kept its ``w:bidi``: a paragraph typed there, a list number, were right
    to left. One in a table left all in Arabic keeps it."""
    document = docx.Document()
    for text in ("فقرة أولى.", "", "فقرة ثانية."):
        B._rtl(document.add_paragraph(text))
    table = document.add_table(rows=1, cols=2)
    B._rtl(table.cell(0, 0).paragraphs[0])
    table.cell(0, 0).paragraphs[0].add_run("خلية")
    B._rtl(table.cell(0, 1).paragraphs[0])
    source = tmp_path / "empty.docx"
    document.save(str(source))
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        first, second, _cell = project.segments("empty", limit=10)
        project.confirm(first.id, "First paragraph.")
        project.confirm(second.id, "Second paragraph.")
        out = project.export_file("original", tmp_path / "empty.en.docx").path
    body = part(out, "word/document.xml")
    bidi = [(p.find(w("pPr")).find(w("bidi")).get(w("val")), "".join(p.itertext()))
            for p in body.iter(w("p"))]
    assert bidi == [("0", "First paragraph."), ("0", ""), ("0", "Second paragraph."),
                    (None, "خلية"), (None, "")]
