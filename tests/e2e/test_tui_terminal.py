"""End to end: the real ``workbench`` command in a 120x32 pseudo-terminal (pexpect + pyte)."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pexpect
import pytest

from tests.conftest import run_cli
from tests.e2e.terminal import CTRL_J, CTRL_Q, Terminal
from workbench.project import Project
from workbench.text.bidi import visual

FIRST_WORDS = "كثيرا ما يصف"  # the start of segment 1 of the sample


def committed_target(folder: Path, segment_id: int = 1) -> str:
    """The working English of a segment as committed, read on a read-only connection of its
    own while the app runs (it changes nothing, not even the WAL on closing)."""
    conn = sqlite3.connect(f"file:{folder / 'segments.db'}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT t.text FROM translations t JOIN versions v ON v.id = t.version_id "
            "WHERE v.name = 'working' AND t.segment_id = ?", [segment_id],
        ).fetchone()
    finally:
        conn.close()
    return row[0] if row else ""


def ready(text: str) -> bool:
    return "Arabic · segment 1" in text and "21 segments" in text


@pytest.fixture
def folder(tmp_path: Path, sample_db: Path) -> Path:
    """A folder holding a copy of the sample project as ./segments.db."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "segments.db").write_bytes(sample_db.read_bytes())
    return work


def test_type_confirm_quit_in_a_real_terminal(folder: Path):
    with Terminal(folder) as term:
        text = term.wait_for(ready)
        # Arabic and English lines; in app direction the Arabic cells read right to left.
        assert "The bourgeois critics of Bolshevism" in text
        assert visual(FIRST_WORDS) in text
        assert FIRST_WORDS not in text
        term.send(" E2E edit")  # typed at once: into the open segment's English
        term.wait_for(lambda t: "E2E edit" in t)
        term.send(CTRL_J)  # confirm and go to the next segment
        term.wait_for(lambda t: "Arabic · segment 2" in t)
        rows = [line for line in term.screen.display if line.startswith("│     1 ")]
        assert rows and "done" in rows[0]
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
        term.child.close()
        assert term.child.exitstatus == 0
    with Project.open(folder / "segments.db") as project:
        segment = project.segment(1)
    assert segment.target.endswith(" E2E edit")
    assert segment.status == "translated"


def test_kill_9_after_autosave_keeps_the_edit(folder: Path):
    with Terminal(folder) as term:
        term.wait_for(ready)
        term.send(" typed before the crash")
        term.wait_for(lambda t: "before the crash" in t)
        # Nothing else is pressed: only the autosave can store it. Wait until another
        # connection sees it committed, then kill.
        term.wait_until(lambda: committed_target(folder).endswith(" typed before the crash"))
        os.kill(term.child.pid, signal.SIGKILL)
        term.child.wait()
    with Project.open(folder / "segments.db") as project:
        segment = project.segment(1)
    assert segment.target.endswith(" typed before the crash")
    assert segment.status == "draft"
    out = folder / "out.tsv"
    result = run_cli("export", "--db", str(folder / "segments.db"), "--format", "tsv",
                     "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "typed before the crash" in out.read_text(encoding="utf-8")


def test_first_run_in_an_empty_folder_builds_the_sample(tmp_path: Path):
    empty = tmp_path / "fresh"
    empty.mkdir()
    with Terminal(empty) as term:
        text = term.wait_for(ready, timeout=60)
        assert "The bourgeois critics of Bolshevism" in text
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=15)
    assert (empty / "segments.db").is_file()
