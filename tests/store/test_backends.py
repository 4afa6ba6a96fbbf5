"""The store's one API behaves the same on SQLite and PostgreSQL: schema, transactions,
savepoints, triggers, ids, bulk inserts and the SQL both engines are given."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import psycopg
import pytest

from workbench.errors import ProjectError
from workbench.store import Database, new_database, open_db, transaction
from workbench.store.copy import table_order
from workbench.store.db import project_exists
from workbench.store.schema import SCHEMA_VERSION


def _segment(db: Database) -> int:
    with transaction(db):
        doc = db.insert("INSERT INTO documents (name, created_at) VALUES (?, ?)", ["d", "now"])
        return db.insert(
            "INSERT INTO segments (document_id, paragraph, position, source, updated_at) "
            "VALUES (?, 1, 1, ?, 'now')",
            [doc, "نص عربي"],
        )


def _version(db: Database) -> int:
    with transaction(db):
        return db.insert(
            "INSERT INTO versions (document_id, name, kind, created_at) "
            "VALUES ((SELECT min(id) FROM documents), 'working', 'working', 'now')",
            [],
        )


def test_a_new_project_has_the_current_schema(db: Database, new_db: Path | str) -> None:
    expected = {"documents", "segments", "versions", "translations", "revisions", "links",
                "change_groups", "lqa_errors", "spelling_words"}
    assert expected <= set(db.project_tables())
    assert db.schema_version() == SCHEMA_VERSION
    assert db.primary_key("translations") == ["segment_id", "version_id"]
    assert db.references("link_segments") == {"links", "segments"}
    order = table_order(db)
    assert order.index("documents") < order.index("segments") < order.index("revisions")
    db.close()
    assert project_exists(new_db)


def test_transactions_roll_back_and_nest_as_savepoints(db: Database) -> None:
    with pytest.raises(RuntimeError), transaction(db):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('gone', 'now')")
        raise RuntimeError("boom")
    with transaction(db):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('a', 'now')")
        with pytest.raises(RuntimeError), transaction(db):
            db.execute("INSERT INTO documents (name, created_at) VALUES ('b', 'now')")
            raise RuntimeError("inner")
        assert db.in_transaction
    assert not db.in_transaction
    assert [r["name"] for r in db.query("SELECT name FROM documents ORDER BY id")] == ["a"]


def test_a_failed_statement_inside_a_savepoint_leaves_the_transaction_usable(
    db: Database,
) -> None:
    with transaction(db):
        db.execute("INSERT INTO documents (name, created_at) VALUES ('a', 'now')")
        with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError)), transaction(db):
            db.execute("INSERT INTO documents (name, created_at) VALUES ('a', 'again')")
        db.execute("INSERT INTO documents (name, created_at) VALUES ('b', 'now')")
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_revisions_are_append_only_except_their_segment(db: Database) -> None:
    seg = _segment(db)
    with transaction(db):
        rev = db.insert(
            "INSERT INTO revisions (segment_id, at, author, action, new_text) "
            "VALUES (?, 'now', 'me', 'edit', 'x')",
            [seg],
        )
    for column in ("new_text", "author", "group_id"):
        with pytest.raises((sqlite3.IntegrityError, psycopg.IntegrityError),
                           match="append-only"), transaction(db):
            db.execute(f"UPDATE revisions SET {column} = NULL WHERE id = ?", [rev])
    with transaction(db):  # a merge re-points a segment's history
        db.execute("UPDATE revisions SET segment_id = ? WHERE id = ?", [seg, rev])
    assert db.execute("SELECT new_text FROM revisions").fetchone()[0] == "x"


def test_an_override_stays_when_its_text_changes_and_goes_with_the_text(db: Database) -> None:
    seg, version = _segment(db), _version(db)
    with transaction(db):
        db.execute("INSERT INTO translations (segment_id, version_id, text, updated_at) "
                   "VALUES (?, ?, 'old', 'now')", [seg, version])
        for check, text in (("a", "old"), ("b", "other")):
            db.execute(
                "INSERT INTO overrides (segment_id, version_id, check_id, reason, author, at, "
                "target_text) VALUES (?, ?, ?, 'fine', 'me', 'now', ?)",
                [seg, version, check, text],
            )
    with transaction(db):
        db.execute("UPDATE translations SET text = 'old' WHERE segment_id = ?", [seg])
    assert db.execute("SELECT count(*) FROM overrides").fetchone()[0] == 2  # same text
    with transaction(db):
        db.execute("UPDATE translations SET text = 'other' WHERE segment_id = ?", [seg])
    # kept: the readers hold only the one of the current text, and an undo may bring back
    # the other's
    assert db.execute("SELECT count(*) FROM overrides").fetchone()[0] == 2
    with transaction(db):
        db.execute("DELETE FROM translations WHERE segment_id = ?", [seg])
    assert db.execute("SELECT count(*) FROM overrides").fetchone()[0] == 0


def test_reserved_ids_never_meet_the_ids_of_ordinary_inserts(db: Database) -> None:
    _segment(db)
    version = _version(db)
    with transaction(db):
        first = db.reserve_ids("sentences", 3)
        db.insert_rows(
            "sentences", ["id", "version_id", "idx", "paragraph", "text"],
            [(first + i, version, i, 1, f"s{i}") for i in range(3)],
        )
    with transaction(db):
        later = db.insert(
            "INSERT INTO sentences (version_id, idx, paragraph, text) VALUES (?, 3, 1, 's3')",
            [version],
        )
        again = db.reserve_ids("sentences", 2)
    assert later > first + 2 and again > later
    ids = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY id")]
    assert ids == [first, first + 1, first + 2, later]


def test_the_shared_sql_means_the_same_on_both(db: Database) -> None:
    seg = _segment(db)
    with transaction(db):
        db.executemany(
            "INSERT INTO notes (segment_id, at, author, kind, text) VALUES (?, 'now', ?, ?, ?)",
            [(seg, "me", "comment", "50% done; it's 'quoted' ?"), (seg, "you", "x", "b")],
        )
        db.execute(
            "INSERT INTO lqa_settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", ["threshold", 90.0],
        )
        db.execute(
            "INSERT INTO lqa_settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", ["threshold", 95.5],
        )
    rows = list(db.query(
        "SELECT text, author FROM notes WHERE kind LIKE ? || '%' AND text != '?' ORDER BY id",
        ["comm"],
    ))
    assert rows == [{"text": "50% done; it's 'quoted' ?", "author": "me"}]
    assert db.execute("SELECT count(*) FROM notes WHERE author IS NOT DISTINCT FROM ?",
                      [None]).fetchone()[0] == 0
    assert db.execute("SELECT value FROM lqa_settings").fetchone()[0] == 95.5
    assert db.execute("SELECT '100%'").fetchone()[0] == "100%"


def test_a_project_built_in_a_failed_block_never_appears(new_db: Path | str) -> None:
    with pytest.raises(RuntimeError), new_database(new_db) as db:
        with transaction(db):
            db.execute("INSERT INTO documents (name, created_at) VALUES ('a', 'now')")
        raise RuntimeError("crash")
    assert not project_exists(new_db)
    with pytest.raises(ProjectError, match="no project"):
        open_db(new_db)


def test_a_read_only_project_refuses_transactions(db: Database, new_db: Path | str) -> None:
    db.close()
    ro = open_db(new_db, read_only=True)
    with contextlib.closing(ro):
        assert ro.read_only and ro.read_only_reason == "opened read-only"
        with pytest.raises(ProjectError, match="read-only"), transaction(ro):
            pass
        assert ro.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


@pytest.mark.parametrize("count", [3, 700])  # PostgreSQL stages 500 rows or more in a table
def test_bulk_updates_and_upserts_keep_the_last_row_of_a_key(db: Database, count: int) -> None:
    _segment(db)
    version = _version(db)
    with transaction(db):
        doc = db.execute("SELECT min(id) FROM documents").fetchone()[0]
        db.insert_rows(
            "segments", ("document_id", "paragraph", "position", "source", "updated_at"),
            [(doc, 1, 10 + i, f"s{i}", "then") for i in range(count)],
        )
        ids = [r[0] for r in db.execute("SELECT id FROM segments WHERE position >= 10 "
                                         "ORDER BY position")]
        db.upsert_rows(
            "translations", ("segment_id", "version_id", "text", "updated_at"),
            ("segment_id", "version_id"), [(i, version, "first", "now") for i in ids],
        )
        db.upsert_rows(
            "translations", ("segment_id", "version_id", "text", "updated_at"),
            ("segment_id", "version_id"),
            [(ids[0], version, "again", "now"), (ids[0], version, "last", "later")]
            + [(i, version, f"t{i}", "now") for i in ids[1:]],
        )
        db.update_rows("segments", "id", ("status", "locked"),
                       [(ids[0], "draft", 1), (ids[0], "approved", 1)]
                       + [(i, "new", 0) for i in ids[1:]])
    texts = dict(db.execute("SELECT segment_id, text FROM translations"))
    assert texts[ids[0]] == "last" and all(texts[i] == f"t{i}" for i in ids[1:])
    states = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, status, locked FROM segments")}
    assert states[ids[0]] == ("approved", 1)
    assert all(states[i] == ("new", 0) for i in ids[1:])
