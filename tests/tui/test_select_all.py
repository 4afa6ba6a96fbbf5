"""Ctrl+A in the editor selects the whole English, as in OmegaT, memoQ and Trados: typing or
a paste then replaces it. It went to the line's start (the TextArea's own Ctrl+A), and the
TextArea's select-all key, F7, is the direction's: the English could not be selected whole."""

from __future__ import annotations

from textual import events

from tests.tui.conftest import editing, settle
from workbench.project import Project
from workbench.tui import keys
from workbench.tui.screens.help import scope_rows


async def test_ctrl_a_selects_the_whole_english_and_typing_replaces_it(sample_db, make_app):
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        editor = screen.editor
        english = editor.text
        assert len(english) > 20
        editor.move_cursor((0, 5))
        await pilot.press("ctrl+a")
        assert editor.selected_text == english
        await pilot.press("N", "e", "w")
        assert editor.text == "New"
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Project.open(sample_db) as project:
            assert project.segment(2).target == "New"


async def test_ctrl_a_from_the_segment_list_selects_the_english_in_the_editor(make_app):
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        await pilot.press("f6")  # the segment list
        assert not screen.editor.has_focus
        await pilot.press("ctrl+a")
        assert screen.editor.has_focus
        assert screen.editor.selected_text == screen.editor.text
        app.post_message(events.Paste("Pasted over it"))  # as a bracketed paste comes
        await pilot.pause()
        assert screen.editor.text == "Pasted over it"


def test_select_all_is_listed_in_help_and_clashes_with_no_key():
    rows = scope_rows(keys.SCOPE["editor"], {})
    assert ("Ctrl+A", "Select the whole English (typing or a paste replaces it)",
            "select_all") in rows
    assert not keys.clashes({})
