"""Team work in the TUI, driven with the pilot: other people's changes appear live without
moving the cursor or touching typed English; a save on a stale revision opens the conflict
dialog (theirs, mine, merge, both); presence marks; the server restarting loses no typed
text (edits wait, with a visible status, and are written when it is back)."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import PgServer
from tests.tui.conftest import editing, quotation_over_three, screen_lines, settle
from tests.tui.screen_wait import notified, until
from workbench.errors import PermissionDeniedError
from workbench.project import Project
from workbench.store.live import Change
from workbench.tui.live import LiveChanged
from workbench.tui.screens.conflict import ConflictScreen
from workbench.tui.screens.editor import screen as editor_screen_module
from workbench.tui.screens.editor.live import moved_offset
from workbench.tui.widgets.english_editor import EnglishEditor
from workbench.tui.widgets.panels import ReferencePanel
from workbench.tui.widgets.segment_list import PRESENCE_MARK


async def _write_kept_edits(app: Any) -> None:
    """Open ``app`` (the next session) until it has written the edits kept on this
    computer."""
    async with editing(app) as (pilot, _):
        await until(pilot, lambda: app.service.waiting == 0 and any(
            "being written" in str(n.message) for n in app._notifications))
        await settle(pilot)


def _screen(app: Any) -> str:
    return "\n".join(screen_lines(app))


@contextlib.contextmanager
def _translator(
    sample_db: str, config: Any, pg_server: PgServer, prefix: str
) -> Iterator[tuple[Any, str]]:
    """A new translator of the team project (``prefix`` and the process id) and a TUI opened
    as them; their role dropped after."""
    from workbench.tui.app import WorkbenchApp

    user = f"{prefix}_{os.getpid()}"
    with Project.open(sample_db) as owner:
        owner.team.add_member(user, "translator", "pw")
    try:
        yield WorkbenchApp(sample_db.replace("postgres:@", f"{user}:pw@"), config=config,
                           direction="app"), user
    finally:
        pg_server.admin.execute(f'DROP OWNED BY "{user}"')
        pg_server.admin.execute(f'DROP ROLE IF EXISTS "{user}"')


def _locked_draft(sample_db: str) -> tuple[Any, Any]:
    """The sample's first two segments, the second a draft the lead locked."""
    with Project.open(sample_db) as owner:
        first, seg = owner.segments(limit=2)
        owner.save_draft(seg.id, "A draft the lead locks.")
        owner.lock(seg.id)
    return first, seg


def _report_title(app: Any) -> str:
    """A report screen's title, its wrapped lines joined (the lines above the table's '#'
    heading): a long project path wraps it anywhere, "cannot be" / "reached" too."""
    lines = itertools.takewhile(lambda line: not line.strip().startswith("#"), screen_lines(app))
    return " ".join(" ".join(lines).split())


@pytest.mark.both_backends
async def test_others_changes_appear_live_without_moving_the_cursor(sample_db, make_app):
    with Project.open(sample_db) as project:
        first, _, third = project.segments(limit=3)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        cursor = screen.segment_list.cursor
        with Project.open(sample_db, author="ben") as ben:
            ben.confirm(third.id, "Ben confirmed this one.", override_reason="t")
        await until(pilot, lambda: "Ben confirmed this one." in _screen(app))
        assert screen.segment_list.cursor == cursor and screen.current.id == first.id
        # the open segment, changed elsewhere while nothing is typed: the editor takes it
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(first.id, "Ben rewrote the open one.")
        await until(pilot, lambda: screen.editor.text == "Ben rewrote the open one.")
        assert screen.segment_list.cursor == cursor
        # typed English is never overwritten: the title says it changed elsewhere. Typed,
        # not saved: the autosave (0.4 s after the last key, 0.8 s after the first) is held,
        # as a press under load may take longer than that and save it (then ben's change
        # would rightly be taken, there being nothing unsaved to keep)
        screen.autosave_timer.pause()
        await pilot.press("end", "space", "X", "Y")
        typed = "Ben rewrote the open one. XY"
        await until(pilot, lambda: screen.editor.text == typed and screen._busy())
        with Project.open(sample_db, author="ben") as ben:
            ben.confirm(first.id, "Ben again.", override_reason="t")
        await until(pilot, lambda: "changed by ben meanwhile" in str(screen.editor.border_title))
        assert screen.editor.text == typed
        # a note from someone else on the open segment is shown
        with Project.open(sample_db, author="ben") as ben:
            ben.add_note(first.id, "Please check the date.")
        await until(pilot, lambda: any("Please check the date." in str(n.message)
                                       for n in app._notifications))


async def test_a_change_elsewhere_keeps_the_cursor_beside_the_same_words(sample_db, make_app):
    """The open segment changed elsewhere before the cursor: a translator typing on at the end
    goes on at the end (the cursor kept its offset: "x" landed inside a word of the new
    English), one in the middle stays before the same word."""
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        project.save_draft(first.id, "The critics describe the revolution as a coup.")
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        editor = screen.editor
        await until(pilot, lambda: editor.text.startswith("The critics"))
        editor.move_cursor(editor.document.end)
        changed = "The bourgeois critics of Bolshevism describe the revolution as a coup."
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(first.id, changed)
        await until(pilot, lambda: editor.text == changed)
        assert editor.cursor_location == editor.document.end
        await pilot.press("X")
        assert editor.text == changed + "X"
        screen.autosave_timer.pause()
        editor.load_text(changed)
        screen.saved_text = changed
        await until(pilot, lambda: not screen._busy())
        editor.move_cursor((0, changed.index("revolution")))
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(first.id, "Critics describe the October revolution as a coup.")
        await until(pilot, lambda: editor.text.startswith("Critics"))
        assert editor.text[editor.cursor_location[1]:].startswith("revolution")


def test_the_cursor_of_english_filled_in_elsewhere_is_at_its_start() -> None:
    """An empty segment filled elsewhere (an import) is read from the start of its English;
    a cursor inside words someone replaced goes after their replacement."""
    assert moved_offset("", "Our ancestors tell us.", 0) == 0
    assert moved_offset("The critics said.", "The bourgeois wrote.", 6) == len("The bourgeois")


@pytest.mark.parametrize("choice", ["theirs", "mine", "merge", "both"])
async def test_the_conflict_dialog_keeps_what_the_translator_chooses(
    sample_db, make_app, choice
):
    await _conflict(sample_db, make_app, choice)


@pytest.mark.both_backends
async def test_a_conflict_on_the_server_keeps_mine(sample_db, make_app, backend):
    await _conflict(sample_db, make_app, "mine")


async def _conflict_dialog(pilot: Pilot[Any], app: Any, screen: Any, sample_db: Any,
                           seg_id: int, mine: str) -> None:
    """Type ``mine`` in the open segment, let ben confirm it meanwhile (the editor sees his
    change come in), save: the conflict dialog opens."""
    screen.editor.load_text(mine)  # typed on the revision read with the segment
    with Project.open(sample_db, author="ben") as ben:
        ben.confirm(seg_id, "Theirs.", override_reason="t")
    await until(pilot, lambda: "changed by ben" in str(screen.editor.border_title))
    screen.action_save()
    await until(pilot, lambda: isinstance(app.screen, ConflictScreen))


async def _conflict(sample_db: Any, make_app: Any, choice: str) -> None:
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine.")
        await until(pilot, lambda: "was changed by ben" in _screen(app))
        dialog = app.screen
        lines = _screen(app)
        assert "Theirs." in lines and "Mine." in lines
        if choice == "merge":
            dialog.query_one("#conflict-yours").load_text("Theirs and mine.")
        key = {"theirs": "f2", "mine": "f3", "merge": "ctrl+j", "both": "f4"}[choice]
        await pilot.press(key)
        await until(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
        kept = {"theirs": "Theirs.", "mine": "Mine.", "merge": "Theirs and mine.",
                "both": "Theirs."}[choice]
        assert screen.editor.text == kept
        # answered: the English's title no longer says it was changed meanwhile (it kept
        # "English · changed by ben meanwhile" until another segment was opened)
        assert "meanwhile" not in str(screen.editor.border_title)
    with Project.open(sample_db) as project:
        now = project.segment(seg.id)
        actions = [(r.author, r.action) for r in project.history(seg.id)]
        notes = [(n["kind"], n["text"]) for n in project.notes(seg.id)]
    assert now.target == kept
    assert ("ben", "confirm") in actions and ("tester", "conflict") in actions
    assert (("conflict", "Mine.") in notes) == (choice == "both")


async def test_the_conflict_answer_names_the_segment_by_its_number_in_the_list(
    sample_db, make_app
):
    """After a merge a segment's id is not its number in the list: the notification of the
    answer names the number the translator sees (it said 'Segment 3: kept yours.' of the
    segment numbered 2)."""
    with Project.open(sample_db) as project:
        first, _, third = project.segments(limit=3)
        project.merge_with_next(first.id)
        assert project.segment(third.id).position == 2
    app = make_app()
    async with editing(app, third.id) as (pilot, screen):
        await _conflict_dialog(pilot, app, screen, sample_db, third.id, "Mine.")
        await pilot.press("f3")
        await until(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert "Segment 2: kept yours." in said
    assert not any(m.startswith(f"Segment {third.id}:") for m in said)


@pytest.mark.parametrize("key", ["ctrl+s", "enter"])
async def test_english_typed_in_a_segment_merged_away_elsewhere_is_kept_as_a_note(
    sample_db, make_app, key
):
    """Someone merges the segment before with the open one while English is typed in it:
    the save (or confirmation) finds it gone; the English is kept as a note of the merged
    segment, which holds its Arabic now, and said (it was lost: 'no segment 3')."""
    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        screen.editor.load_text("Typed before the merge.")
        with Project.open(sample_db, author="ben") as ben:
            ben.merge_with_next(2)
        await pilot.press(key)
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
    assert any("kept as a note of segment 2" in m for m in said), said
    assert not any("no segment 3" in m for m in said)
    # the editor stays where the translator was: on the merged segment, or after a
    # confirmation on the next one, where Enter went (it went to the first segment)
    assert screen.current is not None
    assert screen.current.id in ({2} if key == "ctrl+s" else {2, 4})
    with Project.open(sample_db) as project:
        notes = [(n["kind"], n["text"]) for n in project.notes(2)]
    assert ("unsaved-edit", "Typed before the merge.") in notes


async def test_keeping_theirs_shows_the_findings_of_theirs(sample_db, make_app):
    """The findings of English saved before the conflict are not left on show once the
    translator keeps theirs: the open segment's checks are read again."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        screen.editor.load_text("Mine with no stop")
        screen.action_save()
        await until(pilot, lambda: any(f.check == "end-punctuation" for f in screen.findings))
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine again")
        await pilot.press("f2")
        await until(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
        assert screen.editor.text == "Theirs."
        assert not any(f.check == "end-punctuation" for f in screen.findings)


async def test_typing_on_as_the_conflict_dialog_opens_lands_in_yours(sample_db, make_app):
    """The dialog opens while the translator types on (an autosave found the conflict): the
    keys typed after it opened go on at the end of yours, and "keep mine" writes them too."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine")
        await pilot.press("space", "t", "o", "o", "full_stop", "enter")
        assert isinstance(app.screen, ConflictScreen)  # Enter breaks no line, picks nothing
        await pilot.press("f3")
        await until(pilot, lambda: not isinstance(app.screen, ConflictScreen))
        await settle(pilot)
        assert screen.editor.text == "Mine too."
    with Project.open(sample_db) as project:
        assert project.segment(seg.id).target == "Mine too."


async def test_quitting_with_the_conflict_dialog_open_never_overwrites_theirs(
    sample_db, make_app
):
    """The feed's word of a change while the conflict dialog waits (the conflict's own record
    on SQLite) does not take theirs as the saved English: quitting before the translator
    answers writes nothing over theirs (yours is in the history as the conflict)."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine.")
        screen.live_changed([Change("all")])  # as the feed tells of the conflict's record
        await settle(pilot)
        app.exit()
    with Project.open(sample_db) as project:
        now = project.segment(seg.id)
    assert (now.target, now.status) == ("Theirs.", "translated")


async def test_a_change_under_typed_english_is_said_once(sample_db, make_app):
    """The feed telling of the same change again (on SQLite, the conflict's own record) does
    not repeat the warning."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        screen.editor.load_text("Mine.")
        with Project.open(sample_db, author="ben") as ben:
            ben.confirm(seg.id, "Theirs.", override_reason="t")
        await until(pilot, lambda: "changed by ben" in str(screen.editor.border_title))
        screen.live_changed([Change("all")])
        await settle(pilot)
        said = [n for n in app._notifications if "while you were editing" in str(n.message)]
        assert len(said) == 1
        assert screen.editor.text == "Mine."


async def test_own_autosave_seen_by_the_feed_first_is_not_someone_elses_change(
    sample_db, make_app, monkeypatch
):
    """The feed may tell of the editor's own autosave before the save's answer is handled
    (its checks take long on a long segment) while typing goes on: that is not a change made
    elsewhere."""
    from workbench.tui.screens.editor.editing import SegmentEditing

    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        held: list[Any] = []  # the save's answer, held back
        answer = SegmentEditing.on_written
        monkeypatch.setattr(SegmentEditing, "on_written", lambda _self, m: held.append(m))
        screen.editor.load_text("Mine")
        screen.flush_edit()
        await until(pilot, lambda: bool(held))
        screen.editor.load_text("Mine, typed on")
        screen.live_changed([Change("all")])  # the feed tells of that write first
        monkeypatch.setattr(SegmentEditing, "on_written", answer)
        for message in held:
            screen.on_written(message)
        await settle(pilot)
        assert screen.changed_elsewhere is None
        assert "meanwhile" not in str(screen.editor.border_title)
        assert not any("while you were editing" in str(n.message) for n in app._notifications)
        screen.flush_edit()
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    with Project.open(sample_db) as project:
        assert project.segment(seg.id).target == "Mine, typed on"


@pytest.mark.both_backends
async def test_others_open_segments_are_marked_and_named(sample_db, make_app):
    with Project.open(sample_db) as project:
        doc = project.document()
        first, second = project.segments(limit=2)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        with Project.open(sample_db, author="ben") as ben:
            ben.team.here("ben-1", doc.id, second.id)
            await until(pilot, lambda: second.id in screen.segment_list.others)
            row = screen_lines(app)[2]  # the list's second row (under its border)
            assert PRESENCE_MARK in row
            ben.team.here("ben-1", doc.id, first.id)  # ben opens the translator's segment
            await until(pilot, lambda: "also open by ben" in str(screen.editor.border_title))
            assert "1 other here" in str(screen.segment_list.border_subtitle)
            ben.team.leave("ben-1")
            await until(pilot, lambda: not screen.segment_list.others)


@pytest.mark.both_backends
async def test_own_queued_writes_landing_are_not_a_change_by_someone_else(sample_db, make_app):
    """Back online, the edits that waited are written one by one while the translator types
    on: the feed telling of one of them (the English typed since differs) is not a change made
    elsewhere (the title said 'changed by <me> meanwhile', with a warning)."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        me = app.service.project.author
        with Project.open(sample_db, author=me) as own:  # a queued write of this editor lands
            own.save_draft(seg.id, "Mine, one.")
        screen.pending_writes[seg.id] = 1  # ... before its message is handled
        screen.editor.load_text("Mine, one. And two.")
        screen.live_changed([Change("all")])
        assert screen.changed_elsewhere is None
        assert "meanwhile" not in str(screen.editor.border_title)
        assert not any("while you were editing" in str(n.message) for n in app._notifications)
        screen.pending_writes.pop(seg.id)
        screen.base_revision = screen.current.revision
        screen.editor.load_text("Mine, one.")
        await settle(pilot)


@pytest.mark.postgresql_only
async def test_a_server_restart_loses_no_typed_text(sample_db, make_app, pg_server: PgServer):
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        references = [project.version_text(s.id, "reference:main") for s in (first, second)]
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        reference = screen.query_one(ReferencePanel)
        await until(pilot, lambda: reference.text == references[0])
        pg_server.stop()
        try:
            screen.editor.load_text("Typed while the server was down.")
            screen.action_save()
            await pilot.press("alt+down")  # on to the next segment, and type there too
            screen.editor.load_text("And this one too.")
            screen.action_save()
            await until(pilot, lambda: "OFFLINE — 2 edits waiting" in str(
                screen.segment_list.border_subtitle))
            assert screen.editor.text == "And this one too."
            # its panels cannot be read: they say so, never showing the first segment's
            await until(pilot, lambda: reference.text is None
                        and "Not available" in str(reference._content))
        finally:
            pg_server.start()
        await until(pilot, lambda: app.service.online and app.service.waiting == 0
                    and not app.team_status.startswith("OFFLINE"))
        await settle(pilot)
        assert "OFFLINE" not in str(screen.segment_list.border_subtitle)
        await until(pilot, lambda: reference.text == references[1])  # read again
    with Project.open(sample_db) as project:
        assert project.segment(first.id).target == "Typed while the server was down."
        assert project.segment(second.id).target == "And this one too."


@pytest.mark.postgresql_only
async def test_rows_painted_blank_offline_are_read_again_when_back(
    sample_db, make_app, pg_server: PgServer,
):
    """The segment list painted while the server was down (a change seen elsewhere had it
    read again) kept those rows blank once back online, until the view was opened again."""
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        listed = screen.segment_list

        def row_shown() -> bool:
            return any(second.target[:20] in line for line in screen_lines(app))

        assert second.target and row_shown()
        pg_server.stop()
        try:
            await until(pilot, lambda: not app.service.online
                        or app.team_status.startswith("OFFLINE"))
            screen.rows.clear()  # as after changes made elsewhere
            listed.invalidate()
            await until(pilot, lambda: not row_shown())
        finally:
            pg_server.start()
        await until(pilot, lambda: app.service.online and not app.team_status.startswith(
            "OFFLINE"))
        await until(pilot, row_shown)


@pytest.mark.postgresql_only
async def test_rows_and_panels_are_read_again_after_a_reconnection_the_status_never_showed(
    sample_db, make_app,
):
    """A server restart under an idle editor: the live link came back first and had the
    list and the panels read again on the app's connection, still the lost one; that read
    failed, and the connection was opened again before the next look at the status (every
    0.25 s), which never showed it offline: the list stayed blank and the panels said 'Not
    available' while the title said online."""
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        reference_text = project.version_text(first.id, "reference:main")
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        reference = screen.query_one(ReferencePanel)
        listed = screen.segment_list

        def row_shown() -> bool:
            return any(second.target[:20] in line for line in screen_lines(app))

        await until(pilot, lambda: row_shown() and reference.text == reference_text)
        service = app.service
        status = app.team_status
        service._online.clear()  # lost, with no await: the status is not looked at meanwhile
        screen.rows.clear()  # what the link's 'read it all' does; the reads fail offline
        for y in range(listed.size.height):
            listed.render_line(y)
        screen._details_unavailable(first.id)
        service._reconnect()  # the connection opened again
        assert service.online and app.team_status == status
        await until(pilot, lambda: row_shown() and reference.text == reference_text)


@pytest.mark.postgresql_only
async def test_confirming_offline_goes_on_to_the_next_segment(
    sample_db, make_app, pg_server: PgServer,
):
    """Ctrl+J with the server down queued the confirmation and stayed on the segment: the
    next words typed went into the confirmed one (saved over it as a draft)."""
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        english = project.version_text(first.id, "reference:main")  # passes the checks
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        pg_server.stop()
        try:
            screen.editor.load_text(english)
            await pilot.press("ctrl+j")
            await until(pilot, lambda: screen.current is not None
                        and screen.current.id == second.id)
            screen.editor.load_text("Typed on the next one.")
            screen.action_save()
            await until(pilot, lambda: "OFFLINE — 2 edits waiting" in str(
                screen.segment_list.border_subtitle))
        finally:
            pg_server.start()
        await until(pilot, lambda: app.service.online and app.service.waiting == 0)
        await settle(pilot)
        assert screen.current is not None and screen.current.id == second.id
    with Project.open(sample_db) as project:
        one, two = project.segment(first.id), project.segment(second.id)
    assert (one.target, one.status) == (english, "translated")
    assert (two.target, two.status) == ("Typed on the next one.", "draft")


@pytest.mark.both_backends
async def test_the_open_segments_checks_follow_changes_made_elsewhere(sample_db, make_app):
    """A reviewer looking at the open segment sees the findings of its English as it now is,
    and (on SQLite, whose feed reports every change) a term just added to the glossary."""
    from workbench.tui.widgets.panels import GlossaryPanel

    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        await until(pilot, lambda: screen.current.id == first.id and not screen.findings)
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(first.id, "Critics often call the October Revolution a putsch.")
        await until(pilot, lambda: any(f.check == "term-forbidden" for f in screen.findings))
        assert any(f.term == "انقلاب" for f in screen.findings)
        assert screen.segment_list.flags[first.id][0] >= 1
        if str(sample_db).startswith("postgresql"):
            return  # the server's feed names segment changes only: a glossary change is
            # seen at the next segment
        panel = screen.query_one(GlossaryPanel)
        assert not any(line.term == "نقاد" for line in panel.lines)
        with Project.open(sample_db, author="ben") as ben:
            ben.add_term("نقاد", "critics")
        await until(pilot, lambda: any(line.term == "نقاد" for line in panel.lines))


async def test_english_typed_into_the_conflict_dialog_is_kept_when_the_app_quits(
    sample_db, make_app
):
    """Yours as edited in the conflict dialog was lost when the app quit before the answer
    (the history's conflict record holds yours as it was when the dialog opened). It is kept
    as a note of the segment (kind conflict), as "keep both" keeps it; theirs stays."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with editing(app, seg.id) as (pilot, screen):
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine.")
        await pilot.press(*" merged by hand")
        yours = app.screen.query_one("#conflict-yours", EnglishEditor)  # every key in first
        await until(pilot, lambda: yours.text == "Mine. merged by hand")
        await settle(pilot)
        app.exit()
    with Project.open(sample_db) as project:
        now = project.segment(seg.id)
        notes = [(n["kind"], n["text"]) for n in project.notes(seg.id)]
    assert (now.target, now.status) == ("Theirs.", "translated")
    assert ("conflict", "Mine. merged by hand") in notes


@pytest.mark.postgresql_only
async def test_edits_waiting_offline_are_kept_on_this_computer_for_the_next_session(
    sample_db, make_app, pg_server: PgServer
):
    """Ctrl+Q while the server is down and edits wait for it (a confirmation and an
    autosave): the app quits at once, the edits kept in a file of this computer; the next
    app on the project writes them, each on the revision it was typed on (the first press
    had quit and lost them; then it asked twice, and lost them on the second press)."""
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
        english = project.version_text(first.id, "reference:main")  # passes the checks
    app = make_app()
    try:
        async with editing(app, first.id) as (pilot, screen):
            journal = app.service.journal
            assert journal is not None
            pg_server.stop()
            screen.editor.load_text(english)
            screen.action_confirm()  # waits for the server: on to the next meanwhile
            await until(pilot, lambda: screen.current.id == second.id)
            screen.editor.load_text("Typed before quitting offline.")
            await pilot.press("ctrl+q")
            await until(pilot, lambda: app.return_code is not None)
    finally:
        pg_server.start()
    assert app.return_code == 0
    assert app.farewell is not None and "2 edits" in app.farewell
    assert str(journal.path) in app.farewell
    kept = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(e["kind"], e["text"]) for e in kept] == [
        ("confirm", english),
        ("save", "Typed before quitting offline.")]
    with Project.open(sample_db) as project:  # nothing reached the server
        assert project.segment(first.id).status == first.status
    await _write_kept_edits(make_app())
    with Project.open(sample_db) as project:
        one, two = project.segment(first.id), project.segment(second.id)
    assert (one.target, one.status) == (english, "translated")
    assert (two.target, two.status) == ("Typed before quitting offline.", "draft")
    assert list(journal.folder.iterdir()) == []  # written: no file left


@pytest.mark.postgresql_only
async def test_quitting_offline_asks_again_when_the_edits_cannot_be_kept(
    sample_db, make_app, pg_server: PgServer, tmp_path
):
    """When this computer's file of waiting edits cannot be written (its folder is a file
    here), Ctrl+Q offline says they would be lost, and why, and quits only when pressed
    again; back online, they are written."""
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
    (tmp_path / "not-a-folder").write_text("")
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        app.service.journal.folder = tmp_path / "not-a-folder" / "unsent"
        pg_server.stop()
        try:
            screen.editor.load_text("Typed before quitting offline.")
            await pilot.press("ctrl+q")  # the autosave finds the server gone
            await until(pilot, lambda: any("would be lost (they cannot be kept" in str(
                n.message) for n in app._notifications))
            assert app.return_code is None and app.service.waiting == 1
        finally:
            pg_server.start()
        await until(pilot, lambda: app.service.online and app.service.waiting == 0
                    and not app.team_status.startswith("OFFLINE"))
        assert not app.quit_offline_asked  # a later outage asks again
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)  # quits once written
    assert app.return_code == 0 and app.farewell is None
    with Project.open(sample_db) as project:
        assert project.segment(first.id).target == "Typed before quitting offline."


@pytest.mark.postgresql_only
async def test_kept_edits_that_no_longer_fit_are_not_written(sample_db, make_app):
    """Edits an ended session kept on this computer: one for a segment whose Arabic is other
    now (the project was made anew) is not written and stays in the file, said; a kept
    confirmation the checks refuse is written as a draft, said (nobody was asked)."""
    from workbench.tui.unsent import Journal, UnsentEdit, state_dir

    with Project.open(sample_db, author="tester") as project:
        _, _, third, fourth = project.segments(limit=4)
        ended = Journal.for_project(project, state_dir() / "unsent")
    assert ended is not None
    ended.keep([
        ended.new(UnsentEdit(fourth.id, "confirm", "Refused by the checks.",
                             fourth.revision, source=fourth.source)),
        ended.new(UnsentEdit(third.id, "save", "Made for another project.", third.revision,
                             source="نص آخر")),
    ])
    ended._lock_file.close()  # as kill -9 leaves it
    app = make_app()
    async with editing(app) as (pilot, _):  # segment 1 open
        await until(pilot, lambda: app.service.waiting == 0 and any(
            "Segment 4 was not confirmed" in str(n.message) for n in app._notifications))
        said = [str(n.message) for n in app._notifications]
        assert any("1 edit kept on this computer is for segments that are gone or have "
                   "other Arabic now" in m for m in said)
        journal = app.service.journal
        kept = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
        assert [e["text"] for e in kept] == ["Made for another project."]
    with Project.open(sample_db) as project:
        assert (project.segment(fourth.id).target, project.segment(fourth.id).status) == (
            "Refused by the checks.", "draft")
        assert project.segment(third.id).target == third.target


@pytest.mark.postgresql_only
async def test_kept_edits_of_two_ended_sessions_on_one_revision_conflict(sample_db, make_app):
    """Two sessions of one user (two TUIs) typed into one segment on the same revision while
    the server was down, then ended: the next app writes the first and opens the conflict
    dialog for the second, as it would have opened live (the second's save was made on the
    revision the first's had moved the segment to, overwriting it unasked)."""
    from workbench.tui.unsent import Journal, UnsentEdit, state_dir

    with Project.open(sample_db, author="tester") as project:
        _, second = project.segments(limit=2)
        ended = [Journal.for_project(project, state_dir() / "unsent") for _ in range(2)]
    for journal, text in zip(ended, ("Typed in one window.", "Typed in the other."),
                             strict=True):
        assert journal is not None
        journal.keep([journal.new(UnsentEdit(second.id, "save", text, second.revision,
                                             source=second.source))])
        journal._lock_file.close()  # as kill -9 leaves it
    app = make_app()
    async with editing(app) as (pilot, _):  # segment 1 open
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        conflict = app.screen.conflict
        assert conflict.segment_id == second.id and {conflict.theirs, conflict.yours} == {
            "Typed in one window.", "Typed in the other."}
    with Project.open(sample_db) as project:
        assert project.segment(second.id).target == conflict.theirs


def _refuse_saves(monkeypatch: pytest.MonkeyPatch, removed: list[bool]) -> None:
    """The server refuses the English saves of the user while ``removed[0]`` (a member
    removed from the team), as PostgreSQL does by the user's role."""
    from workbench.project.editing import Editing

    real = Editing.save_draft

    def refused(self: Editing, *args: Any, **kwargs: Any) -> Any:
        if not removed[0]:
            return real(self, *args, **kwargs)
        raise PermissionDeniedError("tester may not change the English of segments "
                                    "(permission denied); nothing was changed")

    monkeypatch.setattr(Editing, "save_draft", refused)


@pytest.mark.postgresql_only
async def test_edits_refused_to_a_removed_member_are_kept_for_a_later_session(
    sample_db, make_app, monkeypatch
):
    """A member removed from the team while typing: the server refuses the saves; Ctrl+Q
    keeps them on this computer (they were dropped at quit), and a session after the member
    is added back writes them, without saying the server could not be reached."""
    from workbench.project.editing import Editing

    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
    real = Editing.save_draft
    _refuse_saves(monkeypatch, [True])
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        journal = app.service.journal
        assert journal is not None
        screen.editor.load_text("Typed after the removal.")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert app.farewell is not None and "1 edit not written is kept" in app.farewell
    kept = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(e["kind"], e["text"]) for e in kept] == [("save", "Typed after the removal.")]

    monkeypatch.setattr(Editing, "save_draft", real)  # added back to the team
    later = make_app()
    await _write_kept_edits(later)
    with Project.open(sample_db) as project:
        assert project.segment(first.id).target == "Typed after the removal."
    assert list(journal.folder.iterdir()) == []
    # the later session said they were made 'while the server could not be reached'
    said = [str(n.message) for n in later._notifications if "being written" in str(n.message)]
    assert said and not any("could not be reached" in m for m in said), said


@pytest.mark.postgresql_only
async def test_a_confirmation_refused_to_a_removed_member_stays_a_confirmation(
    sample_db, make_app, monkeypatch
):
    """A removed member confirms: the refused confirmation was saved again at the next tick
    as a draft, kept after it on this computer, and the later session wrote the English
    confirmed, then as a draft again (the segment ended a draft)."""
    from workbench.project.editing import Editing

    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        english = project.version_text(first.id, "reference:main")  # passes the checks
    real, real_save = Editing.confirm, Editing.save_draft

    def refused(self: Editing, *args: Any, **kwargs: Any) -> Any:
        raise PermissionDeniedError("tester may not change the English of segments "
                                    "(permission denied); nothing was changed")

    monkeypatch.setattr(Editing, "confirm", refused)
    _refuse_saves(monkeypatch, [True])
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        journal = app.service.journal
        assert journal is not None
        screen.editor.load_text(english)
        screen.action_confirm()
        await until(pilot, lambda: app.service.waiting == 0 and journal.kept == 1)
        screen.flush_edit()  # as the next tick does: nothing left to save
        await until(pilot, lambda: app.service.waiting == 0)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    kept = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
    assert [(e["kind"], e["text"]) for e in kept] == [("confirm", english)]

    monkeypatch.setattr(Editing, "confirm", real)  # added back to the team
    monkeypatch.setattr(Editing, "save_draft", real_save)
    await _write_kept_edits(make_app())
    with Project.open(sample_db) as project:
        now = project.segment(first.id)
    assert (now.target, now.status) == (english, "translated")


@pytest.mark.postgresql_only
async def test_english_refused_at_every_autosave_is_kept_once(sample_db, make_app, monkeypatch):
    """A removed member's TUI saves the refused English again at every autosave tick: the
    file of this computer kept one more copy of it each time (an edit a second, written one
    by one by the next session); it holds the English once, and new English beside it. Once
    the member may write again, the save written takes the kept edits of its segment with it
    (they stayed, and the next session wrote the older English again over it)."""
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
    removed = [True]
    _refuse_saves(monkeypatch, removed)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        journal = app.service.journal
        assert journal is not None
        for text in ("Typed after the removal.",) * 3 + ("Typed on.",):
            screen.editor.load_text(text)
            screen.action_save()  # as the next tick does, the English not being stored
            await until(pilot, lambda typed=text: app.service.waiting == 0
                        and screen.saved_text != typed)  # refused: to be saved again
        kept = json.loads(journal.path.read_text(encoding="utf-8"))["edits"]
        assert [e["text"] for e in kept] == ["Typed after the removal.", "Typed on."]
        removed[0] = False  # added back: the next tick's save is written, over what was kept
        screen.action_save()
        await until(pilot, lambda: app.service.waiting == 0 and screen.saved_text == "Typed on.")
        assert journal.kept == 0 and not journal.path.exists()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert app.farewell is None or "kept" not in app.farewell
    with Project.open(sample_db) as project:
        assert project.segment(first.id).target == "Typed on."


@pytest.mark.postgresql_only
async def test_a_member_removed_while_working_is_told_so_not_that_the_server_is_down(
    sample_db, config, pg_server: PgServer
):
    """The server refusing a removed member's link said ``OFFLINE`` and 'the database server
    cannot be reached ... edits are written when it is back'; it says the user is not in the
    team, and is back online once they are added back. The segment list read meanwhile was
    a psycopg error ending the app (permission denied for table versions)."""
    from workbench.tui.app import NO_ACCESS, WorkbenchApp

    user, elsewhere = f"gone_{os.getpid()}", f"elsewhere_{os.getpid()}"
    with Project.open(sample_db) as owner:
        owner.team.add_member(user, "translator", "pw")
    pg_server.admin.execute(f'CREATE ROLE "{elsewhere}" NOLOGIN')
    pg_server.admin.execute(f'GRANT "{elsewhere}" TO "{user}"')  # their login stays
    app = WorkbenchApp(sample_db.replace("postgres:@", f"{user}:pw@"), config=config,
                       direction="app")
    try:
        async with editing(app) as (pilot, _):
            await until(pilot, lambda: app.team_status.startswith(user))
            with Project.open(sample_db) as owner:
                assert owner.team.remove_member(user) is False  # kept: used elsewhere
            await pilot.press("alt+down")  # its presence is written at once: refused
            await until(pilot, lambda: app.team_status == NO_ACCESS)
            said = [str(n.message) for n in app._notifications]
            assert any("may not" in m for m in said), said
            assert not any("cannot be reached" in m for m in said), said
            app.post_message(LiveChanged([Change("all")]))  # the list and segment read again
            await settle(pilot)
            assert app.return_code is None and app.error_message is None
            with Project.open(sample_db) as owner:
                owner.team.add_member(user, "translator", None)  # added back
            await until(pilot, lambda: app.team_status.startswith(f"{user} (translator)"))
    finally:
        pg_server.admin.execute(f'DROP OWNED BY "{user}"')
        pg_server.admin.execute(f'DROP ROLE IF EXISTS "{user}"')
        pg_server.admin.execute(f'DROP ROLE IF EXISTS "{elsewhere}"')


async def test_another_program_holding_the_project_file_is_no_server_gone_away(
    sample_db, make_app, monkeypatch
):
    """The live link's heartbeat meeting another program's write lock on an SQLite project
    (a long import, say) said 'The database server cannot be reached: OFFLINE' and, after,
    'Back online'; the file is there: nothing is said, and what the other program wrote while
    the link was down is read (it was missed: the link's new session started after it)."""
    import workbench.store.sqlite as sqlite_module
    from workbench.tui.live import LiveLink

    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_MS", 100)
    failed = threading.Event()
    session = LiveLink._session

    def session_seen(link: LiveLink, post: Any) -> None:
        try:
            session(link, post)
        except Exception:
            failed.set()
            raise

    monkeypatch.setattr(LiveLink, "_session", session_seen)
    app = make_app()
    async with editing(app) as (pilot, screen):
        with Project.open(sample_db) as other, other.transaction():
            other.save_draft(5, "Written by the other program.")  # its write lock taken
            await pilot.press("alt+down")  # the link writes its presence at once: held
            await until(pilot, failed.is_set)
        await until(pilot, lambda: screen.rows.row(screen.rows.index_of(5)).target
                    == "Written by the other program.")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert not any("cannot be reached" in m or "Back online" in m for m in said), said
        assert not app.team_status.startswith("OFFLINE")


async def test_the_conflict_dialog_shows_what_happened_at_80x24(sample_db, make_app):
    """At 80x24 the dialog was two rows taller than the screen and opened scrolled to yours:
    its first line — which segment, changed by whom, yours not saved — was out of sight."""
    with Project.open(sample_db) as project:
        seg = project.segments(limit=2)[1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.editor
        screen.open_segment(seg.id)
        await settle(pilot)
        await _conflict_dialog(pilot, app, screen, sample_db, seg.id, "Mine.")
        await settle(pilot)
        shown = _screen(app)
        assert "was changed by ben" in shown and "Keep both" in shown, shown


@pytest.mark.postgresql_only
async def test_a_kept_edit_and_its_confirmation_in_conflict_ask_once(sample_db, make_app):
    """A session ended offline kept a segment's autosave and its confirmation, both on the
    revision ben has since moved: the next app asks once, and 'keep mine' confirms (a second
    dialog asked again, showing ben's English as theirs though it was already replaced)."""
    from workbench.tui.unsent import Journal, UnsentEdit, state_dir

    with Project.open(sample_db, author="tester") as project:
        _, second = project.segments(limit=2)
        ended = Journal.for_project(project, state_dir() / "unsent")
    assert ended is not None
    mine = "Typed and confirmed offline."
    ended.keep([ended.new(UnsentEdit(second.id, kind, mine, second.revision,
                                     source=second.source)) for kind in ("save", "confirm")])
    ended._lock_file.close()  # as kill -9 leaves it
    with Project.open(sample_db, author="ben") as ben:
        ben.confirm(second.id, "Theirs.", override_reason="t")
    app = make_app()
    async with editing(app) as (pilot, _):  # segment 1 open
        await until(pilot, lambda: isinstance(app.screen, ConflictScreen))
        await until(pilot, lambda: app.service.waiting == 0)
        await settle(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: any(
            "kept yours" in str(n.message) for n in app._notifications))
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    with Project.open(sample_db) as project:
        now = project.segment(second.id)
    assert (now.target, now.status) == (mine, "translated")


@pytest.mark.postgresql_only
async def test_the_review_screen_keeps_answering_keys_while_the_server_is_down(
    sample_db, make_app, pg_server: PgServer
):
    """The server stopped under the review screen: moving to another row read its notes and
    LQA errors, the lost connection escaped the screen's handler, and the screen stopped
    taking keys for good (Esc, Ctrl+Q: nothing; the app had to be killed)."""
    from tests.tui.screen_wait import open_screen
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.screens.review import ReviewScreen

    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        first = screen.selected()
        pg_server.stop()
        try:
            await pilot.press("down")
            await settle(pilot)
            await until(pilot, lambda: screen.selected() not in (None, first)
                        and "cannot be reached" in _screen(app))
            assert first is not None
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        finally:
            pg_server.start()


@pytest.mark.postgresql_only
async def test_the_export_dialog_opened_offline_still_closes_with_escape(
    sample_db, make_app, pg_server: PgServer
):
    """F12 with the server down: the dialog read the document's versions as it was drawn,
    the lost connection escaped, and the dialog took no key again (Esc, Ctrl+Q: nothing).
    Any workbench screen now says the server is gone and keeps answering."""
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.screens.export import ExportScreen

    app = make_app()
    async with editing(app) as (pilot, _):
        pg_server.stop()
        try:
            await pilot.press("f12")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen))
            await until(pilot, lambda: app.team_status.startswith("OFFLINE"))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        finally:
            pg_server.start()


@pytest.mark.postgresql_only
async def test_the_editor_keeps_answering_keys_after_a_read_fails_offline(
    sample_db, make_app, pg_server: PgServer
):
    """F2 (go to segment) and Shift+F12 (LQA error) read the project at once; with the server
    down the lost connection escaped the editor's handler and the editor took no key again
    (Esc, F1, Ctrl+Q: nothing; the app had to be killed)."""
    from workbench.tui.screens.editor import EditorScreen
    from workbench.tui.screens.help import HelpScreen
    from workbench.tui.screens.prompts import GotoScreen

    app = make_app()
    async with editing(app) as (pilot, screen):
        pg_server.stop()
        try:
            await pilot.press("f2")
            await until(pilot, lambda: isinstance(app.screen, GotoScreen))
            await pilot.press("3", "enter")
            await until(pilot, lambda: app.screen is screen)
            await pilot.press("shift+f12")
            await settle(pilot)
            await until(pilot, lambda: app.team_status.startswith("OFFLINE"))
            await pilot.press("f1")
            await until(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, EditorScreen))
        finally:
            pg_server.start()


@pytest.mark.both_backends
async def test_own_autosaves_read_nothing_again_and_others_changes_still_come(
    sample_db, make_app, monkeypatch
):
    """The editor's own autosaves are not a live change (on SQLite each came back as "all":
    the dictionaries, memories and spelling of the open segment read again after every
    save); a change made elsewhere still shows at once."""
    import workbench.tui.live as live

    looks = [0]  # the live link's looks at the feed
    real_open = live.open_feed

    def counted(db: Any) -> Any:
        feed = real_open(db)
        wait = feed.wait

        def counting(timeout: float) -> Any:
            changes = wait(timeout)
            looks[0] += 1
            return changes

        feed.wait = counting
        return feed

    monkeypatch.setattr(live, "open_feed", counted)
    with Project.open(sample_db) as project:
        first, second = project.segments(limit=2)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        start = looks[0]
        await until(pilot, lambda: looks[0] >= start + 2)  # the heartbeat of the open segment
        seen: list[Any] = []  # what the feed told the editor (all it re-reads follows it)
        real = screen.live_changed
        monkeypatch.setattr(screen, "live_changed", lambda c: (seen.append(c), real(c))[1])
        for text in ("My own.", "My own autosave."):
            screen.editor.load_text(text)
            screen.flush_edit()
            app.service.flush()
        start = looks[0]
        await until(pilot, lambda: looks[0] >= start + 2)  # a look that began after them
        await settle(pilot)
        assert seen == []
        with Project.open(sample_db, author="ben") as ben:
            ben.confirm(second.id, "Ben's, live.", override_reason="t")
        await until(pilot, lambda: "Ben's, live." in _screen(app))
        assert seen
    with Project.open(sample_db) as project:
        assert project.segment(first.id).target == "My own autosave."


@pytest.mark.sqlite_only
async def test_anothers_heartbeats_read_nothing_again_and_its_changes_still_come(
    sample_db, make_app, monkeypatch
):
    """Two TUIs on one project file: the other's heartbeats (every few seconds) are presence
    only, not a change to read every row, dictionary, memory and spelling mark again for;
    its confirmation and a term added from the command line still show at once. (The other
    TUI is its live link, which sends the heartbeats, and its project, which confirms.)"""
    import workbench.tui.live as live
    from workbench.project.team import Team
    from workbench.tui.widgets.panels import GlossaryPanel

    monkeypatch.setattr(live, "HEARTBEAT", 0.0)  # a heartbeat at each look of the links
    monkeypatch.setattr(live, "WAIT", 0.05)
    beats: list[str] = []
    real_here = Team.here

    def here(self: Team, client: str, *where: Any) -> None:
        real_here(self, client, *where)
        beats.append(self.context.author)

    monkeypatch.setattr(Team, "here", here)
    with Project.open(sample_db) as project:
        doc = project.document()
        first, second = project.segments(limit=2)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        with Project.open(sample_db, author="ben") as ben:
            their_link = live.LiveLink(sample_db, "ben", own=lambda: ben.db)
            their_link.watch(doc.id, second.id)
            thread = threading.Thread(target=their_link.run, args=(lambda m: None,))
            thread.start()
            try:
                await until(pilot, lambda: second.id in screen.segment_list.others)
                seen: list[Any] = []  # what the feed told the editor (all it re-reads follows)
                real = screen.live_changed
                monkeypatch.setattr(screen, "live_changed",
                                    lambda c: (seen.append(c), real(c))[1])
                start = beats.count("ben")
                await until(pilot, lambda: beats.count("ben") >= start + 4)
                await settle(pilot)
                assert seen == []
                ben.confirm(second.id, "Ben's, live.", override_reason="t")
                await until(pilot, lambda: "Ben's, live." in _screen(app))
            finally:
                their_link.stop()
                thread.join()
        panel = screen.query_one(GlossaryPanel)
        with Project.open(sample_db, author="carl") as carl:
            carl.add_term("نقاد", "critics")
        await until(pilot, lambda: any(line.term == "نقاد" for line in panel.lines))


@pytest.mark.postgresql_only
async def test_a_translator_is_told_who_unlocks_a_draft_a_lead_locked(
    sample_db, config, pg_server: PgServer
):
    """A draft a lead locked (``workbench lock``) showed a translator '🔒 Approved and locked ·
    Ctrl+U: unlock to edit': it is not approved, and Ctrl+U asked for a reason only for the
    server to refuse the unlock to a translator."""
    _, seg = _locked_draft(sample_db)
    with _translator(sample_db, config, pg_server, "tr") as (app, _):
        async with editing(app, seg.id) as (pilot, screen):
            await until(pilot, lambda: app.role == "translator" and screen.editor.read_only)
            await until(pilot, lambda: "🔒 Locked · only a reviewer or a lead may unlock it"
                        in _screen(app))
            assert "Approved" not in _screen(app) and "Ctrl+U" not in _screen(app)
            screen.editor.focus()
            await pilot.press("x")
            await until(pilot, lambda: notified(app, "Segment 2 is locked: what you typed "
                        "was not taken. Only a reviewer or a lead may unlock it."))


@pytest.mark.postgresql_only
async def test_a_role_changed_by_a_lead_meanwhile_is_followed(
    sample_db, config, pg_server: PgServer
):
    """A translator made a reviewer by a lead while their TUI was open: the title went on
    saying '(translator)' and a locked segment 'only a reviewer or a lead may unlock it',
    hiding the Ctrl+U they may now use, until the TUI was started again. The role is read
    again with the heartbeats (each segment opened)."""
    first, seg = _locked_draft(sample_db)
    with _translator(sample_db, config, pg_server, "tp") as (app, user):
        async with editing(app, seg.id) as (pilot, screen):
            await until(pilot, lambda: "only a reviewer or a lead may unlock it" in _screen(app))
            assert f"{user} (translator)" in app.team_status
            with Project.open(sample_db) as owner:
                owner.team.add_member(user, "reviewer", None)
            screen.open_segment(first.id)
            await until(pilot, lambda: app.role == "reviewer")
            screen.open_segment(seg.id)
            await until(pilot, lambda: "Ctrl+U: unlock to edit" in _screen(app))
            assert f"{user} (reviewer)" in app.team_status


@pytest.mark.postgresql_only
async def test_a_verdict_given_offline_is_said_not_saved(sample_db, make_app, pg_server: PgServer):
    """A reviewer's approval with the server down was dropped without a word (its error went
    the way of the reads that fail offline, which are not notified one by one), while the
    status said 'Keep working; edits are written when it is back': only the editor's English
    waits for the server."""
    from textual.widgets import Input

    from tests.tui.screen_wait import open_screen
    from workbench.tui.screens.review import CommentScreen, ReviewScreen

    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        row = screen.selected()
        assert row is not None
        pg_server.stop()
        try:
            await until(pilot, lambda: app.team_status.startswith("OFFLINE"))
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, CommentScreen))
            app.screen.query_one(Input).value = "fine"
            await pilot.press("enter")
            await until(pilot, lambda: notified(app, "not saved: do it again once it is back"))
        finally:
            pg_server.start()
    with Project.open(sample_db) as project:
        assert project.segment(row.segment_id).status != "approved"


@pytest.mark.postgresql_only
async def test_an_undo_given_offline_is_said_not_saved_and_never_runs_later(
    sample_db, make_app, pg_server: PgServer
):
    """F9 with the server down said nothing: the undo waited for the server (the title bar
    'OFFLINE — 1 edit waiting') without being kept on this computer, so Ctrl+Q said '0 edits
    waiting for the database server are kept on this computer (FILE)', a file never
    written, and the undo was lost; had the app stayed open, it would have run whenever the
    server came back. Only the editor's English waits: the undo is said not saved."""
    with Project.open(sample_db) as project:
        first = project.segments(limit=1)[0]
        revision = project.segment(first.id).revision
    app = make_app()
    try:
        async with editing(app, first.id) as (pilot, _):
            pg_server.stop()
            await until(pilot, lambda: app.team_status.startswith("OFFLINE"))
            await pilot.press("f9")
            await until(pilot, lambda: notified(app, "not saved: do it again once it is back"))
            await until(pilot, lambda: app.service.waiting == 0)
            await pilot.press("ctrl+q")
            await until(pilot, lambda: app.return_code is not None)
    finally:
        pg_server.start()
    assert app.return_code == 0 and app.farewell is None
    with Project.open(sample_db) as project:
        assert project.segment(first.id).revision == revision


@pytest.mark.postgresql_only
async def test_a_reviewer_opened_offline_reads_its_rows_once_back(sample_db, make_app):
    """F3 pressed while the server was down said it could not connect, and kept saying so
    once back (its rows read again only by F5): they are read when the connection is."""
    from tests.tui.screen_wait import open_screen
    from workbench.tui.screens.review import ReviewScreen

    app = make_app()
    async with editing(app) as (pilot, _):
        screen = await open_screen(pilot, "f3", ReviewScreen)
        await until(pilot, lambda: bool(screen.all_rows))
        service = app.service
        service._online.clear()  # lost
        screen.all_rows = []
        screen.load()  # as F5 does: refused offline
        await until(pilot, lambda: "cannot be reached" in _report_title(app))
        service._reconnect()
        await until(pilot, lambda: bool(screen.all_rows)
                    and "cannot be reached" not in _report_title(app))


async def test_the_list_read_again_after_a_merge_elsewhere_stays_on_the_merged_segment(
    sample_db, make_app
):
    """The open segment was merged elsewhere into the one before it, nothing typed: the
    list read again opens that segment (it opened the document's first)."""
    from workbench.store.live import Change

    app = make_app()
    async with editing(app, 3) as (pilot, screen):
        with Project.open(sample_db, author="ben") as ben:
            ben.merge_with_next(2)
        screen.live_changed([Change("structure", screen.document.id)])
        await settle(pilot)
        assert screen.current is not None and screen.current.id == 2


@pytest.mark.both_backends
async def test_a_quotation_mark_deleted_elsewhere_marks_the_row_it_left_open(
    sample_db, make_app
) -> None:
    """A quotation opened in segment 1 closes in segment 3; another translator deletes the
    closing mark: row 1's list mark stayed as it was (only segment 3's was read again) though
    F3 and the panel reported the quotation left open."""
    ids = quotation_over_three(sample_db)
    app = make_app()
    async with editing(app, ids[1]) as (pilot, screen):
        flags = screen.segment_list.flags
        await until(pilot, lambda: ids[0] in flags)
        before = flags[ids[0]]
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(ids[2], "Three.")
        await until(pilot, lambda: flags.get(ids[0]) == (before[0], before[1] + 1))


@pytest.mark.postgresql_only
async def test_a_translator_pressing_a_verdict_key_is_refused_before_any_comment(
    sample_db, config, pg_server: PgServer
):
    """A translator pressing A in the reviewer screen was asked for a comment, and only
    once it was typed was the approval refused by the server, the comment lost: the role
    the app knows refuses A, V, R and Shift+A at once, no dialog opened."""
    from tests.tui.screen_wait import open_screen
    from workbench.tui.screens.review import CommentScreen, ReviewScreen

    with Project.open(sample_db) as owner:
        seg = owner.segments(limit=1)[0]
        status = owner.segment(seg.id).status
    with _translator(sample_db, config, pg_server, "tv") as (app, _):
        async with editing(app) as (pilot, _):
            await until(pilot, lambda: app.role == "translator")
            screen = await open_screen(pilot, "f3", ReviewScreen)
            await until(pilot, lambda: screen.selected() is not None)
            for key, word in (("a", "approve"), ("v", "mark reviewed"), ("r", "reject"),
                              ("A", "approve")):
                await pilot.press(key)
                await until(pilot, lambda w=word: notified(
                    app, f"only reviewers and leads may {w} segments"))
                await settle(pilot)
                assert app.screen is screen and not isinstance(app.screen, CommentScreen)
    with Project.open(sample_db) as project:
        assert project.segment(seg.id).status == status


@pytest.mark.both_backends
async def test_a_note_written_before_its_segment_opens_is_not_told_later(sample_db, make_app):
    """A note added to a segment while the translator was elsewhere was told as news ('Note
    on segment 3 from omar') at the next change made anywhere after the segment opened,
    long after it was written; a note added while the segment is open is still told."""
    with Project.open(sample_db) as project:
        first, _, third, _, fifth = project.segments(limit=5)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        with Project.open(sample_db, author="omar") as omar:
            omar.add_note(third.id, "Written before it opened.")
            omar.save_draft(fifth.id, "Omar typed elsewhere.")
        await until(pilot, lambda: "Omar typed elsewhere." in _screen(app))  # told, on 1
        screen.open_segment(third.id)
        await settle(pilot)
        with Project.open(sample_db, author="ben") as ben:
            ben.save_draft(fifth.id, "Ben typed elsewhere.")
        await until(pilot, lambda: "Ben typed elsewhere." in _screen(app))
        await settle(pilot)
        assert not notified(app, "Written before it opened.")
        with Project.open(sample_db, author="omar") as omar:
            omar.add_note(third.id, "Written while it is open.")
        await until(pilot, lambda: notified(app, "Written while it is open."))
        assert not notified(app, "Written before it opened.")


@pytest.mark.both_backends
async def test_a_note_added_between_a_segment_opening_and_its_details_is_news(
        sample_db, make_app, monkeypatch):
    """A note added to a segment after it opened, before the editor read its details (which
    take its notes as there when it opened), is told as news: it counted as seen."""
    with Project.open(sample_db) as project:
        first, _, third = project.segments(limit=3)
    real = editor_screen_module.find_terms
    added = []

    def terms_then_a_note(project, source):  # the details' first read: omar writes a note
        if not added and source == third.source:
            with Project.open(sample_db, author="omar") as omar:
                added.append(omar.add_note(third.id, "Written as it opened."))
        return real(project, source)

    monkeypatch.setattr(editor_screen_module, "find_terms", terms_then_a_note)
    app = make_app()
    async with editing(app, first.id) as (pilot, screen):
        screen.open_segment(third.id)
        await settle(pilot)
        assert added
        await until(pilot, lambda: notified(app, "Written as it opened."))
