"""Shared helpers for bench modules: the row type, timing, memory and the data sets."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "corpora"  # real parallel text (see corpora/README.md)
WORK = ROOT / "bench" / "out"  # scratch files, unless BENCH_OUT names another folder


@dataclass
class Row:
    """One figure: its value and unit, the baseline's value (or target) and value/baseline."""

    figure: str
    value: float
    unit: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""


def skipped(figure: str) -> Row:
    """A row saying what was left out and why (a peer or a dictionary not installed): no
    value, which the table shows as a dash, not as a measured 0."""
    return Row(figure, float("nan"), "")


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls of ``fn``, in seconds, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(rows: list[Row]) -> None:
    """Print rows as JSON lines for ``python -m bench`` to collect."""
    for row in rows:
        print("ROW " + json.dumps(asdict(row), ensure_ascii=False))
    sys.stdout.flush()


def python(*args: str, timeout: float | None = None) -> str:
    """Run ``python ARGS`` in a fresh process from the repository; its stdout. A failure
    raises with the child's own error (its stderr: ``check=True`` left it out)."""
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)
    if proc.returncode != 0:
        shown = " ".join(args)
        shown = shown if len(shown) <= 120 else shown[:117] + "..."
        raise RuntimeError(f"python {shown} failed (exit {proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def workdir(name: str) -> Path:
    """A fresh scratch folder for one bench module: under ``BENCH_OUT`` when it is set
    (``python -m bench`` sets it to a folder of its own and removes it at the end), else
    under bench/out."""
    import shutil

    path = Path(os.environ.get("BENCH_OUT") or WORK) / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def corpus_lines(name: str) -> list[str]:
    """The non-empty lines of NTREX-128's then TICO-19's ``name`` (``ar.txt`` or ``en.txt``)."""
    return [
        line.strip()
        for part in ("ntrex128", "tico19")
        for line in (DATA / part / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
