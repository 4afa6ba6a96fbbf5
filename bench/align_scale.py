"""How the aligner's cost grows: presegmented texts of 5k to 40k sentences, with and without a
dictionary, each in a fresh process (wall and CPU seconds, peak memory), and hunalign on the
same files when it is installed (``hunalign`` on the PATH).

Not in the default run (several minutes): ``python -m bench align_scale``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, Row, workdir

SIZES = (5_000, 10_000, 20_000, 40_000)
FREEDICT = Path("/usr/share/dictd/freedict-ara-eng.index")


def one(size: int, dictionary: bool = False) -> None:
    """Align the scale set of ``size`` in this process; print the figures as JSON."""
    import resource

    from bench.align import scale_set
    from workbench.align import align_sentences

    ar, en = scale_set(size)
    lexicon = None
    if dictionary:
        from workbench.dictionary import open_lexicon

        lexicon = open_lexicon([FREEDICT])
    start, cpu = time.perf_counter(), time.process_time()
    result = align_sentences(ar, en, lexicon=lexicon)
    print(json.dumps({
        "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ar": len(ar), "en": len(en), "links": len(result.links),
    }))


def _child(size: int, dictionary: bool = False) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", f"from bench.align_scale import one; one({size}, {dictionary})"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _hunalign(size: int) -> float | None:
    """Seconds hunalign takes on the same sentences (None when it is not installed)."""
    binary = shutil.which("hunalign")
    if binary is None:
        return None
    from bench.align import scale_set

    folder = workdir(f"hunalign_{size}")
    ar, en = scale_set(size)
    (folder / "ar.txt").write_text("\n".join(ar) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    (folder / "empty.dic").write_text("", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([binary, "-text", str(folder / "empty.dic"), str(folder / "ar.txt"),
                    str(folder / "en.txt")], capture_output=True, check=True)
    return time.perf_counter() - start


def run() -> list[Row]:
    rows: list[Row] = []
    for size in SIZES:
        r = _child(size)
        peer = _hunalign(size)
        rows.append(Row(
            f"align --presegmented {r['ar']:,} x {r['en']:,} sentences (CPU {r['cpu']:.1f} s)",
            r["seconds"], "s", f"hunalign {peer:.1f} s" if peer else "hunalign not installed",
            r["seconds"] / peer if peer else None, "faster than hunalign"))
        rows.append(Row(f"peak memory, {size:,} sentences", r["peak_mb"], "MB"))
    if FREEDICT.exists():
        r = _child(10_000, True)
        rows.append(Row(f"align {r['ar']:,} x {r['en']:,} with FreeDict (CPU {r['cpu']:.1f} s)",
                        r["seconds"], "s", "", None, "< 15 s"))
        rows.append(Row("peak memory of that process", r["peak_mb"], "MB", "", None, "< 1024"))
    return rows
