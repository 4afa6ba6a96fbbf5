"""Copying a whole project between any two locations (SQLite file, PostgreSQL database).

Every table is copied row by row with its ids, history included (who has which segment
open now excepted: ``TRANSIENT``), in an order in which each
row's references exist already (tables after those they refer to; rows by key, so a revision
that reverts another follows it). The source is read in one snapshot; the destination is
written in one transaction with its triggers switched off (the rows are already what they
would make), and before it commits each table is compared with the source: the same number of
rows and the same checksum of every row (an order-free sum of SHA-256 digests, so the engines'
orders and types cannot make two equal tables differ). A difference rolls everything back.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import ProjectError
from workbench.store.connection import Database
from workbench.store.db import new_database, open_db, project_exists, transaction
from workbench.store.location import ServerAddress, parse_location

BATCH = 5_000
_MOD = 2**256
TRANSIENT = frozenset({"presence"})
"""Tables of who works on the project now (heartbeats), not of the project: a copy starts
with none (an offline copy named the server's people as here, for its first 20 s)."""


@dataclass
class TableCopy:
    """One table: rows read from the source, rows found in the destination, the source's
    checksum (its first 16 hex digits) and whether the destination's is the same."""

    table: str
    rows: int
    copied: int
    checksum: str
    verified: bool


@dataclass
class CopyReport:
    """What ``copy_project`` did."""

    source: str
    destination: str
    tables: list[TableCopy] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        """Rows copied, all tables together."""
        return sum(t.copied for t in self.tables)


def copy_project(
    source: str | Path | ServerAddress, destination: str | Path | ServerAddress
) -> CopyReport:
    """Copy the project at ``source`` into ``destination`` (a file that does not exist, or an
    empty PostgreSQL database) and verify it; the destination appears only when verified."""
    src_at, dst_at = parse_location(source), parse_location(destination)
    if _same(src_at, dst_at):
        raise ProjectError(f"{dst_at}: the copy must go somewhere else than its source")
    started = time.perf_counter()
    src = open_db(src_at, read_only=True)
    try:
        if project_exists(dst_at):
            raise ProjectError(
                f"{dst_at}: {_taken(dst_at)}; copy into a new file or an empty database"
            )
        report = CopyReport(str(src_at), str(dst_at))
        try:
            with new_database(dst_at) as dst:
                src.begin_read()
                try:
                    _copy_all(src, dst, report)
                finally:
                    src.rollback()
        except FileExistsError:
            raise ProjectError(
                f"{dst_at}: another program created a project there meanwhile; nothing was "
                f"copied"
            ) from None
    finally:
        src.close()
    report.seconds = time.perf_counter() - started
    return report


def _taken(where: Path | ServerAddress) -> str:
    """Why a destination that exists cannot be copied into."""
    if isinstance(where, ServerAddress):
        return "holds a project already"
    return "a folder, not a file" if where.is_dir() else "exists already"


def _same(a: Path | ServerAddress, b: Path | ServerAddress) -> bool:
    if isinstance(a, Path) and isinstance(b, Path):
        return a.absolute() == b.absolute()
    return a == b


def _copy_all(src: Database, dst: Database, report: CopyReport) -> None:
    tables = table_order(src)
    missing = [t for t in tables if t not in set(dst.project_tables())]
    if missing:
        raise ProjectError(f"{report.destination}: has no table {', '.join(missing)}")
    with transaction(dst), dst.triggers_suspended():
        for table in reversed(table_order(dst)):  # rows a migration may have put in
            dst.execute(f"DELETE FROM {table}")
        for table in tables:
            report.tables.append(_copy_table(src, dst, table))
        dst.advance_identities(src.identity_marks())
        bad = [t for t in report.tables if not t.verified]
        if bad:
            raise ProjectError(
                f"{report.destination}: the copy differs from the source in "
                f"{', '.join(t.table for t in bad)}; nothing was copied"
            )
    dst.analyze()


def table_order(db: Database) -> list[str]:
    """The project's tables, each after the tables it refers to."""
    tables = db.project_tables()
    refs = {t: db.references(t) - {t} for t in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in ordered and refs[t] <= set(ordered)]
        if not ready:
            raise ProjectError(f"{db.location}: its tables refer to each other in a circle")
        ordered += ready
    return ordered


def _copy_table(src: Database, dst: Database, table: str) -> TableCopy:
    columns = src.columns(table)
    key = src.primary_key(table) or columns
    where = " WHERE 1 = 0" if table in TRANSIENT else ""
    select = f"SELECT {', '.join(columns)} FROM {table}{where} ORDER BY {', '.join(key)}"
    total = 0
    read = 0
    batch: list[tuple[Any, ...]] = []
    for row in src.execute(select):
        values = tuple(row)
        total = (total + row_digest(values)) % _MOD
        batch.append(values)
        read += 1
        if len(batch) >= BATCH:
            dst.insert_rows(table, columns, batch)
            batch = []
    if batch:
        dst.insert_rows(table, columns, batch)
    count, check = table_checksum(dst, table, columns)
    return TableCopy(
        table, read, count, f"{total:064x}"[:16], count == read and check == total
    )


def row_digest(values: tuple[Any, ...]) -> int:
    """One row's digest, the same whichever engine returned its values."""
    text = repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in values))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def table_checksum(db: Database, table: str, columns: list[str] | None = None) -> tuple[int, int]:
    """(rows, checksum) of a table: the sum of its rows' digests (order does not matter)."""
    names = columns or db.columns(table)
    total = 0
    count = 0
    for row in db.execute(f"SELECT {', '.join(names)} FROM {table}"):
        total = (total + row_digest(tuple(row))) % _MOD
        count += 1
    return count, total


def project_checksums(db: Database) -> dict[str, tuple[int, int]]:
    """(rows, checksum) of every table of a project, by table."""
    return {table: table_checksum(db, table) for table in db.project_tables()}
