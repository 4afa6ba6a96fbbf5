"""Run the benchmarks, each module in its own process (its own peak memory); print a table."""

from __future__ import annotations

import json
import subprocess
import sys

from rich.console import Console
from rich.table import Table

MODULES = [
    "store", "scoring", "glossary", "export", "tui", "segment", "align", "spelling", "documents",
    "omegat", "postgres", "team", "dictionary", "epub",
]


def main(argv: list[str]) -> int:
    names = argv or MODULES
    table = Table(title="workbench benchmarks")
    for column in ("module", "figure", "value", "unit", "baseline", "ratio", "target"):
        table.add_column(column, justify="right" if column in ("value", "ratio") else "left")
    failed = 0
    for name in names:
        proc = subprocess.run(
            [sys.executable, "-c", f"from bench import {name} as m, common; common.emit(m.run())"],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            failed += 1
            print(f"bench {name} failed:\n{proc.stderr}", file=sys.stderr)
            continue
        for line in proc.stdout.splitlines():
            if line.startswith("ROW "):
                row = json.loads(line[4:])
                ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
                table.add_row(
                    name, row["figure"], f"{row['value']:.4g}", row["unit"], row["baseline"],
                    ratio, row["target"],
                )
    Console(width=200).print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
