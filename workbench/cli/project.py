"""``workbench project copy``: copy a whole project between an SQLite file and PostgreSQL."""

from __future__ import annotations

from dataclasses import asdict

import click

from workbench.cli.app import main, print_json


@main.group("project")
def project_group() -> None:
    """Whole projects: copy one between an SQLite file and a PostgreSQL database."""


@project_group.command("copy")
@click.argument("source", metavar="SRC")
@click.argument("destination", metavar="DST")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def copy(source: str, destination: str, fmt: str) -> None:
    """Copy the project SRC into DST, history and ids included, and verify the copy.

    Each is a file path or a postgresql://user:password@host:port/dbname URL: an SQLite
    project copied into an empty database starts a team project; a database copied into a new
    file takes the project offline. DST must be a file that does not exist or a database
    without tables. The copy is one transaction: it appears only once every table has as many
    rows as in SRC and the same checksum.
    """
    from workbench.store.copy import copy_project

    report = copy_project(source, destination)
    if fmt == "json":
        print_json({**asdict(report), "rows": report.rows})
        return
    from rich.table import Table

    from workbench.cli.app import console

    table = Table(title=f"{report.source} → {report.destination}")
    for column in ("table", "rows", "copied", "checksum", "verified"):
        table.add_column(column, justify="right" if column in ("rows", "copied") else "left")
    for t in report.tables:
        table.add_row(t.table, f"{t.rows:,}", f"{t.copied:,}", t.checksum,
                      "yes" if t.verified else "NO")
    console.print(table)
    click.echo(
        f"copied {report.rows:,} rows of {len(report.tables)} tables to {report.destination} "
        f"in {report.seconds:.1f} s; counts and checksums verified"
    )
