"""The per-segment look-ups behind the segment list, its filters and the exports are index
seeks (checked in their query plans, with and without planner statistics); migration 2 adds
their indexes to an existing project; imports refresh the statistics."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

import workbench.store.sqlite as store_db
from workbench.project import Project
from workbench.project.sample import build_sample
from workbench.store import exchange as q_exchange
from workbench.store import history as q_history
from workbench.store import scores as q_scores
from workbench.store import search as q_search
from workbench.store import versions as q_versions
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION

pytestmark = pytest.mark.sqlite_only  # SQLite's query plans and statistics

ROOT = Path(__file__).resolve().parents[2]

# sqlite_stat1 of the 100,125-segment project of `python -m bench links` after its imports
# (two versions of about 91,000 links each): the statistics the planner sees in a big project.
LARGE_STATS = [
    ("documents", "sqlite_autoindex_documents_1", "1 1"),
    ("glossary", "sqlite_autoindex_glossary_1", "39 1 1"),
    ("link_segments", "link_segments_segment_link", "200250 2 1"),
    ("link_segments", "sqlite_autoindex_link_segments_1", "200250 2 1"),
    ("link_sentences", "link_sentences_sentence", "182535 1"),
    ("link_sentences", "sqlite_autoindex_link_sentences_1", "182535 1 1"),
    ("links", "sqlite_autoindex_links_1", "181973 90987 1"),
    ("revisions", "revisions_segment", "100125 1 1"),
    ("segments", "segments_position", "100125 100125 1"),
    ("segments", "segments_status", "100125 100125 50063"),
    ("sentences", "sqlite_autoindex_sentences_1", "182535 91268 1"),
    ("translations", "translations", "200250 2 1"),
    ("translations", "translations_version", "200250 100125"),
    ("versions", "sqlite_autoindex_versions_1", "2 2 1"),
]

STATS = ("none", "analyzed", "large")


def _set_stats(path: Path, which: str) -> None:
    """Give the project file no statistics, its own (ANALYZE), or the big project's."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ANALYZE")  # creates sqlite_stat1 when missing
    if which != "analyzed":
        conn.execute("DELETE FROM sqlite_stat1")
    if which == "large":
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", LARGE_STATS)
    conn.close()


@pytest.fixture(params=STATS)
def stats_project(request: pytest.FixtureRequest, sample_db: Path) -> Iterator[Project]:
    """The sample project (reference:main and working, both aligned) with a score run, a
    reverted revision, and the statistics of the parameter; opened after they were set."""
    with Project.open(sample_db, author="tester") as project:
        doc = project.document()
        seg = project.segments(doc.name)[0]
        project.save_draft(seg.id, "An edit to undo")
        project.undo(seg.id)
        working = project.working_id(doc)
        assert working is not None
        with project.transaction():
            run = q_scores.add_run(project.db, working, ["reference:main"], {})
            q_scores.add_segment_scores(
                project.db, run,
                [(s.id, 10.0, 20.0 + i, 50.0) for i, s in enumerate(project.segments(doc.name))],
            )
    _set_stats(sample_db, request.param)
    with Project.open(sample_db, author="tester") as project:
        yield project


def _plan(db: sqlite_utils.Database, sql: str, params: Any) -> list[tuple[str, bool]]:
    """The lines of a query plan, each with whether it runs once per outer row: it lies inside
    a correlated subquery (and not in an uncorrelated one, which SQLite runs once)."""
    per_row: dict[int, bool] = {0: False}
    lines = []
    for node, parent, _, detail in db.execute(f"EXPLAIN QUERY PLAN {sql}", params or []):
        inside = per_row.get(parent, False)
        once = detail.startswith(("SCALAR SUBQUERY", "LIST SUBQUERY"))
        per_row[node] = detail.startswith("CORRELATED") or (inside and not once)
        lines.append((detail, inside))
    return lines


def _plans(
    db: sqlite_utils.Database, call: Callable[[], Any]
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Run ``call``; the query plan of every SELECT it executed on ``db``."""
    executed: list[tuple[str, Any]] = []
    with db.tracer(lambda sql, params: executed.append((sql, params))):
        result = call()
        if isinstance(result, Iterator):
            list(result)
    return [
        (sql, _plan(db, sql, params))
        for sql, params in executed
        if sql.lstrip().upper().startswith("SELECT")
    ]


def _hot_calls(project: Project) -> dict[str, Callable[[], Any]]:
    db, doc = project.db, project.document()
    working = project.working_id(doc)
    reference = project.version_id(doc, "reference:main")
    ids = [s.id for s in project.segments(doc.name)]
    return {
        "filter low confidence": lambda: q_search.filter_ids(
            db, doc.id, link_version_id=reference, confidence_below=0.5),
        "filter status, confidence and score": lambda: q_search.filter_ids(
            db, doc.id, statuses=["draft", "translated"], link_version_id=reference,
            confidence_below=0.9, score_version_id=working, chrf_below=30.0),
        "list rows": lambda: q_search.rows_by_ids(db, ids[3:13], working, reference),
        "export working": lambda: q_exchange.export_rows(db, doc.id, working, with_revisions=True),
        "export reference": lambda: q_exchange.export_rows(db, doc.id, reference, ["draft"]),
        "segment link": lambda: q_versions.segment_link(db, reference, ids[5]),
        "undo": lambda: q_history.last_undoable(db, ids[0]),
    }


HOT = ["filter low confidence", "filter status, confidence and score", "list rows",
       "export working", "export reference", "segment link", "undo"]


@pytest.mark.parametrize("name", HOT)
def test_hot_queries_never_read_a_table_per_segment(stats_project: Project, name: str) -> None:
    """Inside a correlated subquery (run once per segment) nothing is scanned and no link is
    found by its version alone (what made SQLite read every link of the version per segment:
    ``SEARCH l USING INDEX sqlite_autoindex_links_1 (version_id=?)``)."""
    plans = _plans(stats_project.db, _hot_calls(stats_project)[name])
    assert plans
    for sql, plan in plans:
        assert not _per_row_reads(plan), f"{name}: {_per_row_reads(plan)} in the plan of {sql}"


def _per_row_reads(plan: list[tuple[str, bool]]) -> list[str]:
    return [
        line for line, inside in plan
        if inside and (line.startswith("SCAN") or "(version_id=?)" in line)
    ]


@pytest.mark.parametrize("stats_project", ["none", "large"], indirect=True)
@pytest.mark.parametrize("name", HOT)
def test_hot_queries_scan_no_table_in_a_big_project(stats_project: Project, name: str) -> None:
    """With no statistics, or a big project's, no table is scanned at all. (With the sample's
    own statistics SQLite rightly scans its tables of 21 rows, once per query.)"""
    for sql, plan in _plans(stats_project.db, _hot_calls(stats_project)[name]):
        scans = [line for line, _ in plan if line.startswith("SCAN")]
        assert not scans, f"{name}: {scans} in the plan of {sql}"


@pytest.mark.parametrize("name", ["list rows", "export working", "export reference",
                                  "segment link"])
def test_a_segments_link_is_sought_by_segment(stats_project: Project, name: str) -> None:
    (_, plan), *_ = [p for p in _plans(stats_project.db, _hot_calls(stats_project)[name])
                     if "link_segments" in p[0]]
    lines = [line for line, _ in plan]
    assert any("link_segments_segment_link (segment_id=?)" in line for line in lines), plan
    assert any(line.startswith("SEARCH l USING INTEGER PRIMARY KEY (rowid=?)")
               for line in lines), plan


def test_filters_and_rows_give_the_links_answers(project: Project) -> None:
    doc = project.document()
    db = project.db
    reference = project.version_id(doc, "reference:main")
    working = project.working_id(doc)
    ids = [s.id for s in project.segments(doc.name)]
    # Make some links of each version unconfident, differently per version.
    db.execute("UPDATE links SET confidence = 0.2 WHERE version_id = ? AND idx % 3 = 0",
               [reference])
    db.execute("UPDATE links SET confidence = 0.1 WHERE version_id = ? AND idx % 3 = 1",
               [working])
    expected: dict[int, float] = {}
    for link in q_versions.links(db, reference):
        for sid in link["segments"]:
            expected[sid] = link["confidence"]
    low = [sid for sid in ids if expected.get(sid, 1.0) < 0.5]
    assert 0 < len(low) < len(ids)
    assert q_search.filter_ids(db, doc.id, link_version_id=reference, confidence_below=0.5) == low
    rows = q_search.rows_by_ids(db, ids[::-1], working, reference)
    assert [r["id"] for r in rows] == ids[::-1]
    assert {r["id"]: r["confidence"] for r in rows} == {i: expected.get(i) for i in ids}
    link_of = {
        sid: link["idx"] for link in q_versions.links(db, working) for sid in link["segments"]
    }
    idx_by_id = dict(db.execute("SELECT id, idx FROM links WHERE version_id = ?", [working]))
    exported = list(q_exchange.export_rows(db, doc.id, working, with_revisions=True))
    assert {r["id"]: idx_by_id.get(r["link_id"]) for r in exported} == {
        i: link_of.get(i) for i in ids
    }
    project.save_draft(ids[2], "A later edit")
    exported = list(q_exchange.export_rows(db, doc.id, working, with_revisions=True))
    for row in exported:
        history = q_history.revisions(db, row["id"])
        assert (row["first_at"], row["last_at"], row["last_by"]) == (
            history[0]["at"], history[-1]["at"], history[-1]["author"]
        ) if history else (None, None, None)
    assert exported[2]["last_by"] == "tester" != exported[2]["first_by"]


def test_every_cascade_from_deleted_rows_seeks_an_index(tmp_path: Path) -> None:
    """Rows the workbench deletes (segments in a merge, links and sentences in a re-import,
    and by cascade revisions) make SQLite look up their children by the foreign key: each such
    child key must lead an index, or every deleted row costs a scan of the child table."""
    db = store_db.open_sqlite(tmp_path / "p.db", create=True)
    conn = db.conn
    leading: dict[str, set[str]] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for index in conn.execute(f"PRAGMA index_list({table})").fetchall():
            first = conn.execute(f"PRAGMA index_info({index[1]})").fetchone()
            leading.setdefault(table, set()).add(first[2])
    checked = []
    for table in tables:
        for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
            parent, column = fk[2], fk[3]
            if parent in ("segments", "links", "sentences", "revisions"):
                checked.append((table, column))
                assert column in leading.get(table, set()), f"{table}.{column} has no index"
    assert ("link_sentences", "sentence_id") in checked
    assert ("segment_scores", "segment_id") in checked
    assert ("revisions", "reverts") in checked


def _build_version_1(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample project as schema version 1 held it: version 1's tables (made by its own
    migration) filled with the sample's rows, in those tables' columns."""
    current = path.with_name("current.db")
    build_sample(current, folder=ROOT)
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute("ATTACH DATABASE ? AS cur", [str(current)])
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
    )]
    for table in tables:
        columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM cur.{table}")
    conn.commit()
    conn.execute("DETACH DATABASE cur")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def _contents(
    db: sqlite_utils.Database, like: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (in the columns of ``like``'s tables when given)."""
    tables = like or {
        t: [c.name for c in db[t].columns] for t in db.table_names() if not t.startswith("sqlite_")
    }
    return {
        t: db.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1, 2").fetchall()
        for t, cols in tables.items()
    }


def _columns(db: sqlite_utils.Database) -> dict[str, list[str]]:
    return {t: [c.name for c in db[t].columns] for t in db.table_names()
            if not t.startswith("sqlite_")}


def _index_names(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_version_1_project_migrates_to_the_current_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.db"
    _build_version_1(path, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(store_db, "MIGRATIONS", MIGRATIONS[:1])
        m.setattr(store_db, "SCHEMA_VERSION", 1)
        old = store_db.open_sqlite(path)
        before = _contents(old)
        v1_columns = _columns(old)
        old_indexes = _index_names(old)
        old.conn.close()
    assert "link_segments_segment" in old_indexes
    assert "link_segments_segment_link" not in old_indexes

    with Project.open(path, author="tester") as project:
        db = project.db
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = _index_names(db)
        assert {"link_segments_segment_link", "link_sentences_sentence", "revisions_reverts",
                "segment_scores_segment", "score_runs_version"} <= indexes
        assert "link_segments_segment" not in indexes
        assert _contents(db, v1_columns) == before
        plans = _plans(db, _hot_calls(project)["export working"])
        assert plans and not [line for _, plan in plans for line in _per_row_reads(plan)]
        # The migrated project keeps working: re-import the reference (deletes its sentences).
        doc = project.document()
        text = (ROOT / "translations" / "reference.en.txt").read_text(encoding="utf-8")
        project.import_translation_text(text, doc.name, "reference", "main")
        assert q_versions.segment_link(
            db, project.version_id(doc, "reference:main"), project.segments(doc.name)[0].id
        )
    with Project.open(path) as project:  # opening again migrates nothing
        assert project.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _stat_rows(db: sqlite_utils.Database, table: str) -> int:
    row = db.execute(
        "SELECT stat FROM sqlite_stat1 WHERE tbl = ? ORDER BY idx LIMIT 1", [table]
    ).fetchone()
    return 0 if row is None else int(row[0].split()[0])


def test_imports_refresh_the_planner_statistics(tmp_path: Path) -> None:
    ar = tmp_path / "doc.ar.txt"
    ar.write_text("هذا نص أول. وهذه جملة ثانية؟\nفقرة ثانية هنا!\n", encoding="utf-8")
    en = tmp_path / "doc.en.txt"
    en.write_text("This is a first text. And a second sentence?\nA second paragraph!\n",
                  encoding="utf-8")
    with Project.open(tmp_path / "p.db", create=True, author="tester") as project:
        db = project.db
        project.import_document(ar, "doc")
        assert _stat_rows(db, "segments") == 3
        project.import_translation(en, "doc", "reference", "main")
        assert _stat_rows(db, "links") == 3
        project.import_translation(en, "doc", "working")
        assert _stat_rows(db, "links") == 6
        assert _stat_rows(db, "revisions") == 3
        xliff = project.export_file("xliff", tmp_path / "doc.xlf", "doc", force=True).path
        xml = xliff.read_text(encoding="utf-8").replace("A second paragraph!", "Paragraph two.")
        xliff.write_text(xml, encoding="utf-8")
        report = project.import_xliff(xliff, "doc")
        assert report.updated
        assert _stat_rows(db, "revisions") == 4
