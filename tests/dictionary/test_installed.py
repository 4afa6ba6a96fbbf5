"""Dictionaries installed on the machine, suggested when a project has none."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.dictionary import installed
from workbench.dictionary.installed import add_hint, installed_dictionaries


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_arabic_english_dictionaries_are_found_first(tmp_path: Path) -> None:
    dictd, stardict = tmp_path / "dictd", tmp_path / "stardict"
    eng_ara = _touch(dictd / "freedict-eng-ara.index")
    _touch(dictd / "freedict-eng-ara.dict.dz")
    _touch(dictd / "freedict-deu-eng.index")
    ara_eng = _touch(dictd / "freedict-ara-eng.index")
    star = _touch(stardict / "arabic-english" / "Arabic-English.ifo")
    _touch(stardict / "arabic-english" / "Arabic-English.idx")
    _touch(stardict / "deep" / "er" / "arabic-english.ifo")  # a folder's folder: not read
    found = installed_dictionaries([dictd, stardict, tmp_path / "missing"])
    assert found == [ara_eng, star, eng_ara]
    assert add_hint([dictd]) == (f"workbench dictionary add {ara_eng} "
                                 "(an Arabic–English dictionary installed here)")
    assert add_hint([tmp_path / "missing"]) == "workbench dictionary add PATH"
    eng_only = tmp_path / "eng"
    _touch(eng_only / "freedict-eng-ara.index")
    assert "English–Arabic dictionary installed here" in add_hint([eng_only])


def test_the_empty_list_names_the_installed_dictionary(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _touch(tmp_path / "dictd" / "freedict-ara-eng.index")
    monkeypatch.setattr(installed, "FOLDERS", (tmp_path / "dictd",))
    result = CliRunner().invoke(main, ["dictionary", "list", "--db", str(sample_db)])
    assert result.exit_code == 0
    assert f"no dictionaries; add one with: workbench dictionary add {index}" in result.output


def test_a_lookup_in_a_project_without_dictionaries_names_the_installed_one(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first command a translator tries says how to add the dictionary installed here,
    as the empty list and the Dictionary panel do."""
    index = _touch(tmp_path / "dictd" / "freedict-ara-eng.index")
    monkeypatch.setattr(installed, "FOLDERS", (tmp_path / "dictd",))
    result = CliRunner().invoke(main, ["dictionary", "lookup", "--db", str(sample_db), "كتاب"])
    assert result.exit_code == 2 and result.output.strip().count("\n") == 0
    assert f"no dictionaries; add one with: workbench dictionary add {index}" in result.output
    assert "or give --dictionary PATH" in result.output
