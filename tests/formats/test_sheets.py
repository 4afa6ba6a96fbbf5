"""Workbooks as LibreOffice writes them (tests/formats/sheets), an ODS's repeated cells and rows,
choosing a sheet, Excel's date cells."""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

import pytest

from tests.formats.workbook import MAIN, write_xlsx
from workbench.errors import InputError
from workbench.formats import ods, xlsx

DATA = Path(__file__).parent / "sheets"
READERS = {"ods": ods.read_rows, "xlsx": xlsx.read_rows}

TERMS = [
    (1, ["Arabic", "English", "Comment", "Added"]),
    (2, ["جَائِحَة", "pandemic", "a disease over a wide area", "2024-03-01"]),
    (3, ["حجر صحي", "quarantine", "", "2024-03-02"]),
    (4, ["لقاح", "vaccine", "two\nlines", "2024-03-03"]),
    (5, ["لقاح", "vaccine", "two\nlines", "2024-03-03"]),
]
SHEETS = {
    "ملاحظات": [(1, ["أرسلها العميل في آذار"])],
    # the title merged over the table left out; formulas' values; a note merged down two rows
    # in the first; dates (a time of day with one) as ISO dates
    "Terms": [
        (2, ["Arabic", "English", "Note", "Added"]),
        (3, ["جَائِحَة", "pandemic", "from the WHO  list", "2024-03-01"]),
        (4, ["الحَجْر الصِّحِّيّ", "quarantine", "", "2024-03-02"]),
        (5, ["لُقَاح", "vaccine", "6", "2024-03-03T10:30:00"]),
    ],
    "TM": [
        (1, ["العربية", "English"]),
        (2, ["قامت الثورة في روسيا عام ١٩١٧.", "The revolution broke out in Russia in 1917.",
             "2024-03-05", "14:05:00"]),
        (3, ["واستولى البلاشفة\nعلى السُّلْطَة.", "And the Bolsheviks\nseized power."]),
        (4, ["وانتهت الحرب.", "And the war ended."]),
        (5, ["وانتهت الحرب.", "And the war ended."]),
    ],
}


@pytest.mark.parametrize("fmt", READERS)
def test_libreoffice_workbooks_read_alike(fmt: str) -> None:
    read = READERS[fmt]
    assert read(DATA / f"terms.{fmt}") == TERMS
    for number, (name, rows) in enumerate(SHEETS.items(), start=1):
        assert read(DATA / f"workbook.{fmt}", name) == rows
        assert read(DATA / f"workbook.{fmt}", str(number)) == rows
    assert read(DATA / f"workbook.{fmt}") == SHEETS["ملاحظات"]  # the first
    assert read(DATA / f"workbook.{fmt}", "tm") == SHEETS["TM"]  # a name in another case


@pytest.mark.parametrize("fmt", READERS)
def test_an_unknown_sheet_is_named_with_those_there_are(fmt: str) -> None:
    path = DATA / f"workbook.{fmt}"
    for sheet in ("Glossary", "4", "0"):
        with pytest.raises(InputError, match=rf"^{path}: no sheet '{sheet}' in the workbook "
                                             r"\(its sheets: 1 'ملاحظات', 2 'Terms', 3 'TM'\)$"):
            READERS[fmt](path, sheet)


def test_a_workbook_of_the_other_kind_is_named(tmp_path: Path) -> None:
    ods_named_xlsx = tmp_path / "terms.xlsx"
    ods_named_xlsx.write_bytes((DATA / "terms.ods").read_bytes())
    with pytest.raises(InputError, match=r"no xl/workbook\.xml \(an OpenDocument spreadsheet: "
                                         r"name it \.ods\)"):
        xlsx.read_rows(ods_named_xlsx)
    with pytest.raises(InputError, match=r"no content\.xml \(an Excel workbook: name it \.xlsx\)"):
        ods.read_rows(DATA / "terms.xlsx")


_OFFICE_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(path: Path, rows: str) -> Path:
    """A spreadsheet of one sheet of ``rows`` (table:table-row elements)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_OFFICE_NS}>'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               f"{rows}</table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
    return path


def _cell(text: str, columns: int = 1) -> str:
    return (f'<table:table-cell table:number-columns-repeated="{columns}" '
            f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>')


def test_repeated_cells_and_rows_are_read_as_the_cells_they_stand_for(tmp_path: Path) -> None:
    # LibreOffice writes identical neighbours once, and empty rows and cells to the sheet's
    # end as one repeated element: those are counted, never made
    empty = '<table:table-cell table:number-columns-repeated="16000"/>'
    rows = (f'<table:table-row table:number-rows-repeated="2">{_cell("كلمة")}{_cell("word", 2)}'
            f"{empty}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="1048000">{empty}</table:table-row>'
            f"<table:table-row>{_cell('آخر')}<table:table-cell/>{_cell('last')}</table:table-row>"
            f'<table:table-row table:number-rows-repeated="573"><table:table-cell '
            f'table:number-columns-repeated="16384"/></table:table-row>')
    assert ods.read_rows(_ods(tmp_path / "t.ods", rows)) == [
        (1, ["كلمة", "word", "word"]), (2, ["كلمة", "word", "word"]),
        (1048003, ["آخر", "", "last"]),
    ]


@pytest.mark.parametrize(("rows", "reason"), [
    # a cell with text 16,384 times in each of a million rows: 17 billion cells
    (f'<table:table-row table:number-rows-repeated="1048576">{_cell("x", 16384)}'
     "</table:table-row>", r"refused: more than 4,000,000 cells with text in the sheet"),
    (f'<table:table-row>{_cell("x", 16385)}</table:table-row>',
     r"refused: a cell in column 16,385 \(a sheet has at most 16,384\)"),
    ('<table:table-row table:number-rows-repeated="1048576"><table:table-cell/></table:table-row>'
     f"<table:table-row>{_cell('x')}</table:table-row>",
     r"refused: text in row 1,048,577 \(a sheet has at most 1,048,576\)"),
    ('<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s '
     'text:c="2000000000"/></text:p></table:table-cell></table:table-row>',
     r"content\.xml: line 1: <text:s text:c='2000000000'> is no count of spaces"),
    ('<table:table-row table:number-rows-repeated="-3"><table:table-cell/></table:table-row>',
     r"table:number-rows-repeated='-3' is no count"),
])
def test_a_hostile_spreadsheet_is_refused_in_bounded_memory(
    tmp_path: Path, rows: str, reason: str
) -> None:
    path = _ods(tmp_path / "bomb.ods", rows)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match=rf"^{path}: .*{reason}"):
        ods.read_rows(path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB


_STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode='
           '"[$-401]dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/>'
           '<numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts><cellXfs>'
           '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>'
           '<xf numFmtId="20"/><xf numFmtId="22"/><xf numFmtId="166"/></cellXfs></styleSheet>')


def _dated(path: Path, cells: list[tuple[int, str]], date1904: bool = False) -> Path:
    """A workbook of one row: each cell a number in the cell style given."""
    row = "".join(f'<c r="{chr(65 + i)}1" s="{s}"><v>{v}</v></c>'
                  for i, (s, v) in enumerate(cells))
    sheet = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">{row}</row></sheetData></worksheet>'
    write_xlsx(path, {"Sheet1": [["x"]]}, replace={"xl/worksheets/sheet1.xml": sheet.encode()})
    if date1904:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml").replace(b"<sheets>", b'<workbookPr date1904="1"/>'
                                                                  b"<sheets>")
        write_xlsx(path, {"Sheet1": [["x"]]}, replace={"xl/worksheets/sheet1.xml":
                                                       sheet.encode(), "xl/workbook.xml": book})
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/styles.xml", _STYLES)
    return path


def test_excel_date_cells_are_iso_dates(tmp_path: Path) -> None:
    path = _dated(tmp_path / "d.xlsx", [
        (0, "45352"),  # General: a number
        (1, "45352"),  # built-in d/m/yyyy
        (2, "45352.4375"),  # a custom Arabic-locale date, a time of day in the value
        (3, "45352"),  # 0.00"d": quoted text is no date
        (4, "0.5"),  # built-in h:mm
        (5, "45352.75"),  # built-in m/d/yy h:mm
        (6, "0.25"),  # [h]:mm, an elapsed time
        (1, "60"),  # Lotus's 29 February 1900, which never was
        (1, "59"),
        (1, "1e400"),
    ])
    assert xlsx.read_rows(path) == [(1, [
        "45352", "2024-03-01", "2024-03-01T10:30:00", "45352", "12:00:00",
        "2024-03-01T18:00:00", "06:00:00", "60", "1900-02-28", "1e400",
    ])]
    assert xlsx.read_rows(_dated(tmp_path / "m.xlsx", [(1, "43890")], date1904=True)) == [
        (1, ["2024-03-01"])]
