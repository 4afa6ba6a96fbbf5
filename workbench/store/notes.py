"""Queries on segment notes (translator comments, review decisions)."""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now


def add_note(db: Database, segment_id: int, author: str, kind: str, text: str) -> int:
    """Add a note to a segment and return its id."""
    return db.insert(
        "INSERT INTO notes (segment_id, at, author, kind, text) VALUES (?, ?, ?, ?, ?)",
        [segment_id, now(), author, kind, text],
    )


def notes(db: Database, segment_id: int) -> list[dict[str, Any]]:
    """The notes of a segment, oldest first."""
    return list(db.query("SELECT * FROM notes WHERE segment_id = ? ORDER BY id", [segment_id]))
