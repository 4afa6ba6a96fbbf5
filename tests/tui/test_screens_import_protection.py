"""The import dialog never replaces finished work unasked: a dry run first; with confirmed or
approved segments in the way it asks (naming the counts), then imports as chosen; the import is
one change that Ctrl+F9 undoes at once, and the editor's list follows."""

from __future__ import annotations

from textual.widgets import Input, RadioButton, Select

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.project.sample import bundled
from workbench.tui.screens.changes import ChangesScreen, UndoConfirmScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.importer import ImportScreen
from workbench.tui.screens.overwrite import OverwriteScreen

REFERENCE = bundled("translations/reference.en.txt")


def _finish_some(path) -> dict[int, tuple[str, str]]:
    """Confirm segments 1 and 2, approve 3; the working English and status of every segment."""
    with Project.open(path, author="translator") as project:
        project.set_status(1, "translated")
        project.set_status(2, "translated")
        project.review(3, "approved")
        return {s.id: (s.target, s.status) for s in project.segments(limit=100)}


def _state(path) -> dict[int, tuple[str, str]]:
    with Project.open(path) as project:
        return {s.id: (s.target, s.status) for s in project.segments(limit=100)}


async def _import_working(pilot, path=REFERENCE) -> ImportScreen:
    dialog = await open_screen(pilot, "ctrl+o", ImportScreen)
    dialog.query_one("#kind-translation", RadioButton).value = True
    await settle(pilot)
    dialog.query_one("#import-path", Input).value = str(path)
    dialog.query_one("#import-as", Select).value = "working"
    await pilot.press("ctrl+j")
    await settle(pilot)
    return dialog


async def test_the_dialog_asks_and_keeps_finished_work_then_undoes_at_once(sample_db, make_app):
    before = _finish_some(sample_db)
    app = make_app()
    async with editing(app, 4) as (pilot, editor):
        await _import_working(pilot)
        assert isinstance(app.screen, OverwriteScreen)
        question = "\n".join(screen_lines(app))
        assert "18 drafts will be replaced; 2 confirmed and 1 approved segments hold" in question
        assert app.screen.plan.question() == (
            "18 drafts will be replaced; 2 confirmed and 1 approved segments hold finished work."
        )
        assert "Keep them" in question and "Replace confirmed" in question
        assert _state(sample_db) == before  # the dry run changed nothing
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert notified(app, "Ctrl+F9 undoes this import")
        after = _state(sample_db)
        assert {s: after[s] for s in (1, 2, 3)} == {s: before[s] for s in (1, 2, 3)}
        changed = [s for s in after if after[s] != before[s]]
        assert len(changed) == 18
        # the editor shows the imported English of the open segment
        assert editor.editor.text == after[4][0] != before[4][0]

        await pilot.press("ctrl+f9")
        await settle(pilot)
        assert isinstance(app.screen, UndoConfirmScreen)
        assert "import (text)" in "\n".join(screen_lines(app))
        await pilot.press("y")
        await settle(pilot)
        assert notified(app, "18 restored")
        assert _state(sample_db) == before
        assert editor.editor.text == before[4][0]
        assert editor.rows.row(3).target == before[4][0]

        screen = await open_screen(pilot, "shift+f9", ChangesScreen)
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "undone by #" in shown and "undid #" in shown
        assert [c["kind"] for c in screen.changes] == [
            "undo", "import-translation", "import-translation"]
        assert screen.selected() is screen.changes[2]  # the newest left to undo: the sample's
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoConfirmScreen)
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("up")  # the import undone above
        await pilot.press("u")
        await settle(pilot)
        assert app.screen is screen
        assert notified(app, "cannot be undone: undone by #")
        await pilot.press("down", "u")  # the sample's own import, from the list
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert [c["kind"] for c in screen.changes][:2] == ["undo", "undo"]  # read again
        assert notified(app, "18 restored, 3 changed since and kept")
        assert editor.rows.row(4).status == "new" and editor.rows.row(4).target == ""
    after = _state(sample_db)
    assert {s: after[s] for s in (1, 2, 3)} == {s: before[s] for s in (1, 2, 3)}


async def test_replace_confirmed_and_replace_all(sample_db, make_app):
    before = _finish_some(sample_db)
    app = make_app()
    async with editing(app) as (pilot, _):
        await _import_working(pilot)
        await pilot.press("c")
        await settle(pilot)
        after = _state(sample_db)
        assert after[1] != before[1] and after[2] != before[2]
        assert after[3] == before[3]
        with Project.open(sample_db) as project:
            assert project.segment(3).locked
        await _import_working(pilot)  # again: only the approved segment differs now
        assert isinstance(app.screen, OverwriteScreen)
        assert app.screen.plan.question() == (
            "Nothing else would change; 1 approved segment holds finished work.")
        await pilot.press("a")
        await settle(pilot)
    with Project.open(sample_db) as project:
        assert project.segment(3).target != before[3][0]
        assert project.segment(3).status == "draft" and not project.segment(3).locked


async def test_escape_at_the_question_imports_nothing(sample_db, make_app):
    before = _finish_some(sample_db)
    app = make_app()
    async with editing(app) as (pilot, _):
        dialog = await _import_working(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, "Not imported: nothing was changed")
    assert _state(sample_db) == before
    with Project.open(sample_db) as project:
        assert [c["kind"] for c in project.changes()] == ["import-translation"]  # the sample's


async def test_no_question_when_nothing_finished_is_in_the_way(sample_db, make_app):
    before = _state(sample_db)
    app = make_app()
    async with editing(app) as (pilot, _):
        await _import_working(pilot)
        assert isinstance(app.screen, EditorScreen)  # imported at once
        assert notified(app, "Filled 0, replaced 21")
    after = _state(sample_db)
    assert all(after[s] != before[s] for s in (1, 2, 3))


async def test_f7_draws_the_changes_list_in_the_new_direction(sample_db, make_app):
    from workbench.text.bidi import visual
    from workbench.tui.screens.changes import ChangesLoaded

    name = "التقرير السنوي"
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "shift+f9", ChangesScreen)
        await settle(pilot)
        screen.on_changes_loaded(ChangesLoaded([{**screen.changes[0], "document": name}]))
        assert await shows(pilot, visual(name))
        await pilot.press("f7")  # terminal direction: sent as stored, the list still open
        await settle(pilot)
        assert app.screen is screen and await shows(pilot, name)


async def test_the_time_said_is_the_import_s_not_the_question_s(sample_db, make_app, monkeypatch):
    """The notification's seconds count the import itself: a minute spent answering the
    overwrite question is not said as the import's time ("(60.1 s)")."""
    import workbench.tui.screens.importer as importer

    clock = [1000.0]

    class FakeTime:
        @staticmethod
        def perf_counter() -> float:
            return clock[0]

    monkeypatch.setattr(importer, "time", FakeTime)
    _finish_some(sample_db)
    app = make_app()
    async with editing(app) as (pilot, _):
        await _import_working(pilot)
        assert isinstance(app.screen, OverwriteScreen)
        clock[0] += 60.0  # the translator reads the question for a minute
        await pilot.press("k")
        await settle(pilot)
        assert notified(app, "(0.0 s)")
        assert not notified(app, "(60.0 s)")
