"""The reviewer screen with the pilot: findings one per row, approve / reject with a comment,
comments, and Enter jumping to the segment in the editor."""

from __future__ import annotations

from tests.tui.conftest import editing, editor_screen, screen_lines, settle
from tests.tui.screen_wait import open_screen, shows
from workbench.project import Project
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.review import CommentScreen, ReviewScreen, inline_display


def expected_rows(path) -> list[tuple[int, str, str]]:
    with Project.open(path) as project:
        return [
            (seg.segment_id, f.check, f.message)
            for seg in project.check_document() for f in seg.findings
        ]


async def test_review_lists_every_finding_and_enter_jumps(sample_db, make_app):
    expected = expected_rows(sample_db)
    assert expected, "the sample's draft has findings"
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        assert [(r.segment_id, r.check, r.message) for r in screen.rows] == expected
        assert await shows(pilot, f"{len(expected)} findings")
        await pilot.press("down")
        await settle(pilot)
        target = screen.selected()
        assert target is not None and target.segment_id == expected[1][0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert editor_screen(app).current.id == target.segment_id
        assert editor_screen(app).editor.has_focus


async def test_approve_and_reject_with_comments(sample_db, make_app):
    with Project.open(sample_db) as project:  # confirmed: a rejection sends them back
        for sid in {sid for sid, _, _ in expected_rows(sample_db)}:
            project.confirm(sid, project.segment(sid).target, override_reason="test")
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        first = screen.selected()
        assert first is not None
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        await pilot.press(*"reads well", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert all(r.status == "approved" for r in screen.rows if r.segment_id == first.segment_id)

        # Reject the next segment's finding: a comment is required.
        other = next(r for r in screen.rows if r.segment_id != first.segment_id)
        screen.query_one("DataTable").move_cursor(row=screen.rows.index(other))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")  # empty: refused, the dialog stays
        await settle(pilot)
        assert isinstance(app.screen, CommentScreen)
        await pilot.press(*"use insurrection", "enter")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"see the glossary", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    with Project.open(sample_db) as project:
        assert project.segment(first.segment_id).status == "approved"
        assert [(n["kind"], n["text"]) for n in project.notes(first.segment_id)] == [
            ("approved", "reads well")
        ]
        assert project.segment(other.segment_id).status == "draft"
        assert [(n["kind"], n["text"]) for n in project.notes(other.segment_id)] == [
            ("rejected", "use insurrection"), ("comment", "see the glossary")
        ]
        assert project.history(other.segment_id)[-1].action == "status"


async def test_review_shows_arabic_terms_in_display_order(make_app):
    shown = inline_display("ثورة: expected 'revolution'", True, False)
    assert shown == "ةروث: expected 'revolution'"
    assert inline_display("ثورة: expected", False, False) == "ثورة: expected"
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        term_rows = [r for r in screen.rows if r.check.startswith("term-")]
        assert term_rows
        shown = inline_display(term_rows[0].message, True, False)[:30]
        assert await shows(pilot, shown)
        assert term_rows[0].message[:30] not in "\n".join(screen_lines(app))
