"""Dictionary look-up as a user runs it: ``workbench dictionary lookup`` in a fresh process,
with the lookup keys' cache cold (first use) and warm (an Arabic word, and an English one
that finds the entries whose senses render it); beside sdcv, StarDict's console
reader, on the same StarDict file, and beside reading the files without the cache.

Uses the dictionaries installed on the machine (none are bundled: FreeDict is GPL-2):
``dict-freedict-ara-eng`` and ``dict-freedict-eng-ara`` (dictd), ``stardict-xmlittre``
(StarDict, 122,910 entries) with ``sdcv``. Rows of a missing one are left out, a row says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import Row, skipped, workdir

FREEDICT = [Path("/usr/share/dictd/freedict-ara-eng.index"),
            Path("/usr/share/dictd/freedict-eng-ara.index")]
LITTRE = Path("/usr/share/stardict/dic/XMLittre.ifo")
ROUNDS = 3


def _lookup(word: str, files: list[Path], cache: Path) -> float:
    """Wall time of one ``workbench dictionary lookup`` process (start-up included)."""
    args = [sys.executable, "-c", "from workbench.cli import main; main()",
            "dictionary", "lookup", word]
    for f in files:
        args += ["--dictionary", str(f)]
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True,
                          env={**os.environ, "WORKBENCH_CACHE": str(cache)})
    took = time.perf_counter() - start
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"lookup {word} failed: {proc.stderr}")
    return took


def _sdcv(word: str, folder: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(["sdcv", "-n", "--data-dir", str(folder), word],
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0 or word.casefold() not in proc.stdout.casefold():
        raise RuntimeError(f"sdcv {word} failed: {proc.stderr}")
    return took


def _cold_and_warm(name: str, word: str, files: list[Path], out: Path) -> list[Row]:
    cold, warm = [], []
    for r in range(ROUNDS):
        cache = out / f"{name}-{r}"
        cold.append(_lookup(word, files, cache))
        warm.append(_lookup(word, files, cache))
    best_cold, best_warm = min(cold), min(warm)
    return [
        Row(f"lookup {word}, {name}: keys built (first use)", best_cold, "s"),
        Row(f"lookup {word}, {name}: keys from the cache", best_warm, "s",
            baseline=f"first use {best_cold:.2f} s", ratio=best_warm / best_cold),
    ]


def run() -> list[Row]:
    out = workdir("dictionary")
    rows: list[Row] = []
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    rows.append(Row("Python's own start (every process below pays it)",
                    time.perf_counter() - start, "s"))
    missing = [f.name for f in FREEDICT if not f.exists()]
    if missing:
        rows.append(skipped(f"FreeDict not installed ({', '.join(missing)}; apt-get install "
                            "dict-freedict-ara-eng dict-freedict-eng-ara): its rows left out"))
    if all(f.exists() for f in FREEDICT):
        rows += _cold_and_warm("FreeDict ara-eng + eng-ara", "وبالكتاب", FREEDICT, out)
    if FREEDICT[0].exists():
        rows += _cold_and_warm("FreeDict ara-eng", "وبالكتاب", FREEDICT[:1], out)
        # an English word: the Arabic entries whose senses render it (an index of senses)
        rows += _cold_and_warm("FreeDict ara-eng", "uprisings", FREEDICT[:1], out)
    if LITTRE.exists() and shutil.which("sdcv"):
        rows += _cold_and_warm("XMLittre (StarDict)", "maison", [LITTRE], out)
        peer = min(_sdcv("maison", LITTRE.parent) for _ in range(ROUNDS))
        ours = rows[-1].value
        rows.append(Row("lookup maison, XMLittre: ours (cache warm) against sdcv", ours, "s",
                        baseline=f"sdcv {peer:.2f} s", ratio=ours / peer))
    else:
        rows.append(skipped("XMLittre or sdcv not installed (apt-get install "
                            "stardict-xmlittre sdcv): the rows beside sdcv left out"))
    shutil.rmtree(out, ignore_errors=True)
    return rows
