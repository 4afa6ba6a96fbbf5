"""CSV and TSV: one row per segment pair (id, paragraph, Arabic, English, status).

CSV is UTF-8 with a byte order mark so that spreadsheet programs read the Arabic; fields with
separators, quotes or line breaks are quoted as the csv module does (``""`` for a quote).

TSV is plain UTF-8 and real TSV (the IANA ``text/tab-separated-values`` form): no quoting, one
line per row, a tab between fields. A tab, line feed, carriage return or backslash inside a
field is written ``\\t``, ``\\n``, ``\\r`` or ``\\\\`` (the convention of PostgreSQL's COPY
and MySQL's LOAD DATA); quotes are written as they are. :func:`unescape_field`
reads it back; the glossary TSV reader uses the same pair.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from workbench.formats.model import ExportHeader, Unit

COLUMNS = ("id", "paragraph", "arabic", "english", "status")

_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_ESCAPED = re.compile(r"\\([\\tnr])")
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_field(value: str) -> str:
    """A TSV field: backslash, tab, line feed and carriage return escaped."""
    return value.translate(_ESCAPE)


def unescape_field(value: str) -> str:
    """The text of a TSV field (``\\t`` ``\\n`` ``\\r`` ``\\\\``; any other backslash kept)."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1)], value)


def write_csv(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as CSV (UTF-8 with BOM); return how many rows."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for unit in units:
        writer.writerow((unit.key, unit.paragraph, unit.source, unit.target, unit.status))
        count += 1
    text.flush()
    text.detach()
    return count


def write_tsv(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as tab-separated values (UTF-8, fields escaped); return how many rows."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    text.write("\t".join(COLUMNS) + "\n")
    count = 0
    for unit in units:
        fields = (unit.key, str(unit.paragraph), unit.source, unit.target, unit.status)
        text.write("\t".join(escape_field(str(f)) for f in fields) + "\n")
        count += 1
    text.flush()
    text.detach()
    return count

