"""The TSV export is real TSV: no quoting, a row per line, tab/newline/backslash escaped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.formats.conftest import Exporter
from workbench.errors import InputError
from workbench.formats.model import ExportHeader, Unit
from workbench.formats.table import escape_field, read_csv, unescape_field, write_tsv
from workbench.project import Project

HEADER = ExportHeader("p.db", "doc", "key", "working")
AWKWARD = 'He said "yes",\tthen\nleft; C:\\temp\\new'


def tsv(units: list[Unit]) -> str:
    buffer = io.BytesIO()
    assert write_tsv(buffer, HEADER, units) == len(units)
    return buffer.getvalue().decode("utf-8")


def test_a_field_with_a_quote_a_tab_and_a_newline() -> None:
    text = tsv([Unit((7,), 1, 2, 'قال "نعم"', AWKWARD, "draft")])
    lines = text.split("\n")
    assert lines[0] == "id\tparagraph\tarabic\tenglish\tstatus"
    assert lines[1] == '7\t2\tقال "نعم"\tHe said "yes",\\tthen\\nleft; C:\\\\temp\\\\new\tdraft'
    assert lines[2:] == [""]  # one line per row, nothing quoted
    fields = lines[1].split("\t")
    assert len(fields) == 5
    assert [unescape_field(f) for f in fields] == ["7", "2", 'قال "نعم"', AWKWARD, "draft"]


@pytest.mark.parametrize(
    "value", ["", "plain", "a\\tb literally", "\\", "\\\\n", "tab\there", "cr\r\nlf", '"quoted"']
)
def test_escaping_round_trips(value: str) -> None:
    escaped = escape_field(value)
    assert "\t" not in escaped and "\n" not in escaped and "\r" not in escaped
    assert unescape_field(escaped) == value


def test_unknown_escapes_are_kept() -> None:
    assert unescape_field("C:\\path\\x") == "C:\\path\\x"


def test_exported_tsv_reads_back_with_a_plain_split(export: Exporter, project: Project) -> None:
    project.save_draft(5, AWKWARD)
    lines = export("tsv").read_text(encoding="utf-8").split("\n")
    assert len(lines) == 1 + 21 + 1 and lines[-1] == ""
    rows = [[unescape_field(f) for f in line.split("\t")] for line in lines[1:-1]]
    segments = project.segments(limit=100)
    assert rows == [[str(s.id), str(s.paragraph), s.source, s.target, s.status] for s in segments]
    assert rows[4][3] == AWKWARD


@pytest.mark.parametrize(("name", "text"), [
    ("copied.csv", "id,arabic,english,english\n6,العمود,Column,Columns\n"),
    ("copied.tsv", "id\tarabic\tEnglish\tenglish \n6\tالعمود\tColumn\tColumns\n"),
])
def test_a_column_named_twice_is_refused(tmp_path: Path, name: str, text: str) -> None:
    """A reviewer copies the English column to keep the original beside it and edits the
    copy: the first column was read, the edits left out without a word ("0 updated")."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: the header names 2 english columns \(3, 4\)"):
        read_csv(path)


def test_a_status_is_read_in_any_case(tmp_path: Path) -> None:
    """A status typed in a spreadsheet, which capitalises a cell's first letter ("Reviewed"),
    is the status, as the header's names are read in any case (it refused the file:
    "unknown status 'Reviewed'")."""
    path = tmp_path / "edited.csv"
    path.write_text("Arabic,English,Status\nنص,Text,Reviewed\nآخر,Other, APPROVED\n",
                    encoding="utf-8")
    assert [u.status for u in read_csv(path).units] == ["reviewed", "approved"]
