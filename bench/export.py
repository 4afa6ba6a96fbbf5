"""Export figures: 100,000 segment pairs to TMX and XLIFF (time and peak memory), each export in
its own process so that its peak memory is its own. The baseline builds the whole TMX tree with
lxml before writing it (what streaming avoids)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import DATA, Row, python, workdir
from bench.corpus import write_big_arabic

SEGMENTS = 100_000

_BUILD = """
import sys
from pathlib import Path
from workbench.glossary.tsv import read_tsv
from workbench.project import Project
from workbench.project.sample import bundled
from workbench.statuses import STATUSES
from workbench.store import documents as q_docs, history as q_history, versions as q_versions

db, source, english = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
lines = [l.strip() for l in english.read_text(encoding="utf-8").splitlines() if l.strip()]
with Project.open(db, create=True, author="bench") as project:
    project.import_document(source, "big")
    project.set_glossary(read_tsv(bundled("glossary.tsv")))
    doc = project.document("big")
    ids = q_docs.segment_ids(project.db, doc.id)
    with project.transaction():
        vid = project.version_id(doc, "working", create_working=True)
        texts = [(sid, f"{lines[i % len(lines)]} ({i})") for i, sid in enumerate(ids)]
        q_versions.put_translations(project.db, vid, texts)
        statuses = [(STATUSES[1 + i % 4], sid) for i, sid in enumerate(ids)]
        q_docs.set_statuses(project.db, statuses)
        q_history.add_revisions(
            project.db, "bench", "import",
            ((sid, None, text, "new", st) for (sid, text), (st, _) in zip(texts, statuses)),
        )
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
"""

_EXPORT = """
import json, resource, sys, time
from workbench.project import Project

db, fmt, out, findings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
with Project.open(db) as project:
    start, cpu = time.perf_counter(), time.process_time()
    result = project.export_file(fmt, out, "big", force=True, findings=findings or None)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    segments = project.document("big").segments
figures = {"seconds": seconds, "cpu": cpu, "units": result.units, "segments": segments,
           "peak_mb": peak}
print(json.dumps(figures))
"""

_TREE = """
import json, resource, sys, time
from lxml import etree
from workbench.formats.model import tmx_date
from workbench.project import Project

# The plain way: build the whole TMX tree in memory with lxml, then write it.
db, out = sys.argv[1], sys.argv[2]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
with Project.open(db) as project:
    start, cpu = time.perf_counter(), time.process_time()
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", creationtool="x", creationtoolversion="1",
                     segtype="sentence", adminlang="en", srclang="ar", datatype="plaintext",
                     **{"o-tmf": "x"})
    body = etree.SubElement(root, "body")
    count = 0
    for unit in project.export_units("big"):
        if not unit.target.strip():
            continue
        tu = etree.SubElement(body, "tu", tuid=unit.key, creationdate=tmx_date(unit.created),
                              changedate=tmx_date(unit.changed))
        etree.SubElement(tu, "prop", type="x-status").text = unit.status
        for lang, text in (("ar", unit.source), ("en", unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
        count += 1
    etree.ElementTree(root).write(out, encoding="UTF-8", xml_declaration=True)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "units": count, "peak_mb": peak}))
"""

_BASELINE = """
import json, resource
from workbench.project import Project
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _python(code: str, *args: str) -> str:
    return python("-c", code, *args)


def build_project(folder: Path) -> Path:
    """A 100,000-segment document with a working translation, statuses and history."""
    source = write_big_arabic(folder / "big.ar.txt", SEGMENTS)
    db = folder / "big.db"
    _python(_BUILD, str(db), str(source), str(DATA / "ntrex128" / "en.txt"))
    return db


def run() -> list[Row]:
    folder = workdir("export")
    db = build_project(folder)
    idle = json.loads(_python(_BASELINE))["peak_mb"]
    tree = json.loads(_python(_TREE, str(db), str(folder / "tree.tmx")))
    (folder / "tree.tmx").unlink()
    rows: list[Row] = []
    runs = (
        ("tmx", "", "< 10 s", "< 300 MB"),
        ("xliff", "", "< 10 s", "< 300 MB"),  # with glossary findings (the default)
        ("xliff2", "", "< 10 s", "< 300 MB"),
        ("xliff", "none", "", ""),
        ("xliff", "all", "", ""),  # every QA check: the checking service's cost, not a target
    )
    for fmt, findings, time_target, memory_target in runs:
        out = folder / f"big.{fmt}.{findings or 'default'}"
        figures = json.loads(_python(_EXPORT, str(db), fmt, str(out), findings))
        assert figures["units"] == figures["segments"] > 0.99 * SEGMENTS, figures
        size = out.stat().st_size / 1e6
        what = f"{fmt}" + (f" --findings {findings}" if findings else "")
        tmx = fmt == "tmx"
        rows.append(Row(
            f"export {figures['units']:,} segments to {what} ({size:.0f} MB file, "
            f"{figures['cpu']:.1f} s CPU)",
            figures["seconds"], "s",
            f"whole lxml tree, then write: {tree['seconds']:.2f} s ({tree['cpu']:.1f} s CPU)"
            if tmx else "",
            figures["seconds"] / tree["seconds"] if tmx else None, time_target,
        ))
        rows.append(Row(
            f"peak memory of that export process ({what})", figures["peak_mb"], "MB",
            f"whole lxml tree: {tree['peak_mb']:.0f} MB" if tmx
            else f"python + workbench imported {idle:.0f} MB",
            figures["peak_mb"] / tree["peak_mb"] if tmx else None, memory_target,
        ))
        out.unlink()
    return rows
