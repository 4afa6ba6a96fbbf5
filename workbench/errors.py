"""The one exception family for problems a user can cause and fix."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """A problem the user can fix; front ends show it as one line, never a traceback."""


class InputError(WorkbenchError):
    """A bad input file: the message names the file and, where known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}: line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ProjectError(WorkbenchError):
    """A project database that is missing, unreadable or of the wrong kind."""


class NotFoundError(WorkbenchError):
    """A document, version or segment that the project does not hold."""


class ReadOnlyProjectError(ProjectError):
    """A write to a project that is open read-only, or that SQLite cannot write."""

    @classmethod
    def opened_read_only(cls, path: str | Path, reason: str) -> ReadOnlyProjectError:
        """The refusal of a write to the project at ``path``, opened read-only for ``reason``."""
        return cls(f"{path}: the project is open read-only ({reason}); nothing was changed")


class DamagedProjectError(ProjectError):
    """A project file whose pages SQLite cannot read (``workbench doctor`` examines it)."""
