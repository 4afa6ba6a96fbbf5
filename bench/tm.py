"""Translation memory figures (issue 12): a 1,000,000-unit memory built from the repository's
parallel text (bench/tm_data.py), imported from TMX; lookups inside the service against a
rapidfuzz brute force over every unit; analysis of a 10,000-segment document.

The same import and lookups run on PostgreSQL too (a local server from the ``pgserver`` wheel,
as ``bench.postgres`` starts it; ``BENCH_TM_POSTGRES=0`` skips them).

Not in the default run (about 15 minutes): ``python -m bench tm``. ``BENCH_TM_UNITS`` sets a
smaller memory for a quick look.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.common import Row, python, workdir


def _units(value: str) -> int:
    """``BENCH_TM_UNITS`` as a positive whole number (a one-line error otherwise)."""
    if not value.strip().isdecimal() or int(value) < 1:
        raise SystemExit(f"bench tm: BENCH_TM_UNITS must be a whole number of units, not {value!r}")
    return int(value)


UNITS = _units(os.environ.get("BENCH_TM_UNITS", "1000000"))
LOOKUPS = 500
BRUTE = 100
SEGMENTS = 10_000
POSTGRES = os.environ.get("BENCH_TM_POSTGRES", "1") != "0"

_WRITE = """
import sys
from pathlib import Path
from bench.tm_data import write_tmx
write_tmx(Path(sys.argv[1]), int(sys.argv[2]))
"""

_IMPORT = """
import json, resource, sys, time
from workbench.project import Project
with Project.open(sys.argv[1], create=True, author="bench") as project:
    start, cpu = time.perf_counter(), time.process_time()
    result = project.tm.import_file(sys.argv[2], "big")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    from workbench.store import tm_words as q_words
    began = time.perf_counter()
    words = len(frozenset(q_words.words(project.db)))  # what the spell checker reads
    words_s = time.perf_counter() - began
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds, "cpu": cpu, "units": result.units, "words": words,
    "words_s": words_s,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "reader_peak_mb": children.ru_maxrss / 1024, "reader_cpu": children.ru_utime,
}))
"""

_MATCH = """
import json, os, statistics, sys, time
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from bench.corpus import write_big_arabic
from bench.tm_data import queries
from workbench.project import Project
from workbench.store import tm as q_tm
from workbench.tm.numbers import signed_words, substituted_target
from workbench.tm.score import FUZZY_MAX, band_score, same_words_score

db, folder, lookups, brute_n, segments = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
out = {}
with Project.open(db, author="bench") as project:
    texts = queries(lookups + brute_n)
    timed, sample = texts[:lookups], texts[lookups:]
    start = time.perf_counter()
    project.tm.lookup(timed[0])
    out["first_lookup_ms"] = (time.perf_counter() - start) * 1000
    for text in timed[:50]:  # warm the caches as a session would
        project.tm.lookup(text)
    times, cpu = [], []
    for text in timed:
        start, used = time.perf_counter(), time.process_time()
        project.tm.lookup(text)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    times.sort()
    cpu.sort()
    out["p50_ms"] = times[len(times) // 2]
    out["p95_ms"] = times[int(len(times) * 0.95)]
    out["cpu_p50_ms"] = cpu[len(cpu) // 2]
    out["cpu_p95_ms"] = cpu[int(len(cpu) * 0.95)]

    # the baseline: rapidfuzz over every unit with the same score (what OmegaT does)
    matcher = project.tm.matcher
    start = time.perf_counter()
    rows = q_tm.all_keys(project.db) if brute_n else []
    out["brute_load_s"] = time.perf_counter() - start
    ids = np.array([r[0] for r in rows])
    stems = [r[1] for r in rows]
    words = [r[2] for r in rows]
    lengths = np.fromiter((len(w) for w in words), np.int64, len(words))
    del rows
    matcher.refresh()
    prepared = matcher.prepare(sample) if brute_n else []

    def brute(query):
        ds = process.cdist([query.stem_codes], stems, scorer=Levenshtein.distance)[0]
        dw = process.cdist([query.word_codes], words, scorer=Levenshtein.distance)[0]
        longest = np.maximum(lengths, len(query.word_codes))
        scores = (100 * (2 * longest - ds.astype(np.int64) - dw.astype(np.int64))) // (
            np.maximum(2 * longest, 1))
        scores = np.minimum(np.where(longest == 0, 0, scores), FUZZY_MAX)
        best = int(scores.max())
        same = np.flatnonzero(dw == 0) if query.word_codes else []
        if len(same):
            for unit in q_tm.units(project.db, [int(ids[i]) for i in same]).values():
                best = max(best, band_score(query.text, "", query.word_codes, unit["source"],
                                            "", query.word_codes))
        # the same words but for numbers, which the target takes substituted: as same words
        q = query.word_codes
        apart = [int(ids[i]) for i in np.flatnonzero((lengths == len(q)) & (dw > 0))
                 if all(a == b or k in query.numbers for k, (a, b) in enumerate(zip(q, words[i])))
                 ] if query.numbers else []
        for unit in q_tm.units(project.db, apart).values():
            if substituted_target(signed_words(query.text), signed_words(unit["source"]),
                                  unit["target"]) is not None:
                best = max(best, same_words_score(query.text, unit["source"]))
        return best if best >= 50 else None

    brute_times, agree, ours_times = [], 0, []
    for query in prepared:
        start = time.perf_counter()
        expected = brute(query)
        brute_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        found = matcher.best(query, 50, 1)
        ours_times.append((time.perf_counter() - start) * 1000)
        agree += (found[0].score if found else None) == expected
    brute_times.sort()
    if brute_n:
        out["brute_p50_ms"] = brute_times[len(brute_times) // 2]
        out["agreement"] = agree / len(prepared)
        out["brute_queries"] = len(prepared)

    start = time.perf_counter()
    hits = project.tm.concordance("الصحة", lang="ar", limit=50)
    out["concordance_ar_ms"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    project.tm.concordance("health", lang="en", limit=50)
    out["concordance_en_ms"] = (time.perf_counter() - start) * 1000
    out["concordance_hits"] = len(hits)

    if segments:
        source = write_big_arabic(os.path.join(folder, "doc.ar.txt"), segments)
        project.import_document(source, "doc")
        start, used = time.perf_counter(), time.process_time()
        analysis = project.tm.analyze("doc")
        out["analyze_s"] = time.perf_counter() - start
        out["analyze_cpu_s"] = time.process_time() - used
        out["analysis"] = analysis.to_dict()
    out["load"] = os.getloadavg()[0]
print(json.dumps(out))
"""


def _python(code: str, *args: str) -> dict:
    lines = python("-c", code, *args).strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def run() -> list[Row]:
    folder = workdir("tm")
    tmx = folder / "big.tmx"
    _python(_WRITE, str(tmx), str(UNITS))
    size = tmx.stat().st_size / 1e6
    load_before = os.getloadavg()[0]
    imported = _python(_IMPORT, str(folder / "tm.db"), str(tmx))
    figures = _python(
        _MATCH, str(folder / "tm.db"), str(folder), str(LOOKUPS), str(BRUTE), str(SEGMENTS)
    )
    postgres = _postgres(folder, str(tmx)) if POSTGRES else []
    bands = figures["analysis"]["bands"]
    spread = ", ".join(f"{b} {v['segments']}" for b, v in bands.items() if v["segments"])
    ratio = figures["brute_p50_ms"] / figures["p50_ms"]
    units = imported["units"]
    return [
        Row(f"TMX import of {units:,} units ({size:.0f} MB; {imported['cpu']:.0f} s CPU, "
            f"reader process {imported['reader_cpu']:.0f} s CPU)", imported["seconds"], "s",
            "", None, "< 60 s"),
        Row("peak memory of the importing process", imported["peak_mb"], "MB",
            f"reader process {imported['reader_peak_mb']:.0f} MB", None, "< 500 MB"),
        Row(f"spelling: reading the memory's {imported['words']:,} English words (tm_words, "
            "once per change of the memories)", imported["words_s"], "s"),
        Row(f"tm lookup inside the service, p50 of {LOOKUPS} (min 50, limit 5, with diffs)",
            figures["p50_ms"], "ms",
            f"rapidfuzz over every unit: {figures['brute_p50_ms']:.0f} ms", 1 / ratio, "< 10 ms"),
        Row("tm lookup, p95", figures["p95_ms"], "ms", "", None, "< 30 ms"),
        Row("tm lookup, CPU time of the process, p50 / p95", figures["cpu_p50_ms"], "ms",
            f"p95 {figures['cpu_p95_ms']:.1f} ms"),
        Row("first lookup of the session (cold caches)", figures["first_lookup_ms"], "ms"),
        Row(f"top-1 score agreement with the brute force ({figures['brute_queries']} queries)",
            100 * figures["agreement"], "%", "", None, ">= 99%"),
        Row("loading every unit's code strings for the brute force", figures["brute_load_s"], "s"),
        Row(f"concordance (Arabic, {figures['concordance_hits']} hits)",
            figures["concordance_ar_ms"], "ms"),
        Row("concordance (English, a scan of every target)", figures["concordance_en_ms"], "ms"),
        Row(f"analyze a {SEGMENTS:,}-segment document ({spread}; "
            f"{figures['analyze_cpu_s']:.0f} s CPU)", figures["analyze_s"], "s", "", None,
            "< 30 s"),
        Row("load average (1 min) before / after", load_before, "",
            f"after: {figures['load']:.1f}"),
        *postgres,
    ]


def _postgres(folder: Path, tmx: str) -> list[Row]:
    """The import and the lookups on PostgreSQL (a local server, default durability)."""
    from bench.postgres import _server, missing_rows

    if missing := missing_rows("its rows left out (BENCH_TM_POSTGRES=0 skips them)"):
        return missing

    server, url = _server(folder)
    try:
        imported = _python(_IMPORT, url, tmx)
        figures = _python(_MATCH, url, str(folder), str(LOOKUPS), "0", "0")
    finally:
        server.cleanup()  # type: ignore[attr-defined]
    return [
        Row(f"PostgreSQL: TMX import of {imported['units']:,} units ({imported['cpu']:.0f} s "
            f"CPU in the client, reader process {imported['reader_cpu']:.0f} s)",
            imported["seconds"], "s", "", None, "< 60 s"),
        Row(f"PostgreSQL: tm lookup, p50 / p95 of {LOOKUPS}", figures["p50_ms"], "ms",
            f"p95 {figures['p95_ms']:.1f} ms", None, "< 10 / < 30 ms"),
        Row("PostgreSQL: first lookup of the session (cold caches)",
            figures["first_lookup_ms"], "ms"),
        Row("PostgreSQL: concordance, Arabic / English", figures["concordance_ar_ms"], "ms",
            f"English {figures['concordance_en_ms']:.0f} ms"),
    ]
