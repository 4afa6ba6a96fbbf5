"""Examining a project file, and copying what can be read out of a damaged one.

Both only read the project, through a read-only SQLite connection (never ``open()``: see
``store.db``). The recovery writes a NEW project: the current schema, then every table copied
row by row in key order; a page that cannot be read is stepped over by seeking to the next key
that can (the keys of what was skipped are reported). When even the schema cannot be read, the
``sqlite3`` program's ``.recover`` (SQLite 3.29+) is tried, and its output copied the same way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench import openfiles
from workbench.errors import ProjectError
from workbench.store.location import ServerAddress, is_server_url, parse_location
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION, tables_of
from workbench.store.sqlite import (
    connect_read_only,
    full_disk_named,
    is_busy,
    open_sqlite,
    publish_new,
    raise_sequences,
    remove_database,
    sequence_marks,
    sql_statements,
    sqlite_error,
)

CHUNK = 500
MAX_MESSAGES = 20
MIN_KEY, MAX_KEY = -(2**63), 2**63 - 1


@dataclass
class Check:
    """One check of the doctor: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    details: list[str] = field(default_factory=list)


@dataclass
class Diagnosis:
    """What the doctor found in a project file."""

    path: Path
    facts: dict[str, str | int]
    checks: list[Check]
    tables: dict[str, int | str]  # rows, or the error that stopped the count

    @property
    def ok(self) -> bool:
        """True when every check passed."""
        return all(c.ok for c in self.checks)


def diagnose(path: str | Path | ServerAddress) -> Diagnosis:
    """Examine the project file at ``path``: header, schema version, ``quick_check``,
    ``integrity_check``, ``foreign_key_check`` and the row count of every table."""
    refuse_server(path)
    p = Path(path)
    if p.is_dir():
        raise ProjectError(f"{p}: is a folder, not a project database")
    if not p.exists():
        raise ProjectError(f"no project at {p}")
    facts: dict[str, str | int] = {"size": p.stat().st_size}
    wal = Path(f"{p}-wal")
    if wal.exists():
        facts["wal"] = wal.stat().st_size
    checks: list[Check] = []
    tables: dict[str, int | str] = {}
    if facts["size"] == 0:
        checks.append(Check("header", False, ["the file is empty"]))
        return Diagnosis(p, facts, checks, tables)
    with _source(p) as conn:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            unreadable = str(exc)
        else:
            unreadable = ""
            _examine(conn, version, facts, checks, tables)
    if unreadable:  # the file is closed: its header may be read
        checks.append(Check("header", False, [
            f"SQLite cannot read it ({unreadable}): {_why_unreadable(p)}"
        ]))
    return Diagnosis(p, facts, checks, tables)


def _examine(
    conn: sqlite3.Connection, version: int, facts: dict[str, str | int], checks: list[Check],
    tables: dict[str, int | str],
) -> None:
    """The checks of a file whose header SQLite reads, added to ``facts``, ``checks`` and
    ``tables``."""
    checks.append(Check("header", True))
    for pragma in ("page_size", "page_count", "freelist_count", "journal_mode"):
        with contextlib.suppress(sqlite3.DatabaseError):
            facts[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    facts["schema_version"] = version
    checks.append(_schema_check(conn, version))
    for pragma in ("quick_check", "integrity_check"):
        checks.append(_pragma_check(conn, pragma))
    checks.append(_foreign_key_check(conn))
    for name in _table_names(conn):
        try:
            tables[name] = int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        except sqlite3.DatabaseError as exc:
            tables[name] = f"unreadable ({exc})"
    if any(isinstance(v, str) for v in tables.values()):
        checks.append(Check("tables", False, [
            f"{name}: {count}" for name, count in tables.items() if isinstance(count, str)
        ]))


def _why_unreadable(path: Path) -> str:
    """Why SQLite cannot read the file ``path``: cut short (shorter than the page count of its
    header says), or not an SQLite database or damaged in its first page."""
    return _cut_short(path) or (
        "not an SQLite database, or its first page (header and schema) is damaged"
    )


def _cut_short(path: Path) -> str:
    """How the file ``path`` is shorter than the page count of its header says; "" if not."""
    if openfiles.held_project(path) is None:  # see store.db: no other descriptor while held
        header = b""
        with contextlib.suppress(OSError), path.open("rb") as fh:
            header = fh.read(100)
        # the page count holds when the change counter matches its "valid for" copy
        if (len(header) == 100 and header.startswith(b"SQLite format 3\x00")
                and header[24:28] == header[92:96]):
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            pages = int.from_bytes(header[28:32], "big")
            size = path.stat().st_size
            if pages and size < pages * page_size:
                return (
                    f"the file is cut short: {size:,} bytes, where its header counts {pages:,} "
                    f"pages of {page_size} bytes ({pages * page_size:,} bytes); a copy or "
                    f"download that did not finish, or a full disk"
                )
    return ""


@contextlib.contextmanager
def _source(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` (immutable when the folder cannot hold a -shm);
    ProjectError when another program holds the file's lock past the wait."""
    conn = connect_read_only(path)
    try:
        try:
            conn.execute("PRAGMA user_version").fetchone()
        except sqlite3.OperationalError as exc:
            if is_busy(exc):  # locked, not unreadable: an immutable read would miss its -wal
                raise sqlite_error(exc, path) from None
            conn.close()
            conn = connect_read_only(path, immutable=True)
        except sqlite3.DatabaseError:
            pass  # damaged: the caller says so
        yield conn
    finally:
        conn.close()


def _expected_schema() -> set[tuple[str, str]]:
    """(type, name) of every table, index and trigger of the current schema."""
    conn = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS:
            for statement in sql_statements(script):
                conn.execute(statement)
        return _schema_items(conn)
    finally:
        conn.close()


def _schema_items(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {
        (str(t), str(n)) for t, n in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def _schema_check(conn: sqlite3.Connection, version: int) -> Check:
    details: list[str] = []
    ok = True
    if version == 0:
        return Check("schema", False, ["schema version 0: not a workbench project"])
    try:
        present = {name for kind, name in _schema_items(conn) if kind == "table"}
    except sqlite3.DatabaseError as exc:
        return Check("schema", False, [f"version {version}: the schema cannot be read ({exc})"])
    if not present & tables_of(1):
        return Check("schema", False, [
            f"version {version}, but none of a workbench project's tables: not a workbench "
            "project (an SQLite database of another kind)"
        ])
    if version > SCHEMA_VERSION:
        details.append(f"version {version} is newer than this workbench ({SCHEMA_VERSION})")
    elif version < SCHEMA_VERSION:
        details.append(f"version {version}: opening it upgrades it to {SCHEMA_VERSION}")
        for name in sorted(tables_of(version) - present):
            ok = False
            details.append(f"missing table {name}")
    else:
        details.append(f"version {version} (current)")
        try:
            missing = _expected_schema() - _schema_items(conn)
        except sqlite3.DatabaseError as exc:
            return Check("schema", False, [*details, f"the schema cannot be read ({exc})"])
        for kind, name in sorted(missing):
            ok = False
            details.append(f"missing {kind} {name}")
    return Check("schema", ok, details)


def _pragma_check(conn: sqlite3.Connection, pragma: str) -> Check:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({MAX_MESSAGES})")]
    except sqlite3.DatabaseError as exc:
        return Check(pragma, False, [f"stopped: {exc}"])
    if rows == ["ok"]:
        return Check(pragma, True)
    return Check(pragma, False, rows)


def _foreign_key_check(conn: sqlite3.Connection) -> Check:
    counts: dict[tuple[str, str], int] = {}
    try:
        for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            counts[(table, parent)] = counts.get((table, parent), 0) + 1
    except sqlite3.DatabaseError as exc:
        return Check("foreign_key_check", False, [f"stopped: {exc}"])
    details = [
        f"{table}: {n} rows refer to missing {parent} rows"
        for (table, parent), n in sorted(counts.items())
    ]
    return Check("foreign_key_check", not details, details)


def _table_names(conn: sqlite3.Connection) -> list[str]:
    try:
        return [str(r[0]) for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid"
        )]
    except sqlite3.DatabaseError:
        return []


# Recovery ----------------------------------------------------------------------------------------


@dataclass
class TableCopy:
    """What the recovery copied of one table."""

    table: str
    copied: int = 0
    expected: int | None = None  # rows the damaged file counts, when it can count them
    rejected: int = 0  # read, but refused by the new file's constraints (a damaged value)
    gaps: list[tuple[int | None, int | None]] = field(default_factory=list)  # unreadable keys
    error: str = ""  # why nothing could be read


@dataclass
class Recovery:
    """The outcome of :func:`recover`."""

    source: Path
    output: Path
    method: str
    tables: list[TableCopy]
    dangling: dict[str, int]  # table -> rows of the copy that refer to lost rows

    @property
    def complete(self) -> bool:
        """True when every row was read and copied."""
        return not any(t.gaps or t.rejected or t.error for t in self.tables)


def refuse_server(path: str | Path | ServerAddress) -> None:
    """ProjectError for a PostgreSQL project (or another scheme's URL): the doctor examines
    SQLite files."""
    if isinstance(path, str):
        parse_location(path)  # another scheme's URL is refused, its password not shown
    if isinstance(path, ServerAddress) or is_server_url(path):
        raise ProjectError(
            f"{ServerAddress(str(getattr(path, 'url', path)))}: workbench doctor examines "
            f"SQLite project files; a PostgreSQL server checks its own databases (amcheck, "
            f"pg_dump), and `workbench project copy URL FILE.db` makes a file of the project"
        )


def refuse_recovery_target(source: str | Path, output: str | Path) -> None:
    """ProjectError unless ``output`` can be a recovery's new file: it does not exist, is not
    ``source``, and its folder is there and writable (checked before a long diagnosis too)."""
    src, out = Path(source), Path(output)
    if out.exists():
        raise ProjectError(f"{out} exists already; give the recovery a new file name")
    if out.absolute() == src.absolute():
        raise ProjectError(f"{out}: the recovery goes to a new file, never over the original")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise ProjectError(f"{out}: folder {folder} is missing or not writable")


def recover(source: str | Path, output: str | Path) -> Recovery:
    """Copy what can be read of the project ``source`` into the NEW project ``output``.

    ``source`` is only read. ``output`` must not exist; it appears only when the copy is done.
    """
    src, out = Path(source), Path(output)
    if not src.exists():
        raise ProjectError(f"no project at {src}")
    refuse_recovery_target(src, out)
    tmp = out.with_name(f".{out.name}.recovering-{os.getpid()}")
    try:
        with full_disk_named(out):
            db = open_sqlite(tmp, create=True, shown_as=out)
            try:
                with db.triggers_suspended():  # the rows are copied as they were
                    method, tables = _copy_from(src, db.conn)
                dangling = _dangling(db.conn)
            finally:
                db.conn.close()
        publish_new(tmp, out)
    finally:
        remove_database(tmp)
    return Recovery(src, out, method, tables, dangling)


def _copy_from(src: Path, out: sqlite3.Connection) -> tuple[str, list[TableCopy]]:
    cut_short = bool(_cut_short(src))  # read before the connection holds the file
    with _source(src) as conn:
        if cut_short and not _readable_schema(conn):
            _read_up_to_the_cut(conn)
        if _readable_schema(conn):
            if not set(_table_names(conn)) & tables_of(1):
                raise ProjectError(
                    f"{src}: not a workbench project (an SQLite database of another kind): "
                    "nothing to recover"
                )
            return "row copy", _copy_tables(conn, out)
    recovered = _sqlite3_recover(src)
    if recovered is None:
        cut = _cut_short(src)
        raise ProjectError(
            f"{src}: the schema cannot be read ({cut or 'a page of it is damaged'}), and the "
            "sqlite3 program's .recover is not available or failed here; nothing was recovered"
        )
    try:
        conn = sqlite3.connect(recovered)
        try:
            return "sqlite3 .recover, then row copy", _copy_tables(conn, out)
        finally:
            conn.close()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(recovered)


def _read_up_to_the_cut(conn: sqlite3.Connection) -> None:
    """Let ``conn`` read a file shorter than its header's page count: SQLite refuses such a
    file as a whole unless ``writable_schema`` is on (then the pages past the cut are damaged
    pages, which the row copy steps over). The connection stays read-only."""
    with contextlib.suppress(sqlite3.DatabaseError):
        conn.execute("PRAGMA writable_schema = ON")


def _readable_schema(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(_table_names(conn))
    except sqlite3.DatabaseError:
        return False


def _sqlite3_recover(src: Path) -> str | None:
    """Run ``sqlite3 SRC .recover`` into a temporary database; its path, or None."""
    program = shutil.which("sqlite3")
    if program is None:
        return None
    fd, target = tempfile.mkstemp(suffix=".db")
    os.close(fd)
    os.remove(target)
    try:
        dump = subprocess.run(
            [program, "-readonly", str(src), ".recover"], capture_output=True, timeout=600,
            check=False,
        )
        subprocess.run(
            [program, target], input=dump.stdout, capture_output=True, timeout=600, check=False
        )
        conn = sqlite3.connect(target)
        try:
            if _table_names(conn):
                return target
        finally:
            conn.close()
    except (OSError, subprocess.SubprocessError, sqlite3.DatabaseError):
        pass
    with contextlib.suppress(FileNotFoundError):
        os.remove(target)
    return None


def _copy_tables(src: sqlite3.Connection, out: sqlite3.Connection) -> list[TableCopy]:
    out.execute("PRAGMA foreign_keys = OFF")  # parents may be lost: keep the children
    out.execute("BEGIN IMMEDIATE")
    try:
        copies = [_copy_table(src, out, table) for table in _table_names(out)]
        with contextlib.suppress(sqlite3.DatabaseError):  # unreadable: numbered from the rows
            raise_sequences(out, sequence_marks(src))  # ids deleted since are not given again
        out.execute("COMMIT")
    except BaseException:
        if out.in_transaction:  # a failed COMMIT (a full disk) has rolled back already
            out.execute("ROLLBACK")
        raise
    out.execute("PRAGMA foreign_keys = ON")
    return copies


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, int]]:
    """(name, position in the primary key: 0 if none) of each column of ``table``."""
    return [(str(r[1]), int(r[5])) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _copy_table(src: sqlite3.Connection, out: sqlite3.Connection, table: str) -> TableCopy:
    copy = TableCopy(table)
    try:
        src_columns = {name for name, _ in _columns(src, table)}
    except sqlite3.DatabaseError as exc:
        copy.error = str(exc)
        return copy
    if not src_columns:
        copy.error = "not in the damaged file"
        return copy
    out_columns = _columns(out, table)
    columns = [name for name, _ in out_columns if name in src_columns]
    without_rowid = bool(out.execute(
        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?", (table,)
    ).fetchone()[0])
    keys = (
        [name for name, pk in sorted(out_columns, key=lambda c: c[1]) if pk]
        if without_rowid else ["rowid"]
    )
    key_list = ", ".join(f'"{k}"' if k != "rowid" else k for k in keys)
    names = ", ".join(f'"{c}"' for c in columns)
    select = (
        f'SELECT {key_list}, {names} FROM "{table}" WHERE ({key_list}) > ({{marks}}) '
        f"ORDER BY {key_list} LIMIT ?"
    )
    resume = (
        f'SELECT {key_list}, {names} FROM "{table}" WHERE {key_list.split(", ")[0]} >= ? '
        f"ORDER BY {key_list} LIMIT ?"
    )
    nkeys = len(keys)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    # The new schema seeds some rows (the project memory, one-row counters): a copied row of
    # the same key replaces the seeded one, which stays only when the copied row is refused.
    seeded = {
        tuple(r[:nkeys]): tuple(r[nkeys:])
        for r in out.execute(f'SELECT {key_list}, {names} FROM "{table}"')
    }
    unseed = f'DELETE FROM "{table}" WHERE ({key_list}) = ({", ".join("?" * nkeys)})'
    with contextlib.suppress(sqlite3.DatabaseError):  # often answered by an intact index
        copy.expected = int(src.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    after: tuple[int, ...] = tuple([MIN_KEY] * nkeys)  # the last key read
    start: int | None = None  # resume at this first-key value after a gap
    floor = MIN_KEY  # every later probe starts above this: the copy always moves on
    limit = CHUNK  # 1 near damage: the driver reads a row ahead, which must not cost a row
    while True:
        if start is not None:
            query, params = resume, (start, limit)
        else:
            query, params = select.format(marks=", ".join("?" * nkeys)), (*after, limit)
        read = 0
        try:
            for row in src.execute(query, params):
                if _misplaced(src, resume, tuple(row[:nkeys]), after, floor):
                    raise sqlite3.DatabaseError("a row out of key order")
                read += 1
                after = tuple(row[:nkeys])
                floor = max(floor, int(after[0]))
                start = None
                replaced = seeded.pop(after, None)
                if replaced is not None:
                    out.execute(unseed, after)
                try:
                    out.execute(insert, row[nkeys:])
                    copy.copied += 1
                except sqlite3.IntegrityError:
                    copy.rejected += 1
                    if replaced is not None:
                        out.execute(insert, replaced)
        except sqlite3.DatabaseError:
            if limit > 1:
                limit = 1  # again from the last row read, one row at a time
                continue
            nxt = _next_readable(src, resume, floor + 1, nkeys)
            copy.gaps.append((None if floor == MIN_KEY else floor, nxt))
            if nxt is None:
                return copy
            start, floor, limit = nxt, nxt, CHUNK
            continue
        if read < limit:
            return copy
        limit = min(CHUNK, limit * 2)


def _misplaced(
    src: sqlite3.Connection, resume: str, key: tuple[Any, ...], after: tuple[Any, ...],
    floor: int,
) -> bool:
    """Whether a row read at ``key`` after the row at ``after`` is damage, not the next row:
    out of key order (a damaged page leads back to rows read already: stepping back to them,
    the copy went round and round), a first key that is no integer, or a key past a gap that
    a seek of it does not find (a damaged cell's key: taken, it skipped every row up to it)."""
    if not isinstance(key[0], int) or _key_order(key) <= _key_order(after):
        return True
    return key[0] > floor + 1 and not _found_at(src, resume, key)


def _found_at(src: sqlite3.Connection, resume: str, key: tuple[Any, ...]) -> bool:
    """Whether ``resume`` seeking ``key``'s first value finds the row at ``key`` first."""
    try:
        row = src.execute(resume, (key[0], 1)).fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and tuple(row[: len(key)]) == key


def _next_readable(src: sqlite3.Connection, resume: str, low: int, nkeys: int) -> int | None:
    """The first key at or after ``low`` from which ``resume`` (a query of one table from a
    first-key value, its ``nkeys`` key columns first) reads again; None when nothing after
    ``low`` can be read."""
    def readable(x: int) -> tuple[bool, int | None]:
        try:
            row = src.execute(resume, (x, 1)).fetchone()
        except sqlite3.DatabaseError:
            return False, None
        if row is None:
            return True, None
        key = tuple(row[:nkeys])
        if not isinstance(key[0], int) or key[0] < x:
            return False, None  # led back to earlier rows by a damaged page
        if key[0] > x and not _found_at(src, resume, key):
            return False, None  # a damaged cell's key
        return True, key[0]

    # Probe ``low``, then upwards from max(low, 0) in doubling steps (workbench keys are ids
    # from 1), then bisect between the last unreadable and the first readable probe.
    ok, first = readable(low)
    if ok:
        return first
    bad, good = low, None
    base, step = max(low, 0), 0
    while base + step <= MAX_KEY:
        x = base + step
        if x > bad:
            ok, first = readable(x)
            if ok:
                good = (x, first)
                break
            bad = x
        step = step * 2 if step else 1
    if good is None:
        return None
    lo, (hi, first) = bad, good
    while hi - lo > 1:  # readable(hi) holds, readable(lo) does not
        mid = (lo + hi) // 2
        ok, found = readable(mid)
        if ok:
            hi, first = mid, found
        else:
            lo = mid
    return first


def _key_order(key: Sequence[Any]) -> tuple[tuple[int, Any], ...]:
    """A key's place in SQLite's order (NULL, numbers, text, blobs), comparable in Python
    whatever the types a damaged page gives its columns."""
    def rank(value: Any) -> tuple[int, Any]:
        if value is None:
            return 0, 0
        if isinstance(value, int | float):
            return 1, value
        return (2, value) if isinstance(value, str) else (3, bytes(value))

    return tuple(rank(v) for v in key)


def _dangling(conn: sqlite3.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table, *_ in conn.execute("PRAGMA foreign_key_check"):
        counts[str(table)] = counts.get(str(table), 0) + 1
    return counts

