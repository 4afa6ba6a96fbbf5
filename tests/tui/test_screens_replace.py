"""Find and replace (Shift+F2): a preview of every change (locked segments listed as skipped),
Ctrl+J applies it as one change, Ctrl+F9 undoes it at once; only the view when ticked."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.project.batch import Replacement, ReplaceReport
from workbench.tui.rows import ViewSpec
from workbench.tui.screens.changes import UndoConfirmScreen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.replace import (
    AFTER_STYLE,
    BEFORE_STYLE,
    ReplaceQuery,
    ReplaceScreen,
    change_lines,
    summary,
)

HITS = {1, 3, 6, 9, 13, 14, 15}  # segments of the sample whose English says "revolution"


def _texts(path) -> dict[int, str]:
    with Project.open(path) as project:
        return {s.id: s.target for s in project.segments(limit=100)}


def test_a_change_shows_the_matches_struck_and_the_replacements_highlighted():
    change = Replacement(3, 3, "The Revolution and revolutionary revolution.",
                         "The uprising and revolutionary uprising.", 2, ((4, 12), (31, 39)))
    lines = change_lines(change, ReplaceQuery("revolution", "uprising", whole_word=True))
    plain = lines.plain
    assert plain.startswith("     3 − The Revolution") and "\n       + The uprising" in plain
    struck = [plain[s.start:s.end] for s in lines.spans if s.style == BEFORE_STYLE]
    marked = [plain[s.start:s.end] for s in lines.spans if s.style == AFTER_STYLE]
    assert struck == ["Revolution", "revolution"]  # not inside "revolutionary"
    assert marked == ["uprising", "uprising"]


def test_a_change_that_brings_a_qa_error_says_which():
    change = Replacement(1, 1, "The October Revolution.", "The October Revolt.", 1, ((12, 18),),
                         ("term-forbidden: ثورة أكتوبر: forbidden rendering 'October Revolt'",))
    lines = change_lines(change, ReplaceQuery("revolution", "revolt"))
    assert lines.plain.endswith("\n       ✗ term-forbidden: ثورة أكتوبر: forbidden rendering "
                                "'October Revolt'")
    report = ReplaceReport("sample", "revolution", "revolt", changes=[change])
    assert summary(report) == ("1 occurrence in 1 segment will be replaced; 1 segment would "
                               "get QA errors (✗)")


def test_locked_segments_skipped_are_named_by_their_numbers_in_the_list(sample_db):
    """After a merge the ids and the list's numbers differ: the locked segment skipped is
    said by its number (it was 'ids 14', a segment the list numbers 13)."""
    with Project.open(sample_db, author="reviewer") as project:
        project.merge_with_next(1)  # ids 3, 4... are now the list's 2, 3...
        project.review(14, "approved")
        report = project.find_replace(None, "revolution", "uprising", dry_run=True)
        position = project.segment(14).position
    assert report.locked == [14] and report.locked_positions == [position] != [14]
    assert f"1 locked segment skipped ({position}; unlock them" in summary(report)


async def test_preview_apply_as_one_change_and_undo(sample_db, make_app):
    with Project.open(sample_db, author="reviewer") as project:
        project.review(1, "approved")  # locked: listed as skipped, never changed
    before = _texts(sample_db)
    app = make_app()
    async with editing(app, 3) as (pilot, editor):
        dialog = await open_screen(pilot, "shift+f2", ReplaceScreen)
        await pilot.press(*"revolution")
        await pilot.press("tab", *"uprising")
        await pilot.press("ctrl+j")  # no preview yet: Ctrl+J previews first
        await settle(pilot)
        assert app.screen is dialog and dialog.preview is not None
        assert _texts(sample_db) == before
        changes = {c.segment_id for c in dialog.preview.changes}
        assert changes == HITS - {1}
        assert dialog.preview.locked == [1]
        assert await shows(pilot, "1 locked segment skipped")
        assert await shows(pilot, "− The revolution continued")
        assert await shows(pilot, "+ The uprising continued")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert notified(app, "Ctrl+F9 undoes it")
        after = _texts(sample_db)
        assert {s for s in after if after[s] != before[s]} == HITS - {1}
        assert "uprising" in after[3] and after[1] == before[1]
        assert editor.editor.text == after[3]  # the open segment shows the new English
        with Project.open(sample_db) as project:
            assert project.changes()[0]["kind"] == "replace"
        await pilot.press("ctrl+f9")
        await settle(pilot)
        assert isinstance(app.screen, UndoConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert _texts(sample_db) == before
        assert editor.editor.text == before[3]


async def test_only_the_view_and_a_bad_regex(sample_db, make_app):
    with Project.open(sample_db) as project:
        for sid in (3, 6):
            project.set_status(sid, "translated")
    before = _texts(sample_db)
    app = make_app()
    async with editing(app, 3) as (pilot, editor):
        editor.compute_view(ViewSpec(statuses=("translated",)), 3)
        await settle(pilot)
        assert editor.rows.ids == [3, 6]
        dialog = await open_screen(pilot, "shift+f2", ReplaceScreen)
        assert dialog.query_one("#replace-view", Checkbox).value  # ticked in a filtered view
        dialog.query_one("#replace-find", Input).value = "(unclosed"
        dialog.query_one("#replace-regex", Checkbox).value = True
        await pilot.press("enter")
        await settle(pilot)
        assert await shows(pilot, "not a valid regular expression")
        assert app.screen is dialog
        dialog.query_one("#replace-find", Input).value = r"\brevolution\b"
        dialog.query_one("#replace-with", Input).value = "uprising"
        await pilot.press("enter")
        await settle(pilot)
        assert {c.segment_id for c in dialog.preview.changes} == {3, 6}
        await pilot.press("ctrl+j")
        await settle(pilot)
    after = _texts(sample_db)
    assert {s for s in after if after[s] != before[s]} == {3, 6}


async def test_the_view_option_shows_whole_at_80x24(sample_db, make_app):
    """'only the N segments of the view' (ticked when the list is searched or filtered) stood
    beside the other three options, cut to 'only t' at 80 columns."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        editor = app.editor
        assert editor is not None
        editor.compute_view(ViewSpec(statuses=("draft",)), 1)
        await settle(pilot)
        dialog = await open_screen(pilot, "shift+f2", ReplaceScreen)
        frame = dialog.query_one("#replace-dialog").content_region
        for box in dialog.query(Checkbox):
            assert frame.contains_region(box.region), (box.id, box.region, frame)
