"""The reviewer (F3) in a narrow terminal: the last column's text is cut at its logical end
to the width left, so a finding's Arabic term shows its first word, not its last; the footer
shows the reviewer's keys at 100 columns and the title keeps to one line there."""

from __future__ import annotations

import itertools

from rich.cells import cell_len
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from tests.tui.conftest import screen_lines, settle
from tests.tui.screen_wait import open_screen
from workbench.tui import keys
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.review import ReviewScreen, text_width


def arabic_read(cell: str) -> str:
    """The Arabic letters of a cell as a reader takes them: right to left."""
    return "".join(reversed([ch for ch in cell if "\u0600" <= ch <= "\u06ff"]))


def cut_cells(screen: ReviewScreen) -> list[tuple[str, str]]:
    """(text cell, its finding's term without spaces) of each row whose first finding
    names an Arabic term; every text cell fits the column."""
    table = screen.query_one(DataTable)
    out = []
    for row in screen.rows:
        cell = str(table.get_row(row.key)[3])
        if row.findings and row.findings[0][3]:
            out.append((cell, row.findings[0][3].replace(" ", "")))
        assert cell_len(cell) <= text_width(screen.app.size.width)
    return out


def title_lines(app: WorkbenchApp) -> list[str]:
    """The title's lines (above the table's '#' heading), stripped."""
    lines = itertools.takewhile(lambda line: not line.strip().startswith("#"), screen_lines(app))
    return [line.strip() for line in lines]


async def test_narrow_reviewer_keeps_the_beginning_of_a_findings_arabic_term(make_app):
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await pilot.press("f")  # the segments with findings
        await settle(pilot)
        termed = cut_cells(screen)
        assert termed
        for cell, term in termed:  # cut: the term's beginning shown, never its end alone
            assert "…" in cell and arabic_read(cell) and term.startswith(arabic_read(cell))
        await pilot.resize_terminal(120, 30)  # cut again for the new width
        await settle(pilot)
        wide = cut_cells(screen)
        assert max(cell_len(c) for c, _ in wide) > max(cell_len(c) for c, _ in termed)


async def _reviewer(pilot, width: int) -> tuple[ReviewScreen, set[str]]:
    """The reviewer (F3) opened, and the actions of its footer's keys shown whole left of the
    footer's "^p Commands" at ``width`` columns."""
    await settle(pilot)
    screen = await open_screen(pilot, "f3", ReviewScreen)
    await settle(pilot)
    return screen, {k.action for k in screen.query(FooterKey)
                    if k.region.right <= width - len(" ^p Commands")}


async def test_the_reviewers_keys_show_at_100_columns_and_its_title_keeps_to_one_line(make_app):
    """At 100 columns the footer cut "esc Back" and the key hint wrapped the title to two
    lines (three at 60): the footer is compact, and the hint is left to the footer where the
    title's line cannot hold it."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        _, shown = await _reviewer(pilot, 100)
        # Enter is the focused table's own binding (not shown) while the table has the focus
        wanted = {s.action for s in keys.specs("review") if s.show} - {"jump"}
        assert wanted <= shown, wanted - shown
        title = title_lines(app)
        assert len(title) == 1 and title[0].endswith("6 with findings"), title
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        title = title_lines(app)
        assert len(title) == 1, title
        assert title[0].endswith("a: approve · v: reviewed · r: reject · f: show")


async def test_the_reviewers_most_used_keys_show_at_60_columns(make_app):
    """At 60 columns the footer ended after "c Comment": Back, and the way to the next
    segment, were cut. Approve, reject, comment, back and the list's ↑↓ come first; every
    binding of the reviewer is kept (Help and Ctrl+P list the ones the footer leaves out)."""
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        screen, shown = await _reviewer(pilot, 60)
        assert {"verdict('approved')", "verdict('rejected')", "comment", "close",
                "cursor_down"} <= shown, shown
        bound = {b.id for bs in screen._bindings.key_to_bindings.values() for b in bs}
        assert {s.id for s in keys.specs("review")} <= bound
        table = screen.query_one(DataTable)
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("down")
        assert table.cursor_row == 1
        await pilot.press("up")
        assert table.cursor_row == 0
