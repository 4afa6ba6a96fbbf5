"""What other people changed, as it happens: a feed of changes of the project.

On PostgreSQL the schema's triggers ``NOTIFY workbench`` at commit (migration 7 of
``schema_postgres``) and the feed ``LISTEN``s on a connection of its own: a change reaches
the reader a few milliseconds after it is committed, with the ids of the segments changed.
SQLite has no notifications: the feed polls ``PRAGMA data_version`` (which changes when
another connection commits) and says only that something changed; the reader re-reads what
it shows.

Payloads: ``segments DOC ID,ID,...`` (``*``: too many to list), ``structure DOC`` (segments
added, removed, moved or re-cut: read the view again), ``notes ID,...``, ``documents``,
``presence``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from workbench.store.connection import Database

if TYPE_CHECKING:
    from workbench.store.postgres import PostgresDatabase

CHANNEL = "workbench"
POLL = 0.1
"""Seconds between two looks at SQLite's data version."""


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` is segments, structure, notes, documents, presence or ``all``
    (something changed: read everything shown again). ``segment_ids`` None means every
    segment (of ``document_id``, when given)."""

    kind: str
    document_id: int | None = None
    segment_ids: tuple[int, ...] | None = None


def parse(payload: str) -> Change:
    """The change a notification's payload describes (``all`` for one not understood)."""
    kind, _, rest = payload.partition(" ")
    try:
        if kind == "segments":
            doc, _, ids = rest.partition(" ")
            listed = None if ids.strip() in ("", "*") else tuple(int(i) for i in ids.split(","))
            return Change(kind, int(doc), listed)
        if kind == "structure":
            return Change(kind, int(rest))
        if kind == "notes":
            return Change(kind, None, tuple(int(i) for i in rest.split(",") if i))
        if kind in ("documents", "presence"):
            return Change(kind)
    except ValueError:
        pass
    return Change("all")


class Feed(Protocol):
    """A source of changes made by other connections."""

    def wait(self, timeout: float) -> list[Change]:
        """The changes committed since the last call, waiting up to ``timeout`` seconds for
        the first; [] when nothing changed."""
        ...

    def close(self) -> None:
        """Stop listening (the connection stays the caller's)."""
        ...


class PostgresFeed:
    """LISTEN on the project's channel; notifications are read between queries too (psycopg
    keeps those that arrive while the connection runs other statements)."""

    def __init__(self, db: PostgresDatabase) -> None:
        self.db = db
        db.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> list[Change]:
        pg = self.db.pg
        notes = list(pg.notifies(timeout=timeout, stop_after=1))
        if notes:
            notes += list(pg.notifies(timeout=0))
        return _merged(parse(n.payload) for n in notes if n.channel == CHANNEL)

    def close(self) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self.db.execute(f"UNLISTEN {CHANNEL}")


class SqliteFeed:
    """Polls ``PRAGMA data_version``: any commit by another connection is an ``all``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.version = self._version()

    def _version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            version = self._version()
            if version != self.version:
                self.version = version
                return [Change("all")]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(POLL, left))

    def close(self) -> None:
        pass


def open_feed(db: Database) -> Feed:
    """A feed of the changes other connections make to ``db``'s project (``db`` should be a
    connection of the feed's own: a PostgreSQL one listens)."""
    if db.dialect == "postgresql":
        return PostgresFeed(db)  # type: ignore[arg-type]
    return SqliteFeed(db)


def document_shape(db: Database, document_id: int) -> tuple[int, int, int]:
    """A document's segment count and two sums of ids and positions: it changes when
    segments are added, removed or moved (SQLite's feed cannot say so by itself)."""
    row = db.execute(
        "SELECT count(*), coalesce(sum(id), 0), coalesce(sum(id * position), 0) "
        "FROM segments WHERE document_id = ?", [document_id],
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def _merged(changes: object) -> list[Change]:
    """The changes without repeats, in order."""
    return list(dict.fromkeys(changes))  # type: ignore[call-overload]
