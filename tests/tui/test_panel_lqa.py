"""LQA in the TUI with the pilot: the error form from the reviewer (E) and from the editor
(Shift+F12, the span the selected English, saved first), the segment's errors in the reviewer's
detail and removing one (D), and the LQA score on the scores screen."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, TextArea

from tests.tui.conftest import editing, join_first_two, settle
from tests.tui.screen_wait import notified, open_screen, shows
from workbench.project import Project
from workbench.tui.screens.lqa import LqaErrorScreen, LqaRemoveScreen, category_options
from workbench.tui.screens.review import ReviewScreen
from workbench.tui.screens.scores import ScoresScreen


def test_the_category_picker_offers_every_mqm_category():
    from workbench.lqa import CATEGORIES, DIMENSIONS

    ids = [cid for _label, cid in category_options()]
    assert ids == list(CATEGORIES) and set(DIMENSIONS) <= set(ids)
    labels = dict((cid, label) for label, cid in category_options())
    assert labels["accuracy/omission"] == "accuracy/omission — Omission"


async def test_reviewer_records_an_error_with_a_span_and_removes_it(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        row = review.selected()
        assert row is not None
        form = await open_screen(pilot, "e", LqaErrorScreen)
        area = form.query_one(TextArea)
        assert area.text == row.target and area.read_only
        area.focus()
        await pilot.press("home", *["shift+right"] * 3)  # the span: the first three letters
        form.query_one("#lqa-category", Select).value = "accuracy/omission"
        form.query_one("#lqa-severity", Select).value = "major"
        form.query_one(Input).value = "a clause is missing"
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is review
        assert await shows(pilot, "LQA #")
        assert await shows(pilot, "major accuracy/omission")
        with Project.open(sample_db) as project:
            errors = project.lqa.errors(segment_id=row.segment_id)
        assert [(e.category, e.severity, e.span, e.comment) for e in errors] == [
            ("accuracy/omission", "major", (0, 3), "a clause is missing")]
        assert errors[0].quote == row.target[:3]
        chooser = await open_screen(pilot, "d", LqaRemoveScreen)
        assert [e.id for e in chooser.errors] == [errors[0].id]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is review
        with Project.open(sample_db) as project:
            assert project.lqa.errors(segment_id=row.segment_id) == []  # no longer counted
            assert project.lqa.error(errors[0].id).category == "accuracy/omission"  # kept
        assert not await shows(pilot, "LQA #")


async def test_escape_records_nothing(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, _):
        await open_screen(pilot, "f3", ReviewScreen)
        await open_screen(pilot, "e", LqaErrorScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    with Project.open(sample_db) as project:
        assert project.lqa.errors() == []


async def test_editor_key_takes_the_selected_english_after_saving_it(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        segment_id = screen.current.id
        editor = screen.editor
        editor.load_text("A freshly typed English sentence.")  # not saved yet
        start = len("A freshly ")
        editor.selection = editor.selection.__class__((0, start), (0, start + len("typed")))
        form = await open_screen(pilot, "shift+f12", LqaErrorScreen)
        assert form.english == "A freshly typed English sentence."  # saved first
        assert form.span == (start, start + len("typed"))
        assert form.query_one(TextArea).selected_text == "typed"
        form.query_one("#lqa-category", Select).value = "style/awkward"
        await pilot.press("ctrl+j")
        await settle(pilot)
    with Project.open(sample_db) as project:
        (error,) = project.lqa.errors(segment_id=segment_id)
        assert error.category == "style/awkward" and error.severity == "minor"
        assert error.quote == "typed" and not error.outdated


async def test_editor_key_on_a_joined_segment_records_on_the_segment_holding_its_english(
    sample_db, make_app
):
    """Shift+F12 on a joined segment said it had 'no English to evaluate yet': its English is
    on its link's first segment, which the error is recorded on (the form shows that English)."""
    with Project.open(sample_db) as project:
        join_first_two(project)
        english = project.segment(1).target
    app = make_app()
    async with editing(app, 2) as (pilot, screen):
        assert screen.current.position == 2
        form = await open_screen(pilot, "shift+f12", LqaErrorScreen)
        assert form.english == english and form.span is None
        assert notified(app, "Segment 2 is joined to segment 1, whose English translates it: "
                        "the error is recorded on segment 1.")
        form.query_one(TextArea).focus()
        await pilot.press("home", *["shift+right"] * 3)
        await pilot.press("ctrl+j")
        await settle(pilot)
    with Project.open(sample_db) as project:
        (error,) = project.lqa.errors()
        assert (error.segment_id, error.target_text, error.quote) == (1, english, english[:3])


async def test_scores_screen_shows_the_lqa_score(sample_db, make_app):
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        project.set_status(first.id, "translated")
        project.review(first.id, "reviewed")
        project.lqa.add_error(first.id, "accuracy/mistranslation", "major")
        report = project.lqa.report()
    assert report.score is not None and not report.passed
    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "ctrl+t", ScoresScreen)
        await settle(pilot)
        assert await shows(pilot, f"LQA (working): {report.score:.2f}, fail (threshold 99)")
        assert await shows(pilot, f"{report.words:,} words evaluated · 1 error")
        assert screen.systems[0].name == "working"
        assert await shows(pilot, f"{report.score:.2f} fail")  # the working row's LQA cell


async def test_reviewer_detail_scrolls_to_every_error_of_a_long_segment(sample_db, make_app):
    """A segment with more findings and errors than the detail's height: Tab moves into the
    detail and End reaches its last error (the detail clipped them, out of reach)."""
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        for n in range(12):
            project.lqa.add_error(first.id, "style/awkward", "minor", comment=f"remark {n}")
    app = make_app()
    async with editing(app) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        assert review.selected().segment_id == first.id
        assert await shows(pilot, "remark 0") and not await shows(pilot, "remark 11")
        await pilot.press("tab", "end")
        await settle(pilot)
        assert await shows(pilot, "remark 11")
        await pilot.press("shift+tab", "down")  # the table again: its cursor moves
        await settle(pilot)
        assert review.selected().segment_id != first.id


async def test_an_error_on_english_changed_while_the_form_was_open_is_not_recorded(
    sample_db, make_app
):
    app = make_app()
    async with editing(app) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        row = review.selected()
        form = await open_screen(pilot, "e", LqaErrorScreen)
        area = form.query_one(TextArea)
        area.focus()
        await pilot.press("home", *["shift+right"] * 3)
        with Project.open(sample_db, author="ann") as ann:  # a teammate, meanwhile
            ann.save_draft(row.segment_id, "Xyz " + row.target)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is review
        with Project.open(sample_db) as project:
            assert project.lqa.errors(segment_id=row.segment_id) == []
        for _ in range(20):
            if notified(app, "changed while the error was chosen"):
                break
            await pilot.pause(0.05)
        assert notified(app, "changed while the error was chosen")


async def test_a_refused_error_names_the_segment_by_its_number_in_the_list(
    sample_db, make_app
):
    """After a merge, the segment of id 4 is the third row: the refusal says 'segment 3'."""
    with Project.open(sample_db) as project:
        project.merge_with_next(1)
        assert project.segment(4).position == 3
    app = make_app()
    async with editing(app, 4) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        review.query_one(DataTable).move_cursor(row=2)
        await settle(pilot)
        assert review.selected().segment_id == 4
        await open_screen(pilot, "e", LqaErrorScreen)
        with Project.open(sample_db, author="ann") as ann:  # a teammate, meanwhile
            ann.save_draft(4, "Changed meanwhile.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        for _ in range(20):
            if notified(app, "changed while the error was chosen"):
                break
            await pilot.pause(0.05)
        assert notified(app, "segment 3: its English changed while the error was chosen")


async def test_the_reviewers_form_starts_in_the_english_so_shift_arrows_mark_the_span(
    sample_db, make_app
):
    """`e` then Shift+arrows, as the form says: the span is recorded (the keys went to the
    category picker, and the error was recorded without a span)."""
    app = make_app()
    async with editing(app) as (pilot, _):
        review = await open_screen(pilot, "f3", ReviewScreen)
        row = review.selected()
        form = await open_screen(pilot, "e", LqaErrorScreen)
        assert form.focused is form.query_one(TextArea)
        await pilot.press(*["right"] * 4, *["shift+right"] * 3)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert app.screen is review
    with Project.open(sample_db) as project:
        (error,) = project.lqa.errors(segment_id=row.segment_id)
    assert error.span == (4, 7) and error.quote == row.target[4:7]


async def test_f7_draws_the_lqa_errors_to_remove_in_the_new_direction(make_app):
    from workbench.lqa.scoring import LqaError
    from workbench.text.bidi import visual

    comment = "ترجمة غير دقيقة"
    error = LqaError(id=1, segment_id=1, position=1, category="accuracy/mistranslation",
                     severity="minor", comment=comment, author="tester")
    app = make_app()
    async with editing(app) as (pilot, _):
        app.push_screen(LqaRemoveScreen(1, [error]))
        await settle(pilot)
        assert await shows(pilot, visual(comment))
        await pilot.press("f7")  # terminal direction: sent as stored, the dialog still open
        await settle(pilot)
        assert isinstance(app.screen, LqaRemoveScreen) and await shows(pilot, comment)
