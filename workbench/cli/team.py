"""``workbench team``: a PostgreSQL project's users and their roles (add-user, list, remove).

Passwords are read from ``--password``, the first line of ``--password-file`` or a hidden
prompt, sent to the server only as a SCRAM hash, and never printed or stored.
"""

from __future__ import annotations

import codecs
import getpass
import warnings
from pathlib import Path

import click

from workbench.cli.app import FilePath, console, db_option, main, print_json
from workbench.errors import WorkbenchError
from workbench.project import open_project
from workbench.store.team import ROLES
from workbench.textio import refuse_binary


@main.group("team")
@db_option
def team_group(db: str | None) -> None:  # its commands read --db
    """A PostgreSQL project's team: users with a role each (translator, reviewer, lead).

    \b
    translator  edits and confirms; cannot review, approve, reject, lock, unlock, change the
                glossary, documents, dictionaries, memories or LQA settings, or record LQA
                errors
    reviewer    also reviews, approves, rejects, locks and unlocks, records LQA errors
    lead        does everything
    The database enforces the roles (a member's own SQL client is held to them too).
    """


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def _password_text(password_file: str) -> str:
    """The text of a password file: UTF-8, or UTF-8/UTF-16 with the byte order mark Windows
    editors write (never part of the password); other bytes are a one-line error (NUL bytes
    too: UTF-16 without a byte order mark read as UTF-8 set a password no one can type)."""
    try:
        data = Path(password_file).read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"{password_file}: cannot read it ({exc.strerror})") from None
    refuse_binary(data, password_file)
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom):], name
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise WorkbenchError(
            f"{password_file}: line {line}: not {encoding.upper()} text (byte "
            f"0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def _password(password: str | None, password_file: str | None, name: str) -> str:
    if password is not None and password_file is not None:
        raise WorkbenchError("give --password or --password-file, not both")
    if password_file is not None:
        lines = _password_text(password_file).splitlines()
        if not lines or not lines[0]:
            raise WorkbenchError(f"{password_file}: line 1: no password")
        return lines[0]
    if password is not None:
        return password
    try:
        with warnings.catch_warnings():  # no terminal: getpass says so in a line of its own,
            warnings.simplefilter("ignore", getpass.GetPassWarning)  # not a Python warning
            return str(click.prompt(f"Password for {name}", hide_input=True,
                                    confirmation_prompt=True, err=True))
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None  # Ctrl+C at the prompt: exit 130
        raise WorkbenchError(f"no password for {name}: the input ended (give --password-file "
                             "FILE, or run it where it can ask)") from None


@team_group.command("add-user")
@db_option
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option("--password", default=None,
              help="The new login's password (visible to other local users while the command "
                   "runs: prefer --password-file, or the prompt).")
@click.option("--password-file", type=FilePath(), default=None,
              help="Read the password from the first line of this file.")
@click.option("--existing", is_flag=True,
              help="NAME is a login the server has already: add it to the team as it is.")
def add_user(
    db: str | None, name: str, role: str, password: str | None, password_file: str | None,
    existing: bool,
) -> None:
    """Create the PostgreSQL login NAME in the project's ROLE group (or, with --existing,
    add a login the server has). Run it as the project's owner."""
    with open_project(db) as project:
        project.team.require_server()  # an SQLite project: say so before asking for a password
        if existing:
            if password is not None or password_file is not None:
                raise WorkbenchError("--existing adds a login as it is: no password")
            secret = None
        else:
            project.team.check_new_login(name)  # before the password is typed twice
            secret = _password(password, password_file, name)
        before = project.team.add_member(name, role, secret)
    said = " (new login)" if not existing else "" if before is None else (
        " (already)" if before == role else f" (was {before})")
    click.echo(f"{name}: {role} of {project.path}{said}")


@team_group.command("list")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def list_users(db: str | None, fmt: str) -> None:
    """The team: its owner, each user's role and the sessions they have open on the project."""
    with open_project(db) as project:
        members = project.team.members()
        owner = project.team.owner()
        where = str(project.path)
    if fmt == "json":
        print_json([
            {"name": m.name, "role": m.role, "login": m.can_login, "sessions": m.sessions}
            for m in members
        ])
        return
    owned = "" if owner is None else f" (owner: {owner})"
    if not members:
        click.echo(f"{where}{owned}: no team yet (workbench team add-user NAME --role ROLE)")
        return
    from rich.table import Table

    table = Table(title=f"Team of {where}{owned}")
    for column in ("user", "role", "login", "sessions"):
        table.add_column(column)
    for m in members:
        table.add_row(m.name, m.role, "yes" if m.can_login else "no", str(m.sessions))
    console.print(table)


@team_group.command("remove")
@db_option
@click.argument("name")
def remove_user(db: str | None, name: str) -> None:
    """Take NAME off the team (their login is dropped unless it belongs to something else)."""
    with open_project(db) as project:
        dropped = project.team.remove_member(name)
    click.echo(f"{name}: removed from the team" + ("; login dropped" if dropped else
                                                    "; the login is kept (used elsewhere)"))
