"""The reviewer (F3) in a narrow terminal: the last column's text is cut at its logical end
to the width left, so a finding's Arabic term shows its first word, not its last."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import DataTable

from tests.tui.conftest import settle
from tests.tui.screen_wait import open_screen
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
