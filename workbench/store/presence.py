"""Who has which segment open: one row per open client, refreshed by heartbeats.

Nothing is locked: a row only says "this client had this segment open at ``seen_at``"
(seconds since the epoch, by the clock the service passes). Readers ignore rows older than
their time-to-live, so a client that crashed or lost its network leaves no mark behind for
long. Each statement commits by itself, outside the project's write lock.
"""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database

Row = dict[str, Any]


def announce(
    db: Database, client: str, author: str, document_id: int | None, segment_id: int | None,
    now: float,
) -> None:
    """Record that ``client`` (run by ``author``) has ``segment_id`` open now."""
    db.execute(
        "INSERT INTO presence (client, author, document_id, segment_id, seen_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (client) DO UPDATE SET author = excluded.author, "
        "document_id = excluded.document_id, segment_id = excluded.segment_id, "
        "seen_at = excluded.seen_at",
        [client, author, document_id, segment_id, now],
    )


def server_time(db: Database) -> float:
    """The database server's time, in seconds since the epoch (PostgreSQL)."""
    return float(db.execute("SELECT extract(epoch FROM clock_timestamp())").fetchone()[0])


def leave(db: Database, client: str) -> None:
    """Forget ``client`` (it closed)."""
    db.execute("DELETE FROM presence WHERE client = ?", [client])


def forget_before(db: Database, before: float) -> None:
    """Drop the rows not refreshed since ``before`` (clients long gone)."""
    db.execute("DELETE FROM presence WHERE seen_at < ?", [before])


def present(db: Database, document_id: int, since: float) -> list[Row]:
    """The clients seen in a document since ``since``: client, author, segment_id, seen_at."""
    return list(db.query(
        "SELECT client, author, segment_id, seen_at FROM presence "
        "WHERE document_id = ? AND seen_at >= ? ORDER BY author, client",
        [document_id, since],
    ))
