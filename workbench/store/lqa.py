"""Queries on LQA (MQM) errors and the project's LQA settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now

Row = dict[str, Any]

# An error with what the reports show beside it: the segment's place, the author of the
# revision the error was made on, and the segment's current English.
_ERROR_SELECT = (
    "SELECT e.*, s.document_id, s.position, s.source, r.author AS translator, "
    "COALESCE(t.text, '') AS current_text "
    "FROM lqa_errors e JOIN segments s ON s.id = e.segment_id "
    "LEFT JOIN revisions r ON r.id = e.revision_id "
    "LEFT JOIN versions v ON v.document_id = s.document_id AND v.kind = 'working' "
    "LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = v.id "
)


def add_error(
    db: Database,
    segment_id: int,
    revision_id: int | None,
    target_text: str,
    category: str,
    severity: str,
    span: tuple[int, int] | None,
    comment: str,
    author: str,
    group_id: int | None = None,
) -> int:
    """Store an error (brought by the change group ``group_id``, an import) and return its
    id."""
    start, end = span if span is not None else (None, None)
    return db.insert(
        "INSERT INTO lqa_errors (segment_id, revision_id, target_text, category, severity, "
        "span_start, span_end, comment, author, at, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [segment_id, revision_id, target_text, category, severity, start, end, comment, author,
         now(), group_id],
    )


def error(db: Database, error_id: int) -> Row | None:
    """One error (removed ones too), with its segment's place and translator."""
    return next(iter(db.query(_ERROR_SELECT + "WHERE e.id = ?", [error_id])), None)


def errors(
    db: Database,
    *,
    document_id: int | None = None,
    segment_ids: Iterable[int] | None = None,
    removed: bool = False,
) -> list[Row]:
    """The errors of a document or of some segments (not removed ones unless ``removed``), in
    document order."""
    where: list[str] = []
    params: list[Any] = []
    if not removed:
        where.append("e.removed_at IS NULL")
    if document_id is not None:
        where.append("s.document_id = ?")
        params.append(document_id)
    if segment_ids is not None:
        ids = list(segment_ids)
        where.append(f"e.segment_id IN ({', '.join('?' * len(ids)) or 'NULL'})")
        params += ids
    sql = _ERROR_SELECT + (f"WHERE {' AND '.join(where)} " if where else "")
    return list(db.query(sql + "ORDER BY s.document_id, s.position, e.id", params))


def move_error(
    db: Database, error_id: int, segment_id: int, target_text: str,
    span: tuple[int, int] | None,
) -> None:
    """Give an error the segment and English it now stands on (a merge or split moved its
    words), its span in that English."""
    start, end = span if span is not None else (None, None)
    db.execute(
        "UPDATE lqa_errors SET segment_id = ?, target_text = ?, span_start = ?, span_end = ? "
        "WHERE id = ?", [segment_id, target_text, start, end, error_id],
    )


def delete_group_errors(db: Database, group_id: int) -> int:
    """Delete the errors a change group brought (its undo: as if never recorded, so that the
    file imported again brings them again); how many. Nothing is written when it brought
    none: on PostgreSQL even a DELETE of no row needs the privilege, which a translator lacks
    (the undo of their own replacement was refused as recording LQA errors)."""
    if db.execute(
        "SELECT 1 FROM lqa_errors WHERE group_id = ? LIMIT 1", [group_id]
    ).fetchone() is None:
        return 0
    return db.execute("DELETE FROM lqa_errors WHERE group_id = ?", [group_id]).rowcount


def remove_error(db: Database, error_id: int, author: str) -> int:
    """Mark an error removed (it stays in the table); how many rows changed."""
    return db.execute(
        "UPDATE lqa_errors SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL",
        [now(), author, error_id],
    ).rowcount


# A revision ``r`` that wrote the English a segment has: it changed the text (a status change
# did not), was no refused save, and was neither an undo nor undone since. An undo restores
# the English an earlier revision wrote, so that revision's author is the translator, not the
# author of the undo (who undid someone's edit) nor of the edit undone.
_WROTE_TEXT = (
    "r.old_text IS DISTINCT FROM r.new_text AND r.action NOT IN ('conflict', 'undo') "
    "AND NOT EXISTS (SELECT 1 FROM revisions u WHERE u.reverts = r.id)"
)
# The latest such revision first, but a merge or a split (which joins or cuts the
# translators' English) only when no revision of the segment translated it: the words of a
# merged segment stay its translators', not the author of the merge's.
_LATEST_WRITER = "ORDER BY CASE WHEN r.action IN ('merge', 'split') THEN 1 ELSE 0 END, r.id DESC"


def text_revision(db: Database, segment_id: int) -> Row | None:
    """The revision that wrote the segment's current English (see ``_WROTE_TEXT`` and
    ``_LATEST_WRITER``)."""
    return next(
        iter(db.query(
            f"SELECT r.* FROM revisions r WHERE r.segment_id = ? AND {_WROTE_TEXT} "
            f"{_LATEST_WRITER} LIMIT 1",
            [segment_id],
        )),
        None,
    )


def evaluated_segments(
    db: Database,
    document_id: int,
    ranges: Iterable[tuple[int, int]] | None = None,
) -> list[Row]:
    """The segments an LQA report evaluates, in order: id, position, source, status and the
    author of the revision that wrote their English (``translator``).

    Without ``ranges``: the reviewed and approved segments and those carrying errors; with
    them, the segments whose position lies in one of the (first, last) ranges.
    """
    params: list[Any] = []
    if ranges is None:
        scope = (
            "(s.status IN ('reviewed', 'approved') OR EXISTS (SELECT 1 FROM lqa_errors e "
            "WHERE e.segment_id = s.id AND e.removed_at IS NULL))"
        )
    else:
        bounds = list(ranges)
        scope = "(" + (" OR ".join("s.position BETWEEN ? AND ?" for _ in bounds) or "FALSE") + ")"
        params += [b for pair in bounds for b in pair]
    return _evaluated(db, document_id, scope, params)


def segments_to_evaluate(db: Database, document_id: int, ids: Iterable[int]) -> list[Row]:
    """The rows of :func:`evaluated_segments` for the segments ``ids`` of a document."""
    wanted = list(ids)
    if not wanted:
        return []
    return _evaluated(
        db, document_id, f"s.id IN ({', '.join('?' for _ in wanted)})", wanted
    )


def _evaluated(db: Database, document_id: int, scope: str, params: list[Any]) -> list[Row]:
    return list(db.query(
        "SELECT s.id, s.position, s.source, s.status, (SELECT r.author FROM revisions r "
        f"WHERE r.segment_id = s.id AND {_WROTE_TEXT} {_LATEST_WRITER} LIMIT 1) "
        f"AS translator FROM segments s WHERE s.document_id = ? AND {scope} ORDER BY s.position",
        [document_id, *params],
    ))


def settings(db: Database) -> dict[str, float]:
    """The LQA settings stored in the project (key → value)."""
    return {r["key"]: r["value"] for r in db.query("SELECT key, value FROM lqa_settings")}


def set_setting(db: Database, key: str, value: float) -> None:
    """Store one LQA setting."""
    db.execute(
        "INSERT INTO lqa_settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
