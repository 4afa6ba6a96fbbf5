"""A segment's history in the TUI (Alt+H in the editor, H in the reviewer): every change of
its English and its notes, oldest first, with an Arabic comment in display order."""

from __future__ import annotations

import pytest

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import open_screen
from workbench.errors import ConflictError
from workbench.project import Project
from workbench.project.reading import Revision
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.history import HistoryScreen, history_lines
from workbench.tui.screens.review import ReviewScreen

COMMENT = "use كرامة here"


async def test_history_from_the_editor_and_the_reviewer(sample_db, make_app):
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        read = project.save_draft(first.id, "First English.").revision
        project.save_draft(first.id, "Second English.")
        with pytest.raises(ConflictError):  # changed since revision `read`: refused, recorded
            project.save_draft(first.id, "Refused English.", revision=read)
        project.add_note(first.id, COMMENT)
    app = make_app()
    async with editing(app, first.id) as (pilot, _):
        history = await open_screen(pilot, "alt+h", HistoryScreen)
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert f"History of segment {first.position}" in shown
        assert "before: First English." in shown and "Second English." in shown
        assert app.bidi.plain(COMMENT) in shown  # the Arabic word in display order
        assert shown.index("First English.") < shown.index("Second English.")
        assert "refused, not stored" in shown and "theirs: Second English." in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and history is not app.screen

        review = await open_screen(pilot, "f3", ReviewScreen)
        assert review.selected().segment_id == first.id
        await open_screen(pilot, "h", HistoryScreen)
        await settle(pilot)
        assert "Second English." in "\n".join(screen_lines(app))
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is review


def test_history_numbers_the_changes_as_workbench_history_does():
    """Each change is headed by its place in the history (#1, #2), as the table of
    `workbench history` numbers it, not by its row's id (read as the segment's revision)."""
    revisions = [
        Revision(1543, "2026-01-02T10:00", "ann", "import", None, "One.", "new", "draft"),
        Revision(1544, "2026-01-02T11:00", "ben", "confirm", "One.", "Two.", "draft",
                 "translated"),
    ]
    heads = [line for line in history_lines(revisions, []).plain.splitlines()
             if line.startswith("#")]
    assert [h.split()[0] for h in heads] == ["#1", "#2"]
