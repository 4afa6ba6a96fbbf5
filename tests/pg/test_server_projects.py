"""Projects on a PostgreSQL server: opening by URL, creating in an empty database, refusals
and errors as one line, a lost connection, permissions, cancelling, concurrent writers."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import psycopg
import pytest

from tests.conftest import PgServer, run_cli
from workbench.errors import ProjectError
from workbench.project import Project
from workbench.project.sample import new_project, open_or_create
from workbench.store import open_db
from workbench.store.db import analyze, is_database_failure, project_error, project_exists
from workbench.store.location import ServerAddress
from workbench.store.schema import SCHEMA_VERSION

pytestmark = pytest.mark.postgresql_only

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return str(result.stderr)


def test_the_url_names_the_database_and_never_shows_the_password() -> None:
    address = ServerAddress("postgresql://ana:s3cret@db.example:5433/team?sslmode=require")
    assert str(address) == "postgresql://ana@db.example:5433/team?sslmode=require"
    assert (address.name, address.user) == ("team", "ana")
    socket = ServerAddress("postgres://lead:pw@/proj?host=/run/postgresql&password=x")
    assert str(socket) == "postgres://lead@/proj?host=/run/postgresql"
    assert "pw" not in str(socket) and socket.name == "proj"


def test_unreachable_server_missing_database_and_unknown_user_are_one_line(
    pg_server: PgServer, pg_database: str,
) -> None:
    stderr = _one_line_error(run_cli(
        "stats", "--db", "postgresql://ana:s3cret@127.0.0.1:9/team?connect_timeout=5"
    ))
    assert "no PostgreSQL server answers there" in stderr and "s3cret" not in stderr
    stderr = _one_line_error(run_cli("stats", "--db", pg_server.url("no_such_db")))
    assert "the server has no database 'no_such_db'" in stderr
    wrong_user = pg_database.replace("postgres:@", "nobody_here:pw@")
    stderr = _one_line_error(run_cli("stats", "--db", wrong_user))
    assert "no user nobody_here" in stderr and ":pw@" not in stderr


def test_a_misspelt_scheme_is_refused_and_the_scheme_is_read_in_any_case(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libpq reads only lowercase schemes and echoed the whole URL, password included; a
    misspelt scheme was taken for a file path and shown with its password."""
    monkeypatch.chdir(tmp_path)
    doc = str(ROOT / "workbench/data/sample.ar.txt")
    for url in ("postgresq://ana:s3cret@127.0.0.1/team", "mysql://ana:s3cret@db/team"):
        for args in (("stats",), ("import", doc, "--doc", "d"), ("doctor",)):
            stderr = _one_line_error(run_cli(*args, "--db", url))
            assert "not a project: a PostgreSQL project's URL starts with postgresql://" \
                in stderr and "s3cret" not in stderr, stderr
    stderr = _one_line_error(run_cli("project", "copy", str(tmp_path / "none.db"),
                                     "postgresq://ana:s3cret@127.0.0.1/team"))
    assert "s3cret" not in stderr
    assert not any(tmp_path.iterdir())  # no folder or file made of the URL
    upper = "PostgreSQL" + sample_db[len("postgresql"):]
    result = run_cli("stats", "--db", upper, "--format", "json")
    assert result.exit_code == 0 and '"documents": 1' in result.stdout, result.stderr
    wrong = upper.replace("postgres:@", "nobody_here:s3cret@")
    assert "s3cret" not in _one_line_error(run_cli("stats", "--db", wrong))


def test_a_libpq_connection_string_names_the_server(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--db "host=... dbname=..."`` (libpq's key=value form) was taken for a file name:
    ``import`` made an SQLite project called ``host=localhost dbname=team``."""
    monkeypatch.chdir(tmp_path)
    parts = urlsplit(sample_db)
    query = dict(parse_qsl(parts.query))
    conninfo = f"host={query['host']} dbname={parts.path.lstrip('/')} user=postgres"
    result = run_cli("stats", "--db", conninfo, "--format", "json")
    assert result.exit_code == 0 and '"documents": 1' in result.stdout, result.stderr
    doc = str(ROOT / "workbench/data/sample.ar.txt")
    result = run_cli("import", doc, "--doc", "second", "--db", f"  {conninfo}")
    assert result.exit_code == 0, result.stderr
    with Project.open(sample_db) as project:
        assert [d.name for d in project.documents()] == ["sample", "second"]
    stderr = _one_line_error(run_cli("stats", "--db", "host=db.example password=s3cret x=1"))
    assert "not a valid PostgreSQL connection string" in stderr and "s3cret" not in stderr
    unreachable = _one_line_error(run_cli(
        "stats", "--db", "host=127.0.0.1 port=9 dbname=team password=s3cret"))
    assert "no PostgreSQL server answers there" in unreachable and "s3cret" not in unreachable
    assert not any(tmp_path.iterdir())  # no project file named after the string


def test_libpqs_complaints_about_a_url_never_show_its_password() -> None:
    """libpq quotes a badly encoded password, or one with a space, in its error; an IPv6 host
    without its closing bracket was a traceback."""
    for url in ("postgresql://ana:s3cr%ZZet@127.0.0.1:9/team",
                "postgresql://ana:s3 cret@127.0.0.1:9/team",
                "postgresql://127.0.0.1:9/team?user=ana&password=s3cr%ZZet",
                "postgresql://ana:s3cret@[::1/team"):
        stderr = _one_line_error(run_cli("stats", "--db", url))
        assert "s3cr" not in stderr and "cret" not in stderr, stderr
        assert "ana" in stderr and "team" in stderr, stderr
    assert ServerAddress("postgresql://a:p%40ss@h/d").hide('"p%40ss" "p@ss"') == '"***" "***"'


def test_a_short_password_is_hidden_where_it_stands_not_inside_words() -> None:
    """The password ``x`` was hidden in every word holding an x: 'role "nobody" does not
    e***ist'."""
    address = ServerAddress("postgresql://nobody:x@/team?host=/tmp")
    assert address.hide('role "nobody" does not exist') == 'role "nobody" does not exist'
    assert address.hide('bad URI "postgresql://nobody:x@/team" (x)') == \
        'bad URI "postgresql://nobody:***@/team" (***)'


def test_an_empty_database_is_no_project_until_an_import_makes_one(
    pg_database: str, tmp_path: Path
) -> None:
    stderr = _one_line_error(run_cli("stats", "--db", pg_database))
    assert "no project in" in stderr and "database is empty" in stderr
    doc = tmp_path / "doc.txt"
    doc.write_text("جملة أولى. جملة ثانية.\n", encoding="utf-8")
    env = {"WORKBENCH_DB": pg_database}
    result = run_cli_env(env, "import", str(doc), "--doc", "mydoc")
    assert result.exit_code == 0, result.stderr
    result = run_cli_env(env, "stats", "--format", "json")
    assert '"segments": 2' in result.stdout
    with contextlib.closing(open_db(pg_database)) as db:
        assert db.execute("SELECT version FROM workbench_schema").fetchone()[0] == SCHEMA_VERSION


def run_cli_env(env: dict[str, str], *args: str) -> Any:
    from click.testing import CliRunner

    from workbench.cli import main

    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def test_a_database_of_another_kind_or_a_newer_project_is_refused(
    pg_server: PgServer, sample_db: str
) -> None:
    other = pg_server.url(pg_server.create())
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    stderr = _one_line_error(run_cli("stats", "--db", other))
    assert "not a workbench project" in stderr
    stderr = _one_line_error(run_cli("import", str(ROOT / "workbench/data/sample.ar.txt"),
                                     "--db", other))
    assert "not a workbench project" in stderr
    with psycopg.connect(sample_db, autocommit=True) as conn:
        conn.execute("UPDATE workbench_schema SET version = version + 1")
    assert "is newer than this workbench" in _one_line_error(run_cli("stats", "--db", sample_db))


def test_a_database_holding_a_view_or_not_in_utf8_is_refused_in_one_line(
    pg_server: PgServer, _sample_template: Path
) -> None:
    sample = str(ROOT / "workbench/data/sample.ar.txt")
    viewed = pg_server.create()
    with psycopg.connect(pg_server.url(viewed), autocommit=True) as conn:
        conn.execute("CREATE VIEW segments AS SELECT 1 AS x")  # one of our names, not a table
    ascii_db = f"t{os.getpid()}_ascii"
    pg_server.admin.execute(f"CREATE DATABASE {ascii_db} TEMPLATE template0 "
                            "ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        for args in (["import", sample, "--db", pg_server.url(viewed)],
                     ["project", "copy", str(_sample_template), pg_server.url(viewed)]):
            assert ("views, sequences or types of another kind: segments); use an empty "
                    "database") in _one_line_error(run_cli(*args))
        stderr = _one_line_error(run_cli("import", sample, "--db", pg_server.url(ascii_db)))
        assert "the database's encoding is SQL_ASCII, which cannot hold Arabic" in stderr
    finally:
        pg_server.drop(ascii_db)
        pg_server.drop(viewed)


def test_a_killed_import_leaves_the_database_empty(
    backend: str, new_db: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join(f"جملة عربية رقم {i}." for i in range(5_000)), encoding="utf-8")
    child = _python(f"""
        import sys
        import workbench.store.documents as q_docs
        from workbench.project.sample import open_or_create

        insert = q_docs.insert_segments

        def halting(db, document_id, rows):
            def stream():
                for i, row in enumerate(rows):
                    if i == 1_000:
                        print("writing", db.conn.in_transaction, flush=True)
                        sys.stdin.readline()
                    yield row
            insert(db, document_id, stream())

        q_docs.insert_segments = halting
        with open_or_create({new_db!r}) as project:
            project.import_document({str(big)!r}, "big")
    """)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing True"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert not project_exists(new_db)
    with psycopg.connect(new_db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone()[0] == 0


def test_two_clients_creating_one_project_keep_the_first(
    backend: str, new_db: str, pg_server: PgServer
) -> None:
    first_built = threading.Event()
    errors: list[BaseException] = []

    def second_waits_for_the_lock() -> bool:
        return bool(pg_server.admin.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()[0])

    def first() -> None:
        with new_project(new_db, author="first") as project:
            project.import_document_text("جملة.", "first", "doc.txt", "utf-8")
            first_built.set()
            for _ in range(100_000):  # until the second client waits for the write lock
                if second_waits_for_the_lock():
                    break

    def second() -> None:
        first_built.wait(60)
        try:
            with open_or_create(new_db) as project:
                project.import_document_text("جملة أخرى.", "second", "doc.txt", "utf-8")
        except ProjectError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [str(e) for e in errors] and "created this project meanwhile" in str(errors[0])
    with Project.open(new_db) as project:
        assert [d.name for d in project.documents()] == ["first"]


def test_a_lost_connection_is_one_line_naming_the_server(
    pg_server: PgServer, sample_db: str
) -> None:
    with Project.open(sample_db) as project:
        pid = project.db.execute("SELECT pg_backend_pid()").fetchone()[0]
        pg_server.admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        with pytest.raises(psycopg.OperationalError) as caught:
            project.stats()
        assert is_database_failure(caught.value)
        message = str(project_error(caught.value, project.path))
    assert message.startswith(f"{project.path}: the connection to the database server was lost")
    assert "\n" not in message


def test_a_user_who_may_only_read_gets_the_project_read_only(
    pg_server: PgServer, sample_db: str
) -> None:
    role = f"reader_{os.getpid()}"
    database = ServerAddress(sample_db).name
    for statement in (
        f"DROP ROLE IF EXISTS {role}", f"CREATE ROLE {role} LOGIN",
    ):
        pg_server.admin.execute(statement)
    with psycopg.connect(sample_db, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    url = pg_server.url(database).replace("postgres:@", f"{role}:@")
    try:
        with Project.open(url) as project:
            assert project.read_only
            assert project.read_only_reason == f"the database user {role} may not change it"
            assert project.stats()["segments"] == 21
        stderr = _one_line_error(run_cli("undo", "1", "--db", url))
        assert "the project is open read-only" in stderr
        # With the right to change segments but not to write the history: refused by the server.
        with psycopg.connect(sample_db, autocommit=True) as conn:
            conn.execute(f"GRANT UPDATE ON segments, translations TO {role}")
        stderr = _one_line_error(run_cli("undo", "1", "--db", url))
        assert "permission denied" in stderr and "nothing was changed" in stderr
    finally:
        pg_server.drop(database)
        pg_server.admin.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_running_statement_is_cancelled_from_another_thread(sample_db: str) -> None:
    db = open_db(sample_db)
    try:
        timer = threading.Timer(0.2, db.conn.interrupt)
        timer.start()
        with pytest.raises(psycopg.errors.QueryCanceled):
            db.execute("SELECT pg_sleep(30)")
        timer.join()
        db.conn.set_progress_handler(lambda: True, 1000)  # a cancelled job starts no statement
        with pytest.raises(psycopg.errors.QueryCanceled):
            db.execute("SELECT 1")
        db.conn.set_progress_handler(None, 1000)
        assert db.execute("SELECT 1").fetchone()[0] == 1
    finally:
        db.close()


def test_analyze_reads_the_projects_tables_and_no_system_catalog(sample_db: str) -> None:
    """A bare ANALYZE read every system catalog too, twenty times the server's work of the
    sample's own tables."""
    def analyzed() -> dict[str, int]:
        with psycopg.connect(sample_db, autocommit=True) as conn:
            return dict(conn.execute(
                "SELECT relname, analyze_count FROM pg_stat_all_tables "
                "WHERE relname IN ('segments', 'tm_units', 'pg_class', 'pg_proc')").fetchall())

    assert set(analyzed().values()) == {0}  # a fresh copy: its statistics counted from zero
    with contextlib.closing(open_db(sample_db)) as db:
        analyze(db)
    assert analyzed() == {"segments": 1, "tm_units": 1, "pg_class": 0, "pg_proc": 0}


def test_writers_in_many_processes_lose_nothing(sample_db: str, tmp_path: Path) -> None:
    """Processes confirm their own segments while two import translations (explicit ids
    reserved under a lock): every write is there, and the alignments are whole."""
    en = tmp_path / "extra.en.txt"
    en.write_text((ROOT / "translations" / "draft.en.txt").read_text(encoding="utf-8"),
                  encoding="utf-8")
    editor = """
        from workbench.project import Project
        p = Project.open({db!r}, author="{who}")
        for seg in p.segments(limit=21)[{start}::3]:
            for n in range(3):
                p.confirm(seg.id, f"{who} {{n}} {{seg.position}}", override_reason="test")
        print("ok", flush=True)
    """
    importer = """
        from workbench.project import Project
        p = Project.open({db!r}, author="{who}")
        p.import_translation({en!r}, "sample", "draft", "{who}")
        print("ok", flush=True)
    """
    children = [
        _python(editor.format(db=sample_db, who=who, start=start))
        for who, start in (("ana", 0), ("ben", 1), ("cy", 2))
    ] + [_python(importer.format(db=sample_db, who=who, en=str(en))) for who in ("x", "y")]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "ok"
    with Project.open(sample_db) as project:
        for seg in project.segments(limit=21):
            who = ("ana", "ben", "cy")[(seg.position - 1) % 3]
            assert seg.target == f"{who} 2 {seg.position}" and seg.status == "translated"
            assert [r.action for r in project.history(seg.id)][-3:] == ["confirm"] * 3
        doc = project.document("sample")
        for name in ("draft:x", "draft:y"):
            links = project.db.execute(
                "SELECT count(*) FROM links WHERE version_id = ?",
                [project.version_id(doc, name)],
            ).fetchone()[0]
            assert links > 0
        members = project.db.execute(
            "SELECT count(*) FROM link_sentences ls JOIN sentences s ON s.id = ls.sentence_id "
            "JOIN links l ON l.id = ls.link_id WHERE s.version_id != l.version_id"
        ).fetchone()[0]
        assert members == 0  # no link holds another version's sentence


def test_doctor_examines_files_only(sample_db: str) -> None:
    stderr = _one_line_error(run_cli("doctor", "--db", sample_db))
    assert "doctor examines SQLite project files" in stderr


def test_edits_kept_offline_are_found_whichever_way_the_address_is_written(
    sample_db: str, tmp_path: Path
) -> None:
    """The file of edits waiting for the server was named after the address as written: a
    TUI opened on the same project with the key=value form (or the parameters in another
    order) neither wrote nor mentioned the edits a session opened with the URL kept."""
    from workbench.tui.unsent import Journal, UnsentEdit

    parts = urlsplit(sample_db)
    query = dict(parse_qsl(parts.query))
    conninfo = f"dbname={parts.path.lstrip('/')} user=postgres host={query['host']}"
    with Project.open(sample_db) as by_url:
        earlier = Journal.for_project(by_url, tmp_path)
    assert earlier is not None
    earlier.keep([earlier.new(UnsentEdit(1, "save", "Typed offline.", base=1))])
    assert earlier._lock_file is not None
    earlier._lock_file.close()  # the app ends as kill -9 ends it: the file stays
    with Project.open(conninfo) as by_conninfo:
        later = Journal.for_project(by_conninfo, tmp_path)
    assert later is not None and later.key == earlier.key
    assert [e.text for e in later.take_over()] == ["Typed offline."]
    with Project.open(sample_db) as by_url:
        assert Journal.for_project(by_url, tmp_path).key == earlier.key
