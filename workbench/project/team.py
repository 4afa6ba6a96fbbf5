"""Team work on one project: who is on the team (PostgreSQL), who has which segment open,
and who changed a segment last.

Presence is a heartbeat, not a lock: a client says which segment it has open (``here``)
when it opens one and every :data:`HEARTBEAT` seconds; others see it for :data:`PRESENCE_TTL`
seconds after its last word, so a client that crashed or lost its network stops showing
within that time and never blocks anyone; one of this machine whose process is gone (a killed
TUI) stops showing at once. Roles are enforced by the database
(``store/team.py``); here they are managed and named.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

from workbench.errors import WorkbenchError
from workbench.project.context import ProjectContext
from workbench.store import history as q_history
from workbench.store import notes as q_notes
from workbench.store import presence as q_presence
from workbench.store import team as q_team
from workbench.store.team import ROLES, Member

HEARTBEAT = 5.0
"""Seconds between a client's heartbeats while it stays on one segment."""
PRESENCE_TTL = 20.0
"""Seconds a heartbeat counts: a client silent for longer is not shown."""
FORGET_AFTER = 3600.0
"""Seconds after which a silent client's row is deleted."""


local_time = time.time
"""This machine's clock (seconds since the epoch)."""


def client_id(author: str) -> str:
    """A new client's id for presence: unique, naming its machine and process."""
    return f"{author}-{uuid.uuid4().hex[:12]}@{socket.gethostname()}:{os.getpid()}"


def process_gone(client: str) -> bool:
    """Whether ``client`` (see :func:`client_id`) ran on this machine in a process that no
    longer exists. Unknown (another machine, an older id, not POSIX): False."""
    rest, sep, pid = client.rpartition(":")
    if os.name != "posix" or not sep or not pid.isdigit():
        return False  # (on Windows, os.kill would end the process)
    if rest.rpartition("@")[2] != socket.gethostname() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process: it exists
        return False
    return False


class Team:
    """The team of a project: members and roles (PostgreSQL), presence (both engines)."""

    def __init__(
        self, context: ProjectContext, clock: Callable[[], float] | None = None
    ) -> None:
        self.context = context
        # seconds since the epoch; tests inject one. None: the server's on PostgreSQL (one
        # clock for every machine: a laptop whose clock is off by more than PRESENCE_TTL was
        # never shown, or shown long after it crashed), else this machine's
        self.clock = clock

    def _now(self) -> float:
        """The time heartbeats are stamped and read with (``clock``)."""
        if self.clock is not None:
            return self.clock()
        db = self.context.db
        return q_presence.server_time(db) if db.dialect == "postgresql" else local_time()

    # presence --------------------------------------------------------------------------------

    def here(self, client: str, document_id: int | None, segment_id: int | None) -> None:
        """Say that ``client`` has ``segment_id`` of ``document_id`` open (a heartbeat)."""
        db = self.context.db
        if db.read_only:
            return
        now = self._now()
        q_presence.announce(db, client, self.context.author, document_id, segment_id, now)
        q_presence.forget_before(db, now - FORGET_AFTER)

    def leave(self, client: str) -> None:
        """Say that ``client`` closed."""
        if not self.context.db.read_only:
            q_presence.leave(self.context.db, client)

    def present(self, document_id: int, client: str | None = None) -> dict[int, list[str]]:
        """Segment id → the names of the others who have it open now (``client`` left out:
        the caller's own)."""
        db = self.context.db
        since = self._now() - PRESENCE_TTL
        out: dict[int, list[str]] = {}
        for row in q_presence.present(db, document_id, since):
            if row["client"] == client or row["segment_id"] is None:
                continue
            if process_gone(row["client"]):  # killed: not there, whatever its last heartbeat
                if not db.read_only:
                    q_presence.leave(db, row["client"])
                continue
            names = out.setdefault(int(row["segment_id"]), [])
            if row["author"] not in names:
                names.append(row["author"])
        return out

    def last_note_id(self) -> int:
        """The id of the newest note of the project (notes after it are new)."""
        return q_notes.last_note_id(self.context.db)

    def last_change(self, segment_id: int) -> dict[str, Any] | None:
        """Who changed a segment last, how and when (author, action, at), or None."""
        row = q_history.last_change(self.context.db, segment_id)
        return None if row is None else {k: row[k] for k in ("author", "action", "at")}

    # members and roles (PostgreSQL) -----------------------------------------------------------

    def role(self) -> str | None:
        """The team role of the user working ('translator', 'reviewer', 'lead'), or None for
        anyone else: an SQLite project, the project's owner, a superuser."""
        db = self.context.db
        if db.dialect != "postgresql":
            return None
        return q_team.role_of(db)  # type: ignore[arg-type]

    def members(self) -> list[Member]:
        """The team's members with their roles and open sessions."""
        return q_team.members(self.require_server())

    def owner(self) -> str | None:
        """The login that owns the project (it may do everything a lead may), or None."""
        return q_team.owner(self.require_server())

    def add_member(self, name: str, role: str, password: str | None) -> str | None:
        """Add ``name`` to the team with ``role``: a new login with ``password``, or an
        existing login of the server (``password`` None). Run by the project's owner or a
        user who may create roles; the password is never stored or shown. Returns the role
        ``name`` had in the team before (None: not a member)."""
        if role not in ROLES:
            raise WorkbenchError(f"unknown role {role!r} (use {', '.join(ROLES)})")
        if password is not None and not password:
            raise WorkbenchError("the password is empty")
        db = self.require_server()
        with self._managing():
            before = next((m.role for m in q_team.members(db) if m.name == name), None)
            q_team.add_member(db, name, role, password)
        return before

    def check_new_login(self, name: str) -> None:
        """Refuse ``name`` for a new login (a bad name, a user the server has) before a
        password is asked for it."""
        q_team.check_new_login(self.require_server(), name)

    def remove_member(self, name: str) -> bool:
        """Take ``name`` off the team (their login is dropped when it belongs to nothing
        else: True)."""
        db = self.require_server()
        with self._managing():
            return q_team.remove_member(db, name)

    def require_server(self) -> Any:
        """The project's PostgreSQL connection; on SQLite, a one-line WorkbenchError."""
        db = self.context.db
        if db.dialect != "postgresql":
            raise WorkbenchError(
                f"{self.context.path}: team commands need a PostgreSQL project (roles are "
                "the server's); copy it there with `workbench project copy`"
            )
        return db

    def _managing(self) -> Any:
        """One transaction; a refusal says who may manage the team."""
        import contextlib

        from workbench.errors import PermissionDeniedError

        @contextlib.contextmanager
        def run() -> Any:
            try:
                with self.context.transaction():
                    yield
            except PermissionDeniedError as exc:
                user = self.context.db.user or "this user"
                raise PermissionDeniedError(
                    f"{user} may not manage the project's team (a superuser does, or the "
                    f"project's owner given CREATEROLE by one): {exc}"
                ) from None

        return run()
