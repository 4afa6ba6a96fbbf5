"""A segment whose English is longer than the editor opens showing that English from its first
line (at 60×30 it opened scrolled to its end), with the cursor still at its end, where typing
goes on."""

from __future__ import annotations

from tests.tui.conftest import editor_screen, screen_lines, settle
from workbench.project import Project

FIRST = "The first line of this long English begins here"


def long_english(db) -> list[int]:
    """Give the first two segments of project ``db`` an English of many lines; their ids."""
    clauses = "; ".join(f"clause {n} of the translation runs on" for n in range(2, 14))
    with Project.open(db) as project:
        ids = [s.id for s in project.segments(limit=2)]
        for sid in ids:
            project.save_draft(sid, f"{FIRST}; {clauses}; LAST")
    return ids


async def test_a_long_english_opens_at_its_first_line_with_the_cursor_at_its_end(
    sample_db, make_app
):
    first, second = long_english(sample_db)
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        screen.open_segment(first)
        await settle(pilot)
        shows_the_first_line(app, screen, first)
        await pilot.press("alt+down")  # the next, as long
        await settle(pilot)
        shows_the_first_line(app, screen, second)
        await pilot.press("!")  # typing goes on at the end, and the view follows it
        await settle(pilot)
        assert screen.editor.text.endswith("LAST!")
        assert screen.editor.scroll_offset.y == screen.editor.max_scroll_y


def shows_the_first_line(app, screen, segment_id: int) -> None:
    """Segment ``segment_id`` is open, its English shown from its first line (there are more
    than the editor holds), the cursor at its end."""
    editor = screen.editor
    assert screen.current.id == segment_id
    assert editor.max_scroll_y > 0
    assert editor.scroll_offset.y == 0
    assert any(FIRST[:20] in line for line in screen_lines(app))
    assert editor.cursor_location == editor.document.end
