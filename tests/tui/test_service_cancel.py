"""A background write given a ``cancel`` event (imports, find and replace, batches: the dialog's
Cancel) is stopped at its next statement and rolled back; one that finished first keeps its
result; the connection is usable afterwards."""

from __future__ import annotations

import threading

import pytest

from tests.tui.test_quit import ENDLESS
from workbench.project import Project
from workbench.tui.service import BackgroundCancelled, ProjectService


@pytest.mark.timeout(180)
def test_a_cancelled_write_rolls_back_and_the_service_goes_on(sample_db):
    service = ProjectService(Project.open(sample_db))
    stored = service.read(lambda p: p.segment(1).target)
    started, cancel = threading.Event(), threading.Event()
    outcome: list[BaseException | str] = []

    def batch(project: Project) -> str:
        with project.transaction():
            project.save_draft(1, "written, then cancelled")
            started.set()
            project.db.execute(ENDLESS).fetchall()  # a long batch: stopped here
        return "finished"

    def worker() -> None:
        try:
            outcome.append(service.background(batch, write=True, cancel=cancel))
        except BaseException as exc:  # what the waiting worker gets
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    assert started.wait(60)
    cancel.set()
    thread.join(60)
    assert not thread.is_alive() and isinstance(outcome[0], BackgroundCancelled)
    # nothing of it remains, and the second connection holds no transaction
    assert service.background(lambda p: p.segment(1).target) == stored
    assert service.background(lambda p: p.db.conn.in_transaction) is False
    service.write(lambda p: p.save_draft(1, "a later edit")).result(30)
    assert service.read(lambda p: p.segment(1).target) == "a later edit"
    service.close()


def test_a_write_that_finished_first_keeps_its_result(sample_db):
    service = ProjectService(Project.open(sample_db))
    cancel = threading.Event()

    def quick(project: Project) -> str:
        project.save_draft(2, "quick")
        cancel.set()  # Cancel pressed as it ends: too late to stop it
        return "done"

    assert service.background(quick, write=True, cancel=cancel) == "done"
    assert service.read(lambda p: p.segment(2).target) == "quick"
    service.close()


@pytest.mark.timeout(180)
def test_quitting_stops_a_stoppable_write(sample_db):
    service = ProjectService(Project.open(sample_db))
    stored = service.read(lambda p: p.segment(3).target)
    started = threading.Event()
    outcome: list[BaseException] = []

    def batch(project: Project) -> None:
        with project.transaction():
            project.save_draft(3, "half a batch")
            started.set()
            project.db.execute(ENDLESS).fetchall()

    def worker() -> None:
        try:
            service.background(batch, write=True, cancel=threading.Event())
        except BaseException as exc:  # what the waiting worker gets
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    assert started.wait(60)
    service.close()  # Ctrl+Q
    thread.join(60)
    assert isinstance(outcome[0], BackgroundCancelled)
    reader = service._reader
    assert reader is not None
    reader.join(60)  # stopped, rolled back, the second connection closed
    assert not reader.is_alive()
    with Project.open(sample_db) as project:
        assert project.segment(3).target == stored
