"""Line-aligned files (``check`` and ``score`` on files): one reader, textio.read_lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.textio import read_lines


@pytest.mark.parametrize(("data", "lines"), [
    (b"one\ntwo\n", ["one", "two"]),  # a final newline ends the last line
    (b"one\ntwo", ["one", "two"]),
    (b"one\n\nthree\n", ["one", "", "three"]),  # an empty line is a segment of its own
    (b"one\r\ntwo\r\n\r\n", ["one", "two", ""]),
    ("\ufeffسطر\n".encode(), ["سطر"]),
])
def test_lines_of_a_file(tmp_path: Path, data: bytes, lines: list[str]) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(data)
    assert read_lines(path) == lines


def test_an_empty_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt"):
        read_lines(path)
