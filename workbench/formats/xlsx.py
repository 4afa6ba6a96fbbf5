"""The cells of an Excel workbook (``.xlsx``, Office Open XML) as rows of text.

Glossaries and termbases leave memoQ, MultiTerm and clients as workbooks. The package is
checked before a member is read (sizes, compression ratios: a zip bomb is refused, see
:mod:`workbench.filters.package`) and its XML read with the safe parser (no DTD, no entities).
A sheet is read whole: each row with its number in the sheet (the row a user finds it at)
and its cells as text — shared strings, inline strings, numbers as Excel stores them
(``1917``), booleans as ``TRUE``/``FALSE`` — a cell missing from the row being empty.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lxml import etree

from workbench import openfiles
from workbench.errors import InputError
from workbench.filters.package import Package, read_input
from workbench.formats import safexml

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]{1,3})\d+")
#: Excel's escape of a character in a string (``_x000D_`` a carriage return, ``_x005F_`` '_').
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

Row = tuple[int, list[str]]
"""A row of a sheet: its number (from 1) and its cells' text."""


def read_rows(path: str | Path) -> list[Row]:
    """The non-empty rows of the workbook's first sheet (InputError naming the file when it
    is no readable workbook, or a zip bomb)."""
    openfiles.refuse(path)  # a device is named as one
    pkg = Package(read_input(path), path, "Excel (.xlsx)")
    if not pkg.has("xl/workbook.xml"):
        raise InputError(path, "not an Excel workbook (.xlsx): the package has no "
                               "xl/workbook.xml")
    member = _first_sheet(pkg)
    strings = _shared_strings(pkg)
    rows: list[Row] = []
    for row in pkg.xml(member).iter("{*}row"):
        cells: dict[int, str] = {}
        for position, cell in enumerate(c for c in row if safexml.local(c.tag) == "c"):
            cells[_column(cell.get("r"), position)] = _cell_text(cell, strings, path)
        if any(v.strip() for v in cells.values()):
            given = row.get("r") or ""
            number = int(given) if given.isdigit() else rows[-1][0] + 1 if rows else 1
            rows.append((number, [cells.get(i, "") for i in range(max(cells) + 1)]))
    return rows


def _first_sheet(pkg: Package) -> str:
    """The package member of the workbook's first sheet."""
    workbook = pkg.xml("xl/workbook.xml")
    first = next(workbook.iter("{*}sheet"), None)
    if first is None:
        raise InputError(pkg.path, "the workbook has no sheet")
    name, rid = first.get("name") or "", first.get(f"{{{_REL}}}id")
    targets = {}
    if pkg.has("xl/_rels/workbook.xml.rels"):
        targets = {r.get("Id"): r.get("Target") or ""
                   for r in pkg.xml("xl/_rels/workbook.xml.rels").iter("{*}Relationship")}
    target = targets.get(rid) or ""
    member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    if not target or not pkg.has(member):
        raise InputError(pkg.path, f"the sheet {name!r} has no part in the package")
    return member


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
