"""File names that are not UTF-8 (a Windows-1256 or Latin-1 name out of a ZIP): read and
written like any other, stored and printed with U+FFFD for the bytes that are not text."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_cli


def _named(folder: Path, raw: bytes) -> Path:
    """A path in ``folder`` whose name is the bytes ``raw`` (surrogate-escaped in Python)."""
    return folder / os.fsdecode(raw)


def test_a_text_file_named_in_latin_1_is_imported_under_a_readable_name(
    tmp_path: Path, sample_db: Path | str
) -> None:
    source = _named(tmp_path, b"caf\xe9.txt")
    source.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    result = run_cli("import", str(source), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    assert "imported caf\ufffd: 2 segments" in result.stdout
    english = _named(tmp_path, b"en\xe9.txt")
    english.write_text("First sentence. Second sentence.\n", encoding="utf-8")
    result = run_cli("import-translation", str(english), "--db", str(sample_db),
                     "--doc", "caf\ufffd", "--as", "reference")
    assert result.exit_code == 0, result.stderr


def test_an_export_and_a_memory_import_take_a_name_not_in_utf_8(
    tmp_path: Path, sample_db: Path | str
) -> None:
    out = _named(tmp_path, b"memo\xe9.tmx")
    result = run_cli("export", "--db", str(sample_db), "--format", "tmx", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.is_file()
    result = run_cli("tm", "import", str(out), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr
    memories = json.loads(run_cli("tm", "list", "--db", str(sample_db), "--format",
                                  "json").stdout)
    (memory,) = [m for m in memories if m["name"] == "memo\ufffd"]
    assert memory["source_path"] == str(tmp_path / "memo\ufffd.tmx")
    result = run_cli("import-tmx", str(out), "--db", str(sample_db))
    assert result.exit_code == 0, result.stderr


def test_a_dictionary_named_not_in_utf_8_is_refused_in_one_line(
    tmp_path: Path, sample_db: Path | str
) -> None:
    """A dictionary's path is stored to be opened again, so it cannot take U+FFFD."""
    dictionary = _named(tmp_path, b"qamus\xe9.tsv")
    dictionary.write_text("كتاب\tbook\n", encoding="utf-8")
    result = run_cli("dictionary", "add", str(dictionary), "--db", str(sample_db))
    assert result.exit_code == 2
    assert "qamus\ufffd.tsv: a file name that is not UTF-8 cannot be stored" in result.stderr
    plain = tmp_path / "qamus.tsv"
    plain.write_text("كتاب\tbook\n", encoding="utf-8")
    result = run_cli("dictionary", "add", str(plain), "--name", os.fsdecode(b"q\xe9"),
                     "--db", str(sample_db))
    assert result.exit_code == 2
    assert result.stderr.startswith("workbench: error: --name: not UTF-8 text")


def test_a_document_named_from_such_a_file_is_found_by_the_same_bytes(
    tmp_path: Path, sample_db: Path | str
) -> None:
    """``--doc`` given the file's own stem (a script's ``--doc "$(basename "$f" .txt)"``)
    finds the document the import named with U+FFFD; before, every such look-up crashed."""
    source = _named(tmp_path, b"caf\xe9.txt")
    source.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    assert run_cli("import", str(source), "--db", str(sample_db)).exit_code == 0
    result = run_cli("stats", "--db", str(sample_db), "--doc", os.fsdecode(b"caf\xe9"),
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["segments"] == 2


def test_text_arguments_not_in_utf_8_are_refused_in_one_line(
    sample_db: Path | str
) -> None:
    """A Windows-1256 word given as a query or as English: one line naming the argument,
    exit 2, nothing changed — not a traceback (exit 70)."""
    word = os.fsdecode("ثورة".encode("cp1256"))
    for args in (["concordance", word], ["confirm", "1", "--text", word],
                 ["review", "2", "--reject", "--comment", word], ["score", "--ref", word]):
        result = run_cli(*args, "--db", str(sample_db))
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr.startswith("workbench: error: ")
        assert "not UTF-8 text" in result.stderr and len(result.stderr.splitlines()) == 1
    history = json.loads(run_cli("history", "1", "--db", str(sample_db), "--format",
                                 "json").stdout)
    assert len(history) == 1  # the import's revision alone


def test_a_dictionary_given_by_a_name_not_in_utf_8_is_read(tmp_path: Path) -> None:
    """``--dictionary`` (no project stores its path) reads it as any file: its key cache,
    named after the path's bytes, was a traceback (exit 70)."""
    dictionary = _named(tmp_path, b"qamus\xe9.tsv")
    dictionary.write_text("كتاب\tbook\n", encoding="utf-8")
    result = run_cli("dictionary", "lookup", "كتاب", "--dictionary", str(dictionary),
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "book" in result.stdout
    (tmp_path / "ar.txt").write_text("قرأت الكتاب.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("I read the book.\n", encoding="utf-8")
    result = run_cli("align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"),
                     "--dictionary", str(dictionary))
    assert result.exit_code == 0, result.stderr
