"""Importing (aligning) an English translation onto a 100,000-line Arabic document.

Not in the default run (about three minutes): ``python -m bench import_translation``. Two
cases: the paragraphs match (paragraph p faces paragraph p), and the English has one
paragraph fewer (two of its paragraphs joined), so the whole text is aligned at once; the
second again with FreeDict ara-eng added to the project (where it is installed: read from
/usr/share/dictd, never copied).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.common import Row, corpus_lines, peak_rss_mb, python, skipped, timed, workdir

LINES = 100_000
PER_PARAGRAPH = 8


def _write(path: Path, lines: list[str], lines_total: int, join_one: bool = False) -> None:
    repeated = (lines * (lines_total // len(lines) + 1))[:lines_total]
    pars = [" ".join(repeated[i : i + PER_PARAGRAPH])
            for i in range(0, lines_total, PER_PARAGRAPH)]
    if join_one:  # one paragraph fewer: the middle two joined
        mid = len(pars) // 2
        pars[mid - 1 : mid + 1] = [pars[mid - 1] + " " + pars[mid]]
    path.write_text("\n".join(pars), encoding="utf-8")


def one(lines_total: int, mismatched: bool, dictionary: bool = False) -> None:
    """Build and import in this process; print seconds, peak memory and the report as JSON.
    ``dictionary``: with FreeDict ara-eng in the project."""
    from workbench.project import Project

    folder = workdir(f"import_translation_{lines_total}_{int(mismatched)}_{int(dictionary)}")
    _write(folder / "doc.ar.txt", corpus_lines("ar.txt"), lines_total)
    _write(folder / "doc.en.txt", corpus_lines("en.txt"), lines_total, join_one=mismatched)
    with Project.open(folder / "p.db", create=True) as project:
        if dictionary:
            from bench.align import FREEDICT

            project.dictionaries.add(FREEDICT)
        doc_seconds, _doc = timed(lambda: project.import_document(folder / "doc.ar.txt", "doc"))
        cpu = time.process_time()
        seconds, report = timed(
            lambda: project.import_translation(folder / "doc.en.txt", "doc", "working")
        )
        cpu = time.process_time() - cpu
    print(json.dumps({"doc_seconds": doc_seconds, "seconds": seconds, "cpu": cpu,
                      "peak_mb": peak_rss_mb(), "segments": report.segments,
                      "sentences": report.sentences, "low": report.low_confidence}))


def _child(lines_total: int, mismatched: bool, dictionary: bool = False) -> dict:
    out = python("-c", "from bench.import_translation import one; "
                 f"one({lines_total}, {mismatched}, {dictionary})")
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[Row]:
    from bench.align import FREEDICT, native_rows

    rows: list[Row] = []
    for mismatched, dictionary in ((False, False), (True, False), (True, True)):
        case = "one paragraph fewer in the English" if mismatched else "paragraphs match"
        if dictionary:
            case += ", FreeDict in the project"
            if not FREEDICT.exists():
                rows.append(skipped(f"import-translation, {case}: dict-freedict-ara-eng not "
                                    "installed"))
                continue
        r = _child(LINES, mismatched, dictionary)
        rows.append(Row(
            f"import-translation, {case}: align {r['sentences']:,} English sentences to "
            f"{r['segments']:,} segments and store them (CPU {r['cpu']:.1f} s)", r["seconds"],
            "s", "", None, "< 40 s" if mismatched else "< 30 s"))
        rows.append(Row(f"peak memory of that process ({case})", r["peak_mb"], "MB", "", None,
                        "< 1024"))
        rows.append(Row(f"links with confidence < 0.5 ({case})", r["low"], "links"))
    return rows + native_rows()


if __name__ == "__main__":
    print(peak_rss_mb())
