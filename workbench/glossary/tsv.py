"""Reading and writing glossary.tsv (OmegaT-compatible, with a forbidden-renderings column).

Columns: Arabic term, required English, comment (optional), forbidden renderings separated
by ``;`` (optional). ``#`` starts a comment line; a first line whose first field is
``source`` (or ``arabic``, ``term``…) is a header. A spreadsheet's quotes around every field
of a row are taken off. Several rows with one term are accepted alternatives. A tab, a line
break or a backslash inside a field is written ``\\t``, ``\\n`` (``\\r``) and ``\\\\`` (the TSV
convention of our exports, :mod:`workbench.formats.table`) and read back; so is a term starting
with ``#`` (a hashtag), written ``\\#`` so that its row is not read as a comment.

Every bad row is reported at once (up to 20 listed, with file and line) and nothing is read.
A file whose columns are English then Arabic is refused as swapped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.formats.table import escape_field, unescape_field, unquote_row
from workbench.glossary.badrows import BadRows, BadRowsError
from workbench.glossary.model import Entry, Glossary, GlossaryBuilder
from workbench.text.script import arabic_share, mostly_arabic
from workbench.textio import read_text

SWAP_SAMPLE = 500  # rows whose columns tell a swapped file
HEADERS = frozenset({"source", "source term", "term", "arabic", "arabic term", "ar", "src"})
#: Column names in Arabic, with the English name each stands for: a first row of them is a
#: header (المصطلح,English; المصطلح,الترجمة,ملاحظات), not an entry.
ARABIC_HEADERS = {
    "المصطلح": "term", "المصطلح العربي": "term", "المصطلحات": "term", "العربية": "arabic",
    "عربي": "arabic", "العربي": "arabic", "الترجمة": "translation", "الإنجليزية": "english",
    "الانجليزية": "english", "إنجليزي": "english", "انجليزي": "english", "ملاحظات": "notes",
    "ملاحظة": "note",
}
"""First fields that make a first line a header (OmegaT's ``source``, a spreadsheet's)."""


def parse_tsv(
    text: str, path: str | Path = "glossary.tsv", columns: str | None = None
) -> Glossary:
    """Parse glossary TSV text; every bad row is reported (:class:`BadRowsError`), none kept.

    A file refused read line by line is read again as a spreadsheet saves cells that hold
    tabs or line breaks (quoted, as in CSV); refused again, the refusal with fewer bad rows
    stands (the line-by-line one on a tie).

    ``columns`` (``--columns``), or a first line naming its columns with the Arabic terms' not
    first (a termbase exported as tab-separated text: memoQ's ``Entry_ID, …, Arabic, …,
    English``, Excel's Unicode text), reads the columns as a CSV's are chosen."""
    header = next((cells for _, line, cells in _lines(text)
                   if line.strip() and not line.lstrip().startswith("#")), None)
    if header is not None:
        from workbench.glossary.csvfile import arabic_column, parse_rows  # it imports this one

        if columns or (arabic_column(header) or 0) > 0:
            rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
            table = [(number, cells) for number, _, cells in _quoted_rows(rows)]
            return parse_rows(table, path, columns)
    try:
        return _parse_rows(_lines(text), path)
    except InputError as by_lines:
        if '"' not in text:
            raise
        quoted = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
        try:
            return _parse_rows(_quoted_rows(quoted), path)
        except BadRowsError as by_cells:
            raise (by_cells if by_cells.count < _bad_count(by_lines) else by_lines) from None
        except (InputError, csv.Error):
            raise by_lines from None


def _bad_count(error: InputError) -> int:
    """How many bad rows ``error`` names (1 for a refusal of the whole file)."""
    return error.count if isinstance(error, BadRowsError) else 1


Row = tuple[int, str, list[str]]
"""A row of the file: its (first) line number, its text and its fields, quoting taken off."""


def _lines(text: str) -> Iterator[Row]:
    """The rows of ``text`` read line by line (a spreadsheet's quotes taken off each)."""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        yield number, line, unquote_row(line.split("\t"))


def _quoted_rows(reader: Any) -> Iterator[Row]:
    """The rows of a csv reader over tab-separated text whose quoted cells may hold tabs and
    line breaks (a spreadsheet's), each with the line it starts on."""
    end = 0
    for row in reader:
        number, end = end + 1, reader.line_num
        yield number, "\t".join(row) if len(row) > 1 else "".join(row), row


def _parse_rows(rows: Iterable[Row], path: str | Path) -> Glossary:
    """The glossary of a file's rows (see :func:`parse_tsv`)."""
    builder = GlossaryBuilder(path)
    glossary = builder.glossary
    bad = BadRows(path)
    header_possible = True
    columns: tuple[list[str], list[str]] = ([], [])
    for number, line, cells in rows:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(cells) < 2:
            bad.add(number, "no tab: expected 'term<TAB>rendering'")
            header_possible = False
            continue
        fields = [unescape_field(f).strip() for f in _unescape_hash(cells)]
        first_row, header_possible = header_possible, False
        if first_row and (fields[0].casefold() in HEADERS or fields[0] in ARABIC_HEADERS):
            continue
        if len(columns[0]) < SWAP_SAMPLE:
            columns[0].append(fields[0])
            columns[1].append(fields[1])
        entry = _entry(fields, number, bad)
        if entry is not None:
            builder.add(entry)
    refuse_swapped(*columns, path)
    bad.raise_if_any()
    if not glossary.entries:
        raise InputError(path, "glossary has no entries")
    return glossary


def _unescape_hash(fields: list[str]) -> list[str]:
    """The row's fields, a first one written ``\\#term`` (a term starting with ``#``) as
    ``#term``; a backslash of the term itself is written ``\\\\``, so no term is taken for
    it."""
    first = fields[0].lstrip()
    return [first[1:], *fields[1:]] if first.startswith("\\#") else fields


def refuse_swapped(
    terms: list[str], renderings: list[str], path: str | Path,
    expected: str = "expected 'Arabic<TAB>English'",
) -> None:
    """Refuse a file read as English terms with Arabic renderings: (almost) no Arabic in the
    terms, mostly Arabic in the renderings (of its first rows)."""
    if arabic_share(" ".join(renderings)) <= 0.5:
        return
    if not any(ch.isalpha() for term in terms for ch in term):
        hint = "" if "--columns" in expected else "; --columns TERM,RENDERING chooses others"
        raise InputError(path, "the first column holds no words (an ID column?) and the second "
                               f"Arabic ({expected}{hint})")
    if arabic_share(" ".join(terms)) < 0.1:
        raise InputError(path, "the columns look swapped: the first holds English and the "
                               f"second Arabic ({expected})")


def _entry(fields: list[str], number: int, bad: BadRows) -> Entry | None:
    """The entry of one row's fields, or None after recording why the row is bad."""
    comment = fields[2] if len(fields) > 2 else ""
    forbidden = fields[3] if len(fields) > 3 else ""
    return row_entry(fields[0], fields[1], comment, forbidden, number, bad)


def row_entry(
    term: str, rendering: str, comment: str, forbidden: str, number: int, bad: BadRows
) -> Entry | None:
    """The entry of one glossary row (``forbidden``: renderings separated by ``;``), or None
    after recording why the row is bad: an empty term or rendering, a rendering in Arabic, or
    a forbidden rendering equal to the required one. TSV and CSV rows follow this one policy."""
    if not term:
        bad.add(number, "empty Arabic term")
        return None
    if not rendering:
        bad.add(number, f"empty English rendering for {term!r}")
        return None
    if mostly_arabic(rendering):
        bad.add(number, f"the English rendering {rendering!r} is Arabic")
        return None
    words = tuple(f.strip() for f in forbidden.split(";") if f.strip())
    for word in words:
        if word.casefold() == rendering.casefold():
            bad.add(number, f"forbidden rendering {word!r} equals the required one")
            return None
    return Entry(term, rendering, comment, words, number)


def read_tsv(path: str | Path, columns: str | None = None) -> Glossary:
    """Read a glossary.tsv file (UTF-8, a BOM accepted); ``columns`` as :func:`parse_tsv`."""
    return parse_tsv(read_text(path), path, columns)


def format_tsv(glossary: Glossary) -> str:
    """Serialise a glossary as TSV with a header line."""
    lines = ["source\ttarget\tcomment\tforbidden"]
    for e in glossary.entries:
        fields = [escape_field(f) for f in (e.term, e.rendering, e.comment,
                                            "; ".join(e.forbidden))]
        if fields[0].startswith("#"):  # else the row would be read back as a comment
            fields[0] = "\\" + fields[0]
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"
