"""Opening project databases: pragmas, migrations and transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from workbench.errors import ProjectError
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 30_000


def now() -> str:
    """The current time as an ISO 8601 UTC string, as stored."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _check_header(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(16)
    if head and head != b"SQLite format 3\x00":
        raise ProjectError(f"{path}: not a workbench project (not an SQLite database)")


def open_db(path: str | Path, *, create: bool = False) -> sqlite_utils.Database:
    """Open (or with ``create``, create) a project database and bring its schema up to date."""
    p = Path(path)
    if p.is_dir():
        raise ProjectError(f"{p}: is a folder, not a project database")
    exists = p.exists() and p.stat().st_size > 0
    if not exists and not create:
        raise ProjectError(f"no project at {p}")
    if exists:
        _check_header(p)
        if not os.access(p, os.R_OK):
            raise ProjectError(f"{p}: cannot read the project (permission denied)")
    else:
        folder = p.parent if str(p.parent) else Path(".")
        if not folder.exists():
            raise ProjectError(f"{p}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise ProjectError(f"{p}: cannot create the project (folder {folder} is not writable)")
    try:
        conn = sqlite3.connect(
            str(p), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            conn.close()
            raise ProjectError(
                f"{p}: project schema version {version} is newer than this workbench "
                f"understands ({SCHEMA_VERSION}); upgrade workbench"
            )
        if exists and version == 0 and _has_tables(conn):
            conn.close()
            raise ProjectError(f"{p}: not a workbench project (an SQLite database of another kind)")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{p}: cannot open the project ({exc})") from None
    return sqlite_utils.Database(conn, execute_plugins=False)


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current < target:
                for statement in _statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""


def analyze(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (``ANALYZE``), after an import that added or
    changed many rows; it reads every index once (about 0.1 s at 100,000 segments)."""
    db.execute("ANALYZE")


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
