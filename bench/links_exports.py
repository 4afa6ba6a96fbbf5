"""The HTML and DOCX exports of ``bench.links`` on their own (issue 11's last target).

``python -m bench links_exports`` builds the project of ``bench.links`` (``bench/links_build.py``)
and a variant whose lines are numbered (``distinct``: no source/target pair repeats, so no
QA result can be reused), then exports working and reference:main of each to HTML and DOCX
(every QA finding, the default) twice, each export in a fresh process. CPU counts the forked
checking processes too; the load average (one minute) at the end of each export is printed
beside it, since the machine is often shared. ``python -m bench.links_exports FOLDER
[LABEL]`` measures a project already built in FOLDER (``FOLDER/big.db``; LABEL, such as
``numbered``, heads its figures) and prints the figures.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench.common import Row, workdir
from bench.links import VERSIONS, _export, _python

FORMATS = ("html", "docx")
RUNS = 2

_DISTINCT_BUILD = """
import json, sys
from pathlib import Path
import bench.links_build as lb

def numbered(lines):
    repeated = (lines * (lb.LINES // len(lines) + 1))[: lb.LINES]
    repeated = [f"{i} {line}" for i, line in enumerate(repeated)]
    return "\\n".join(
        " ".join(repeated[i : i + lb.PER_PARAGRAPH]) for i in range(0, lb.LINES, lb.PER_PARAGRAPH)
    ) + "\\n"

lb._text = numbered
print(json.dumps(lb.build(Path(sys.argv[1]))))
"""


def measure(folder: Path, label: str) -> list[Row]:
    """HTML and DOCX exports of both versions of ``folder/big.db``, ``RUNS`` times each."""
    rows = []
    for version in VERSIONS:
        for fmt in FORMATS:
            for run in range(1, RUNS + 1):
                f = _export(folder / "big.db", fmt, version, folder)
                rows.append(Row(
                    f"{label}: export {version} to {fmt}, run {run} ({f['units']:,} units, "
                    f"{f['mb']:.0f} MB, {f['cpu']:.1f} s CPU, load {os.getloadavg()[0]:.1f})",
                    f["seconds"], "s", "", None, "< 10 s",
                ))
    return rows


def run() -> list[Row]:
    repeated = workdir("links_exports")
    _python("-m", "bench.links_build", str(repeated))
    distinct = workdir("links_exports_distinct")
    _python("-c", _DISTINCT_BUILD, str(distinct))
    return measure(repeated, "bench.links project") + measure(distinct, "numbered lines")


USAGE = "usage: python -m bench.links_exports FOLDER [LABEL]  (measures FOLDER/big.db)"


def main(argv: list[str]) -> int:
    """Measure the project built in ``argv[0]``; 2 and one line without a folder that holds
    one (``python -m bench links_exports`` builds it)."""
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    db = Path(argv[0]) / "big.db"
    if not db.is_file():
        print(f"bench.links_exports: no project at {db} (python -m bench.links_build FOLDER "
              "builds one)\n" + USAGE, file=sys.stderr)
        return 2
    for row in measure(Path(argv[0]), " ".join(argv[1:]) or "project"):
        print(json.dumps({"figure": row.figure, "seconds": round(row.value, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
