"""The editor reopens each document on the segment where the translator left it (kept in
``$XDG_STATE_HOME/workbench/positions.json``, a folder of each test's own: conftest), and on
the first segment to translate when that one is gone or nothing is remembered."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from tests.tui.conftest import editing, join_first_two, settle
from workbench.project import Project
from workbench.tui import positions as positions_module
from workbench.tui.app import WorkbenchApp
from workbench.tui.positions import LastPositions
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.unsent import state_dir

EXTRA = "الجملة الأولى هنا. والثانية بعدها. والثالثة أيضا. والرابعة أخيرا."


async def _leave_at(app: WorkbenchApp, position: int) -> int:
    """Open ``app``, move down (Alt+Down) to the segment at ``position``, quit (Ctrl+Q); the
    segment's id."""
    async with editing(app) as (pilot, screen):
        while screen.current.position < position:
            await pilot.press("alt+down")
        await settle(pilot)
        left = screen.current.id
        await pilot.press("ctrl+q")
    return left


async def _opened(app: WorkbenchApp) -> tuple[int, int]:
    """The position and id of the segment ``app`` opens on (and no error said)."""
    async with editing(app) as (_pilot, screen):
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert not errors, errors
        return screen.current.position, screen.current.id


@pytest.mark.both_backends
async def test_the_editor_reopens_where_the_translator_quit(sample_db, make_app):
    assert (await _opened(make_app()))[0] == 1  # nothing remembered: the first to translate
    left = await _leave_at(make_app(), 7)
    assert await _opened(make_app()) == (7, left)
    # the list and the open segment's panels are those of segment 7
    async with editing(make_app()) as (pilot, screen):
        assert screen.segment_list.cursor == 6
        await pilot.press("alt+down")
        await settle(pilot)
        assert screen.current.position == 8


async def test_a_segment_merged_away_reopens_on_the_first_to_translate(sample_db, make_app):
    left = await _leave_at(make_app(), 7)
    with Project.open(sample_db) as project:
        before = next(s.id for s in project.segments() if s.position == 6)
        project.merge_with_next(before)  # segment 7 is merged into 6: gone
        first = project.first_open_segment(project.document())
    assert first != left
    assert (await _opened(make_app()))[1] == first


async def test_a_joined_segment_reopens_on_the_segment_holding_its_english(sample_db,
                                                                           make_app):
    """A segment joined since it was left (its English now on the segment it is joined to)
    reopens on that segment, not on the first to translate (the editor never opens on a
    joined segment)."""
    left = await _leave_at(make_app(), 2)
    with Project.open(sample_db) as project:
        join_first_two(project)  # segment 2's English is now segment 1's
        holder = next(s.id for s in project.segments() if s.position == 1)
        project.set_status(holder, "translated")  # the first to translate is further on
        first = project.first_open_segment(project.document())
        assert project.segment(left).position == 2
        assert project.first_open_segment(project.document(), left) == holder
    assert first not in (None, left, holder)
    assert (await _opened(make_app()))[1] == holder


async def test_a_document_imported_again_reopens_on_the_first_to_translate(tmp_path, config):
    """A project made again in the same file gives its documents and segments the ids of
    the first (SQLite): the document's import time tells them apart."""
    db = tmp_path / "again.db"

    def make() -> None:
        for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            old.unlink(missing_ok=True)
        with Project.open(db, create=True) as project:
            project.import_document_text(EXTRA, name="extra")

    def app() -> WorkbenchApp:
        return WorkbenchApp(db, config=config, direction="app", author="tester")

    make()
    left = await _leave_at(app(), 3)
    assert (await _opened(app()))[0] == 3
    time.sleep(0.002)  # the import times differ (milliseconds)
    make()
    with Project.open(db) as project:  # the id left is that of the same place again
        assert project.segment(left).position == 3
    assert (await _opened(app()))[0] == 1


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[1, 2]",
                                     b'{"documents": [1]}', b'{"documents": {"x": 5}}'])
async def test_a_corrupt_state_file_opens_on_the_first_to_translate(sample_db, make_app,
                                                                     content):
    await _leave_at(make_app(), 5)
    path = state_dir() / positions_module.FILE_NAME
    assert path.exists()
    path.write_bytes(content)
    assert (await _opened(make_app()))[0] == 1
    # ... and the file is written again on the way
    await _leave_at(make_app(), 4)
    assert (await _opened(make_app()))[0] == 4


async def test_a_state_file_holding_wrong_values_is_ignored(sample_db, make_app):
    await _leave_at(make_app(), 5)
    path = state_dir() / positions_module.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["documents"].values():
        entry["segment"] = "five"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert (await _opened(make_app()))[0] == 1


async def test_each_document_reopens_where_it_was_left(sample_db, make_app):
    """Switching documents (the palette's "Open document") opens each where it was left;
    the next app opens the document left last, where it was left."""
    with Project.open(sample_db) as project:
        project.import_document_text(EXTRA, name="extra")
    app = make_app()
    async with editing(app) as (pilot, screen):
        for _ in range(4):
            await pilot.press("alt+down")
        await settle(pilot)
        sample_left = screen.current.id
        app.open_document("extra")
        await settle(pilot)
        extra = app.editor
        assert extra.document.name == "extra" and extra.current.position == 1
        await pilot.press("alt+down", "alt+down")
        await settle(pilot)
        extra_left = extra.current.id
        app.open_document("sample")
        await settle(pilot)
        assert app.editor.current.id == sample_left
        app.open_document("extra")
        await settle(pilot)
        assert app.editor.current.id == extra_left
    # the next app opens the document left last ("extra"), each where it was left
    assert (await _opened(make_app()))[1] == extra_left
    assert (await _opened(make_app(document="sample")))[1] == sample_left
    assert (await _opened(make_app()))[1] == sample_left


async def test_a_read_only_project_remembers_too(sample_db, config):
    def app() -> WorkbenchApp:
        project = Project.open(sample_db, read_only=True, author="tester")
        return WorkbenchApp(project, config=config, direction="app")

    left = await _leave_at(app(), 6)
    assert await _opened(app()) == (6, left)


async def test_the_segment_is_kept_as_it_opens_before_the_app_ends(sample_db, make_app):
    """A TUI killed (``kill -9``) reopens on the last segment it opened: each is written
    as it opens, while the app runs."""
    app = make_app()
    async with editing(app) as (pilot, screen):
        await pilot.press("alt+down", "alt+down")
        await settle(pilot)
        created, left = screen.document_created, screen.current.id
        other = LastPositions.for_project(app.service.project)
        for _ in range(200):
            if other.segment(screen.document.id, created) == left:
                break
            await asyncio.sleep(0.01)
        assert other.segment(screen.document.id, created) == left


def test_the_file_keeps_the_most_recent_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(positions_module, "KEEP", 3)
    path = tmp_path / "positions.json"
    kept = LastPositions(path, "p")
    for document in range(1, 6):
        kept.remember(document, "then", document * 10)
        time.sleep(0.002)
    kept.close()
    again = LastPositions(path, "p")
    assert [again.segment(d, "then") for d in range(1, 6)] == [None, None, 30, 40, 50]
    assert again.segment(5, "another import") is None


def test_the_document_left_last_is_the_projects_own(tmp_path):
    path = tmp_path / "positions.json"
    one = LastPositions(path, "one")
    assert one.last_document() is None
    for document in (3, 1, 2):
        one.remember(document, "then", 7)
        time.sleep(0.002)
    one.close()
    other = LastPositions(path, "other")
    other.remember(9, "then", 7)
    other.close()
    assert LastPositions(path, "one").last_document() == 2
    assert LastPositions(path, "other").last_document() == 9


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    kept = LastPositions(blocked / "positions.json", "p")
    kept.remember(1, "then", 7)
    kept.close()
    assert kept.segment(1, "then") == 7  # the app's own switches still find it
    assert LastPositions(blocked / "positions.json", "p").segment(1, "then") is None


def test_two_apps_keep_each_others_documents(tmp_path: Path):
    path = tmp_path / "positions.json"
    one, two = LastPositions(path, "one"), LastPositions(path, "two")
    one.remember(1, "a", 11)
    one.close()
    two.remember(1, "b", 21)
    two.close()
    assert LastPositions(path, "one").segment(1, "a") == 11
    assert LastPositions(path, "two").segment(1, "b") == 21


async def test_a_tui_killed_right_after_a_confirmation_reopens_on_the_next_segment(
        sample_db, make_app, monkeypatch, tmp_path):
    """The confirmation is stored, the app is killed before it opens the next segment: the
    next one is where the translator was (it is remembered before the confirmation is
    stored); a confirmation not stored reopens on the segment itself."""
    file = state_dir() / positions_module.FILE_NAME
    with Project.open(sample_db) as project:  # the next one is not the first to translate
        following = next(s.id for s in project.segments() if s.position == 2)
        project.set_status(following, "translated")
    with monkeypatch.context() as patched:
        patched.setattr(EditorScreen, "_after_confirm", lambda self, message: None)
        async with editing(make_app()) as (pilot, screen):
            assert screen.rows.ids[screen.current_index + 1] == following
            confirmed = screen.current.id
            await pilot.press("ctrl+j")
            await settle(pilot)
            assert screen.current.id == confirmed  # not moved on yet: killed now
            killed = file.read_bytes()  # the file as the killed app leaves it
    with Project.open(sample_db) as project:
        assert project.segment(confirmed).status == "translated"
    file.write_bytes(killed)
    assert (await _opened(make_app()))[1] == following
    with Project.open(sample_db) as project:  # as if the confirmation had not been stored
        project.set_status(confirmed, "draft")
    file.write_bytes(killed)
    assert (await _opened(make_app()))[1] == confirmed
