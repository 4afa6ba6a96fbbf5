"""A file that exists but cannot be read (a failing disk or network share: EIO): one line
naming it, exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

#: Reading this file at offset 0 fails with EIO (Linux): a stand-in for a bad sector.
UNREADABLE = Path("/proc/self/mem")


@pytest.mark.skipif(not UNREADABLE.exists(), reason="needs Linux's /proc/self/mem")
def test_a_read_error_is_one_line_naming_the_file(sample_db: Path | str, tmp_path: Path) -> None:
    """`tm import` (its format sniffed, or its TMX read as it is parsed) and a TSV
    dictionary (`dictionary add`, `--dictionary` of lookup and align) were tracebacks, exit
    70."""
    (tmp_path / "ar.txt").write_text("قرأت الكتاب.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("I read the book.\n", encoding="utf-8")
    for name in ("memory.tmx", "memory.tsv", "memory", "qamus.tsv"):
        (tmp_path / name).symlink_to(UNREADABLE)
    db = ["--db", str(sample_db)]
    for name, args in (
        ("memory.tmx", ["tm", "import", "{}", *db]),
        ("memory", ["tm", "import", "{}", *db]),
        ("memory.tsv", ["tm", "import", "{}", "--format", "tmx", *db]),
        ("qamus.tsv", ["dictionary", "add", "{}", *db]),
        ("qamus.tsv", ["dictionary", "lookup", "كتاب", "--dictionary", "{}"]),
        ("qamus.tsv", ["align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"),
                       "--dictionary", "{}"]),
    ):
        path = str(tmp_path / name)
        result = run_cli(*[path if a == "{}" else a for a in args])
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr == f"workbench: error: {path}: cannot read (Input/output error)\n"
