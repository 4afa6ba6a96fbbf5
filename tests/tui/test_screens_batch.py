"""Batch work on the view (Shift+F4; Shift+A / Shift+V in the reviewer): confirm through the QA
policy (blocked segments listed; one override reason for all of them), approve (locks them),
each run one change that Ctrl+F9 undoes at once."""

from __future__ import annotations

from textual.widgets import Input, RadioButton

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.tui.screens.batch import BatchScreen, RowState, plan
from workbench.tui.screens.changes import UndoConfirmScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.widgets.segment_list import LOCK_MARK


def _statuses(path) -> dict[int, str]:
    with Project.open(path) as project:
        return {s.id: s.status for s in project.segments(limit=100)}


def test_each_action_takes_the_statuses_it_should():
    rows = [RowState(1, 1, "new", False, False), RowState(2, 2, "draft", True, False),
            RowState(3, 3, "translated", True, False), RowState(4, 4, "reviewed", True, False),
            RowState(5, 5, "approved", True, True)]
    assert plan("confirm", rows).ids == [2]
    assert plan("reviewed", rows).ids == [3]
    assert plan("approved", rows).ids == [3, 4]
    assert plan("confirm", rows).describe() == (
        "1 segment can be confirmed · 4 skipped: 1 empty, 1 locked, 2 confirmed or further")


async def test_confirm_the_view_then_the_blocked_ones_with_one_reason(sample_db, make_app):
    with Project.open(sample_db) as project:
        clean = set(project.select_segments(statuses=["draft"], clean_only=True))
        blocked = set(project.select_segments(statuses=["draft"])) - clean
    assert clean and blocked
    app = make_app()
    async with editing(app) as (pilot, editor):
        dialog = await open_screen(pilot, "shift+f4", BatchScreen)
        await settle(pilot)
        assert await shows(pilot, "21 segments can be confirmed")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is dialog
        statuses = _statuses(sample_db)
        assert {s for s, st in statuses.items() if st == "translated"} == clean
        assert set(dialog.blocked) <= blocked and dialog.blocked
        assert await shows(pilot, f"Confirm the {len(dialog.blocked)} blocked")
        assert notified(app, "Ctrl+F9 undoes it")
        first_blocked = dialog.blocked[0]
        await pilot.press(*"client's spelling")  # the reason field has the focus
        await pilot.press("enter")
        await settle(pilot)
        assert not dialog.blocked
        with Project.open(sample_db) as project:
            assert project.segment(first_blocked).status == "translated"
            assert {o.reason for o in project.overrides()
                    if o.segment_id == first_blocked} == {"client's spelling"}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert editor.rows.row(first_blocked - 1).status == "translated"  # list refreshed
        await pilot.press("ctrl+f9")  # undoes the second run: the overridden ones
        await settle(pilot)
        assert isinstance(app.screen, UndoConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    statuses = _statuses(sample_db)
    assert {s for s, st in statuses.items() if st == "translated"} == clean


async def test_approve_the_view_locks_it_and_one_undo_unlocks_it(sample_db, make_app):
    with Project.open(sample_db) as project:
        for sid in (2, 4):
            project.set_status(sid, "translated")
    app = make_app()
    async with editing(app, 2) as (pilot, editor):
        dialog = await open_screen(pilot, "shift+f4", BatchScreen)
        dialog.query_one("#batch-approved", RadioButton).value = True
        await settle(pilot)
        assert await shows(pilot, "2 segments can be approved")
        dialog.query_one("#batch-reason", Input).value = "signed off"
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert editor.current.locked and editor.editor.read_only
        rows = [line for line in screen_lines(app) if line.startswith(("│     2 ", "│     4 "))]
        assert len(rows) == 2 and all(LOCK_MARK in row for row in rows)
        await pilot.press("ctrl+f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not editor.current.locked and not editor.editor.read_only
    with Project.open(sample_db) as project:
        assert [(project.segment(s).status, project.segment(s).locked) for s in (2, 4)] == [
            ("translated", False), ("translated", False)]


async def test_the_reviewer_approves_its_view_with_shift_a(sample_db, make_app):
    with Project.open(sample_db) as project:
        project.set_status(5, "translated")
    app = make_app()
    async with editing(app) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BatchScreen) and dialog.action == "approved"
        assert len(dialog.ids) == 21
        assert await shows(pilot, "1 segment can be approved")
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review
        assert next(r for r in review.all_rows if r.segment_id == 5).status == "approved"
    assert _statuses(sample_db)[5] == "approved"


async def test_the_palette_offers_the_batches_and_undo_last_import(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        await pilot.press("ctrl+p")
        await pilot.press(*"Batch: approve the segments")
        await settle(pilot)  # the palette's search has finished
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BatchScreen) and app.screen.action == "approved"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Undo last import")
        await settle(pilot)  # the palette's search has finished
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, UndoConfirmScreen)
        assert app.screen.change["kind"] == "import-translation"  # the sample's own
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)


def test_a_joined_segment_is_not_counted_empty():
    """A joined segment (its English on its link's first segment) was counted "empty" by the
    batch dialog, telling a lead that translated segments still had no English."""
    rows = [RowState(1, 1, "draft", True, False), RowState(2, 2, "draft", False, False, True),
            RowState(3, 3, "new", False, False)]
    assert plan("confirm", rows).describe() == (
        "1 segment can be confirmed · 2 skipped: 1 empty, 1 joined (their English is on "
        "another segment)")
