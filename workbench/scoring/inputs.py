"""Reading line-aligned hypothesis, reference and source files for file-mode scoring."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import InputError
from workbench.textio import read_text
from workbench.wording import plural


def read_lines(path: str | Path) -> list[str]:
    """The lines of a text file (one segment per line; a final newline ends the last line).

    Empty and binary files are refused by ``read_text`` with an error naming the file.
    """
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


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
