"""The project's connection: one small API over SQLite and PostgreSQL.

The store's queries are written once, in SQL that both engines accept: ``?`` placeholders,
``INSERT ... RETURNING id``, ``INSERT ... ON CONFLICT``, ``IS [NOT] DISTINCT FROM``, ``FALSE``,
and no function that only one of them has. A query function takes a :class:`Database` and uses
only what is declared here; the two implementations (``store.sqlite``: sqlite-utils over the
standard ``sqlite3``; ``store.postgres``: psycopg 3) differ in how they connect, lock, number
rows in bulk and report errors, never in the SQL of a query. Only the schema (the migrations)
is written once per engine.
"""

from __future__ import annotations

import abc
import contextlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from workbench.errors import ProjectError
from workbench.store.location import ServerAddress

ASKED_READ_ONLY = "opened read-only"
"""Why a project opened read-only on request (``project copy``'s source) may not be written."""


def upgrade_refused(location: object, version: int, reason: str, how: str) -> ProjectError:
    """The error of a project of an older schema opened read-only (its upgrade cannot be
    written); ``how``: what the user does about it when they may not write it."""
    if reason == ASKED_READ_ONLY:  # a copy leaves its source as it is, even an old one
        return ProjectError(
            f"{location}: project schema version {version} is older than this workbench's, "
            f"and a copy leaves its source unchanged: open the project once with the workbench "
            f"(any command on it, such as `workbench stats`, upgrades it), then copy it"
        )
    return ProjectError(
        f"{location}: project schema version {version} needs an upgrade, which cannot be "
        f"written ({reason}); {how}"
    )

Row = dict[str, Any]
Location = Path | ServerAddress
"""Where a project lives: an SQLite file, or a PostgreSQL database (its address)."""

_savepoints = itertools.count(1)


def mark_interrupted_commit(exc: KeyboardInterrupt, *, done: bool) -> None:
    """Note on a Ctrl+C (or SIGTERM, SIGHUP) raised while a COMMIT ran whether the COMMIT
    took effect: Python raises it once the database call returned, stored or not."""
    exc.commit_done = done  # type: ignore[attr-defined]


def interrupted_after_commit(exc: BaseException) -> bool:
    """Whether ``exc`` is an interruption that came once its transaction was committed."""
    return bool(getattr(exc, "commit_done", False))


class Cursor(Protocol):
    """What a query's result offers (sqlite3's and psycopg's cursors both do)."""

    description: Any
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class _Fetched:
    """A cursor whose rows were all fetched (its statement is finished)."""

    def __init__(self, description: Any, rowcount: int, rows: list[Any]) -> None:
        self.description = description
        self.rowcount = rowcount
        self._rows = iter(rows)

    def fetchone(self) -> Any:
        return next(self._rows, None)

    def fetchall(self) -> list[Any]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return self._rows


class CommitWatch(Protocol):
    """Told of a connection's write transactions (the live feed, so that it can tell this
    process's own commits from other programs'): ``before`` as one starts, before it takes
    the write lock, and ``after`` with ``before``'s answer once it is committed."""

    def before(self, db: Database) -> Any: ...

    def after(self, db: Database, mark: Any) -> None: ...


class WriteLockTaken(Exception):
    """Another connection holds the project's write lock, and the transaction was asked not
    to wait for it (``Database.no_wait_once``). Raised before anything was written; its
    ``__cause__`` is the engine's own "busy" error."""


class Database(abc.ABC):
    """A project's open connection, whichever engine holds it.

    ``location`` is the file or server address (its ``str`` never shows a password);
    ``read_only_reason`` says why the project cannot be written ('' when it can).
    """

    dialect: ClassVar[str]
    #: The join that keeps the written order of its tables (SQLite plans ``CROSS JOIN`` in
    #: the order written; PostgreSQL's planner orders joins by its statistics).
    fixed_join: ClassVar[str] = "JOIN"
    #: The clause that holds the rows a ``SELECT`` of one table reads until the write
    #: transaction ends, as an update of them would (PostgreSQL: ``FOR NO KEY UPDATE``);
    #: nothing on SQLite, whose write transaction holds the whole project.
    row_lock: ClassVar[str] = ""

    location: Location
    read_only_reason: str = ""
    #: The database user the project is opened as ('' for an SQLite file): on a server, the
    #: author recorded in the history.
    user: str = ""
    #: The database reached, however its address was written ('' for an SQLite file): on a
    #: server its host, port and name as the connection has them (a URL and a key=value
    #: string, parameters in another order or the default port left out give the same).
    identity: str = ""
    #: Set by a caller that waits for the write lock itself (the TUI's writer, which must not
    #: hold the app's lock meanwhile): the next write transaction raises WriteLockTaken at
    #: once instead of waiting while another program holds the lock (SQLite; PostgreSQL
    #: ignores it). Cleared by that transaction.
    no_wait_once: bool = False
    #: Told of this connection's write transactions (``store.live``'s SQLite feed of the
    #: same process); None when nothing watches them.
    commit_watch: CommitWatch | None = None

    @property
    def read_only(self) -> bool:
        """True when the project was opened read-only (``read_only_reason`` says why)."""
        return bool(self.read_only_reason)

    # queries --------------------------------------------------------------------------

    @abc.abstractmethod
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Cursor:
        """Run one statement; its cursor (rows as tuples)."""
        ...

    @abc.abstractmethod
    def query(self, sql: str, params: Sequence[Any] | None = None) -> Iterator[Row]:
        """Run one query; its rows as dicts, column name to value."""
        ...

    @abc.abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""
        ...

    def execute_series(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> Cursor:
        """Run statements in order, in one round trip to the server where there is one
        (PostgreSQL: a pipeline); the last one's cursor. An error stops the series there, as
        one by one."""
        assert statements, "no statements"
        for sql, params in statements[:-1]:
            self.execute(sql, params)
        return self.execute(*statements[-1])

    def execute_later(
        self, statements: Sequence[tuple[str, Sequence[Any]]]
    ) -> Callable[[], Cursor]:
        """Statements of a write transaction whose result is read only after its next
        statement or its commit: on PostgreSQL they wait and go with that statement (the
        COMMIT included), in one round trip, and an error in them is raised there; here they
        run now. Returns a function that gives the last one's cursor once they ran."""
        cursor = self.execute_series(statements)
        done = _Fetched(cursor.description, cursor.rowcount, cursor.fetchall())
        return lambda: done

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Add many rows to ``table`` (values in ``columns`` order): the fastest way each engine
        has (PostgreSQL: ``COPY``)."""
        self.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            rows,
        )

    def upsert_rows(
        self, table: str, columns: Sequence[str], key: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> None:
        """Insert rows (values in ``columns`` order), or where a row with the same ``key``
        columns exists, set its other columns; a key given twice keeps its last row."""
        rest = [c for c in columns if c not in key]
        self.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT ({', '.join(key)}) "
            f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in rest)}",
            rows,
        )

    def update_rows(
        self, table: str, key: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        """Set ``columns`` of many rows, given as (key value, column values...); a key given
        twice keeps its last values. Rows whose values are those already stored are left
        alone (no new row version, no trigger)."""
        differs = " OR ".join(f"{c} IS DISTINCT FROM ?" for c in columns)
        self.executemany(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} "
            f"WHERE {key} = ? AND ({differs})",
            ((*values, k, *values) for k, *values in rows),
        )

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an ``INSERT`` of one row and return the id it was given."""
        return int(self.execute(f"{sql} RETURNING id", params).fetchall()[0][0])

    @abc.abstractmethod
    def reserve_ids(self, table: str, count: int) -> int:
        """The first of ``count`` consecutive free ids of ``table`` (whose ``id`` column numbers
        its rows), kept for this transaction's explicit-id inserts."""
        ...

    @abc.abstractmethod
    def schema_version(self) -> int:
        """The project's schema version (the number of migrations it has had)."""
        ...

    def identity_marks(self) -> dict[str, int]:
        """The last id given in each table that never gives an id twice, not even one of rows
        deleted since (an undo deleted the newest LQA errors): what a copy numbers on from."""
        return {}

    def advance_identities(self, marks: Mapping[str, int] | None = None) -> None:
        """After rows were inserted with explicit ids: make sure new rows get larger ones
        (SQLite always numbers from the largest id; PostgreSQL moves its sequences), and
        larger than ``marks`` (the source's :meth:`identity_marks`) where ids are never given
        twice."""
        return None

    def analyze(self) -> None:
        """Refresh the query planner's statistics."""
        self.execute("ANALYZE")

    def prefer_large_reads(self) -> None:
        """A hint that this connection reads large parts of the project again and again (the
        translation memory's lookups): an engine with such settings gives it a larger page
        cache and memory-mapped reads. Optional: nothing by default."""
        return None

    @contextlib.contextmanager
    def bulk_writing(self) -> Iterator[None]:
        """Inside: one large bulk write (an engine with such a setting keeps more of it in
        memory meanwhile). Optional: nothing by default."""
        yield

    @abc.abstractmethod
    def project_tables(self) -> list[str]:
        """The project's tables (the engine's own bookkeeping tables left out)."""
        ...

    @abc.abstractmethod
    def columns(self, table: str) -> list[str]:
        """The columns of ``table``, in order."""
        ...

    @abc.abstractmethod
    def primary_key(self, table: str) -> list[str]:
        """The primary key columns of ``table``, in key order."""
        ...

    @abc.abstractmethod
    def references(self, table: str) -> set[str]:
        """The tables that ``table``'s foreign keys refer to (itself included)."""
        ...

    # transactions ---------------------------------------------------------------------

    @property
    @abc.abstractmethod
    def in_transaction(self) -> bool:
        """True inside a transaction."""
        ...

    @abc.abstractmethod
    def begin_write(self, shared: bool = False) -> None:
        """Start a write transaction, holding the project's write lock; ``shared``: a write
        of one segment (and what hangs on it), which may run beside other such writes where
        the engine allows it (PostgreSQL: the lock shared, the segment's row locked by
        ``documents.lock_segment``); other writes hold the lock alone."""
        ...

    @abc.abstractmethod
    def begin_read(self) -> None:
        """Start a read transaction: every query in it sees one snapshot of the project."""
        ...

    @abc.abstractmethod
    def triggers_suspended(self) -> contextlib.AbstractContextManager[None]:
        """Inside the current transaction, the schema's triggers do not fire (for a copy of
        rows that are already what the triggers would make)."""
        ...

    def commit(self) -> None:
        """Commit the transaction; an interruption raised by it says whether the COMMIT took
        effect (see :func:`mark_interrupted_commit`)."""
        self.execute("COMMIT")

    def rollback(self) -> None:
        """Roll the transaction back."""
        self.execute("ROLLBACK")

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction inside the current one: rolled back alone on an error."""
        name = f"wb_{next(_savepoints)}"
        self.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # An error may have ended the whole transaction (SQLite's RAISE(ROLLBACK), a lost
            # server): cleaning up then would hide the error with "no such savepoint".
            if self.in_transaction:
                with contextlib.suppress(Exception):
                    self.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            self.execute(f"RELEASE SAVEPOINT {name}")

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""
        ...
