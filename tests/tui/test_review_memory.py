"""Memory and the garbage collector around the reviewer screen (F3): a closed screen keeps
none of its rows alive, and the whole-document check of a background job holds back Python's
full collections only while it runs."""

from __future__ import annotations

import gc

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.review import ReviewScreen, SegmentRow


def alive(kind: type) -> int:
    """How many objects of ``kind`` are alive after a full collection."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


async def test_closed_review_screens_keep_no_rows_alive(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        for _ in range(4):
            await open_screen(pilot, "f3", ReviewScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen)
        # the executor's threads that ran the loads held on to the screens (and their rows)
        assert alive(ReviewScreen) == 0
        assert alive(SegmentRow) == 0
