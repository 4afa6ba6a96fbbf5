"""Queries for exports and round-trip imports: segments with a version's text, streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.versions import segment_link_sql

Row = dict[str, Any]

_SEP = "\x1f"


def export_rows(
    db: Database,
    document_id: int,
    version_id: int | None,
    statuses: Sequence[str] | None = None,
    *,
    with_revisions: bool = False,
    holding: tuple[str, int] | None = None,
) -> Iterator[Row]:
    """A document's segments in order, streamed, each with the version's text and link.

    Keys: id, paragraph, position, source, status, text, text_at, link_id and, with
    ``with_revisions``, first_at/first_by and last_at/last_by from the revision history.
    ``holding`` (characters, a segment id): only the segments whose Arabic or text holds one
    of the characters, and that segment.
    """
    revisions = (
        ", (SELECT r.at || ? || r.author FROM revisions r WHERE r.segment_id = s.id "
        "AND r.action != 'conflict' ORDER BY r.id LIMIT 1) AS first_rev"
        ", (SELECT r.at || ? || r.author FROM revisions r WHERE r.segment_id = s.id "
        "AND r.action != 'conflict' ORDER BY r.id DESC LIMIT 1) AS last_rev"
        if with_revisions
        else ", NULL AS first_rev, NULL AS last_rev"
    )
    where = ""
    args: list[Any] = [version_id, *([_SEP, _SEP] if with_revisions else []), version_id,
                       document_id]
    if statuses:
        where = f" AND s.status IN ({', '.join('?' for _ in statuses)})"
        args.extend(statuses)
    if holding is not None:
        chars, segment_id = holding
        likes = " OR ".join("s.source LIKE ? OR t.text LIKE ?" for _ in chars)
        where += f" AND (s.id = ? OR {likes})"
        args.append(segment_id)
        args.extend(f"%{c}%" for c in chars for _ in (0, 1))
    cursor = db.execute(
        "SELECT s.id, s.paragraph, s.position, s.source, s.status, t.text, "
        "t.updated_at AS text_at, "
        f"{segment_link_sql(db, 'ls.link_id')} AS link_id{revisions} "
        "FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
        f"WHERE s.document_id = ?{where} ORDER BY s.position",
        args,
    )
    columns = [c[0] for c in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        for key in ("first", "last"):
            packed = row.pop(f"{key}_rev")
            at, _, by = packed.partition(_SEP) if packed else (None, "", None)
            row[f"{key}_at"] = at
            row[f"{key}_by"] = by or None
        yield row


def notes_by_segment(db: Database, document_id: int) -> dict[int, list[Row]]:
    """The notes of a document's segments, oldest first, by segment id."""
    out: dict[int, list[Row]] = {}
    for row in db.query(
        "SELECT n.* FROM notes n JOIN segments s ON s.id = n.segment_id "
        "WHERE s.document_id = ? ORDER BY n.id",
        [document_id],
    ):
        out.setdefault(row["segment_id"], []).append(row)
    return out


def document_row(db: Database, document_id: int) -> Row | None:
    """The document row (name, source path, created_at) of ``document_id``."""
    return next(iter(db.query("SELECT * FROM documents WHERE id = ?", [document_id])), None)
