"""Store figures: importing a 100,000-segment Arabic document, and reading a page of 100."""

from __future__ import annotations

import sqlite3
import statistics
import time

from bench.common import Row, peak_rss_mb, timed, workdir
from bench.corpus import write_big_arabic

SEGMENTS = 100_000


def run() -> list[Row]:
    from workbench.project import Project
    from workbench.text.segment import segment_text

    folder = workdir("store")
    source = write_big_arabic(folder / "big.ar.txt", SEGMENTS)
    rss_before = peak_rss_mb()

    def do_import() -> int:
        with Project.open(folder / "big.db", create=True) as project:
            return project.import_document(source, "big").segments

    seconds, count = timed(do_import)
    rss = peak_rss_mb()

    # Baseline: the same sentences, pre-split, inserted with plain sqlite3 in one transaction.
    sentences = segment_text(source.read_text(encoding="utf-8"), "ar")
    conn = sqlite3.connect(folder / "raw.db", isolation_level=None)
    conn.execute(
        "CREATE TABLE s (id INTEGER PRIMARY KEY, paragraph INT, position INT, source TEXT)"
    )
    conn.execute("CREATE UNIQUE INDEX s_position ON s(position)")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO s (paragraph, position, source) VALUES (?, ?, ?)",
        ((p, i, s) for i, (p, s) in enumerate(sentences, start=1)),
    )
    conn.execute("COMMIT")
    raw_seconds = time.perf_counter() - start

    with Project.open(folder / "big.db") as project:
        doc = project.document("big")
        offsets = [0, doc.segments // 2, doc.segments - 100]
        samples = []
        for _ in range(20):
            for offset in offsets:
                t, page = timed(lambda o=offset: project.segments("big", o, 100))
                assert len(page) == 100
                samples.append(t * 1000)
        raw_samples = []
        for _ in range(20):
            for offset in offsets:
                t, _ = timed(
                    lambda o=offset: conn.execute(
                        "SELECT * FROM s WHERE position > ? ORDER BY position LIMIT 100", [o]
                    ).fetchall()
                )
                raw_samples.append(t * 1000)
    page_ms = statistics.median(samples)
    raw_page_ms = statistics.median(raw_samples)
    return [
        Row(f"import+segment+store {count:,} segments", seconds, "s",
            f"raw sqlite3 insert of pre-split sentences {raw_seconds:.2f} s",
            seconds / raw_seconds, "< 10 s"),
        Row("peak memory during that import", rss, "MB", f"before import {rss_before:.0f} MB",
            None, "< 300 MB"),
        Row("import throughput", count / seconds, "segments/s"),
        Row("read a page of 100 segments (median)", page_ms, "ms",
            f"raw sqlite3 page {raw_page_ms:.3f} ms", page_ms / raw_page_ms, "< 5 ms"),
        Row("read a page of 100 segments (max)", max(samples), "ms", "", None, "< 5 ms"),
    ]
