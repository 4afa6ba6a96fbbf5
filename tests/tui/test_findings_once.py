"""A glossary term left out twice is two findings (one per occurrence, each with its span) with
the same message: the "Not confirmed" dialog and the reviewer's detail show it once, as the
editor's findings panel does (they showed the same line twice)."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.widgets import Static

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen
from workbench.project import Project
from workbench.tui.screens.prompts import OverrideScreen
from workbench.tui.screens.review import ReviewScreen


def shown(static: Static) -> str:
    """The text of a Static's content, as a console writes it."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


TWICE = "اجتمعت السوفييتات أمس، ثم اجتمعت السوفييتات اليوم.\n"


def term_left_out_twice(db: Any) -> int:
    """A document whose one segment holds سوفييتات twice, its English rendering neither."""
    with Project.open(db) as project:
        project.import_document_text(TWICE, "twice")
        seg = project.segments("twice")[0]
        project.save_draft(seg.id, "The assemblies met yesterday, and again today.")
        missing = [f for f in project.check_segment(seg.id) if f.check == "term-missing"]
    assert len(missing) == 2 and missing[0].message == missing[1].message
    return seg.id


async def test_not_confirmed_dialog_shows_a_finding_once(sample_db, make_app):
    segment_id = term_left_out_twice(sample_db)
    app = make_app(document="twice")
    async with editing(app, segment_id) as (pilot, _):
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, OverrideScreen)
        assert shown(app.screen.query_one("#override-findings", Static)).count(
            "term-missing") == 1


async def test_reviewer_detail_shows_a_finding_once(sample_db, make_app):
    segment_id = term_left_out_twice(sample_db)
    app = make_app(document="twice")
    async with editing(app, segment_id) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await settle(pilot)
        row = screen.selected()
        assert row is not None and row.segment_id == segment_id and len(row.findings) == 2
        detail = shown(screen.query_one("#review-detail-body", Static))
        assert detail.count("term-missing") == 1
