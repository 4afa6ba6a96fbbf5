"""The cells of an Excel workbook (``.xlsx``, Office Open XML) as rows of text.

Glossaries and termbases leave memoQ, MultiTerm and clients as workbooks. The package is
checked and its XML read safely, and a sheet chosen, as :mod:`workbench.formats.sheets` says.
A sheet is read whole: each row with its number in the sheet and its cells as text — shared
strings, inline strings, numbers as Excel stores them (``1917``), a number whose cell style
is a date as an ISO date (``2024-03-01``, a time of day ``2024-03-01T10:30:00``, a time alone
``10:30:00``), booleans as ``TRUE``/``FALSE`` — a cell missing from the row being empty.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path, PurePosixPath

from lxml import etree

from workbench.errors import InputError
from workbench.filters.package import Package
from workbench.formats import safexml
from workbench.formats.sheets import (
    Row,
    SheetRows,
    iso_datetime,
    iso_time,
    open_package,
    pick_sheet,
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]{1,3})\d+")
#: Excel's escape of a character in a string (``_x000D_`` a carriage return, ``_x005F_`` '_').
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def read_rows(path: str | Path, sheet: str | None = None) -> list[Row]:
    """The non-empty rows of the workbook's sheet called ``sheet`` (a name or a number from
    1; default the first). InputError naming the file when it is no readable workbook, a zip
    bomb, or has no such sheet (the error lists those it has)."""
    pkg = open_package(path, "Excel (.xlsx)")
    if not pkg.has("xl/workbook.xml"):
        ods = " (an OpenDocument spreadsheet: name it .ods)" if pkg.has("content.xml") else ""
        raise InputError(path, "not an Excel workbook (.xlsx): the package has no "
                               f"xl/workbook.xml{ods}")
    workbook = pkg.xml("xl/workbook.xml")
    member = _sheet_member(pkg, workbook, sheet)
    strings = _shared_strings(pkg)
    dates = _date_styles(pkg)
    epoch = _EPOCH_1904 if any(p.get("date1904") in ("1", "true")
                               for p in workbook.iter("{*}workbookPr")) else None
    sheet_xml = pkg.xml(member)
    spanning = {m.get("ref", "").split(":")[0] for m in sheet_xml.iter("{*}mergeCell")
                if _spans_columns(m.get("ref", ""))}
    rows = SheetRows(path)
    last = 0
    for row in sheet_xml.iter("{*}row"):
        cells: dict[int, str] = {}
        spanned = False
        for position, cell in enumerate(c for c in row if safexml.local(c.tag) == "c"):
            text = _cell_text(cell, strings, path)
            kind = dates.get(cell.get("s") or "0") if dates and text and \
                cell.get("t") in (None, "n") else None
            cells[rows.column(_column(cell.get("r"), position))] = (
                _serial_text(text, kind, epoch) if kind else text)
            spanned = spanned or (bool(text.strip()) and cell.get("r") in spanning)
        given = row.get("r") or ""
        last = int(given) if given.isdigit() else last + 1
        if cells:
            rows.add(last, cells, spanned=spanned)
    return rows.rows


def _spans_columns(ref: str) -> bool:
    """Whether a merged range (``A1:D1``) spans several columns."""
    first, _, last = ref.partition(":")
    return bool(last) and _column(first, 0) != _column(last, 0)


def _sheet_member(pkg: Package, workbook: etree._Element, sheet: str | None) -> str:
    """The package member of the workbook's sheet ``sheet`` names (default the first)."""
    sheets = list(workbook.iter("{*}sheet"))
    chosen = sheets[pick_sheet([s.get("name") or "" for s in sheets], sheet, pkg.path)]
    name, rid = chosen.get("name") or "", chosen.get(f"{{{_REL}}}id")
    targets = {}
    if pkg.has("xl/_rels/workbook.xml.rels"):
        targets = {r.get("Id"): r.get("Target") or ""
                   for r in pkg.xml("xl/_rels/workbook.xml.rels").iter("{*}Relationship")}
    target = targets.get(rid) or ""
    member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    if not target or not pkg.has(member):
        raise InputError(pkg.path, f"the sheet {name!r} has no part in the package")
    return member


#: Excel's built-in number formats that show a date (with a time of day or not), and a time.
_DATE_FORMATS = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)})
_TIME_FORMATS = frozenset({18, 19, 20, 21, 45, 46, 47})
#: What a format code says that is no date part: quoted text, escaped characters, colours
#: and conditions in brackets (an elapsed time ``[h]`` is a time).
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hHmMsS]+\])[^\]]*\]')
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def _date_styles(pkg: Package) -> dict[str, str]:
    """The cell styles (their index, as a cell's ``s`` names it) whose number format shows a
    ``date`` or a ``time`` alone."""
    if not pkg.has("xl/styles.xml"):
        return {}
    styles = pkg.xml("xl/styles.xml")
    codes = {f.get("numFmtId"): f.get("formatCode") or "" for f in styles.iter("{*}numFmt")}
    kinds: dict[str, str] = {}
    xfs = next(styles.iter("{*}cellXfs"), None)
    for index, xf in enumerate(xfs if xfs is not None else ()):
        given = xf.get("numFmtId") or "0"
        kind = _format_kind(codes[given]) if given in codes else (
            "date" if given.isdigit() and int(given) in _DATE_FORMATS
            else "time" if given.isdigit() and int(given) in _TIME_FORMATS else None)
        if kind:
            kinds[str(index)] = kind
    return kinds


def _format_kind(code: str) -> str | None:
    """``date`` when a custom format code shows a day, month or year, ``time`` when it shows
    hours or seconds alone, else None (``0.00``, ``General``, ``"Day "0``)."""
    bare = _FORMAT_LITERALS.sub("", code.split(";")[0]).lower()
    if "general" in bare:
        return None
    if "y" in bare or "d" in bare or ("m" in bare and "h" not in bare and "s" not in bare):
        return "date"
    return "time" if "h" in bare or "s" in bare else None


def _serial_text(value: str, kind: str, epoch: dt.datetime | None) -> str:
    """A date cell's serial number as an ISO date or time (as stored when it is none)."""
    try:
        serial = float(value)
    except ValueError:
        return value
    if not math.isfinite(serial) or serial < 0:
        return value
    if kind == "time" and 0 <= serial < 1:
        return iso_time(round(serial * 86400) % 86400)
    if epoch is None:  # 1900 system: Lotus's 29 February 1900 (day 60) never was
        if serial < 1 or 60 <= serial < 61:
            return value
        epoch = _EPOCH_1900 if serial >= 61 else _EPOCH_1900 + dt.timedelta(days=1)
    try:
        moment = epoch + dt.timedelta(seconds=round(serial * 86400))
    except OverflowError:
        return value
    return iso_datetime(moment)


def _shared_strings(pkg: Package) -> list[str]:
    """The workbook's shared strings, in order (a rich-text string's runs joined; its
    phonetic guides left out)."""
    if not pkg.has("xl/sharedStrings.xml"):
        return []
    return [_string_text(si) for si in pkg.xml("xl/sharedStrings.xml").iter("{*}si")]


def _string_text(element: etree._Element) -> str:
    """The text of a string item (``<si>``, ``<is>``): its ``<t>`` and its runs' ``<t>``,
    Excel's escapes of characters XML cannot hold (``_x000D_``) read back."""
    parts = []
    for child in element:
        name = safexml.local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if safexml.local(t.tag) == "t")
    text = "".join(parts)
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _column(ref: str | None, position: int) -> int:
    """The 0-based column of a cell reference such as ``B3``; without one, the cell's
    position in its row."""
    found = _CELL_REF.fullmatch(ref or "")
    if not found:
        return position
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return column - 1


def _cell_text(cell: etree._Element, strings: list[str], path: str | Path) -> str:
    kind = cell.get("t") or "n"
    if kind == "inlineStr":
        inline = next((c for c in cell if safexml.local(c.tag) == "is"), None)
        return _string_text(inline) if inline is not None else ""
    value = next((c.text or "" for c in cell if safexml.local(c.tag) == "v"), "")
    if kind == "s":
        try:
            return strings[int(value)]
        except (ValueError, IndexError):
            raise InputError(path, f"cell {cell.get('r') or '?'} names shared string "
                                   f"{value!r}, which the workbook does not have") from None
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    return value
