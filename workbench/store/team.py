"""A team's logins and roles on PostgreSQL, enforced by the database itself.

Each project database has three group roles, ``DBNAME_translators``, ``DBNAME_reviewers``
(a member of translators) and ``DBNAME_leads`` (a member of reviewers); a team member is a
login role in one of them. What each may do is granted on the tables, and checked by the
triggers of migration 7 (``schema_postgres``), so that a member's own SQL client is held to
the same rules as the workbench:

- translators read everything and write the working translation, its history, notes,
  overrides, change groups, alignments, scores, spelling words and presence; they cannot set
  a segment reviewed or approved, lock or unlock one, change an approved one, record LQA
  errors, or change the glossary, documents, dictionaries or LQA settings;
- reviewers may also review, approve, reject (a rejection, which sets draft, is refused to
  translators by the service: ``Review.check_may_reject``), lock and unlock, and record
  LQA errors;
- leads may do everything.

The author of a member's history rows, notes, overrides and change groups is always their
database user. Passwords are sent to the server already hashed (SCRAM-SHA-256, by libpq), so
the text of a password is never in a statement, a log or an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store.postgres import PostgresDatabase

ROLES = ("translator", "reviewer", "lead")
"""The team roles, each one allowed what the one before it is, and more."""

LEAD_ONLY = frozenset({
    "glossary", "documents", "document_sources", "source_blocks", "dictionaries",
    "lqa_settings", "workbench_schema",
})
"""Tables only leads write (the rest are read by everyone)."""
REVIEWER_TABLES = frozenset({"lqa_errors"})
"""Tables reviewers (and leads) write, translators only read."""
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$")


@dataclass(frozen=True)
class Member:
    """A team member: their login, role, and how many sessions they have open on the project."""

    name: str
    role: str
    can_login: bool
    sessions: int


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def database_name(db: PostgresDatabase) -> str:
    """The name of the project's database."""
    return str(db.execute("SELECT current_database()").fetchone()[0])


def group(database: str, role: str) -> str:
    """The group role of ``role`` in the project database ``database``."""
    name = f"{database}_{role}s"
    if len(name.encode()) > 63:
        raise WorkbenchError(
            f"the database name {database!r} is too long for team roles (the role name "
            f"{name!r} would pass PostgreSQL's 63 bytes); use a shorter database name"
        )
    return name


def groups(db: PostgresDatabase) -> dict[str, str]:
    """Role → group role name, for the project's database."""
    database = database_name(db)
    return {role: group(database, role) for role in ROLES}


def check_name(name: str) -> None:
    """Refuse a login name that is not a plain identifier (or is reserved)."""
    if not NAME.match(name) or name.lower().startswith("pg_"):
        raise WorkbenchError(
            f"{name!r} is not a usable user name: letters, digits, '_', '.', '-', at most 63, "
            "not starting with a digit or 'pg_'"
        )


def role_of(db: PostgresDatabase) -> str | None:
    """The team role of the connected user (None: not a member; the owner or a superuser)."""
    row = db.execute("SELECT workbench_team_role()").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _role_exists(db: PostgresDatabase, name: str) -> bool:
    return bool(db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", [name]).fetchone())


def may_grant(db: PostgresDatabase) -> bool:
    """True when the connected user may grant on the project's tables (owner or superuser)."""
    return bool(db.execute(
        "SELECT pg_has_role(current_user, tableowner, 'USAGE') FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'segments'"
    ).fetchone()[0])


def ensure_groups(db: PostgresDatabase) -> dict[str, str]:
    """Create the project's group roles when missing and grant them their rights (the user
    must own the project's tables, or be a superuser, the first time); role → group name."""
    names = groups(db)
    missing = [r for r in ROLES if not _role_exists(db, names[r])]
    for role in missing:
        db.execute(f"CREATE ROLE {ident(names[role])} NOLOGIN")
    if missing:
        db.execute(f"GRANT {ident(names['translator'])} TO {ident(names['reviewer'])}")
        db.execute(f"GRANT {ident(names['reviewer'])} TO {ident(names['lead'])}")
    if missing or may_grant(db):
        grant(db, names)
    return names


def grant(db: PostgresDatabase, names: dict[str, str]) -> None:
    """Grant each group its rights on every table of the project (again: idempotent)."""
    translators, reviewers, leads = (ident(names[r]) for r in ROLES)
    database = ident(database_name(db))
    schema = ident(str(db.execute("SELECT current_schema()").fetchone()[0]))
    db.execute(f"GRANT CONNECT ON DATABASE {database} TO {translators}")
    db.execute(f"GRANT USAGE ON SCHEMA {schema} TO {translators}")
    db.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} "
               f"TO {translators}")
    tables = [str(r[0]) for r in db.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    )]
    for table in tables:
        name = ident(table)
        db.execute(f"REVOKE ALL ON {name} FROM {translators}, {reviewers}, {leads}")
        db.execute(f"GRANT SELECT ON {name} TO {translators}")
        db.execute(f"GRANT ALL ON {name} TO {leads}")
        if table in LEAD_ONLY:
            continue
        writer = reviewers if table in REVIEWER_TABLES else translators
        db.execute(f"GRANT INSERT, UPDATE, DELETE ON {name} TO {writer}")


def refresh_grants(db: PostgresDatabase) -> None:
    """After a schema upgrade, or a new project in a database whose team the server has:
    give the team's groups their rights on the tables (a database whose name is too long for
    group roles has no team)."""
    try:
        names = groups(db)
    except WorkbenchError:
        return
    if all(_role_exists(db, names[r]) for r in ROLES) and may_grant(db):
        grant(db, names)


def owner(db: PostgresDatabase) -> str | None:
    """The login owning the project's tables (who made it), or None (no segments table)."""
    row = db.execute(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'segments'").fetchone()
    return None if row is None else str(row[0])


def check_not_owner(db: PostgresDatabase, name: str, change: str) -> None:
    """Refuse to give the project's owner a lesser role or take them off the team (a
    superuser aside): the database lets the owner do everything whatever their groups, and
    the groups they made hold them for ever (PostgreSQL 16 makes a CREATEROLE user an
    administrator of each role they create), so ``team list`` went on naming them a lead."""
    row = db.execute(
        "SELECT NOT r.rolsuper FROM pg_tables t JOIN pg_roles r ON r.rolname = t.tableowner "
        "WHERE t.schemaname = current_schema() AND t.tablename = 'segments' "
        "AND t.tableowner = ?", [name],
    ).fetchone()
    if row is not None and row[0]:
        raise WorkbenchError(
            f"{name} owns the project: the database lets its owner do everything (a lead) "
            f"whatever their team role, so they cannot be {change}; nothing was changed"
        )


def add_member(db: PostgresDatabase, name: str, role: str, password: str | None) -> None:
    """Make ``name`` a member of the team with ``role``: a new login with ``password``
    (hashed here, never sent as text), or an existing login when ``password`` is None."""
    check_name(name)
    if role not in ROLES:
        raise WorkbenchError(f"unknown role {role!r} (use {', '.join(ROLES)})")
    if role != "lead":
        check_not_owner(db, name, f"made a {role}")
    names = ensure_groups(db)
    if name in names.values():
        raise WorkbenchError(f"{name!r} is one of the project's group roles, not a user")
    exists = _role_exists(db, name)
    if password is not None:
        check_new_login(db, name)
        hashed = db.pg.pgconn.encrypt_password(
            password.encode(), name.encode(), b"scram-sha-256"
        ).decode()
        db.execute(f"CREATE ROLE {ident(name)} LOGIN PASSWORD {literal(hashed)}")
    elif not exists:
        raise WorkbenchError(
            f"the server has no user {name}: give a password (--password-file F, or typed "
            "when asked) to create the login"
        )
    for other in ROLES:
        if other != role:
            db.execute(f"REVOKE {ident(names[other])} FROM {ident(name)}")
    db.execute(f"GRANT {ident(names[role])} TO {ident(name)}")


def check_new_login(db: PostgresDatabase, name: str) -> None:
    """Refuse ``name`` for a new login: not a plain identifier, or a role the server has
    already (before a password is asked for it)."""
    check_name(name)
    if name in groups(db).values():
        raise WorkbenchError(f"{name!r} is one of the project's group roles, not a user")
    if _role_exists(db, name):
        raise WorkbenchError(
            f"the server has a user {name} already: add them without a password "
            f"(--existing: their login stays as it is), or choose another name"
        )


_OWN_CONNECTION = (
    "(a.pid = pg_backend_pid() OR (a.usename = current_user "
    "AND a.application_name LIKE 'workbench %' "
    "AND a.application_name = current_setting('application_name') "
    "AND a.client_addr IS NOT DISTINCT FROM inet_client_addr()))"
)
"""A connection of the process listing the team (``a`` a row of pg_stat_activity): not a
session of its user (a member's ``team list`` is no open project)."""


def members(db: PostgresDatabase) -> list[Member]:
    """The team, by name: each member's role (the highest group they are in)."""
    names = groups(db)
    rank = {names[r]: i for i, r in enumerate(ROLES)}
    rows = db.execute(
        "SELECT m.rolname, g.rolname, m.rolcanlogin, (SELECT count(DISTINCT "
        "CASE WHEN a.application_name LIKE 'workbench %' "  # a process's connections
        "THEN coalesce(host(a.client_addr), '') || a.application_name ELSE a.pid::text END) "
        "FROM pg_stat_activity a WHERE a.usename = m.rolname AND a.datname = current_database() "
        f"AND NOT {_OWN_CONNECTION}) "
        "FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member "
        "JOIN pg_roles g ON g.oid = am.roleid WHERE g.rolname IN (?, ?, ?) ORDER BY 1",
        [names["translator"], names["reviewer"], names["lead"]],
    ).fetchall()
    best: dict[str, Member] = {}
    for name, group_name, can_login, sessions in rows:
        if name in rank:
            continue  # the groups' own chain
        role = ROLES[rank[group_name]]
        seen = best.get(name)
        if seen is None or ROLES.index(role) > ROLES.index(seen.role):
            best[name] = Member(name, role, bool(can_login), int(sessions))
    return sorted(best.values(), key=lambda m: m.name)


def remove_member(db: PostgresDatabase, name: str) -> bool:
    """Take ``name`` out of the team; their login is dropped too when it belongs to nothing
    else (True), else kept (False: a member of other groups, owning objects, a superuser, the
    user running the command, or a login they may not drop: one the server's administrator
    made, for a project owner with CREATEROLE)."""
    names = groups(db)
    if not any(m.name == name for m in members(db)):
        raise WorkbenchError(f"{name} is not a member of this project's team")
    check_not_owner(db, name, "taken off its team")
    for role in ROLES:
        db.execute(f"REVOKE {ident(names[role])} FROM {ident(name)}")
    others, keep = db.execute(
        "SELECT (SELECT count(*) FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member "
        "WHERE m.rolname = ?), (SELECT rolsuper OR rolname = current_user FROM pg_roles "
        "WHERE rolname = ?)", [name, name],
    ).fetchone()
    if others or keep:
        return False  # the server's administrator, or the user removing: never dropped
    import psycopg

    try:
        with db.savepoint():
            db.execute(f"DROP ROLE {ident(name)}")
    except (psycopg.errors.DependentObjectsStillExist, psycopg.errors.InsufficientPrivilege):
        return False  # it owns objects or holds privileges of its own, or is not ours: kept
    return True
