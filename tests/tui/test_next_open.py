"""Ctrl+N (the next segment still to translate) finds it through the store, not by reading
every page of rows on the way (a 100,000-segment document, mostly translated)."""

from __future__ import annotations

import pytest

from tests.tui.conftest import editing, join_first_two, settle
from workbench.project import Project
from workbench.tui import rows as rows_module
from workbench.tui.rows import SegmentRows


def _translate(sample_db, first: int, last: int) -> None:
    """Confirm the segments at positions ``first``..``last``."""
    with Project.open(sample_db) as project:
        for segment in project.segments():
            if first <= segment.position <= last:
                project.confirm(segment.id, segment.target or "Done.", "test")


def _count_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two rows a page; the pages read are listed."""
    monkeypatch.setattr(rows_module, "PAGE_SIZE", 2)
    read: list[int] = []
    load = SegmentRows._load

    def counted(self: SegmentRows, page_no: int):  # type: ignore[no-untyped-def]
        read.append(page_no)
        return load(self, page_no)

    monkeypatch.setattr(SegmentRows, "_load", counted)
    return read


@pytest.mark.both_backends
async def test_ctrl_n_skips_translated_segments_without_reading_their_pages(
    sample_db, make_app, monkeypatch
):
    _translate(sample_db, 2, 17)
    read = _count_pages(monkeypatch)
    app = make_app()
    async with editing(app) as (pilot, screen):
        assert screen.current.position == 1
        await settle(pilot)
        screen.rows.clear()  # as in a long document: the pages on the way are not cached
        read.clear()
        await pilot.press("ctrl+n")
        assert screen.current.position == 18
        assert not {1, 2} & set(read), read  # segments 3-6: passed over, never read
        await pilot.press("ctrl+n")
        assert screen.current.position == 19


async def test_ctrl_n_passes_over_a_segment_confirmed_in_the_app(sample_db, make_app):
    _translate(sample_db, 3, 20)
    app = make_app()
    async with editing(app) as (pilot, screen):
        assert screen.current.position == 1
        await pilot.press("alt+down")
        screen.editor.load_text("Confirmed here.")
        await pilot.press("ctrl+j")  # segment 2 translated (the write may still be queued)
        assert screen.current.position == 3
        await pilot.press("alt+up", "alt+up")
        assert screen.current.position == 1
        await pilot.press("ctrl+n")
        assert screen.current.position == 21
        await pilot.press("ctrl+n")  # none after the last
        assert screen.current.position == 21
        await settle(pilot)
        assert any("No untranslated segment" in str(n.message) for n in app._notifications)


async def test_ctrl_n_stays_in_a_filtered_view(sample_db, make_app):
    _translate(sample_db, 1, 20)
    with Project.open(sample_db) as project:  # segment 21 new, and one of the view back to draft
        segments = project.segments()
        project.save_draft(segments[4].id, "Draft again.")
    app = make_app()
    async with editing(app) as (pilot, screen):
        screen.apply_filter(statuses=("translated", "draft", "new"))
        await settle(pilot)
        screen.open_segment(segments[0].id)
        await pilot.press("ctrl+n")
        assert screen.current.position == segments[4].position
        screen.apply_filter(statuses=("translated",))
        await settle(pilot)
        screen.open_segment(segments[0].id)
        await pilot.press("ctrl+n")  # the open segments are not in this view
        assert screen.current.position == 1


async def test_ctrl_n_and_confirming_pass_over_a_joined_segment(sample_db, make_app):
    """A free translation's import joins many segments to the one before (their English is on
    it): Ctrl+N and the move after a confirmation opened each of them, an empty editor whose
    Ctrl+J said 'Type the English first', inviting the link's English a second time."""
    with Project.open(sample_db) as project:
        join_first_two(project)
        assert project.segment(2).status in ("new", "draft")
    app = make_app()
    async with editing(app, 1) as (pilot, screen):
        await pilot.press("ctrl+n")
        assert screen.current.position != 2
        screen.open_segment(1)
        await settle(pilot)
        await pilot.press("ctrl+j")  # confirmed: on to the next segment, not the joined one
        await settle(pilot)
        assert screen.current.position == 3
        screen.open_segment(2)
        await settle(pilot)
        await pilot.press("ctrl+j")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("Segment 2 is joined: its English is in #1" in m for m in said), said


async def test_the_app_opens_past_a_joined_segment_and_lists_it_with_its_link(
    sample_db, make_app
):
    """Confirming segment 1 left the row of segment 2, joined to it, "new" (its stored
    status) where `workbench stats` counts it translated; and the store's first-open query,
    picking by that status, opened the app on segment 2, an empty editor asking for English
    segment 1 holds."""
    with Project.open(sample_db) as project:
        join_first_two(project)
    async with editing(make_app()) as (pilot, screen):
        assert screen.current.position == 1
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert screen.rows.row(1).status == "translated"
    async with editing(make_app()) as (pilot, screen):
        assert screen.current.position == 3


async def test_english_typed_in_a_joined_segment_is_said_twice_and_the_app_says_so(
    sample_db, make_app
):
    """An import never gives a joined segment English of its own (its link's English, on
    segment 1, translates it: the exports would say it twice); typed in the editor, it was
    stored without a word."""
    with Project.open(sample_db) as project:
        join_first_two(project)
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        assert screen.current.english_elsewhere
        screen.editor.load_text("This claim is false.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("Segment 2 was joined to #1, whose English translates it" in m
                   for m in said), said
