"""CSV and TSV: one row per segment pair (id, paragraph, Arabic, English, status).

CSV is UTF-8 with a byte order mark so that spreadsheet programs read the Arabic; TSV is
plain UTF-8. Fields with separators, quotes or line breaks are quoted as the csv module does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from workbench.formats.model import ExportHeader, Unit

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
