"""What a screen costs to open: Textual styled a new screen's widgets again at its first
resize (to set the breakpoint classes, "-roomy", "-high"), and the footer took its keys off
and mounted them again at every change of the focus or the bindings (nine times as Ctrl+T
opened the scores screen), each time styling them anew. Counted, not timed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.dom import DOMNode
from textual.screen import Screen

from tests.tui.conftest import screen_lines, settle
from tests.tui.screen_wait import until
from workbench.tui.widgets.footer import FittedFooter


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Each full restyle of a screen (``update_node_styles`` on it) and each making of a
    footer's keys, named by their screen's class."""
    seen: dict[str, list[str]] = {"restyled": [], "footers": []}
    restyle, compose = DOMNode.update_node_styles, FittedFooter.compose

    def update_node_styles(self: DOMNode, animate: bool = True) -> None:
        if isinstance(self, Screen):
            seen["restyled"].append(type(self).__name__)
        restyle(self, animate)

    def footer_compose(self: FittedFooter) -> Any:
        seen["footers"].append(type(self.screen).__name__)
        return compose(self)

    monkeypatch.setattr(DOMNode, "update_node_styles", update_node_styles)
    monkeypatch.setattr(FittedFooter, "compose", footer_compose)
    return seen


async def test_a_dialog_is_not_restyled_for_its_breakpoints(make_app, counted):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        counted["restyled"].clear()
        await pilot.press("f12")
        await until(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        await settle(pilot)
        assert {"-roomy", "-high"} <= app.screen.classes  # 80x24's, as the editor's
        assert counted["restyled"].count("ExportScreen") == 1  # as it resumes; not resized


async def test_the_footer_makes_its_keys_again_only_when_they_change(make_app, counted):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        counted["footers"].clear()
        await pilot.press("ctrl+t")
        await until(pilot, lambda: type(app.screen).__name__ == "ScoresScreen")
        await settle(pilot)
        assert counted["footers"].count("ScoresScreen") <= 2, counted["footers"]
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "EditorScreen")
        await settle(pilot)
        assert "EditorScreen" not in counted["footers"]  # its keys are those it had
        await pilot.resize_terminal(60, 20)  # refitted, not made again
        await settle(pilot)
        assert "EditorScreen" not in counted["footers"]
        footer = screen_lines(app)[-1]
        assert "^q Quit f1 Help ▏^p" in footer and "Review" not in footer, footer
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        footer = screen_lines(app)[-1]
        assert "f1 Help f3 Review" in footer and footer.rstrip().endswith("^p Commands")
