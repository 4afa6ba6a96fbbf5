"""CSV and TSV: one row per segment pair (id, paragraph, Arabic, English, status).

CSV is UTF-8 with a byte order mark so that spreadsheet programs read the Arabic; TSV is
plain UTF-8. Fields with separators, quotes or line breaks are quoted as the csv module does.
Read back (after editing the English in a spreadsheet, say) by the header's column names:
``arabic`` and ``english`` are required, ``id`` and ``status`` used when present.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError
from workbench.formats.model import ExportHeader, ImportedFile, ImportedUnit, Unit
from workbench.statuses import STATUSES
from workbench.textio import read_text

COLUMNS = ("id", "paragraph", "arabic", "english", "status")


def write_csv(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as CSV (UTF-8 with BOM); return how many rows."""
    return _write(out, units, delimiter=",", bom=True)


def write_tsv(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as tab-separated values (UTF-8); return how many rows."""
    return _write(out, units, delimiter="\t", bom=False)


def _write(out: BinaryIO, units: Iterable[Unit], *, delimiter: str, bom: bool) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n" if bom else "\n")
    writer.writerow(COLUMNS)
    count = 0
    for unit in units:
        writer.writerow((unit.key, unit.paragraph, unit.source, unit.target, unit.status))
        count += 1
    text.flush()
    text.detach()
    return count


def read_csv(path: str | Path) -> ImportedFile:
    """Read the segment pairs of a CSV file with our columns (errors name the line)."""
    return _read(path, ",", "csv")


def read_tsv(path: str | Path) -> ImportedFile:
    """Read the segment pairs of a TSV file with our columns (errors name the line)."""
    return _read(path, "\t", "tsv")


def _read(path: str | Path, delimiter: str, fmt: str) -> ImportedFile:
    text = read_text(path)
    result = ImportedFile(str(path), fmt, None, None)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: dict[str, int] | None = None
    width = 0
    end = 0
    try:
        for row in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _columns(row, path, line)
                width = len(row)
                continue
            if len(row) != width:
                raise InputError(path, f"{len(row)} fields, but the header has {width}", line)
            result.units.append(_unit(row, columns, path, line))
    except csv.Error as exc:
        raise InputError(path, f"not well-formed {fmt.upper()} ({exc})", reader.line_num) from None
    return result


def _columns(header: list[str], path: str | Path, line: int) -> dict[str, int]:
    names = [h.strip().casefold() for h in header]
    missing = [c for c in ("arabic", "english") if c not in names]
    if missing:
        raise InputError(
            path, f"the header names no {' or '.join(missing)} column "
            f"(expected {', '.join(COLUMNS)})", line,
        )
    return {name: names.index(name) for name in COLUMNS if name in names}


def _unit(row: list[str], columns: dict[str, int], path: str | Path, line: int) -> ImportedUnit:
    source = row[columns["arabic"]]
    if not source.strip():
        raise InputError(path, "empty Arabic", line)
    status = row[columns["status"]].strip() or None if "status" in columns else None
    if status is not None and status not in STATUSES:
        raise InputError(path, f"unknown status {status!r} (use {', '.join(STATUSES)})", line)
    key = row[columns["id"]].strip() or None if "id" in columns else None
    return ImportedUnit(key, source, row[columns["english"]], status=status, line=line)
