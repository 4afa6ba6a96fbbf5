"""Client documents through the dialogs (pilot): the import dialog reads an HTML page and a
Markdown file (format from the ending, or chosen), and the export dialog writes ``original``
with the fallback chosen and its warnings shown."""

from __future__ import annotations

from textual.widgets import Input, Select

from tests.tui.conftest import editing, editor_screen, settle
from tests.tui.screen_wait import notified, open_screen
from workbench.project import Project
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.importer import ImportScreen

PAGE = """<html dir="rtl" lang="ar"><body>
<p>بدأت الثورة في <b>بتروغراد</b> عام ١٩١٧.</p>
<p>سطر أول<br/>سطر ثان.</p>
</body></html>
"""


async def test_import_dialog_reads_a_client_document_with_its_tags(sample_db, make_app,
                                                                  tmp_path):
    page = tmp_path / "report.html"
    page.write_text(PAGE, encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        choices = [value for _label, value in dialog.query_one("#import-format", Select)
                   ._options]
        assert choices[:2] == ["auto", "txt"] and {"docx", "odt", "html", "md",
                                                   "xliff"} <= set(choices)
        await pilot.press(*str(page))
        await settle(pilot)
        assert "by its ending: html" in str(dialog.query_one("#import-format-label").content)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        editor = editor_screen(app)
        assert editor.document.name == "report"
        assert editor.current.source == "بدأت الثورة في <1>بتروغراد</1> عام ١٩١٧."
        assert notified(app, "(html, 2 tags)")
    with Project.open(sample_db) as project:
        assert project.sources.original("report").format == "html"


async def test_import_dialog_takes_the_format_chosen(sample_db, make_app, tmp_path):
    notes = tmp_path / "notes.txt"  # Markdown under a text ending
    notes.write_text("# عنوان\n\nنص **مهم** هنا.\n", encoding="utf-8")
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#import-path", Input).value = str(notes)
        dialog.query_one("#import-format", Select).value = "md"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert editor_screen(app).document.name == "notes"
    with Project.open(sample_db) as project:
        assert [s.source for s in project.segments("notes", limit=5)] == [
            "عنوان", "نص <1>مهم</1> هنا."]


async def test_export_dialog_writes_the_original_with_fallback_and_warnings(sample_db, make_app,
                                                                           tmp_path):
    page = tmp_path / "report.html"
    page.write_text(PAGE.replace("</body>", "<p>فقرة ثالثة.</p></body>"), encoding="utf-8")
    with Project.open(sample_db) as project:
        project.sources.import_file(page, "report")
        first, second, _third = project.segments("report", limit=5)
        project.save_draft(first.id, "The revolution began in <1>Petrograd</1> in 1917.")
        project.save_draft(second.id, "A first line,<1/> a second line.<7/>")  # <7/>: unknown
    output = tmp_path / "out.html"
    app = make_app(document="report")
    async with editing(app) as (pilot, _):
        dialog = await open_screen(pilot, "f12", ExportScreen)
        assert not dialog.query_one("#export-fallback-row").display
        dialog.query_one("#export-format", Select).value = "xliff"  # for OmegaT: source
        await settle(pilot)
        assert dialog.query_one("#export-fallback-row").display
        assert dialog.options()["fallback"] == "empty"  # xliff's default, as the CLI's
        dialog.query_one("#export-format", Select).value = "original"
        await settle(pilot)
        assert dialog.query_one("#export-fallback-row").display
        assert dialog.options()["fallback"] == "source"
        dialog.query_one("#export-fallback", Select).value = "empty"
        assert dialog.options()["fallback"] == "empty"
        dialog.query_one("#export-output", Input).value = str(output)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert notified(app, "1 warnings:") and notified(app, "tags <7/> dropped")
    html = output.read_text(encoding="utf-8")
    assert "<b>Petrograd</b>" in html and 'dir="ltr"' in html
    assert "A first line,<br> a second line." in html
    assert "فقرة" not in html  # untranslated, left out (fallback empty)
