"""The PostgreSQL side of the store: a project in a database on a server, through psycopg 3.

The queries are the store's own (``?`` placeholders become psycopg's ``%s`` here, outside
string literals; a literal ``%`` is doubled). The schema is built by the PostgreSQL text of
each migration (``schema_postgres``); the version lives in the one-row table
``workbench_schema``.

Transactions mirror SQLite's: the connection is in autocommit mode, a write is ``BEGIN`` plus
the project's write lock (a transaction-scoped advisory lock, released by ``COMMIT`` or
``ROLLBACK``, so a client killed mid-transaction leaves nothing held), so writers take turns as
they do on an SQLite file and each transaction sees the state it decides on; readers never
wait. Explicit-id bulk inserts reserve their ids from the table's identity sequence under a
table lock (:meth:`PostgresDatabase.reserve_ids`).

Errors that a user can cause or fix (server down, wrong password, no such database,
permission denied, connection lost) become one-line :class:`ProjectError` messages naming the
server address without its password (:func:`postgres_error`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from workbench.errors import (
    ConnectionLostError,
    LoginRefusedError,
    PermissionDeniedError,
    ProjectError,
    ReadOnlyProjectError,
)
from workbench.store.connection import (
    ASKED_READ_ONLY,
    Database,
    Row,
    mark_interrupted_commit,
    upgrade_refused,
)
from workbench.store.location import ServerAddress
from workbench.store.schema import SCHEMA_VERSION
from workbench.store.schema_postgres import POSTGRES_MIGRATIONS

if TYPE_CHECKING:
    import psycopg

LOCK_NAMESPACE = 0x57424E43  # "WBNC": the workbench's advisory locks, (namespace, key)
WRITE_LOCK = 1
"""The advisory lock every write transaction holds (one writer at a time, as on SQLite)."""
LOCK_TIMEOUT_S = 30
"""How long a writer waits for the write lock (or a row) before "the project is busy"."""
CONNECT_TIMEOUT_S = 10
KEEPALIVES = {
    "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}
"""libpq's TCP settings (unless the URL sets them): a server that stops answering (the network
dropped) is given up after about ten seconds instead of the system's minutes."""
VERSION_TABLE = "workbench_schema"


@functools.lru_cache(maxsize=4096)
def pyformat(sql: str) -> str:
    """``sql`` with ``?`` placeholders as psycopg's ``%s`` (outside string literals and quoted
    names) and every ``%`` doubled."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if ch == "%":
            out.append("%%")
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append(ch)
    return "".join(out)


BULK = 500
"""From this many rows on, a bulk update or upsert goes through a staged temporary table."""
FETCH = 2_000
"""Rows converted at a time when a result is iterated (psycopg converts a batch much faster
than row by row)."""


class Result:
    """A statement's result, as the store reads it: rows as tuples, fetched in batches."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor
        self.description = cursor.description
        self.rowcount = cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return _batches(self._cursor)


def _batches(cursor: Any) -> Iterator[Any]:
    while rows := cursor.fetchmany(FETCH):
        yield from rows


class _Connection:
    """What the front ends reach through ``db.conn`` (as on an ``sqlite3`` connection): a
    statement, stop the running statement, a check between statements, close."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Result:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def interrupt(self) -> None:
        """Cancel the statement running on the connection (from any thread)."""
        with contextlib.suppress(Exception):
            self._db.pg.cancel_safe(timeout=5)

    def set_progress_handler(self, handler: Callable[[], Any] | None, steps: int) -> None:
        """Like SQLite's: ``handler()`` true stops the work; asked before each statement (a
        statement already running is stopped by :meth:`interrupt`)."""
        self._db.abort_check = handler

    def close(self) -> None:
        self._db.close()


class PostgresDatabase(Database):
    """A project in a PostgreSQL database: one psycopg connection in autocommit mode."""

    dialect = "postgresql"
    row_lock = " FOR NO KEY UPDATE"

    def __init__(
        self, pg: psycopg.Connection[Any], address: ServerAddress, read_only_reason: str = ""
    ) -> None:
        self.pg = pg
        self.location = address
        self.read_only_reason = read_only_reason
        self.identity = f"{pg.info.host}:{pg.info.port}/{pg.info.dbname}"
        self.conn = _Connection(self)
        self.abort_check: Callable[[], Any] | None = None
        #: A segment write's lock, not yet sent: it goes with the transaction's first
        #: statement, in one round trip (see begin_write).
        self._begin: str | None = None
        #: Statements whose results are read later (execute_later), not yet sent: they go
        #: with the transaction's next statement or its COMMIT.
        self._later: list[tuple[list[tuple[str, Sequence[Any]]], list[Result]]] = []

    def _check_abort(self) -> None:
        if self.abort_check is not None and self.abort_check():
            import psycopg.errors

            raise psycopg.errors.QueryCanceled("interrupted")

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Result:
        self._check_abort()
        if self._pending:
            return self.execute_series([(sql, params or ())])
        if not params:
            return Result(self.pg.execute(sql))
        return Result(self.pg.execute(pyformat(sql), params))

    def execute_series(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> Result:
        assert statements, "no statements"
        self._check_abort()
        if len(statements) == 1 and not self._pending:
            return self.execute(*statements[0])
        return Result(self._pipelined(lambda: [self._send(*st) for st in statements][-1]))

    def execute_later(
        self, statements: Sequence[tuple[str, Sequence[Any]]]
    ) -> Callable[[], Result]:
        assert statements, "no statements"
        box: list[Result] = []
        self._later.append((list(statements), box))

        def result() -> Result:
            if not box:
                self._pipelined(lambda: None)
            return box[0]

        return result

    def query(self, sql: str, params: Sequence[Any] | None = None) -> Iterator[Row]:
        from psycopg.rows import dict_row

        self._check_abort()
        cursor = self.pg.cursor(row_factory=dict_row)

        def send() -> None:
            if params:
                cursor.execute(pyformat(sql), params)
            else:
                cursor.execute(sql)

        if self._pending:
            self._pipelined(send)
        else:
            send()
        yield from _batches(cursor)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._check_abort()
        self._send_pending()
        with self.pg.cursor() as cursor:
            cursor.executemany(pyformat(sql), rows)

    @property
    def _pending(self) -> bool:
        """True while a segment write's BEGIN and lock, or statements of execute_later,
        wait to be sent."""
        return self._begin is not None or bool(self._later)

    def _send(self, sql: str, params: Sequence[Any]) -> Any:
        return self.pg.execute(pyformat(sql), params) if params else self.pg.execute(sql)

    def _pipelined(self, send: Callable[[], Any]) -> Any:
        """``send()``'s statements in one pipeline after what waits to be sent (BEGIN and
        the lock, execute_later's statements, whose results are kept); its result."""
        later, self._later = self._later, []
        done: list[tuple[list[Result], Any]] = []
        with self.pg.pipeline():
            if self._begin is not None:
                lock, self._begin = self._begin, None
                self.pg.execute("BEGIN")
                self.pg.execute(lock)
            for statements, box in later:
                done.append((box, [self._send(*st) for st in statements][-1]))
            result = send()
        for box, cursor in done:
            box.append(Result(cursor))
        return result

    def _send_pending(self) -> None:
        """What waits to be sent, now (before a statement that cannot go in a pipeline:
        COPY, executemany)."""
        if self._pending:
            self._pipelined(lambda: None)

    def reserve_ids(self, table: str, count: int) -> int:
        # The table lock keeps out every other insert (they would draw from the sequence, or
        # reserve too) until this transaction ends; readers are not blocked.
        self.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        first = int(self.execute(
            f"SELECT greatest(nextval(pg_get_serial_sequence('{table}', 'id')), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}))"
        ).fetchone()[0])
        self.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), ?)",
            [first + max(count, 1) - 1],
        )
        return first

    def schema_version(self) -> int:
        return _current_version(self)

    def project_tables(self) -> list[str]:
        return [
            str(r[0]) for r in self.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                f"AND tablename != '{VERSION_TABLE}' ORDER BY tablename"
            )
        ]

    def analyze(self) -> None:
        """ANALYZE the project's tables that this login may analyze: a bare ANALYZE reads every
        system catalog too (38 ms of the server's CPU on the sample project, 2 ms without)."""
        tables = [str(r[0]) for r in self.execute(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() "
            "AND (pg_has_role(tableowner, 'USAGE') OR pg_has_role((SELECT datdba FROM "
            "pg_database WHERE datname = current_database()), 'USAGE')) ORDER BY tablename"
        )]
        if tables:
            self.execute("ANALYZE " + ", ".join(tables))

    def columns(self, table: str) -> list[str]:
        return [
            str(r[0]) for r in self.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 "
                "AND NOT attisdropped ORDER BY attnum",
                [table],
            )
        ]

    def primary_key(self, table: str) -> list[str]:
        return [
            str(r[0]) for r in self.execute(
                "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) "
                "WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a "
                "ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                "WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n",
                [table],
            )
        ]

    def references(self, table: str) -> set[str]:
        return {
            str(r[0]) for r in self.execute(
                "SELECT confrelid::regclass::text FROM pg_constraint "
                "WHERE conrelid = ?::regclass AND contype = 'f'",
                [table],
            )
        }

    def identity_tables(self) -> list[str]:
        """The tables whose ``id`` is numbered by an identity sequence."""
        return [
            str(r[0]) for r in self.execute(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND column_name = 'id' AND is_identity = 'YES' "
                "ORDER BY table_name"
            )
        ]

    def identity_marks(self) -> dict[str, int]:
        """The last value each identity sequence gave (one the user may not read left out:
        a sequence never called has given none)."""
        marks: dict[str, int] = {}
        for table in self.identity_tables():
            last = self.execute(
                f"SELECT CASE WHEN has_sequence_privilege(pg_get_serial_sequence('{table}', "
                f"'id'), 'SELECT,USAGE') THEN pg_sequence_last_value(pg_get_serial_sequence("
                f"'{table}', 'id')) END"
            ).fetchone()[0]
            if last is not None:
                marks[table] = int(last)
        return marks

    def advance_identities(self, marks: Mapping[str, int] | None = None) -> None:
        """Move each identity sequence past its table's largest id and its mark in ``marks``
        (after rows were inserted with explicit ids, as a project copy does)."""
        for table in self.identity_tables():
            self.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"greatest(coalesce((SELECT max(id) FROM {table}), 0), ?) + 1, false)",
                [(marks or {}).get(table, 0)],
            )

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._pending or self.pg.info.transaction_status != TransactionStatus.IDLE

    def begin_write(self, shared: bool = False) -> None:
        lock = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        if shared:
            # A segment write starts with the segment's lock (documents.lock_segment): BEGIN
            # and the shared write lock go with it, in one round trip.
            self._begin = f"SELECT {lock}({LOCK_NAMESPACE}, {WRITE_LOCK})"
            return
        try:  # one round trip
            self.execute(f"BEGIN; SELECT {lock}({LOCK_NAMESPACE}, {WRITE_LOCK})")
        except BaseException:
            with contextlib.suppress(Exception):
                self.execute("ROLLBACK")
            raise

    def begin_read(self) -> None:
        self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    @contextlib.contextmanager
    def triggers_suspended(self) -> Iterator[None]:
        tables = self.project_tables()
        for table in tables:
            self.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield
        for table in tables:
            self.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        self._check_abort()
        self._send_pending()
        with self.pg.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)

    def upsert_rows(
        self, table: str, columns: Sequence[str], key: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> None:
        batch = _last_per_key(rows, [list(columns).index(k) for k in key])
        if len(batch) < BULK:
            super().upsert_rows(table, columns, key, batch)
            return
        rest = [c for c in columns if c not in key]
        with self._staged(table, columns, batch) as staged:
            self.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} "
                f"FROM {staged} ON CONFLICT ({', '.join(key)}) "
                f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in rest)}"
            )

    def update_rows(
        self, table: str, key: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        batch = _last_per_key(rows, [0])
        if len(batch) < BULK:
            super().update_rows(table, key, columns, batch)
            return
        with self._staged(table, [key, *columns], batch) as staged:
            self.execute(
                f"UPDATE {table} t SET {', '.join(f'{c} = s.{c}' for c in columns)} "
                f"FROM {staged} s WHERE t.{key} = s.{key} AND ("
                + " OR ".join(f"t.{c} IS DISTINCT FROM s.{c}" for c in columns) + ")"
            )

    @contextlib.contextmanager
    def _staged(
        self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]
    ) -> Iterator[str]:
        """A temporary table holding ``rows`` in ``table``'s column types (COPY is much faster
        than a statement per row); dropped after the block."""
        name = f"wb_staged_{table}"
        self.execute(
            f"CREATE TEMPORARY TABLE {name} AS SELECT {', '.join(columns)} FROM {table} "
            f"WITH NO DATA"
        )
        try:
            self.insert_rows(name, columns, rows)
            yield name
        finally:
            self.execute(f"DROP TABLE IF EXISTS {name}")

    def commit(self) -> None:
        # What waits to be sent goes with the COMMIT, in one round trip; a segment write
        # that sent nothing has nothing to commit. A statement that fails leaves the
        # transaction rolled back.
        if self._begin is not None and not self._later:
            self._begin = None
            return
        try:
            self._pipelined(lambda: self.pg.execute("COMMIT"))
        except BaseException as exc:
            done = self.pg.info.transaction_status == _idle()
            if isinstance(exc, KeyboardInterrupt):
                mark_interrupted_commit(exc, done=done)
            if not done:
                with contextlib.suppress(Exception):
                    self.pg.execute("ROLLBACK")
            raise

    def rollback(self) -> None:
        self._later = []  # never sent: nothing to undo
        if self._begin is not None:
            self._begin = None
            return
        self.execute("ROLLBACK")

    def close(self) -> None:
        self._begin = None
        self._later = []
        self.pg.close()


def _idle() -> Any:
    from psycopg.pq import TransactionStatus

    return TransactionStatus.IDLE


def _last_per_key(rows: Iterable[Sequence[Any]], key: Sequence[int]) -> list[Sequence[Any]]:
    """``rows`` with one row per key (the last), in the order of their keys' first rows."""
    out: dict[tuple[Any, ...], Sequence[Any]] = {}
    for row in rows:
        out[tuple(row[i] for i in key)] = row
    return list(out.values())


# opening ------------------------------------------------------------------------------------


def _not_terminating_noise(record: logging.LogRecord) -> bool:
    """psycopg logs a second error met while it ends a pipeline that failed ("error ignored
    terminating ... pipeline aborted"); the first is reported as a one-line error, and a
    warning on stderr would also land in the middle of the TUI's screen."""
    return not str(record.msg).startswith("error ignored terminating")


def connect(address: ServerAddress) -> PostgresDatabase:
    """A connection to the database at ``address``, set up for the store (nothing checked)."""
    try:
        import psycopg
    except ImportError:
        raise ProjectError(
            f"{address}: PostgreSQL projects need psycopg: pip install 'psycopg[binary]'"
        ) from None
    psycopg_log = logging.getLogger("psycopg")
    if _not_terminating_noise not in psycopg_log.filters:
        psycopg_log.addFilter(_not_terminating_noise)

    options: dict[str, Any] = {"autocommit": True}
    if "application_name" not in address.url:  # one process's connections, as one session
        options["application_name"] = f"workbench {os.getpid()}"
    if "connect_timeout" not in address.url:
        options["connect_timeout"] = CONNECT_TIMEOUT_S
    for name, value in KEEPALIVES.items():  # a dropped network is noticed in seconds
        if name not in address.url:
            options[name] = value
    try:
        pg = psycopg.connect(address.url, **options)
    except psycopg.Error as exc:
        raise connect_error(exc, address) from None
    try:
        pg.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
        user = str(pg.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]
    except BaseException:
        pg.close()
        raise
    db = PostgresDatabase(pg, address)
    db.user = user
    return db


def open_postgres(
    address: ServerAddress, *, create: bool = False, read_only: bool = False
) -> PostgresDatabase:
    """Open the project in the database at ``address`` and bring its schema up to date; with
    ``create``, an empty database becomes a new project. A user who may not change the
    project (or any with ``read_only``) gets it read-only."""
    import psycopg

    db = connect(address)
    try:
        version = _check_kind(db)
        if version == 0:
            if not create or read_only:
                raise ProjectError(
                    f"no project in {address} (the database is empty; `workbench import FILE "
                    f"--doc NAME --db URL` creates one there)"
                )
            _check_encoding(db)
        reason = ASKED_READ_ONLY if read_only else _why_read_only(db, version)
        if reason:
            if version < SCHEMA_VERSION:
                raise upgrade_refused(address, version, reason, "open it once as its owner")
            db.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            db.read_only_reason = reason
        else:
            migrate(db, version)
    except psycopg.Error as exc:
        db.close()
        if not is_postgres_failure(exc):
            raise
        raise postgres_error(exc, address) from None
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def new_postgres(address: ServerAddress) -> Iterator[PostgresDatabase]:
    """A new project in the empty database at ``address``, built in one transaction: the
    schema and whatever the block writes appear together when it completes, or not at all.

    FileExistsError when the database holds a project (made meanwhile, say); ProjectError
    when it holds other tables. The team of the database's name, when the server has its
    groups (the project copied offline and back into a new database), gets its rights on
    the new tables: its members were listed by ``team list`` but could not read them.
    """
    import psycopg

    from workbench.store.team import refresh_grants

    db = connect(address)
    try:
        db.begin_write()
        if _check_kind(db) > 0:
            raise FileExistsError(str(address))
        _check_encoding(db)
        _migrate_in_transaction(db, 0, SCHEMA_VERSION)
        refresh_grants(db)
        yield db
        db.commit()
    except psycopg.Error as exc:
        with contextlib.suppress(Exception):
            db.rollback()
        if not is_postgres_failure(exc):
            raise
        raise postgres_error(exc, address) from None
    except BaseException:
        with contextlib.suppress(Exception):
            db.rollback()
        raise
    finally:
        db.close()


def has_project(db: PostgresDatabase) -> bool:
    """True when the database holds a workbench project."""
    return db.execute(f"SELECT to_regclass('{VERSION_TABLE}')").fetchone()[0] is not None


def _check_kind(db: PostgresDatabase) -> int:
    """The project's schema version (0: the database is empty); ProjectError for a database
    holding something else, or a newer project."""
    if not has_project(db):
        # tables, views, materialized views, sequences, foreign tables and composite types
        # (any may bear the name of one of ours), but not those of an extension
        others = [name for (name,) in db.execute(
            "SELECT relname FROM pg_class c WHERE relnamespace = current_schema()::regnamespace"
            " AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND NOT EXISTS (SELECT 1 FROM"
            " pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            " AND d.deptype = 'e') ORDER BY relname"
        ).fetchall()]
        if others:
            named = ", ".join(others[:5]) + (f" and {len(others) - 5} more"
                                             if len(others) > 5 else "")
            raise ProjectError(
                f"{db.location}: not a workbench project (the database holds tables, "
                f"views, sequences or types of another kind: {named}); use an empty database"
            )
        return 0
    import psycopg

    try:
        version = int(db.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()[0])
    except psycopg.errors.InsufficientPrivilege:  # not "may not change": nothing was changed
        raise PermissionDeniedError(
            f"{db.location}: the database user {db.user} may not read this project: not in "
            f"its team (its owner adds people: workbench team add-user NAME --role ROLE)"
        ) from None
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{db.location}: project schema version {version} is newer than this workbench "
            f"understands ({SCHEMA_VERSION}); upgrade workbench"
        )
    return version


def _check_encoding(db: PostgresDatabase) -> None:
    # the connection's report, a str even where SQL_ASCII makes every text value bytes
    encoding = db.pg.info.parameter_status("server_encoding") or "unknown"
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise ProjectError(
            f"{db.location}: the database's encoding is {encoding}, which cannot hold Arabic; "
            f"create it with ENCODING 'UTF8'"
        )


def _why_read_only(db: PostgresDatabase, version: int) -> str:
    """Why this user cannot write the project ('' when they can)."""
    if version == 0:
        return ""
    if db.execute("SELECT has_table_privilege('segments', 'UPDATE')").fetchone()[0]:
        return ""
    user = db.execute("SELECT current_user").fetchone()[0]
    return f"the database user {user} may not change it"


def migrate(db: PostgresDatabase, version: int) -> None:
    """Bring the schema from ``version`` up to date, one committed migration at a time."""
    for target in range(version + 1, SCHEMA_VERSION + 1):
        db.begin_write()
        try:
            # Re-read inside the write lock: another client may have migrated meanwhile.
            current = _current_version(db)
            if current < target:
                _migrate_in_transaction(db, current, target)
                if target == SCHEMA_VERSION:  # new tables: the team's groups' rights on them
                    from workbench.store.team import refresh_grants

                    refresh_grants(db)
            db.commit()
        except BaseException:
            if db.in_transaction:
                db.rollback()
            raise


def _current_version(db: PostgresDatabase) -> int:
    if not has_project(db):
        return 0
    return int(db.execute(f"SELECT version FROM {VERSION_TABLE}").fetchone()[0])


def _migrate_in_transaction(db: PostgresDatabase, current: int, target: int) -> None:
    if len(POSTGRES_MIGRATIONS) < SCHEMA_VERSION:
        raise ProjectError(
            f"{db.location}: this workbench has no PostgreSQL schema for version "
            f"{len(POSTGRES_MIGRATIONS) + 1} (a development build); use an SQLite project"
        )
    if current == 0:
        db.execute(
            f"CREATE TABLE {VERSION_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
            f"version INTEGER NOT NULL); INSERT INTO {VERSION_TABLE} VALUES (1, 0)"
        )
    for step in range(current + 1, target + 1):
        db.execute(POSTGRES_MIGRATIONS[step - 1])
    db.execute(f"UPDATE {VERSION_TABLE} SET version = ?", [target])


# errors -------------------------------------------------------------------------------------

# SQLSTATE classes and codes of failures (as opposed to a bug in a query).
_FAILURE_CLASSES = ("08", "53", "57", "58", "28", "3D")
_FAILURE_CODES = {"42501", "25006", "55P03", "40P01", "40001"}


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    for prefix in ("connection failed: ",):
        text = text.removeprefix(prefix)
    return text


def connect_error(exc: BaseException, address: ServerAddress) -> ProjectError:
    """The one-line error for a connection that could not be made (libpq's text may quote
    the password: a bad percent-encoding, a space in it)."""
    text = address.hide(_one_line(exc))
    lower = text.lower()
    if "password authentication failed" in lower or "no password supplied" in lower:
        why = f"the server refused the login of user {address.user or '(default)'}"
        return LoginRefusedError(
            f"{address}: cannot connect: {why} (wrong or missing password)")
    if 'role "' in lower and "does not exist" in lower:
        return LoginRefusedError(f"{address}: cannot connect: the server has no user "
                                 f"{address.user or '(default)'}")
    if 'database "' in lower and "does not exist" in lower:
        return ProjectError(
            f"{address}: cannot connect: the server has no database {address.name!r} "
            f"(create it first: createdb {address.name})"
        )
    if "connection refused" in lower or "no such file or directory" in lower:
        return ProjectError(
            f"{address}: cannot connect: no PostgreSQL server answers there (is it running?)"
        )
    if "timeout expired" in lower:
        return ProjectError(f"{address}: cannot connect: the server did not answer in time")
    if "permission denied" in lower:
        return ProjectError(f"{address}: cannot connect: permission denied ({text})")
    return ProjectError(f"{address}: cannot connect ({text})")


def is_postgres_failure(exc: BaseException) -> bool:
    """True for a psycopg error about the server, the connection, permissions or locks, as
    opposed to a bug in a query (a wrong statement, a broken constraint)."""
    import psycopg

    if not isinstance(exc, psycopg.Error):
        return False
    state = getattr(exc, "sqlstate", None) or ""
    if not state:  # raised by the client: the connection is gone or was never made
        return isinstance(exc, psycopg.OperationalError)
    return state[:2] in _FAILURE_CLASSES or state in _FAILURE_CODES


def is_connection_failure(exc: BaseException) -> bool:
    """True for a psycopg error saying the server cannot be reached or went away (shut down,
    restarting, the network dropped), as opposed to a refused or failed statement."""
    import psycopg

    if not isinstance(exc, psycopg.Error):
        return False
    state = getattr(exc, "sqlstate", None) or ""
    if not state:
        return isinstance(exc, psycopg.OperationalError)
    return state[:2] == "08" or state in ("57P01", "57P02", "57P03")


# What a table's refusal means to a team member (its writers' roles).
_REFUSED_TABLES = {
    "glossary": "change the glossary (leads do)",
    "documents": "add or delete documents (leads do)",
    "document_sources": "add or delete documents (leads do)",
    "source_blocks": "add or delete documents (leads do)",
    "dictionaries": "change the project's dictionaries (leads do)",
    "lqa_settings": "change the LQA settings (leads do)",
    "lqa_errors": "record or remove LQA errors (reviewers and leads do)",
}


def _refusal(text: str, where: ServerAddress | None) -> PermissionDeniedError:
    """The one-line message of a change the database refused to the user's role."""
    if " is a translator: " in text:  # the schema's own refusal (workbench_refuse)
        return PermissionDeniedError(f"{text}; nothing was changed")
    user = (where.user if where is not None else "") or "this database user"
    table = text.rpartition(" for table ")[2].strip() if " for table " in text else ""
    what = _REFUSED_TABLES.get(table, f"change the table {table}" if table else "do this")
    return PermissionDeniedError(f"{user} may not {what} ({text}); nothing was changed")


def postgres_error(exc: BaseException, where: ServerAddress | None) -> ProjectError:
    """A one-line ProjectError for a psycopg error on the project at ``where``."""
    import psycopg

    if isinstance(exc, ProjectError):
        return exc
    prefix = f"{where}: " if where is not None else ""
    state = getattr(exc, "sqlstate", None) or ""
    text = _one_line(exc)
    if not state and isinstance(exc, psycopg.OperationalError):
        return ConnectionLostError(
            f"{prefix}the connection to the database server was lost ({text}); the change "
            f"being written, if any, was not saved"
        )
    if state == "42501":  # the server's own words, without its CONTEXT lines
        primary = getattr(getattr(exc, "diag", None), "message_primary", None)
        return _refusal(" ".join(primary.split()) if primary else text, where)
    if state == "25006":
        return ReadOnlyProjectError(f"{prefix}the project is open read-only ({text}); "
                                    f"nothing was changed")
    if state in ("55P03", "40P01", "40001"):
        return ProjectError(
            f"{prefix}the project is busy: another client held it for {LOCK_TIMEOUT_S} s or "
            f"more ({text}); try again"
        )
    if state == "57014":
        return ProjectError(f"{prefix}the statement was cancelled ({text})")
    if state[:2] == "53":
        return ProjectError(f"{prefix}the database server is out of resources ({text}); "
                            f"nothing was changed")
    if state[:2] in ("08", "57"):
        return ConnectionLostError(
            f"{prefix}the connection to the database server was lost ({text}); the change "
            f"being written, if any, was not saved"
        )
    return ProjectError(f"{prefix}database error ({state or type(exc).__name__}: {text})")
