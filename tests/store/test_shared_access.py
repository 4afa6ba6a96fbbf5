"""Two connections in one process (as the TUI holds) and other processes opening and closing the
same project: no edit may go missing (https://sqlite.org/howtocorrupt.html, section 2.2)."""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.store.project_files import rows
from workbench.project import Project
from workbench.project.sample import new_project, open_or_create
from workbench.store import open_db
from workbench.store.doctor import diagnose

pytestmark = pytest.mark.sqlite_only  # SQLite files shared between processes (WAL, POSIX locks)

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_another_process_closing_leaves_the_wal_of_a_two_connection_process(
    sample_db: Path,
) -> None:
    main = Project.open(sample_db, author="tui")
    aux = Project.open(sample_db, author="tui")  # the TUI's second connection
    try:
        seg = main.segments(limit=1)[0]
        aux.stats()
        # Another program opens the project, reads, closes (``workbench stats``).
        _run(f"""
            from workbench.project import Project
            with Project.open({str(sample_db)!r}) as p:
                p.stats()
        """)
        assert Path(f"{sample_db}-wal").exists()  # nobody deleted the live WAL
        main.confirm(seg.id, "Confirmed after the other program closed.", override_reason="test")
        seen = _run(f"""
            from workbench.project import Project
            with Project.open({str(sample_db)!r}) as p:
                s = p.segment({seg.id})
                print(s.status, s.target, sep="|")
        """)
        assert seen.strip() == "translated|Confirmed after the other program closed."
    finally:
        aux.close()
        main.close()
    assert rows(sample_db, "PRAGMA integrity_check") == [("ok",)]


@pytest.fixture
def no_file_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file this process opens from Python (SQLite's own opens are not seen)."""
    opened: list[str] = []
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def spy(real: Any) -> Any:
        def wrapper(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | bytes | os.PathLike):
                opened.append(os.fsdecode(file))
            return real(file, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(io, "open", spy(real_io_open))
    monkeypatch.setattr(os, "open", spy(real_os_open))
    return opened


def _project_files(opened: list[str], folder: Path) -> list[str]:
    return [f for f in opened if Path(f).name.startswith(("p.db", "new.db", ".new.db"))
            and Path(f).parent.resolve() == folder.resolve()]


def test_the_store_never_opens_a_project_file_outside_sqlite(
    sample_db: Path, tmp_path: Path, no_file_opens: list[str]
) -> None:
    path = tmp_path / "p.db"
    db = open_db(path, create=True)
    second = open_db(path)  # a second connection while the first is open
    second.conn.close()
    read_only = open_db(path, read_only=True)
    read_only.conn.close()
    db.conn.close()
    diagnose(path)
    with new_project(tmp_path / "new.db") as project:
        project.stats()
    with open_or_create(tmp_path / "new.db") as project:
        project.stats()
    assert _project_files(no_file_opens, tmp_path) == []


def test_an_open_project_is_never_read_or_written_as_another_file(
    sample_db: Path, tmp_path: Path
) -> None:
    from workbench.errors import InputError
    from workbench.formats.safexml import iterparse
    from workbench.glossary.tbx import read_tbx
    from workbench.textio import read_text

    with Project.open(sample_db) as project:
        for attempt in (
            lambda: project.import_document(sample_db, "again"),
            lambda: project.import_translation(Path(f"{sample_db}-wal"), "sample", "draft"),
            lambda: read_tbx(sample_db),
            lambda: list(iterparse(sample_db)),
            lambda: project.export_file("txt", sample_db, "sample", force=True),
        ):
            with pytest.raises(InputError, match=r"is a file of the project segments\.db, open"):
                attempt()
        assert project.stats()["segments"] == 21
    assert Path(f"{sample_db}-wal").exists() is False  # closed normally: WAL checkpointed
    # closed: an ordinary (binary) file again
    with pytest.raises(InputError, match="an SQLite database"):
        read_text(sample_db)
