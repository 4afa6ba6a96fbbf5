"""Run the benchmarks, each module in its own process (its own peak memory); print a table."""

from __future__ import annotations

import contextlib
import json
import math
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

MODULES = [
    "store", "scoring", "glossary", "export", "tui", "segment", "align", "spelling", "documents",
    "omegat", "postgres", "team", "dictionary", "epub",
]


def bench_modules() -> list[str]:
    """Every bench module (one that defines ``run()``), default ones or not."""
    folder = Path(__file__).parent
    return sorted(
        info.name for info in pkgutil.iter_modules([str(folder)])
        if not info.name.startswith("_")
        and "\ndef run(" in (folder / f"{info.name}.py").read_text(encoding="utf-8")
    )


def usage() -> str:
    """What ``python -m bench --help`` prints: the default modules and the others."""
    others = [name for name in bench_modules() if name not in MODULES]
    return (
        "usage: python -m bench [NAME ...]\n"
        f"  no NAME: the default run ({', '.join(MODULES)})\n"
        f"  also (long, not in the default run): {', '.join(others)}\n"
    )


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(usage(), end="")
        return 0
    unknown = [name for name in argv if name not in bench_modules()]
    if unknown:
        print(f"no bench module {', '.join(unknown)}\n{usage()}", end="", file=sys.stderr)
        return 2
    kept = os.environ.get("BENCH_OUT")
    out = Path(kept) if kept else _scratch()
    try:
        return _run(argv or MODULES, {**os.environ, "BENCH_OUT": str(out)})
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        if not kept:
            shutil.rmtree(out, ignore_errors=True)
            with contextlib.suppress(OSError):  # bench/out itself, when nothing else is in it
                out.parent.rmdir()


def _scratch() -> Path:
    """A scratch folder of this run under bench/out (the disk the figures were taken on)."""
    from bench.common import WORK

    WORK.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="run-", dir=WORK))
    out.chmod(0o755)  # as root, pgserver runs PostgreSQL as another user, who must enter it
    return out


def _run(names: list[str], env: dict[str, str]) -> int:
    """Run ``names``, each in its own process with ``env``; print the table; 1 if one failed."""
    table = new_table()
    failed = 0
    for name in names:
        start = time.perf_counter()
        proc = run_module(name, env)
        took = time.perf_counter() - start
        if proc.returncode != 0:
            failed += 1
            print(f"bench {name} failed after {took:.0f} s:\n{proc.stderr}", file=sys.stderr)
            continue
        print(f"bench {name}: {took:.0f} s", file=sys.stderr)
        for line in proc.stdout.splitlines():
            if line.startswith("ROW "):
                row = json.loads(line[4:])
                ratio = "" if row["ratio"] is None else f"{row['ratio']:.3g}"  # 0.0044 not 0.00
                cells = (name, row["figure"], format_value(row["value"]), row["unit"],
                         row["baseline"], ratio, row["target"])
                table.add_row(*(Text(cell) for cell in cells))  # as written, no markup
    console().print(table)
    return 1 if failed else 0


def new_table() -> Table:
    """The table's columns; a word too long for a narrow terminal's column is folded onto
    the next line, not cut short with an ellipsis (``stardict-xml…``)."""
    table = Table(title="workbench benchmarks")
    for column in ("module", "figure", "value", "unit", "baseline", "ratio", "target"):
        table.add_column(column, justify="right" if column in ("value", "ratio") else "left",
                         overflow="fold")
    return table


def run_module(name: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the bench module ``name`` in a process of its own; its output. On Ctrl+C the
    process is waited for (see ``stop``) before the interruption goes on, so that the scratch
    folder is not removed while it still writes there."""
    command = [sys.executable, "-c", f"from bench import {name} as m, common; common.emit(m.run())"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env) as proc:
        try:
            out, err = proc.communicate()
        except KeyboardInterrupt:
            stop(proc)
            raise
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def stop(proc: subprocess.Popen[str], grace: float = 5.0) -> None:
    """Wait ``grace`` seconds for an interrupted child to end (a terminal's Ctrl+C reaches it
    too, and it cleans up: a PostgreSQL server stopped, a database closed), then kill it."""
    try:
        proc.communicate(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def format_value(value: float) -> str:
    """A figure's value in the table: four significant digits, a large one whole with
    thousands separators (``47,800`` segments/s, not ``4.78e+04``), none (a dash) for a row
    that says what was left out or failed."""
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if abs(value) >= 9_999.5 else f"{value:.4g}"


def console() -> Console:
    """Where the table goes: a terminal at its own width (rich wraps the cells to fit, where
    a wider table would be broken by the terminal's own wrapping), a file or a pipe at 200
    columns, so that each row stays on one line."""
    return Console(width=None if sys.stdout.isatty() else 200)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
