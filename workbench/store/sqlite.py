"""The SQLite side of the store: opening project files (pragmas, migrations, read-only access)
and SQLite's errors as one line.

A project file (and its ``-wal`` and ``-shm``) is opened by SQLite only, never with ``open()``,
``Path.read_bytes`` or a copy: on POSIX, closing *any* descriptor of a file drops *every* lock
the process holds on it, so another program closing the project would believe it is the last
user, checkpoint and delete the WAL under a live connection, and edits made after that are lost
(https://sqlite.org/howtocorrupt.html, section 2.2). Everything here asks SQLite, or ``stat``.

A project that cannot be written (the file, or the folder where SQLite must create ``-wal`` and
``-shm`` beside it in WAL mode) opens read-only: ``mode=ro``, which shares the WAL with writers
and sees their commits; when even that is impossible (no ``-shm`` and a folder that cannot hold
one) ``immutable=1``, which is safe only because no other program has the project open then. A
full disk, where SQLite cannot create or grow the ``-shm`` even to read, opens it read-only too.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench import openfiles
from workbench.errors import DamagedProjectError, ProjectError, ReadOnlyProjectError
from workbench.store.connection import (
    ASKED_READ_ONLY,
    Database,
    WriteLockTaken,
    mark_interrupted_commit,
    upgrade_refused,
)
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION, tables_of

BUSY_TIMEOUT_MS = 30_000
LARGE_CACHE_KB = 64 * 1024
"""The page cache of a connection that reads or writes much (``prefer_large_reads``,
``bulk_writing``)."""
MMAP_BYTES = 1 << 30


class SqliteDatabase(sqlite_utils.Database, Database):
    """A project in an SQLite file: sqlite-utils' Database over one ``sqlite3`` connection
    (autocommit; transactions are explicit), with its file and whether it may write."""

    dialect = "sqlite"
    fixed_join = "CROSS JOIN"

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str = "") -> None:
        super().__init__(conn, execute_plugins=False)
        self.path = path
        self.location = path
        self.read_only_reason = read_only_reason

    # execute and query are sqlite-utils' own (its tracer sees them).

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def reserve_ids(self, table: str, count: int) -> int:
        # BEGIN IMMEDIATE holds the only write lock of the file: nobody else inserts meanwhile.
        return int(self.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])

    def schema_version(self) -> int:
        return int(self.execute("PRAGMA user_version").fetchone()[0])

    def identity_marks(self) -> dict[str, int]:
        return sequence_marks(self.conn)

    def advance_identities(self, marks: Mapping[str, int] | None = None) -> None:
        raise_sequences(self.conn, marks or {})

    def prefer_large_reads(self) -> None:
        # Memory-mapped reads halve the cost of fetching many small rows by key (the
        # translation memory's candidates); the page cache keeps the hot index pages.
        if self.execute("PRAGMA cache_size").fetchone()[0] > -LARGE_CACHE_KB:
            self.execute(f"PRAGMA cache_size = -{LARGE_CACHE_KB}")
            self.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    @contextlib.contextmanager
    def bulk_writing(self) -> Iterator[None]:
        # A larger page cache while the write lasts: index pages being filled stay in memory.
        old = self.execute("PRAGMA cache_size").fetchone()[0]
        self.execute(f"PRAGMA cache_size = -{LARGE_CACHE_KB}")
        try:
            yield
        finally:
            self.execute(f"PRAGMA cache_size = {old}")

    def project_tables(self) -> list[str]:
        return [
            str(r[0]) for r in self.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]

    def columns(self, table: str) -> list[str]:
        return [str(r[1]) for r in self.execute(f'PRAGMA table_info("{table}")')]

    def primary_key(self, table: str) -> list[str]:
        rows = sorted((int(r[5]), str(r[1])) for r in self.execute(f'PRAGMA table_info("{table}")'))
        return [name for key, name in rows if key > 0]

    def references(self, table: str) -> set[str]:
        return {str(r[2]) for r in self.execute(f'PRAGMA foreign_key_list("{table}")')}

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
        except KeyboardInterrupt as exc:  # raised once COMMIT returned: stored unless still open
            mark_interrupted_commit(exc, done=not self.conn.in_transaction)
            raise

    def begin_write(self, shared: bool = False) -> None:
        # One writer at a time, whatever ``shared`` says. IMMEDIATE takes the write lock now
        # (waiting up to the busy timeout), so a transaction never fails half-way because
        # another writer came first.
        if not self.no_wait_once:
            self.execute("BEGIN IMMEDIATE")
            return
        self.no_wait_once = False
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            self.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _error_name(exc) != "SQLITE_BUSY":
                raise
            raise WriteLockTaken(str(exc)) from exc
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def begin_read(self) -> None:
        self.execute("BEGIN")  # deferred: the first read fixes the snapshot (WAL)

    @contextlib.contextmanager
    def triggers_suspended(self) -> Iterator[None]:
        # SQLite cannot switch a trigger off: drop them all, put them back (same transaction).
        saved = self.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
        for name, _ in saved:
            self.execute(f'DROP TRIGGER "{name}"')
        yield
        for _, sql in saved:
            self.execute(sql)

    def close(self) -> None:
        """Close the connection, its committed pages copied into the project file first: the
        last connection to close does that anyway, but the TUI's second connection and its
        live link's close after the app's main one, in threads the exit may not wait for,
        and a copy of ``segments.db`` alone then lacked the session's edits (left in -wal)."""
        with contextlib.suppress(sqlite3.Error):  # busy, closed already, the file gone
            if not self.read_only_reason and not self.conn.in_transaction:
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self.conn.close()


def open_sqlite(
    path: str | Path, *, create: bool = False, read_only: bool = False,
    shown_as: Path | None = None,
) -> SqliteDatabase:
    """Open (or with ``create``, create) a project database and bring its schema up to date.

    A project that cannot be written opens read-only (``read_only_reason`` says why); so does
    any project with ``read_only``. Its writes then raise ReadOnlyProjectError. ``shown_as``:
    the file that SQLite errors (and the database's ``location``) name instead of ``path``, a
    temporary file that becomes it.
    """
    p = Path(path)
    if p.is_dir():
        raise ProjectError(f"{p}: is a folder, not a project database")
    exists = p.exists() and p.stat().st_size > 0
    if not exists and not create:
        raise ProjectError(f"no project at {p}")
    folder = p.parent if str(p.parent) else Path(".")
    if exists:
        if not os.access(p, os.R_OK):
            raise ProjectError(f"{p}: cannot read the project (permission denied)")
        reason = ASKED_READ_ONLY if read_only else _why_read_only(p, folder)
    else:
        if read_only:
            raise ProjectError(f"no project at {p}")
        if not folder.exists():
            raise ProjectError(f"{p}: folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise ProjectError(f"{p}: cannot create the project (folder {folder} is not writable)")
        refuse_stale_wal(p)
        reason = ""
    try:
        if not reason:
            try:
                conn = _open_read_write(p, exists)
            except sqlite3.OperationalError as exc:
                if not exists:
                    raise
                if _error_name(exc) == "SQLITE_READONLY":
                    reason = f"SQLite cannot write it: {exc}"
                elif _on_full_disk(exc, p):
                    reason = (f"the disk is full: {_free_bytes(p):,} bytes free in "
                              f"{p.absolute().parent}")
                else:
                    raise
        if reason:
            conn, reason = _open_read_only(p, reason)
    except sqlite3.DatabaseError as exc:
        raise sqlite_error(exc, shown_as or p) from None
    db = SqliteDatabase(conn, p, reason)
    db.location = shown_as or p
    return db


def _why_read_only(path: Path, folder: Path) -> str:
    """Why SQLite could not write the project at ``path``: '' when it can."""
    if not os.access(path, os.W_OK):
        return "the file is not writable"
    stale = [
        side.name for side in (Path(f"{path}-wal"), Path(f"{path}-shm"))
        if side.exists() and not os.access(side, os.W_OK)
    ]
    if stale:
        one = len(stale) == 1
        return (
            f"{' and '.join(stale)} {'is' if one else 'are'} not writable, perhaps left by a "
            f"session that could only read; when no program is using the project, its owner "
            f"can delete {'it' if one else 'them'}"
        )
    if not os.access(folder, os.W_OK):
        return (
            f"the folder {folder.absolute()} is not writable, and SQLite must create "
            f"{path.name}-wal and {path.name}-shm beside the file to write it"
        )
    return ""


class ProjectConnection(sqlite3.Connection):
    """A connection to a project file, noted in ``workbench.openfiles`` while it is open so
    that nothing else in this process opens the file."""

    held: Path | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.held is not None:
                openfiles.release(self.held)
                self.held = None


def _connect(path: Path, target: str, *, uri: bool = False) -> ProjectConnection:
    conn = sqlite3.connect(
        target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
        check_same_thread=False, factory=ProjectConnection,
    )
    assert isinstance(conn, ProjectConnection)
    conn.held = path
    openfiles.hold(path)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        conn.close()
        raise
    return conn


def _open_read_write(p: Path, exists: bool) -> sqlite3.Connection:
    conn = _connect(p, str(p))
    try:
        version = _check_kind(conn, p, exists)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # migrations rebuild tables (schema 12's lqa_errors) with foreign keys off, as SQLite's
        # procedure for it wants: a row whose parent a recovery lost is kept, not refused
        _migrate(conn, version)
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _open_read_only(p: Path, reason: str) -> tuple[sqlite3.Connection, str]:
    """A read-only connection (``mode=ro``; ``immutable=1`` when only that can read it)."""
    conn = connect_read_only(p)
    try:
        try:
            version = _check_kind(conn, p, True)
        except sqlite3.OperationalError as exc:
            # mode=ro needs a -shm it can use; none exists and none can be created (or grown,
            # on a full disk) here.
            if _error_name(exc) not in ("SQLITE_READONLY", "SQLITE_CANTOPEN") and not (
                _on_full_disk(exc, p)
            ):
                raise
            conn.close()
            conn = connect_read_only(p, immutable=True)
            version = _check_kind(conn, p, True)
            reason += "; changes other programs make while it is open are not seen"
        if version < SCHEMA_VERSION:
            raise upgrade_refused(p, version, reason, "open it once with write access")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn, reason


def connect_read_only(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A plain read-only SQLite connection to ``path`` (``mode=ro``, ``query_only``).

    With ``immutable``, SQLite takes no locks and ignores any WAL: refused when the WAL holds
    changes, since those would be missed.
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    if immutable:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise ProjectError(
                f"{path}: cannot be read here: {wal.name} holds changes not yet in the file and "
                f"SQLite cannot use them without writing {path.name}-shm beside it; open the "
                f"project once where its folder is writable"
            )
        uri += "&immutable=1"
    conn = _connect(path, uri, uri=True)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _check_kind(conn: sqlite3.Connection, p: Path, exists: bool) -> int:
    """The schema version of a workbench project; ProjectError for any other file."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if _error_name(exc) == "SQLITE_NOTADB":
            raise ProjectError(
                f"{p}: not a workbench project (not an SQLite database, or its first page is "
                f"damaged: `workbench doctor --db {shlex.quote(str(p))}` tells which)"
            ) from None
        raise
    if exists:
        _check_tables(conn, p, version)
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{p}: project schema version {version} is newer than this workbench "
            f"understands ({SCHEMA_VERSION}); upgrade workbench"
        )
    return version


def _check_tables(conn: sqlite3.Connection, p: Path, version: int) -> None:
    """ProjectError unless the tables of an existing database are a workbench project's of
    schema ``version`` (or it is an empty database): another program's database, whatever
    its ``user_version``, is never migrated (its file changed: our tables added to it)."""
    present = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if version == 0 and not present:
        return
    if version == 0 or not present & tables_of(1):
        raise ProjectError(f"{p}: not a workbench project (an SQLite database of another kind)")
    missing = tables_of(version) - present
    if missing:
        raise ProjectError(
            f"{p}: the project lacks its table{'s' if len(missing) > 1 else ''} "
            f"{', '.join(sorted(missing))} (schema version {version}); "
            f"`workbench doctor --db {shlex.quote(str(p))}` examines it"
        )


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            if current < target:
                for statement in sql_statements(MIGRATIONS[target - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            # A COMMIT that failed (a full disk) has rolled back already: a ROLLBACK now
            # would replace the error with "no transaction is active".
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def sequence_marks(conn: sqlite3.Connection) -> dict[str, int]:
    """The last id each AUTOINCREMENT table gave (rows deleted since included): its row of
    ``sqlite_sequence``."""
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone() is None:
        return {}
    return {str(r[0]): int(r[1]) for r in conn.execute("SELECT name, seq FROM sqlite_sequence")}


def raise_sequences(conn: sqlite3.Connection, marks: Mapping[str, int]) -> None:
    """Make each AUTOINCREMENT table number past its id in ``marks`` (another project's
    :func:`sequence_marks`; explicit-id inserts raised it to their largest id only)."""
    given = sequence_marks(conn)
    autoincrement = {str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'"
    )}
    for table, mark in marks.items():
        if table not in autoincrement or mark <= given.get(table, 0):
            continue
        if table in given:
            conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = ?", [mark, table])
        else:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, mark])


def sql_statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one at a time."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""


def publish_new(tmp: Path, path: Path) -> None:
    """Give the closed, complete database ``tmp`` the name ``path``, which must not exist.

    A hard link fails with FileExistsError when ``path`` appeared meanwhile, so a live project
    is never replaced (on a file system without hard links: check, then rename). Nothing is
    opened: the file moves by name only.
    """
    if Path(f"{tmp}-wal").exists():
        raise ProjectError(f"{path}: the new database was not closed cleanly; nothing was created")
    refuse_stale_wal(path)
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        os.rename(tmp, path)


def refuse_stale_wal(path: Path) -> None:
    """ProjectError when a non-empty ``-wal`` lies where a new project ``path`` is to appear:
    SQLite would replay it into the new file."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectError(
            f"{path}: {wal.name} is left from a project that is gone; move it away first"
        )


def remove_database(path: Path) -> None:
    """Delete a database that nobody has open (a temporary one) with its -wal and -shm."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


# Database errors as one line -------------------------------------------------------------------


FULL_BELOW = 1 << 20
"""Free bytes under which a disk I/O error on a project is reported as a full disk."""


def _free_bytes(path: Path) -> int:
    """The bytes free for this user on the file system of ``path``'s folder (a large number
    when that cannot be known)."""
    try:
        return shutil.disk_usage(path.absolute().parent).free
    except OSError:
        return 1 << 62


def _on_full_disk(exc: sqlite3.Error, path: Path) -> bool:
    """Whether ``exc`` is the "disk I/O error" SQLite gives when it cannot create or grow the
    -shm (or -wal) of the project at ``path`` on a full disk."""
    return _error_name(exc) in ("SQLITE_IOERR", "SQLITE_FULL") and _free_bytes(path) < FULL_BELOW


def is_busy(exc: BaseException) -> bool:
    """True when ``exc`` says another program held the project file's lock past the wait
    (the file is there and sound: the same work may be tried again later)."""
    if isinstance(exc, WriteLockTaken):
        return True
    return isinstance(exc, sqlite3.Error) and _error_name(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED")


def _error_name(exc: sqlite3.Error) -> str:
    """SQLite's primary result code name (``SQLITE_CORRUPT``...) of ``exc``, '' if unknown."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.count("_") > 1:  # extended codes such as SQLITE_IOERR_SHORT_READ
        name = "_".join(name.split("_")[:2])
    return name


def sqlite_error(exc: sqlite3.Error, where: Path | None) -> ProjectError:
    """A one-line ProjectError for an SQLite error on the project at ``where``, saying what is
    wrong and what to do."""
    name = _error_name(exc)
    text = str(exc)
    prefix = f"{where}: " if where is not None else ""
    doctor = (f"workbench doctor --db {shlex.quote(str(where))}" if where is not None
              else "workbench doctor")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text:
        return DamagedProjectError(
            f"{prefix}the project file is damaged ({text}); `{doctor}` examines it "
            f"(with --recover NEW.db it copies what can be read into a new file)"
        )
    if name == "SQLITE_READONLY":
        return ReadOnlyProjectError(
            f"{prefix}cannot write the project ({text}): the file, or the folder where SQLite "
            f"creates its -wal and -shm files, is not writable; nothing was changed"
        )
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return ProjectError(
            f"{prefix}the project is busy: another program held it for "
            f"{BUSY_TIMEOUT_MS // 1000} s ({text}); try again"
        )
    if name == "SQLITE_FULL":
        return ProjectError(f"{prefix}the disk is full ({text}); nothing was changed")
    if name == "SQLITE_CANTOPEN":
        return ProjectError(
            f"{prefix}cannot open the project ({text}): check the permissions of the file, its "
            f"folder and its -wal and -shm files"
        )
    if name == "SQLITE_IOERR":
        if where is not None and _free_bytes(where) < FULL_BELOW:
            # SQLite says "disk I/O error" when it cannot grow the -shm or -wal of a project
            # on a full disk (SQLITE_IOERR_SHMSIZE): even reading fails then.
            return ProjectError(
                f"{prefix}the disk is full ({text}: {_free_bytes(where):,} bytes free in "
                f"{where.absolute().parent}); nothing was changed"
            )
        return ProjectError(f"{prefix}the disk failed reading or writing the project ({text})")
    return ProjectError(f"{prefix}database error ({name or type(exc).__name__}: {text})")


@contextlib.contextmanager
def full_disk_named(where: Path) -> Iterator[None]:
    """While a new project file is written: a full disk (a commit, the checkpoint) is the
    one-line error naming the new project ``where``, which no other error handler names (it
    was never opened as a project)."""
    try:
        yield
    except sqlite3.Error as exc:
        if _error_name(exc) != "SQLITE_FULL":
            raise
        raise sqlite_error(exc, where) from None


def is_sqlite_failure(exc: BaseException) -> bool:
    """True for an SQLite error about the file or the disk (damage, permissions, locks, I/O),
    as opposed to a bug in a query (a wrong statement, a broken constraint)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ) and (type(exc) is sqlite3.DatabaseError or _error_name(exc) in _FAILURES)


_FAILURES = {
    "SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_READONLY", "SQLITE_BUSY", "SQLITE_LOCKED",
    "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM", "SQLITE_PROTOCOL",
    "SQLITE_NOLFS", "SQLITE_AUTH",
}
