"""The ``workbench`` command group, shared options, and error handling."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console

from workbench.errors import WorkbenchError

console = Console()
err_console = Console(stderr=True)

EXIT_ERROR = 2


class WorkbenchGroup(click.Group):
    """A click group that turns WorkbenchError into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            click.echo(f"workbench: error: {exc}", err=True)
            sys.exit(EXIT_ERROR)


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH``: the project database (default ./segments.db, built from the sample)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Project database (default: ./segments.db, created from the sample on first use).",
    )(fn)


def print_json(data: Any) -> None:
    """Print ``data`` as pretty JSON with Arabic kept readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=WorkbenchGroup, invoke_without_command=True)
@db_option
@click.version_option(package_name="workbench")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """The Arabic-English translation workbench.

    With no command, opens the translator's workbench on ./segments.db (the sample
    project is built there on first run).
    """
    if ctx.invoked_subcommand is None:
        from workbench.project import open_project

        with open_project(db) as project:
            stats = project.stats()
        click.echo(
            "The TUI is not built yet; project figures: "
            + json.dumps(stats, ensure_ascii=False)
        )
