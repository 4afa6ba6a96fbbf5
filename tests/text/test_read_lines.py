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


@pytest.mark.parametrize(("name", "data", "message"), [
    ("hyp.html", b"<!DOCTYPE html>\n<p>The revolution.</p>\n", "an XML or HTML document (.html)"),
    ("hyp.TMX", b'<?xml version="1.0"?>\n<tmx version="1.4"/>\n',
     "an XML or HTML document (.tmx)"),
    ("hyp.docx", b"PK\x03\x04" + bytes(64), "a ZIP package (.docx)"),
], ids=["html", "tmx", "docx"])
def test_a_document_with_its_own_ending_is_not_told_to_take_it(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    """``score --hyp hyp.html`` (``check --target``, ``--abbreviations``: readers of plain
    text alone) was told to "give it the ending of its format (.html, ...)", or a DOCX "its
    own ending (.docx, .odt)": the ending it had. It is told that the command reads text."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_lines(path)
    assert str(caught.value) == (
        f"{path}: {message}, not text: this command reads plain text only; save the text as "
        "a UTF-8 file")


def test_markup_without_its_ending_is_still_told_to_take_it(tmp_path: Path) -> None:
    """A page saved under a text ending keeps the advice that fits it: give it its ending."""
    path = tmp_path / "page.txt"
    path.write_bytes(b"<html><body><p>text</p></body></html>\n")
    with pytest.raises(InputError, match=r"give it the ending of its format \(\.html"):
        read_lines(path)
