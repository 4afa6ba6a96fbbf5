"""Another program holding the project's write lock (a CLI import, a second TUI) makes the
app's saves wait, but never its reads: the UI thread does not freeze behind a queued save."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from workbench.project import Project
from workbench.tui.service import ProjectService


@pytest.mark.timeout(180)
def test_reads_go_on_while_a_save_waits_for_another_programs_write_lock(sample_db):
    service = ProjectService(Project.open(sample_db))
    other = sqlite3.connect(sample_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes, and takes its time
    entered = threading.Event()

    def save(project: Project) -> None:
        entered.set()
        project.save_draft(1, "typed while another program writes")

    try:
        saved = service.write(save)
        assert entered.wait(30)
        with ThreadPoolExecutor(1) as pool:  # the UI thread's next read
            source = pool.submit(service.read, lambda p: p.segment(2).source)
            assert source.result(timeout=10)  # not held up for SQLite's 30 s busy timeout
        assert not saved.done()  # the save still waits for the lock
    finally:
        other.execute("ROLLBACK")
        other.close()
    saved.result(30)  # written once the other program let go
    assert service.read(lambda p: p.segment(1).target) == "typed while another program writes"
    service.close()


def test_a_save_the_lock_is_never_given_to_fails_as_busy(sample_db, monkeypatch):
    import workbench.tui.service as service_module

    monkeypatch.setattr(service_module, "LOCK_WAIT", 0.3)
    service = ProjectService(Project.open(sample_db))
    stored = service.read(lambda p: p.segment(1).target)
    other = sqlite3.connect(sample_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        saved = service.write(lambda p: p.save_draft(1, "never written"))
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            saved.result(30)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert service.read(lambda p: p.segment(1).target) == stored
    assert service.read(lambda p: p.db.conn.in_transaction) is False
    service.write(lambda p: p.save_draft(1, "a later edit")).result(30)  # the service goes on
    assert service.read(lambda p: p.segment(1).target) == "a later edit"
    service.close()
