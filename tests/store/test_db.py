"""The store: pragmas, migrations and refusals of databases it cannot use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.project_files import version_1_project
from workbench.errors import ProjectError
from workbench.store import open_db, transaction
from workbench.store.schema import SCHEMA_VERSION


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_db(tmp_path / "p.db", create=True)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert {"documents", "segments", "translations", "revisions", "links"} <= set(db.table_names())


def test_missing_database_is_an_error_unless_created(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no project at"):
        open_db(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def test_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some text, not a database\n")
    with pytest.raises(ProjectError, match="not an SQLite database"):
        open_db(path)
    assert path.read_text() == "just some text, not a database\n"


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE foo (x)")
    with pytest.raises(ProjectError, match="another kind"):
        open_db(path)


def test_other_program_database_with_a_user_version_is_left_unchanged(tmp_path: Path) -> None:
    """Another program's database that sets user_version (as many do) is refused, not
    migrated: our tables were added to it and it was switched to WAL."""
    path = tmp_path / "contacts.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO contacts (name) VALUES ('Huda')")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="another kind"):
        open_db(path)
    with pytest.raises(ProjectError, match="another kind"):
        open_db(path, read_only=True)
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(ProjectError, match="another kind"):
        open_db(path)


def test_old_project_missing_a_table_is_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    version_1_project(path, "DROP TABLE score_runs")
    with pytest.raises(ProjectError, match=r"lacks its table score_runs .*workbench doctor"):
        open_db(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_db(path, create=True).conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ProjectError, match="newer"):
        open_db(path)


def test_unwritable_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.store.sqlite as store_db

    monkeypatch.setattr(store_db.os, "access", lambda p, mode: False)
    with pytest.raises(ProjectError, match="not writable"):
        open_db(tmp_path / "p.db", create=True)
    assert not (tmp_path / "p.db").exists()


def test_folder_as_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="folder"):
        open_db(tmp_path)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = open_db(tmp_path / "p.db", create=True)
    with pytest.raises(RuntimeError), transaction(db):
        db.execute(
            "INSERT INTO documents (name, created_at) VALUES ('a', 'now')"
        )
        raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_nested_transaction_is_a_savepoint(tmp_path: Path) -> None:
    db = open_db(tmp_path / "p.db", create=True)
    with transaction(db):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('a', 'now')")
        with pytest.raises(RuntimeError), transaction(db):
            db.execute("INSERT INTO documents (name, created_at) VALUES ('b', 'now')")
            raise RuntimeError("inner")
    names = [r[0] for r in db.execute("SELECT name FROM documents")]
    assert names == ["a"]


def test_revisions_are_append_only(tmp_path: Path) -> None:
    db = open_db(tmp_path / "p.db", create=True)
    with transaction(db):
        db.execute("INSERT INTO documents (id, name, created_at) VALUES (1, 'a', 'now')")
        db.execute(
            "INSERT INTO segments (id, document_id, paragraph, position, source, updated_at) "
            "VALUES (1, 1, 1, 1, 'نص', 'now')"
        )
        db.execute(
            "INSERT INTO revisions (segment_id, at, author, action, new_text) "
            "VALUES (1, 'now', 'me', 'edit', 'x')"
        )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE revisions SET new_text = 'y'")


def test_a_disk_io_error_on_a_full_disk_says_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a full disk SQLite cannot grow a project's -shm: "disk I/O error"
    (SQLITE_IOERR_SHMSIZE) from every command, reading ones too; it was reported as a failing
    disk."""
    import shutil

    import workbench.store.sqlite as store_sqlite

    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
    path = tmp_path / "p.db"
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(store_sqlite.shutil, "disk_usage",
                        lambda folder: usage._replace(free=4096))
    assert str(store_sqlite.sqlite_error(exc, path)) == (
        f"{path}: the disk is full (disk I/O error: 4,096 bytes free in {tmp_path}); nothing "
        "was changed"
    )
    monkeypatch.setattr(store_sqlite.shutil, "disk_usage",
                        lambda folder: usage._replace(free=10 << 30))
    assert "the disk failed reading or writing" in str(store_sqlite.sqlite_error(exc, path))


def test_a_project_on_a_full_disk_opens_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no byte free SQLite cannot create or grow the -shm, even to read (mode=ro):
    every command failed, reading ones too ('score' printed no scores, 'export' to another
    disk was impossible); the project opens read-only (immutable: nobody has it open, as
    nobody could create its -shm), and a write is refused naming the full disk."""
    import shutil

    import workbench.store.sqlite as store_sqlite
    from workbench.errors import ReadOnlyProjectError

    path = tmp_path / "p.db"
    with transaction(db := open_db(path, create=True)):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('doc', 'now')")
    db.close()
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(store_sqlite.shutil, "disk_usage", lambda folder: usage._replace(free=0))
    check_kind = store_sqlite._check_kind
    calls: list[int] = []

    def no_shm(conn: sqlite3.Connection, p: Path, exists: bool) -> int:
        calls.append(1)
        if len(calls) <= 2:  # read-write, then mode=ro: the -shm cannot be grown
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"  # type: ignore[attr-defined]
            raise exc
        return check_kind(conn, p, exists)

    monkeypatch.setattr(store_sqlite, "_check_kind", no_shm)
    db = open_db(path)
    assert db.read_only_reason.startswith(f"the disk is full: 0 bytes free in {tmp_path}")
    assert [r[0] for r in db.execute("SELECT name FROM documents")] == ["doc"]
    with pytest.raises(ReadOnlyProjectError, match="the disk is full"), transaction(db):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('other', 'now')")
    db.close()


def test_a_version_1_project_keeps_its_approved_work_locked(tmp_path: Path) -> None:
    """Version 1 had approved segments but no locks: upgraded, they were unlocked, and
    confirm, undo and replace changed approved work."""
    from workbench.errors import LockedError
    from workbench.project import open_project

    path = tmp_path / "old.db"
    version_1_project(
        path, "INSERT INTO documents (id, name, created_at) VALUES (1, 'doc', 'then')",
        *(f"INSERT INTO segments (id, document_id, paragraph, position, source, status, "
          f"updated_at) VALUES ({sid}, 1, 1, {sid}, 'نص.', '{status}', 'then')"
          for sid, status in ((1, "approved"), (2, "translated"))),
    )
    with open_project(path) as project:
        assert [(s.id, s.locked) for s in project.segments("doc")] == [(1, True), (2, False)]
        with pytest.raises(LockedError):
            project.confirm(1, "Changed approved work.")
        project.confirm(2, "Changed translated work.")


def test_lqa_errors_keep_their_ids_through_the_upgrade_and_ids_are_not_given_again(
    tmp_path: Path,
) -> None:
    """Schema 12 rebuilds the LQA errors' table so that SQLite never gives a deleted error's
    id again: a project of schema 11 keeps its errors, ids and all."""
    from workbench.project import Project

    path = tmp_path / "old.db"
    with _schema_11_project(path) as conn:
        conn.executemany(
            "INSERT INTO lqa_errors (id, segment_id, target_text, category, severity, author, "
            "at) VALUES (?, 1, 'The revolution.', 'style', 'minor', 'rev', ?)",
            [(3, STAMP), (7, STAMP)])
        conn.execute("PRAGMA user_version = 11")
    conn.close()
    with Project.open(path) as project:
        assert project.db.schema_version() == SCHEMA_VERSION
        assert [e.id for e in project.lqa.errors()] == [3, 7]
        with transaction(project.db):
            project.db.execute("DELETE FROM lqa_errors WHERE id = 7")
        assert project.lqa.add_error(1, "style", "minor").id == 8


def test_the_upgrade_keeps_an_lqa_error_whose_revision_a_recovery_lost(tmp_path: Path) -> None:
    """Schema 12 rebuilds the LQA errors' table with foreign keys off: an error referring to a
    revision lost to damage (``doctor --recover`` keeps such rows) is copied as it was; the
    project could not be opened at all ("FOREIGN KEY constraint failed")."""
    from workbench.project import Project

    path = tmp_path / "recovered.db"
    with _schema_11_project(path) as conn:  # foreign keys off, as a recovery writes
        conn.execute(
            "INSERT INTO lqa_errors (id, segment_id, revision_id, target_text, category, "
            "severity, author, at) VALUES (4, 1, 99, 'The revolution.', 'style', 'minor', "
            "'rev', ?)", [STAMP])
        conn.execute("PRAGMA user_version = 11")
    conn.close()
    with Project.open(path) as project:
        assert project.db.schema_version() == SCHEMA_VERSION
        assert [(e.id, e.revision_id) for e in project.lqa.errors()] == [(4, 99)]
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_schema_13_project_opens_and_records_where_merged_segments_went(
    tmp_path: Path,
) -> None:
    """Schema 14 adds the record of merges: a project made before it opens (upgraded) and its
    next merge is recorded; a segment merged before the upgrade is said to be unknown."""
    from workbench.errors import NotFoundError
    from workbench.project import Project

    path = tmp_path / "old.db"
    with _schema_11_project(path, 13) as conn:
        conn.executemany(
            "INSERT INTO segments (id, document_id, paragraph, position, source, status, "
            "updated_at) VALUES (?, 1, 1, ?, 'انتهت الحرب.', 'new', ?)",
            [(2, 2, STAMP), (3, 3, STAMP)])
        conn.execute("PRAGMA user_version = 13")
    conn.close()
    with Project.open(path, author="lead") as project:
        assert project.db.schema_version() == SCHEMA_VERSION
        project.merge_with_next(2)
        with pytest.raises(NotFoundError, match=r"no segment 3 .*merged into segment 2 on .* "
                           r"\(by lead\); its history is there: workbench history 2$"):
            project.history(3)


STAMP = "2026-01-01T00:00:00.000+00:00"


def _schema_11_project(path: Path, version: int = 11) -> sqlite3.Connection:
    """A project of schema 11 (or ``version``) at ``path`` with one document and one segment
    (the connection open on it, foreign keys off)."""
    from workbench.store.schema import MIGRATIONS
    from workbench.store.sqlite import sql_statements

    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        for statement in sql_statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO documents VALUES (1, 'doc', NULL, NULL, ?)", [STAMP])
    conn.execute("INSERT INTO segments (id, document_id, paragraph, position, source, status, "
                 "updated_at) VALUES (1, 1, 1, 1, 'قامت الثورة.', 'new', ?)", [STAMP])
    return conn
