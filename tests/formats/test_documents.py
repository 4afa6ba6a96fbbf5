"""DOCX, HTML, CSV, TSV, Markdown and text exports, each read back by an independent reader."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tests.formats.conftest import Exporter
from workbench.project import Project

HOSTILE = 'Hostile <script>alert("x")</script> & <b>bold</b>'


# DOCX ----------------------------------------------------------------------------------------


def test_docx_is_a_landscape_review_table_with_rtl_arabic(
    export: Exporter, project: Project
) -> None:
    project.review(3, "rejected", "say 'lasted'")
    document = docx.Document(str(export("docx")))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "sample — Arabic–English review"
    assert any(t.startswith("Columns:") for t in texts)  # the legend
    assert any(t.startswith("Statuses:") for t in texts)
    table = document.tables[0]
    assert len(table.rows) == 1 + 21
    assert [c.text for c in table.rows[0].cells] == [
        "#", "Arabic", "English", "Status", "Findings and comments",
    ]
    segments = project.segments(limit=100)
    for row, seg in zip(table.rows[1:], segments, strict=True):
        number, arabic, english, status, _ = row.cells
        assert (number.text, arabic.text, english.text, status.text) == (
            str(seg.position), seg.source, seg.target, seg.status,
        )
        for paragraph in arabic.paragraphs:
            ppr = paragraph._p.pPr
            assert ppr is not None and ppr.find(qn("w:bidi")) is not None
            for run in paragraph.runs:
                rpr = run._r.rPr
                assert rpr.find(qn("w:rtl")) is not None
                fonts = rpr.find(qn("w:rFonts"))
                assert fonts.get(qn("w:cs")) == "Arial"
        for paragraph in english.paragraphs:
            assert paragraph._p.pPr.find(qn("w:bidi")) is None
    assert "tester (rejected): say 'lasted'" in table.rows[3].cells[4].text
    assert "Kerensky" in table.rows[4].cells[4].text  # a glossary finding
    # glossary terms are highlighted in the Arabic
    highlighted = [
        r.text for r in table.rows[20].cells[1].paragraphs[0].runs
        if r._r.rPr.find(qn("w:highlight")) is not None
    ]
    assert "السوفييتات" in "".join(highlighted)
    # the header row repeats on each page, and a segment's row is not split between two
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:])


def _tagged(tmp_path: Path) -> Project:
    """A project of an HTML page whose Arabic has a pair of tags and an empty one."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>وانتشرت <b>بسرعة</b> كبيرة.</p><p>سطر أول<br>سطر ثان.</p>"
                    "</body></html>", encoding="utf-8")
    project = Project.open(tmp_path / "tagged.db", create=True, author="tester")
    project.sources.import_file(page)
    return project


def test_inline_tags_in_the_arabic_are_isolated_left_to_right(tmp_path: Path) -> None:
    """In a right-to-left paragraph a word processor and a browser mirror a tag: ``</1>`` was
    shown ``<1/>`` and ``<1/>`` ``</1>`` in the Arabic column (LibreOffice, Chromium). Each tag
    is now a left-to-right isolate: LRI and PDI around it in the DOCX, a ``<bdi dir="ltr">``
    in the HTML page; the English, left to right already, is as it was."""
    with _tagged(tmp_path) as project:
        first, second = project.segments(limit=10)
        assert (first.source, second.source) == ("وانتشرت <1>بسرعة</1> كبيرة.",
                                                 "سطر أول<1/>سطر ثان.")
        project.confirm(first.id, "It spread <1>very</1> fast.")
        docx_path = project.export_file("docx", tmp_path / "t.docx").path
        html_path = project.export_file("html", tmp_path / "t.html").path
    rows = docx.Document(str(docx_path)).tables[0].rows[1:]
    assert [r.cells[1].text for r in rows] == [
        "وانتشرت \u2066<1>\u2069بسرعة\u2066</1>\u2069 كبيرة.", "سطر أول\u2066<1/>\u2069سطر ثان.",
    ]
    assert rows[0].cells[2].text == "It spread <1>very</1> fast."
    html = html_path.read_text(encoding="utf-8")
    assert ('وانتشرت <bdi dir="ltr">&lt;1&gt;</bdi>بسرعة<bdi dir="ltr">&lt;/1&gt;</bdi> كبيرة.'
            in html)
    assert 'سطر أول<bdi dir="ltr">&lt;1/&gt;</bdi>سطر ثان.' in html
    assert "It spread &lt;1&gt;very&lt;/1&gt; fast." in html


# HTML ----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[tuple[dict[str, str | None], list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._cell = []
            self.cells.append((dict(attrs), self._cell))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_html_page_is_self_contained_rtl_and_escaped(export: Exporter, project: Project) -> None:
    project.save_draft(2, HOSTILE)
    project.review(2, "rejected", "<script>steal()</script>")
    path = export("html")
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    html = next(attrs for tag, attrs in page.tags if tag == "html")
    assert html["lang"] == "en"
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "b" not in names  # the segment's markup stayed text
    assert not any(tag in ("link", "img", "iframe") for tag in names)  # self-contained
    arabic = [(a, "".join(t)) for a, t in page.cells if a.get("class") == "ar"]
    assert len(arabic) == 21
    assert all(a["dir"] == "rtl" and a["lang"] == "ar" for a, _ in arabic)
    assert [t for _, t in arabic] == [s.source for s in project.segments(limit=100)]
    english = {"".join(t) for a, t in page.cells if a.get("class") == "en"}
    assert HOSTILE in english
    notes = "".join("".join(t) for a, t in page.cells if a.get("class") == "notes")
    assert "<script>steal()</script>" in notes
    assert "forbidden rendering 'Kerenski'" in notes  # findings are shown
    marks = [a for tag, a in page.tags if tag == "mark"]
    assert marks and all(a["class"] == "term" for a in marks)
    assert any("soviets" in (a.get("title") or "") for a in marks)
    assert "@media print" in path.read_text(encoding="utf-8")


# CSV, TSV, Markdown, text ------------------------------------------------------------------------


def _rows(path: Path, delimiter: str, encoding: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_csv_has_a_bom_and_a_row_per_segment(export: Exporter, project: Project) -> None:
    project.save_draft(5, 'A "quoted", comma\nand a line break')
    path = export("csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _rows(path, ",", "utf-8-sig")
    assert rows[0] == ["id", "paragraph", "arabic", "english", "status"]
    segments = project.segments(limit=100)
    assert rows[1:] == [
        [str(s.id), str(s.paragraph), s.source, s.target, s.status] for s in segments
    ]


def test_tsv_has_a_row_per_segment(export: Exporter, project: Project) -> None:
    path = export("tsv")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 22 and rows[0][2:4] == ["arabic", "english"]
    assert rows[1][2] == project.segment(1).source


def test_markdown_table_escapes_pipes(export: Exporter, project: Project) -> None:
    project.save_draft(1, "left | right")
    lines = export("md").read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 21
    assert "left \\| right" in table[2]
    assert all(len(re.split(r"(?<!\\)\|", row)) == 6 for row in table)  # 4 cells each


def test_txt_is_the_english_by_paragraph(export: Exporter, project: Project) -> None:
    text = export("txt").read_text(encoding="utf-8")
    paragraphs = text.splitlines()
    assert len(paragraphs) == 3
    segments = project.segments(limit=100)
    assert paragraphs[1] == " ".join(s.target for s in segments if s.paragraph == 2)
    assert not any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_txt_has_no_inline_tags(export: Exporter, project: Project) -> None:
    """A client document's tags are no text of the deliverable (an empty tag, a line break,
    a space)."""
    project.save_draft(1, "The revolution began in <1>Petrograd</1> in 1917.")
    project.save_draft(2, "First line<2/>second line.")
    first = export("txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("The revolution began in Petrograd in 1917. First line second line.")


def test_reference_version_export(export: Exporter, project: Project) -> None:
    rows = _rows(export("csv", version="reference:main"), ",", "utf-8-sig")
    reference = [project.version_text(i, "reference:main") for i in range(1, 22)]
    assert [r[3] for r in rows[1:]] == reference
