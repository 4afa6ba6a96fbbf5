"""Queries on QA overrides: a reviewer's acceptance of a finding, valid for one target text.

An override is in force while its segment's text in that version is the text it was made on:
the readers below ignore the others, which stay (an undo that brings the text back brings the
acceptance back); a trigger deletes a segment's overrides with its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now

Row = dict[str, Any]

_COLUMNS = "id, segment_id, version_id, check_id, term, reason, author, at, target_text"


def add_override(
    db: Database,
    segment_id: int,
    version_id: int,
    check_id: str,
    term: str | None,
    reason: str,
    author: str,
    target_text: str,
) -> int:
    """Store an override (replacing one for the same finding on the same text) and return its
    id; one made on another text of the segment stays, to hold again if that text comes back."""
    db.execute(
        "DELETE FROM overrides WHERE segment_id = ? AND version_id = ? AND check_id = ? "
        "AND term IS NOT DISTINCT FROM ? AND target_text = ?",
        [segment_id, version_id, check_id, term, target_text],
    )
    return db.insert(
        "INSERT INTO overrides (segment_id, version_id, check_id, term, reason, author, at, "
        "target_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [segment_id, version_id, check_id, term, reason, author, now(), target_text],
    )


def withdraw_overrides(db: Database, segment_id: int, version_id: int, since: str) -> None:
    """Delete a segment's overrides in version ``version_id`` made at or after ``since`` (the
    time of a revision of that version, as stored): undoing that revision withdraws them with
    it (those of the segment's other versions stay)."""
    db.execute(
        "DELETE FROM overrides WHERE segment_id = ? AND version_id = ? AND at >= ?",
        [segment_id, version_id, since],
    )


def overrides(
    db: Database, version_id: int, segment_ids: Sequence[int] | None = None
) -> list[Row]:
    """Every override of a version (or of its ``segment_ids``), oldest first, with the
    segment's current text."""
    only = ""
    if segment_ids is not None:
        only = f" AND o.segment_id IN ({', '.join('?' * len(segment_ids))})"
    return list(
        db.query(
            "SELECT o.id, o.segment_id, o.version_id, o.check_id, o.term, o.reason, o.author, "
            "o.at, o.target_text, t.text AS current_text FROM overrides o "
            "LEFT JOIN translations t ON t.segment_id = o.segment_id "
            f"AND t.version_id = o.version_id WHERE o.version_id = ?{only} ORDER BY o.id",
            [version_id, *(segment_ids or ())],
        )
    )


def segment_overrides(db: Database, segment_id: int, version_id: int) -> list[Row]:
    """The overrides of one segment in one version, oldest first."""
    return list(
        db.query(
            f"SELECT {_COLUMNS} FROM overrides WHERE segment_id = ? AND version_id = ? "
            "ORDER BY id",
            [segment_id, version_id],
        )
    )
