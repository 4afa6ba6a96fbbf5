"""Collecting every bad row of a glossary file into one error.

A reader adds each bad row it meets and goes on; at the end :meth:`BadRows.raise_if_any`
raises one :class:`BadRowsError` (an :class:`~workbench.errors.InputError`, so every front end
shows it as before) and nothing of the file is used. One bad row reads exactly as a single
``InputError`` (``FILE: line N: why``); several give a first line with the count and then one
indented ``FILE: line N: why`` line per row, the first :data:`MAX_SHOWN` of them, then
``... and N more``.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError

MAX_SHOWN = 20


class BadRowsError(InputError):
    """Bad rows of one file: ``rows`` holds (line, reason) of the first ones, ``count`` all."""

    def __init__(self, path: str | Path, rows: list[tuple[int | None, str]], count: int) -> None:
        line, reason = rows[0]
        super().__init__(path, reason, line)
        self.rows = rows
        self.count = count
        if count > 1:
            lines = [f"{self.path}: {count} bad rows; nothing was read from the file:"]
            lines += [f"  {_where(self.path, n)}: {why}" for n, why in rows[:MAX_SHOWN]]
            if count > MAX_SHOWN:
                lines.append(f"  ... and {count - MAX_SHOWN} more")
            self.args = ("\n".join(lines),)


def _where(path: str, line: int | None) -> str:
    return f"{path}: line {line}" if line is not None else path


class BadRows:
    """The bad rows met while reading one file (the first :data:`MAX_SHOWN` kept, all counted)."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.rows: list[tuple[int | None, str]] = []
        self.count = 0

    def add(self, line: int | None, reason: str) -> None:
        """Record a bad row."""
        self.count += 1
        if len(self.rows) < MAX_SHOWN:
            self.rows.append((line, reason))

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self) -> None:
        """Raise one :class:`BadRowsError` for all the rows recorded, if any."""
        if self.count:
            raise BadRowsError(self.path, self.rows, self.count)
