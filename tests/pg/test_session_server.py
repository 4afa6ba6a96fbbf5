"""The tests' own PostgreSQL server (tests/conftest.py): where its data lives, how a test's
database is copied."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import PgServer


def test_the_server_data_goes_in_memory_only_where_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def parent_of_new_folder() -> Path:
        folder = conftest.pg_folder()
        folder.rmdir()
        return folder.parent

    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(conftest, "MEMORY_FOLDER", memory)
    monkeypatch.setattr(conftest, "MEMORY_ROOM", 1)
    assert parent_of_new_folder() == memory
    monkeypatch.setattr(conftest, "MEMORY_ROOM", 1 << 60)
    assert parent_of_new_folder() == Path(tempfile.gettempdir())  # too small: the disk
    monkeypatch.setattr(conftest, "MEMORY_FOLDER", tmp_path / "none")
    assert parent_of_new_folder() == Path(tempfile.gettempdir())  # none at all


def test_a_test_database_is_copied_file_by_file(
    pg_server: PgServer, _pg_sample_template: str
) -> None:
    if pg_server.strategy != "FILE_COPY":
        pytest.skip("the server's data is on a disk: templates are copied through the WAL")

    def wal_position() -> int:
        return int(pg_server.admin.execute(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')").fetchone()[0])

    size = pg_server.admin.execute(
        "SELECT pg_database_size(%s)", [_pg_sample_template]).fetchone()[0]
    before = wal_position()
    name = pg_server.create(template=_pg_sample_template)
    try:
        written = wal_position() - before
        # block by block (PostgreSQL's default) would put half the template's size in the WAL
        assert written < size / 20
    finally:
        pg_server.drop(name)
