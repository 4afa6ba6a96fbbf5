"""Queries behind the segment list: pages of rows by id, search and filters.

Arabic search is normalised like the glossary matcher (``normalize_arabic``: diacritics, tatweel,
alef forms...); English search is case-insensitive (``str.casefold``). Neither exists as an SQL
function on both engines, so the document's texts are read in order and matched here, in Python
(as fast as a function registered on SQLite, which calls Python for every row anyway).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.versions import joined_holder_sql, segment_link_sql, status_sql
from workbench.text.normalize import normalize_arabic
from workbench.text.script import has_arabic

Row = dict[str, Any]

_ROW_COLUMNS = (
    "s.id, s.document_id, s.paragraph, s.position, s.source, s.locked, s.revision, "
    "t.text AS target"
)


def rows_by_ids(
    db: Database,
    ids: Sequence[int],
    working_version_id: int | None,
    link_version_id: int | None,
) -> list[Row]:
    """The list rows of ``ids`` (in the order given): segment fields, working English as
    ``target``, the confidence of the segment's link in ``link_version_id``, and for a
    joined segment (no English of its own, its working link's English on another segment)
    ``joined_to``, the position of that segment (else None), whose ``status`` it shows (see
    :func:`~workbench.store.versions.status_sql`)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = db.query(
        f"SELECT {_ROW_COLUMNS}, {segment_link_sql(db, 'min(l.confidence)')} AS confidence, "
        f"{status_sql(db)} AS status, (SELECT hs.position FROM segments hs "
        f"WHERE hs.id = {joined_holder_sql(db)}) AS joined_to "
        "FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
        f"WHERE s.id IN ({marks})",
        [link_version_id, working_version_id, *ids],
    )
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def first_with_status(
    db: Database, document_id: int, statuses: Sequence[str]
) -> int | None:
    """The id of the first segment (document order) whose status is one of ``statuses``, a
    joined segment left out (its English is another segment's)."""
    found = with_status_after(db, document_id, statuses, -1, 1)
    return found[0][0] if found else None


def segment_to_open(db: Database, document_id: int, segment_id: int) -> int | None:
    """The segment the editor opens for ``segment_id``: itself when it is a segment of the
    document that is not joined (its English is its own); when it is joined, the segment
    holding its English (the one it is joined to, in the same document's working version);
    None when it is no segment of the document (merged away, another document's)."""
    row = db.execute(
        f"SELECT coalesce({joined_holder_sql(db)}, s.id) FROM segments s "
        "WHERE s.id = ? AND s.document_id = ?", [segment_id, document_id],
    ).fetchone()
    return None if row is None else int(row[0])


def with_status_after(
    db: Database, document_id: int, statuses: Sequence[str], position: int, limit: int
) -> list[tuple[int, int]]:
    """Up to ``limit`` (id, position) of the segments after ``position`` (document order)
    whose status is one of ``statuses``, joined segments left out."""
    marks = ",".join("?" * len(statuses))
    return [
        (int(r[0]), int(r[1]))
        for r in db.execute(
            "SELECT s.id, s.position FROM segments s WHERE s.document_id = ? "
            f"AND s.position > ? AND s.status IN ({marks}) "
            f"AND {joined_holder_sql(db)} IS NULL ORDER BY s.position LIMIT ?",
            [document_id, position, *statuses, limit],
        )
    ]


def search_ids(
    db: Database, document_id: int, working_version_id: int | None, query: str
) -> list[int]:
    """Ids of the segments matching ``query``, in document order.

    A query holding Arabic is looked for in the normalised Arabic source; any other query
    in the working English (case-insensitive) and in the Arabic source (for Latin names
    and numbers written in it).
    """
    if has_arabic(query):
        needle = normalize_arabic(query).strip()
        if not needle:
            return []
        return [
            sid
            for sid, source in db.execute(
                "SELECT id, source FROM segments WHERE document_id = ? ORDER BY position",
                [document_id],
            )
            if needle in normalize_arabic(source)
        ]
    needle = query.strip().casefold()
    if not needle:
        return []
    return [
        sid
        for sid, source, text in db.execute(
            "SELECT s.id, s.source, t.text FROM segments s LEFT JOIN translations t "
            "ON t.segment_id = s.id AND t.version_id = ? WHERE s.document_id = ? "
            "ORDER BY s.position",
            [working_version_id, document_id],
        )
        if needle in (text or "").casefold() or needle in source.casefold()
    ]


def filter_ids(
    db: Database,
    document_id: int,
    *,
    statuses: Sequence[str] | None = None,
    link_version_id: int | None = None,
    confidence_below: float | None = None,
    vouched: Sequence[str] = (),
    score_version_id: int | None = None,
    chrf_below: float | None = None,
) -> list[int]:
    """Ids of the segments passing every given filter, in document order.

    ``statuses``: status (a joined segment's: its holder's) is one of them.
    ``confidence_below``: the segment's link in ``link_version_id`` is less confident than
    this, unless its status is one of ``vouched`` (the working translation's links: a
    segment confirmed since vouches for its English). ``chrf_below``: the segment's chrF++
    in the latest score run of ``score_version_id`` is below this.

    The link and score filters are uncorrelated ``IN`` subqueries: SQLite reads the version's
    links (or the run's scores) once into a set, then checks each segment against it.
    """
    where = ["s.document_id = ?"]
    args: list[Any] = [document_id]
    if statuses:
        where.append(f"{status_sql(db)} IN ({','.join('?' * len(statuses))})")
        args += list(statuses)
    if confidence_below is not None:
        where.append(
            f"s.id IN (SELECT ls.segment_id FROM links l {db.fixed_join} link_segments ls "
            "ON ls.link_id = l.id WHERE l.version_id = ? AND l.confidence < ?)"
        )
        args += [link_version_id, confidence_below]
        if vouched:
            where.append(f"{status_sql(db)} NOT IN ({','.join('?' * len(vouched))})")
            args += list(vouched)
    if chrf_below is not None:
        where.append(
            "s.id IN (SELECT sc.segment_id FROM segment_scores sc "
            "WHERE sc.run_id = (SELECT max(id) FROM score_runs WHERE version_id = ?) "
            "AND sc.chrf < ?)"
        )
        args += [score_version_id, chrf_below]
    sql = f"SELECT s.id FROM segments s WHERE {' AND '.join(where)} ORDER BY s.position"
    return [r[0] for r in db.execute(sql, args)]


def has_scores(db: Database, version_id: int | None) -> bool:
    """True when a score run of ``version_id`` exists."""
    if version_id is None:
        return False
    row = db.execute("SELECT 1 FROM score_runs WHERE version_id = ? LIMIT 1", [version_id])
    return row.fetchone() is not None
