"""``python -m bench.links_exports FOLDER``: without a folder, or with one that holds no
project, one line of usage and exit 2, not a traceback."""

from pathlib import Path

import pytest

from bench import links_exports


def test_no_folder_is_a_line_of_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert links_exports.main([]) == 2
    assert capsys.readouterr().err.startswith("usage: python -m bench.links_exports FOLDER")


def test_a_folder_without_a_project_is_named(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert links_exports.main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"no project at {tmp_path / 'big.db'}" in err and "Traceback" not in err
    assert not (tmp_path / "big.db").exists()


def test_help_is_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert links_exports.main(["--help"]) == 0
    assert "FOLDER [LABEL]" in capsys.readouterr().out
