"""CSV and TSV: one row per segment pair (id, paragraph, Arabic, English, status).

CSV is UTF-8 with a byte order mark so that spreadsheet programs read the Arabic; fields with
separators, quotes or line breaks are quoted as the csv module does (``""`` for a quote). A
field that starts with ``=``, ``+``, ``-`` or ``@`` (after any apostrophes) gets an apostrophe
before it, so that a spreadsheet shows it as text instead of running it as a formula
(``=HYPERLINK(…)``); reading takes that apostrophe off again.

TSV is plain UTF-8 and real TSV (the IANA ``text/tab-separated-values`` form): no quoting, one
line per row, a tab between fields. A tab, line feed, carriage return or backslash inside a
field is written ``\\t``, ``\\n``, ``\\r`` or ``\\\\`` (the convention of PostgreSQL's COPY
and MySQL's LOAD DATA); quotes are written as they are. :func:`unescape_field` reads it back;
the glossary TSV reader uses the same pair.

Both are read back (after editing the English in a spreadsheet, say) by the header's column
names: ``arabic`` and ``english`` are required, ``id`` and ``status`` used when present, and a
column a reviewer added whose name says comment or note gives each row's comment. The
separator is the one that cuts the header into those names, whichever ending the file has.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from workbench.errors import InputError
from workbench.formats.model import ExportHeader, ImportedFile, ImportedUnit, Unit
from workbench.formats.xmlout import carried
from workbench.statuses import STATUSES
from workbench.textio import read_text
from workbench.wording import plural

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


_SPREADSHEET_QUOTED = re.compile(r'"((?:[^"]|"")*""(?:[^"]|"")*)"')
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def unquote_row(fields: list[str], every_text: bool | None = None) -> list[str]:
    """A row of a tab-separated file as a spreadsheet saves it, its quoting taken off (the
    quotes around a cell, ``""`` read as ``"``):

    - with "quote all text cells" (LibreOffice) every text cell is quoted and numbers are not:
      ``1<TAB>"ثورة"<TAB>"revolution"``;
    - otherwise (LibreOffice's and Excel's default) only a cell holding a quote is:
      ``"He said ""no"" to it."``. Such a cell is told from English that merely starts and ends with
      a quote (``"Yes," he said, "no."``, written as it is by our TSV) by its doubled quotes.

    Any other field is left as it is. ``every_text`` says whether the file quotes all text
    cells (:func:`quotes_every_text` of every row); by default, whether this row does."""
    if every_text is None:
        every_text = quotes_every_text(fields)
    return [
        _unquoted(f.strip()) if (every_text and _is_quoted(f.strip()))
        or _SPREADSHEET_QUOTED.fullmatch(f.strip()) else f
        for f in fields
    ]


def quotes_every_text(fields: list[str]) -> bool:
    """Whether every text cell of a row is quoted (numbers are not), at least one."""
    filled = [f.strip() for f in fields if f.strip()]
    return any(map(_is_quoted, filled)) and all(
        _is_quoted(f) or _NUMBER.fullmatch(f) for f in filled
    )


def _is_quoted(field: str) -> bool:
    return len(field) >= 2 and field[0] == field[-1] == '"'


def _unquoted(field: str) -> str:
    return field[1:-1].replace('""', '"')


_FORMULA = re.compile(r"'*[=+\-@]")


def defused(cell: str) -> str:
    """A CSV cell a spreadsheet cannot run as a formula (see the module)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _restored(cell: str) -> str:
    """A CSV cell as it was before :func:`defused`."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def _fields(unit: Unit) -> tuple[str, ...]:
    """A unit's fields, without the control characters that no export carries (and that
    :func:`read_text` refuses as binary content)."""
    return (unit.key, str(unit.paragraph), carried(unit.source), carried(unit.target),
            unit.status)


def write_csv(out: BinaryIO, header: ExportHeader, units: Iterable[Unit]) -> int:
    """Write units as CSV (UTF-8 with BOM); return how many rows."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for unit in units:
        writer.writerow([defused(f) for f in _fields(unit)])
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
        text.write("\t".join(escape_field(f) for f in _fields(unit)) + "\n")
        count += 1
    text.flush()
    text.detach()
    return count


def read_csv(path: str | Path) -> ImportedFile:
    """Read the segment pairs of a CSV file with our columns (errors name the line); one whose
    header is cut at tabs (a spreadsheet's tab-separated file saved as .csv) is read as TSV."""
    text = read_text(path)
    delimiter = _delimiter(text, ",")
    if delimiter == "\t":
        return _read_tsv(path, text)
    return _read_csv(path, text, delimiter)


def _read_csv(path: str | Path, text: str, delimiter: str) -> ImportedFile:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    read_to = 0  # the last line of the rows read whole

    def rows() -> Iterator[tuple[int, list[str]]]:
        nonlocal read_to
        for numbered in _numbered(reader, _restored):
            read_to = reader.line_num
            yield numbered
    try:
        return _read(path, "csv", rows())
    except csv.Error as exc:
        raise _malformed(path, exc, read_to + 1, reader.line_num) from None


def _malformed(path: str | Path, exc: csv.Error, start: int, end: int) -> InputError:
    """The error of a CSV row the strict reader fails on, named by the line the row starts on:
    a quote left open runs the row on over the lines after it, to where the reader fails (a
    spreadsheet user looks for the quote, not for where the reader gave up)."""
    if "unexpected end of data" in str(exc):
        where = f" (line {end})" if end > start else ""
        return InputError(path, "not well-formed CSV: a quoted cell that starts on this line "
                                f"is not closed before the end of the file{where}", start)
    if end > start:
        return InputError(path, f"not well-formed CSV: the quoted cell that starts on this line "
                                f"runs on to line {end}, where it fails ({exc}): a quote that "
                                "is not closed?", start)
    return InputError(path, f"not well-formed CSV ({exc})", start)


def _numbered(reader: Any, cell: Callable[[str], str]) -> Iterator[tuple[int, list[str]]]:
    """A csv reader's rows, ``cell`` applied to each cell, with the line each starts on."""
    end = 0
    for row in reader:
        line, end = end + 1, reader.line_num
        yield line, [cell(c) for c in row]


def _delimiter(text: str, default: str) -> str:
    """The separator that cuts the header row into the most of our required column names: a
    comma, a semicolon (Excel's "CSV" where the decimal mark is a comma) or a tab (a
    tab-separated file, whatever its name ends with); ``default`` when none does better."""
    header = next((line for line in text.splitlines() if line.strip()), "")

    def names(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return len({c.strip().casefold() for c in cells} & {"arabic", "english"})

    return max((default, ",", ";", "\t"), key=names)  # the first of the best: default wins ties


def read_tsv(path: str | Path) -> ImportedFile:
    """Read the segment pairs of a TSV file with our columns (errors name the line); one whose
    header is cut at commas or semicolons (a CSV saved as .tsv) is read as CSV."""
    text = read_text(path)
    delimiter = _delimiter(text, "\t")
    if delimiter != "\t":
        return _read_csv(path, text, delimiter)
    return _read_tsv(path, text)


def _spreadsheet_text(path: str | Path) -> bool:
    """Whether a tab-separated file was written by a spreadsheet program, not by our TSV
    export (plain UTF-8): it starts with a byte order mark (Excel's "Unicode Text" is UTF-16)."""
    with Path(path).open("rb") as stream:
        return stream.read(3).startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def _read_tsv(path: str | Path, text: str) -> ImportedFile:
    # our CSV export saved by a spreadsheet as tab-separated text keeps the apostrophe the
    # export put before a cell a spreadsheet would run (=, +, -, @): taken off, as in CSV
    def cell(field: str) -> str:
        return _restored(unescape_field(field)) if spreadsheet else unescape_field(field)

    spreadsheet = _spreadsheet_text(path)
    rows = (
        (n, [cell(f) for f in unquote_row(line.rstrip("\r").split("\t"))])
        for n, line in enumerate(text.split("\n"), start=1)
    )
    try:
        return _read(path, "tsv", rows)
    except InputError as by_lines:
        if '"' not in text:
            raise
        # a spreadsheet's quoted cells holding tabs or line breaks (Excel's Unicode Text)
        quoted = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
        try:
            return _read(path, "tsv", _numbered(quoted, cell))
        except (InputError, csv.Error):
            raise by_lines from None


def _read(path: str | Path, fmt: str, rows: Iterable[tuple[int, list[str]]]) -> ImportedFile:
    result = ImportedFile(str(path), fmt, None, None)
    columns: dict[str, int] | None = None
    comments: list[int] = []
    width = 0
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _columns(row, path, line)
            comments = _comment_columns(row)
            width = len(row)
            continue
        if len(row) != width:
            raise InputError(path, f"{plural(len(row), 'field')}, but the header has {width}",
                             line)
        unit = _unit(row, columns, path, line)
        notes = tuple(dict.fromkeys(t for t in (" ".join(row[i].split()) for i in comments) if t))
        result.units.append(replace(unit, notes=notes) if notes else unit)
    return result


def _comment_columns(header: list[str]) -> list[int]:
    """The columns a reviewer added for comments: named with "comment" or "note" (``Reviewer
    comment``, ``Notes``), in any case; each row's cells there are its comments."""
    names = [h.strip().casefold() for h in header]
    return [i for i, name in enumerate(names)
            if name not in COLUMNS and ("comment" in name or "note" in name)]


def _columns(header: list[str], path: str | Path, line: int) -> dict[str, int]:
    names = [h.strip().casefold() for h in header]
    missing = [c for c in ("arabic", "english") if c not in names]
    if missing:
        raise InputError(
            path, f"the header names no {' or '.join(missing)} column "
            f"(expected {', '.join(COLUMNS)})", line,
        )
    for name in COLUMNS:
        places = [str(n) for n, h in enumerate(names, start=1) if h == name]
        if len(places) > 1:  # a column copied to keep the original beside the edited one
            raise InputError(
                path, f"the header names {len(places)} {name} columns ({', '.join(places)}): "
                "keep one", line,
            )
    return {name: names.index(name) for name in COLUMNS if name in names}


def _unit(row: list[str], columns: dict[str, int], path: str | Path, line: int) -> ImportedUnit:
    source = row[columns["arabic"]]
    if not source.strip():
        raise InputError(path, "empty Arabic", line)
    # in any case, as the header's names: a spreadsheet capitalises a cell typed in it
    status = row[columns["status"]].strip().lower() or None if "status" in columns else None
    if status is not None and status not in STATUSES:
        raise InputError(path, f"unknown status {status!r} (use {', '.join(STATUSES)})", line)
    key = row[columns["id"]].strip() or None if "id" in columns else None
    return ImportedUnit(key, source, row[columns["english"]], status=status, line=line)
