"""Opening a project wherever it lives, transactions, and database errors as one line.

A project is an SQLite file (``store.sqlite``) or a PostgreSQL database (``store.postgres``);
``open_db`` takes a path or a ``postgresql://`` URL and returns the project's
:class:`~workbench.store.connection.Database`, on which every query of the store runs.
"""

from __future__ import annotations

import contextlib
import glob
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.errors import ConnectionLostError, ProjectError, ReadOnlyProjectError
from workbench.store.connection import Database, Location, interrupted_after_commit
from workbench.store.location import ServerAddress, parse_location

# Projects opened by this process, latest last: a front end names the project in the one-line
# message of a database error raised anywhere (see project_error).
_opened: list[Location] = []
# Write transactions this process has committed: an interrupted command says whether it
# changed anything (see committed).
_commits = 0


def now() -> str:
    """The current time as an ISO 8601 UTC string, as stored."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def by_name(rows: Iterable[Mapping[str, Any]], name: str) -> Any:
    """The row whose ``name`` is ``name``, else the one row whose name differs from it only in
    case (``omegat`` for ``OmegaT``), or None: user-given names are found in any case."""
    rows = list(rows)
    same = [r for r in rows if r["name"] == name] or [
        r for r in rows if r["name"].casefold() == name.casefold()]
    return same[0] if len(same) == 1 else None


def open_db(
    location: str | Path | ServerAddress, *, create: bool = False, read_only: bool = False
) -> Database:
    """Open (or with ``create``, create) a project and bring its schema up to date.

    ``location`` is a file path or a ``postgresql://`` URL. A project that cannot be written
    opens read-only (``read_only_reason`` says why); so does any project with ``read_only``.
    Its writes then raise ReadOnlyProjectError.
    """
    where = parse_location(location)
    db: Database
    if isinstance(where, ServerAddress):
        from workbench.store.postgres import open_postgres

        db = open_postgres(where, create=create, read_only=read_only)
    else:
        from workbench.store.sqlite import open_sqlite

        db = open_sqlite(where, create=create, read_only=read_only)
    _note_opened(db.location)
    return db


def _note_opened(location: Location) -> None:
    if location not in _opened:
        _opened.append(location)


def project_exists(location: str | Path | ServerAddress) -> bool:
    """True when ``location`` holds a project (a file that exists; a database that holds the
    workbench's schema). A server that cannot be reached is a ProjectError."""
    where = parse_location(location)
    if isinstance(where, Path):
        return where.exists()
    from workbench.store.postgres import connect, has_project

    db = connect(where)
    try:
        return has_project(db)
    finally:
        db.close()


@contextlib.contextmanager
def new_database(location: str | Path | ServerAddress) -> Iterator[Database]:
    """A new, empty project at ``location`` that appears only if the block completes.

    An SQLite project is built in a hidden temporary file beside the path and linked into
    place once closed; a PostgreSQL project is built in one transaction of the empty database.
    FileExistsError when a project appeared there meanwhile (a live project is never replaced).
    """
    where = parse_location(location)
    if isinstance(where, ServerAddress):
        from workbench.store.postgres import new_postgres

        with new_postgres(where) as pg:
            _note_opened(where)
            yield pg
        return
    from workbench.store.sqlite import (
        full_disk_named,
        open_sqlite,
        publish_new,
        refuse_stale_wal,
        remove_database,
    )

    folder = where.parent if str(where.parent) else Path(".")
    if not folder.exists():  # named here: the error would otherwise name the temporary file
        raise ProjectError(f"{where}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ProjectError(f"{where}: cannot create the project (folder {folder} is not writable)")
    refuse_stale_wal(where)
    _remove_dead_builds(where, remove_database)
    tmp = where.with_name(f".{where.name}.building-{os.getpid()}")
    remove_database(tmp)
    try:
        with full_disk_named(where):
            db = open_sqlite(tmp, create=True, shown_as=where)  # errors name the new project
            try:
                yield db
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
        publish_new(tmp, where)
    finally:
        remove_database(tmp)


def analyze(db: Database) -> None:
    """Refresh the query planner's statistics (``ANALYZE``), after an import that added or
    changed many rows; it reads every index once (about 0.1 s at 100,000 segments)."""
    db.analyze()


DEAD_BUILD_AGE_S = 60.0
"""A build file of a process that is gone, untouched this long, is a killed build's."""


def _remove_dead_builds(where: Path, remove: Callable[[Path], None]) -> None:
    """Delete the temporary files of earlier builds of the project ``where`` whose process
    was killed (``kill -9`` leaves them): their process no longer runs on this machine and
    they were not written for a minute (a build of another machine sharing the folder
    writes all the time). Not on Windows, where ``os.kill`` would end the process."""
    if os.name == "nt":
        return
    for build in where.parent.glob(f".{glob.escape(where.name)}.building-*"):
        pid = build.name.rpartition("-")[2]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except OSError:
            continue  # another user's process, or no way to tell
        with contextlib.suppress(OSError):
            if time.time() - build.stat().st_mtime >= DEAD_BUILD_AGE_S:
                remove(build)


@contextlib.contextmanager
def transaction(db: Database, *, segment: bool = False) -> Iterator[Database]:
    """One write transaction holding the project's write lock (SQLite: ``BEGIN IMMEDIATE``;
    PostgreSQL: ``BEGIN`` and the write lock); nested calls become savepoints.

    ``segment``: the transaction writes one segment and what hangs on it (its English,
    status, history, notes, overrides), after locking its row (``documents.lock_segment``);
    on PostgreSQL such transactions run side by side, sharing the write lock, while any other
    write waits for them and holds it alone.

    On a project opened read-only, ReadOnlyProjectError before anything is done; a change the
    database refuses to the user's team role is a PermissionDeniedError.
    """
    if db.read_only:
        raise ReadOnlyProjectError.opened_read_only(db.location, db.read_only_reason)
    if db.in_transaction:
        with db.savepoint():
            yield db
        return
    watch = db.commit_watch
    mark = watch.before(db) if watch is not None else None
    db.begin_write(shared=segment)
    try:
        yield db
    except BaseException as exc:
        if db.in_transaction:
            with contextlib.suppress(Exception):  # a lost connection cannot roll back
                db.rollback()
        if is_refusal(exc):
            raise project_error(exc, db.location) from None
        raise
    else:
        global _commits
        try:
            db.commit()  # on PostgreSQL, statements of execute_later go with it
        except BaseException as exc:
            if interrupted_after_commit(exc):  # Ctrl+C during the COMMIT: stored all the same
                _commits += 1
            if is_refusal(exc):
                raise project_error(exc, db.location) from None
            raise
        _commits += 1
        if watch is not None:
            watch.after(db, mark)


def committed() -> int:
    """How many write transactions this process has committed."""
    return _commits


def is_refusal(exc: BaseException) -> bool:
    """True for a change the database refused for lack of privilege (a team role's limits)."""
    return _is_postgres(exc) and getattr(exc, "sqlstate", None) == "42501"


def is_connection_lost(exc: BaseException) -> bool:
    """True when ``exc`` says the database server cannot be reached (it is restarting, shut
    down, or the network dropped): the work may be tried again once it is back."""
    if isinstance(exc, ConnectionLostError):
        return True
    if not _is_postgres(exc):
        return False
    from workbench.store.postgres import is_connection_failure

    return is_connection_failure(exc)


# Database errors as one line -------------------------------------------------------------------


def last_opened() -> Location | None:
    """The project this process opened last (None before any)."""
    return _opened[-1] if _opened else None


def _is_postgres(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "psycopg"


def project_error(exc: BaseException, location: Location | None = None) -> ProjectError:
    """A one-line ProjectError for a database error on the project at ``location`` (default:
    the project opened last), saying what is wrong and what to do."""
    where = location if location is not None else last_opened()
    if _is_postgres(exc):
        from workbench.store.postgres import postgres_error

        return postgres_error(exc, where if isinstance(where, ServerAddress) else None)
    from workbench.store.sqlite import sqlite_error

    return sqlite_error(exc, where if isinstance(where, Path) else None)  # type: ignore[arg-type]


def is_database_failure(exc: BaseException) -> bool:
    """True for a database error about the file, the server or the disk (damage, permissions,
    locks, a lost connection), as opposed to a bug in a query (a wrong statement, a broken
    constraint)."""
    if _is_postgres(exc):
        from workbench.store.postgres import is_postgres_failure

        return is_postgres_failure(exc)
    from workbench.store.sqlite import is_sqlite_failure

    return is_sqlite_failure(exc)
