"""Queries on segment notes (translator comments, review decisions)."""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now


def add_note(
    db: Database, segment_id: int, author: str, kind: str, text: str,
    group_id: int | None = None,
) -> int:
    """Add a note to a segment (brought by the change group ``group_id``, an import) and
    return its id."""
    return db.insert(
        "INSERT INTO notes (segment_id, at, author, kind, text, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [segment_id, now(), author, kind, text, group_id],
    )


def delete_group_notes(db: Database, group_id: int) -> int:
    """Delete the notes a change group brought; how many."""
    return db.execute("DELETE FROM notes WHERE group_id = ?", [group_id]).rowcount


def withdraw_notes(db: Database, segment_id: int, kind: str, since: str) -> None:
    """Delete a segment's notes of ``kind`` made at or after ``since`` (the time of the
    revision that wrote them, as stored): undoing that revision withdraws them with it."""
    db.execute("DELETE FROM notes WHERE segment_id = ? AND kind = ? AND at >= ?",
               [segment_id, kind, since])


def last_note_id(db: Database) -> int:
    """The id of the newest note of the project (0 when there is none)."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0])


def notes(db: Database, segment_id: int) -> list[dict[str, Any]]:
    """The notes of a segment, oldest first."""
    return list(db.query("SELECT * FROM notes WHERE segment_id = ? ORDER BY id", [segment_id]))
