"""Reading line-aligned hypothesis, reference and source files for file-mode scoring."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.textio import read_lines
from workbench.wording import plural


def read_parallel(first: str | Path, others: Sequence[str | Path]) -> list[list[str]]:
    """Read several line-aligned files; a file with another line count is an error naming it."""
    base = read_lines(first)
    out = [base]
    for path in others:
        lines = read_lines(path)
        if len(lines) != len(base):
            raise InputError(
                path,
                f"{plural(len(lines), 'line')}, but {first} has {len(base)} (files must be "
                "line-aligned)",
            )
        out.append(lines)
    return out
