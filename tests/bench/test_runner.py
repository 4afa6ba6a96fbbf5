"""``python -m bench``'s table: how its values read, and its width in a terminal and a file."""

import io
import json
import re
from pathlib import Path

import pytest
from rich.table import Table

from bench import __main__ as runner
from bench import common, omegat


def test_a_large_value_reads_as_a_whole_number_not_an_exponent() -> None:
    assert runner.format_value(47_812.4) == "47,812"  # segments/s, not 4.781e+04
    assert runner.format_value(24_000.0) == "24,000"
    assert runner.format_value(9_999.6) == "10,000"  # .4g would give 1e+04


def test_a_small_value_keeps_four_significant_digits() -> None:
    assert runner.format_value(2.0934) == "2.093"
    assert runner.format_value(0.28) == "0.28"
    assert runner.format_value(1294.4) == "1294"
    assert runner.format_value(0) == "0"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lines(monkeypatch: pytest.MonkeyPatch, out: io.StringIO) -> list[str]:
    monkeypatch.setattr("sys.stdout", out)
    table = Table()
    for column in ("module", "figure", "baseline"):
        table.add_column(column)
    table.add_row("mod-x", "import+segment+store 100,000 segments " * 3,
                  "raw sqlite3 insert of pre-split sentences 0.47 s " * 2)
    runner.console().print(table)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()  # a terminal's bold


def test_in_a_terminal_the_table_fits_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    lines = _lines(monkeypatch, _Terminal())
    assert max(len(line) for line in lines) <= 120  # a 200-column table broke every row


def test_in_a_file_each_row_keeps_to_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    lines = _lines(monkeypatch, io.StringIO())
    assert max(len(line) for line in lines) > 120
    assert sum("mod-x" in line for line in lines) == 1


def test_a_row_of_what_was_left_out_has_no_value(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("BENCH_OUT", str(tmp_path))
    monkeypatch.setattr(omegat, "JAR", tmp_path / "OmegaT.jar")  # not installed
    common.emit(omegat.run())
    (line,) = capsys.readouterr().out.splitlines()
    row = json.loads(line.removeprefix("ROW "))  # as python -m bench reads it
    assert row["figure"].startswith("OmegaT not installed")
    assert runner.format_value(row["value"]) == "—"  # not a measured 0


def test_in_a_narrow_terminal_no_word_is_cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = _Terminal()
    monkeypatch.setattr("sys.stdout", out)
    table = runner.new_table()
    table.add_row("dictionary", "XMLittre or sdcv not installed (apt-get install "
                  "stardict-xmlittre sdcv): the rows beside sdcv left out", "—", "", "", "", "")
    runner.console().print(table)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
