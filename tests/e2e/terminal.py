"""Run the real ``workbench`` command in a pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 120, 32
CTRL_J = "\n"
CTRL_Q = "\x11"


def workbench_command() -> list[str]:
    """The console script installed beside the Python running the tests, else ``python -m
    workbench`` (never another installation's ``workbench`` found on PATH)."""
    script = Path(sys.executable).parent / "workbench"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "workbench"]


class Terminal:
    """A 120x32 terminal running ``workbench`` in ``folder``."""

    def __init__(
        self, folder: Path, *args: str, preexec_fn: Callable[[], None] | None = None
    ) -> None:
        env = {k: v for k, v in os.environ.items()
               if k not in ("TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "TERM_PROGRAM")}
        env.update(
            TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES),
            XDG_CONFIG_HOME=str(folder / "config"), LANG="C.UTF-8", LC_ALL="C.UTF-8",
        )
        env.pop("WORKBENCH_CONFIG", None)
        command = workbench_command()
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            command[0], [*command[1:], *args], cwd=str(folder), env=env,
            dimensions=(LINES, COLUMNS), preexec_fn=preexec_fn,
        )

    def _read(self, timeout: float) -> bool:
        """Feed what the app writes within ``timeout`` into the screen; False when it wrote
        nothing (or has ended)."""
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        self.stream.feed(data)
        return bool(data)

    def text(self) -> str:
        """The screen as text, one line per row."""
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        """Read until ``predicate(screen text)`` holds, looked at after each piece the app
        writes, and until the app pauses (a quiet 0.02 s: the rest of that frame); the
        screen text."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            wrote = self._read(0.05)
            text = self.text()
            if predicate(text):
                while self._read(0.02):
                    pass
                return self.text() if predicate(self.text()) else text
            if not wrote and not self.child.isalive():
                break
        raise AssertionError(f"the screen never showed what was expected:\n{self.text()}")

    def wait_until(self, condition: Callable[[], bool], timeout: float = 30.0) -> None:
        """Read the screen until ``condition()`` holds (checked after each piece read)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if condition():
                return
            self._read(0.05)
        raise AssertionError("the condition never held")

    def send(self, keys: str) -> None:
        """Type ``keys`` (raw bytes as a terminal sends them)."""
        self.child.send(keys)

    def close(self) -> None:
        """Make sure the child is gone."""
        if self.child.isalive():
            self.child.kill(9)
        self.child.close(force=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
