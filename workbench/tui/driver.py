"""The terminal driver: Textual's own, with output that outlives the terminal.

When the terminal window is closed, the app gets SIGHUP and quits (the open edit stored), but
its output has nowhere to go: a write to the vanished terminal raises ``OSError`` (EIO), which
ends Textual's output thread, and the app's last writes then wait for ever on that thread's
full queue, so the process never ends. Here the writes to a vanished terminal are dropped.
"""

from __future__ import annotations

from typing import IO

from textual.driver import Driver


class TerminalOutput:
    """The terminal's output file for Textual's output thread; once a write or a flush fails
    (the terminal is gone), nothing more is written."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        """Write ``text``, unless the terminal is gone."""
        if not self.gone:
            try:
                return self._file.write(text)
            except OSError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        """Flush, unless the terminal is gone."""
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def fileno(self) -> int:
        """The terminal's file descriptor."""
        return self._file.fileno()

    def isatty(self) -> bool:
        """Whether the output is a terminal."""
        return self._file.isatty()


def terminal_driver(base: type[Driver]) -> type[Driver]:
    """``base`` (the driver Textual chose), writing through :class:`TerminalOutput` when it
    writes to a file of its own (the Linux driver)."""

    class WorkbenchDriver(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            output = getattr(self, "_file", None)
            if output is not None and not isinstance(output, TerminalOutput):
                self._file = TerminalOutput(output)

    WorkbenchDriver.__name__ = WorkbenchDriver.__qualname__ = base.__name__
    return WorkbenchDriver
