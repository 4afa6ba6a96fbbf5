"""The reviewer (F3) and the "has QA findings" filter keep each segment's findings between
openings (the service's ``pair_cache``): opened again, they check only the segments changed
since (the translator's own edit, another program's arriving through the live feed, the
segments a glossary term added holds), and what they show of those is fresh."""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import editing, settle
from tests.tui.screen_wait import open_screen, until
from workbench.project import Project
from workbench.tui.screens.review import ReviewScreen


def findings_of(screen: ReviewScreen, segment_id: int) -> list[str]:
    """The checks of the open findings the reviewer shows for a segment."""
    return [check for _, check, _, _ in
            next(r for r in screen.all_rows if r.segment_id == segment_id).findings]


def clean_segment(path: Any) -> Any:
    """A segment with English, checked alone (no link with others), without findings."""
    with Project.open(path) as project:
        return next(s for s in project.check_document()
                    if s.target and not s.unit and not s.findings)


async def test_f3_again_and_the_findings_filter_check_nothing_unchanged(sample_db, make_app):
    with Project.open(sample_db) as project:
        segments = project.check_document()
    app = make_app()
    cache = app.service.pair_cache
    async with editing(app) as (pilot, editor):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        assert cache.checked == len(segments)  # the sample's pairs are all distinct
        rows = list(screen.all_rows)
        await pilot.press("escape")
        await settle(pilot)
        screen = await open_screen(pilot, "f3", ReviewScreen)
        assert cache.checked == len(segments)  # nothing changed: nothing checked
        assert screen.all_rows == rows
        await pilot.press("escape")
        editor.apply_filter(has_findings=True)  # the filter reads the kept findings too
        await settle(pilot)
        assert cache.checked == len(segments)
        assert set(editor.rows.ids) == {s.segment_id for s in segments if s.findings}


async def test_f3_after_an_edit_checks_the_edited_segment_alone(sample_db, make_app):
    seg = clean_segment(sample_db)
    app = make_app()
    cache = app.service.pair_cache
    async with editing(app, seg.segment_id) as (pilot, editor):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        first = cache.checked
        await pilot.press("escape")
        await settle(pilot)
        editor.editor.insert(" 1917 1917", editor.editor.document.end)  # not in the Arabic
        screen = await open_screen(pilot, "f3", ReviewScreen)  # saves the edit first
        assert cache.checked == first + 1
        assert "number-mismatch" in findings_of(screen, seg.segment_id)


async def test_another_programs_edit_reaches_an_open_reviewer_checked(sample_db, make_app):
    seg = clean_segment(sample_db)
    app = make_app()
    cache = app.service.pair_cache
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        first = cache.checked
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(seg.segment_id, seg.target + " 1917")
        # the live link polls the file: a bounded wait for the reviewer's quiet reading
        await until(pilot, lambda: "number-mismatch" in findings_of(screen, seg.segment_id))
        await settle(pilot)
        assert cache.checked == first + 1


async def test_a_glossary_term_added_elsewhere_rechecks_the_segments_holding_it(
    sample_db, make_app,
):
    app = make_app()
    cache = app.service.pair_cache
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        first = cache.checked
        with Project.open(sample_db, author="ben") as ben:
            ben.add_term("نقاد", "Qzxv")  # a term of some segments, not all
        await until(pilot, lambda: cache.checked > first)
        await settle(pilot)
        assert first < cache.checked < 2 * first
        with Project.open(sample_db) as project:
            expected = {s.segment_id: [f.check for f in s.findings]
                        for s in project.check_document()}
        assert {r.segment_id: findings_of(screen, r.segment_id)
                for r in screen.all_rows} == expected
        assert any("term-missing" in checks for checks in expected.values())
