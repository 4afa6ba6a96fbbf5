"""Ctrl+Q quits at once whatever a worker is doing: a background read is interrupted and given
up, never waited for; the open edit is saved first (SIGTERM and SIGHUP quit the same way). (How
long it takes is measured in bench/tui.py; here we wait on conditions with generous bounds.)"""

from __future__ import annotations

import asyncio
import errno
import io
import os
import signal
import threading

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

from tests.tui.conftest import editing, settle, write_lock_held
from workbench.project import Project
from workbench.project.views import Views
from workbench.tui.driver import TerminalOutput
from workbench.tui.service import BackgroundCancelled, ProjectService

ENDLESS = (  # an SQL query that never ends on its own
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
)


async def wait_for(condition, pilot, bound: float = 60.0) -> None:
    """Let the app run until ``condition()`` holds (at most ``bound`` seconds)."""
    async def poll() -> None:
        while not condition():
            await pilot.pause(0.02)

    await asyncio.wait_for(poll(), bound)


@pytest.mark.timeout(180)
async def test_quit_during_a_slow_filter_does_not_wait_for_it(sample_db, make_app, monkeypatch):
    started, release = threading.Event(), threading.Event()

    original = Views.view_ids

    def slow_view_ids(views, document, spec, *args):  # a filter that blocks a very long time
        if not spec.has_findings:
            return original(views, document, spec, *args)
        started.set()
        release.wait(600)
        return []

    monkeypatch.setattr(Views, "view_ids", slow_view_ids)
    app = make_app()
    try:
        async def run() -> int:
            async with editing(app) as (pilot, screen):
                seg_id = screen.current.id
                await pilot.press("end", *" quit now")
                screen.apply_filter(has_findings=True)
                await wait_for(started.is_set, pilot)
                assert app.service.busy
                await pilot.press("ctrl+q")
            return seg_id

        seg_id = await asyncio.wait_for(run(), 120)  # the app has exited
        assert not release.is_set() and app.service.busy  # the read was not waited for
    finally:
        release.set()
    with Project.open(sample_db) as project:  # the open edit was saved on the way out
        assert project.segment(seg_id).target.endswith(" quit now")


@pytest.mark.timeout(180)
async def test_english_another_program_kept_from_being_saved_is_said_not_lost(
    sample_db, make_app, monkeypatch
):
    """Another program holds the project's write lock past the wait: Ctrl+Q does not quit as
    if the English typed were stored (it was lost without a word); it says so, and Ctrl+Q
    again quits with the English printed (the farewell) and exit code 1."""
    import sqlite3

    import workbench.tui.service as service_module

    monkeypatch.setattr(service_module, "LOCK_WAIT", 0.3)
    app = make_app()
    other = sqlite3.connect(sample_db, isolation_level=None)
    try:
        async def run() -> tuple[int, str]:
            async with editing(app) as (pilot, screen):
                seg_id = screen.current.id
                other.execute("BEGIN IMMEDIATE")  # held past the app's wait
                await pilot.press("end", *" never stored")
                await pilot.press("ctrl+q")
                await settle(pilot)
                assert app.is_running  # not quit: said
                said = [str(n.message) for n in app._notifications]
                assert any("could not be saved" in m for m in said), said
                typed = screen.editor.text
                await pilot.press("ctrl+q")  # quit anyway
                await wait_for(lambda: not app.is_running, pilot)
            return seg_id, typed

        seg_id, typed = await asyncio.wait_for(run(), 120)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert app.return_code == 1
    assert app.farewell is not None and typed in app.farewell
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target != typed


@pytest.mark.timeout(180)
async def test_ctrl_q_says_again_after_the_english_it_said_was_saved_since(
    sample_db, make_app, monkeypatch
):
    """Ctrl+Q said once that English could not be saved; once saved after all (the other
    program let go), English kept from being saved later is said again by the next Ctrl+Q,
    which quitted at once (the first warning was taken for an answer for ever)."""
    import workbench.tui.service as service_module

    monkeypatch.setattr(service_module, "LOCK_WAIT", 0.3)
    app = make_app()

    def said() -> int:
        return sum("could not be saved" in str(n.message) for n in app._notifications)

    async with editing(app) as (pilot, screen):
        seg_id = screen.current.id
        with write_lock_held(sample_db):
            await pilot.press("end", *" first")
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.is_running and said() == 1
        await wait_for(lambda: not screen.unsaved and not screen.pending_writes, pilot)
        with write_lock_held(sample_db):
            await pilot.press(*" second")
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert app.is_running  # not quit: said again
            assert said() == 2
            await pilot.press("ctrl+q")  # quit anyway
            await wait_for(lambda: not app.is_running, pilot)
    assert app.return_code == 1
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target.endswith(" first")


@pytest.mark.timeout(180)
def test_closing_interrupts_a_long_sql_query(sample_db):
    service = ProjectService(Project.open(sample_db))
    outcome: list[BaseException] = []

    def worker() -> None:
        try:
            service.background(lambda p: p.db.execute(ENDLESS).fetchall())
        except BaseException as exc:  # what the waiting worker gets
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    for _ in range(6000):  # until the query runs (at most a minute)
        if service.busy:
            break
        threading.Event().wait(0.01)
    assert service.busy
    service.close()
    thread.join(60)
    assert not thread.is_alive() and isinstance(outcome[0], BackgroundCancelled)
    reader = service._reader
    assert reader is not None
    reader.join(60)  # the query was interrupted: the background thread ended
    assert not reader.is_alive() and not service.busy


async def test_a_replaced_slow_search_is_interrupted(sample_db, make_app, monkeypatch):
    calls: list[str] = []

    original = Views.view_ids

    def view_ids(views, document, spec, low_confidence, low_score):  # the service's
        if not spec.search:  # the editor's list of every segment
            return original(views, document, spec, low_confidence, low_score)
        calls.append(spec.search)
        if spec.search == "slow":
            views.context.db.execute(ENDLESS).fetchall()  # interrupted when replaced
        return [1, 2]

    monkeypatch.setattr(Views, "view_ids", view_ids)
    app = make_app()
    async with editing(app) as (pilot, screen):
        spec = screen.spec.__class__
        screen.compute_view(spec(search="slow"), None)
        await wait_for(lambda: app.service.busy, pilot)
        screen.compute_view(spec(search="fast"), None)  # exclusive: the slow one is cancelled
        await wait_for(lambda: screen.spec.search == "fast", pilot)
        await settle(pilot)
        assert calls == ["slow", "fast"]
        assert screen.rows.ids == [1, 2]
        assert not app.service.busy


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
async def test_sigterm_and_sighup_quit_as_ctrl_q_does(sample_db, make_app, sig):
    number = getattr(signal, sig)
    kept = signal.signal(number, lambda *_: None)  # a signal the app does not take: ignored
    try:
        app = make_app()
        async with editing(app) as (pilot, screen):
            seg_id = screen.current.id
            await pilot.press("end", *" typed just before")
            os.kill(os.getpid(), number)  # `kill`, a shutdown, the terminal window closed
            await wait_for(lambda: app.return_code is not None, pilot, bound=30)
            assert app.return_code == 128 + number
    finally:
        signal.signal(number, kept)
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target.endswith(" typed just before")


class _ClosedTerminal(io.StringIO):
    """A terminal window closed under the app: every write fails as a vanished tty's does."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


def test_the_output_thread_outlives_a_closed_terminal():
    """After SIGHUP the app's last writes (the terminal's modes restored) meet a closed
    terminal: Textual's output thread takes them all (dropped), so its stop returns and the
    process ends, where the first failed write used to end the thread and leave the app
    waiting for ever on its full queue."""
    output = TerminalOutput(_ClosedTerminal())
    writer = WriterThread(output)  # type: ignore[arg-type]
    writer.start()
    for _ in range(MAX_QUEUED_WRITES * 3):
        writer.write("\x1b[?1049l")
    writer.stop()  # returns once the thread took the stop
    assert output.gone and not writer.is_alive()


@pytest.mark.skipif(not hasattr(signal, "SIGTSTP"), reason="the Linux driver")
async def test_the_apps_terminal_driver_writes_through_that_output(make_app):
    from textual.drivers.linux_driver import LinuxDriver

    app = make_app()
    driver_class = app.get_driver_class()
    assert issubclass(driver_class, LinuxDriver)
    kept = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        driver = driver_class(app)
    finally:
        for sig, handler in kept.items():
            signal.signal(sig, handler)
    assert isinstance(driver._file, TerminalOutput)
    app.service.close()


async def test_a_bug_in_the_tui_exits_70(make_app):
    """A bug (an exception nothing handles) ends the app with its traceback and exit code 70,
    as a command's does (it was Textual's 1, the code of English left unsaved)."""
    app = make_app()
    with pytest.raises(ZeroDivisionError):
        async with editing(app) as (pilot, _):
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert app.return_code == 70


@pytest.mark.timeout(180)
async def test_ctrl_q_behind_another_programs_lock_says_what_it_waits_for(
    sample_db, make_app, monkeypatch
):
    """Another program (a long import) holds the project's write lock when Ctrl+Q is pressed:
    the app waited for it with the screen frozen and not a word; now it says it is saving,
    and quits with the English stored once the other program lets go."""
    import sqlite3

    import workbench.tui.app as app_module
    import workbench.tui.service as service_module

    monkeypatch.setattr(service_module, "LOCK_WAIT", 20.0)
    monkeypatch.setattr(app_module, "QUIT_PATIENCE", 0.1)
    app = make_app()
    other = sqlite3.connect(sample_db, isolation_level=None)
    try:
        async with editing(app) as (pilot, screen):
            seg_id = screen.current.id
            other.execute("BEGIN IMMEDIATE")
            await pilot.press("end", *" saved late")
            await pilot.press("ctrl+q")  # the app answers while it waits
            await wait_for(lambda: any("Saving before quitting" in str(n.message)
                                       for n in app._notifications), pilot, 10)
            await pilot.press("ctrl+q")
            assert any("Still saving" in str(n.message) for n in app._notifications)
            assert app.is_running  # waiting, and saying so
            other.execute("ROLLBACK")
            await wait_for(lambda: not app.is_running, pilot, 30)
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert app.return_code == 0
    with Project.open(sample_db) as project:
        assert project.segment(seg_id).target.endswith(" saved late")
