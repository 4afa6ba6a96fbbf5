"""Memories in Excel workbooks (.xlsx): an Arabic and an English column, a row a unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.formats.workbook import write_xlsx
from tests.tm.test_import import units
from workbench.errors import InputError
from workbench.project import Project


def test_a_two_column_workbook_is_a_memory(empty_project: Project, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "client.xlsx", {"TM": [
        ["English", "Arabic", "Notes"],
        ["The revolution broke out in Russia in 1917.", "قامت الثورة في روسيا عام 1917.",
         "history"],
        ["And the Bolsheviks\r\nseized power.", "واستولى البلاشفة_x000D_\nعلى السلطة.", None],
    ]})
    result = empty_project.tm.import_file(path)
    assert (result.name, result.format, result.units, result.source_lang) == (
        "client", "xlsx", 2, "en")
    first, second = units(empty_project, "client")
    assert (first["source"], first["target"]) == (
        "قامت الثورة في روسيا عام 1917.", "The revolution broke out in Russia in 1917.")
    assert first["meta"] == '{"notes": ["history"]}'
    # a cell's line break (Excel's Alt+Enter, stored as _x000D_ and a new line) is a space
    assert (second["source"], second["target"]) == (
        "واستولى البلاشفة على السلطة.", "And the Bolsheviks seized power.")
    assert empty_project.tm.lookup("قامت الثورة في روسيا عام 1918.")[0].score == 99


@pytest.mark.parametrize(("rows", "reason"), [
    ([["Arabic", "English"], ["قامت الثورة.", "The revolution."], ["واستولى البلاشفة.", None]],
     r"line 3: empty English side"),
    ([["نص", "نص آخر"], ["قامت الثورة.", "وقامت الثورة."]],
     r"no Arabic-English units: both columns are mostly Arabic \(expected rows of an Arabic "
     r"and an English cell\)"),
])
def test_a_bad_workbook_changes_nothing(
    empty_project: Project, tmp_path: Path, rows: list[list[str | None]], reason: str
) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", {"TM": rows})
    with pytest.raises(InputError, match=rf"^{path}: {reason}"):
        empty_project.tm.import_file(path)
    assert [m.name for m in empty_project.tm.memories()] == ["project"]
    assert empty_project.db.execute("SELECT count(*) FROM tm_units").fetchone()[0] == 0
