"""Fixtures of the store tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.store import Database, open_db


@pytest.fixture
def db(new_db: Path | str) -> Iterator[Database]:
    """A new, empty project on the test's backend."""
    conn = open_db(new_db, create=True)
    try:
        yield conn
    finally:
        conn.close()
