"""How the aligner's cost grows: presegmented texts of 5k to 40k sentences, with and without a
dictionary, each in a fresh process (wall and CPU seconds, peak memory), and hunalign on the
same sentences when it is here (``bench/hunalign.py``: a native ``hunalign`` on the PATH, or its
WebAssembly build under Node.js after ``npm install --prefix bench/peers``).

Not in the default run (several minutes): ``python -m bench align_scale``.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from bench import hunalign
from bench.align import native_rows, scale_gold, strict_f1
from bench.common import ROOT, Row, python, skipped, workdir

SIZES = (5_000, 10_000, 20_000, 40_000)
FREEDICT = Path("/usr/share/dictd/freedict-ara-eng.index")


def one(size: int, dictionary: bool = False) -> None:
    """Align the scale set of ``size`` in this process; print the figures as JSON."""
    import resource

    from workbench.align import align_sentences

    ar, en, gold = scale_gold(size)
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
        "f1": strict_f1(result.links, gold),
    }))


def _command(size: int) -> tuple[float, float, float]:
    """The whole ``workbench align --presegmented AR EN --format tsv`` on the scale set of
    ``size``, in a process of its own as a user runs it (start-up, imports, reading the files
    and writing the links included, as hunalign's figures include them; its modules' bytecode
    cached, as it is once installed): wall and CPU seconds, peak MB."""
    import os
    import sys

    ar, en, _ = scale_gold(size)
    folder = workdir(f"align_command_{size}")
    for name, lines in (("ar", ar), ("en", en)):
        (folder / f"{name}.txt").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    args = [sys.executable, "-m", "workbench", "align", "--presegmented",
            str(folder / "ar.txt"), str(folder / "en.txt"), "--format", "tsv"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True)  # bytecode
    _, _, seconds, cpu, peak_mb = hunalign.run_measured(args, folder, env=env)
    return seconds, cpu, peak_mb


def _child(size: int, dictionary: bool = False) -> dict:
    out = python("-c", f"from bench.align_scale import one; one({size}, {dictionary})")
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[Row]:
    """Time, memory and strict link F1 at each size (the scale set's gold: each Arabic line
    with its one or two English), ours beside hunalign's."""
    rows: list[Row] = []
    for size in SIZES:
        r = _child(size)
        ar, en, gold = scale_gold(size)
        peer = hunalign.align(ar, en, name=f"hunalign_{size}")
        rows.append(Row(
            f"align --presegmented {r['ar']:,} x {r['en']:,} sentences (CPU {r['cpu']:.1f} s)",
            r["seconds"], "s",
            f"hunalign ({peer.build}) {peer.seconds:.2f} s" if peer else "hunalign not here",
            r["seconds"] / peer.seconds if peer else None, "faster than hunalign"))
        if peer and peer.cpu is not None:  # native: CPU beside CPU (ours uses two threads)
            rows.append(Row(f"CPU time, {size:,} sentences", r["cpu"], "s",
                            f"hunalign {peer.cpu:.2f} s", r["cpu"] / peer.cpu,
                            "faster than hunalign"))
        seconds, cpu, _ = _command(size)
        rows.append(Row(
            f"the whole `workbench align --presegmented --format tsv` command, {size:,} "
            f"sentences (start-up, reading, writing; CPU {cpu:.2f} s)", seconds, "s",
            f"hunalign's whole process {peer.seconds:.2f} s (CPU {peer.cpu:.2f} s)"
            if peer and peer.cpu is not None else "", seconds / peer.seconds
            if peer and peer.cpu is not None else None, "faster than hunalign"))
        peer_mb = peer.peak_mb if peer else None
        rows.append(Row(f"peak memory, {size:,} sentences", r["peak_mb"], "MB",
                        f"hunalign {peer_mb:.0f} MB" if peer_mb else "",
                        r["peak_mb"] / peer_mb if peer_mb else None))
        peer_f1 = strict_f1(peer.links, gold) if peer else None
        rows.append(Row(f"strict link F1, {size:,} sentences", r["f1"], "F1",
                        f"hunalign {peer_f1:.4f}" if peer else "",
                        r["f1"] / peer_f1 if peer_f1 else None, "no loss"))
    if FREEDICT.exists():
        r = _child(10_000, True)
        rows.append(Row(f"align {r['ar']:,} x {r['en']:,} with FreeDict (CPU {r['cpu']:.1f} s)",
                        r["seconds"], "s", "", None, "< 15 s"))
        rows.append(Row("peak memory of that process", r["peak_mb"], "MB", "", None, "< 1024"))
        rows.append(Row("strict link F1 of that alignment", r["f1"], "F1"))
    else:
        rows.append(skipped("with FreeDict: dict-freedict-ara-eng not installed"))
    return rows + hunalign.missing_rows() + native_rows()
