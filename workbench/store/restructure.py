"""Queries that change a document's structure: merging and splitting segments, moving link members.

Positions are UNIQUE per document and link indices UNIQUE per version, so shifts are done in two
steps (through negative values) to never collide with a row that has not moved yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.store.versions import status_sql

Row = dict[str, Any]


# segments ---------------------------------------------------------------------------------


def segment_at(db: Database, document_id: int, position: int) -> Row | None:
    """The segment at ``position`` of a document, or None."""
    return next(
        iter(
            db.query(
                "SELECT id, document_id, paragraph, position, source, status, locked FROM segments "
                "WHERE document_id = ? AND position = ?",
                [document_id, position],
            )
        ),
        None,
    )


def shift_positions(db: Database, document_id: int, after: int, delta: int) -> None:
    """Add ``delta`` to the position of every segment after position ``after``."""
    db.execute(
        "UPDATE segments SET position = -(position + ?) WHERE document_id = ? AND position > ?",
        [delta, document_id, after],
    )
    db.execute(
        "UPDATE segments SET position = -position WHERE document_id = ? AND position < 0",
        [document_id],
    )


def paragraph_size(db: Database, document_id: int, paragraph: int) -> int:
    """How many segments paragraph ``paragraph`` of a document holds."""
    return int(
        db.execute(
            "SELECT count(*) FROM segments WHERE document_id = ? AND paragraph = ?",
            [document_id, paragraph],
        ).fetchone()[0]
    )


def shift_paragraphs(db: Database, document_id: int, after: int, delta: int) -> None:
    """Add ``delta`` to the paragraph number of every segment in a paragraph after ``after``."""
    db.execute(
        "UPDATE segments SET paragraph = paragraph + ? WHERE document_id = ? AND paragraph > ?",
        [delta, document_id, after],
    )


def update_segment(
    db: Database, segment_id: int, source: str, status: str
) -> None:
    """Set a segment's Arabic source and status."""
    db.execute(
        "UPDATE segments SET source = ?, status = ?, updated_at = ? WHERE id = ?",
        [source, status, now(), segment_id],
    )


def insert_segment(
    db: Database,
    document_id: int,
    paragraph: int,
    position: int,
    source: str,
    status: str,
) -> int:
    """Add one segment and return its id (the position must be free)."""
    return db.insert(
        "INSERT INTO segments (document_id, paragraph, position, source, status, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [document_id, paragraph, position, source, status, now()],
    )


def record_merge(db: Database, gone: int, into: int, author: str) -> None:
    """Record that segment ``gone`` was merged into ``into`` (call before deleting ``gone``):
    the segments merged into ``gone`` before are now held by ``into`` too."""
    if db.execute(
        "SELECT 1 FROM merged_segments WHERE holder_id = ? LIMIT 1", [gone]
    ).fetchone() is not None:
        db.execute("UPDATE merged_segments SET holder_id = ? WHERE holder_id = ?", [into, gone])
    db.execute(
        "INSERT INTO merged_segments (segment_id, merged_into, holder_id, at, author) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (segment_id) DO UPDATE SET "
        "merged_into = excluded.merged_into, holder_id = excluded.holder_id, "
        "at = excluded.at, author = excluded.author",
        [gone, into, into, now(), author],
    )


def merged(db: Database, segment_id: int) -> Row | None:
    """Where a segment that a merge took away went: ``merged_into``, ``holder_id`` (the
    segment holding its history now), ``at``, ``author``; None when no merge took it."""
    return next(iter(db.query(
        "SELECT m.merged_into, m.holder_id, m.at, m.author FROM merged_segments m "
        "WHERE m.segment_id = ? AND NOT EXISTS (SELECT 1 FROM segments s WHERE s.id = ?)",
        [segment_id, segment_id],
    )), None)


def delete_segment(db: Database, segment_id: int) -> None:
    """Delete a segment (its translations, link memberships and scores go with it)."""
    db.execute("DELETE FROM segments WHERE id = ?", [segment_id])


def repoint_records(db: Database, from_segment: int, to_segment: int) -> None:
    """Attach the revisions, notes, overrides and LQA errors of one segment to another.

    A table holding none of the segment's rows is not written: on PostgreSQL even an UPDATE
    of no row needs the privilege, which a translator lacks on LQA errors (their merge of two
    segments without errors was refused as recording LQA errors)."""
    for table in ("revisions", "notes", "overrides", "lqa_errors"):
        if db.execute(
            f"SELECT 1 FROM {table} WHERE segment_id = ? LIMIT 1", [from_segment]
        ).fetchone() is None:
            continue
        db.execute(
            f"UPDATE {table} SET segment_id = ? WHERE segment_id = ?", [to_segment, from_segment]
        )


def follow_split_overrides(db: Database, segment_id: int, new_id: int) -> None:
    """Move to ``new_id``, the second part of a split segment, the overrides of the segment
    made on the text its new part holds in their version (and the first part no longer):
    an acceptance follows its English, as when a merge is split back where it joined."""
    db.execute(
        "UPDATE overrides SET segment_id = ? WHERE segment_id = ? AND target_text = "
        "(SELECT t.text FROM translations t WHERE t.segment_id = ? "
        "AND t.version_id = overrides.version_id) AND target_text IS DISTINCT FROM "
        "(SELECT t.text FROM translations t WHERE t.segment_id = ? "
        "AND t.version_id = overrides.version_id)",
        [new_id, segment_id, new_id, segment_id],
    )


# links ------------------------------------------------------------------------------------


def segment_links(db: Database, segment_id: int) -> dict[int, Row]:
    """The link of a segment in every version that links it: version id → link row."""
    return {
        r["version_id"]: r
        for r in db.query(
            "SELECT l.id, l.version_id, l.idx, l.confidence FROM links l "
            "JOIN link_segments ls ON ls.link_id = l.id WHERE ls.segment_id = ?",
            [segment_id],
        )
    }


def link_segment_ids(db: Database, link_id: int) -> list[int]:
    """The segment ids of a link in document order."""
    return [
        r[0]
        for r in db.execute(
            "SELECT ls.segment_id FROM link_segments ls JOIN segments s ON s.id = ls.segment_id "
            "WHERE ls.link_id = ? ORDER BY s.position",
            [link_id],
        )
    ]


def link_sentences(db: Database, link_id: int) -> list[Row]:
    """The sentences of a link in order: id, idx, text."""
    return list(
        db.query(
            "SELECT se.id, se.idx, se.text FROM link_sentences lt "
            "JOIN sentences se ON se.id = lt.sentence_id WHERE lt.link_id = ? ORDER BY se.idx",
            [link_id],
        )
    )


def links_between(db: Database, version_id: int, low: int, high: int) -> list[Row]:
    """The links of a version whose index lies strictly between ``low`` and ``high``."""
    return list(
        db.query(
            "SELECT id, idx, confidence FROM links WHERE version_id = ? AND idx > ? AND idx < ? "
            "ORDER BY idx",
            [version_id, low, high],
        )
    )


def link_sentence_count(db: Database, link_ids: Iterable[int]) -> int:
    """How many sentences the given links hold together."""
    ids = list(link_ids)
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    return int(
        db.execute(
            f"SELECT count(*) FROM link_sentences WHERE link_id IN ({marks})", ids
        ).fetchone()[0]
    )


def shift_links(db: Database, version_id: int, after: int, delta: int) -> None:
    """Add ``delta`` to the index of every link of a version after index ``after``."""
    db.execute(
        "UPDATE links SET idx = -(idx + ?) - 1 WHERE version_id = ? AND idx > ?",
        [delta, version_id, after],
    )
    db.execute(
        "UPDATE links SET idx = -idx - 1 WHERE version_id = ? AND idx < 0", [version_id]
    )


def insert_link(db: Database, version_id: int, idx: int, confidence: float) -> int:
    """Add an empty link at a free index and return its id."""
    return db.insert(
        "INSERT INTO links (version_id, idx, confidence) VALUES (?, ?, ?)",
        [version_id, idx, float(confidence)],
    )


def delete_link(db: Database, link_id: int) -> None:
    """Delete a link (its memberships go with it)."""
    db.execute("DELETE FROM links WHERE id = ?", [link_id])


def set_link_index(db: Database, link_id: int, idx: int) -> None:
    """Put a link at index ``idx`` of its version (the index must be free)."""
    db.execute("UPDATE links SET idx = ? WHERE id = ?", [idx, link_id])


def set_link_confidence(db: Database, link_id: int, confidence: float) -> None:
    """Set the confidence of a link."""
    db.execute("UPDATE links SET confidence = ? WHERE id = ?", [float(confidence), link_id])


def move_link_members(db: Database, from_link: int, to_link: int) -> None:
    """Move every segment and sentence of one link into another."""
    db.execute(
        "INSERT INTO link_segments (link_id, segment_id) "
        "SELECT ?, segment_id FROM link_segments WHERE link_id = ? ON CONFLICT DO NOTHING",
        [to_link, from_link],
    )
    db.execute(
        "INSERT INTO link_sentences (link_id, sentence_id) "
        "SELECT ?, sentence_id FROM link_sentences WHERE link_id = ? ON CONFLICT DO NOTHING",
        [to_link, from_link],
    )
    db.execute("DELETE FROM link_segments WHERE link_id = ?", [from_link])
    db.execute("DELETE FROM link_sentences WHERE link_id = ?", [from_link])


def add_link_segment(db: Database, link_id: int, segment_id: int) -> None:
    """Make a segment a member of a link."""
    db.execute(
        "INSERT INTO link_segments (link_id, segment_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [link_id, segment_id],
    )


def remove_link_segment(db: Database, link_id: int, segment_id: int) -> None:
    """Take a segment out of a link."""
    db.execute(
        "DELETE FROM link_segments WHERE link_id = ? AND segment_id = ?", [link_id, segment_id]
    )


def move_link_sentences(
    db: Database, sentence_ids: Iterable[int], from_link: int, to_link: int
) -> None:
    """Move some sentences from one link to another."""
    ids = list(sentence_ids)
    db.executemany(
        "UPDATE link_sentences SET link_id = ? WHERE link_id = ? AND sentence_id = ?",
        ((to_link, from_link, sid) for sid in ids),
    )


# translations -----------------------------------------------------------------------------


def segment_translations(db: Database, segment_id: int) -> dict[int, str]:
    """The text of a segment in every version that has one: version id → text."""
    return dict(
        db.execute(
            "SELECT version_id, text FROM translations WHERE segment_id = ?", [segment_id]
        )
    )


def low_confidence(
    db: Database, document_id: int, version_ids: Iterable[int], threshold: float,
    vouched_version: int | None = None, vouched: Sequence[str] = (),
) -> list[tuple[int, float]]:
    """(segment id, lowest link confidence) of segments linked below ``threshold``, in order;
    the links of ``vouched_version`` (the working translation) of segments whose status is
    one of ``vouched`` (confirmed) left out."""
    ids = list(version_ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    args: list[Any] = [*ids, threshold, document_id]
    skip = ""
    if vouched_version is not None and vouched:
        skip = (f" AND NOT (l.version_id = ? AND {status_sql(db)} IN "
                f"({', '.join('?' for _ in vouched)}))")
        args += [vouched_version, *vouched]
    return [
        (int(sid), float(conf))
        for sid, conf in db.execute(
            "SELECT ls.segment_id, min(l.confidence) FROM links l "
            "JOIN link_segments ls ON ls.link_id = l.id JOIN segments s ON s.id = ls.segment_id "
            f"WHERE l.version_id IN ({marks}) AND l.confidence < ? AND s.document_id = ?{skip} "
            "GROUP BY ls.segment_id ORDER BY min(s.position)",
            args,
        )
    ]
