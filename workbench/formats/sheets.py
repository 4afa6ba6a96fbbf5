"""What Excel (.xlsx) and OpenDocument (.ods) workbooks share: opening the package safely,
choosing a sheet (``--sheet NAME`` or number) and gathering its rows within bounds.

A workbook is a zip package checked before a member is read (a zip bomb is refused, see
:mod:`workbench.filters.package`) and its XML is read with the safe parser. A sheet is read as
its non-empty rows, each with its number in the sheet (the row a user finds it at) and its
cells' text, a missing cell empty; a title above the table (a first row whose only text is
one cell merged across columns: "مسرد المشروع" over the header) is left out. An ODS says
"this cell 16,384 times, this row a million times" in one element: the cells with text a
sheet expands to are counted before they are made, and a sheet holding more than
:data:`MAX_CELLS` is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbench import openfiles
from workbench.errors import InputError
from workbench.filters.package import Package, read_input

Row = tuple[int, list[str]]
"""A row of a sheet: its number (from 1) and its cells' text."""

#: The widest and longest sheet Excel and LibreOffice make.
MAX_COLUMNS = 16_384
MAX_ROWS = 1_048_576
#: The most cells with text read from one sheet (a glossary or memory of a million rows of
#: an Arabic, an English and a note cell is 3 million).
MAX_CELLS = 4_000_000


def open_package(path: str | Path, what: str) -> Package:
    """The workbook's package, checked (``what`` names the format in errors)."""
    openfiles.refuse(path)  # a device is named as one
    return Package(read_input(path), path, what)


def read_sheet(path: str | Path, fmt: str, sheet: str | None = None) -> list[Row]:
    """The non-empty rows of a sheet (default the first) of an Excel workbook (``fmt``
    ``xlsx``) or an OpenDocument spreadsheet (``ods``)."""
    if fmt == "ods":
        from workbench.formats.ods import read_rows
    else:
        from workbench.formats.xlsx import read_rows
    return read_rows(path, sheet)


def pick_sheet(names: list[str], sheet: str | None, path: str | Path) -> int:
    """The index of the sheet ``sheet`` names among ``names``: its name (exactly, else
    ignoring case), else its number from 1; the first without one. InputError listing the
    sheets when none is called so."""
    if not names:
        raise InputError(path, "the workbook has no sheet")
    if sheet is None:
        return 0
    if sheet in names:
        return names.index(sheet)
    folded = [n.casefold() for n in names]
    if folded.count(sheet.casefold()) == 1:
        return folded.index(sheet.casefold())
    if sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
        return int(sheet) - 1
    listed = ", ".join(f"{i} {n!r}" for i, n in enumerate(names, start=1))
    raise InputError(path, f"no sheet {sheet!r} in the workbook (its sheets: {listed})")


class SheetRows:
    """The non-empty rows of a sheet, added as they are read, within the bounds above."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.rows: list[Row] = []
        self._cells = 0

    def column(self, column: int) -> int:
        """``column`` (0-based), refused past the widest sheet."""
        if column >= MAX_COLUMNS:
            raise InputError(self.path, f"refused: a cell in column {column + 1:,} (a sheet has "
                                        f"at most {MAX_COLUMNS:,})")
        return column

    def add(
        self, number: int, cells: dict[int, str], repeat: int = 1, spanned: bool = False
    ) -> None:
        """Row ``number`` of ``cells`` (column → text) and, with ``repeat``, the rows after it
        that are the same; nothing when no cell holds text, nor for a title (the first row,
        its one cell with text ``spanned`` across columns)."""
        filled = sum(1 for v in cells.values() if v.strip())
        if not filled or (spanned and filled == 1 and not self.rows):
            return
        if number + repeat - 1 > MAX_ROWS:
            raise InputError(self.path, f"refused: text in row {number + repeat - 1:,} (a sheet "
                                        f"has at most {MAX_ROWS:,})")
        self._cells += filled * repeat
        if self._cells > MAX_CELLS:
            raise InputError(self.path, f"refused: more than {MAX_CELLS:,} cells with text in "
                                        "the sheet")
        row = [cells.get(i, "") for i in range(max(cells) + 1)]
        self.rows.append((number, row))
        self.rows.extend((number + k, list(row)) for k in range(1, repeat))


def iso_time(seconds: int) -> str:
    """A time of day as ``HH:MM:SS``."""
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def iso_datetime(moment: dt.datetime) -> str:
    """A date as ``YYYY-MM-DD``, with ``THH:MM:SS`` when it has a time of day."""
    if moment.time() == dt.time():
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")
