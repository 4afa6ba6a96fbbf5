"""Excel workbooks (.xlsx) written part by part as Excel writes them: shared strings (a rich
text run among them, with a phonetic guide), numbers, booleans, an inline string, cells left
out of a row."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

Cell = str | int | float | bool | None


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows: list[list[Cell]], strings: list[str]) -> str:
    """A worksheet's XML: text cells as shared strings (collected into ``strings``), empty
    cells left out as Excel leaves them out."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
           f'xmlns:r="{REL}"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif value.startswith("inline:"):
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value[7:])}</t></is></c>')
            else:
                if value not in strings:
                    strings.append(value)
                out.append(f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _shared(strings: list[str], rich: set[str]) -> str:
    items = []
    for s in strings:
        if s in rich:  # the first word bold, as a run; a phonetic guide that is no text
            head, _, tail = s.partition(" ")
            items.append(f'<si><r><rPr><b/></rPr><t>{escape(head)}</t></r><r><t xml:space='
                         f'"preserve"> {escape(tail)}</t></r><rPh sb="0" eb="1"><t>x</t></rPh>'
                         "</si>")
        else:
            items.append(f"<si><t>{escape(s)}</t></si>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{"".join(items)}</sst>')


def write_xlsx(path: Path, sheets: dict[str, list[list[Cell]]], *, rich: set[str] = frozenset(),
               replace: dict[str, bytes] | None = None) -> Path:
    """A workbook of ``sheets`` (name → rows), the first first; ``rich`` texts are written as
    rich text; ``replace`` gives members other bytes (a damaged part)."""
    strings: list[str] = []
    parts = {f"xl/worksheets/sheet{i}.xml": sheet_xml(rows, strings)
             for i, rows in enumerate(sheets.values(), start=1)}
    names = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, n in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    n = len(sheets) + 1
    parts.update({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
            'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sheet.main+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            f'"{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/'
            'workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" '
            f'xmlns:r="{REL}"><sheets>{names}</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            f'"{PKG_REL}">{rels}<Relationship Id="rId{n}" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'),
        "xl/sharedStrings.xml": _shared(strings, set(rich)),
    })
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, (replace or {}).get(name, text.encode("utf-8")))
    return path
