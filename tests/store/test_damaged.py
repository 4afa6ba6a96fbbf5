"""Damaged project files: one line and exit 2 from every command and from the TUI, never a
traceback; ``workbench doctor`` reports the damage and copies what can be read."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from tests.conftest import run_cli
from tests.e2e.terminal import Terminal
from tests.store.project_files import damage, leaf_pages, rows, version_1_project
from workbench.errors import DamagedProjectError
from workbench.project import Project
from workbench.store import open_db

pytestmark = pytest.mark.sqlite_only  # damaged SQLite files


def workbench(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, cwd=cwd,
        timeout=120, check=False,
    )


def in_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command in this process (click's runner), for checks of its report and exit
    code; the one-line errors of a real process are :func:`workbench`'s."""
    result = run_cli(*args)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout,
                                       result.stderr)


def file_digest(path: Path) -> tuple[str, int]:
    """The bytes (hashed) and modification time of a file nobody has open."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def damaged_table(sample_db: Path) -> Path:
    """The sample project with the last leaf page of its segments table overwritten (its
    indexes whole, so the table's row count can still be read)."""
    damage(sample_db, leaf_pages(sample_db, "segments")[-1:])
    return sample_db


@pytest.fixture
def damaged(sample_db: Path) -> Path:
    """The sample project with the last leaf page of its segments table, and of each of its
    indexes (a query may read either), overwritten."""
    names = ["segments"] + [
        str(r[0]) for r in rows(
            sample_db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
            ("segments",),
        )
    ]
    damage(sample_db, sorted({page for name in names for page in leaf_pages(sample_db, name)[-1:]}))
    return sample_db


@pytest.mark.parametrize("args", [
    ["stats"],
    ["export", "--format", "tmx", "--output", "{tmp}/out.tmx"],
    ["check"],
    ["history", "21"],
    ["undo", "21"],
])
def test_commands_on_a_damaged_project_say_one_line(
    damaged: Path, tmp_path: Path, args: list[str]
) -> None:
    result = workbench(*[a.format(tmp=tmp_path) for a in args], "--db", str(damaged))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"workbench: error: {damaged}: the project file is damaged")
    assert f"workbench doctor --db {damaged}" in result.stderr


def test_a_damaged_first_page_is_named(sample_db: Path) -> None:
    damage(sample_db, [1])
    result = in_process("stats", "--db", str(sample_db))
    assert result.returncode == 2
    assert "not an SQLite database, or its first page is damaged" in result.stderr


def test_the_tui_on_a_damaged_project_exits_2_with_one_line(tmp_path: Path, damaged: Path) -> None:
    with Terminal(tmp_path, "--db", str(damaged)) as term:
        term.child.expect(pexpect.EOF, timeout=30)
        output = term.child.before.decode("utf-8", "replace")
        term.child.close()
        assert term.child.exitstatus == 2
    assert f"workbench: error: {damaged}: the project file is damaged" in output
    assert "Traceback" not in output and "locals" not in output


def test_doctor_finds_a_sound_project_sound(sample_db: Path) -> None:
    result = in_process("doctor", "--db", str(sample_db))
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("header", "schema", "quick_check", "integrity_check", "foreign_key_check"):
        assert f"{check}: ok" in result.stdout
    assert "result: ok" in result.stdout and "segments 21" in result.stdout
    report = json.loads(in_process("doctor", "--db", str(sample_db), "--format", "json").stdout)
    assert report["ok"] is True and report["tables"]["segments"] == 21


def test_doctor_reports_damage_and_recovers_what_can_be_read(
    damaged_table: Path, tmp_path: Path, _sample_template: Path
) -> None:
    damaged = damaged_table
    before = file_digest(damaged)
    out = tmp_path / "recovered.db"
    result = in_process("doctor", "--db", str(damaged), "--recover", str(out))
    assert result.returncode == 1, result.stderr
    assert "quick_check: FAILED" in result.stdout and "result: DAMAGED" in result.stdout
    assert "recovery: PARTIAL" in result.stdout
    assert file_digest(damaged) == before  # the original is never touched
    original = {r[0]: r[1:] for r in rows(_sample_template, "SELECT * FROM segments")}
    with Project.open(out) as project:  # a project the workbench opens as any other
        copied = {
            r[0]: tuple(r[1:]) for r in project.db.execute("SELECT * FROM segments")
        }
        assert project.stats()["documents"] == 1
    assert 0 < len(copied) < 21
    assert all(original[k] == v for k, v in copied.items())  # what was copied is exact
    lost = sorted(set(original) - set(copied))
    assert f"segments: {len(copied)} of 21 rows copied" in result.stdout
    assert f"keys above {min(lost) - 1} unreadable" in result.stdout
    assert rows(out, "SELECT count(*) FROM revisions") == [(21,)]  # other tables whole
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]


def test_recovering_a_sound_project_copies_every_row_as_it_was(
    sample_db: Path, tmp_path: Path
) -> None:
    # the new schema seeds the project memory and one-row counters (the QA stamp, moved by
    # the sample's glossary): the copy's rows replace them instead of being refused as damaged
    out = tmp_path / "recovered.db"
    result = in_process("doctor", "--db", str(sample_db), "--recover", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "recovery: complete" in result.stdout and "refused" not in result.stdout
    for table in ("qa_stamp", "tm_state", "tm_memories", "segments", "revisions"):
        query = f"SELECT * FROM {table} ORDER BY rowid"
        assert rows(out, query) == rows(sample_db, query), table
    assert rows(out, "SELECT stamp FROM qa_stamp") != [(0,)]


def test_a_recovered_project_never_gives_a_deleted_errors_id_again(
    sample_db: Path, tmp_path: Path
) -> None:
    """The last LQA error id given is recovered with the rows (an error an undo deleted, the
    newest, had its id given again to the recovered project's next error)."""
    with Project.open(sample_db) as project:
        gone = project.lqa.add_error(3, "style", "minor").id
    with sqlite3.connect(sample_db) as conn:  # as an undo of the import that brought it
        conn.execute("DELETE FROM lqa_errors")
    out = tmp_path / "recovered.db"
    result = in_process("doctor", "--db", str(sample_db), "--recover", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    with Project.open(out) as project:
        assert project.lqa.add_error(3, "style", "minor").id > gone


def test_doctor_never_writes_over_a_file(damaged: Path, tmp_path: Path) -> None:
    existing = tmp_path / "taken.db"
    existing.write_text("mine\n")
    for target in (existing, damaged):
        result = workbench("doctor", "--db", str(damaged), "--recover", str(target))
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1
        assert result.stdout == ""  # refused before the diagnosis, not after it
    assert existing.read_text() == "mine\n"
    assert not list(tmp_path.glob(".*recovering*"))


def test_doctor_on_a_damaged_first_page(sample_db: Path, tmp_path: Path) -> None:
    damage(sample_db, [1])
    result = in_process("doctor", "--db", str(sample_db))
    assert result.returncode == 1
    assert "result: DAMAGED" in result.stdout
    out = tmp_path / "recovered.db"
    recovered = in_process("doctor", "--db", str(sample_db), "--recover", str(out))
    # The schema is unreadable: only the sqlite3 program's .recover can help, where it works.
    if recovered.returncode == 2:
        assert "nothing was recovered" in recovered.stderr and not out.exists()
    else:
        assert recovered.returncode == 1 and "sqlite3 .recover" in recovered.stdout


def test_recovery_of_a_file_cut_short_does_not_blame_its_first_page(
    sample_db: Path, tmp_path: Path
) -> None:
    # the doctor said "cut short", and --recover then said "the schema (first page) cannot be
    # read" of a first page that is whole (the schema's other pages were past the cut)
    size = sample_db.stat().st_size
    os.truncate(sample_db, size // 2 // 4096 * 4096)
    out = tmp_path / "recovered.db"
    recovered = in_process("doctor", "--db", str(sample_db), "--recover", str(out))
    if recovered.returncode == 2:  # no working sqlite3 .recover here
        assert "the file is cut short" in recovered.stderr
        assert "first page" not in recovered.stderr and not out.exists()
    else:
        assert recovered.returncode == 1 and "sqlite3 .recover" in recovered.stdout


def test_recovery_of_a_file_cut_short_after_its_schema_copies_the_rows_before_the_cut(
    sample_db: Path, tmp_path: Path
) -> None:
    # a copy that stopped after the schema's pages recovered nothing ("the schema cannot be
    # read"): SQLite refuses a file shorter than its header's page count as a whole
    cut = rows(sample_db, "SELECT max(pageno) FROM dbstat WHERE name = 'sqlite_schema'")[0][0]
    tables = [str(r[0]) for r in rows(sample_db, "SELECT name FROM sqlite_master WHERE "
                                      "type = 'table' AND name NOT LIKE 'sqlite_%'")]
    whole = {t: rows(sample_db, f"SELECT count(*) FROM {t}")[0][0] for t in tables
             if all(page <= cut for page in leaf_pages(sample_db, t))}
    os.truncate(sample_db, cut * 4096)
    out = tmp_path / "recovered.db"
    recovered = in_process("doctor", "--db", str(sample_db), "--recover", str(out))
    assert recovered.returncode in (0, 1), recovered.stderr
    assert "(row copy)" in recovered.stdout
    assert whole and all(rows(out, f"SELECT count(*) FROM {t}")[0][0] == n
                         for t, n in whole.items())


def test_doctor_names_a_file_cut_short(sample_db: Path) -> None:
    # a copy that did not finish was reported as "its first page is damaged"
    size = sample_db.stat().st_size
    os.truncate(sample_db, size // 2 // 4096 * 4096)
    result = in_process("doctor", "--db", str(sample_db))
    assert result.returncode == 1
    assert "the file is cut short" in result.stdout
    assert f"pages of 4096 bytes ({size:,} bytes)" in result.stdout
    assert "first page" not in result.stdout


def test_doctor_finds_dangling_rows_and_a_missing_index(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    db = open_db(path, create=True)
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.execute("INSERT INTO segments (document_id, paragraph, position, source, updated_at) "
                    "VALUES (99, 1, 1, 'نص', 'now')")
    db.conn.execute("DROP INDEX segments_status")
    db.conn.close()
    result = in_process("doctor", "--db", str(path))
    assert result.returncode == 1
    assert "segments: 1 rows refer to missing documents rows" in result.stdout
    assert "missing index segments_status" in result.stdout


def test_doctor_names_another_program_database_and_an_old_project_missing_a_table(
    tmp_path: Path,
) -> None:
    from workbench.errors import ProjectError
    from workbench.store.doctor import diagnose, recover
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    schema = next(c for c in diagnose(other).checks if c.name == "schema")
    assert not schema.ok and "another kind" in " ".join(schema.details)
    # nor is it "recovered" into an empty project (every table 'unreadable', PARTIAL)
    with pytest.raises(ProjectError, match=r"another kind.*nothing to recover"):
        recover(other, tmp_path / "recovered.db")
    assert not (tmp_path / "recovered.db").exists()
    old = tmp_path / "old.db"
    version_1_project(old, "DROP TABLE notes")
    schema = next(c for c in diagnose(old).checks if c.name == "schema")
    assert not schema.ok and "missing table notes" in schema.details


def test_doctor_examines_the_project_named_before_it_or_in_workbench_db(
    damaged: Path, tmp_path: Path, _sample_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sound ./segments.db must not stand in for the damaged file named by --db or $WORKBENCH_DB
    here = tmp_path / "here"
    here.mkdir()
    (here / "segments.db").write_bytes(_sample_template.read_bytes())
    monkeypatch.chdir(here)
    result = run_cli("--db", str(damaged), "doctor")
    assert result.exit_code == 1 and f"project: {damaged}" in result.stdout
    monkeypatch.setenv("WORKBENCH_DB", str(damaged))
    result = run_cli("doctor")
    assert result.exit_code == 1 and f"project: {damaged}" in result.stdout


def test_doctor_without_a_project(tmp_path: Path) -> None:
    result = in_process("doctor", "--db", str(tmp_path / "absent.db"))
    assert result.returncode == 2 and "no project at" in result.stderr


def test_open_db_names_damage_found_while_opening(sample_db: Path) -> None:
    schema_pages = [r[0] for r in rows(sample_db, "SELECT pageno FROM dbstat "
                                                  "WHERE name = 'sqlite_schema' AND pageno > 1")]
    assert schema_pages
    damage(sample_db, schema_pages)
    with pytest.raises(DamagedProjectError, match="the project file is damaged"):
        open_db(sample_db)


class _Cursor:
    """Rows as a cursor gives them: iterated, or one by ``fetchone``."""

    def __init__(self, rows: Iterator[object]) -> None:
        self.rows = rows

    def __iter__(self) -> Iterator[object]:
        return self.rows

    def fetchone(self) -> object:
        return next(self.rows, None)


class _DamagedRows:
    """A damaged file's table as SQLite reads it (seen in real files, doctor --recover of
    overwritten pages): rows 1-150 read in order; a read reaching 151-160 gets the row
    ``misread`` instead (a row read already, led back to by a damaged interior page, or a
    damaged cell's key far ahead), then fails."""

    def __init__(self, conn: sqlite3.Connection, misread: tuple[object, ...]) -> None:
        self.conn = conn
        self.misread = misread
        self.queries = 0

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> object:
        if 'FROM "documents" WHERE' not in sql:
            return self.conn.execute(sql, params)
        self.queries += 1
        assert self.queries < 1000, "the copy goes round and round"
        low, limit = params
        assert isinstance(low, int) and isinstance(limit, int)
        first = low if ">=" in sql else low + 1  # the first key the query may return
        return _Cursor(self._rows(sql, params, first, limit))

    def _rows(
        self, sql: str, params: tuple[object, ...], first: int, limit: int
    ) -> Iterator[object]:
        read = 0
        if not 150 < first <= 160:
            for row in self.conn.execute(sql, params):
                if 150 < row[0] <= 160:
                    break  # the damage reached
                yield row
                read += 1
            else:
                return
        if read < limit:
            yield self.misread
            if read + 1 < limit:
                raise sqlite3.DatabaseError("database disk image is malformed")


@pytest.mark.parametrize("misread", [(7, "doc 7", None, None, "then"),
                                     (9999, "garbage", None, None, "then")],
                         ids=["back", "ahead"])
def test_recovery_steps_over_rows_out_of_key_order(
    tmp_path: Path, misread: tuple[object, ...]
) -> None:
    """A damaged interior page that led a seek back to rows read already made the copy read
    them again from there, reach the damage again and go back again: doctor --recover never
    ended (10 minutes on a 9 MB project before it was stopped). A damaged cell's key far
    ahead was taken as the next row: every row up to it was lost (8,332 of 11,883
    segments)."""
    from workbench.store.doctor import _copy_table

    source = sqlite3.connect(tmp_path / "src.db")
    source.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                   "source_path TEXT, encoding TEXT, created_at TEXT NOT NULL)")
    source.executemany("INSERT INTO documents (id, name, created_at) VALUES (?, ?, 'then')",
                       [(i, f"doc {i}") for i in range(1, 201)])
    out = open_db(tmp_path / "out.db", create=True)
    damaged = _DamagedRows(source, misread)
    copy = _copy_table(damaged, out.conn, "documents")  # type: ignore[arg-type]
    ids = [r[0] for r in out.conn.execute("SELECT id FROM documents ORDER BY id")]
    assert ids == [*range(1, 151), *range(161, 201)]  # each row once, none lost past 160
    assert copy.copied == 190 and copy.rejected == 0 and copy.gaps == [(150, 161)]


@pytest.mark.parametrize("recovering", [False, True])
def test_doctor_on_a_project_another_program_holds_says_it_is_busy(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recovering: bool
) -> None:
    """A project locked by another program past the wait is busy, not "unreadable here for
    want of a writable folder" (the folder is writable; the -wal holds that program's edits)."""
    from workbench.errors import ProjectError
    from workbench.store import doctor as store_doctor
    from workbench.store import sqlite as engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(sample_db, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("UPDATE segments SET status = status WHERE id = 1")
        holder.execute("BEGIN EXCLUSIVE")
        assert Path(f"{sample_db}-wal").stat().st_size > 0
        with pytest.raises(ProjectError, match="busy") as caught:
            if recovering:
                store_doctor.recover(sample_db, tmp_path / "new.db")
            else:
                store_doctor.diagnose(sample_db)
        assert "writable" not in str(caught.value)
    finally:
        holder.close()
    assert not (tmp_path / "new.db").exists()


def test_the_doctor_command_suggested_can_be_pasted(tmp_path: Path) -> None:
    """A project in a folder whose name has a space: the suggested `workbench doctor --db …`
    split the path in two when pasted."""
    folder = tmp_path / "client projects"
    folder.mkdir()
    bogus = folder / "report.db"
    bogus.write_bytes(b"not a database at all " * 300)
    result = in_process("stats", "--db", str(bogus))
    assert result.returncode == 2
    assert f"`workbench doctor --db '{bogus}'`" in result.stderr
