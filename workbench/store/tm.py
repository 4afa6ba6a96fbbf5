"""Queries on translation memories: memories, units, the matching index and its caches' clock.

The project memory (id 1) is kept by triggers (see the schema): a unit per confirmed segment.
The matching index is the vocabulary (``tm_tokens``), each unit's key (``tm_keys``: the hash
of its word sequence and its words and stems as code strings) and the posting lists of stems
(``tm_postings``, in parts, as blobs). Units of the project memory wait in ``tm_pending``
until the service indexes them. Every query runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from workbench.store import tm_words
from workbench.store.connection import Database
from workbench.store.db import by_name, now
from workbench.textio import file_name_text

Row = dict[str, Any]
PROJECT_MEMORY = 1
#: Both engines' limits on bound parameters are far above this; chunks keep statements small.
CHUNK = 500


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# memories ---------------------------------------------------------------------------------


def memories(db: Database) -> list[Row]:
    """Every memory with its unit count, the project memory first."""
    counts = dict(db.execute("SELECT memory_id, count(*) FROM tm_units GROUP BY memory_id"))
    rows = list(db.query("SELECT * FROM tm_memories ORDER BY id"))
    for row in rows:
        row["units"] = counts.get(row["id"], 0)
    return rows


def memory_by_name(db: Database, name: str) -> Row | None:
    """The memory called ``name``, else the one whose name differs from it only in case
    (``omegat`` for ``OmegaT``), or None."""
    return by_name(db.query("SELECT * FROM tm_memories"), name)


def memory_names(db: Database) -> dict[int, str]:
    """Memory id → name."""
    return dict(db.execute("SELECT id, name FROM tm_memories"))


def create_memory(
    db: Database, name: str, source_path: str | None, meta: str
) -> int:
    """Add an external memory and return its id."""
    return db.insert(
        "INSERT INTO tm_memories (name, kind, source_path, created_at, meta) "
        "VALUES (?, 'external', ?, ?, ?)",
        [name, source_path and file_name_text(source_path), now(), meta],
    )


def set_memory_meta(db: Database, memory_id: int, meta: str) -> None:
    """Store a memory's metadata (JSON: the file's format, languages, tool, props)."""
    db.execute("UPDATE tm_memories SET meta = ? WHERE id = ?", [meta, memory_id])


def delete_memory(db: Database, memory_id: int) -> int:
    """Delete a memory, its units and their index; return how many units went."""
    count = db.execute(
        "SELECT count(*) FROM tm_units WHERE memory_id = ?", [memory_id]
    ).fetchone()[0]
    db.execute(
        "DELETE FROM tm_keys WHERE unit_id IN (SELECT id FROM tm_units WHERE memory_id = ?)",
        [memory_id],
    )
    db.execute("DELETE FROM tm_postings WHERE memory_id = ?", [memory_id])
    tm_words.delete_words(db, memory_id)
    db.execute("DELETE FROM tm_units WHERE memory_id = ?", [memory_id])
    db.execute("DELETE FROM tm_memories WHERE id = ?", [memory_id])
    bump_generation(db)
    return int(count)


# the index's clock ------------------------------------------------------------------------


def generation(db: Database) -> int:
    """A number that changes whenever the posting lists change."""
    return int(db.execute("SELECT generation FROM tm_state WHERE id = 1").fetchone()[0])


def bump_generation(db: Database) -> None:
    """Tell caches that the posting lists changed."""
    db.execute("UPDATE tm_state SET generation = generation + 1 WHERE id = 1")


def index_stamp(db: Database) -> str | None:
    """The normalisation stamp the matching index was made with (None: not recorded)."""
    return db.execute("SELECT normalisation FROM tm_state WHERE id = 1").fetchone()[0]


def set_index_stamp(db: Database, stamp: str) -> None:
    """Record the normalisation stamp the matching index is made with."""
    db.execute("UPDATE tm_state SET normalisation = ? WHERE id = 1", [stamp])


def has_keys(db: Database) -> bool:
    """Whether any unit is indexed."""
    return db.execute("SELECT 1 FROM tm_keys LIMIT 1").fetchone() is not None


def clear_index(db: Database) -> None:
    """Forget the units' matching data (keys, posting lists) and put every project unit back
    among those waiting to be indexed. The vocabulary stays: a token's code never changes
    (lookups cache them), and words no longer made are merely unused."""
    for table in ("tm_postings", "tm_keys", "tm_pending"):
        db.execute(f"DELETE FROM {table}")
    db.execute(
        "INSERT INTO tm_pending (unit_id) SELECT id FROM tm_units WHERE memory_id = ?",
        [PROJECT_MEMORY],
    )


def memory_sources(
    db: Database, memory_id: int, after: int, limit: int
) -> list[tuple[int, str]]:
    """(unit id, source) of a memory's units with an id above ``after``, in id order, at
    most ``limit`` of them."""
    return list(db.execute(
        "SELECT id, source FROM tm_units WHERE memory_id = ? AND id > ? ORDER BY id LIMIT ?",
        [memory_id, after, limit],
    ))


# vocabulary -------------------------------------------------------------------------------


def token_codes(db: Database, tokens: Sequence[str]) -> dict[str, int]:
    """The codes of those ``tokens`` that have one."""
    out: dict[str, int] = {}
    for chunk in _chunks(list(tokens)):
        out.update(
            db.execute(
                f"SELECT token, code FROM tm_tokens WHERE token IN ({_marks(chunk)})", list(chunk)
            )
        )
    return out


def last_code(db: Database) -> int | None:
    """The highest code given so far."""
    found = db.execute("SELECT max(code) FROM tm_tokens").fetchone()[0]
    return None if found is None else int(found)


def add_tokens(db: Database, rows: Iterable[tuple[int, str]]) -> None:
    """Store new (code, token) pairs."""
    db.insert_rows("tm_tokens", ("code", "token"), rows)


# units and keys ---------------------------------------------------------------------------

UNIT_COLUMNS = (
    "id", "memory_id", "segment_id", "source", "target", "created_at", "created_by",
    "changed_at", "changed_by", "status", "tuid", "context_prev", "context_next", "meta",
)
# (pipeline.unit_row gives the columns from source on, in this order)


def reserve_unit_ids(db: Database, count: int) -> int:
    """The first of ``count`` consecutive unit ids kept for this transaction's inserts."""
    return db.reserve_ids("tm_units", count)


def insert_units(db: Database, rows: Iterable[Sequence[Any]]) -> None:
    """Add units given as tuples in UNIT_COLUMNS order (ids from :func:`reserve_unit_ids`)."""
    db.insert_rows("tm_units", UNIT_COLUMNS, rows)


KEY_COLUMNS = ("unit_id", "hash", "stems", "words")


def insert_keys(db: Database, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """Add (unit id, hash, stems, words) keys (replacing a unit's old key)."""
    db.upsert_rows("tm_keys", KEY_COLUMNS, ("unit_id",), rows)


def add_keys(db: Database, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """Add keys of new units (unit id, hash, stems, words)."""
    db.insert_rows("tm_keys", KEY_COLUMNS, rows)


def bulk(db: Database) -> AbstractContextManager[None]:
    """Inside: a large import (SQLite keeps more of the index being written in memory)."""
    return db.bulk_writing()


def prefer_large_reads(db: Database) -> None:
    """Lookups read much of the index again and again: let the engine cache more (SQLite:
    a larger page cache, memory-mapped reads)."""
    db.prefer_large_reads()


def keys(db: Database, unit_ids: Sequence[int]) -> list[tuple[int, int, str, str]]:
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
    db: Database, hashes: Sequence[int], memories: Iterable[int] | None = None
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


def units(db: Database, unit_ids: Sequence[int]) -> dict[int, Row]:
    """Full rows of units (with memory name, and document and position for project units)."""
    out: dict[int, Row] = {}
    for chunk in _chunks(list(unit_ids)):
        for row in db.query(f"{_UNIT_SELECT} WHERE u.id IN ({_marks(chunk)})", list(chunk)):
            out[row["id"]] = row
    return out


EXPORT_PAGE = 2_000


def export_units(db: Database, memory_id: int | None) -> Iterator[Row]:
    """The units of one memory (or all), in id order, read a page at a time (memory stays
    flat on both engines; other queries may run between pages)."""
    after = 0
    only = "AND u.memory_id = ? " if memory_id is not None else ""
    while True:
        args = [after, *([memory_id] if memory_id is not None else []), EXPORT_PAGE]
        page = list(db.query(f"{_UNIT_SELECT} WHERE u.id > ? {only}ORDER BY u.id LIMIT ?", args))
        yield from page
        if len(page) < EXPORT_PAGE:
            return
        after = page[-1]["id"]


def all_keys(db: Database) -> list[tuple[int, str, str]]:
    """(unit id, stems, words) of every indexed unit (for benchmarks' brute-force baseline)."""
    return [tuple(r) for r in db.execute("SELECT unit_id, stems, words FROM tm_keys")]


def segment_unit(db: Database, segment_id: int) -> int | None:
    """The project unit of a segment, if it has one."""
    row = db.execute("SELECT id FROM tm_units WHERE segment_id = ?", [segment_id]).fetchone()
    return None if row is None else int(row[0])


def neighbours(
    db: Database, segment_ids: Sequence[int]
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


def segments_fingerprint(db: Database, document_id: int) -> tuple[int, int]:
    """(count, largest id) of a document's segments: changes when its segments do (a merge
    or a split changes the count, an import or a split adds ids), for caches of their
    normalised sources. Read from the index alone (every confirmation asks)."""
    row = db.execute(
        "SELECT count(*), coalesce(max(id), 0) FROM segments WHERE document_id = ?",
        [document_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def segment_sources(
    db: Database, document_id: int, after: int | None, limit: int
) -> list[tuple[int, int, str]]:
    """(segment id, position, source) of a document's segments in order, the first ``limit``
    after position ``after`` (None: from the start): a document read a page at a time."""
    return list(
        db.execute(
            "SELECT id, position, source FROM segments WHERE document_id = ? AND position > ? "
            "ORDER BY position LIMIT ?",
            [document_id, -1 if after is None else after, limit],
        )
    )


# pending project units --------------------------------------------------------------------


def has_pending(db: Database) -> bool:
    """Whether project units wait to be indexed."""
    return db.execute("SELECT 1 FROM tm_pending LIMIT 1").fetchone() is not None


def pending_units(
    db: Database, after: int = 0, limit: int | None = None
) -> list[tuple[int, str]]:
    """(unit id, source) of the project units waiting to be indexed, in id order: those
    with an id above ``after``, at most ``limit`` of them (None: all)."""
    sql = (
        "SELECT u.id, u.source FROM tm_pending p JOIN tm_units u ON u.id = p.unit_id "
        "WHERE p.unit_id > ? ORDER BY p.unit_id"
    )
    if limit is None:
        return list(db.execute(sql, [after]))
    return list(db.execute(f"{sql} LIMIT ?", [after, limit]))


def clear_pending(db: Database, unit_ids: Sequence[int]) -> None:
    """Forget that these units wait."""
    for chunk in _chunks(list(unit_ids)):
        db.execute(f"DELETE FROM tm_pending WHERE unit_id IN ({_marks(chunk)})", list(chunk))


# posting lists ----------------------------------------------------------------------------


def next_part(db: Database, memory_id: int) -> int:
    """The next free part number of a memory's posting lists."""
    row = db.execute(
        "SELECT coalesce(max(part), -1) + 1 FROM tm_postings WHERE memory_id = ?", [memory_id]
    ).fetchone()
    return int(row[0])


PostingBlobs = tuple[bytes, bytes, bytes]  # ids (uint32), word counts (uint8), pos (uint16)
POSTING_COLUMNS = ("token", "memory_id", "part", "n", "ids", "lens", "pos")


def add_postings(
    db: Database, memory_id: int, part: int,
    rows: Iterable[tuple[int, int, PostingBlobs]],
) -> None:
    """Store one part of posting lists: (token code, count, blobs)."""
    db.insert_rows(
        "tm_postings", POSTING_COLUMNS,
        ((token, memory_id, part, n, *blobs) for token, n, blobs in rows),
    )


def small_parts(
    db: Database, memory_id: int, tokens: Sequence[int], below: int
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
    db: Database, memory_id: int,
    rows: Iterable[tuple[int, int, int, PostingBlobs]],
) -> None:
    """Write (token, part, n, blobs) posting parts, replacing those that exist."""
    db.upsert_rows(
        "tm_postings", POSTING_COLUMNS, ("token", "memory_id", "part"),
        ((token, memory_id, part, n, *blobs) for token, part, n, blobs in rows),
    )


def posting_sizes(db: Database, tokens: Sequence[int]) -> dict[int, int]:
    """How many units hold each token (over every memory)."""
    out: dict[int, int] = {}
    for chunk in _chunks(list(tokens)):
        for token, total in db.execute(
            f"SELECT token, sum(n) FROM tm_postings WHERE token IN ({_marks(chunk)}) "
            "GROUP BY token",
            list(chunk),
        ):
            out[int(token)] = int(total)  # PostgreSQL's sum of integers is a numeric
    return out


def postings(
    db: Database, tokens: Sequence[int]
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


def unit_count(db: Database) -> int:
    """An upper bound of the number of indexed units (the largest unit id), for weights."""
    return int(db.execute("SELECT coalesce(max(unit_id), 0) FROM tm_keys").fetchone()[0])


# concordance ------------------------------------------------------------------------------


#: The longest start of a query that LIKE is given (SQLite refuses a pattern over 50,000 bytes).
LIKE_CHARS = 1000


def english_candidates(
    db: Database, needle: str, limit: int, folds: dict[str, str] | None = None
) -> Iterator[tuple[int, str]]:
    """(id, English) of the units whose English may contain ``needle`` (lower-case, already
    folded; the characters of ``folds`` read as their values, ``’`` as ``'``) in any case,
    newest first: the first ``limit`` of them, or, where LIKE cannot tell, more than those
    that do, for the caller to narrow. SQLite's lower() and LIKE fold ASCII letters only, so
    another letter with a case (É, Å) is a one-character wildcard; a needle longer than
    ``LIKE_CHARS`` is sought by its start."""
    chars = [_like_char(c) for c in needle[:LIKE_CHARS]]
    exact = len(needle) <= LIKE_CHARS and "_" not in chars
    target = "lower(target)"
    for _ in folds or {}:
        target = f"replace({target}, ?, ?)"
    params: list[Any] = [v for pair in (folds or {}).items() for v in pair]
    for r in db.execute(
        # lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not
        f"SELECT id, target FROM tm_units WHERE {target} LIKE ? ESCAPE '\\' "
        "ORDER BY coalesce(changed_at, created_at, '') DESC, id DESC"  # undated last
        + (" LIMIT ?" if exact else ""),
        [*params, f"%{''.join(chars)}%", *([limit] if exact else [])],
    ):
        yield int(r[0]), r[1]


def _like_char(char: str) -> str:
    """One character of a LIKE pattern that ignores case as Python's lower() does."""
    if char in "\\%_":
        return "\\" + char
    if char.isascii() or char.lower() == char.upper():
        return char.lower()
    return "_"


def newest_first(db: Database, unit_ids: Sequence[int]) -> list[int]:
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
