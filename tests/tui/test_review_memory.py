"""Memory and the garbage collector around the reviewer screen (F3): a closed screen keeps
none of its rows alive, and the whole-document check of a background job holds back Python's
full collections only while it runs."""

from __future__ import annotations

import gc
import weakref

import pytest

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen
from workbench.project import Project
from workbench.tui import heap
from workbench.tui.heap import HELD_THRESHOLD, full_collections_held
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.review import ReviewScreen, SegmentRow
from workbench.tui.service import ProjectService


def alive(kind: type) -> int:
    """How many objects of ``kind`` are alive after a full collection."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


async def test_closed_review_screens_keep_no_rows_alive(make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        for _ in range(3):
            await open_screen(pilot, "f3", ReviewScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen)
        # the executor's threads that ran the loads held on to the screens (and their rows)
        assert alive(ReviewScreen) == 0
        assert alive(SegmentRow) == 0


def test_a_background_job_holds_full_collections_until_it_ends(sample_db):
    before = gc.get_threshold()
    service = ProjectService(Project.open(sample_db))
    try:
        during = service.background(lambda p: (gc.get_threshold(), len(p.check_document())))
        assert during[0] == (before[0], before[1], HELD_THRESHOLD) and during[1] > 0
        assert gc.get_threshold() == before  # given back as the job ended

        def fails(_: Project) -> None:
            raise ValueError("a failed job")

        with pytest.raises(ValueError):
            service.background(fails)
        assert gc.get_threshold() == before
    finally:
        service.close()


def test_overlapping_holds_give_the_threshold_back_once_the_last_ends():
    before = gc.get_threshold()
    outer = full_collections_held()
    outer.__enter__()
    with full_collections_held():
        assert gc.get_threshold()[2] == HELD_THRESHOLD
    assert gc.get_threshold()[2] == HELD_THRESHOLD  # the first still runs
    outer.__exit__(None, None, None)
    assert gc.get_threshold() == before


async def test_a_review_screen_frozen_while_open_frees_its_rows_when_closed(make_app):
    # the editor freezes what is alive (heap.freeze_long_lived) when its spelling dictionary
    # or the repetitions arrive: a reviewer's screen open then is never collected after it
    # closes, so it must let go of its rows itself
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        row = weakref.ref(screen.all_rows[0])
        del screen
        try:
            heap.freeze_long_lived()
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, EditorScreen)
            gc.collect()
            assert row() is None
        finally:
            heap.release_frozen()


async def test_the_rows_findings_are_not_tracked_by_the_collector(sample_db, make_app):
    # what each full collection walks while the screen is open: not the findings (200,000
    # of them on 30,000 segments), which are plain tuples of strings
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        flagged = [r for r in screen.all_rows if r.findings]
        assert flagged
        gc.collect()  # a collection stops tracking the tuples it finds hold only untracked items
        assert not any(gc.is_tracked(f) or gc.is_tracked(r.findings)
                       for r in flagged for f in r.findings)
    with Project.open(sample_db) as project:
        first = next(s for s in project.check_document()
                     if s.segment_id == flagged[0].segment_id).findings[0]
    assert flagged[0].findings[0] == (first.severity, first.check, first.message, first.term)
