"""Change groups: the revisions of one import, find-and-replace or batch, undone together."""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.textio import file_name_text

Row = dict[str, Any]


def add_group(
    db: Database,
    document_id: int | None,
    kind: str,
    author: str,
    summary: str = "",
    reverts: int | None = None,
) -> int:
    """Start a change group and return its id."""
    return db.insert(
        "INSERT INTO change_groups (document_id, kind, at, author, summary, reverts) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [document_id, kind, now(), author, file_name_text(summary), reverts],  # it names files
    )


def set_summary(db: Database, group_id: int, summary: str) -> None:
    """Set what a group did, once known."""
    db.execute("UPDATE change_groups SET summary = ? WHERE id = ?",
               [file_name_text(summary), group_id])


def drop_if_empty(db: Database, group_id: int) -> None:
    """Delete a group that no revision, note or LQA error belongs to."""
    db.execute(
        "DELETE FROM change_groups WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM revisions WHERE group_id = ?) AND NOT EXISTS "
        "(SELECT 1 FROM notes WHERE group_id = ?) AND NOT EXISTS "
        "(SELECT 1 FROM lqa_errors WHERE group_id = ?)",
        [group_id] * 4,
    )


_GROUP_SELECT = (
    "SELECT g.*, d.name AS document, "
    "(SELECT count(*) FROM revisions r WHERE r.group_id = g.id) AS changes, "
    "(SELECT u.id FROM change_groups u WHERE u.reverts = g.id ORDER BY u.id LIMIT 1) "
    "AS undone_by FROM change_groups g LEFT JOIN documents d ON d.id = g.document_id"
)


def group(db: Database, group_id: int) -> Row | None:
    """One group with its document name, number of changes and the group that undid it."""
    return next(iter(db.query(f"{_GROUP_SELECT} WHERE g.id = ?", [group_id])), None)


def groups(db: Database, document_id: int | None = None) -> list[Row]:
    """Every group (of one document: its own, and those that changed any of its segments,
    as a review of segments of several documents does), newest first."""
    if document_id is None:
        return list(db.query(f"{_GROUP_SELECT} ORDER BY g.id DESC"))
    return list(db.query(
        f"{_GROUP_SELECT} WHERE g.document_id = ? OR EXISTS (SELECT 1 FROM revisions r "
        "JOIN segments s ON s.id = r.segment_id WHERE r.group_id = g.id AND s.document_id = ?) "
        "ORDER BY g.id DESC",
        [document_id, document_id],
    ))


def last_group(db: Database, kind_prefix: str, document_id: int | None = None) -> Row | None:
    """The newest group whose kind starts with ``kind_prefix`` that has not been undone (of
    the document ``document_id``, when given)."""
    of_document = "" if document_id is None else " AND g.document_id = ?"
    params: list[Any] = [kind_prefix] + ([] if document_id is None else [document_id])
    return next(
        iter(
            db.query(
                f"{_GROUP_SELECT} WHERE g.kind LIKE ? || '%'{of_document} AND NOT EXISTS "
                "(SELECT 1 FROM change_groups u WHERE u.reverts = g.id) ORDER BY g.id DESC LIMIT 1",
                params,
            )
        ),
        None,
    )


def group_revisions(db: Database, group_id: int) -> list[Row]:
    """The revisions of a group, newest first."""
    return list(
        db.query("SELECT * FROM revisions WHERE group_id = ? ORDER BY id DESC", [group_id])
    )


def keep_replaced_alignment(
    db: Database, group_id: int, version_id: int, before: str, after: str
) -> None:
    """Keep the alignment (JSON) a group replaced, and the digest of the one it stored."""
    db.execute(
        "INSERT INTO replaced_alignments (group_id, version_id, before, after) "
        "VALUES (?, ?, ?, ?)",
        [group_id, version_id, before, after],
    )


def replaced_alignment(db: Database, group_id: int) -> Row | None:
    """The alignment a group replaced (version_id, before, after), or None."""
    return next(iter(db.query(
        "SELECT version_id, before, after FROM replaced_alignments WHERE group_id = ?",
        [group_id],
    )), None)
