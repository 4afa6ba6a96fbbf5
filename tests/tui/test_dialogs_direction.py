"""F7 (direction app ⇄ terminal) while the export, import, find-and-replace or batch dialog is
open draws its title, status line and Arabic again in the new order, as the concordance, LQA
and changes dialogs do (they kept the order of the direction they were opened in)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Label, Select

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen, shows
from workbench.project import Project
from workbench.text.bidi import visual
from workbench.tui.display import isolate
from workbench.tui.screens.batch import BatchScreen
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.importer import ImportScreen
from workbench.tui.screens.replace import ReplaceScreen

NAME = "التقرير السنوي 2024"


def _title(dialog: Any) -> str:
    return str(dialog.query_one(".dialog-title", Label).render()).rstrip()


async def _arabic_app(sample_db: Any, config: Any) -> Any:
    from workbench.tui.app import WorkbenchApp

    with Project.open(sample_db) as project:
        project.import_document_text("كتب الطالب رسالة.\n", NAME)
    return WorkbenchApp(sample_db, config=config, direction="app", document=NAME)


async def test_f7_draws_the_export_replace_and_import_titles_again(sample_db, config):
    app = await _arabic_app(sample_db, config)
    async with editing(app) as (pilot, _):
        for key, kind, title in (("f12", ExportScreen, "Export "),
                                 ("shift+f2", ReplaceScreen, "in the English · ")):
            dialog = await open_screen(pilot, key, kind)
            assert _title(dialog).endswith(title + visual(NAME))
            await pilot.press("f7")  # terminal direction: sent in logical order
            await settle(pilot)
            assert app.screen is dialog
            assert _title(dialog).endswith(title + NAME)
            await pilot.press("f7")
            await settle(pilot)
            assert _title(dialog).endswith(title + visual(NAME))
            await pilot.press("escape")
            await settle(pilot)
        dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
        dialog.query_one("#kind-translation").value = True  # the documents' list shown
        dialog.set_status(Text.assemble("Importing ", isolate(NAME), "… 3 s"))
        await settle(pilot)
        assert await shows(pilot, f"Importing {visual(NAME)}… 3 s")
        assert await shows(pilot, f"{visual(NAME)} ▼")
        await pilot.press("f7")
        await settle(pilot)
        assert dialog.query_one("#import-target", Select).value == NAME
        assert await shows(pilot, f"Importing {NAME}… 3 s")
        assert await shows(pilot, f"{NAME} ▼")


async def test_f7_draws_the_batch_title_again(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        view = Text.assemble("search ", isolate("الثورة"))
        dialog = BatchScreen(screen.document, [1, 2], view)
        app.push_screen(dialog)
        await settle(pilot)
        assert _title(dialog).endswith(f"(search {visual('الثورة')})")
        await pilot.press("f7")
        await settle(pilot)
        assert app.screen is dialog
        assert _title(dialog).endswith("(search الثورة)")


async def test_a_narrow_dialog_cuts_its_title_at_the_names_logical_end(sample_db, config):
    """At 60 columns the replace dialog's title is one line ending in the name's first words
    (it wrapped the reordered line: the year '2024 ةحصلا' first, its first word below)."""
    app = await _arabic_app(sample_db, config)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        dialog = await open_screen(pilot, "shift+f2", ReplaceScreen)
        await pilot.pause()
        title = dialog.query_one(".dialog-title", Label)
        assert title.size.height == 1
        shown = _title(dialog)
        assert shown.startswith("Find and replace in the English · ")
        assert shown.endswith(visual("التقرير السنوي 2…"))
        assert await shows(pilot, shown)


async def test_f7_draws_the_undo_and_overwrite_questions_again(make_app):
    from workbench.tui.screens.changes import UndoConfirmScreen
    from workbench.tui.screens.overwrite import ImportPlan, OverwriteScreen

    app = make_app()
    change = {"id": 3, "kind": "import", "document": NAME, "changes": 2, "summary": "",
              "at": "2026-01-01T00:00", "author": "tester"}
    async with editing(app) as (pilot, _):
        for dialog, name in ((UndoConfirmScreen(change), NAME),
                             (OverwriteScreen(ImportPlan(1, 0, {"translated": 2}),
                                              "ترجمة.txt", NAME), "ترجمة.txt")):
            app.push_screen(dialog)
            await settle(pilot)
            assert visual(name) in _title(dialog)
            await pilot.press("f7")
            await settle(pilot)
            assert app.screen is dialog and name in _title(dialog)
            await pilot.press("f7")
            await settle(pilot)
            dialog.dismiss(None)
            await settle(pilot)
