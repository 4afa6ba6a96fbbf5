"""A new project appears only when complete: a killed or failed ``import`` leaves none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from workbench.errors import ProjectError
from workbench.project import Project
from workbench.project.sample import new_project, open_or_create
from workbench.store.sqlite import ProjectConnection


def _big_arabic(path: Path, paragraphs: int = 20_000) -> None:
    sentence = "هذه جملة عربية رقم {} في وثيقة كبيرة جدا. "
    lines = ["".join(sentence.format(p * 10 + i) for i in range(10)) for p in range(paragraphs)]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_killed_import_leaves_no_project(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    _big_arabic(big)
    target = tmp_path / "new.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "workbench", "import", str(big), "--db", str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    building = tmp_path / f".new.db.building-{child.pid}"
    end = time.monotonic() + 60
    while not building.exists() and child.poll() is None and time.monotonic() < end:
        time.sleep(0.01)
    assert building.exists(), "the import never started building"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert not target.exists()
    # the killed build's file stays until a later build of the project finds it (the first
    # minute it might be another machine's, writing into a shared folder)
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة.\n", encoding="utf-8")
    run_cli("import", str(doc), "--db", str(tmp_path / "other.db"))
    assert building.exists()
    old = time.time() - 120
    os.utime(building, (old, old))
    assert run_cli("import", str(doc), "--db", str(target)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "doc.txt", "new.db",
                                                          "other.db"]


def test_import_creates_the_project_only_when_done(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    result = run_cli("import", str(doc), "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "new.db"]
    with Project.open(tmp_path / "new.db") as project:
        assert project.stats()["segments"] == 2


def test_a_failed_build_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), new_project(tmp_path / "p.db") as project:
        project.import_document_text("جملة.", "doc", "doc.txt", "utf-8")
        raise RuntimeError("crash")
    assert list(tmp_path.iterdir()) == []


def test_a_project_created_meanwhile_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with pytest.raises(ProjectError, match="created this project meanwhile"), \
            open_or_create(path) as project:
        project.import_document_text("جملة.", "mine", "doc.txt", "utf-8")
        with new_project(path) as other:  # another program, quicker
            other.import_document_text("جملة أخرى.", "theirs", "doc.txt", "utf-8")
    with Project.open(path) as project:
        assert [d.name for d in project.documents()] == ["theirs"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_a_stale_wal_is_never_replayed_into_a_new_project(tmp_path: Path) -> None:
    Path(f"{tmp_path / 'p.db'}-wal").write_bytes(b"\x37\x7f\x06\x82" + bytes(28))
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة.\n", encoding="utf-8")
    result = run_cli("import", str(doc), "--db", str(tmp_path / "p.db"))
    assert result.exit_code == 2
    assert "p.db-wal is left from a project that is gone" in result.stderr
    assert not (tmp_path / "p.db").exists()
    with pytest.raises(ProjectError, match="left from a project that is gone"):
        Project.open(tmp_path / "p.db", create=True)


def test_a_missing_folder_is_named_not_the_temporary_file(
    tmp_path: Path, _sample_template: Path
) -> None:
    target = tmp_path / "absent" / "copy.db"
    for args in (["project", "copy", str(_sample_template), str(target)],
                 ["import", str(Path(__file__).parents[2] / "workbench/data/sample.ar.txt"),
                  "--db", str(target)]):
        result = run_cli(*args)
        assert result.exit_code == 2
        assert result.stderr == (f"workbench: error: {target}: folder {target.parent} does not "
                                 "exist\n")


def _disk_full_at_commit(
    monkeypatch: pytest.MonkeyPatch,
    fails: Callable[[sqlite3.Connection], bool] = lambda _conn: True,
) -> None:
    """Every COMMIT of a project connection for which ``fails(connection)`` holds fails as
    on a full disk (SQLite has rolled the transaction back by then)."""
    def execute(self: sqlite3.Connection, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT" and fails(self):
            sqlite3.Connection.execute(self, "ROLLBACK")
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise exc
        return sqlite3.Connection.execute(self, sql, *args)

    monkeypatch.setattr(ProjectConnection, "execute", execute)


def test_a_full_disk_while_creating_a_project_says_so_and_names_it(
    tmp_path: Path, _sample_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the failed COMMIT was hidden by "cannot rollback - no transaction is active", naming
    # the hidden temporary file
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة.\n", encoding="utf-8")
    _disk_full_at_commit(monkeypatch)
    for target, args in (
        (tmp_path / "copy.db", ["project", "copy", str(_sample_template)]),
        (tmp_path / "new.db", ["import", str(doc), "--db"]),
    ):
        result = run_cli(*args, str(target))
        assert result.exit_code == 2
        assert result.stderr == (f"workbench: error: {target}: the disk is full (database or "
                                 "disk is full); nothing was changed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]


def test_a_full_disk_while_storing_a_new_project_rows_names_it(
    tmp_path: Path, _sample_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the schema fits, the import's (the copy's, the recovery's) rows do not: the error named
    # no project ("workbench: error: the disk is full ..."), the new file never opened as one
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة.\n", encoding="utf-8")

    def with_rows(conn: sqlite3.Connection) -> bool:
        run = sqlite3.Connection.execute
        return bool(run(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'documents'")
                    .fetchone()[0] and run(conn, "SELECT count(*) FROM documents").fetchone()[0])

    _disk_full_at_commit(monkeypatch, with_rows)
    for target, args in (
        (tmp_path / "copy.db", ["project", "copy", str(_sample_template)]),
        (tmp_path / "new.db", ["import", str(doc), "--db"]),
        (tmp_path / "recovered.db", ["doctor", "--db", str(_sample_template), "--recover"]),
    ):
        result = run_cli(*args, str(target))
        assert result.exit_code == 2
        assert result.stderr == (f"workbench: error: {target}: the disk is full (database or "
                                 "disk is full); nothing was changed\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt"]
