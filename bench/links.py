"""Link queries on a 100,000-segment document with a linked reference and a linked working
translation (issue 11): the TUI's low-confidence filter, pages of list rows, the export query
and whole exports of each version in every format.

The project (``bench/links_build.py``, built through the Project API in a child process):
NTREX-128 and TICO-19 Arabic lines repeated to 108,000 lines (about 100,000 segments), their
English lines, lightly perturbed, aligned onto it as ``reference:main``, and a more perturbed
copy imported as the working translation (so both versions have links, and the working one a
revision per segment). Not in the default run (about 20 minutes on the loaded 2 cores).

The baseline, in the same run, is the SQL before issue 11 (kept below as ``OLD_*``) on a copy
of the project as it was then: without the indexes of issue 11's migration (the third since
the change groups' migration came before it) and without planner statistics.
Old queries that read the version's links for every segment are timed on every
``OLD_STEP``-th segment and scaled to the document (their cost per segment grows with its
position, as the scan of the version's links stops at the segment's link, so the sample is
spread over the whole document). "no statistics" rows run the current SQL on a copy whose
statistics were deleted (a migrated project that has not been imported into since).

    python -m bench links
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from bench.common import Row, python, workdir

OLD_STEP = 100  # old queries too slow for the whole document run on every 100th segment
PAGE = 100
PAGES = 30
FORMATS = ("tmx", "xliff", "xliff2", "docx", "html", "csv", "tsv", "md", "txt")
VERSIONS = ("working", "reference:main")

# The queries before issue 11 (workbench/store/search.py and exchange.py at that time).
OLD_FILTER = (
    "SELECT s.id FROM segments s WHERE s.document_id = ? AND "
    "EXISTS (SELECT 1 FROM link_segments ls JOIN links l ON l.id = ls.link_id "
    "WHERE ls.segment_id = s.id AND l.version_id = ? AND l.confidence < ?)"
    "{limit} ORDER BY s.position"
)
OLD_ROWS = (
    "SELECT s.id, s.document_id, s.paragraph, s.position, s.source, s.status, t.text AS target, "
    "(SELECT min(l.confidence) FROM link_segments ls JOIN links l ON l.id = ls.link_id "
    " WHERE ls.segment_id = s.id AND l.version_id = ?) AS confidence "
    "FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
    "WHERE s.id IN ({marks})"
)
OLD_EXPORT = (
    "SELECT s.id, s.paragraph, s.position, s.source, s.status, t.text, "
    "t.updated_at AS text_at, "
    "(SELECT ls.link_id FROM link_segments ls JOIN links l ON l.id = ls.link_id "
    " WHERE ls.segment_id = s.id AND l.version_id = ?) AS link_id"
    "{revisions} "
    "FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.version_id = ? "
    "WHERE s.document_id = ?{limit} ORDER BY s.position"
)
OLD_REVISIONS = (
    ", (SELECT r.at || char(31) || r.author FROM revisions r WHERE r.segment_id = s.id "
    "ORDER BY r.id LIMIT 1) AS first_rev"
    ", (SELECT r.at || char(31) || r.author FROM revisions r WHERE r.segment_id = s.id "
    "ORDER BY r.id DESC LIMIT 1) AS last_rev"
)
# Schema 1's index, replaced by issue 11's migration.
OLD_INDEX = "CREATE INDEX link_segments_segment ON link_segments(segment_id)"

# CPU: this process's and its children's (a large QA run forks checking processes).
_EXPORT = """
import json, resource, sys, time
from workbench.project import Project

def cpu():
    return sum(
        u.ru_utime + u.ru_stime
        for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )

db, fmt, out, version, findings = sys.argv[1:6]
with Project.open(db) as project:
    start, used = time.perf_counter(), cpu()
    result = project.export_file(
        fmt, out, "big", version=version, force=True, findings=findings or None)
    seconds, used = time.perf_counter() - start, cpu() - used
print(json.dumps({"seconds": seconds, "cpu": used, "units": result.units}))
"""


def _python(*args: str) -> str:
    return python(*args)


def _issue_11_indexes(conn: sqlite3.Connection) -> list[str]:
    """The indexes that issue 11's migration made: the one that replaced schema 1's
    ``link_segments_segment``, found by what it does, not by its position (a migration
    inserted before it had made the old copy drop the change groups' indexes instead)."""
    from workbench.store.schema import MIGRATIONS

    migration = next(m for m in MIGRATIONS if "DROP INDEX link_segments_segment;" in m)
    return [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        if f"INDEX {name} " in migration
    ]


def _copies(db: Path) -> tuple[Path, Path]:
    """(a copy as before issue 11, a copy without planner statistics)."""
    old, bare = db.with_name("old.db"), db.with_name("nostats.db")
    for path in (old, bare):
        shutil.copyfile(db, path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("DELETE FROM sqlite_stat1")
        if path == old:
            for name in _issue_11_indexes(conn):
                conn.execute(f"DROP INDEX {name}")
            conn.execute(OLD_INDEX)
            # user_version stays current, so that opening the copy does not migrate it.
        conn.close()
    return old, bare


def _ids(conn: sqlite3.Connection) -> tuple[int, int, int, list[int]]:
    doc = conn.execute("SELECT id FROM documents WHERE name = 'big'").fetchone()[0]
    version = dict(conn.execute("SELECT name, id FROM versions WHERE document_id = ?", [doc]))
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM segments WHERE document_id = ? ORDER BY position", [doc])]
    return doc, version["working"], version["reference:main"], ids


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _filter_new(db: Path, threshold: float) -> tuple[float, int]:
    """The filter as the TUI runs it: ``Project.view_ids`` with the low-confidence spec."""
    from workbench.project import Project
    from workbench.project.views import ViewSpec

    with Project.open(db) as project:
        document = project.document("big")
        seconds, ids = _timed(lambda: project.view_ids(
            document, ViewSpec(low_confidence=True), threshold, 0.0))
    return seconds, len(ids)


def _filter_old(db: Path, threshold: float) -> float:
    """Seconds of the old filter query over the whole document, scaled from a sample."""
    conn = sqlite3.connect(db)
    doc, _, reference, ids = _ids(conn)
    sql = OLD_FILTER.format(limit=_SAMPLE)
    seconds, _ = _timed(lambda: conn.execute(sql, [doc, reference, threshold]).fetchall())
    conn.close()
    return seconds * len(ids) / (len(ids) // OLD_STEP)


_SAMPLE = f" AND s.position % {OLD_STEP} = 0"


def _pages_new(db: Path) -> list[float]:
    from workbench.store import open_db
    from workbench.store.search import rows_by_ids

    conn = sqlite3.connect(db)
    _, working, reference, ids = _ids(conn)
    conn.close()
    store = open_db(db)
    out = []
    for start in _page_starts(len(ids)):
        page = ids[start : start + PAGE]
        seconds, rows = _timed(lambda p=page: rows_by_ids(store, p, working, reference))
        assert len(rows) == len(page)
        out.append(seconds)
    store.conn.close()
    return out


def _pages_old(db: Path) -> list[float]:
    conn = sqlite3.connect(db)
    _, working, reference, ids = _ids(conn)
    out = []
    for start in _page_starts(len(ids)):
        page = ids[start : start + PAGE]
        sql = OLD_ROWS.format(marks=",".join("?" * len(page)))
        seconds, rows = _timed(lambda p=page, q=sql: conn.execute(
            q, [reference, working, *p]).fetchall())
        assert len(rows) == len(page)
        out.append(seconds)
    conn.close()
    return out


def _page_starts(n: int) -> list[int]:
    step = max(1, (n - PAGE) // (PAGES - 1))
    return [min(i * step, n - PAGE) for i in range(PAGES)]


def _export_query_new(db: Path, version: str) -> tuple[float, int]:
    from workbench.store import open_db
    from workbench.store.exchange import export_rows

    conn = sqlite3.connect(db)
    doc, working, reference, _ = _ids(conn)
    conn.close()
    store = open_db(db)
    vid = working if version == "working" else reference
    seconds, count = _timed(lambda: sum(
        1 for _ in export_rows(store, doc, vid, with_revisions=version == "working")))
    store.conn.close()
    return seconds, count


def _export_query_old(db: Path, version: str) -> float:
    conn = sqlite3.connect(db)
    doc, working, reference, ids = _ids(conn)
    vid = working if version == "working" else reference
    sql = OLD_EXPORT.format(
        revisions=OLD_REVISIONS if version == "working" else ", NULL, NULL",
        limit=_SAMPLE,
    )
    seconds, _ = _timed(lambda: conn.execute(sql, [vid, vid, doc]).fetchall())
    conn.close()
    return seconds * len(ids) / (len(ids) // OLD_STEP)


def _clear_new(db: Path) -> float:
    """Seconds to drop the working version's alignment (what a re-import does first)."""
    from workbench.store import open_db
    from workbench.store.versions import clear_alignment

    store = open_db(db)
    vid = _ids(store.conn)[1]
    store.conn.execute("BEGIN IMMEDIATE")
    seconds, _ = _timed(lambda: clear_alignment(store, vid))
    store.conn.execute("ROLLBACK")
    store.conn.close()
    return seconds


def _clear_old(db: Path) -> float:
    """The same on the old schema: its links deleted whole, its sentences (each deletion
    scanning link_sentences for the sentence) on every OLD_STEP-th one, scaled."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    vid = _ids(conn)[1]
    total, sampled = conn.execute(
        f"SELECT count(*), sum(idx % {OLD_STEP} = 0) FROM sentences WHERE version_id = ?", [vid]
    ).fetchone()
    conn.execute("BEGIN IMMEDIATE")
    links, _ = _timed(lambda: conn.execute("DELETE FROM links WHERE version_id = ?", [vid]))
    sentences, _ = _timed(lambda: conn.execute(
        f"DELETE FROM sentences WHERE version_id = ? AND idx % {OLD_STEP} = 0", [vid]))
    conn.execute("ROLLBACK")
    conn.close()
    return links + sentences * total / sampled


def _export(db: Path, fmt: str, version: str, folder: Path, findings: str = "") -> dict[str, float]:
    out = folder / f"export.{fmt}"
    figures = json.loads(_python("-c", _EXPORT, str(db), fmt, str(out), version, findings))
    figures["mb"] = out.stat().st_size / 1e6
    out.unlink()
    return figures


def run() -> list[Row]:
    folder = workdir("links")
    build = json.loads(_python("-m", "bench.links_build", str(folder)))
    return measure(folder, build)


def measure(folder: Path, build: dict[str, float], formats: tuple[str, ...] = FORMATS) -> list[Row]:
    """The figures on the project built in ``folder`` (``build``: seconds of its steps)."""
    from workbench.project.importing import LOW_CONFIDENCE

    db = folder / "big.db"
    old, bare = _copies(db)
    conn = sqlite3.connect(db)
    segments = len(_ids(conn)[3])
    links = dict(conn.execute(
        "SELECT v.name, count(*) FROM links l JOIN versions v ON v.id = l.version_id "
        "GROUP BY v.name"))
    conn.close()
    rows = [
        Row(f"build: import {segments:,} segments", build["document"], "s"),
        Row(f"build: import-translation reference:main ({links['reference:main']:,} links)",
            build["reference"], "s"),
        Row(f"build: import-translation working ({links['working']:,} links)",
            build["working"], "s"),
    ]

    seconds, found = _filter_new(db, LOW_CONFIDENCE)
    bare_seconds, bare_found = _filter_new(bare, LOW_CONFIDENCE)
    assert bare_found == found
    old_seconds = _filter_old(old, LOW_CONFIDENCE)
    rows += [
        Row(f"F4 low alignment confidence (view_ids; {found:,} segments of reference:main "
            f"below {LOW_CONFIDENCE})", seconds, "s",
            f"old SQL, schema 1, no statistics: {old_seconds:.0f} s (scaled)",
            seconds / old_seconds, "< 1 s"),
        Row("the same, no planner statistics", bare_seconds, "s", "", None, "< 1 s"),
    ]

    new_pages, bare_pages, old_pages = _pages_new(db), _pages_new(bare), _pages_old(old)
    rows += [
        Row(f"rows_by_ids: a page of {PAGE} list rows (median of {PAGES}, start to end)",
            statistics.median(new_pages) * 1000, "ms",
            f"old SQL: {statistics.median(old_pages) * 1000:.2f} ms",
            statistics.median(new_pages) / statistics.median(old_pages), ""),
        Row("rows_by_ids: max", max(new_pages) * 1000, "ms",
            f"old SQL: {max(old_pages) * 1000:.2f} ms", max(new_pages) / max(old_pages), ""),
        Row("rows_by_ids: median, no planner statistics", statistics.median(bare_pages) * 1000,
            "ms", "", None, ""),
    ]

    for version in VERSIONS:
        seconds, count = _export_query_new(db, version)
        bare_seconds, _ = _export_query_new(bare, version)
        old_seconds = _export_query_old(old, version)
        rows += [
            Row(f"export_rows {version}: the whole query ({count:,} rows"
                + (", revisions" if version == "working" else "") + ")",
                seconds, "s", f"old SQL: {old_seconds:.0f} s (scaled)", seconds / old_seconds,
                ""),
            Row(f"export_rows {version}, no planner statistics", bare_seconds, "s", "", None,
                ""),
        ]
    new_clear, old_clear = _clear_new(db), _clear_old(old)
    rows.append(Row(
        f"re-import: drop the working alignment ({links['working']:,} links and their "
        "sentences; clear_alignment)", new_clear, "s",
        f"schema 1 (no index on link_sentences.sentence_id): {old_clear:.0f} s (scaled)",
        new_clear / old_clear, ""))

    runs = [(version, fmt, "") for version in VERSIONS for fmt in formats]
    # docx and html carry every QA finding by default (a full QA run): the same without.
    runs += [("working", fmt, "none") for fmt in ("docx", "html") if fmt in formats]
    for version, fmt, findings in runs:
        f = _export(db, fmt, version, folder, findings)
        what = fmt + (f" --findings {findings}" if findings else "")
        rows.append(Row(
            f"export {version} to {what} ({f['units']:,} units, {f['mb']:.0f} MB, "
            f"{f['cpu']:.1f} s CPU)", f["seconds"], "s", "", None, "< 10 s",
        ))
    return rows
