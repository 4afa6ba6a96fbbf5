"""Memories in a sheet of a workbook LibreOffice made (tests/formats/sheets), ODS as XLSX:
``tm import --sheet``, read here or by the child process that reads large files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.tm.test_import import units
from workbench.errors import InputError
from workbench.project import Project
from workbench.tm.pipeline import read_batches

DATA = Path(__file__).parent.parent / "formats" / "sheets"


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_the_tm_sheet_of_a_workbook_is_a_memory(empty_project: Project, fmt: str) -> None:
    result = empty_project.tm.import_file(DATA / f"workbook.{fmt}", "client", sheet="TM")
    # its header, in Arabic and English, is no unit
    assert (result.format, result.units, result.source_lang) == (fmt, 4, "ar")
    first, second, *_ = units(empty_project, "client")
    assert (first["source"], first["target"]) == (
        "قامت الثورة في روسيا عام ١٩١٧.", "The revolution broke out in Russia in 1917.")
    assert first["meta"] == '{"notes": ["2024-03-05", "14:05:00"]}'  # a date and a time
    assert (second["source"], second["target"]) == (  # two paragraphs: a space
        "واستولى البلاشفة على السُّلْطَة.", "And the Bolsheviks seized power.")


def test_the_reading_process_reads_the_sheet_chosen(tmp_path: Path) -> None:
    for background in (False, True):
        info, batches = read_batches(DATA / "workbook.ods", "ods", background=background,
                                     sheet="3")
        pairs = [row[:2] for batch in batches for row in batch.rows]
        assert (len(pairs), pairs[0]) == (4, (
            "قامت الثورة في روسيا عام ١٩١٧.", "The revolution broke out in Russia in 1917."))
        assert (info.format, info.source_lang) == ("ods", "ar")
        with pytest.raises(InputError, match=r"no sheet 'Memory' in the workbook \(its sheets: "
                                             r"1 'ملاحظات', 2 'Terms', 3 'TM'\)"):
            list(read_batches(DATA / "workbook.xlsx", "xlsx", background=background,
                              sheet="Memory")[1])


def test_tm_import_sheet_on_the_command_line(tmp_path: Path, new_db: Path) -> None:
    db = str(new_db)
    (tmp_path / "doc.ar.txt").write_text("انتشرت الجائحة.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", db).exit_code == 0
    book = tmp_path / "client-tm"  # no ending: a workbook by its content
    shutil.copy(DATA / "workbook.ods", book)
    result = run_cli("tm", "import", str(book), "--sheet", "TM", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"imported 4 units from {book} as memory 'client-tm'"
    first = run_cli("tm", "import", str(book), "--name", "first", "--db", db)
    assert first.exit_code != 0  # the first sheet is a note, no memory
    tsv = tmp_path / "m.tsv"
    tsv.write_text("قامت الثورة.\tThe revolution.\n", encoding="utf-8")
    result = run_cli("tm", "import", str(tsv), "--sheet", "1", "--db", db)
    assert result.exit_code != 0
    assert f"{tsv}: --sheet applies to .xlsx and .ods memories only (this is tsv)" in result.stderr
