"""The one exception family for problems a user can cause and fix."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from workbench.wording import plural

EXIT_CRASH = 70
"""The exit code of a bug (EX_SOFTWARE), its traceback printed: never the 1 of ``check``'s
findings, nor of the TUI's unsaved English."""


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


class BlockedByFindings(WorkbenchError):
    """A confirmation refused because error-level QA findings are open (give a reason to
    override them)."""

    def __init__(self, segment_id: int, findings: list[Any]) -> None:
        self.segment_id = segment_id
        self.findings = findings
        super().__init__(
            f"segment {segment_id}: not confirmed: {plural(len(findings), 'error finding')} "
            f"({'; '.join(self.said())}); fix them or give an override reason"
        )

    def said(self) -> list[str]:
        """Each finding as ``message [check]``, once: a term twice in the segment gives two
        like findings, said once with ``(2×)``."""
        counts = Counter(f"{f.message} [{f.check}]" for f in self.findings)
        return [f"{m} ({n}×)" if n > 1 else m for m, n in counts.items()]


class LockedError(WorkbenchError):
    """A change of a locked segment's English (approving locks; `workbench lock` too),
    refused until it is unlocked."""

    def __init__(self, segment_id: int, may_unlock: bool = True) -> None:
        self.segment_id = segment_id
        self.may_unlock = may_unlock  # False: a translator of a team project
        super().__init__(
            f"segment {segment_id} is locked: unlock it first (workbench unlock {segment_id})"
            if may_unlock else
            f"segment {segment_id} is locked: only a reviewer or a lead may unlock it"
        )


class ReadOnlyProjectError(ProjectError):
    """A write to a project that is open read-only, or that SQLite cannot write."""

    @classmethod
    def opened_read_only(cls, path: str | Path, reason: str) -> ReadOnlyProjectError:
        """The refusal of a write to the project at ``path``, opened read-only for ``reason``."""
        return cls(f"{path}: the project is open read-only ({reason}); nothing was changed")


class DamagedProjectError(ProjectError):
    """A project file whose pages SQLite cannot read (``workbench doctor`` examines it)."""


def _quote(text: str, width: int = 60) -> str:
    """``text`` on one line, shortened to ``width`` characters, quoted."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


class ConflictError(WorkbenchError):
    """A change made on a stale revision of a segment: someone else changed it since it was
    read, so it was not written (never a silent overwrite).

    ``theirs`` is the segment's English now (``theirs_status``, ``revision``, last changed by
    ``author``); ``yours`` the English that was not written (None for a status change, which
    conflicts with any change since ``base_revision``). A refused English is kept in the
    segment's history as a ``conflict`` record.
    """

    def __init__(
        self, segment_id: int, *, base_revision: int, revision: int, theirs: str,
        theirs_status: str, author: str | None, yours: str | None, action: str,
    ) -> None:
        self.segment_id = segment_id
        self.base_revision = base_revision
        self.revision = revision
        self.theirs = theirs
        self.theirs_status = theirs_status
        self.author = author
        self.yours = yours
        self.action = action
        who = f"by {author} " if author else ""
        head = (f"segment {segment_id} was changed {who}since you read it (revision "
                f"{base_revision}, now {revision}, {theirs_status})")
        if yours is None:
            super().__init__(f"{head}: your {action} was not applied; read it again")
        else:
            super().__init__(
                f"{head}: your English was not saved (kept in its history as a conflict): "
                f"theirs {_quote(theirs)}, yours {_quote(yours)}"
            )


class PermissionDeniedError(ProjectError):
    """A change the database refused to this user's team role (a translator approving, say)."""


class LoginRefusedError(ProjectError):
    """The server answers but refuses the login: no such user (a team member removed and
    their login dropped), or a wrong password."""


class ConnectionLostError(ProjectError):
    """The database server cannot be reached (restarting, or the network is down)."""
