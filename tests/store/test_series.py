"""Statements in one round trip (issue 14): ``execute_series`` runs statements in order and
gives the last one's result; ``execute_later`` lets a write transaction's last statements
wait for its commit (on PostgreSQL they travel with it), and an error in them rolls the whole
transaction back; a segment write's BEGIN and lock travel with its first statement."""

from __future__ import annotations

import pytest

from workbench.store import Database, transaction


def _names(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM documents ORDER BY id")]


def _add(name: str) -> tuple[str, list[str]]:
    return ("INSERT INTO documents (name, created_at) VALUES (?, 'now') RETURNING id", [name])


def test_a_series_runs_in_order_and_gives_the_last_result(db: Database) -> None:
    with transaction(db, segment=True):
        cursor = db.execute_series([_add("a"), _add("b"), ("SELECT count(*) FROM documents", [])])
        assert cursor.fetchone()[0] == 2
    assert _names(db) == ["a", "b"]


def test_statements_run_later_are_written_with_the_commit(db: Database) -> None:
    with transaction(db, segment=True):
        first = db.execute_later([_add("a")])
        later = db.execute_later([_add("b"), ("SELECT count(*) FROM documents", [])])
    assert later().fetchone()[0] == 2 and first().fetchone()[0] >= 1
    assert _names(db) == ["a", "b"]
    with transaction(db, segment=True):
        later = db.execute_later([_add("c")])
        assert _names(db) == ["a", "b", "c"]  # a statement after them sees them
    assert later().fetchone()[0] > 0


def test_an_error_in_statements_run_later_rolls_everything_back(db: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)unique|constraint"), transaction(db, segment=True):
        db.execute_series([_add("a")])
        db.execute_later([_add("b"), _add("b")])  # documents' names are unique
    assert _names(db) == []
    assert not db.in_transaction
    with transaction(db, segment=True):  # the connection goes on
        db.execute_series([_add("c")])
    assert _names(db) == ["c"]


def test_a_segment_write_that_ran_nothing_commits_nothing(db: Database) -> None:
    with transaction(db, segment=True):
        assert db.in_transaction
    assert not db.in_transaction
    with pytest.raises(RuntimeError), transaction(db, segment=True):
        db.execute_later([_add("a")])
        raise RuntimeError("changed my mind")
    assert _names(db) == [] and not db.in_transaction
