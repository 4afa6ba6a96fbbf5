"""Queries on the project's dictionaries, and on its confirmed segment pairs and imported
memories' units (lexical training data for alignment)."""

from __future__ import annotations

from typing import Any

from workbench.store.connection import Database
from workbench.store.db import by_name, now
from workbench.store.versions import joined_sources

CONFIRMED = ("translated", "reviewed", "approved")


def add_dictionary(
    db: Database, name: str, path: str, fmt: str, headwords: int
) -> None:
    """Remember a dictionary under ``name``."""
    db.execute(
        "INSERT INTO dictionaries (name, path, format, headwords, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [name, path, fmt, headwords, now()],
    )


def dictionaries(db: Database) -> list[dict[str, Any]]:
    """Every dictionary of the project, in the order they were added."""
    cur = db.execute(
        "SELECT name, path, format, headwords, added_at FROM dictionaries ORDER BY id"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def dictionary(db: Database, name: str) -> dict[str, Any] | None:
    """The dictionary called ``name`` (in any case, see :func:`by_name`), or None."""
    return by_name(dictionaries(db), name)


def remove_dictionary(db: Database, name: str) -> str | None:
    """Forget the dictionary called ``name`` (in any case); its name as stored, None when
    there is none."""
    found = dictionary(db, name)
    if found is None:
        return None
    db.execute("DELETE FROM dictionaries WHERE name = ?", [found["name"]])
    return str(found["name"])


def confirmed_pairs(db: Database, limit: int) -> list[tuple[str, str]]:
    """(Arabic, English) of confirmed segments' working translations, newest first. The
    segment that holds the English of a many-to-one link gives the Arabic of the whole link
    (its joined segments' with its own, in the document's order): its English translates
    them all, and paired with its own Arabic alone it taught the word table wrong
    translations."""
    marks = ",".join("?" * len(CONFIRMED))
    rows = db.execute(
        "SELECT s.id, s.position, s.source, t.text FROM segments s "
        "JOIN versions v ON v.document_id = s.document_id AND v.kind = 'working' "
        "JOIN translations t ON t.segment_id = s.id AND t.version_id = v.id "
        f"WHERE s.status IN ({marks}) AND t.text != '' "
        "ORDER BY s.updated_at DESC LIMIT ?",
        [*CONFIRMED, limit],
    ).fetchall()
    joined = joined_sources(db) if rows else {}
    return [
        (" ".join(source for _, source in sorted([(position, arabic), *joined.get(sid, [])])),
         english)
        for sid, position, arabic, english in rows
    ]


def memory_pairs(db: Database, limit: int) -> list[tuple[str, str]]:
    """(Arabic, English) of the units of imported (external) memories, newest first (the
    project memory's units are its confirmed segments)."""
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT u.source, u.target FROM tm_units u "
            "JOIN tm_memories m ON m.id = u.memory_id "
            "WHERE m.kind = 'external' AND u.target != '' ORDER BY u.id DESC LIMIT ?",
            [limit],
        ).fetchall()
    ]
