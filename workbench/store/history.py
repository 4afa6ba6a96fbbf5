"""The append-only revision history of working translations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now

Row = dict[str, Any]


def add_revision(
    db: Database,
    segment_id: int,
    author: str,
    action: str,
    old: tuple[str | None, str | None],
    new: tuple[str | None, str | None],
    reverts: int | None = None,
    group_id: int | None = None,
) -> int:
    """Record one change: ``old`` and ``new`` are (text, status) pairs."""
    return db.insert(
        "INSERT INTO revisions (segment_id, at, author, action, old_text, new_text, "
        "old_status, new_status, reverts, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [segment_id, now(), author, action, old[0], new[0], old[1], new[1], reverts, group_id],
    )


def add_revision_read_back(
    db: Database,
    segment_id: int,
    author: str,
    action: str,
    old: tuple[str | None, str | None],
    new: tuple[str | None, str | None],
    group_id: int | None = None,
) -> int:
    """Record one change, as ``add_revision``, and return the segment's revision after it (one
    statement: the last of a write of one segment)."""
    return int(db.execute(
        "INSERT INTO revisions (segment_id, at, author, action, old_text, new_text, "
        "old_status, new_status, reverts, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) "
        "RETURNING (SELECT s.revision FROM segments s WHERE s.id = revisions.segment_id)",
        [segment_id, now(), author, action, old[0], new[0], old[1], new[1], group_id],
    ).fetchone()[0])


def add_revisions(
    db: Database,
    author: str,
    action: str,
    rows: Iterable[tuple[int, str | None, str, str | None, str]],
    group_id: int | None = None,
) -> None:
    """Record many changes: (segment id, old text, new text, old status, new status)."""
    stamp = now()
    db.insert_rows(
        "revisions",
        ("segment_id", "at", "author", "action", "old_text", "new_text", "old_status",
         "new_status", "group_id"),
        ((sid, stamp, author, action, ot, nt, os_, ns, group_id) for sid, ot, nt, os_, ns in rows),
    )


def revisions(db: Database, segment_id: int) -> list[Row]:
    """Every revision of a segment, oldest first."""
    return list(
        db.query("SELECT * FROM revisions WHERE segment_id = ? ORDER BY id", [segment_id])
    )


def last_change(db: Database, segment_id: int) -> Row | None:
    """The newest revision of a segment that changed it (a conflict record is not one)."""
    return next(iter(db.query(
        "SELECT * FROM revisions WHERE segment_id = ? AND action != 'conflict' "
        "ORDER BY id DESC LIMIT 1", [segment_id],
    )), None)


def last_undoable(db: Database, segment_id: int) -> Row | None:
    """The newest revision of a segment that is not an undo and has not been undone (nor a
    conflict: a save that was refused, kept for the record)."""
    return next(
        iter(
            db.query(
                "SELECT * FROM revisions r WHERE r.segment_id = ? "
                "AND r.action NOT IN ('undo', 'lock', 'unlock', 'conflict') "
                "AND NOT EXISTS (SELECT 1 FROM revisions u WHERE u.reverts = r.id) "
                "ORDER BY r.id DESC LIMIT 1",
                [segment_id],
            )
        ),
        None,
    )
