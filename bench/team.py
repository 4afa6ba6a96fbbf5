"""A team at work: 20 client processes, each confirming one of its own segments every 50 ms
for 60 s, against a local PostgreSQL and against the same project in an SQLite file (WAL:
the single-machine baseline).

Each client is a process with its own connection, going through the Project service exactly
as the TUI does: ``confirm(segment, text, revision=...)`` (the QA checks, the history, the
revision check). It confirms a new English each time (so every confirmation is a change),
on a fixed schedule (the n-th at start + n × 50 ms; a client that falls behind goes on at
once). Figures: confirmations done and asked, the commit latency of a confirmation (the call,
start to committed) p50/p95/max, lost writes (for every client and segment, the history must
hold each of its confirmations and the segment its last English: zero expected), and the CPU a
confirmation costs during the run (the clients' CPU inside their confirm calls, and the
server's processes, per confirmation): what the machine must supply 400 times a second,
whatever else runs on it. Before the run, one client alone confirms 300 times: its wall time,
client and server CPU and statements per confirmation. The PostgreSQL server is the
``pgserver`` wheel's (Unix socket, default durability: fsync on).

    python -m bench team            # 60 s per engine
    BENCH_TEAM_SECONDS=10 python -m bench team
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

from bench.common import DATA, ROOT, Row, workdir

CLIENTS = 20
PERIOD = 0.05
SEGMENTS_EACH = 5
SECONDS = float(os.environ.get("BENCH_TEAM_SECONDS", "60"))

CLIENT = r"""
import json, sys, time
from workbench.errors import ConflictError
from workbench.project import Project
db, me, first, count, start, seconds, period = sys.argv[1:8]
first, count, start = int(first), int(count), float(start)
seconds, period = float(seconds), float(period)
p = Project.open(db, author=me)
segs = [s for s in p.segments(limit=first + count)][first:first + count]
revision = {s.id: s.revision for s in segs}
latencies, done, conflicts, cpu = [], {}, 0, 0.0
p.confirm(segs[0].id, f"{me} warm-up", override_reason="bench", revision=revision[segs[0].id])
revision[segs[0].id] = p.segment(segs[0].id).revision
while time.time() < start:
    time.sleep(0.001)
n = 0
while True:
    due = start + n * period
    if due >= start + seconds:
        break
    wait = due - time.time()
    if wait > 0:
        time.sleep(wait)
    seg = segs[n % count]
    text = f"{me} confirms {n}."
    t, c = time.perf_counter(), time.process_time()
    try:
        revision[seg.id] = p.confirm(seg.id, text, override_reason="bench",
                                     revision=revision[seg.id]).revision
        latencies.append(time.perf_counter() - t)
        done.setdefault(seg.id, []).append(text)
    except ConflictError:
        conflicts += 1
    cpu += time.process_time() - c
    n += 1
print(json.dumps({"latencies": latencies, "done": done, "asked": n, "conflicts": conflicts,
                  "cpu": cpu}))
"""


def _project(folder: Path, db: str) -> None:
    """A project with one document of CLIENTS × SEGMENTS_EACH segments (real Arabic)."""
    from workbench.project import Project

    lines = [
        line for line in (DATA / "ntrex128" / "ar.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][: CLIENTS * SEGMENTS_EACH * 2]
    source = folder / "team.ar.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.open(db, create=True, author="lead") as project:
        project.import_document(source, "team")


def _server(folder: Path) -> tuple[object, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(folder / "pgdata", cleanup_mode="stop")
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS team WITH (FORCE)")
        conn.execute("CREATE DATABASE team")
    return server, server.get_uri("team")


def _server_cpu(server: object | None) -> float:
    """CPU seconds used so far by the PostgreSQL server's processes (its postmaster, the
    backends alive and those ended); 0 without a server."""
    if server is None:
        return 0.0
    import psutil

    pid = int((Path(server.pgdata) / "postmaster.pid").read_text().split()[0])  # type: ignore
    main = psutil.Process(pid)
    times = main.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in main.children(recursive=True):
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass  # ended meanwhile: counted with the postmaster's children next time
    return total


def _alone(db: str, server: object | None, count: int = 300) -> dict[str, float]:
    """One client alone: per confirmation, wall ms, client CPU ms, server CPU ms, and calls
    to the database (round trips on PostgreSQL, where a series of statements goes in one)."""
    from workbench.project import Project

    with Project.open(db, author="alone") as project:
        segs = project.segments(limit=CLIENTS * SEGMENTS_EACH)[-SEGMENTS_EACH:]
        for i in range(20):  # warm: caches built, statements prepared
            project.confirm(segs[i % len(segs)].id, f"warm {i}.", override_reason="bench")
        statements = [0]
        dbo = project.db
        calls = ("execute", "query", "executemany")
        if server is not None:  # on SQLite these call execute for each statement
            calls += ("execute_series", "commit")
        for name in calls:
            original = getattr(dbo, name)

            def counted(*args: object, _original: object = original, **kw: object) -> object:
                statements[0] += 1
                return _original(*args, **kw)  # type: ignore[operator]

            setattr(dbo, name, counted)
        project.confirm(segs[0].id, "counted.", override_reason="bench")
        per = statements[0]
        for name in calls:
            delattr(dbo, name)
        s0 = _server_cpu(server)
        t, c = time.perf_counter(), time.process_time()
        for i in range(count):
            project.confirm(segs[i % len(segs)].id, f"alone {i}.", override_reason="bench")
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        server_cpu = _server_cpu(server) - s0
    return {"wall": wall / count * 1000, "cpu": cpu / count * 1000,
            "server": server_cpu / count * 1000, "statements": per}


def _load(db: str, server: object | None = None) -> dict[str, object]:
    """Run the clients against ``db``; their figures, checked against the history."""
    from workbench.project import Project

    s0 = _server_cpu(server)
    start = time.time() + 3.0 + CLIENTS * 0.15  # every client opened and warmed up by then
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, db, f"c{i:02d}", str(i * SEGMENTS_EACH),
             str(SEGMENTS_EACH), str(start), str(SECONDS), str(PERIOD)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for i in range(CLIENTS)
    ]
    results = []
    for child in children:
        out, err = child.communicate(timeout=SECONDS * 10 + 300)
        if child.returncode != 0:
            raise RuntimeError(err)
        results.append(json.loads(out))
    server_cpu = _server_cpu(server) - s0
    latencies = sorted(x for r in results for x in r["latencies"])
    lost = 0
    with Project.open(db) as project:
        for i, result in enumerate(results):
            me = f"c{i:02d}"
            for sid, texts in result["done"].items():
                history = [r.new_text for r in project.history(int(sid))
                           if r.author == me and r.action == "confirm"]
                lost += len(set(texts) - set(history))
                if project.segment(int(sid)).target != texts[-1]:
                    lost += 1
    return {
        "done": len(latencies),
        "asked": sum(r["asked"] for r in results),
        "conflicts": sum(r["conflicts"] for r in results),
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95)],
        "max": latencies[-1],
        "lost": lost,
        "cpu": sum(r["cpu"] for r in results) / max(len(latencies), 1) * 1000,
        "server": server_cpu / max(len(latencies), 1) * 1000,
    }


def run() -> list[Row]:
    from bench.postgres import missing_rows

    if missing := missing_rows():
        return missing
    folder = workdir("team")
    sqlite_db = str(folder / "team.db")
    _project(folder, sqlite_db)
    server, url = _server(folder)
    _project(folder, url)
    alone = {"postgresql": _alone(url, server), "sqlite": _alone(sqlite_db, None)}
    load_before = os.getloadavg()[0]
    figures = {"postgresql": _load(url, server), "sqlite": _load(sqlite_db)}
    load_after = os.getloadavg()[0]
    server.cleanup()  # type: ignore[attr-defined]
    pg, lite = figures["postgresql"], figures["sqlite"]
    pa, la = alone["postgresql"], alone["sqlite"]
    offered = CLIENTS / PERIOD
    rows = [
        Row("one client alone, 300 confirmations: wall per confirmation", pa["wall"], "ms",
            f"SQLite {la['wall']:.2f} ms", pa["wall"] / la["wall"]),
        Row("one client alone: client CPU + server CPU per confirmation",
            pa["cpu"] + pa["server"], "ms",
            f"client {pa['cpu']:.2f} + server {pa['server']:.2f}; SQLite {la['cpu']:.2f}",
            None, "≈ 3 ms"),
        Row("one client alone: round trips to the server per confirmation", pa["statements"],
            "", f"SQLite: {la['statements']:.0f} statements", None),
        Row(f"load average before the run {load_before:.1f}, after {load_after:.1f} "
            "(other work on the machine counts)", load_before, ""),

        Row(f"{CLIENTS} clients × 1 confirmation / {PERIOD * 1000:.0f} ms for {SECONDS:.0f} s: "
            "confirmations done (asked)", float(pg["done"]), "",  # type: ignore[arg-type]
            f"SQLite {lite['done']} (asked {lite['asked']})", None,
            f"asked {pg['asked']}"),
        Row("confirmations per second (offered "
            f"{offered:.0f}/s)", pg["done"] / SECONDS, "/s",  # type: ignore[operator]
            f"SQLite {lite['done'] / SECONDS:.0f}/s", None),  # type: ignore[operator]
    ]
    for key, label in (("p50", "commit latency p50"), ("p95", "commit latency p95"),
                       ("max", "commit latency max")):
        rows.append(Row(label, pg[key] * 1000, "ms",  # type: ignore[operator]
                        f"SQLite {lite[key] * 1000:.1f} ms",  # type: ignore[operator]
                        pg[key] / lite[key],  # type: ignore[operator]
                        "< 50 ms" if key == "p95" else ""))
    rows.append(Row("during the run: CPU per confirmation, clients' confirm calls + server",
                    pg["cpu"] + pg["server"], "ms",  # type: ignore[operator]
                    f"client {pg['cpu']:.2f} + server {pg['server']:.2f}; "
                    f"SQLite {lite['cpu']:.2f}", None))
    rows.append(Row("lost writes (history and final English checked)", float(pg["lost"]),
                    "", f"SQLite {lite['lost']}", None, "0"))  # type: ignore[arg-type]
    rows.append(Row("conflicts (each client confirms its own segments)",
                    float(pg["conflicts"]), "", f"SQLite {lite['conflicts']}",  # type: ignore
                    None, "0"))
    return rows
