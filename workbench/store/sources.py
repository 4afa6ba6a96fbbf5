"""Queries on the originals of client documents and the places and tag maps of their blocks."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now
from workbench.textio import file_name_text

Row = dict[str, Any]


def insert_original(
    db: Database, document_id: int, fmt: str, file_name: str, data: bytes,
    sha256: str, blocks: int, filter_version: int,
) -> None:
    """Store the original file of a document."""
    db.execute(
        "INSERT INTO document_sources (document_id, format, file_name, original, size, sha256, "
        "blocks, filter_version, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [document_id, fmt, file_name_text(file_name), data, len(data), sha256, blocks,
         filter_version, now()],
    )


def insert_blocks(
    db: Database, document_id: int,
    rows: Iterable[tuple[int, str, str, dict[str, Any]]],
) -> None:
    """Store blocks given as (paragraph, place, kind, tag map as JSON-ready dict)."""
    db.executemany(
        "INSERT INTO source_blocks (document_id, paragraph, place, kind, tags) "
        "VALUES (?, ?, ?, ?, ?)",
        ((document_id, p, place, kind, json.dumps(tags, ensure_ascii=False,
                                                   separators=(",", ":")))
         for p, place, kind, tags in rows),
    )


def original_info(db: Database, document_id: int) -> Row | None:
    """What is stored of a document's original (format, file name, size, sha256, blocks,
    filter version, imported_at), without its bytes; None for a document without one."""
    return next(iter(db.query(
        "SELECT document_id, format, file_name, size, sha256, blocks, filter_version, "
        "imported_at FROM document_sources WHERE document_id = ?", [document_id],
    )), None)


def original_bytes(db: Database, document_id: int) -> bytes | None:
    """The bytes of a document's original file, or None."""
    row = db.execute(
        "SELECT original FROM document_sources WHERE document_id = ?", [document_id]
    ).fetchone()
    return None if row is None else bytes(row[0])


def blocks(db: Database, document_id: int) -> dict[int, Row]:
    """A document's blocks by paragraph: place, kind and tags (the decoded tag map JSON)."""
    out: dict[int, Row] = {}
    for paragraph, place, kind, tags in db.execute(
        "SELECT paragraph, place, kind, tags FROM source_blocks WHERE document_id = ? "
        "ORDER BY paragraph", [document_id],
    ):
        out[paragraph] = {"place": place, "kind": kind, "tags": json.loads(tags)}
    return out


def block_of_segment(db: Database, segment_id: int) -> Row | None:
    """The block a segment belongs to (place, kind, tags as JSON text), or None."""
    return next(iter(db.query(
        "SELECT b.paragraph, b.place, b.kind, b.tags FROM segments s JOIN source_blocks b "
        "ON b.document_id = s.document_id AND b.paragraph = s.paragraph WHERE s.id = ?",
        [segment_id],
    )), None)


def has_original(db: Database, document_id: int) -> bool:
    """Whether a document was imported from a client document whose original is stored."""
    return db.execute(
        "SELECT 1 FROM document_sources WHERE document_id = ?", [document_id]
    ).fetchone() is not None
