"""The editor screen driven with the pilot: opening, navigation, confirming, autosave, undo."""

from __future__ import annotations

import pytest
from textual import events

from tests.tui.conftest import (
    editing,
    join_first_two,
    quotation_over_three,
    screen_lines,
    settle,
    write_lock_held,
)
from workbench.project import Project
from workbench.tui.app import Notice
from workbench.tui.screens.editor.editing import AUTOSAVE_IDLE, AUTOSAVE_MAX
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.segment_list import SegmentList


@pytest.mark.both_backends
async def test_opens_first_untranslated_segment_with_editor_focused(sample_db, make_app):
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        project.confirm(first.id, first.target)
        project.confirm(second.id, second.target)
    app = make_app()
    async with editing(app) as (pilot, screen):
        assert screen.current is not None and screen.current.position == 3
        assert isinstance(app.focused, EnglishEditor)
        assert screen.query_one(SegmentList).cursor == 2
        before = screen.editor.text
        await pilot.press("X", "y", "z")
        assert screen.editor.text == before + "Xyz"  # typed at once into the English
        lines = "\n".join(screen_lines(app))
        assert "all segments" in lines and "21 segments" in lines


async def test_next_and_previous_with_alt_and_ctrl_arrows(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        assert screen.current.position == 1
        await pilot.press("alt+down")
        assert screen.current.position == 2
        await pilot.press("ctrl+down", "ctrl+down")
        assert screen.current.position == 4
        await pilot.press("alt+up")
        assert screen.current.position == 3
        await pilot.press("ctrl+up")
        assert screen.current.position == 2
        assert screen.query_one(SegmentList).cursor == 1
        await pilot.press("ctrl+up", "ctrl+up")  # stops at the first segment
        assert screen.current.position == 1
        assert isinstance(app.focused, EnglishEditor)


@pytest.mark.both_backends
async def test_moving_away_saves_the_edit(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        await pilot.press("end", "space", "Q")
        await pilot.press("alt+down")
        await settle(pilot)
    with Project.open(sample_db) as project:
        segment = project.segment(seg_id)
    assert segment.target.endswith(" Q")
    assert segment.status == "draft"


@pytest.mark.both_backends
async def test_ctrl_j_confirms_and_moves_on(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        screen.editor.load_text("The bourgeois critics of Bolshevism often call the October "
                                "Revolution a coup.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert screen.current.position == 2
        assert "done" in screen_lines(app)[1]  # the list shows segment 1 as translated
    with Project.open(sample_db) as project:
        segment = project.segment(seg_id)
        history = project.history(seg_id)
    assert segment.status == "translated"
    assert segment.target.endswith("a coup.")
    assert history[-1].action == "confirm"


async def test_enter_confirms_without_a_line_break(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press("alt+down")  # segment 2
        seg_id = screen.current.id
        screen.editor.load_text("This claim is false to the core")
        screen.editor.move_cursor(screen.editor.document.end)
        await pilot.press(".", "enter")
        await settle(pilot)
        assert screen.current.position == 3
    with Project.open(sample_db) as project:
        segment = project.segment(seg_id)
    assert segment.target == "This claim is false to the core."
    assert "\n" not in segment.target
    assert segment.status == "translated"


@pytest.mark.parametrize("pasted, typed", [
    ("one\r\ntwo", "one two"),  # a Windows clipboard: one space, not two
    ("one \n\n two", "one two"),  # a blank line and the spaces around it
    ("one\u2028two", "one two"),  # a line separator (PDFs, Word)
    ("one\vtwo\fthree", "one two three"),  # Word's manual line break, a form feed
    ("one two.\n", "one two."),  # a copied line with its line break
])
async def test_pasted_line_breaks_become_one_space(sample_db, make_app, pasted, typed):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        screen.editor.load_text("")
        app.post_message(events.Paste(pasted))  # as the terminal's bracketed paste comes
        await pilot.pause()
        assert screen.editor.text == typed
        assert screen.editor.document.line_count == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target == typed


async def test_opening_a_segment_leaves_its_english_as_stored(sample_db, make_app):
    stored = "The first line\u2028and the second\vand the third."  # the editor's lines: \n
    with Project.open(sample_db) as project:
        seg_id = project.segments(limit=1)[0].id
        project.save_draft(seg_id, stored)
        revisions = len(project.history(seg_id))
    app = make_app()
    async with editing(app, seg_id) as (pilot, screen):
        assert screen.editor.text == stored
        await pilot.press("alt+down")  # leaving it saves only an edit
        await settle(pilot)
        await pilot.press("alt+up", "end", "!", "ctrl+s")
        await settle(pilot)
        assert screen.editor.text.endswith("third.!")
    with Project.open(sample_db) as project:
        history = project.history(seg_id)
        assert len(history) == revisions + 1  # the edit typed, nothing on opening
        assert project.segment(seg_id).target == "The first line\nand the second\nand the third.!"


async def test_a_new_segment_never_shows_the_last_ones_panels(sample_db, make_app, monkeypatch):
    import threading

    from workbench.tui.screens.editor import screen as editor_module
    from workbench.tui.widgets.panels import FindingsPanel, GlossaryPanel, ReferencePanel

    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        references = [project.version_text(s.id, "reference:main") for s in (first, second)]
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        reference = screen.query_one(ReferencePanel)
        assert reference.text == references[0]
        assert screen.query_one(GlossaryPanel).lines  # the terms of segment 1
        go_on = threading.Event()  # the next segment's details wait (a busy second connection)
        real_find_terms = editor_module.find_terms

        def slow_find_terms(project, source):
            go_on.wait(30)
            return real_find_terms(project, source)

        monkeypatch.setattr(editor_module, "find_terms", slow_find_terms)
        await pilot.press("alt+down")
        await pilot.pause(0.2)
        shown = "\n".join(screen_lines(app))
        assert references[0][:40] not in shown  # not segment 1's reference under segment 2
        for panel in (reference, screen.query_one(GlossaryPanel), screen.query_one(FindingsPanel)):
            assert panel.pending
        go_on.set()
        await settle(pilot)
        assert reference.text == references[1] and not reference.pending
        assert references[1][:40] in "\n".join(screen_lines(app))


async def test_empty_segment_is_not_confirmed(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        screen.editor.load_text("")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert screen.current.id == seg_id
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).status == "draft"


class FakeClock:
    """A clock the test moves by hand (the editor's autosave reads it)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def fake_clock(screen) -> FakeClock:
    """Give ``screen`` a hand-moved clock; its own autosave timer stops, so only the
    test's ticks save (a timer tick between two steps would save early)."""
    screen.autosave_timer.pause()
    clock = screen.clock = FakeClock()
    return clock


async def test_autosave_within_a_second_lands_in_history(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        clock = fake_clock(screen)
        seg_id = screen.current.id
        await pilot.press("end", *" typed")
        await pilot.pause()  # the editor has seen the change (its clock started)
        screen._autosave_tick()  # typing just now: not saved yet
        app.service.flush()
        with Project.open(sample_db) as other:
            assert not other.segment(seg_id).target.endswith(" typed")
        clock.now += AUTOSAVE_IDLE  # a rest after typing: the next tick saves
        screen._autosave_tick()
        app.service.flush()  # no navigation, no confirm: only the autosave
        with Project.open(sample_db) as other:  # another connection sees it committed
            segment = other.segment(seg_id)
            history = other.history(seg_id)
        assert segment.target.endswith(" typed")
        assert segment.status == "draft"
        assert history[-1].action == "edit"
        assert history[-1].new_text.endswith(" typed")


async def test_autosave_while_typing_on_waits_at_most_its_maximum(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        clock = fake_clock(screen)
        seg_id = screen.current.id
        original = screen.editor.text
        await pilot.press("end")
        step = AUTOSAVE_IDLE / 2  # typing on: never a rest long enough to save
        typed = ""
        for ch in "abcdefgh":
            await pilot.press(ch)
            for _ in range(100):  # until the editor has seen this key (now, on the fake clock)
                await pilot.pause()
                if screen.last_change == clock.now and screen.editor.text.endswith(ch):
                    break
            typed += ch
            screen._autosave_tick()
            app.service.flush()
            with Project.open(sample_db) as other:
                stored = other.segment(seg_id).target
            if clock.now < AUTOSAVE_MAX:
                assert stored == original, typed
            else:
                assert stored == original + typed  # saved although typing goes on
                break
            clock.now += step
        else:
            raise AssertionError("never saved while typing")


async def test_undo_restores_the_previous_text(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        original = screen.editor.text
        screen.editor.load_text("A completely new sentence.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Project.open(sample_db) as other:
            assert other.segment(seg_id).target == "A completely new sentence."
        await pilot.press("f9")
        await settle(pilot)
        assert screen.editor.text == original
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target == original
        assert project.history(seg_id)[-1].action == "undo"


async def test_undo_marks_the_glossary_panel_for_the_restored_english(make_app):
    """After F9 the glossary panel's ✓ marks are those of the English restored, not of the
    English it replaced (segment 1 renders its terms; the text undone rendered none)."""
    from workbench.tui.widgets.panels import GlossaryPanel

    app = make_app()
    async with editing(app) as (pilot, screen):
        panel = screen.query_one(GlossaryPanel)
        marks = [line.rendered for line in panel.lines]
        assert any(marks)
        screen.editor.load_text("A completely new sentence.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not any(line.rendered for line in panel.lines)
        await pilot.press("f9")
        await settle(pilot)
        assert [line.rendered for line in panel.lines] == marks


async def test_english_typed_while_an_undo_waits_is_kept_over_the_restored_one(
    sample_db, make_app
):
    """F9 waits behind another program's write lock; the translator types on, and the
    autosave of the new English queues behind the undo: the editor keeps what was typed, and
    the project holds what the editor shows (the restored English came over the typing on
    screen, while the typing was stored)."""

    app = make_app()
    async with editing(app) as (pilot, screen):
        clock = fake_clock(screen)
        seg_id = screen.current.id
        screen.editor.load_text("A completely new sentence.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with write_lock_held(sample_db):
            await pilot.press("f9")
            await pilot.press("end", *" Typed on.")
            await pilot.pause()
            clock.now += AUTOSAVE_IDLE
            screen._autosave_tick()  # saved behind the undo
        await settle(pilot)
        typed = "A completely new sentence. Typed on."
        assert screen.editor.text == typed
        with Project.open(sample_db) as project:
            assert project.segment(seg_id).target == typed
            assert [h.action for h in project.history(seg_id)[-2:]] == ["undo", "edit"]
        said = [str(n.message) for n in app._notifications]
        assert any("typed meanwhile was kept" in m for m in said), said


async def test_english_typed_while_a_blocked_confirmation_waits_is_not_confirmed_away(
    sample_db, make_app
):
    """Ctrl+J on English with QA errors waits behind another program's write lock while the
    translator types on: the reason dialog is not asked for the English no longer in the
    editor (its answer confirmed that English over the typing, autosaved meanwhile: the
    project held other English than the editor showed); the typing is kept as a draft."""

    from workbench.tui.screens.prompts import OverrideScreen

    uprising = 9  # the draft writes "uprising" for الانتفاضة: an error finding
    app = make_app()
    async with editing(app, uprising) as (pilot, screen):
        clock = fake_clock(screen)
        with write_lock_held(sample_db):
            await pilot.press("ctrl+j")
            await pilot.press("end", *" More")
            await pilot.pause()
        await settle(pilot)
        clock.now += AUTOSAVE_IDLE  # the typing rests (a reason being typed, say)
        screen._autosave_tick()
        await settle(pilot)
        if isinstance(app.screen, OverrideScreen):  # answered as a translator would
            await pilot.press(*"checked", "enter")
            await settle(pilot)
        typed = screen.editor.text
        assert typed.endswith(" More")
        with Project.open(sample_db) as project:
            segment = project.segment(uprising)
        assert (segment.target, segment.status) == (typed, "draft")
        said = [str(n.message) for n in app._notifications]
        assert any("typed on meanwhile" in m for m in said), said


async def test_a_refused_undo_names_the_segment_by_its_number_in_the_list(sample_db, make_app):
    """F9 on a merged segment is refused; the message names it by its number in the list,
    not its id (two merges: segment 4 is the list's third)."""
    with Project.open(sample_db) as project:
        project.merge_with_next(1)
        project.merge_with_next(4)
        assert project.segment(4).position == 3
    app = make_app()
    async with editing(app, 4) as (pilot, _screen):
        await pilot.press("f9")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert any(m.startswith("segment 3: its last change was a merge") for m in said), said
    assert not any("segment 4" in m for m in said)


async def test_undoing_a_rejection_makes_the_editor_read_only_again(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        with Project.open(sample_db) as other:
            other.review(seg_id, "approved")
            other.review(seg_id, "rejected", "wrong term")
        segment = app.service.read(lambda p: p.segment(seg_id))
        screen.rows.update(segment)
        screen.current = screen.rows.row(screen.current_index)
        screen.base_revision = segment.revision
        screen.sync_read_only()
        assert not screen.editor.read_only
        await pilot.press("f9")
        await settle(pilot)
        assert screen.locked and screen.editor.read_only


async def test_quit_with_ctrl_q_saves_the_open_edit(sample_db, make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        await pilot.press("end", "!")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target.endswith("!")


async def test_list_click_opens_segment(make_app):
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.click(SegmentList, offset=(20, 5))  # row 5 of the list (border at 0)
        await settle(pilot)
        assert screen.current.position == 5
        assert isinstance(app.focused, EnglishEditor)
        await pilot.press("f6")  # focus the list; its arrows move and open
        await pilot.press("down")
        assert screen.current.position == 6
        await pilot.press("f6")
        assert isinstance(app.focused, EnglishEditor)


async def test_a_joined_segment_says_where_its_english_is(sample_db, make_app):
    """The second segment of a 2–1 link has no English of its own: its row says which
    segment holds it, so that nobody types the link's English a second time."""
    with Project.open(sample_db) as project:
        join_first_two(project)
    async with editing(make_app(), 3) as (pilot, _):
        lines = screen_lines(pilot.app)
    joined = [line for line in lines if "↑ joined: its English is in #1" in line]
    assert len(joined) == 1 and joined[0].strip("│ ").startswith("2 "), lines[:5]


async def test_the_editor_of_a_joined_segment_says_where_its_english_is(sample_db, make_app):
    """Opened, a joined segment showed an empty English editor and nothing else (the list's
    '↑ joined' is cut off in a narrow terminal): its title says which segment holds it."""
    with Project.open(sample_db) as project:
        join_first_two(project)
    async with editing(make_app(), 2) as (_, screen):
        assert "↑ joined to #1" in str(screen.editor.border_title)
        screen.open_segment(1)
        assert "joined" not in str(screen.editor.border_title)


async def test_an_error_said_again_while_shown_is_one_notice(make_app):
    """A write refused at every autosave (a team member removed meanwhile) stacked one notice
    per tick; an error already on screen is not shown again, another one is."""
    app = make_app()
    async with editing(app) as (pilot, _):
        for _ in range(3):
            app.notify_error("tester may not change the table segments")
            app.post_message(Notice("tester may not change the table segments"))
        app.notify_error("another error")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert said.count("tester may not change the table segments") == 1
        assert said.count("another error") == 1


async def test_the_list_marks_a_quotation_left_open_when_its_closing_mark_is_deleted(
    sample_db, make_app
) -> None:
    """A quotation opened in segment 1 and closed in segment 3: deleting the closing mark in
    the editor left row 1 without its new warning (F3 and its panel had it) until the list
    was read again."""
    ids = quotation_over_three(sample_db)
    app = make_app()
    async with editing(app, ids[2]) as (pilot, screen):
        flags = screen.segment_list.flags
        assert ids[0] in flags
        before = flags[ids[0]]
        screen.editor.load_text("Three.")
        screen.action_save()
        await settle(pilot)
        await settle(pilot)
        assert flags.get(ids[0]) == (before[0], before[1] + 1)
        # a word typed where no mark changes leaves the other rows' marks alone
        flags[ids[0]] = (7, 7)
        screen.editor.load_text("Three. Four.")
        screen.action_save()
        await settle(pilot)
        assert flags[ids[0]] == (7, 7)
