"""Nothing is lost: SIGKILL during an import or after a confirmed edit, and two writers at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.project import Project

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def test_sigkill_during_an_import_keeps_nothing_of_it(sample_db: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "هذه جملة عربية رقم {} في وثيقة كبيرة جدا. "
    lines = ["".join(sentence.format(p * 10 + i) for i in range(10)) for p in range(2_000)]
    big.write_text("\n".join(lines), encoding="utf-8")
    # The child stops half-way through writing the segments, inside the import's transaction,
    # says so, and waits: the kill lands mid-transaction, never before it began or after it.
    child = _python(f"""
        import sys
        import workbench.store.documents as q_docs
        from workbench.project import Project

        insert = q_docs.insert_segments

        def halting(db, document_id, rows):
            def stream():
                for i, row in enumerate(rows):
                    if i == 10_000:
                        print("writing", db.conn.in_transaction, flush=True)
                        sys.stdin.readline()
                    yield row
            insert(db, document_id, stream())

        q_docs.insert_segments = halting
        p = Project.open({str(sample_db)!r})
        p.import_document({str(big)!r}, "big")
        print("done", flush=True)
    """)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing True"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with Project.open(sample_db) as project:
        names = [d.name for d in project.documents()]
        count = project.db.execute(
            "SELECT count(*) FROM segments s JOIN documents d ON d.id = s.document_id "
            "WHERE d.name = 'big'"
        ).fetchone()[0]
        assert project.stats("sample")["segments"] == 21
        if project.db.dialect == "sqlite":
            assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert (names, count) == (["sample"], 0)  # killed mid-transaction: nothing of it


def test_confirmed_edit_survives_sigkill(sample_db: Path) -> None:
    child = _python(f"""
        import time
        from workbench.project import Project
        p = Project.open({str(sample_db)!r})
        seg = p.segments(limit=1)[0]
        p.confirm(seg.id, "A confirmed edit that must survive.", override_reason="test")
        print("confirmed", flush=True)
        time.sleep(60)
    """)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "confirmed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Project.open(sample_db) as project:
        seg = project.segments(limit=1)[0]
        assert seg.target == "A confirmed edit that must survive."
        assert seg.status == "translated"
        assert project.history(seg.id)[-1].action == "confirm"


def test_two_processes_edit_different_segments_at_once(sample_db: Path) -> None:
    code = """
        import sys
        from workbench.project import Project
        p = Project.open({db!r}, author="{who}")
        segs = p.segments(limit=21)[{start}::2]
        for round in range(15):
            for seg in segs:
                p.save_draft(seg.id, f"{who} round {{round}} segment {{seg.position}}")
        print("ok", flush=True)
    """
    children = [
        _python(code.format(db=str(sample_db), who=who, start=start))
        for who, start in (("alice", 0), ("bob", 1))
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "ok"
    with Project.open(sample_db) as project:
        segs = project.segments(limit=21)
        for seg in segs:
            who = "alice" if seg.position % 2 == 1 else "bob"
            assert seg.target == f"{who} round 14 segment {seg.position}"
            assert len(project.history(seg.id)) == 16


@pytest.mark.sqlite_only
def test_the_project_file_holds_what_a_connection_closed_before_another_wrote(
    sample_db: Path,
) -> None:
    """The TUI closes its main connection while its second one (and its live link's) may
    still be open as the process exits: the session's edits were left in segments.db-wal,
    and a copy of segments.db made afterwards (to send, to back up) lacked them."""
    other = Project.open(sample_db)  # the TUI's second connection, not closed yet
    try:
        with Project.open(sample_db) as project:
            first = project.segments(limit=1)[0]
            project.save_draft(first.id, "Edited in the session.")
        file_alone = sqlite3.connect(f"file:{sample_db}?immutable=1", uri=True)  # no -wal
        try:
            texts = {row[0] for row in file_alone.execute("SELECT new_text FROM revisions")}
        finally:
            file_alone.close()
    finally:
        other.close()
    assert "Edited in the session." in texts
