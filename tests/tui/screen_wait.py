"""Waiting helpers for the screens' pilot tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

from tests.tui.conftest import screen_lines, settle

S = TypeVar("S", bound=Screen[Any])

ATTEMPTS = 400  # pauses of 0.05 s: a bound on a wait for a condition, never an assertion


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app run until ``condition()`` holds (bounded: at least 20 s, longer under
    load). A press or ``pilot.pause()`` returns once the process looks idle, which under load
    may be before the messages a key or an edit posts (``TextArea.Changed`` reaching the
    screen) are handled: wait for the outcome, never for a number of pauses."""
    for _ in range(ATTEMPTS):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


async def open_screen(pilot: Pilot[Any], key: str, kind: type[S]) -> S:
    """Press ``key``, wait, and return the screen it opened (which must be a ``kind``)."""
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def shows(pilot: Pilot[Any], text: str) -> bool:
    """True once the screen shows ``text`` (a repaint may lag a worker by a frame or two)."""
    for _ in range(20):
        if text in "\n".join(screen_lines(pilot.app)):  # type: ignore[arg-type]
            return True
        await pilot.pause(0.05)
    return False


def notified(app: Any, text: str) -> bool:
    """True when a notification of ``app`` holds ``text``."""
    return any(text in n.message for n in app._notifications)
