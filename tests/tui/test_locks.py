"""Locked (approved) segments in the editor: marked in the list, read-only with a hint line,
unlocked with Ctrl+U (the reason kept in the history), and typing into one never lost
silently — not even when another program approves the segment while it is being edited."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import notified, until
from workbench.project import Project
from workbench.tui.screens.prompts import UnlockScreen
from workbench.tui.widgets.segment_list import LOCK_MARK


def _approve(path, *segment_ids: int) -> None:
    with Project.open(path, author="reviewer") as project:
        for sid in segment_ids:
            project.review(sid, "approved")


async def test_a_locked_segment_is_marked_read_only_and_refuses_typing(sample_db, make_app):
    _approve(sample_db, 2)
    before = Project.open(sample_db)
    stored = before.segment(2).target
    before.close()
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        rows = [line for line in screen_lines(app) if line.startswith("│     2 ")]
        assert rows and LOCK_MARK in rows[0] and "apprv" in rows[0]
        assert not any(LOCK_MARK in line for line in screen_lines(app)
                       if line.startswith("│     1 "))
        assert screen.editor.read_only
        assert "Ctrl+U: unlock to edit" in "\n".join(screen_lines(app))
        screen.editor.focus()
        await pilot.press("x", "y", "backspace", "ctrl+j")
        await settle(pilot)
        assert screen.editor.text == stored
        assert notified(app, "what you typed was not taken")
        assert notified(app, "Ctrl+U unlocks it")
        assert screen.current.id == 2  # Enter did not confirm and move on
    with Project.open(sample_db) as project:
        assert project.segment(2).target == stored
        assert project.segment(2).locked


async def test_ctrl_u_unlocks_with_a_reason_kept_in_the_history(sample_db, make_app):
    _approve(sample_db, 3)
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        screen.editor.focus()
        await pilot.press("ctrl+u")  # falls through the read-only editor to the unlock key
        await settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        app.screen.query_one(Input).value = "client changed the term"
        await pilot.press("enter")
        await settle(pilot)
        assert not screen.editor.read_only
        assert not screen.current.locked
        assert "unlock to edit" not in "\n".join(screen_lines(app))
        await pilot.press("end", *" now edited")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Project.open(sample_db) as project:
        segment = project.segment(3)
        assert not segment.locked and segment.target.endswith(" now edited")
        actions = [r.action for r in project.history(3)]
        assert "unlock" in actions
        assert any(n["kind"] == "unlock" and n["text"] == "client changed the term"
                   for n in project.notes(3))


async def test_ctrl_u_in_an_unlocked_segment_still_edits(sample_db, make_app):
    app = make_app()
    async with editing(app, 4) as (pilot, screen):
        screen.editor.load_text("delete me")
        screen.editor.move_cursor((0, 9))
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert screen.editor.text == ""
        assert not isinstance(app.screen, UnlockScreen)


async def test_an_edit_of_a_segment_locked_meanwhile_is_kept(sample_db, make_app):
    app = make_app()
    async with editing(app, 5) as (pilot, screen):
        screen.autosave_timer.pause()  # only ctrl+s saves here, however slow the typing is
        screen.editor.focus()
        await pilot.press("end", *" typed while a reviewer approved it")
        typed = screen.editor.text
        _approve(sample_db, 5)  # another program approves (and locks) the segment
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.editor.text == typed  # still in the editor
        assert screen.editor.read_only and screen.current.locked
        assert notified(app, "was approved and locked meanwhile")
        with Project.open(sample_db) as project:
            assert project.segment(5).target != typed
            assert [n["text"] for n in project.notes(5) if n["kind"] == "unsaved-edit"] == [
                typed]
        await pilot.press("ctrl+u")
        await settle(pilot)
        await pilot.press("enter")  # no reason
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Project.open(sample_db) as project:
        assert project.segment(5).target == typed
        assert not project.segment(5).locked


async def test_typing_in_a_segment_approved_elsewhere_is_kept_before_any_save(
    sample_db, make_app
):
    """The live link sees the lock first (no save is tried): the typed English is kept as a
    note all the same, and a later Ctrl+S adds no second copy."""
    app = make_app()
    async with editing(app, 6) as (pilot, screen):
        screen.autosave_timer.pause()
        screen.editor.focus()
        await pilot.press("end", *" typed meanwhile")
        typed = screen.editor.text
        _approve(sample_db, 6)
        await until(pilot, lambda: screen.editor.read_only)
        await settle(pilot)
        assert screen.editor.text == typed
        assert notified(app, "was approved and locked meanwhile")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Project.open(sample_db) as project:
            assert [n["text"] for n in project.notes(6) if n["kind"] == "unsaved-edit"] == [
                typed]


async def test_a_lock_met_by_a_save_in_flight_and_the_live_feed_is_said_once(
    sample_db, make_app
):
    """A reviewer locks the segment while an autosave of it is on its way: the save is
    refused and the live feed sees the lock too; the typing is kept once, and said once."""
    app = make_app()
    async with editing(app, 5) as (pilot, screen):
        screen.autosave_timer.pause()
        screen.editor.focus()
        await pilot.press("end", *" typed as it was locked")
        typed = screen.editor.text
        _approve(sample_db, 5)
        screen.save_text(5, typed, screen.base_revision)  # the autosave already on its way
        screen.keep_locked(5, typed)  # what the live feed does when it sees the lock
        await settle(pilot)
        said = [n.message for n in app._notifications if "locked meanwhile" in n.message]
        assert len(said) == 1, said
        with Project.open(sample_db) as project:
            assert [n["text"] for n in project.notes(5) if n["kind"] == "unsaved-edit"] == [
                typed]
