"""A 60-column terminal: every button of a dialog and every action of the batch is on the
screen, whole (the bug: the conflict dialog showed "Keep theirs  Keep mine  Save the mer",
"Keep both" past the dialog's edge, and the batch's "Approve (locks)" was cut to "A")."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, RadioButton

from tests.tui.conftest import editor_screen, screen_lines, settle
from tests.tui.screen_wait import until
from workbench.errors import ConflictError
from workbench.project import Project
from workbench.project.views import ViewSpec
from workbench.tui.screens.batch import BatchScreen
from workbench.tui.screens.conflict import ConflictScreen
from workbench.tui.screens.overwrite import ImportPlan, OverwriteScreen

NARROW = (60, 24)


def assert_whole(widget: Widget, dialog: Widget) -> None:
    """``widget`` lies inside the dialog's content, every cell of it seen."""
    inside: Region = dialog.content_region
    region = widget.region
    assert region.width and inside.contains_region(region), (widget, region, inside)


def conflict() -> ConflictError:
    return ConflictError(2, base_revision=1, revision=2, theirs="Theirs.",
                         theirs_status="translated", author="ben", yours="Mine.",
                         action="edit")


async def test_conflict_buttons_are_whole_at_60_columns(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.push_screen(ConflictScreen(conflict(), 2))
        await settle(pilot)
        dialog = app.screen.query_one("#conflict-dialog")
        buttons = list(app.screen.query(Button))
        assert len(buttons) == 4
        for button in buttons:
            assert_whole(button, dialog)


async def test_batch_actions_are_whole_at_60_columns(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        app.push_screen(BatchScreen(screen.document, [1, 2], "all segments"))
        await settle(pilot)
        dialog = app.screen.query_one("#batch-dialog")
        actions = list(app.screen.query(RadioButton))
        assert str(actions[-1].label).startswith("Approve")
        for action in actions:
            assert_whole(action, dialog)


async def test_overwrite_buttons_are_whole_at_60_columns(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        plan = ImportPlan(1, 0, {"translated": 2, "approved": 1})
        app.push_screen(OverwriteScreen(plan, "x.txt", "doc"))
        await settle(pilot)
        dialog = app.screen.query_one("#overwrite-dialog")
        buttons = list(app.screen.query(Button))
        assert "Replace confirmed" in [str(b.label) for b in buttons]
        for button in buttons:
            assert_whole(button, dialog)


LONG = ("The ruling class and its political and military representatives could do nothing "
        "but bite their lips as they watched, powerless, while power slipped from their "
        "hands, and a little more text to make it four lines long at this width.")


def omars(theirs: str, yours: str) -> ConflictError:
    """Segment 2 changed by omar (a draft now) while ``yours`` was typed."""
    return ConflictError(2, base_revision=1, revision=2, theirs=theirs, theirs_status="draft",
                         author="omar", yours=yours, action="edit")


async def test_the_conflict_dialog_fits_24_rows_with_four_lines_a_side(make_app: Any) -> None:
    """At 80x24 with English of four lines on each side, the dialog opens with what happened,
    all of theirs and the buttons in view (its own labels made it scroll the title away and
    hide the buttons under the key hint)."""
    conflict = omars(LONG, LONG + " Mine.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConflictScreen(conflict, 2))
        await settle(pilot)
        shown = "\n".join(screen_lines(app))
        assert "Segment 2 was changed by omar" in shown
        assert "Theirs (omar)" in shown and "four lines long at this width." in shown
        assert "Keep theirs" in shown and "Keep both" in shown


async def test_longer_english_scrolls_in_its_box_with_the_buttons_in_view(make_app: Any) -> None:
    """English of twelve lines on each side at 80x24: what happened and the four buttons stay
    in view, theirs scrolls in its box to its last words (it was cut after six lines, and the
    buttons were pushed under the key hint)."""
    conflict = omars(f"{LONG} {LONG} {LONG} END.", f"{LONG} {LONG} Mine.")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConflictScreen(conflict, 2))
        await settle(pilot)
        dialog = app.screen.query_one("#conflict-dialog")
        shown = "\n".join(screen_lines(app))
        assert "Segment 2 was changed by omar" in shown and "END." not in shown
        for button in app.screen.query(Button):
            assert_whole(button, dialog)
            assert button.region.bottom <= dialog.content_region.bottom - 2  # above the hint
        box = app.screen.query_one("#conflict-theirs-box")
        assert box.max_scroll_y > 0
        box.scroll_end(animate=False)
        await settle(pilot)
        assert "END." in "\n".join(screen_lines(app))


async def test_who_else_is_here_shows_in_a_filtered_60_column_list(sample_db: Any,
                                                                   make_app: Any) -> None:
    """The list's subtitle puts the project's state (others here, OFFLINE and the edits
    waiting) before the filter's key and the Arabic direction: at 60 columns a filtered
    list cut '1 other here' to '1…' (on a server, 'ana (translator) · online · 1 other here'
    was cut unfiltered, as an outage's 'OFFLINE — 2 edits waiting' behind a filter)."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        first = screen.current
        screen.compute_view(ViewSpec(statuses=("draft",)), first.id)
        await settle(pilot)
        with Project.open(sample_db, author="ben") as ben:
            ben.team.here("ben-1", screen.document.id, first.id)
            await until(pilot, lambda: "1 other here" in str(screen.segment_list.border_subtitle))
            await settle(pilot)
            border = next((line for line in screen_lines(app) if "all segments" in line), "")
            assert "1 other here · F5: all segments" in border
            ben.team.leave("ben-1")


async def test_long_english_in_the_conflict_dialog_shows_one_wrapping(make_app: Any) -> None:
    """Yours longer than its box at 80 columns: the box showed lines of two wrappings (the
    scrollbar's coming narrowed the text, and Textual repainted only the line that changed
    length: "...the Temper of Man's Body." over "Man's Body. ben words") until a key."""
    english = ("On the other hand, those who affirm that Hai Ebn Yokdhan was produced in that "
               "Island without Father and Mother, tell us, that in that island, in a piece of "
               "Low ground, it chanc'd that a certain Mass of EARTH was so fermented in some "
               "period of Years, that the four qualities, viz. Hot, Cold, Dry, Moist, were so "
               "equally mix'd, that none of 'em prevail'd over the other; and that this Mass "
               "was of a very great Bulk, in which, some parts were better and more equally "
               "Temper'd than others,and consequently fitter for Generation; the middle part "
               "especially, which came nearest to the Temper of Man's Body. ben words")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ConflictScreen(ConflictError(
            2, base_revision=1, revision=2, theirs=english.replace("ben", "ana"),
            theirs_status="draft", author="ana", yours=english, action="edit"), 2))
        await settle(pilot)
        yours = app.screen.query_one("#conflict-yours")
        top = yours.scroll_offset.y
        expected = [section.strip() for section in yours.wrapped_document.get_sections(0)
                    ][top:top + yours.scrollable_content_region.height]
        box = yours.content_region
        shown = [line[box.x:box.right].strip(" ▄▀▁▂▃▅▆▇█")
                 for line in screen_lines(app)[box.y:box.bottom]]
        assert shown == expected
