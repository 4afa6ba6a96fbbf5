"""Test helpers on whole project files: copy one through SQLite, damage pages of one.

Only ``damage`` writes a project file outside SQLite, on purpose, and only while no connection
of this process (or any other) has it open.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path


def copy_project(source: Path, target: Path) -> None:
    """Copy the project ``source`` to the new file ``target`` with SQLite's backup API."""
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def leaf_pages(path: Path, table: str) -> list[int]:
    """The numbers of the leaf pages holding the rows of ``table``."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return [int(r[0]) for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        )]
    finally:
        conn.close()


def damage(path: Path, pages: list[int], seed: int = 7) -> None:
    """Overwrite whole ``pages`` of the closed database ``path`` with random bytes."""
    rng = random.Random(seed)
    size = page_size(path)
    with path.open("r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * size)
            fh.write(rng.randbytes(size))


def page_size(path: Path) -> int:
    """The page size of the database ``path``."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def rows(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The rows of a query on ``path`` (read-only, the connection closed again)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


def version_1_project(path: Path, *statements: str) -> None:
    """Make ``path`` a project of schema version 1 (the first migration), then run
    ``statements`` on it (rows of that version, a table dropped...)."""
    from workbench.store.schema import MIGRATIONS
    from workbench.store.sqlite import sql_statements

    with sqlite3.connect(path) as conn:
        for statement in [*sql_statements(MIGRATIONS[0]), *statements]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
    conn.close()
