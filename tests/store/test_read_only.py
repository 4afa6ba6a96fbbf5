"""Projects that cannot be written: a read-only file, an unwritable folder, a leftover -shm.

The commands run as real processes that file permissions apply to: as root (as these tests
run), the child drops CAP_DAC_OVERRIDE first (see tests/e2e/unprivileged.py), so ``chmod``
really stops its writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.e2e.unprivileged import preexec
from tests.store.project_files import copy_project, rows
from workbench.errors import ReadOnlyProjectError
from workbench.project import Project
from workbench.store import open_db
from workbench.store.copy import project_checksums

WRITERS = [
    ["import", "{folder}/doc.ar.txt", "--doc", "extra"],
    ["import-translation", "{folder}/doc.en.txt", "--doc", "sample", "--as", "draft"],
    ["undo", "1"],
    ["glossary", "import", "{folder}/extra.tsv"],
    ["accept", "1", "--check", "end-punctuation", "--reason", "fine"],
    ["import-xliff", "{folder}/sample.xlf"],
]


def content(db: Path | str) -> str:
    """A digest of every row of the project (read through SQLite, read-only; a database on a
    server through the store's checksums)."""
    if not isinstance(db, Path):
        with contextlib.closing(open_db(db, read_only=True)) as conn:
            return repr(sorted(project_checksums(conn).items()))
    digest = hashlib.sha256()
    tables = [r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "ORDER BY name")]
    for table in tables:
        for row in sorted(map(repr, rows(db, f'SELECT * FROM "{table}"'))):
            digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture
def as_user() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``workbench ARGS`` in a process that file permissions apply to."""
    drop = preexec()

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
            preexec_fn=drop, cwd=cwd, timeout=120, check=False,
        )

    return run


@pytest.fixture
def inputs(tmp_path: Path, sample_db: Path) -> Path:
    """A folder of files to import (outside the project's folder)."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "doc.ar.txt").write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    (folder / "doc.en.txt").write_text(
        Path(__file__).resolve().parents[2].joinpath("translations", "draft.en.txt")
        .read_text(encoding="utf-8"), encoding="utf-8",
    )
    (folder / "extra.tsv").write_text("حاسوب\tcomputer\n", encoding="utf-8")
    exported = run_cli("export", "--db", str(sample_db), "--format", "xliff",
                       "--output", str(folder / "sample.xlf"))
    assert exported.exit_code == 0, exported.stderr
    return folder


@pytest.fixture
def locked_down(tmp_path: Path) -> Iterator[Callable[[Path, int], None]]:
    """chmod files or folders for the test, and give the owner back every right afterwards."""
    changed: list[Path] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append(path)
        path.chmod(mode)

    yield chmod
    for path in reversed(changed):
        path.chmod(path.stat().st_mode | stat.S_IRWXU)


def test_a_project_opened_read_only_refuses_every_write(sample_db: Path) -> None:
    before = content(sample_db)
    with Project.open(sample_db, read_only=True) as project:
        assert project.read_only and project.read_only_reason == "opened read-only"
        seg = project.segments(limit=1)[0]
        assert project.stats()["segments"] == 21
        for write in (
            lambda: project.confirm(seg.id, "new text"),
            lambda: project.save_draft(seg.id, "new text"),
            lambda: project.undo(seg.id),
            lambda: project.add_note(seg.id, "a note"),
        ):
            with pytest.raises(ReadOnlyProjectError, match=r"read-only.*nothing was changed"):
                write()
    assert content(sample_db) == before


@pytest.mark.sqlite_only  # file permissions
def test_read_only_file_reads_and_refuses_writers_in_one_line(
    sample_db: Path, inputs: Path, as_user: Callable[..., Any], locked_down: Any
) -> None:
    db = sample_db
    before = content(db)
    locked_down(db, 0o444)
    stats = as_user("stats", "--db", str(db), "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["segments"] == 21
    out = inputs / "out.tmx"
    export = as_user("export", "--db", str(db), "--format", "tmx", "--output", str(out))
    assert export.returncode == 0, export.stderr
    assert out.stat().st_size > 0
    score = as_user("score", "--db", str(db), "--format", "json")
    assert score.returncode == 0, score.stderr
    assert "the run is not recorded" in score.stderr
    for args in WRITERS:
        result = as_user(*[a.format(folder=inputs) for a in args], "--db", str(db))
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"workbench: error: {db}: the project is open read-only")
        assert "the file is not writable" in result.stderr and "Traceback" not in result.stderr
    assert content(db) == before


@pytest.mark.sqlite_only  # file permissions
def test_unwritable_folder_reads_without_creating_files_and_names_the_cause(
    tmp_path: Path, sample_db: Path, inputs: Path, as_user: Callable[..., Any], locked_down: Any
) -> None:
    folder = tmp_path / "team-folder"
    folder.mkdir()
    db = folder / "segments.db"
    copy_project(sample_db, db)
    before = content(db)
    for leftover in folder.glob("segments.db-*"):  # the copy's, from this process's reads
        leftover.unlink()
    locked_down(folder, 0o555)
    stats = as_user("stats", "--db", str(db), "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["segments"] == 21
    doctor = as_user("doctor", "--db", str(db))
    assert doctor.returncode == 0, doctor.stderr + doctor.stdout
    result = as_user("undo", "1", "--db", str(db))
    assert result.returncode == 2
    assert f"the folder {folder} is not writable" in result.stderr
    assert "segments.db-wal and segments.db-shm" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["segments.db"]
    assert content(db) == before


@pytest.mark.sqlite_only  # file permissions
def test_unwritable_folder_still_sees_the_commits_of_a_writer(
    tmp_path: Path, sample_db: Path, as_user: Callable[..., Any], locked_down: Any
) -> None:
    folder = tmp_path / "team-folder"
    folder.mkdir()
    db = folder / "segments.db"
    copy_project(sample_db, db)
    locked_down(folder, 0o555)
    # The owner (root here: writes in spite of the mode) works on the project meanwhile.
    with Project.open(db) as writer:
        seg = writer.segments(limit=1)[0]
        writer.confirm(seg.id, "First confirmed while a reader looks.", override_reason="test")
        first = as_user("history", str(seg.id), "--db", str(db), "--format", "json")
        assert first.returncode == 0, first.stderr
        assert json.loads(first.stdout)[-1]["new_text"] == "First confirmed while a reader looks."
        writer.confirm(seg.id, "Second.", override_reason="test")
        second = as_user("history", str(seg.id), "--db", str(db), "--format", "json")
        assert json.loads(second.stdout)[-1]["new_text"] == "Second."


@pytest.mark.sqlite_only  # file permissions
def test_an_unwritable_leftover_shm_opens_read_only_and_says_so(
    sample_db: Path, as_user: Callable[..., Any], locked_down: Any
) -> None:
    db = sample_db
    locked_down(db, 0o444)
    assert as_user("stats", "--db", str(db)).returncode == 0  # a reader leaves -wal and -shm
    shm = Path(f"{db}-shm")
    assert shm.exists() and not os.stat(shm).st_mode & stat.S_IWUSR
    db.chmod(0o644)  # writable again, but the reader's -shm is not
    result = as_user("undo", "1", "--db", str(db))
    assert result.returncode == 2
    assert "segments.db-wal and segments.db-shm are not writable" in result.stderr
    shm.unlink()
    Path(f"{db}-wal").unlink()
    assert as_user("undo", "1", "--db", str(db)).returncode == 0
