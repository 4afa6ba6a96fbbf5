"""Messages of the live link come at any time, also while the editor's widgets are removed
at shut-down (a presence change after the Arabic panel went stopped the app with NoMatches)."""

from __future__ import annotations

from tests.tui.conftest import editing
from workbench.tui.widgets.panels import SourceView


async def test_a_presence_change_after_the_arabic_panel_is_gone_is_no_crash(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await screen.query_one(SourceView).remove()
        screen.presence_changed({screen.current.id: ["ben"]})
        await pilot.pause()
        assert str(screen.editor.border_title).startswith("English")  # the rest still drawn
