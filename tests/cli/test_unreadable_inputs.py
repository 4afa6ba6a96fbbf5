"""Input files the user may not read: one line naming the file and the cause, exit 2.

The commands run as real processes that file permissions apply to (as root, the child drops
CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH first: see tests/e2e/unprivileged.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.unprivileged import preexec

COMMANDS = [
    ["segment", "{file}", "--lang", "ar"],  # a text file (FilePath)
    ["tm", "import", "{file}", "--format", "tmx", "--name", "t"],  # XML read by lxml
    ["dictionary", "add", "{file}"],  # click.Path
]


@pytest.mark.sqlite_only  # file permissions
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_an_unreadable_file_is_said_to_be_unreadable(
    tmp_path: Path, sample_db: Path, args: list[str]
) -> None:
    drop = preexec()
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text("نص عربي.\n", encoding="utf-8")
    unreadable.chmod(0)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(sample_db),
             *(a.format(file=unreadable) for a in args)],
            capture_output=True, text=True, preexec_fn=drop, timeout=120, check=False,
        )
    finally:
        unreadable.chmod(0o644)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # no usage message, no traceback
    assert lines[0].startswith(f"workbench: error: {unreadable}: cannot ")
    assert "Permission denied" in lines[0] and "folder" not in lines[0]
