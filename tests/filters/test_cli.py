"""`workbench import` of client documents and `workbench export --format original`."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.conftest import run_cli
from tests.filters import builders as B
from workbench.project import Project


def test_import_translate_and_export_the_original(in_tmp: Path) -> None:
    source = B.build_docx(in_tmp / "report.docx")
    result = run_cli("import", str(source), "--db", "p.db")
    assert result.exit_code == 0
    assert result.stdout.startswith("imported report: 13 segments from docx (12 paragraphs, "
                                    "4 inline tags")
    with Project.open(in_tmp / "p.db") as project:
        first = project.segments("report", limit=2)[1]
        project.confirm(first.id, "The revolution began in <1>Petrograd</1> in 1917.")
    result = run_cli("export", "--format", "original", "--db", "p.db")
    assert result.exit_code == 0, result.stderr
    out = in_tmp / "translations" / "report.en.docx"
    assert "exported 1 segment with English of report (working) as original to " \
        f"{out.relative_to(in_tmp)}" in result.stdout
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[1] == "The revolution began in Petrograd in 1917. وانتشرت بسرعة."
    result = run_cli("export", "--format", "original", "--db", "p.db", "--output", "e.docx",
                     "--fallback", "empty")
    assert result.exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(in_tmp / "e.docx")).paragraphs]
    assert paragraphs[1] == "The revolution began in Petrograd in 1917."
    assert paragraphs[0] == ""


def test_format_overrides_the_ending(in_tmp: Path) -> None:
    page = in_tmp / "page.txt"
    page.write_text("<html><body><p>نص <b>عريض</b>.</p></body></html>", encoding="utf-8")
    result = run_cli("import", str(page), "--db", "p.db", "--format", "html")
    assert result.exit_code == 0
    assert "from html (1 paragraph, 1 inline tag;" in result.stdout  # not "1 paragraphs"
    as_text = in_tmp / "again.txt"
    as_text.write_text("<p>نص</p>\n", encoding="utf-8")
    assert run_cli("import", str(as_text), "--db", "p.db").exit_code == 0  # text, as always
    with Project.open(in_tmp / "p.db") as project:
        assert [s.source for s in project.segments("page")] == ["نص <1>عريض</1>."]
        assert [s.source for s in project.segments("again")] == ["<p>نص</p>"]
        assert project.sources.original("again") is None


def test_fallback_is_for_the_original_and_xliff_only(in_tmp: Path, sample_db: Path) -> None:
    result = run_cli("export", "--format", "tmx", "--fallback", "empty", "--db", str(sample_db))
    assert result.exit_code == 2
    assert "--fallback is for --format original and xliff, not tmx" in result.stderr
    result = run_cli("export", "--format", "xliff", "--fallback", "source", "--db",
                     str(sample_db))
    assert result.exit_code == 0, result.stderr


def test_a_status_filter_leaves_other_segments_untranslated(in_tmp: Path) -> None:
    source = B.build_docx(in_tmp / "report.docx")
    with Project.open(in_tmp / "p.db", create=True, author="tester") as project:
        project.sources.import_file(source)
        title, intro = project.segments("report", limit=2)
        project.confirm(title.id, "Report")
        project.save_draft(intro.id, "The revolution began in <1>Petrograd</1> in 1917.")
    result = run_cli("export", "--format", "original", "--db", "p.db", "--output", "t.docx",
                     "--status", "translated")
    assert result.exit_code == 0
    paragraphs = [p.text for p in docx.Document(str(in_tmp / "t.docx")).paragraphs]
    assert paragraphs[0] == "Report" and paragraphs[1].startswith("بدأت")


def test_a_lost_tag_is_a_warning_of_the_export(in_tmp: Path) -> None:
    page = in_tmp / "page.html"
    page.write_text("<p>نص <b>عريض</b>.</p>", encoding="utf-8")
    run_cli("import", str(page), "--db", "p.db")
    with Project.open(in_tmp / "p.db") as project:
        project.save_draft(project.segments("page")[0].id, "Bold <7>text</7>.")
    result = run_cli("export", "--format", "original", "--db", "p.db", "--output", "o.html")
    assert result.exit_code == 0
    assert "warning: p: tags <7> </7> dropped (not in the source)" in result.stderr
    assert "Bold text." in (in_tmp / "o.html").read_text(encoding="utf-8")


def test_a_paragraph_of_invisible_marks_is_no_segment(in_tmp: Path) -> None:
    """A word processor's empty Arabic paragraph holds a right-to-left mark (a page saved
    with a BOM and no text, a BOM): no segment to translate, as in a text file; an empty
    page is refused."""
    page = in_tmp / "page.html"
    page.write_text("<p>مرحبا بالعالم.</p><p>\u200f</p><p>\u200b\u200c </p><p>كيف حالك؟</p>",
                    encoding="utf-8")
    assert run_cli("import", str(page), "--db", "p.db").exit_code == 0
    with Project.open(in_tmp / "p.db") as project:
        assert [s.source for s in project.segments("page")] == ["مرحبا بالعالم.", "كيف حالك؟"]
    preview = run_cli("segment", str(page), "--lang", "ar")
    assert preview.stdout.split("\n\n") == ["مرحبا بالعالم.", "كيف حالك؟\n"]
    empty = in_tmp / "empty.html"
    empty.write_bytes(b"\xef\xbb\xbf")
    result = run_cli("import", str(empty), "--db", "p.db")
    assert result.exit_code == 2 and "empty.html: no text to import" in result.stderr
