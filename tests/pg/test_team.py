"""Team roles enforced by PostgreSQL: ``workbench team`` makes logins in the project's group
roles; a translator (through the workbench or a raw psycopg connection) cannot approve, edit
the glossary or delete documents; reviewers approve; leads do everything; the history names
the database user; passwords are never shown or stored as text."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.conftest import PgServer, run_cli
from workbench.errors import PermissionDeniedError, WorkbenchError
from workbench.glossary.model import Glossary
from workbench.project import Project
from workbench.store.location import ServerAddress

pytestmark = pytest.mark.postgresql_only

_names = itertools.count(1)
SECRET = "correct horse battery staple"


def _one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return str(result.stderr)


class Team:
    """A sample project on the server with a translator, a reviewer and a lead."""

    def __init__(self, pg_server: PgServer, url: str, tmp_path: Path) -> None:
        self.server = pg_server
        self.url = url
        self.database = ServerAddress(url).name
        tag = f"{os.getpid()}_{next(_names)}"
        self.users = {role: f"{role[:3]}_{tag}" for role in ("translator", "reviewer", "lead")}
        self.password_file = tmp_path / "password.txt"
        self.password_file.write_text(SECRET + "\n", encoding="utf-8")
        self.outputs: list[str] = []
        for role, user in self.users.items():
            result = run_cli("team", "add-user", user, "--role", role, "--password-file",
                             str(self.password_file), "--db", url)
            assert result.exit_code == 0, result.stderr
            self.outputs += [result.stdout, result.stderr]

    def url_of(self, role: str) -> str:
        """The project's URL for the member of ``role``."""
        return self.url.replace("postgres:@", f"{self.users[role]}:{SECRET.replace(' ', '%20')}@")

    def open(self, role: str) -> Project:
        return Project.open(self.url_of(role))

    def connect(self, role: str) -> psycopg.Connection[Any]:
        """The member's own SQL client."""
        return psycopg.connect(self.url_of(role), autocommit=True)

    def drop(self) -> None:
        self.server.drop(self.database)
        for name in [*self.users.values(), *(f"{self.database}_{r}s" for r in
                                             ("lead", "reviewer", "translator"))]:
            self.server.admin.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def team(pg_server: PgServer, sample_db: str, tmp_path: Path) -> Iterator[Team]:
    made = Team(pg_server, sample_db, tmp_path)
    try:
        yield made
    finally:
        made.drop()


def test_team_list_shows_roles_and_never_the_password(team: Team) -> None:
    result = run_cli("team", "list", "--db", team.url, "--format", "json")
    assert result.exit_code == 0, result.stderr
    listed = {m["name"]: m["role"] for m in __import__("json").loads(result.stdout)}
    assert listed == {user: role for role, user in team.users.items()}
    table = run_cli("team", "list", "--db", team.url).stdout
    assert all(user in table for user in team.users.values())
    assert f"owner: {ServerAddress(team.url).user}" in table.replace("\n", " ")  # who made it
    everything = "".join(team.outputs) + result.stdout + table
    assert SECRET not in everything
    stored = team.server.admin.execute(
        "SELECT rolpassword FROM pg_authid WHERE rolname = %s", [team.users["translator"]]
    ).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and SECRET not in stored
    log = Path(team.server.server.pgdata, "log")
    assert not log.exists() or SECRET not in log.read_text(errors="replace")


def test_team_list_counts_a_process_as_one_session(team: Team) -> None:
    """A TUI holds three connections (its writer, its readers, its live link): one session,
    as one open project is; another client's connections count one each."""
    def sessions() -> int:
        result = run_cli("team", "list", "--db", team.url, "--format", "json")
        listed = __import__("json").loads(result.stdout)
        return next(m["sessions"] for m in listed if m["name"] == team.users["translator"])

    with team.open("translator") as project, contextlib.ExitStack() as stack:
        assert project.team.role() == "translator"
        for _ in range(2):  # more connections of the same process
            stack.enter_context(psycopg.connect(
                team.url_of("translator"), application_name=f"workbench {os.getpid()}"))
        assert sessions() == 1
        stack.enter_context(psycopg.connect(team.url_of("translator"), application_name="psql"))
        assert sessions() == 2


def test_a_members_own_team_list_is_not_one_of_their_sessions(team: Team) -> None:
    """A translator listing the team with no project open has no session open."""
    result = run_cli("team", "list", "--db", team.url_of("translator"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    listed = {m["name"]: m["sessions"] for m in __import__("json").loads(result.stdout)}
    assert listed[team.users["translator"]] == 0


def test_a_translator_edits_and_confirms_but_cannot_approve(team: Team) -> None:
    with team.open("translator") as project:
        assert project.team.role() == "translator"
        assert project.author == team.users["translator"]  # the database user
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Confirmed by the translator.", override_reason="t")
        assert project.history(seg.id)[-1].author == team.users["translator"]
        with pytest.raises(PermissionDeniedError) as refused:
            project.review(seg.id, "approved")
        message = str(refused.value)
        assert "is a translator: only reviewers and leads may set a segment approved" in message
        assert "CONTEXT" not in message and "PL/pgSQL" not in message  # one plain line
        assert "nothing was changed" in message and "\n" not in message
        assert project.segment(seg.id).status == "translated"
        with pytest.raises(PermissionDeniedError, match="may not change the glossary"):
            project.set_glossary(Glossary())
    memory = team.password_file.parent / "team-memory.tsv"
    memory.write_text("قامت الثورة.\tThe revolution broke out.\n", encoding="utf-8")
    refused = pytest.raises(PermissionDeniedError, match="may not add a translation memory")
    with team.open("translator") as project, refused:  # the memories are the leads' to manage
        project.tm.import_file(memory, name="team")
    with team.open("lead") as project:
        assert project.tm.import_file(memory, name="team").units == 1
    for role in ("translator", "reviewer"):
        refused = pytest.raises(PermissionDeniedError,
                                match="may not remove the translation memory 'team'")
        with team.open(role) as project, refused:
            project.tm.remove("team")
    with team.open("lead") as project:
        assert project.tm.remove("team") == 1
    stderr = _one_line_error(run_cli("review", str(seg.id), "--approve", "--db",
                                     team.url_of("translator")))
    assert "only reviewers and leads may" in stderr and SECRET.split()[0] not in stderr


def test_a_translator_is_told_who_unlocks_an_approved_segment(team: Team) -> None:
    """A translator confirming or undoing an approved (locked) segment was told 'unlock it
    first (workbench unlock N)', a command the server then refuses them (the TUI said who
    may unlock it); a reviewer is still told how."""
    with team.open("reviewer") as project:
        first, second = project.segments(limit=2)
        project.review(first.id, "approved")
        project.review(second.id, "approved")
    for args in (("confirm", str(first.id), "--text", "Changed."), ("undo", str(first.id))):
        stderr = _one_line_error(run_cli(*args, "--db", team.url_of("translator")))
        assert f"segment {first.id} is locked: only a reviewer or a lead may unlock it" \
            in stderr and "workbench unlock" not in stderr
    with team.open("translator") as project, pytest.raises(
            WorkbenchError, match="only a reviewer or a lead may unlock it"):
        project.merge_with_next(first.id)
    stderr = _one_line_error(run_cli("undo", str(first.id), "--db", team.url_of("reviewer")))
    assert f"unlock it first (workbench unlock {first.id})" in stderr


def test_a_translators_own_sql_client_is_held_to_the_role(team: Team, sample_db: str) -> None:
    with Project.open(sample_db) as owner:
        seg, other = owner.segments(limit=2)
        owner.review(other.id, "approved")  # approved and locked by the owner
    with team.connect("translator") as conn:
        refusals = [
            ("UPDATE segments SET status = 'approved' WHERE id = %s", [seg.id]),
            ("UPDATE segments SET status = 'reviewed' WHERE id = %s", [seg.id]),
            ("UPDATE segments SET locked = 0 WHERE id = %s", [other.id]),
            ("UPDATE segments SET status = 'draft' WHERE id = %s", [other.id]),
            ("UPDATE translations SET text = 'changed' WHERE segment_id = %s", [other.id]),
            ("DELETE FROM segments WHERE id = %s", [other.id]),
            ("INSERT INTO glossary (term, rendering) VALUES ('x', 'y')", None),
            ("DELETE FROM glossary", None),
            ("DELETE FROM documents", None),
            ("INSERT INTO lqa_errors (segment_id, target_text, category, severity, author, at) "
             "VALUES (%s, 'x', 'accuracy', 'minor', 'me', 'now')", [seg.id]),
        ]
        for sql, params in refusals:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, params)
        # what a translator does do, with the history naming them whatever they claim
        conn.execute("UPDATE segments SET status = 'translated' WHERE id = %s", [seg.id])
        conn.execute(
            "INSERT INTO revisions (segment_id, at, author, action) VALUES (%s, 'now', "
            "'somebody else', 'edit')", [seg.id],
        )
        author = conn.execute("SELECT author FROM revisions ORDER BY id DESC LIMIT 1").fetchone()
        assert author[0] == team.users["translator"]
    with Project.open(sample_db) as owner:
        assert owner.segment(other.id).locked and owner.stats()["documents"] == 1
        assert len(owner.glossary()) > 0


def test_a_translator_cannot_reject_a_segment(team: Team) -> None:
    """A rejection is a reviewer's verdict: refused to a translator, one segment or a batch,
    with nothing changed; a reviewer rejects."""
    with team.open("lead") as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Checked by the lead.", override_reason="t")
        project.review(seg.id, "reviewed")
    with team.open("translator") as project:
        with pytest.raises(PermissionDeniedError,
                           match="is a translator: only reviewers and leads may reject"):
            project.review(seg.id, "rejected", comment="I disagree")
        assert project.segment(seg.id).status == "reviewed"
        assert not [n for n in project.notes(seg.id) if n["kind"] == "rejected"]
    stderr = _one_line_error(run_cli("review", str(seg.id), "--reject", "--comment", "no",
                                     "--db", team.url_of("translator")))
    assert "only reviewers and leads may reject" in stderr
    with team.open("reviewer") as project:
        assert project.review(seg.id, "rejected", comment="redo").status == "draft"


def test_a_translator_undoes_their_replacement_and_merges_segments(team: Team) -> None:
    """A change bringing no LQA error, and segments holding none, never write the reviewers'
    table: a translator's undo of their own replacement, and their merge, went through only
    for leads (PostgreSQL refuses even a DELETE or UPDATE of no row without the privilege)."""
    url = team.url_of("translator")
    with team.open("translator") as project:
        first, second = project.segments(limit=2)
        project.confirm(first.id, "The revolution broke out.", override_reason="t")
    replaced = run_cli("replace", "revolution", "uprising", "--db", url, "--format", "json")
    assert replaced.exit_code == 0, replaced.stderr
    group = __import__("json").loads(replaced.stdout)["group_id"]
    undone = run_cli("undo", "--change", str(group), "--db", url)
    assert undone.exit_code == 0, undone.stderr
    with team.open("translator") as project:
        assert project.segment(first.id).target == "The revolution broke out."
        merged = project.merge_with_next(first.id)
        assert merged.source == f"{first.source} {second.source}"

def test_reviewers_approve_and_leads_do_everything(team: Team) -> None:
    with team.open("reviewer") as project:
        assert project.team.role() == "reviewer"
        seg = project.segments(limit=1)[0]
        approved = project.review(seg.id, "approved", comment="fine")
        assert approved.status == "approved" and approved.locked
        project.lqa.add_error(seg.id, "accuracy/mistranslation", "minor")
        with pytest.raises(PermissionDeniedError, match="may not change the glossary"):
            project.set_glossary(Glossary())
    with team.open("lead") as project:
        assert project.team.role() == "lead"
        entries = project.glossary().entries
        project.set_glossary(Glossary(entries[:1]))
        assert len(project.glossary()) == 1
        project.unlock(seg.id)
        with pytest.raises(PermissionDeniedError, match="may not manage the project's team"):
            project.team.add_member(f"x_{os.getpid()}", "translator", "pw")


def test_removing_a_member_takes_their_rights(team: Team) -> None:
    user = team.users["translator"]
    result = run_cli("team", "remove", user, "--db", team.url)
    assert result.exit_code == 0 and "login dropped" in result.stdout
    listed = run_cli("team", "list", "--db", team.url, "--format", "json").stdout
    assert user not in listed
    stderr = _one_line_error(run_cli("stats", "--db", team.url_of("translator")))
    assert f"no user {user}" in stderr
    again = _one_line_error(run_cli("team", "remove", user, "--db", team.url))
    assert "not a member" in again


def test_removing_oneself_or_a_superuser_keeps_the_login(team: Team) -> None:
    """``team remove`` of the owner's own login (added with --existing) crashed with
    ObjectInUse 'current user cannot be dropped', exit 70; a superuser login added with
    --existing was dropped from the server."""
    admin = f"adm_{os.getpid()}"
    team.server.admin.execute(f'CREATE ROLE "{admin}" LOGIN SUPERUSER')
    try:
        for name in ("postgres", admin):
            added = run_cli("team", "add-user", name, "--role", "translator", "--existing",
                            "--db", team.url)
            assert added.exit_code == 0, added.stderr
            # a member's role changed by --existing says the role it had
            moved = run_cli("team", "add-user", name, "--role", "reviewer", "--existing",
                            "--db", team.url)
            assert moved.stdout.strip().endswith("(was translator)"), moved.stdout
            removed = run_cli("team", "remove", name, "--db", team.url)
            assert removed.exit_code == 0, removed.stderr
            assert "login is kept" in removed.stdout
            listed = run_cli("team", "list", "--db", team.url, "--format", "json").stdout
            assert f'"{name}"' not in listed
        assert team.server.admin.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", [admin]).fetchone()
    finally:
        team.server.admin.execute(f'DROP ROLE IF EXISTS "{admin}"')


def test_the_team_works_on_the_project_copied_offline_and_back(team: Team, tmp_path: Path) -> None:
    """README: copy the database into a file to take the project offline, and back into an
    empty database. Back in a new database of the same name, ``team list`` named the members
    (the server keeps the groups) but they could not read the project: no rights on its new
    tables until the owner added someone again."""
    offline = tmp_path / "offline.db"
    assert run_cli("project", "copy", team.url, str(offline)).exit_code == 0
    team.server.drop(team.database)
    team.server.admin.execute(f"CREATE DATABASE {team.database} TEMPLATE template0")
    back = run_cli("project", "copy", str(offline), team.url)
    assert back.exit_code == 0, back.stderr
    with team.open("translator") as project:
        seg = project.segments(limit=1)[0]
        project.confirm(seg.id, "Confirmed after the round trip.", override_reason="t")
        with pytest.raises(PermissionDeniedError, match="may not change the glossary"):
            project.set_glossary(Glossary())
    with team.open("reviewer") as project:
        assert project.review(seg.id, "approved").locked


def test_a_database_name_too_long_for_team_roles_still_takes_a_project(
    pg_server: PgServer, sample_db: str, tmp_path: Path
) -> None:
    """A new project looks for its database's team, whose group names must fit in 63 bytes:
    a longer database name has none, and its project is made as before."""
    name = f"t{os.getpid()}_{'x' * 50}"
    pg_server.admin.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    try:
        copied = run_cli("project", "copy", sample_db, pg_server.url(name))
        assert copied.exit_code == 0, copied.stderr
    finally:
        pg_server.drop(name)


def test_a_login_outside_the_team_is_told_it_may_not_read_the_project(team: Team) -> None:
    """A login of the server not in this project's team (a member of another project) was
    told it 'may not change the table workbench_schema' by a reading command."""
    outsider = f"out_{os.getpid()}"
    team.server.admin.execute(f"CREATE ROLE \"{outsider}\" LOGIN")
    try:
        url = team.url.replace("postgres:@", f"{outsider}@")
        stderr = _one_line_error(run_cli("stats", "--db", url))
    finally:
        team.server.admin.execute(f'DROP ROLE "{outsider}"')
    assert f"the database user {outsider} may not read this project: not in its team" in stderr
    assert "may not change" not in stderr


def test_team_commands_refuse_sqlite_projects_and_bad_input(
    tmp_path: Path, team: Team
) -> None:
    db = tmp_path / "file.db"
    Project.open(db, create=True).close()
    stderr = _one_line_error(run_cli("team", "add-user", "ana", "--role", "translator",
                                     "--password", "pw", "--db", str(db)))
    assert "team commands need a PostgreSQL project" in stderr
    assert "team commands need a PostgreSQL project" in _one_line_error(
        run_cli("team", "list", "--db", str(db)))
    bad = _one_line_error(run_cli("team", "add-user", "1; DROP", "--role", "lead",
                                  "--password", "pw", "--db", team.url))
    assert "not a usable user name" in bad
    exists = _one_line_error(run_cli("team", "add-user", team.users["lead"], "--role", "lead",
                                     "--password-file", str(team.password_file),
                                     "--db", team.url))
    assert "has a user" in exists and SECRET not in exists
    for name in (team.users["lead"], "1; DROP", f"{team.database}_leads"):  # never prompted
        refused = run_cli("team", "add-user", name, "--role", "reviewer", "--db", team.url,
                          input=f"{SECRET}\n{SECRET}\n")
        assert "Password" not in refused.stderr and "Aborted" not in refused.stderr
        assert any(why in _one_line_error(refused) for why in (
            "has a user", "not a usable user name", "one of the project's group roles"))
    with contextlib.suppress(Exception):
        team.server.admin.execute("DROP ROLE IF EXISTS ana")


def test_psycopg_noise_after_a_refused_pipeline_is_dropped(
    team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    with team.open("translator"):
        # what psycopg logs when it ends a pipeline whose statement the server refused (it
        # would reach stderr, in the middle of the TUI's screen)
        logging.getLogger("psycopg").warning("error ignored terminating %r: %s", "<pipeline>",
                                             "pipeline aborted")
        logging.getLogger("psycopg").warning("another warning")
    assert [r.getMessage() for r in caplog.records if r.name == "psycopg"] == ["another warning"]


def test_a_translator_removing_an_lqa_error_is_told_what_was_refused(team: Team) -> None:
    """A translator's `lqa remove` was refused as 'may not record LQA errors': it says
    record or remove."""
    with team.open("reviewer") as project:
        seg = project.segments(limit=1)[0]
    added = run_cli("lqa", "add", str(seg.id), "--category", "accuracy", "--severity", "minor",
                    "--db", team.url_of("reviewer"))
    assert added.exit_code == 0, added.stderr
    error_id = added.stdout.split("#", 1)[1].split()[0]
    stderr = _one_line_error(run_cli("lqa", "remove", error_id, "--db",
                                     team.url_of("translator")))
    assert "may not record or remove LQA errors (reviewers and leads do)" in stderr


@contextlib.contextmanager
def _owned_project(team: Team, tmp_path: Path, member: str) -> Iterator[tuple[str, str]]:
    """The sample as a database a CREATEROLE login (no superuser) owns, README's server
    set-up: (owner, its URL); the database, ``member``, the owner and the team's group roles
    dropped afterwards."""
    tag = f"{os.getpid()}_{next(_names)}"
    owner, database = f"own_{tag}", f"owned_{tag}"
    admin = team.server.admin
    admin.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
    admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    url = team.server.url(database).replace("postgres:@", f"{owner}:@")
    try:
        source = tmp_path / "sample.db"
        assert run_cli("project", "copy", team.url, str(source)).exit_code == 0
        assert run_cli("project", "copy", str(source), url).exit_code == 0
        yield owner, url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for name in (member, *(f"{database}_{r}s" for r in ("lead", "reviewer", "translator")),
                     owner):
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_an_owner_with_createrole_removes_a_login_the_administrator_made(
    team: Team, tmp_path: Path
) -> None:
    """A project owner who is no superuser (CREATEROLE, as a team's lead may be) taking off
    the team a member added with --existing, a login the server's administrator made: the
    removal failed as a whole, 'may not do this (permission denied to drop role); nothing
    was changed', the member staying in the team."""
    member = f"ext_{os.getpid()}_{next(_names)}"
    team.server.admin.execute(f'CREATE ROLE "{member}" LOGIN')
    with _owned_project(team, tmp_path, member) as (_, url):
        added = run_cli("team", "add-user", member, "--role", "translator", "--existing",
                        "--db", url)
        assert added.exit_code == 0, added.stderr
        removed = run_cli("team", "remove", member, "--db", url)
        assert removed.exit_code == 0, removed.stderr
        assert "login is kept" in removed.stdout
        listed = run_cli("team", "list", "--db", url, "--format", "json").stdout
        assert f'"{member}"' not in listed
        assert team.server.admin.execute(
            "SELECT 1 FROM pg_roles WHERE rolname = %s", [member]).fetchone()


def test_the_owner_is_never_made_less_than_a_lead_nor_taken_off_the_team(
    team: Team, tmp_path: Path
) -> None:
    """README's server set-up: a CREATEROLE login owns the database and adds the team.
    ``team add-user OWNER --role translator --existing`` said 'OWNER: translator (was lead)'
    and ``team remove OWNER`` 'removed from the team', yet ``team list`` still named them a
    lead: PostgreSQL 16 makes them an administrator of the group roles they created (a
    membership no REVOKE of theirs takes away), and the database lets an owner do
    everything anyway. Both are refused in one line; a lead they stay."""
    member = f"mem_{os.getpid()}_{next(_names)}"
    with _owned_project(team, tmp_path, member) as (owner, url):
        added = run_cli("team", "add-user", member, "--role", "translator", "--password-file",
                        str(team.password_file), "--db", url)
        assert added.exit_code == 0, added.stderr
        for args in (("add-user", owner, "--role", "translator", "--existing"),
                     ("remove", owner)):
            stderr = _one_line_error(run_cli("team", *args, "--db", url))
            assert f"{owner} owns the project" in stderr and "nothing was changed" in stderr
        lead = run_cli("team", "add-user", owner, "--role", "lead", "--existing", "--db", url)
        assert lead.exit_code == 0, lead.stderr
        listed = json.loads(run_cli("team", "list", "--db", url, "--format", "json").stdout)
        assert {m["name"]: m["role"] for m in listed} == {owner: "lead", member: "translator"}
