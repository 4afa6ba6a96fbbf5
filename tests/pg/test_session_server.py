"""The tests' own PostgreSQL server (tests/conftest.py): how a test's database is copied."""

from __future__ import annotations

from tests.conftest import PgServer


def test_a_test_database_is_copied_file_by_file(
    pg_server: PgServer, _pg_sample_template: str
) -> None:
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
