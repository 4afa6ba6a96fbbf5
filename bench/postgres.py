"""PostgreSQL against SQLite on the same 100,000-segment project: open, a page of 100 rows,
save and confirm a segment, search, export, project copy, and the TUI's first paint and
next-segment latency on PostgreSQL.

The project is bench.tui's (built through the Project API in a child process); the PostgreSQL
one is its copy by ``workbench project copy`` into a local server started from the ``pgserver``
wheel (PostgreSQL 16, Unix socket, default durability settings: fsync on). Each figure is the
best of a few runs in a fresh child process per backend (imports and connection included in
"open"). The baseline column is SQLite's figure.

    python -m bench postgres
"""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

from bench.common import Row, python, skipped, workdir

OPS = r"""
import json, statistics, sys, time
t = time.perf_counter()
from workbench.project import Project
from workbench.store import search as q
from workbench.store.documents import segment_ids
db = sys.argv[1]
p = Project.open(db, author="bench")
out = {"open": time.perf_counter() - t}
def best(fn, n=5):
    b = 1e9
    for _ in range(n):
        s = time.perf_counter(); fn(); b = min(b, time.perf_counter() - s)
    return b
doc = p.document()
wid = p.working_id(doc)
ids = segment_ids(p.db, doc.id)
out["ids"] = best(lambda: segment_ids(p.db, doc.id), 3)
out["page"] = best(lambda: p.list_rows(doc, ids[70000:70100]))
segs = p.segments(doc.name, offset=70000, limit=40)
saves, confirms = [], []
for i, seg in enumerate(segs[:20]):
    s = time.perf_counter()
    p.save_draft(seg.id, f"Draft {i}.")
    saves.append(time.perf_counter() - s)
for i, seg in enumerate(segs[20:]):
    s = time.perf_counter()
    p.confirm(seg.id, f"A confirmed sentence {i}.", override_reason="bench")
    confirms.append(time.perf_counter() - s)
out["save"] = statistics.median(saves)
out["confirm"] = statistics.median(confirms)
out["search"] = best(lambda: q.search_ids(p.db, doc.id, wid, "health"), 2)
out["stats"] = best(lambda: p.stats(), 3)
out["export"] = best(lambda: p.export_file(
    "xliff", sys.argv[2], doc.name, force=True, findings="none"), 1)
p.close()
print(json.dumps(out))
"""

TUI = r"""
import asyncio, json, sys
from pathlib import Path
from bench.tui import _measure
out = asyncio.run(_measure(sys.argv[1], Path(sys.argv[2])))
print(json.dumps(out))
"""

FIGURES = [
    ("open", "open the project (imports, connect, schema check)", "ms", 1000),
    ("ids", "every segment id in order (the list's view)", "ms", 1000),
    ("page", "a page of 100 list rows", "ms", 1000),
    ("save", "save a draft (median of 20)", "ms", 1000),
    ("confirm", "confirm a segment through the QA policy (median of 20)", "ms", 1000),
    ("search", "search the English of 100,000 segments", "ms", 1000),
    ("stats", "stats", "ms", 1000),
    ("export", "export 100,000 segments as XLIFF", "s", 1),
]


def _child(code: str, *args: str) -> str:
    return python("-c", code, *args, timeout=1200)


def missing_rows(what: str = "nothing compared") -> list[Row]:
    """One row saying that the local PostgreSQL server (the ``pgserver`` wheel) is not here;
    none when it is."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pgserver  # noqa: F401
    except ImportError:
        return [skipped(f"PostgreSQL not here (the pgserver wheel: pip install -e "
                        f"'.[server]'): {what}")]
    return []


def _server(folder: Path) -> tuple[object, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(folder / "pgdata", cleanup_mode="stop")
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS big")
        conn.execute("CREATE DATABASE big")
    return server, server.get_uri("big")


def run() -> list[Row]:
    if missing := missing_rows():
        return missing
    folder = workdir("postgres")
    _child("import sys; from pathlib import Path; from bench.tui import build; "
           "build(Path(sys.argv[1]))", str(folder))
    sqlite_db = str(folder / "big.db")
    server, url = _server(folder)
    t = time.perf_counter()
    _child("import sys; from workbench.store.copy import copy_project; "
           "copy_project(sys.argv[1], sys.argv[2])", sqlite_db, url)
    copy_seconds = time.perf_counter() - t
    results = {}
    for name, db in (("sqlite", sqlite_db), ("postgresql", url)):
        results[name] = json.loads(_child(OPS, db, str(folder / f"{name}.xlf")))
    rows = [
        Row(f"{label}: PostgreSQL", results["postgresql"][key] * scale, unit,
            f"SQLite {results['sqlite'][key] * scale:.3g} {unit}",
            results["postgresql"][key] / results["sqlite"][key])
        for key, label, unit, scale in FIGURES
    ]
    rows.append(Row("project copy SQLite → PostgreSQL, 100,000 segments (verified)",
                    copy_seconds, "s"))
    figures = json.loads(_child(TUI, url, str(folder / "config.toml")))
    rows += [
        Row("TUI first paint on PostgreSQL, 100,000 segments (headless, new process: "
            "psycopg's import included)",
            figures["first_paint"], "s", "", None, "< 1 s"),
        Row("TUI next segment on PostgreSQL: median", figures["next_median"] * 1000, "ms",
            "", None, "< 50 ms"),
        Row("TUI next segment on PostgreSQL: p95", figures["next_p95"] * 1000, "ms",
            "", None, "< 50 ms"),
    ]
    server.cleanup()  # type: ignore[attr-defined]
    return rows
