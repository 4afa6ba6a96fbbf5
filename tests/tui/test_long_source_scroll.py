"""A long Arabic source scrolled to read on (mouse wheel) stays where it was while the
translator types: the checks after each pause show the panel again, never from its top."""

from __future__ import annotations

from tests.tui.conftest import editing, settle
from workbench.project import Project
from workbench.tui.widgets.panels import SourceView


def long_segment(db) -> int:
    words = ["الثورة", "والعمال", "والفلاحين", "في", "المدن", "والقرى"] * 12 + ["الأخيرة"]
    with Project.open(db) as project:
        text = " ".join(words) + "\n" + " ".join(reversed(words)) + "\n"
        project.import_document_text(text, "long")
        return project.segments(doc="long", limit=1)[0].id


async def test_typing_keeps_the_arabic_panel_where_it_was_scrolled(sample_db, make_app):
    segment_id = long_segment(sample_db)
    app = make_app(document="long")
    async with editing(app, segment_id) as (pilot, screen):
        view = screen.query_one(SourceView)
        assert view.max_scroll_y > 0
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        await pilot.press("T", "h", "e")
        await settle(pilot)
        assert screen.editor.text == "The"
        assert view.scroll_offset.y == view.max_scroll_y
        screen.show_findings(screen.findings)  # as every check after typing does
        await settle(pilot)
        assert view.scroll_offset.y == view.max_scroll_y


async def test_another_segment_opens_at_the_top_of_its_arabic(sample_db, make_app):
    segment_id = long_segment(sample_db)
    app = make_app(document="long")
    async with editing(app, segment_id) as (pilot, screen):
        view = screen.query_one(SourceView)
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        screen.open_segment(segment_id + 1)  # the next one, as long
        await settle(pilot)
        assert view.max_scroll_y > 0
        assert view.scroll_offset.y == 0
