"""The TUI on a project it cannot write: a banner, a read-only English editor, and every change
refused with a notification; nothing is written."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pexpect

from tests.e2e.terminal import CTRL_J, CTRL_Q, Terminal
from tests.e2e.unprivileged import preexec
from tests.store.project_files import copy_project, rows
from tests.tui.conftest import editing, screen_lines, settle
from workbench.project import Project
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.importer import ImportScreen


def _revisions(db: Path) -> int:
    return int(rows(db, "SELECT count(*) FROM revisions")[0][0])


async def test_read_only_project_shows_a_banner_and_refuses_changes(sample_db, config):
    before = _revisions(sample_db)
    project = Project.open(sample_db, read_only=True, author="tester")
    app = WorkbenchApp(project, config=config, direction="app")
    async with editing(app) as (pilot, screen):
        text = "\n".join(screen_lines(app))
        assert "READ-ONLY" in text and "opened read-only" in text
        assert screen.editor.read_only
        typed_before = screen.editor.text
        await pilot.press("X", "y")
        await settle(pilot)
        assert screen.editor.text == typed_before
        for key in ("ctrl+j", "f9", "alt+m", "ctrl+o", "ctrl+u", "shift+f2", "shift+f4",
                    "ctrl+f9", "shift+f11", "shift+f12"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            messages = [n.message for n in app._notifications]
            assert any("Read-only" in m and "Nothing was changed" in m for m in messages), key
        assert not isinstance(app.screen, ImportScreen)
        assert screen.current is not None and screen.current.position == 1
        await pilot.press("alt+down")  # reading goes on
        await settle(pilot)
        assert screen.current.position == 2
    assert _revisions(sample_db) == before


def test_read_only_file_in_a_real_terminal(tmp_path: Path, sample_db: Path) -> None:
    drop = preexec()
    work = tmp_path / "work"
    work.mkdir()
    db = work / "segments.db"
    copy_project(sample_db, db)
    before = _revisions(db)
    db.chmod(0o444)
    try:
        with Terminal(work, preexec_fn=drop) as term:
            text = term.wait_for(lambda t: "Arabic · segment 1" in t and "READ-ONLY" in t)
            assert "the file is not writable" in text
            term.send(" typed")
            term.send(CTRL_J)
            term.wait_for(lambda t: "Read-only: the file is not" in t)
            assert " typed" not in term.text()
            term.send(CTRL_Q)
            term.child.expect(pexpect.EOF, timeout=15)
            term.child.close()
            assert term.child.exitstatus == 0
    finally:
        db.chmod(db.stat().st_mode | stat.S_IWUSR)
    assert _revisions(db) == before
    shutil.rmtree(work / "config", ignore_errors=True)
