"""Queries on documents and their Arabic segments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.store.doctor import MAX_KEY
from workbench.store.stamps import QA_STAMP
from workbench.store.versions import status_sql
from workbench.textio import file_name_text

Row = dict[str, Any]

# Positions are contiguous from 1, so the largest is the count (an index lookup).
_DOCUMENT_SELECT = (
    "SELECT d.*, coalesce((SELECT max(position) FROM segments s WHERE s.document_id = d.id), 0) "
    "AS segments FROM documents d"
)


_SEGMENT_COLUMNS = (
    "s.id, s.document_id, s.paragraph, s.position, s.source, s.status, s.updated_at, s.locked, "
    "s.revision"
)


def insert_document(
    db: Database, name: str, source_path: str | None, encoding: str | None
) -> int:
    """Add a document row and return its id."""
    return db.insert(
        "INSERT INTO documents (name, source_path, encoding, created_at) VALUES (?, ?, ?, ?)",
        [name, source_path and file_name_text(source_path), encoding, now()],
    )


def insert_segments(
    db: Database, document_id: int, rows: Iterable[tuple[int, int, str]]
) -> None:
    """Add segments given as (paragraph, position, source) tuples."""
    stamp = now()
    db.insert_rows(
        "segments", ("document_id", "paragraph", "position", "source", "status", "updated_at"),
        ((document_id, par, pos, src, "new", stamp) for par, pos, src in rows),
    )


def documents(db: Database) -> list[Row]:
    """All documents with their segment counts, oldest first."""
    return list(db.query(f"{_DOCUMENT_SELECT} ORDER BY d.id"))


def document_by_name(db: Database, name: str) -> Row | None:
    """The document called ``name`` with its segment count, or None."""
    return next(iter(db.query(f"{_DOCUMENT_SELECT} WHERE d.name = ?", [name])), None)


def first_document(db: Database) -> Row | None:
    """The oldest document, or None."""
    return next(iter(db.query(f"{_DOCUMENT_SELECT} ORDER BY d.id LIMIT 1")), None)


def document_by_id(db: Database, document_id: int) -> Row | None:
    """The document with id ``document_id`` with its segment count, or None."""
    return next(iter(db.query(f"{_DOCUMENT_SELECT} WHERE d.id = ?", [document_id])), None)


def created_at(db: Database, document_id: int) -> str | None:
    """When the document was imported (None when there is no such document)."""
    row = db.execute("SELECT created_at FROM documents WHERE id = ?", [document_id]).fetchone()
    return None if row is None else str(row[0])


def segment_ids(db: Database, document_id: int) -> list[int]:
    """Segment ids of a document in document order."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM segments WHERE document_id = ? ORDER BY position", [document_id]
        )
    ]


def segment_paragraphs(db: Database, document_id: int) -> list[tuple[int, int, str]]:
    """(segment id, paragraph, source) of a document in document order."""
    return list(
        db.execute(
            "SELECT id, paragraph, source FROM segments WHERE document_id = ? ORDER BY position",
            [document_id],
        )
    )


def segments_page(
    db: Database,
    document_id: int,
    working_version_id: int | None,
    offset: int,
    limit: int,
) -> list[Row]:
    """A page of segments in document order, each with its working text as ``target``
    (none past the largest position the store can hold: a segment number typed in the TUI)."""
    if offset >= MAX_KEY:
        return []
    return list(
        db.query(
            f"SELECT {_SEGMENT_COLUMNS}, t.text AS target FROM segments s "
            "LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
            "WHERE s.document_id = ? AND s.position > ? ORDER BY s.position LIMIT ?",
            [working_version_id, document_id, offset, min(limit, MAX_KEY)],
        )
    )


def segment(db: Database, segment_id: int) -> Row | None:
    """One segment row, or None."""
    return next(
        iter(db.query(f"SELECT {_SEGMENT_COLUMNS} FROM segments s WHERE s.id = ?", [segment_id])),
        None,
    )


def segments_by_ids(
    db: Database, working_version_id: int | None, segment_ids: list[int]
) -> list[Row]:
    """The segments with these ids, each with its working text as ``target`` (in no order;
    read a few hundred at a time)."""
    rows: list[Row] = []
    for i in range(0, len(segment_ids), 500):
        chunk = segment_ids[i : i + 500]
        rows += db.query(
            f"SELECT {_SEGMENT_COLUMNS}, t.text AS target FROM segments s "
            "LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
            f"WHERE s.id IN ({', '.join('?' * len(chunk))})",
            [working_version_id, *chunk],
        )
    return rows


def lock_segment(db: Database, segment_id: int, *, fingerprint: bool = False) -> Row | None:
    """Hold a segment's row for the rest of the write transaction (on PostgreSQL another
    writer of the same segment waits; SQLite has one writer at a time anyway) and return it
    as read after the lock (None: no such segment), with what a write of it needs to know:
    its working English as ``target``, the id of its document's working version as
    ``working_id`` (None: none yet), and ``linked``: whether it shares a link of that version
    (its QA checks then take the link's other segments), and the ``qa_stamp`` (see
    ``store.stamps``). With ``fingerprint``, also the document's ``doc_fingerprint``: its
    segment count and largest id, in a string (see ``tm.segments_fingerprint``). One
    statement (two when it waited for another writer of the segment): a write of one segment
    starts with it."""
    more = (  # one pass over the document's segments
        ", (SELECT count(*) || ' ' || coalesce(max(d.id), 0) FROM segments d "
        "WHERE d.document_id = s.document_id) AS doc_fingerprint"
        if fingerprint else ""
    )
    sql = (
        f"SELECT {_SEGMENT_COLUMNS}, (SELECT t.text FROM versions v JOIN translations t "
        "ON t.version_id = v.id AND t.segment_id = s.id WHERE v.document_id = s.document_id "
        "AND v.name = 'working') AS target, (SELECT v.id FROM versions v WHERE v.document_id "
        "= s.document_id AND v.name = 'working') AS working_id, EXISTS (SELECT 1 FROM "
        f"link_segments ls {db.fixed_join} links l ON l.id = ls.link_id WHERE ls.segment_id "
        "= s.id AND l.version_id = (SELECT v.id FROM versions v WHERE v.document_id = "
        f"s.document_id AND v.name = 'working')) AS linked, {QA_STAMP} AS qa_stamp, "
        f"(SELECT x.revision FROM segments x WHERE x.id = s.id) AS seen_revision{more} "
        f"FROM segments s WHERE s.id = ?{db.row_lock}"
    )
    row = next(iter(db.query(sql, [segment_id])), None)
    if row is not None and row["seen_revision"] != row["revision"]:
        # PostgreSQL: the row was locked by another writer, waited for, and is returned as
        # that writer left it, but the subqueries read the statement's older snapshot: read
        # it all again (held now, it cannot change meanwhile).
        row = next(iter(db.query(sql, [segment_id])), None)
    return row


def set_status_statement(segment_id: int, status: str, stamp: str) -> tuple[str, list[Any]]:
    """The statement of ``set_status`` (with its time ``stamp``)."""
    return (
        "UPDATE segments SET status = ?, updated_at = ?, revision = CASE WHEN status IS "
        "DISTINCT FROM ? THEN revision + 1 ELSE revision END WHERE id = ? RETURNING revision",
        [status, stamp, status, segment_id],
    )


def set_status(db: Database, segment_id: int, status: str) -> int:
    """Change a segment's status; the segment's revision after the change (a new status
    counts as a revision: set here, so that the value returned is the one stored)."""
    return int(db.execute(*set_status_statement(segment_id, status, now())).fetchone()[0])


def set_statuses(db: Database, pairs: Iterable[tuple[str, int]]) -> None:
    """Change many segments' statuses, given (status, segment id) pairs."""
    stamp = now()
    db.update_rows(
        "segments", "id", ("status", "updated_at"), ((sid, status, stamp) for status, sid in pairs)
    )


def set_locked_statement(segment_id: int, locked: bool) -> tuple[str, list[Any]]:
    """The statement that locks or unlocks one segment (a row already so is left alone)."""
    return (
        "UPDATE segments SET locked = ? WHERE id = ? AND locked IS DISTINCT FROM ?",
        [int(locked), segment_id, int(locked)],
    )


def set_locked(db: Database, segment_ids: Iterable[int], locked: bool) -> None:
    """Lock or unlock segments."""
    db.update_rows("segments", "id", ("locked",), ((sid, int(locked)) for sid in segment_ids))


def counts(db: Database, document_id: int | None) -> Row:
    """Documents, segments, segments with working English, and segments by status (a joined
    segment, whose English its link's first segment holds, counted with that one's status)."""
    where, args = ("WHERE s.document_id = ?", [document_id]) if document_id else ("", [])
    total = db.execute(f"SELECT count(*) FROM segments s {where}", args).fetchone()[0]
    with_english = db.execute(
        "SELECT count(*) FROM segments s JOIN versions v ON v.document_id = s.document_id "
        "AND v.name = 'working' JOIN translations t ON t.segment_id = s.id AND t.version_id = v.id "
        "WHERE trim(t.text) != ''" + (" AND s.document_id = ?" if document_id else ""),
        args,
    ).fetchone()[0]
    by_status = dict(db.execute(
        f"SELECT st, count(*) FROM (SELECT {status_sql(db)} AS st FROM segments s {where}) c "
        "GROUP BY st", args,
    ))
    docs = 1 if document_id else db.execute("SELECT count(*) FROM documents").fetchone()[0]
    return {
        "documents": docs,
        "segments": total,
        "with_english": with_english,
        "by_status": by_status,
    }
