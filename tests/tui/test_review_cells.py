"""The reviewer's table of a long document: its thousands of cells (each line put in display
order) are made in the worker that reads the rows, not on the UI thread when they arrive."""

from __future__ import annotations

import threading

from textual.widgets import DataTable

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen
from workbench.tui.screens import review
from workbench.tui.screens.review import ReviewScreen


async def test_cells_are_made_in_the_worker_and_made_again_for_another_display(
    make_app, monkeypatch
):
    threads: list[str] = []
    make = review.row_cells

    def recorded(row, bidi, width=None):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return make(row, bidi, width)

    monkeypatch.setattr(review, "row_cells", recorded)
    app = make_app()
    ui = threading.current_thread().name
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == len(screen.rows) > 0 and len(threads) == len(screen.rows)
        assert ui not in threads  # none made on the UI thread
        shown = str(table.get_row_at(0)[3])
        threads.clear()
        await pilot.press("f")  # the view cycles to the segments with findings: made already
        await settle(pilot)
        assert table.row_count > 0 and threads == []
        await pilot.press("f7")  # another display: each shown row's cells made again
        await settle(pilot)
        assert threads and set(threads) == {ui}
        await pilot.press("f", "f")  # all segments again, on the new display
        await settle(pilot)
        assert str(table.get_row_at(0)[3]) == shown  # the first row's text, as at first
