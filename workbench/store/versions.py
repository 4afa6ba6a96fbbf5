"""Queries on English versions: sentences, alignment links and per-segment translations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.textio import file_name_text

Row = dict[str, Any]


def segment_link_sql(db: Database, column: str, segment: str = "s.id") -> str:
    """A correlated subquery giving ``column`` (of ``ls`` link_segments and ``l`` links) for the
    link of segment ``segment`` in the version bound to its one ``?`` parameter.

    On SQLite the join order is fixed (``CROSS JOIN``): the segment's few links are sought in
    the (segment_id, link_id) index and each is checked by its id. Left to itself, without
    statistics, SQLite may read every link of the version for every segment instead.
    """
    return (
        f"(SELECT {column} FROM link_segments ls {db.fixed_join} links l ON l.id = ls.link_id "
        f"WHERE ls.segment_id = {segment} AND l.version_id = ?)"
    )


def version(db: Database, document_id: int, name: str) -> Row | None:
    """The version ``name`` of a document, or None."""
    return next(
        iter(
            db.query(
                "SELECT * FROM versions WHERE document_id = ? AND name = ?", [document_id, name]
            )
        ),
        None,
    )


def versions(db: Database, document_id: int) -> list[Row]:
    """All versions of a document."""
    return list(db.query("SELECT * FROM versions WHERE document_id = ? ORDER BY id", [document_id]))


HAND_SET = 1.0
"""The confidence of a link whose boundary a person set (Alt+N / Alt+P)."""


def hand_set_links(db: Database, version_id: int) -> int:
    """How many links of a version a person set by moving sentences since it was imported: at
    confidence 1.0, on a segment with a later ``move-sentence`` in its history (the aligner
    gives sure links 1.0 too)."""
    row = db.execute(
        "SELECT count(DISTINCT l.id) FROM links l JOIN link_segments ls ON ls.link_id = l.id "
        "JOIN versions v ON v.id = l.version_id "
        "WHERE l.version_id = ? AND l.confidence >= ? AND EXISTS (SELECT 1 FROM revisions r "
        "WHERE r.segment_id = ls.segment_id AND r.action = 'move-sentence' "
        "AND r.at >= v.created_at)",
        [version_id, HAND_SET],
    ).fetchone()
    return int(row[0])


def renew_version(db: Database, version_id: int, source_path: str | None) -> None:
    """A version imported again: its file and time are the new import's."""
    db.execute(
        "UPDATE versions SET source_path = ?, created_at = ? WHERE id = ?",
        [source_path and file_name_text(source_path), now(), version_id],
    )


def create_version(
    db: Database, document_id: int, name: str, kind: str, source_path: str | None
) -> int:
    """Add a version row and return its id."""
    return db.insert(
        "INSERT INTO versions (document_id, name, kind, source_path, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [document_id, name, kind, source_path and file_name_text(source_path), now()],
    )


def ensure_version(db: Database, document_id: int, name: str, kind: str) -> int:
    """The id of version ``name`` of a document, added (without a source) when missing; two
    writers adding it at once get the same row."""
    db.execute(
        "INSERT INTO versions (document_id, name, kind, source_path, created_at) "
        "VALUES (?, ?, ?, NULL, ?) ON CONFLICT (document_id, name) DO NOTHING",
        [document_id, name, kind, now()],
    )
    row = version(db, document_id, name)
    assert row is not None
    return int(row["id"])


def working_id(db: Database, document_id: int) -> int:
    """The id of a document's working version, added when missing (see ensure_version)."""
    row = db.execute(
        "SELECT id FROM versions WHERE document_id = ? AND name = 'working'", [document_id]
    ).fetchone()
    return int(row[0]) if row is not None else ensure_version(
        db, document_id, "working", "working")


def clear_alignment(db: Database, version_id: int) -> None:
    """Drop a version's sentences and links (before storing a new alignment)."""
    db.execute("DELETE FROM links WHERE version_id = ?", [version_id])
    db.execute("DELETE FROM sentences WHERE version_id = ?", [version_id])


def store_alignment(
    db: Database,
    version_id: int,
    sentences: Sequence[tuple[int, str]],
    segment_ids: Sequence[int],
    links: Sequence[tuple[Sequence[int], Sequence[int]]],
    confidence: Sequence[float],
) -> None:
    """Store a version's sentences (paragraph, text) and links (segment idx, sentence idx).

    Their ids are reserved first (``Database.reserve_ids``), so that the link memberships can
    name them without reading them back.
    """
    first = db.reserve_ids("sentences", len(sentences))
    db.insert_rows(
        "sentences", ("id", "version_id", "idx", "paragraph", "text"),
        ((first + i, version_id, i, par, text) for i, (par, text) in enumerate(sentences)),
    )
    first_link = db.reserve_ids("links", len(confidence))
    db.insert_rows(
        "links", ("id", "version_id", "idx", "confidence"),
        ((first_link + i, version_id, i, float(c)) for i, c in enumerate(confidence)),
    )
    db.insert_rows(
        "link_segments", ("link_id", "segment_id"),
        ((first_link + i, segment_ids[a]) for i, (ar, _) in enumerate(links) for a in ar),
    )
    db.insert_rows(
        "link_sentences", ("link_id", "sentence_id"),
        ((first_link + i, first + e) for i, (_, en) in enumerate(links) for e in en),
    )


def alignment_state(db: Database, version_id: int) -> dict[str, list[Any]]:
    """A version's whole alignment as plain data (see ``restore_alignment``): its sentences
    (paragraph, text) and links (segment ids in document order, sentence idx) in order, and
    the links' confidences."""
    sentences = [[par, text] for par, text in db.execute(
        "SELECT paragraph, text FROM sentences WHERE version_id = ? ORDER BY idx", [version_id]
    )]
    links: dict[int, list[list[int]]] = {}
    confidence = []
    for idx, conf in db.execute(
        "SELECT idx, confidence FROM links WHERE version_id = ? ORDER BY idx", [version_id]
    ):
        links[idx] = [[], []]
        confidence.append(conf)
    for idx, sid in db.execute(
        "SELECT l.idx, ls.segment_id FROM links l JOIN link_segments ls ON ls.link_id = l.id "
        "JOIN segments s ON s.id = ls.segment_id WHERE l.version_id = ? ORDER BY l.idx, s.position",
        [version_id],
    ):
        links[idx][0].append(sid)
    for idx, sentence in db.execute(
        "SELECT l.idx, se.idx FROM links l JOIN link_sentences lt ON lt.link_id = l.id "
        "JOIN sentences se ON se.id = lt.sentence_id WHERE l.version_id = ? ORDER BY l.idx, se.idx",
        [version_id],
    ):
        links[idx][1].append(sentence)
    return {"sentences": sentences, "links": list(links.values()), "confidence": confidence}


def alignment_data(
    sentences: Sequence[tuple[int, str]],
    segment_ids: Sequence[int],
    links: Sequence[tuple[Sequence[int], Sequence[int]]],
    confidence: Sequence[float],
) -> dict[str, list[Any]]:
    """What ``alignment_state`` reads once ``store_alignment`` has stored these (segment ids in
    document order)."""
    return {
        "sentences": [[par, text] for par, text in sentences],
        "links": [[[segment_ids[a] for a in sorted(ar)], sorted(en)] for ar, en in links],
        "confidence": [float(c) for c in confidence],
    }


def restore_alignment(db: Database, version_id: int, state: dict[str, list[Any]]) -> None:
    """Replace a version's alignment by one ``alignment_state`` read."""
    clear_alignment(db, version_id)
    ids = sorted({sid for ar, _ in state["links"] for sid in ar})
    index = {sid: i for i, sid in enumerate(ids)}
    store_alignment(
        db, version_id, [(par, text) for par, text in state["sentences"]], ids,
        [([index[sid] for sid in ar], en) for ar, en in state["links"]], state["confidence"],
    )


def links(db: Database, version_id: int) -> list[Row]:
    """A version's links in order: idx, confidence, segment ids, sentence texts."""
    out: dict[int, Row] = {}
    for idx, conf in db.execute(
        "SELECT idx, confidence FROM links WHERE version_id = ? ORDER BY idx", [version_id]
    ):
        out[idx] = {"idx": idx, "confidence": conf, "segments": [], "sentences": []}
    for idx, sid in db.execute(
        "SELECT l.idx, ls.segment_id FROM links l JOIN link_segments ls ON ls.link_id = l.id "
        "JOIN segments s ON s.id = ls.segment_id WHERE l.version_id = ? ORDER BY l.idx, s.position",
        [version_id],
    ):
        out[idx]["segments"].append(sid)
    for idx, text in db.execute(
        "SELECT l.idx, se.text FROM links l JOIN link_sentences lt ON lt.link_id = l.id "
        "JOIN sentences se ON se.id = lt.sentence_id WHERE l.version_id = ? ORDER BY l.idx, se.idx",
        [version_id],
    ):
        out[idx]["sentences"].append(text)
    return list(out.values())


def segment_link(db: Database, version_id: int, segment_id: int) -> Row | None:
    """The link of one segment in a version: confidence and its sentence texts."""
    row = db.execute(
        f"SELECT l.id, l.confidence FROM link_segments ls {db.fixed_join} links l "
        "ON l.id = ls.link_id WHERE ls.segment_id = ? AND l.version_id = ?",
        [segment_id, version_id],
    ).fetchone()
    if row is None:
        return None
    texts = [
        r[0]
        for r in db.execute(
            "SELECT se.text FROM link_sentences lt JOIN sentences se ON se.id = lt.sentence_id "
            "WHERE lt.link_id = ? ORDER BY se.idx",
            [row[0]],
        )
    ]
    return {"confidence": row[1], "sentences": texts}


def put_translations(
    db: Database, version_id: int, rows: Iterable[tuple[int, str]]
) -> None:
    """Set the text of many segments in a version, given (segment id, text) pairs."""
    stamp = now()
    db.upsert_rows(
        "translations", ("segment_id", "version_id", "text", "updated_at"),
        ("segment_id", "version_id"), ((sid, version_id, text, stamp) for sid, text in rows),
    )


def put_translation_statement(
    version_id: int, segment_id: int, text: str, stamp: str
) -> tuple[str, list[Any]]:
    """The statement that sets the text of one segment in a version (at time ``stamp``)."""
    return (
        "INSERT INTO translations (segment_id, version_id, text, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (segment_id, version_id) DO UPDATE SET text = excluded.text, "
        "updated_at = excluded.updated_at",
        [segment_id, version_id, text, stamp],
    )


def translation(db: Database, version_id: int, segment_id: int) -> str | None:
    """The text of one segment in a version, or None when it has none."""
    row = db.execute(
        "SELECT text FROM translations WHERE version_id = ? AND segment_id = ?",
        [version_id, segment_id],
    ).fetchone()
    return None if row is None else row[0]


def translations(db: Database, version_id: int) -> dict[int, str]:
    """All texts of a version by segment id."""
    return dict(
        db.execute("SELECT segment_id, text FROM translations WHERE version_id = ?", [version_id])
    )


# The working versions' segments without English of their own (sid) whose link holds English
# on another segment (holder: the first such segment of the link).
_JOINED = (
    "SELECT m.segment_id AS sid, (SELECT o.segment_id FROM link_segments o "
    "JOIN segments os ON os.id = o.segment_id JOIN translations ot "
    "ON ot.segment_id = o.segment_id AND ot.version_id = l.version_id "
    "WHERE o.link_id = l.id AND trim(ot.text) != '' ORDER BY os.position LIMIT 1) AS holder "
    "FROM versions v JOIN links l ON l.version_id = v.id "
    "JOIN link_segments m ON m.link_id = l.id LEFT JOIN translations t "
    "ON t.segment_id = m.segment_id AND t.version_id = v.id "
    "WHERE v.name = 'working' AND trim(coalesce(t.text, '')) = ''"
)


def _joined_sql(document_id: int | None) -> tuple[str, list[Any]]:
    if document_id is None:
        return _JOINED, []
    return _JOINED + " AND v.document_id = ?", [document_id]


def joined_segments(db: Database, document_id: int | None = None) -> dict[int, int]:
    """The joined segments of the working versions (of one document, or all): segments with
    no English of their own whose link holds English on another segment (the second Arabic
    sentence of a 2–1 link), each with the first segment of its link that holds English."""
    sql, args = _joined_sql(document_id)
    return {
        int(sid): int(holder) for sid, holder in db.execute(sql, args) if holder is not None
    }


def joined_sources(db: Database) -> dict[int, list[tuple[int, str]]]:
    """The joined segments of the working versions (see :func:`joined_segments`) by the
    segment holding their English: each one's position and Arabic."""
    found: dict[int, list[tuple[int, str]]] = {}
    for holder, position, source in db.execute(
        f"SELECT j.holder, s.position, s.source FROM ({_JOINED}) j "
        "JOIN segments s ON s.id = j.sid WHERE j.holder IS NOT NULL"
    ):
        found.setdefault(int(holder), []).append((int(position), source))
    return found


def joined_holder_sql(db: Database, segment: str = "s") -> str:
    """A correlated subquery (no parameters): the id of the segment holding the English of
    segment (alias) ``segment`` when that one is joined (see :func:`joined_segments`), else
    NULL."""
    j = db.fixed_join
    return (
        f"(SELECT o.segment_id FROM link_segments m {j} links l ON l.id = m.link_id "
        f"{j} link_segments o ON o.link_id = l.id {j} segments os ON os.id = o.segment_id "
        f"{j} translations ot ON ot.segment_id = o.segment_id AND ot.version_id = l.version_id "
        f"WHERE m.segment_id = {segment}.id AND l.version_id = (SELECT v.id FROM versions v "
        f"WHERE v.document_id = {segment}.document_id AND v.name = 'working') "
        "AND o.segment_id != m.segment_id AND trim(ot.text) != '' "
        "AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = m.segment_id "
        "AND t.version_id = l.version_id AND trim(t.text) != '') ORDER BY os.position LIMIT 1)"
    )


def status_sql(db: Database, segment: str = "s") -> str:
    """The status of segment (alias) ``segment`` as it is listed, filtered and counted: a
    joined segment's is that of the segment holding its English (its words are translated
    when that English is), any other's its own."""
    holder = joined_holder_sql(db, segment)
    return f"coalesce((SELECT hs.status FROM segments hs WHERE hs.id = {holder}), {segment}.status)"


def link_group(db: Database, version_id: int, segment_id: int) -> list[int]:
    """The segments sharing a segment's link in a version, in document order (just the
    segment when it has no link there)."""
    ids = [
        r[0]
        for r in db.execute(
            "SELECT other.segment_id FROM link_segments ls JOIN links l ON l.id = ls.link_id "
            "JOIN link_segments other ON other.link_id = l.id "
            "JOIN segments s ON s.id = other.segment_id "
            "WHERE ls.segment_id = ? AND l.version_id = ? ORDER BY s.position",
            [segment_id, version_id],
        )
    ]
    return ids or [segment_id]
