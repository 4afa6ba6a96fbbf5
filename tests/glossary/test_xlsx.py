"""Glossaries in Excel workbooks (.xlsx), as memoQ and MultiTerm export termbases."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.formats.workbook import write_xlsx
from workbench.errors import InputError
from workbench.glossary.io import read_glossary

#: memoQ's termbase export: an id, each language's term and definition.
MEMOQ_ROWS: list[list[Any]] = [
    ["Entry_ID", "Arabic", "Arabic_Def", "English", "English_Def", "English_Term_Example"],
    [1, "جائحة", "مرض واسع الانتشار", "pandemic", "a disease over a wide area",
     "The pandemic spread."],
    [2, "حجر صحي", None, "quarantine", None, "Quarantine rules apply."],
    [3, "لقاح", "", "inline:vaccine", True, "A vaccine was found."],
]


def _entries(path: Path, columns: str | None = None) -> list[tuple[str, str, str]]:
    return [(e.term, e.rendering, e.comment) for e in read_glossary(path, columns=columns).entries]


def test_a_memoq_termbase_export(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "terms.xlsx", {"Terms": MEMOQ_ROWS, "Other": [["x", "y"]]},
                      rich={"a disease over a wide area"})
    assert _entries(path) == [
        ("جائحة", "pandemic", "a disease over a wide area"),  # rich text, its runs joined
        ("حجر صحي", "quarantine", ""),
        ("لقاح", "vaccine", "TRUE"),
    ]


@pytest.mark.parametrize("header", [
    ["Term (English)", "Term (Arabic)"], ["English (United States)", "Arabic (Saudi Arabia)"],
    ["en-US", "ar-SA"], ["EN", "AR"],
])
def test_columns_named_by_their_language(tmp_path: Path, header: list[str]) -> None:
    # the English first, as a MultiTerm export of an English termbase lists it; a part of
    # speech column whose values are more varied than the renderings is no rendering
    rows = [["Part of speech", *header], ["noun", "outbreak", "تفشي"], ["verb", "spread", "انتشر"],
            ["adjective", "spread", "منتشر"]]
    path = write_xlsx(tmp_path / "multiterm.xlsx", {"Sheet1": rows})
    assert _entries(path) == [("تفشي", "outbreak", ""), ("انتشر", "spread", ""),
                              ("منتشر", "spread", "")]


def test_columns_chosen_by_name_or_number(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "terms.xlsx", {"Terms": MEMOQ_ROWS})
    assert _entries(path, "Arabic,English_Term_Example,Arabic_Def")[0] == (
        "جائحة", "The pandemic spread.", "مرض واسع الانتشار")
    assert _entries(path, "2,4")[1] == ("حجر صحي", "quarantine", "")


def test_bad_rows_are_named_by_their_row(tmp_path: Path) -> None:
    rows = [["Arabic", "English"], ["جائحة", "pandemic"], [None, None], ["لقاح", None]]
    path = write_xlsx(tmp_path / "terms.xlsx", {"Terms": rows})
    with pytest.raises(InputError, match=r"terms\.xlsx: line 4: .*(empty|English)"):
        read_glossary(path)


@pytest.mark.parametrize(("damage", "reason"), [
    ("not zip", r"not an Excel \(\.xlsx\) file \(not a readable zip package"),
    ("sheet", r"xl/worksheets/sheet1\.xml: line 2: not well-formed XML"),
    ("entity", r"xl/sharedStrings\.xml.*entit"),
    ("bomb", r"refused: xl/worksheets/sheet1\.xml is compressed [\d,]+ times \(at most 200\): "
             r"a zip bomb\?"),
    ("no workbook", r"not an Excel workbook \(\.xlsx\): the package has no xl/workbook\.xml"),
])
def test_a_damaged_or_hostile_workbook_is_refused(
    tmp_path: Path, damage: str, reason: str
) -> None:
    path = tmp_path / "terms.xlsx"
    if damage == "not zip":
        path.write_bytes(b"PK\x03\x04 cut short")
    elif damage == "no workbook":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", "<w/>")
    else:
        replace = {
            "sheet": {"xl/worksheets/sheet1.xml": b"<?xml version='1.0'?>\n<worksheet><row>"},
            "entity": {"xl/sharedStrings.xml": b'<!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si>'
                                               b"<t>&a;</t></si></sst>"},
            "bomb": {"xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * (9 << 20)
                                                 + b"</worksheet>"},
        }[damage]
        write_xlsx(path, {"Terms": MEMOQ_ROWS}, replace=replace)
    with pytest.raises(InputError, match=rf"^{path}: .*{reason}"):
        read_glossary(path)


def test_glossary_import_of_a_workbook_changes_nothing_when_refused(
    tmp_path: Path, new_db: Any
) -> None:
    db = str(new_db)
    (tmp_path / "doc.ar.txt").write_text("انتشرت الجائحة.\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "doc.ar.txt"), "--db", db).exit_code == 0
    good = write_xlsx(tmp_path / "terms.xlsx", {"Terms": MEMOQ_ROWS})
    result = run_cli("glossary", "import", str(good), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"imported 3 glossary entries (3 terms) from {good}"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:200])
    result = run_cli("glossary", "import", str(bad), "--db", db)
    assert result.exit_code != 0 and f"{bad}: not an Excel (.xlsx) file" in result.stderr
    listed = run_cli("glossary", "list", "--db", db, "--format", "json")
    assert [e["term"] for e in json.loads(listed.stdout)] == [
        "جائحة", "حجر صحي", "لقاح"]
