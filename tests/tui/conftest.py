"""Helpers for driving the TUI with Textual's pilot (headless, 120x32)."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from workbench.config import Config
from workbench.project import Project
from workbench.project.catalog import Document
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.editor import DETAILS_DELAY, EditorScreen

SIZE = (120, 32)
IDLE_LOOK = 0.005  # seconds of one look of pilot at whether the app is idle


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests of this folder in a fresh event loop (no plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture(autouse=True)
def _quick_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot's presses and pauses end after a look of ``SLEEP_GRANULARITY`` (1/50 s) in which
    the process used less than ``SLEEP_IDLE`` (1 ms) of CPU time: at least two such looks per
    key, mostly asleep. Shorter looks, with the same 1 ms, save most of that sleep; every wait
    of a test for an outcome is :func:`settle` (workers, writes, the details timer) or a
    check, not this."""
    try:  # Textual's own module: another Textual keeps its looks, and the tests still pass
        import textual._wait as wait
    except ImportError:
        return
    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", IDLE_LOOK, raising=False)


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's apps keep waiting edits (workbench.tui.unsent) in a folder of their own."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Default settings, saved (when changed) in a temporary config file."""
    return Config(path=tmp_path / "config" / "config.toml")


@pytest.fixture
def make_app(sample_db: Path, config: Config) -> Callable[..., WorkbenchApp]:
    """Build a WorkbenchApp on a fresh copy of the sample project (direction app)."""
    def make(**kwargs: Any) -> WorkbenchApp:
        kwargs.setdefault("config", config)
        kwargs.setdefault("direction", "app")
        kwargs.setdefault("author", "tester")
        return WorkbenchApp(sample_db, **kwargs)

    return make


def _details_pending(app: WorkbenchApp) -> bool | None:
    """True while the editor's details timer (``DETAILS_DELAY`` after a segment opens) has not
    fired yet; None when this Textual's timer does not show it (its private ``_task``)."""
    timer = getattr(app.editor, "_details_timer", None)
    if timer is None:
        return False
    if not hasattr(timer, "_task"):
        return None
    return timer._task is not None and not timer._task.done()


def _busy(app: WorkbenchApp) -> bool:
    """True while something the tests wait for is still to come: the details timer, a
    worker, or a queued write (offline, writes wait for the server: not waited for here, as
    ``service.flush`` does not)."""
    service = app.service
    return (_details_pending(app) is True or bool(app.workers)
            or (service.online and service.waiting > 0))


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until workers, queued writes and the messages they post are all handled.

    Each round lets the panels' details timer fire (it starts them ``DETAILS_DELAY`` after a
    segment opens), waits for every worker and queued write, and handles the messages they
    posted; rounds go on (at least two) until a round ends with nothing left to wait for."""
    app: WorkbenchApp = pilot.app  # type: ignore[assignment]
    for round_ in range(50):
        await pilot.pause()
        deadline = asyncio.get_running_loop().time() + DETAILS_DELAY * 50
        if _details_pending(app) is None:  # cannot tell: wait as long as the timer takes
            await pilot.pause(DETAILS_DELAY * 2)
        while _details_pending(app) and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(DETAILS_DELAY / 4)  # the panels' details start after a rest
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        app.service.flush()
        await pilot.pause()
        if round_ >= 1 and not _busy(app):
            return


@contextlib.asynccontextmanager
async def editing(
    app: WorkbenchApp, segment_id: int | None = None
) -> AsyncIterator[tuple[Pilot[Any], EditorScreen]]:
    """Run ``app`` headless at ``SIZE`` until it settles, with segment ``segment_id`` open
    when given: ``async with editing(app) as (pilot, screen):``."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = editor_screen(app)
        if segment_id is not None:
            screen.open_segment(segment_id)
            await settle(pilot)
        yield pilot, screen


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another program holds the SQLite project's write lock for the block (and takes its
    time)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def editor_screen(app: WorkbenchApp) -> EditorScreen:
    """The editor screen of the app."""
    screen = app.editor
    assert screen is not None
    return screen


def screen_lines(app: WorkbenchApp) -> list[str]:
    """The text of every screen row, as the terminal would show it (cell by cell)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def quotation_over_three(db: Path) -> list[int]:
    """Give the first three segments of project ``db`` English quoting over them (opened in
    the first, closed in the third); their ids."""
    with Project.open(db) as project:
        ids = [s.id for s in project.segments(limit=3)]
        for sid, english in zip(ids, ('He said, "One.', "Two.", 'Three."'), strict=True):
            project.save_draft(sid, english)
    return ids


def join_first_two(project: Project) -> tuple[Document, int]:
    """Make the working version's first link hold segments 1 and 2, its English on 1."""
    from workbench.store import versions as q_versions

    doc = project.document()
    vid = project.version_id(doc, "working")
    english = f"{project.segment(1).target} {project.segment(2).target}"
    with project.transaction():
        q_versions.clear_alignment(project.db, vid)
        q_versions.store_alignment(project.db, vid, [(1, english)], [1, 2], [([0, 1], [0])],
                                   [0.9])
        q_versions.put_translations(project.db, vid, [(1, english), (2, "")])
    return doc, vid
