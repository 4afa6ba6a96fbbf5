"""Typing while a read-only panel has the focus (a mouse click on the Arabic, the Matches or
the Dictionary panel gives it the focus): the characters go to the English, never lost."""

from __future__ import annotations

from typing import Any

import pytest

from tests.tui.conftest import editing, settle
from workbench.config import Config
from workbench.project import Project
from workbench.tui.widgets.dictionary_panel import DictionaryPanel
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.tui.widgets.panels import SourceView
from workbench.tui.widgets.segment_list import SegmentList


def first_segment_id(db: Any) -> int:
    with Project.open(db) as project:
        return project.segments(limit=1)[0].id


@pytest.mark.parametrize("panel", [SourceView, MatchesPanel, DictionaryPanel])
async def test_typing_in_a_clicked_panel_goes_to_the_english(sample_db, make_app, panel):
    app = make_app()
    async with editing(app, first_segment_id(sample_db)) as (pilot, screen):
        screen.editor.load_text("The ")
        screen.editor.move_cursor(screen.editor.document.end)
        widget = screen.query_one(panel)
        if panel is DictionaryPanel:
            screen.show_dictionary()
        elif panel is MatchesPanel:
            screen.show_matches_tab()
        await settle(pilot)
        await pilot.click(panel)
        await settle(pilot)
        assert widget.has_focus
        await pilot.press("w", "a", "r")
        await settle(pilot)
        assert screen.editor.text == "The war"
        assert isinstance(app.focused, EnglishEditor)


async def test_the_panels_own_keys_still_work(sample_db, make_app):
    """Escape and the word cursor's keys stay the Arabic panel's."""
    app = make_app()
    async with editing(app, first_segment_id(sample_db)) as (pilot, screen):
        view = screen.query_one(SourceView)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert view.has_focus
        await pilot.press("left")
        assert view.word_index == 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, EnglishEditor)


async def test_a_printable_key_the_screen_binds_stays_the_screens(sample_db, make_app):
    """A key remapped to a letter still runs its action from a focused panel."""
    app = make_app(config=Config(keys={"toggle_reference": "x"}))
    async with editing(app, first_segment_id(sample_db)) as (pilot, screen):
        before = screen.editor.text
        await pilot.click(SourceView)
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert screen.editor.text == before  # not typed: the binding ran
        assert not screen.query_one("#reference").display


async def test_typing_in_the_segment_list_goes_to_the_open_segments_english(sample_db, make_app):
    """F6 (or a click on the list) gives the list the focus; moving opens each segment, and
    what is typed there is the English of the segment open."""
    app = make_app()
    async with editing(app, first_segment_id(sample_db)) as (pilot, screen):
        screen.editor.load_text("The ")
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.focused, SegmentList)
        await pilot.press("w", "a", "r")
        await settle(pilot)
        assert screen.editor.text == "The war"
        assert isinstance(app.focused, EnglishEditor)
