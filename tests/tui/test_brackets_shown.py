"""Text a user typed is shown as typed, never read as Textual markup: English with square
brackets (``[sic]``, ``[TR]``, a stray ``[/b]``) in the conflict dialog's "theirs" (another
person's English) and in the concordance's status (the query quoted)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tests.tui.conftest import editing, screen_lines, settle
from tests.tui.screen_wait import shows
from workbench.errors import ConflictError
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.conflict import ConflictScreen

THEIRS = "He wrote [sic] twice [TR] and [/b] once."


async def test_the_conflict_dialog_shows_their_brackets(make_app: Any) -> None:
    conflict = ConflictError(2, base_revision=1, revision=2, theirs=THEIRS,
                             theirs_status="draft", author="omar", yours="Mine.",
                             action="edit")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConflictScreen(conflict, 2))
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert any(THEIRS in line for line in screen_lines(app))


async def test_the_concordance_quotes_a_query_with_brackets(make_app: Any) -> None:
    app = make_app()
    async with editing(app, 3) as (pilot, _screen):
        await pilot.press("alt+c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConcordanceScreen)
        dialog.query_one(Input).value = "[sic] [/b]"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert await shows(pilot, 'No unit holds "[sic] [/b]"')
