"""Reading and writing glossaries in any supported format, chosen by name or file extension."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import InputError
from workbench.glossary.badrows import BadRows
from workbench.glossary.csvfile import read_csv
from workbench.glossary.model import Entry, Glossary
from workbench.glossary.tbx import format_tbx, read_tbx
from workbench.glossary.tsv import format_tsv, read_tsv

READ_FORMATS: tuple[str, ...] = ("tsv", "tbx", "csv")
WRITE_FORMATS: tuple[str, ...] = ("tsv", "tbx")
_EXTENSIONS = {
    ".tsv": "tsv", ".txt": "tsv", ".utf8": "tsv", ".tbx": "tbx", ".xml": "tbx", ".csv": "csv",
}


def guess_format(path: str | Path) -> str:
    """The glossary format of a file from its extension (TSV when unknown)."""
    return _EXTENSIONS.get(Path(path).suffix.lower(), "tsv")


def read_glossary(
    path: str | Path, fmt: str | None = None, columns: str | None = None
) -> Glossary:
    """Read a glossary file as TSV, TBX or CSV (``columns`` for CSV only)."""
    fmt = fmt or guess_format(path)
    if columns and fmt != "csv":
        raise InputError(path, "--columns applies to CSV glossaries only")
    if fmt == "tsv":
        glossary = read_tsv(path)
    elif fmt == "tbx":
        glossary = read_tbx(path)
    elif fmt == "csv":
        glossary = read_csv(path, columns)
    else:
        raise InputError(path, f"unknown glossary format {fmt!r} (use {', '.join(READ_FORMATS)})")
    check_conflicts(glossary, path)
    return glossary


def check_conflicts(glossary: Glossary, path: str | Path) -> None:
    """Refuse terms whose forbidden rendering is another of their accepted renderings.

    Every conflicting row is reported at once (:class:`~workbench.glossary.badrows.BadRows`).
    """
    conflicts: list[tuple[int, str]] = []
    for term, entries in glossary.terms().items():
        allowed = {e.rendering.casefold(): e for e in entries}
        for entry in entries:
            for word in entry.forbidden:
                other = allowed.get(word.casefold())
                if other is not None:
                    conflicts.append(
                        (entry.line or 0,
                         f"{term}: {word!r} is forbidden here but accepted on line {other.line}")
                    )
    bad = BadRows(path)
    for line, reason in sorted(conflicts, key=lambda c: c[0]):
        bad.add(line or None, reason)
    bad.raise_if_any()


def format_glossary(glossary: Glossary, fmt: str) -> str:
    """Serialise a glossary as TSV or TBX."""
    if fmt == "tsv":
        return format_tsv(glossary)
    if fmt == "tbx":
        return format_tbx(glossary)
    raise ValueError(f"unknown glossary format {fmt!r}")


__all__ = [
    "READ_FORMATS", "WRITE_FORMATS", "Entry", "Glossary", "check_conflicts", "format_glossary",
    "guess_format", "read_glossary",
]
