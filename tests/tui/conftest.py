"""Helpers for driving the TUI with Textual's pilot (headless, 120x32)."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from workbench.config import Config
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.editor import DETAILS_DELAY, EditorScreen

SIZE = (120, 32)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests of this folder in a fresh event loop (no plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


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


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until workers, queued writes and the messages they post are all handled."""
    app: WorkbenchApp = pilot.app  # type: ignore[assignment]
    for _ in range(2):
        await pilot.pause(DETAILS_DELAY * 2)  # the panels' details start after a rest
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        app.service.flush()
        await pilot.pause()


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


def editor_screen(app: WorkbenchApp) -> EditorScreen:
    """The editor screen of the app."""
    screen = app.editor
    assert screen is not None
    return screen


def screen_lines(app: WorkbenchApp) -> list[str]:
    """The text of every screen row, as the terminal would show it (cell by cell)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
