"""The TUI's link to the other people on the project: live changes and presence.

A worker thread holds a connection of its own (on PostgreSQL it ``LISTEN``s; on SQLite it
polls the data version, see ``store/live.py``) and posts to the app:

- :class:`LiveChanged`: what others changed (segments, structure, notes), within a fraction
  of a second of their commit;
- :class:`PresenceChanged`: who has which segment of the open document open;
- :class:`LinkState`: whether the server can be reached (the worker reconnects by itself),
  or refuses the user (a member removed from the team: the link tries again, and is back
  once they are added back). A project file has no server to lose: when the link fails there
  (another program's write lock held past the busy timeout, a full disk) it tries again
  without a word, and reads everything again once it is back.

The app's own writes (``own``, its main connection) and the link's heartbeats are left out
of the changes posted (``Feed.watch``): the app shows them already, and reading everything
again after each of its autosaves only made it re-read dictionaries and memories and check
the spelling again for nothing. The other clients' heartbeats come as ``presence`` (on SQLite
too: ``SqliteFeed``), which reads who is here, nothing else.

It also sends this client's heartbeat: the segment open in the editor (``watch``), at once
when it changes and every ``HEARTBEAT`` seconds, and says goodbye when the app closes.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from workbench.errors import LoginRefusedError, PermissionDeniedError
from workbench.project.team import HEARTBEAT, client_id
from workbench.store.db import is_refusal, project_error
from workbench.store.live import Change, document_shape, open_feed
from workbench.store.sqlite import is_busy

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.store.connection import Database, Location

WAIT = 0.25
"""Seconds the worker waits for a change before it looks at its other duties."""
RECONNECT_MAX = 2.0


@dataclass
class LiveChanged(Message):
    """Changes committed by other connections."""

    changes: list[Change]


@dataclass
class PresenceChanged(Message):
    """Segment id → the names of the others who have it open (in the watched document)."""

    others: dict[int, list[str]]


@dataclass
class RoleChanged(Message):
    """The user's team role on the server, read again with the heartbeats: a lead changed
    it meanwhile (``team add-user NAME --role R --existing``)."""

    role: str | None


@dataclass
class LinkState(Message):
    """The live link reached the server (True) or lost it (False); ``refused``: the server
    answers but refuses the user (removed from the project's team), its one-line reason."""

    online: bool
    refused: str = ""


class LiveLink:
    """The worker's state: what the editor has open, and when to stop."""

    def __init__(self, location: Location, author: str, *, read_only: bool = False,
                 clock: Any = time.monotonic,
                 own: Callable[[], Database | None] | None = None) -> None:
        self.location = location
        self.own = own  # the app's own connection, whose writes the app shows already
        self.author = author
        self.read_only = read_only
        self.client = client_id(author)
        self.clock = clock
        self.document_id: int | None = None
        self.segment_id: int | None = None
        self.stopping = threading.Event()
        self.online = True
        self.refused = ""  # why the server refuses the user, while it does
        self.role: str | None = None  # the team role last read (told to the app on a change)
        self._broken = False  # the last session failed: read everything again once back
        self._wake = threading.Event()

    def watch(self, document_id: int | None, segment_id: int | None) -> None:
        """The editor opened ``segment_id`` of ``document_id``: say so (from any thread)."""
        if (document_id, segment_id) != (self.document_id, self.segment_id):
            self.document_id, self.segment_id = document_id, segment_id
            self._wake.set()

    def stop(self) -> None:
        """End the worker (it says goodbye first)."""
        self.stopping.set()
        self._wake.set()

    def run(self, post: Any) -> None:
        """The worker's loop: ``post(message)`` hands a message to the app (thread-safe)."""
        delay = 0.2
        while not self.stopping.is_set():
            try:
                self._session(post)
                return
            except Exception as exc:  # the server went away, or refuses: say so, try again
                self._broken = True
                # a file has no server to lose; another program's lock is no server gone
                if not isinstance(self.location, Path) and not is_busy(exc):
                    self._report(exc, post)
                self.stopping.wait(delay)
                delay = min(RECONNECT_MAX, delay * 2)

    def _report(self, exc: Exception, post: Any) -> None:
        """Tell the app that the server went away, or refuses the user (once each)."""
        if is_refusal(exc):  # a statement of the link (its presence) refused
            exc = project_error(exc, self.location)
        refused = str(exc) if isinstance(exc, PermissionDeniedError | LoginRefusedError) else ""
        if self.online or refused != self.refused:
            self.online, self.refused = False, refused
            post(LinkState(False, refused))

    def _session(self, post: Any) -> None:
        """One connection's life: listen, send heartbeats, report; returns when stopped."""
        from workbench.project import Project

        project = Project.open(self.location, author=self.author, read_only=self.read_only)
        feed = None
        try:
            feed = open_feed(project.db)
            feed.watch(lambda: project.db)  # the link's own writes (heartbeats: ``own_write``)
            if self.own is not None:
                feed.watch(self.own)
            if self._broken:  # back: what happened meanwhile is unknown, read it all
                if not self.online:
                    self.online, self.refused = True, ""
                    post(LinkState(True))
                self._broken = False
                post(LiveChanged([Change("all")]))
            self._loop(project, feed, post)
        finally:
            with contextlib.suppress(Exception):
                project.team.leave(self.client)  # its last change: told to the others only
            if feed is not None:
                with contextlib.suppress(Exception):
                    feed.close()
            with contextlib.suppress(Exception):
                project.close()

    def _read_role(self, project: Project, post: Any) -> None:
        """On a server, read the user's team role (with each heartbeat) and tell the app when
        it changed: its title and lock hints said the role the app started with."""
        if project.db.dialect != "postgresql":
            return
        role = project.team.role()
        if role != self.role:
            self.role = role
            post(RoleChanged(role))

    def _take_shape(self, project: Project, shapes: dict[int, Any]) -> None:
        """Take the open document's shape when it is first seen (on SQLite, whose feed cannot
        say that segments were merged or split): a change of it is told as ``structure``."""
        doc = self.document_id
        if doc is not None and doc not in shapes and project.db.dialect != "postgresql":
            shapes[doc] = document_shape(project.db, doc)

    def _loop(self, project: Project, feed: Any, post: Any) -> None:
        sent: tuple[int | None, int | None] | None = None
        beat = 0.0
        others: dict[int, list[str]] | None = None
        shapes: dict[int, Any] = {}
        while not self.stopping.is_set():
            self._take_shape(project, shapes)
            changes = feed.wait(0 if self._wake.is_set() else WAIT)
            self._wake.clear()
            if self.stopping.is_set():
                return
            where = (self.document_id, self.segment_id)
            now = self.clock()
            presence = any(c.kind in ("presence", "all") for c in changes)
            if where != sent or now - beat >= HEARTBEAT:
                with feed.own_write(project.db):
                    project.team.here(self.client, *where)
                sent, beat, presence = where, now, True
                self._read_role(project, post)
            content = [c for c in changes if c.kind != "presence"]
            if content and project.db.dialect != "postgresql" and where[0] is not None:
                shape = document_shape(project.db, where[0])  # merges and splits by others
                if shapes.get(where[0], shape) != shape:
                    content.append(Change("structure", where[0]))
                shapes[where[0]] = shape
            if content:
                post(LiveChanged(content))
            if presence and where[0] is not None:
                with feed.own_write(project.db):  # it forgets clients whose process is gone
                    now_others = project.team.present(where[0], self.client)
                if now_others != others:
                    others = now_others
                    post(PresenceChanged(now_others))
