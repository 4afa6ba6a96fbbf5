"""Glossaries in a sheet of a workbook LibreOffice made (tests/formats/sheets): ``glossary
import``, ``glossary convert`` and ``check --glossary`` with ``--sheet``; ODS as XLSX."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

DATA = Path(__file__).parent.parent / "formats" / "sheets"
#: The Terms sheet: its title merged over the table left out, its formulas' values read.
TERMS_TSV = ("source\ttarget\tcomment\tforbidden\n"
             "جَائِحَة\tpandemic\tfrom the WHO  list\t\n"
             "الحَجْر الصِّحِّيّ\tquarantine\t\t\n"
             "لُقَاح\tvaccine\t6\t\n")


@pytest.mark.parametrize("fmt", ["ods", "xlsx"])
def test_glossary_convert_and_import_read_the_sheet_chosen(
    tmp_path: Path, new_db: Any, fmt: str
) -> None:
    book = str(DATA / f"workbook.{fmt}")
    for sheet in ("Terms", "2"):
        result = run_cli("glossary", "convert", book, "--sheet", sheet)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == TERMS_TSV
    db = str(new_db)
    (tmp_path / "doc.ar.txt").write_text("انتشرت الجائحة.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", db).exit_code == 0
    result = run_cli("glossary", "import", book, "--sheet", "terms", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"imported 3 glossary entries (3 terms) from {book}"
    listed = json.loads(run_cli("glossary", "list", "--db", db, "--format", "json").stdout)
    assert [(e["term"], e["rendering"]) for e in listed] == [
        ("جَائِحَة", "pandemic"), ("الحَجْر الصِّحِّيّ", "quarantine"), ("لُقَاح", "vaccine")]


def test_the_first_sheet_without_sheet_and_an_unknown_sheet_listed(tmp_path: Path) -> None:
    book = str(DATA / "workbook.ods")
    result = run_cli("glossary", "convert", book)  # the first sheet is a note, no glossary
    assert result.exit_code != 0
    result = run_cli("glossary", "convert", book, "--sheet", "Glossary")
    assert result.exit_code != 0
    assert (f"{book}: no sheet 'Glossary' in the workbook (its sheets: 1 'ملاحظات', 2 'Terms', "
            "3 'TM')") in result.stderr
    tsv = tmp_path / "g.tsv"
    tsv.write_text("لقاح\tvaccine\n", encoding="utf-8")
    result = run_cli("glossary", "convert", str(tsv), "--sheet", "1")
    assert result.exit_code != 0
    assert f"{tsv}: --sheet applies to XLSX and ODS glossaries only" in result.stderr


def test_terms_ods_as_a_glossary_and_a_workbook_named_csv(tmp_path: Path) -> None:
    expected = ("source\ttarget\tcomment\tforbidden\n"
                "جَائِحَة\tpandemic\ta disease over a wide area\t\n"
                "حجر صحي\tquarantine\t\t\n"
                "لقاح\tvaccine\ttwo\\nlines\t\n")
    for name in ("terms.ods", "terms.xlsx"):
        renamed = tmp_path / f"{name}.csv"  # a workbook saved with the wrong ending
        shutil.copy(DATA / name, renamed)
        for path in (DATA / name, renamed):
            result = run_cli("glossary", "convert", str(path))
            assert result.exit_code == 0, result.stderr
            assert result.stdout == expected
            assert "line 5: duplicate of line 4" in result.stderr


def test_check_reads_the_glossary_sheet_chosen(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text("انتشرت الجَائِحَة بسرعة.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The epidemic spread fast.\n", encoding="utf-8")
    args = ["check", "--source", str(tmp_path / "ar.txt"), "--target", str(tmp_path / "en.txt"),
            "--format", "json", "--skip", "spelling"]
    for fmt in ("ods", "xlsx"):
        result = run_cli(*args, "--glossary", str(DATA / f"workbook.{fmt}"), "--sheet", "Terms")
        assert result.exit_code == 1, result.stderr
        found = json.loads(result.stdout)["violations"]
        assert [(v["check"], v["term"], v["expected"]) for v in found] == [
            ("term-missing", "جَائِحَة", ["pandemic"])]
    result = run_cli(*args, "--sheet", "Terms")
    assert result.exit_code == 2 and "--sheet needs --glossary" in result.stderr


def test_score_reads_the_glossary_sheet_chosen(tmp_path: Path) -> None:
    source, hyp, ref = (tmp_path / name for name in ("s.txt", "h.txt", "r.txt"))
    source.write_text("انتشرت الجائحة.\nوصل اللقاح.\n", encoding="utf-8")
    hyp.write_text("The pandemic spread.\nThe jab arrived.\n", encoding="utf-8")
    ref.write_text("The pandemic spread.\nThe vaccine arrived.\n", encoding="utf-8")
    files = ("score", "--hyp", str(hyp), "--ref", str(ref), "--format", "json")
    book = str(DATA / "workbook.xlsx")
    result = run_cli(*files, "--source", str(source), "--glossary", book, "--sheet", "Terms")
    assert result.exit_code == 0, result.stderr
    terms = json.loads(result.stdout)["terms"]
    assert (terms["occurrences"], terms["rendered"]) == (2, 1)
    assert terms["missed"] == [{"term": "لُقَاح", "count": 1}]
    result = run_cli(*files, "--sheet", "Terms")
    assert result.exit_code == 2 and "--sheet needs --glossary" in result.stderr


def test_a_workbook_given_as_text_names_the_format_to_give(tmp_path: Path, new_db: Any) -> None:
    (tmp_path / "doc.ar.txt").write_text("انتشرت الجائحة.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", str(new_db)).exit_code == 0
    for fmt in ("ods", "xlsx"):
        book = str(DATA / f"workbook.{fmt}")
        kind = "an Excel" if fmt == "xlsx" else "an OpenDocument"
        for args in (("glossary", "convert", book, "--from", "csv"),
                     ("tm", "import", book, "--format", "tsv", "--db", str(new_db))):
            result = run_cli(*args)
            assert result.exit_code != 0
            assert f"{book}: {kind} workbook, not " in result.stderr
            assert f"text: give {fmt} as its format, or none" in result.stderr
    listed = json.loads(run_cli("tm", "list", "--db", str(new_db), "--format", "json").stdout)
    assert all(m["name"] != "workbook" for m in listed)
