"""Queries on translation memories: memories, units, the matching index and its caches' clock.

The project memory (id 1) is kept by triggers (see the schema): a unit per confirmed segment.
The matching index is the vocabulary (``tm_tokens``), each unit's key (``tm_keys``: the hash
of its word sequence and its words and stems as code strings) and the posting lists of stems
(``tm_postings``, in parts). Units of the project memory wait in ``tm_pending`` until the
service indexes them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlite_utils

from workbench.store.db import now

Row = dict[str, Any]
PROJECT_MEMORY = 1
#: SQLite's limit on bound parameters is far above this; chunks keep statements small.
CHUNK = 500


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# memories ---------------------------------------------------------------------------------


def memories(db: sqlite_utils.Database) -> list[Row]:
    """Every memory with its unit count, the project memory first."""
    counts = dict(db.execute("SELECT memory_id, count(*) FROM tm_units GROUP BY memory_id"))
    rows = list(db.query("SELECT * FROM tm_memories ORDER BY id"))
    for row in rows:
        row["units"] = counts.get(row["id"], 0)
    return rows


def memory_by_name(db: sqlite_utils.Database, name: str) -> Row | None:
    """The memory called ``name``, or None."""
    return next(iter(db.query("SELECT * FROM tm_memories WHERE name = ?", [name])), None)


def memory_names(db: sqlite_utils.Database) -> dict[int, str]:
    """Memory id → name."""
    return dict(db.execute("SELECT id, name FROM tm_memories"))


def create_memory(
    db: sqlite_utils.Database, name: str, source_path: str | None, meta: str
) -> int:
    """Add an external memory and return its id."""
    cur = db.execute(
        "INSERT INTO tm_memories (name, kind, source_path, created_at, meta) "
        "VALUES (?, 'external', ?, ?, ?)",
        [name, source_path, now(), meta],
    )
    return int(cur.lastrowid)


def delete_memory(db: sqlite_utils.Database, memory_id: int) -> int:
    """Delete a memory, its units and their index; return how many units went."""
    count = db.execute(
        "SELECT count(*) FROM tm_units WHERE memory_id = ?", [memory_id]
    ).fetchone()[0]
    db.execute(
        "DELETE FROM tm_keys WHERE unit_id IN (SELECT id FROM tm_units WHERE memory_id = ?)",
        [memory_id],
    )
    db.execute("DELETE FROM tm_postings WHERE memory_id = ?", [memory_id])
    db.execute("DELETE FROM tm_memories WHERE id = ?", [memory_id])  # units: ON DELETE CASCADE
    bump_generation(db)
    return int(count)


# the index's clock ------------------------------------------------------------------------


def generation(db: sqlite_utils.Database) -> int:
    """A number that changes whenever the posting lists change."""
    return int(db.execute("SELECT generation FROM tm_state WHERE id = 1").fetchone()[0])


def bump_generation(db: sqlite_utils.Database) -> None:
    """Tell caches that the posting lists changed."""
    db.execute("UPDATE tm_state SET generation = generation + 1 WHERE id = 1")


# vocabulary -------------------------------------------------------------------------------


def vocabulary(db: sqlite_utils.Database) -> tuple[list[tuple[str, int]], int | None]:
    """Every (token, code), and the highest code given so far (None: none yet)."""
    rows = db.execute("SELECT token, code FROM tm_tokens").fetchall()
    last = db.execute("SELECT max(code) FROM tm_tokens").fetchone()[0]
    return rows, last


def token_codes(db: sqlite_utils.Database, tokens: Sequence[str]) -> dict[str, int]:
    """The codes of those ``tokens`` that have one."""
    out: dict[str, int] = {}
    for chunk in _chunks(list(tokens)):
        out.update(
            db.execute(
                f"SELECT token, code FROM tm_tokens WHERE token IN ({_marks(chunk)})", list(chunk)
            )
        )
    return out


def last_code(db: sqlite_utils.Database) -> int | None:
    """The highest code given so far."""
    return db.execute("SELECT max(code) FROM tm_tokens").fetchone()[0]


def add_tokens(db: sqlite_utils.Database, rows: Iterable[tuple[int, str]]) -> None:
    """Store new (code, token) pairs."""
    db.conn.executemany("INSERT INTO tm_tokens (code, token) VALUES (?, ?)", rows)


# units and keys ---------------------------------------------------------------------------

UNIT_COLUMNS = (
    "id", "memory_id", "segment_id", "source", "target", "created_at", "created_by",
    "changed_at", "changed_by", "status", "tuid", "context_prev", "context_next", "meta",
)
# (pipeline.unit_row gives the columns from source on, in this order)


def next_unit_id(db: sqlite_utils.Database) -> int:
    """The id the next unit gets."""
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM tm_units").fetchone()[0])


def insert_units(db: sqlite_utils.Database, rows: Iterable[Sequence[Any]]) -> None:
    """Add units given as tuples in UNIT_COLUMNS order."""
    db.conn.executemany(
        f"INSERT INTO tm_units ({', '.join(UNIT_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in UNIT_COLUMNS)})",
        rows,
    )


def insert_keys(db: sqlite_utils.Database, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """Add (unit id, hash, stems, words) keys (replacing a unit's old key)."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO tm_keys (unit_id, hash, stems, words) VALUES (?, ?, ?, ?)", rows
    )


def add_keys(db: sqlite_utils.Database, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """Add keys of new units (unit id, hash, stems, words)."""
    db.conn.executemany(
        "INSERT INTO tm_keys (unit_id, hash, stems, words) VALUES (?, ?, ?, ?)", rows
    )


LOOKUP_CACHE_MB = 64
#: Reading the database through memory mapping halves the cost of fetching candidates' keys.
LOOKUP_MMAP_BYTES = 1 << 30


def use_larger_cache(db: sqlite_utils.Database) -> None:
    """Give the connection a page cache large enough for lookups in big memories, and read
    the file through memory mapping."""
    if db.execute("PRAGMA cache_size").fetchone()[0] > -LOOKUP_CACHE_MB * 1024:
        db.execute(f"PRAGMA cache_size = -{LOOKUP_CACHE_MB * 1024}")
        db.execute(f"PRAGMA mmap_size = {LOOKUP_MMAP_BYTES}")


@contextlib.contextmanager
def bulk(db: sqlite_utils.Database, cache_mb: int = 64) -> Iterator[None]:
    """A larger page cache for a bulk write (index inserts stay in memory), then the old."""
    old = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {old}")


def keys(db: sqlite_utils.Database, unit_ids: Sequence[int]) -> list[tuple[int, int, str, str]]:
    """(unit id, hash, stems, words) of those units that exist."""
    out: list[tuple[int, int, str, str]] = []
    for chunk in _chunks(list(unit_ids), 900):
        out.extend(
            db.execute(
                f"SELECT unit_id, hash, stems, words FROM tm_keys "
                f"WHERE unit_id IN ({_marks(chunk)})",
                list(chunk),
            )
        )
    return out


def keys_by_hash(
    db: sqlite_utils.Database, hashes: Sequence[int], memories: Iterable[int] | None = None
) -> list[tuple[int, int, str, str]]:
    """(unit id, hash, stems, words) of the units (of ``memories``, or of all) whose word
    sequence has one of ``hashes``."""
    only = sorted(memories) if memories is not None else None
    out: list[tuple[int, int, str, str]] = []
    for chunk in _chunks(list(dict.fromkeys(hashes))):
        if only is None:
            sql = f"SELECT unit_id, hash, stems, words FROM tm_keys WHERE hash IN ({_marks(chunk)})"
            args = list(chunk)
        else:
            sql = (
                "SELECT k.unit_id, k.hash, k.stems, k.words FROM tm_keys k JOIN tm_units u "
                f"ON u.id = k.unit_id WHERE k.hash IN ({_marks(chunk)}) "
                f"AND u.memory_id IN ({_marks(only)})"
            )
            args = [*chunk, *only]
        out.extend(db.execute(sql, args))
    return out


_UNIT_SELECT = (
    "SELECT u.id, u.memory_id, m.name AS memory, m.kind AS memory_kind, u.segment_id, "
    "u.source, u.target, u.created_at, u.created_by, u.changed_at, u.changed_by, u.status, "
    "u.tuid, u.context_prev, u.context_next, u.meta, s.position, s.document_id, "
    "d.name AS document FROM tm_units u JOIN tm_memories m ON m.id = u.memory_id "
    "LEFT JOIN segments s ON s.id = u.segment_id LEFT JOIN documents d ON d.id = s.document_id"
)


def units(db: sqlite_utils.Database, unit_ids: Sequence[int]) -> dict[int, Row]:
    """Full rows of units (with memory name, and document and position for project units)."""
    out: dict[int, Row] = {}
    for chunk in _chunks(list(unit_ids)):
        for row in db.query(f"{_UNIT_SELECT} WHERE u.id IN ({_marks(chunk)})", list(chunk)):
            out[row["id"]] = row
    return out


def export_units(db: sqlite_utils.Database, memory_id: int | None) -> Iterator[Row]:
    """The units of one memory (or all), in id order, streamed."""
    where, args = ("WHERE u.memory_id = ?", [memory_id]) if memory_id is not None else ("", [])
    yield from db.query(f"{_UNIT_SELECT} {where} ORDER BY u.id", args)


def segment_unit(db: sqlite_utils.Database, segment_id: int) -> int | None:
    """The project unit of a segment, if it has one."""
    row = db.execute("SELECT id FROM tm_units WHERE segment_id = ?", [segment_id]).fetchone()
    return None if row is None else int(row[0])


def neighbours(
    db: sqlite_utils.Database, segment_ids: Sequence[int]
) -> dict[int, tuple[str | None, str | None]]:
    """The sources of the previous and next segment (same document) of each segment."""
    out: dict[int, tuple[str | None, str | None]] = {}
    for chunk in _chunks(list(segment_ids)):
        for sid, prev, nxt in db.execute(
            "SELECT s.id, p.source, n.source FROM segments s "
            "LEFT JOIN segments p ON p.document_id = s.document_id AND p.position = s.position - 1 "
            "LEFT JOIN segments n ON n.document_id = s.document_id AND n.position = s.position + 1 "
            f"WHERE s.id IN ({_marks(chunk)})",
            list(chunk),
        ):
            out[sid] = (prev, nxt)
    return out


# pending project units --------------------------------------------------------------------


def has_pending(db: sqlite_utils.Database) -> bool:
    """Whether project units wait to be indexed."""
    return db.execute("SELECT 1 FROM tm_pending LIMIT 1").fetchone() is not None


def pending_units(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(unit id, source) of the project units waiting to be indexed."""
    return list(
        db.execute(
            "SELECT u.id, u.source FROM tm_pending p JOIN tm_units u ON u.id = p.unit_id "
            "ORDER BY u.id"
        )
    )


def clear_pending(db: sqlite_utils.Database, unit_ids: Sequence[int]) -> None:
    """Forget that these units wait."""
    db.conn.executemany("DELETE FROM tm_pending WHERE unit_id = ?", ((i,) for i in unit_ids))


# posting lists ----------------------------------------------------------------------------


def next_part(db: sqlite_utils.Database, memory_id: int) -> int:
    """The next free part number of a memory's posting lists."""
    row = db.execute(
        "SELECT coalesce(max(part), -1) + 1 FROM tm_postings WHERE memory_id = ?", [memory_id]
    ).fetchone()
    return int(row[0])


PostingBlobs = tuple[bytes, bytes, bytes]  # ids (uint32), word counts (uint8), pos (uint16)


def add_postings(
    db: sqlite_utils.Database, memory_id: int, part: int,
    rows: Iterable[tuple[int, int, PostingBlobs]],
) -> None:
    """Store one part of posting lists: (token code, count, blobs)."""
    db.conn.executemany(
        "INSERT INTO tm_postings (token, memory_id, part, n, ids, lens, pos) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((token, memory_id, part, n, *blobs) for token, n, blobs in rows),
    )


def small_parts(
    db: sqlite_utils.Database, memory_id: int, tokens: Sequence[int], below: int
) -> dict[int, tuple[int, PostingBlobs]]:
    """For each token, its newest part in a memory if that holds fewer than ``below`` ids:
    token → (part, blobs)."""
    out: dict[int, tuple[int, PostingBlobs]] = {}
    for chunk in _chunks(list(tokens)):
        for token, part, n, ids, lens, pos in db.execute(
            "SELECT token, part, n, ids, lens, pos FROM tm_postings p WHERE memory_id = ? "
            f"AND token IN ({_marks(chunk)}) AND part = (SELECT max(part) FROM tm_postings q "
            "WHERE q.token = p.token AND q.memory_id = p.memory_id)",
            [memory_id, *chunk],
        ):
            if n < below:
                out[token] = (part, (ids, lens, pos))
    return out


def put_postings(
    db: sqlite_utils.Database, memory_id: int,
    rows: Iterable[tuple[int, int, int, PostingBlobs]],
) -> None:
    """Write (token, part, n, blobs) posting parts, replacing those that exist."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO tm_postings (token, memory_id, part, n, ids, lens, pos) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((token, memory_id, part, n, *blobs) for token, part, n, blobs in rows),
    )


def posting_sizes(db: sqlite_utils.Database, tokens: Sequence[int]) -> dict[int, int]:
    """How many units hold each token (over every memory)."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(tokens)):
        out.update(
            db.execute(
                f"SELECT token, sum(n) FROM tm_postings WHERE token IN ({_marks(chunk)}) "
                "GROUP BY token",
                list(chunk),
            )
        )
    return out


def postings(
    db: sqlite_utils.Database, tokens: Sequence[int]
) -> list[tuple[int, int, bytes, bytes, bytes]]:
    """Every part of the posting lists of ``tokens``: (token, memory id, ids, lens, pos)."""
    out: list[tuple[int, int, bytes, bytes, bytes]] = []
    for chunk in _chunks(list(tokens)):
        out.extend(
            db.execute(
                f"SELECT token, memory_id, ids, lens, pos FROM tm_postings "
                f"WHERE token IN ({_marks(chunk)})",
                list(chunk),
            )
        )
    return out


def unit_count(db: sqlite_utils.Database) -> int:
    """An upper bound of the number of indexed units (the largest unit id), for weights."""
    return int(db.execute("SELECT coalesce(max(unit_id), 0) FROM tm_keys").fetchone()[0])


# concordance ------------------------------------------------------------------------------


def english_containing(
    db: sqlite_utils.Database, needle: str, limit: int
) -> list[int]:
    """Ids of units whose English contains ``needle`` (ASCII case-insensitive), newest first."""
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM tm_units WHERE target LIKE ? ESCAPE '\\' "
            "ORDER BY coalesce(changed_at, created_at) DESC, id DESC LIMIT ?",
            [pattern, limit],
        )
    ]


def newest_first(db: sqlite_utils.Database, unit_ids: Sequence[int]) -> list[int]:
    """``unit_ids`` ordered newest first (change or creation date, then id)."""
    dated: list[tuple[str, int]] = []
    for chunk in _chunks(list(unit_ids)):
        dated.extend(
            db.execute(
                f"SELECT coalesce(changed_at, created_at, ''), id FROM tm_units "
                f"WHERE id IN ({_marks(chunk)})",
                list(chunk),
            )
        )
    dated.sort(reverse=True)
    return [i for _, i in dated]
