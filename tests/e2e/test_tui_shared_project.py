"""The TUI and other commands on one project at once (issue 10, part 1).

The real ``workbench`` TUI runs in a pseudo-terminal; while it holds the project (with its
second connection open), ``stats``, ``export``, ``import``, ``import-translation`` and
``glossary import`` run as separate processes. Every edit confirmed in the TUI must be visible
to another process at once and still be there after ``kill -9`` of the TUI, and the file must
pass ``PRAGMA integrity_check``. Before the fix, a ``stats`` that closed made SQLite delete the
TUI's live WAL: later edits were invisible and lost, and concurrent imports corrupted the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from tests.conftest import PgServer, run_cli
from tests.e2e.terminal import CTRL_J, CTRL_Q, Terminal, workbench_command
from tests.store.project_files import copy_project, rows
from workbench.project import Project

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the TUI's connections"
)

EDITS = 5
ARABIC = "ذهب الطالب إلى المدرسة. قرأ الطالب كتابا جديدا.\nعاد إلى البيت مساء.\n"
ENGLISH = "The student went to school. The student read a new book.\nHe came home at night.\n"


def _connections(pid: int, db: Path) -> int:
    """How many descriptors process ``pid`` holds on ``db`` (one per SQLite connection)."""
    target = str(db.resolve())
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == target:
                count += 1
        except OSError:
            continue
    return count


def _wait(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def _seen_by_another_process(db: Path, segment_id: int, text: str) -> bool:
    """Whether a fresh connection of this (other) process reads the confirmed edit."""
    found = rows(db, "SELECT s.status, t.text FROM segments s JOIN translations t ON "
                     "t.segment_id = s.id JOIN versions v ON v.id = t.version_id "
                     "WHERE s.id = ? AND v.name = 'working'", (segment_id,))
    return found == [("translated", text)]


def test_edits_in_the_tui_survive_other_commands_and_kill_9(
    tmp_path: Path, sample_db: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    db = work / "segments.db"
    copy_project(sample_db, db)
    (work / "doc.ar.txt").write_text(ARABIC, encoding="utf-8")
    (work / "doc.en.txt").write_text(ENGLISH, encoding="utf-8")
    (work / "extra.tsv").write_text("حاسوب\tcomputer\n", encoding="utf-8")
    with Project.open(db) as project:  # drafts that confirm without error findings
        segments = project.segments(limit=EDITS)
        for seg in segments:
            project.save_draft(seg.id, project.version_text(seg.id, "reference:main") or "")
        expected = {
            seg.id: f"{project.segment(seg.id).target} edit {chr(65 + i)}"
            for i, seg in enumerate(segments)
        }
    cli = [*workbench_command()]
    others = [
        ["stats", "--db", str(db)],
        ["export", "--db", str(db), "--format", "tmx", "--output", str(work / "out.tmx")],
        ["import", str(work / "doc.ar.txt"), "--db", str(db), "--doc", "extra"],
        ["import-translation", str(work / "doc.en.txt"), "--db", str(db), "--doc", "extra",
         "--as", "reference"],
        ["glossary", "import", str(work / "extra.tsv"), "--db", str(db), "--merge"],
    ]
    with Terminal(work) as term:
        term.wait_for(lambda t: "Arabic · segment 1" in t and "21 segments" in t)
        pid = term.child.pid
        # The editor's panels are read on the second connection: wait until it is open.
        _wait(lambda: _connections(pid, db) >= 2, "the TUI's second connection")
        for i, (seg, command) in enumerate(zip(segments, others, strict=True)):
            other = subprocess.Popen(
                [*cli, *command], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True,
            )
            term.send(f" edit {chr(65 + i)}")
            term.wait_for(lambda t, i=i: f"edit {chr(65 + i)}" in t)
            term.send(CTRL_J)  # confirm and go to the next segment
            term.wait_for(lambda t, i=i: f"Arabic · segment {i + 2}" in t)
            _out, err = other.communicate(timeout=120)
            assert other.returncode == 0, f"{command[0]}: {err}"
            _wait(lambda seg=seg: _seen_by_another_process(db, seg.id, expected[seg.id]),
                  f"segment {seg.position}'s confirmed edit seen by another process")
        os.kill(pid, signal.SIGKILL)
        term.child.wait()
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    for seg_id, text in expected.items():
        assert _seen_by_another_process(db, seg_id, text)
    with Project.open(db) as project:
        assert [d.name for d in project.documents()] == ["sample", "extra"]
        assert "reference:main" in project.versions("extra")
        assert "حاسوب" in {e.term for e in project.glossary().entries}
        for seg_id in expected:
            assert project.history(seg_id)[-1].action == "confirm"
    stats = run_cli("stats", "--db", str(db), "--format", "json")  # in-process: a reader
    assert stats.exit_code == 0 and '"translated": 5' in stats.stdout


@pytest.mark.postgresql_only
def test_a_confirmation_waiting_for_the_server_survives_kill_9(
    tmp_path: Path, sample_db: str, pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment confirmed while the server is down, then ``kill -9`` of the TUI: the
    confirmation was kept on this computer and the next TUI on the project writes it (it
    was held in memory only, and lost)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    with Project.open(sample_db) as project:  # a draft that confirms without error findings
        first = project.segments(limit=1)[0]
        draft = project.save_draft(first.id, project.version_text(first.id, "reference:main"))
    expected = f"{draft.target} edit A"
    kept = state / "workbench" / "unsent"
    try:
        with Terminal(tmp_path, "--db", sample_db) as term:
            term.wait_for(lambda t: "Arabic · segment 1" in t)
            pg_server.stop()
            term.send(" edit A")
            term.wait_for(lambda t: "edit A" in t)
            term.send(CTRL_J)  # confirm: it waits for the server
            term.wait_until(lambda: any('"kind": "confirm"' in f.read_text(encoding="utf-8")
                                        for f in kept.glob("*.json")))
            os.kill(term.child.pid, signal.SIGKILL)
            term.child.wait()
    finally:
        pg_server.start()
    with Project.open(sample_db) as project:
        assert project.segment(first.id).status == "draft"  # nothing reached the server
    with Terminal(tmp_path, "--db", sample_db) as term:
        term.wait_for(lambda t: "Arabic · segment" in t)
        term.wait_until(lambda: not list(kept.glob("*.json")))
        term.send(CTRL_Q)
        term.child.expect(pexpect.EOF, timeout=30)
        term.child.close()
        assert term.child.exitstatus == 0
    with Project.open(sample_db) as project:
        now = project.segment(first.id)
        assert (now.target, now.status) == (expected, "translated")
        assert project.history(first.id)[-1].action == "confirm"
