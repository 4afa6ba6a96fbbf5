"""The cells of an OpenDocument spreadsheet (``.ods``, LibreOffice Calc's own format) as rows
of text, as :mod:`workbench.formats.xlsx` reads an Excel workbook's.

Every sheet is a ``<table:table>`` of ``content.xml``. A cell's text is its paragraphs, one a
line (``<text:s text:c="3"/>`` three spaces, a tab, a line break as written); a number is its
``office:value`` (``1917``, as Excel stores it), a date its ``office:date-value``
(``2024-03-01``), a time of day ``10:30:00``, a boolean ``TRUE``/``FALSE``. A merged cell's
text is in its first cell, the cells it covers empty. Repeated rows and cells
(``table:number-rows-repeated``, ``table:number-columns-repeated``: LibreOffice's way of
writing a run of the same cells once) are read as the rows and cells they stand for, within
the bounds of :mod:`workbench.formats.sheets`: empty ones are counted, never made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from workbench.errors import InputError
from workbench.formats import safexml
from workbench.formats.sheets import Row, SheetRows, iso_time, open_package, pick_sheet

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW_GROUPS = frozenset({"table-header-rows", "table-row-group", "table-rows"})
_CELLS = frozenset({"table-cell", "covered-table-cell"})
#: The longest run of spaces one ``<text:s>`` may stand for (a cell holds at most 32,767
#: characters in Excel).
_MAX_SPACES = 32_767
_DURATION = re.compile(r"-?PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S")


def read_rows(path: str | Path, sheet: str | None = None) -> list[Row]:
    """The non-empty rows of the spreadsheet's sheet called ``sheet`` (a name or a number
    from 1; default the first). InputError naming the file when it is no readable
    spreadsheet, a zip bomb, or has no such sheet (the error lists those it has)."""
    pkg = open_package(path, "OpenDocument spreadsheet (.ods)")
    if not pkg.has("content.xml"):
        xlsx = " (an Excel workbook: name it .xlsx)" if pkg.has("xl/workbook.xml") else ""
        raise InputError(path, "not an OpenDocument spreadsheet (.ods): the package has no "
                               f"content.xml{xlsx}")
    content = pkg.xml("content.xml")
    body = next(content.iter(f"{{{_OFFICE}}}spreadsheet"), None)
    if body is None:
        raise InputError(path, "not an OpenDocument spreadsheet (.ods): content.xml holds no "
                               "spreadsheet (a text document is an .odt)")
    tables = [t for t in body if t.tag == f"{{{_TABLE}}}table"]
    table = tables[pick_sheet([t.get(f"{{{_TABLE}}}name") or "" for t in tables], sheet, path)]
    rows = SheetRows(path)
    number = 1
    for row in _rows(table):
        repeat = _repeat(row, "rows", path)
        cells: dict[int, str] = {}
        column = 0
        spanned = False
        for cell in row:
            if safexml.local(cell.tag) not in _CELLS:
                continue
            count = _repeat(cell, "columns", path)
            text = _cell_text(cell, path)
            if text:
                rows.column(column + count - 1)  # refused past the widest sheet
                cells.update(dict.fromkeys(range(column, column + count), text))
                spanned = _repeat(cell, "columns", path, "spanned") > 1
            column += count
        rows.add(number, cells, repeat, spanned)
        number += repeat
    return rows.rows


def _rows(element: etree._Element) -> Iterator[etree._Element]:
    """The table's rows, those in header and grouped rows among them, in order."""
    for child in element:
        name = safexml.local(child.tag)
        if name == "table-row":
            yield child
        elif name in _ROW_GROUPS:
            yield from _rows(child)


def _repeat(
    element: etree._Element, what: str, path: str | Path, how: str = "repeated"
) -> int:
    """How many rows or columns an element stands for (``table:number-rows-repeated``), or
    with ``how`` ``spanned`` covers (``table:number-columns-spanned``)."""
    given = element.get(f"{{{_TABLE}}}number-{what}-{how}")
    if given is None:
        return 1
    if not given.strip().isdigit() or int(given) < 1:
        raise InputError(f"{path}: content.xml", f"table:number-{what}-{how}={given!r} is no "
                                                 "count", line=element.sourceline)
    return int(given)


def _cell_text(cell: etree._Element, path: str | Path) -> str:
    """A cell's value as text (see the module's description)."""
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        value = cell.get(f"{{{_OFFICE}}}value")
        if value is not None:
            return value
    elif kind == "date":
        value = cell.get(f"{{{_OFFICE}}}date-value") or ""
        if value:
            return value.removesuffix("T00:00:00")
    elif kind == "time":
        found = _DURATION.fullmatch(cell.get(f"{{{_OFFICE}}}time-value") or "")
        if found and not found.group(0).startswith("-"):
            hours, minutes, seconds = (int(g) for g in found.groups())
            return iso_time((hours * 3600 + minutes * 60 + seconds) % 86400)
    elif kind == "boolean":
        value = cell.get(f"{{{_OFFICE}}}boolean-value")
        if value is not None:
            return "TRUE" if value.strip() == "true" else "FALSE"
    paragraphs = [c for c in cell if c.tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h")]
    return "\n".join(_inline_text(p, path) for p in paragraphs)


def _inline_text(element: etree._Element, path: str | Path) -> str:
    """The text of a paragraph or span: spans and links read through, ``<text:s>`` spaces,
    ``<text:tab>`` a tab, ``<text:line-break>`` a new line; notes and annotations left out."""
    parts = [element.text or ""]
    for child in element:
        name = safexml.local(child.tag) if safexml.namespace(child.tag) == _TEXT else ""
        if name == "s":
            given = child.get(f"{{{_TEXT}}}c") or "1"
            if not given.isdigit() or int(given) > _MAX_SPACES:
                raise InputError(f"{path}: content.xml", f"<text:s text:c={given!r}> is no count "
                                 f"of spaces (at most {_MAX_SPACES:,})", line=child.sourceline)
            parts.append(" " * int(given))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name in ("span", "a", "meta", "ruby-base"):
            parts.append(_inline_text(child, path))
        parts.append(child.tail or "")
    return "".join(parts)
