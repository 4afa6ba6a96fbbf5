"""Queries for scoring: the segments and links to score, score runs and per-segment scores."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from workbench.store.connection import Database
from workbench.store.db import now

Row = dict[str, Any]


def scoring_segments(db: Database, document_id: int) -> list[tuple[int, int, str]]:
    """(segment id, position, Arabic source) of a document in document order."""
    return list(
        db.execute(
            "SELECT id, position, source FROM segments WHERE document_id = ? ORDER BY position",
            [document_id],
        )
    )


def link_count(db: Database, version_id: int) -> int:
    """How many alignment links a version has."""
    return int(
        db.execute("SELECT count(*) FROM links WHERE version_id = ?", [version_id]).fetchone()[0]
    )


def add_run(
    db: Database, version_id: int, refs: list[str], results: dict[str, Any]
) -> int:
    """Record a scoring run of a version (refs: reference version names) and return its id."""
    return db.insert(
        "INSERT INTO score_runs (version_id, refs, at, results) VALUES (?, ?, ?, ?)",
        [version_id, json.dumps(refs, ensure_ascii=False), now(),
         json.dumps(results, ensure_ascii=False)],
    )


def add_segment_scores(
    db: Database,
    run_id: int,
    rows: Iterable[tuple[int, float | None, float | None, float | None]],
) -> None:
    """Store per-segment scores of a run, given (segment id, bleu, chrf, ter) rows."""
    db.insert_rows(
        "segment_scores", ("run_id", "segment_id", "bleu", "chrf", "ter"),
        ((run_id, sid, b, c, t) for sid, b, c, t in rows),
    )


def _run(row: tuple[Any, ...]) -> Row:
    run_id, version, refs, at, results = row
    return {
        "id": run_id, "version": version, "refs": json.loads(refs), "at": at,
        "results": json.loads(results),
    }


def runs(db: Database, document_id: int) -> list[Row]:
    """Every scoring run of a document's versions, oldest first."""
    return [
        _run(r)
        for r in db.execute(
            "SELECT r.id, v.name, r.refs, r.at, r.results FROM score_runs r "
            "JOIN versions v ON v.id = r.version_id WHERE v.document_id = ? ORDER BY r.id",
            [document_id],
        )
    ]


def latest_run(db: Database, version_id: int) -> Row | None:
    """The most recent scoring run of a version, or None."""
    row = db.execute(
        "SELECT r.id, v.name, r.refs, r.at, r.results FROM score_runs r "
        "JOIN versions v ON v.id = r.version_id WHERE r.version_id = ? "
        "ORDER BY r.id DESC LIMIT 1",
        [version_id],
    ).fetchone()
    return None if row is None else _run(row)


def segment_scores(db: Database, run_id: int) -> dict[int, Row]:
    """The per-segment scores of a run by segment id."""
    return {
        sid: {"bleu": b, "chrf": c, "ter": t}
        for sid, b, c, t in db.execute(
            "SELECT segment_id, bleu, chrf, ter FROM segment_scores WHERE run_id = ?", [run_id]
        )
    }
