"""``workbench project copy``: SQLite → PostgreSQL → SQLite keeps every row and id, refuses a
destination that holds anything, and leaves a copy that works on."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import psycopg
import pytest

from tests.conftest import PgServer, run_cli
from tests.filters import builders as B
from workbench.project import Project
from workbench.store import open_db
from workbench.store.copy import project_checksums
from workbench.store.db import project_exists

pytestmark = pytest.mark.postgresql_only


def _checksums(location: Path | str) -> dict[str, tuple[int, int]]:
    with contextlib.closing(open_db(location, read_only=True)) as db:
        return project_checksums(db)


def _busy_project(path: Path) -> None:
    """The sample with history, a change group undone, notes, an override, LQA, scores, and a
    client document (its original file's bytes)."""
    with Project.open(path, author="ana") as project:
        project.sources.import_file(B.build_docx(path.with_name("report.docx")))
        segs = project.segments(limit=3)
        project.confirm(segs[0].id, "First, confirmed.", override_reason="checked")
        project.undo(segs[0].id)
        project.confirm(segs[1].id, "Second, confirmed.", override_reason="checked")
        project.review(segs[1].id, "approved", comment="good")
        project.add_note(segs[2].id, "a note ✓ with Arabic: ثورة")
        project.find_replace(None, "the", "THE")
        project.undo_change(project.changes()[0]["id"])
        project.score()
        project.lqa.add_error(segs[1].id, "accuracy/mistranslation", "minor", comment="x")
        project.spelling.add_word("Bolsheviks")


def test_a_project_goes_to_postgresql_and_back_unchanged(
    tmp_path: Path, sample_db: str, pg_server: PgServer
) -> None:
    start = tmp_path / "start.db"
    result = run_cli("project", "copy", sample_db, str(start))  # the PG sample, offline
    assert result.exit_code == 0, result.stderr
    _busy_project(start)
    before = _checksums(start)

    team = pg_server.url(pg_server.create())
    result = run_cli("project", "copy", str(start), team, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert all(t["verified"] and t["rows"] == t["copied"] for t in report["tables"])
    assert report["rows"] == sum(count for count, _ in before.values())
    assert _checksums(team) == before

    back = tmp_path / "back.db"
    result = run_cli("project", "copy", team, str(back))
    assert result.exit_code == 0, result.stderr
    assert "counts and checksums verified" in result.stdout
    assert _checksums(back) == before

    with Project.open(team, author="ben") as project:  # the copy works on: new ids are new
        seg = project.segments(limit=3)[2]
        old = [r.id for r in project.history(seg.id)]
        project.confirm(seg.id, "Third, confirmed on the server.", override_reason="ok")
        new = project.history(seg.id)[-1]
        assert new.id > max(old) and new.author == "ben"
        project.import_translation(
            Path(__file__).parents[2] / "translations" / "draft.en.txt", "sample", "draft",
            "again",
        )
        assert project.link(seg.id, "draft:again") is not None
        original = project.export_file("original", tmp_path / "again.docx", "report").path
        assert original.read_bytes()[:2] == b"PK"


def test_who_is_here_on_the_server_is_not_copied_offline(tmp_path: Path, sample_db: str) -> None:
    """The presence rows (who has which segment open, refreshed by heartbeats) were copied:
    the offline copy, opened in the TUI, said '2 others here' and marked their segments,
    people working on the server, not in this file."""
    with Project.open(sample_db, author="ana") as project:
        seg = project.segments(limit=1)[0]
        project.team.here("ana-0123456789ab@elsewhere:1", seg.document_id, seg.id)
        assert project.team.present(seg.document_id)  # on the server: ana is here
    offline = tmp_path / "offline.db"
    result = run_cli("project", "copy", sample_db, str(offline), "--format", "json")
    assert result.exit_code == 0, result.stderr
    tables = {t["table"]: t for t in json.loads(result.stdout)["tables"]}
    assert tables["presence"]["rows"] == tables["presence"]["copied"] == 0
    with Project.open(offline, author="ben") as project:
        assert project.team.present(seg.document_id) == {}


def test_a_destination_holding_anything_is_refused(
    tmp_path: Path, sample_db: str, pg_server: PgServer
) -> None:
    taken = tmp_path / "taken.db"
    taken.write_bytes(b"")
    result = run_cli("project", "copy", sample_db, str(taken))
    assert result.exit_code == 2 and f"{taken}: exists already" in result.stderr
    result = run_cli("project", "copy", sample_db, str(tmp_path))
    assert result.exit_code == 2 and f"{tmp_path}: a folder, not a file" in result.stderr
    copied = tmp_path / "copied.db"
    assert run_cli("project", "copy", sample_db, str(copied)).exit_code == 0
    result = run_cli("project", "copy", str(copied), sample_db)
    assert result.exit_code == 2 and "holds a project already" in result.stderr
    other = pg_server.url(pg_server.create())
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE unrelated (x INTEGER)")
    result = run_cli("project", "copy", sample_db, other)
    assert result.exit_code == 2 and "not a workbench project" in result.stderr
    result = run_cli("project", "copy", sample_db, sample_db)
    assert result.exit_code == 2 and "somewhere else than its source" in result.stderr
    with psycopg.connect(other, autocommit=True) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 1


def test_a_copy_that_does_not_verify_leaves_nothing(
    tmp_path: Path, sample_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.store.copy as copy

    real = copy.table_checksum

    def wrong(db: object, table: str, columns: object = None) -> tuple[int, int]:
        count, total = real(db, table, columns)  # type: ignore[arg-type]
        return count, total + (table == "revisions")

    monkeypatch.setattr(copy, "table_checksum", wrong)
    out = tmp_path / "out.db"
    result = run_cli("project", "copy", sample_db, str(out))
    assert result.exit_code == 2
    assert "differs from the source in revisions; nothing was copied" in result.stderr
    assert not project_exists(out)
    assert list(tmp_path.iterdir()) == []


def test_a_source_of_an_older_schema_is_said_to_need_opening_first(
    tmp_path: Path, pg_database: str
) -> None:
    """A file made by an older workbench, copied to a server: 'needs an upgrade, which cannot
    be written (opened read-only); open it once with write access' told a user who had write
    access that they had not; the copy reads its source unchanged, so it must be opened once."""
    from tests.store.project_files import version_1_project

    old = tmp_path / "old.db"
    version_1_project(old)
    result = run_cli("project", "copy", str(old), pg_database)
    assert result.exit_code == 2, result.output
    assert "cannot be written" not in result.stderr
    assert f"{old}: project schema version 1 is older than this workbench's" in result.stderr
    assert "any command on it, such as `workbench stats`, upgrades it" in result.stderr
    assert run_cli("--db", str(old), "stats").exit_code == 0
    assert run_cli("project", "copy", str(old), pg_database).exit_code == 0
