"""The append-only revision history of working translations."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.store.documents import set_locked_statement, set_status_statement
from workbench.store.versions import put_translation_statement

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


_ADD_REVISION = (
    "INSERT INTO revisions (segment_id, at, author, action, old_text, new_text, old_status, "
    "new_status, reverts, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) "
    "RETURNING (SELECT s.revision FROM segments s WHERE s.id = revisions.segment_id)"
)


Change = tuple[str, str, tuple[str | None, str | None], tuple[str | None, str | None],
               int | None]
"""A history record of a write: author, action, old and new (text, status), change group."""


def write_segment(
    db: Database,
    segment_id: int,
    *,
    version_id: int | None = None,
    text: str | None = None,
    status: str | None = None,
    locked: bool | None = None,
    change: Change | None = None,
    later: bool = False,
) -> Callable[[], int]:
    """One write of a segment whose row is locked, in one round trip: its English in version
    ``version_id`` (``text`` None: left alone), its status and lock (None: left alone) and a
    history record (``change``; None: no record). Returns a function giving the segment's
    revision after it. ``later``: the statements may wait for the transaction's next
    statement or its commit (``Database.execute_later``): read the revision after that."""
    stamp = now()
    statements: list[tuple[str, Sequence[Any]]] = []
    if status is not None:
        statements.append(set_status_statement(segment_id, status, stamp))
    if locked is not None:
        statements.append(set_locked_statement(segment_id, locked))
    if text is not None:
        assert version_id is not None
        statements.append(put_translation_statement(version_id, segment_id, text, stamp))
    if change is not None:
        author, action, old, new, group_id = change
        statements.append((_ADD_REVISION, [
            segment_id, stamp, author, action, old[0], new[0], old[1], new[1], group_id,
        ]))
    else:
        statements.append(("SELECT revision FROM segments WHERE id = ?", [segment_id]))
    if not later:
        revision = int(db.execute_series(statements).fetchone()[0])
        return lambda: revision
    result = db.execute_later(statements)
    return functools.cache(lambda: int(result().fetchone()[0]))


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


def last_revision_at(db: Database) -> str | None:
    """The time of the project's latest revision, as stored (None before the first)."""
    row = next(iter(db.execute("SELECT at FROM revisions ORDER BY id DESC LIMIT 1")), None)
    return None if row is None else str(row[0])


def edited_since(db: Database, document_id: int, at: str) -> dict[int, list[str]]:
    """The segments of a document whose working English has a revision at or after ``at``
    (an ISO 8601 UTC time as stored), each with its English then ("" when it had none)
    followed by every English it was given since, oldest first."""
    texts: dict[int, list[str]] = {}
    for sid, text in db.execute(
        "SELECT r.segment_id, r.new_text FROM revisions r JOIN segments s "
        "ON s.id = r.segment_id WHERE s.document_id = ? AND r.at >= ? "
        "AND r.action != 'conflict' ORDER BY r.segment_id, r.id", [document_id, at],
    ):
        texts.setdefault(int(sid), [""]).append(text or "")
    if texts:
        for sid, text in db.execute(
            "SELECT r.segment_id, r.new_text FROM revisions r WHERE r.id IN (SELECT max(b.id) "
            "FROM revisions b JOIN segments s ON s.id = b.segment_id WHERE s.document_id = ? "
            "AND b.at < ? AND b.action != 'conflict' GROUP BY b.segment_id)", [document_id, at],
        ):
            if int(sid) in texts:
                texts[int(sid)][0] = text or ""
    return texts


def state_changes(db: Database, document_id: int) -> list[tuple[int, str, str, str, str]]:
    """The (segment id, old English, old status, new English, new status) of every revision
    of a document's segments that set a status, oldest first (conflicts, which changed
    nothing, left out)."""
    return [
        (int(sid), old_text or "", old_status or "", new_text or "", new_status)
        for sid, old_text, old_status, new_text, new_status in db.execute(
            "SELECT r.segment_id, r.old_text, r.old_status, r.new_text, r.new_status "
            "FROM revisions r JOIN segments s ON s.id = r.segment_id WHERE s.document_id = ? "
            "AND r.action != 'conflict' AND r.new_status IS NOT NULL ORDER BY r.id",
            [document_id],
        )
    ]


def statuses_then(db: Database, document_id: int, at: str) -> dict[int, str]:
    """The status each segment of a document with a revision at or after ``at`` had at that
    time (the old status of its first revision since)."""
    return {
        int(sid): status or "new"
        for sid, status in db.execute(
            "SELECT r.segment_id, r.old_status FROM revisions r WHERE r.id IN (SELECT min(b.id) "
            "FROM revisions b JOIN segments s ON s.id = b.segment_id WHERE s.document_id = ? "
            "AND b.at >= ? AND b.action != 'conflict' GROUP BY b.segment_id)",
            [document_id, at],
        )
    }


def last_change(db: Database, segment_id: int) -> Row | None:
    """The newest revision of a segment that changed it (a conflict record is not one)."""
    return next(iter(db.query(
        "SELECT * FROM revisions WHERE segment_id = ? AND action != 'conflict' "
        "ORDER BY id DESC LIMIT 1", [segment_id],
    )), None)


def locked_before(db: Database, segment_id: int, revision_id: int) -> bool:
    """Whether the segment was locked just before its revision ``revision_id``, by the lock
    rules replayed over the revisions before it, newest first: a lock or unlock record says
    so; approving locks; a status change of approved work, or a change of the English (made
    unlocked, or by an import that unlocks), leaves it unlocked; a reviewer's other verdicts
    keep the lock as it was (read further back); an undo leaves it as it was before the
    change it undid."""
    rows = db.query(
        "SELECT action, old_text, new_text, old_status, new_status, reverts FROM revisions "
        "WHERE segment_id = ? AND id < ? AND action != 'conflict' ORDER BY id DESC",
        [segment_id, revision_id],
    )
    for row in rows:
        if row["action"] in ("lock", "unlock"):
            return bool(row["action"] == "lock")
        if row["action"] == "move-sentence":  # a reference's change: the lock as it was
            continue
        if row["action"] == "undo" and row["reverts"] is not None:
            return locked_before(db, segment_id, int(row["reverts"]))
        if row["new_status"] == "approved":
            return True
        if row["old_status"] == "approved" or (row["old_text"] or "") != (row["new_text"] or ""):
            return False
    return False


def last_undoable(db: Database, segment_id: int) -> Row | None:
    """The newest revision of a segment that is not an undo and has not been undone (nor a
    conflict: a save that was refused, kept for the record; nor a lock, an unlock or a moved
    reference sentence, which change neither the English nor the status)."""
    return next(
        iter(
            db.query(
                "SELECT * FROM revisions r WHERE r.segment_id = ? "
                "AND r.action NOT IN ('undo', 'lock', 'unlock', 'move-sentence', 'conflict') "
                "AND NOT EXISTS (SELECT 1 FROM revisions u WHERE u.reverts = r.id) "
                "ORDER BY r.id DESC LIMIT 1",
                [segment_id],
            )
        ),
        None,
    )
