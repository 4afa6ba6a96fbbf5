"""Under a dialog the footer of the screen beneath (the editor's keys, which do nothing there)
is left blank; the dialog says its own keys. Assertions are on the cells the terminal shows,
the screen beneath included."""

from __future__ import annotations

from typing import Any

import pytest
from textual._context import visible_screen_stack
from textual.screen import Screen

from tests.tui.conftest import screen_lines, settle
from tests.tui.screen_wait import open_screen
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.export import ExportScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.prompts import FilterScreen

EDITOR_KEYS = ("Confirm", "Next", "Quit", "Help", "Commands")


def shown_lines(app: WorkbenchApp) -> list[str]:
    """Every screen row as the terminal shows it: a dialog over the screens beneath."""
    token = visible_screen_stack.set(app._background_screens)
    try:
        return [strip.text for strip in app.screen._compositor.render_strips()]
    finally:
        visible_screen_stack.reset(token)


@pytest.mark.parametrize("width", [60, 80, 160])
@pytest.mark.parametrize(("key", "kind"), [("f1", HelpScreen), ("f12", ExportScreen),
                                           ("f4", FilterScreen)])
async def test_a_dialog_leaves_the_editors_footer_blank(make_app: Any, width: int, key: str,
                                                        kind: type[Screen[Any]]) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        assert "Quit" in screen_lines(app)[-1]
        await open_screen(pilot, key, kind)
        lines = shown_lines(app)
        assert any("│" in line for line in lines[:-1])  # the editor shows beneath
        assert not any(word in lines[-1] for word in EDITOR_KEYS), lines[-1]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, kind)
        assert "Quit" in screen_lines(app)[-1]  # back with the editor's keys
